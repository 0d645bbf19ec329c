#include "api/profile_codec.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "core/clock.hpp"
#include "domain/profiles/profile_names.hpp"
#include "domain/profiles/profile_validation.hpp"

namespace enishi::api {
namespace {

using nlohmann::json;
using namespace enishi::profiles;
using organizations::Company;
using organizations::OrganizationNames;
using organizations::School;


template <class IdType>
IdType ReadId(FieldReader& fields, std::string_view name, bool required) {
  std::optional<std::string> text =
      required ? std::optional(fields.RequireString(name, 64)) : fields.OptionalString(name, 64);
  if (!text || (required && text->empty())) return IdType();
  std::optional<IdType> id = IdType::Parse(*text);
  if (!id) {
    fields.Fail(name, "is not a valid id");
    return IdType();
  }
  return *id;
}

privacy::Audience ReadAudience(FieldReader& fields) {
  std::string text = fields.RequireString("audience", 64);
  std::optional<privacy::Audience> audience = privacy::ParseAudience(text);
  if (!audience) {
    if (!text.empty()) fields.Fail("audience", "is not a known audience");
    return {};
  }
  return *audience;
}

std::string FormatMonth(const YearMonth& month) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", month.year, month.month);
  return text;
}

// "YYYY-MM"; the checks on the values themselves are the domain's (profile_validation.hpp).
std::optional<YearMonth> ParseMonth(std::string_view text) {
  auto digits = [&](size_t from, size_t count) -> std::optional<int> {
    int value = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  std::optional<int> year = digits(0, 4);
  std::optional<int> month = digits(5, 2);
  if (!year || !month) return std::nullopt;
  return YearMonth{*year, *month};
}

YearMonth ReadMonth(FieldReader& fields, std::string_view name) {
  std::string text = fields.RequireString(name, 16);
  std::optional<YearMonth> month = ParseMonth(text);
  if (!month) {
    fields.Fail(name, "must be a month as YYYY-MM");
    return {};
  }
  return *month;
}

std::optional<YearMonth> ReadOptionalMonth(FieldReader& fields, std::string_view name) {
  std::optional<std::string> text = fields.OptionalString(name, 16);
  if (!text) return std::nullopt;
  std::optional<YearMonth> month = ParseMonth(*text);
  if (!month) fields.Fail(name, "must be a month as YYYY-MM");
  return month;
}

// Reads an audienced scalar {"value": ..., "audience": ...} with `read_value` for the value.
template <class T, class ReadValue>
Visible<T> ReadVisible(FieldReader& fields, std::string_view name, ReadValue read_value) {
  FieldReader field = fields.Child(fields.RequireObject(name), name);
  Visible<T> visible;
  visible.value = read_value(field);
  visible.audience = ReadAudience(field);
  field.FinishChild();
  return visible;
}

Visible<std::string> ReadVisibleText(FieldReader& fields, std::string_view name) {
  return ReadVisible<std::string>(fields, name, [](FieldReader& field) {
    return field.OptionalString("value", 16 * 1024).value_or("");
  });
}

PersonName ReadPersonName(FieldReader& field) {
  FieldReader name = field.Child(field.RequireObject("value"), "value");
  PersonName person;
  for (auto [part, key] : {std::pair{&person.family, "family"}, std::pair{&person.given, "given"},
                           std::pair{&person.family_reading, "family_reading"},
                           std::pair{&person.given_reading, "given_reading"},
                           std::pair{&person.latin_family, "latin_family"},
                           std::pair{&person.latin_given, "latin_given"}}) {
    *part = name.OptionalString(key).value_or("");
  }
  if (name.OptionalString("order", 32)) {
    person.order = ReadEnum(name, "order", kNameOrderNames, NameOrder::kFamilyFirst);
  }
  name.FinishChild();
  return person;
}

CareerPreferences ReadCareer(FieldReader& field) {
  FieldReader reader = field.Child(field.RequireObject("value"), "value");
  CareerPreferences career;
  career.status = ReadEnum(reader, "status", kJobSeekingNames, JobSeeking::kNotLooking);
  for (auto [list, key] : {std::pair{&career.roles, "roles"},
                           std::pair{&career.locations, "locations"}}) {
    if (reader.OptionalArray(key, ProfileLimits::kCareerItems).empty()) continue;
    *list = reader.RequireStringArray(key, ProfileLimits::kCareerItems);
  }
  constexpr int64_t kMax = INT64_MAX;
  career.salary_min = reader.OptionalInt("salary_min", 0, kMax);
  career.salary_max = reader.OptionalInt("salary_max", 0, kMax);
  career.salary_currency = reader.OptionalString("salary_currency", 8).value_or("");
  reader.FinishChild();
  return career;
}

// Reads every element of list `name` with `read_entry`, each through a child reader.
template <class Entry, class ReadEntry>
std::vector<Entry> ReadList(FieldReader& fields, std::string_view name, size_t max_items,
                            ReadEntry read_entry) {
  std::vector<Entry> entries;
  const json& array = fields.RequireArray(name, max_items);
  for (size_t i = 0; i < array.size(); ++i) {
    FieldReader item = fields.Child(array[i], name, i);
    Entry entry = read_entry(item);
    entry.id = ReadId<EntryId>(item, "id", false);
    entry.audience = ReadAudience(item);
    item.FinishChild();
    entries.push_back(std::move(entry));
  }
  return entries;
}

json NamesJson(const OrganizationNames& names) {
  json out = json::object();
  for (auto [value, key] : {std::pair{&names.ja, "ja"}, std::pair{&names.zh, "zh"},
                            std::pair{&names.en, "en"}, std::pair{&names.reading, "reading"}}) {
    if (!value->empty()) out[key] = *value;
  }
  return out;
}

// Objects on the path of every profile view are filled key by key: an initializer list would
// build, copy and convert a two-element array per key.
json PersonNameJson(const PersonName& name) {
  json out = json::object();
  out["family"] = name.family;
  out["given"] = name.given;
  out["family_reading"] = name.family_reading;
  out["given_reading"] = name.given_reading;
  out["latin_family"] = name.latin_family;
  out["latin_given"] = name.latin_given;
  out["order"] = EnumText(kNameOrderNames, name.order);
  return out;
}

json CareerJson(const CareerPreferences& career) {
  json out = {{"status", EnumText(kJobSeekingNames, career.status)},
              {"roles", career.roles},
              {"locations", career.locations}};
  if (career.salary_min) out["salary_min"] = *career.salary_min;
  if (career.salary_max) out["salary_max"] = *career.salary_max;
  if (!career.salary_currency.empty()) out["salary_currency"] = career.salary_currency;
  return out;
}

// Who is reading an entry: its owner also gets the audience and the raw organisation id.
enum class Reader { kViewer, kOwner };

template <class Entry>
json EntryJson(const Entry& entry, json fields, Reader reader) {
  fields["id"] = entry.id.ToString();
  if (reader == Reader::kOwner) fields["audience"] = privacy::FormatAudience(entry.audience);
  return fields;
}

template <class Org, class IdType>
const Org* FindOrg(const std::vector<Org>& orgs, IdType id) {
  auto it = std::find_if(orgs.begin(), orgs.end(), [&](const Org& org) { return org.id == id; });
  return it == orgs.end() ? nullptr : &*it;
}

void AddPeriod(json& out, const YearMonth& start, const std::optional<YearMonth>& end) {
  out["start"] = FormatMonth(start);
  if (end) out["end"] = FormatMonth(*end);
}

// The lists of a profile or view, shared by MemberViewJson and OwnProfileJson.
template <class Lists>
void AddLists(json& out, const Lists& lists, const std::vector<Company>& companies,
              const std::vector<School>& schools, Reader reader) {
  json positions = json::array();
  for (const Position& position : lists.positions) {
    json fields = json::object();
    fields["title"] = position.title;
    fields["function"] = EnumText(kJobFunctionNames, position.function);
    fields["seniority"] = EnumText(kSeniorityNames, position.seniority);
    fields["description"] = position.description;
    AddPeriod(fields, position.start, position.end);
    if (const Company* company = FindOrg(companies, position.company)) {
      fields["company"] = CompanyJson(*company);
    }
    if (reader == Reader::kOwner) fields["company_id"] = position.company.ToString();
    positions.push_back(EntryJson(position, std::move(fields), reader));
  }
  json education = json::array();
  for (const Education& entry : lists.education) {
    json fields = json::object();
    fields["degree"] = entry.degree;
    fields["field"] = entry.field;
    fields["country"] = entry.country;
    AddPeriod(fields, entry.start, entry.end);
    if (const School* school = FindOrg(schools, entry.school)) fields["school"] = SchoolJson(*school);
    if (reader == Reader::kOwner) fields["school_id"] = entry.school.ToString();
    education.push_back(EntryJson(entry, std::move(fields), reader));
  }
  json languages = json::array();
  for (const Language& language : lists.languages) {
    languages.push_back(EntryJson(
        language,
        {{"language", language.language},
         {"proficiency", EnumText(kProficiencyNames, language.proficiency)}},
        reader));
  }
  json skills = json::array();
  for (const Skill& skill : lists.skills) {
    skills.push_back(EntryJson(skill, {{"name", skill.name}}, reader));
  }
  json links = json::array();
  for (const Link& link : lists.links) {
    links.push_back(EntryJson(link,
                              {{"kind", EnumText(kLinkKindNames, link.kind)},
                               {"title", link.title},
                               {"url", link.url},
                               {"description", link.description}},
                              reader));
  }
  json contacts = json::array();
  for (const Contact& contact : lists.contacts) {
    contacts.push_back(EntryJson(
        contact, {{"kind", EnumText(kContactKindNames, contact.kind)}, {"value", contact.value}},
        reader));
  }
  out["positions"] = std::move(positions);
  out["education"] = std::move(education);
  out["languages"] = std::move(languages);
  out["skills"] = std::move(skills);
  out["links"] = std::move(links);
  out["contacts"] = std::move(contacts);
}

template <class T>
json VisibleJson(const Visible<T>& visible, json value) {
  return {{"value", std::move(value)}, {"audience", privacy::FormatAudience(visible.audience)}};
}

}  // namespace

std::string PhotoUrl(MemberId member, ImageId image) {
  return "/api/v1/members/" + member.ToString() + "/photo?v=" + image.ToString();
}

OrganizationNames ReadNames(FieldReader& fields) {
  FieldReader names = fields.Child(fields.RequireObject("names"), "names");
  OrganizationNames out;
  out.ja = names.OptionalString("ja").value_or("");
  out.zh = names.OptionalString("zh").value_or("");
  out.en = names.OptionalString("en").value_or("");
  out.reading = names.OptionalString("reading").value_or("");
  names.FinishChild();
  return out;
}

Profile ReadProfile(FieldReader& fields) {
  Profile profile;
  profile.display_name = ReadVisibleText(fields, "display_name");
  profile.name = ReadVisible<PersonName>(fields, "name", ReadPersonName);
  profile.headline = ReadVisibleText(fields, "headline");
  profile.about = ReadVisibleText(fields, "about");
  profile.location = ReadVisibleText(fields, "location");
  // The photo itself is uploaded on its own; only its audience is set here.
  profile.photo = ReadVisible<std::optional<ImageId>>(
      fields, "photo", [](FieldReader&) { return std::optional<ImageId>(); });
  profile.career = ReadVisible<CareerPreferences>(fields, "career", ReadCareer);
  using L = ProfileLimits;
  profile.positions = ReadList<Position>(fields, "positions", L::kPositions, [](FieldReader& item) {
    Position position;
    position.company = ReadId<CompanyId>(item, "company_id", true);
    position.title = item.RequireString("title");
    position.function = ReadEnum(item, "function", kJobFunctionNames, JobFunction::kOther);
    position.seniority = ReadEnum(item, "seniority", kSeniorityNames, Seniority::kMid);
    position.start = ReadMonth(item, "start");
    position.end = ReadOptionalMonth(item, "end");
    position.description = item.OptionalString("description", 16 * 1024).value_or("");
    return position;
  });
  profile.education = ReadList<Education>(fields, "education", L::kEducation, [](FieldReader& item) {
    Education education;
    education.school = ReadId<SchoolId>(item, "school_id", true);
    education.degree = item.OptionalString("degree").value_or("");
    education.field = item.OptionalString("field").value_or("");
    education.country = item.OptionalString("country", 8).value_or("");
    education.start = ReadMonth(item, "start");
    education.end = ReadOptionalMonth(item, "end");
    return education;
  });
  profile.languages = ReadList<Language>(fields, "languages", L::kLanguages, [](FieldReader& item) {
    Language language;
    language.language = item.RequireString("language", 64);
    language.proficiency = ReadEnum(item, "proficiency", kProficiencyNames, Proficiency::kWorking);
    return language;
  });
  profile.skills = ReadList<Skill>(fields, "skills", L::kSkills, [](FieldReader& item) {
    return Skill{{}, item.RequireString("name"), {}};
  });
  profile.links = ReadList<Link>(fields, "links", L::kLinks, [](FieldReader& item) {
    Link link;
    link.kind = ReadEnum(item, "kind", kLinkKindNames, LinkKind::kLink);
    link.title = item.RequireString("title");
    link.url = item.RequireString("url", 8 * 1024);
    link.description = item.OptionalString("description", 16 * 1024).value_or("");
    return link;
  });
  profile.contacts = ReadList<Contact>(fields, "contacts", L::kContacts, [](FieldReader& item) {
    Contact contact;
    contact.kind = ReadEnum(item, "kind", kContactKindNames, ContactKind::kEmail);
    contact.value = item.RequireString("value");
    return contact;
  });
  return profile;
}

json CompanyJson(const Company& company) {
  json out = json::object();
  out["id"] = company.id.ToString();
  out["names"] = NamesJson(company.names);
  return out;
}

json SchoolJson(const School& school) {
  json out = json::object();
  out["id"] = school.id.ToString();
  out["names"] = NamesJson(school.names);
  out["country"] = school.country;
  return out;
}

json MemberViewJson(const ResolvedView& resolved) {
  const privacy::ProfileView& view = resolved.view;
  json out = json::object();
  out["id"] = view.member.ToString();
  if (view.display_name) out["display_name"] = *view.display_name;
  if (view.name) out["name"] = PersonNameJson(*view.name);
  if (view.headline) out["headline"] = *view.headline;
  if (view.about) out["about"] = *view.about;
  if (view.location) out["location"] = *view.location;
  if (view.photo) out["photo_url"] = PhotoUrl(view.member, *view.photo);
  if (view.career) out["career"] = CareerJson(*view.career);
  AddLists(out, view, resolved.companies, resolved.schools, Reader::kViewer);
  return out;
}

json OwnProfileJson(const OwnProfile& own) {
  const Profile& profile = own.profile;
  json photo = {{"audience", privacy::FormatAudience(profile.photo.audience)}, {"url", nullptr}};
  if (profile.photo.value) photo["url"] = PhotoUrl(profile.member, *profile.photo.value);
  json out = {{"id", profile.member.ToString()},
              {"display_name", VisibleJson(profile.display_name, profile.display_name.value)},
              {"name", VisibleJson(profile.name, PersonNameJson(profile.name.value))},
              {"headline", VisibleJson(profile.headline, profile.headline.value)},
              {"about", VisibleJson(profile.about, profile.about.value)},
              {"location", VisibleJson(profile.location, profile.location.value)},
              {"photo", std::move(photo)},
              {"career", VisibleJson(profile.career, CareerJson(profile.career.value))},
              {"updated_at", FormatRfc3339(profile.updated_at)}};
  AddLists(out, profile, own.companies, own.schools, Reader::kOwner);
  return out;
}

json PrivacyJson(const OwnPrivacy& privacy) {
  const Discoverability& discoverability = privacy.settings.discoverability;
  json shielded = json::array();
  for (const Company& company : privacy.shielded) shielded.push_back(CompanyJson(company));
  json automatic = json::array();
  for (const Company& company : privacy.automatic) automatic.push_back(CompanyJson(company));
  return {{"discoverability",
           {{"searchable", discoverability.searchable},
            {"findable_by_email", discoverability.findable_by_email},
            {"findable_by_phone", discoverability.findable_by_phone}}},
          {"shield",
           {{"companies", std::move(shielded)},
            {"automatic", std::move(automatic)},
            {"hide_profile", privacy.settings.shield.hide_profile}}},
          {"profile_link", privacy.settings.profile_link}};
}

json CircleJson(const Circle& circle) {
  json members = json::array();
  for (MemberId member : circle.members) members.push_back(member.ToString());
  return {{"id", circle.id.ToString()}, {"name", circle.name}, {"members", std::move(members)}};
}

json WorkEmailJson(const WorkEmail& email) {
  json companies = json::array();
  for (const Company& company : email.companies) companies.push_back(CompanyJson(company));
  return {{"email", email.email.email},
          {"domain", email.email.domain},
          {"verified_at", FormatRfc3339(email.email.verified_at)},
          {"companies", std::move(companies)}};
}

json PersonaJson(const personas::PublicPersona& persona) {
  json out = {{"id", persona.id.ToString()},
              {"handle", persona.handle},
              {"bio", persona.bio},
              {"avatar_url", nullptr}};
  if (persona.avatar) {
    out["avatar_url"] =
        "/api/v1/personas/" + persona.id.ToString() + "/avatar?v=" + persona.avatar->ToString();
  }
  return out;
}

personas::PublicPersona PublicOf(const personas::Persona& persona) {
  return {persona.id, persona.handle, persona.bio, persona.avatar};
}

}  // namespace enishi::api
