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
  for (auto [list, key] :
       {std::pair{&career.roles, "roles"}, std::pair{&career.locations, "locations"}}) {
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

void WriteNames(JsonWriter& out, const OrganizationNames& names) {
  out.StartObject();
  for (auto [value, key] : {std::pair{&names.ja, "ja"}, std::pair{&names.zh, "zh"},
                            std::pair{&names.en, "en"}, std::pair{&names.reading, "reading"}}) {
    if (!value->empty()) out.Key(key).String(*value);
  }
  out.EndObject();
}

void WritePersonName(JsonWriter& out, const PersonName& name) {
  out.StartObject();
  out.Key("family").String(name.family);
  out.Key("given").String(name.given);
  out.Key("family_reading").String(name.family_reading);
  out.Key("given_reading").String(name.given_reading);
  out.Key("latin_family").String(name.latin_family);
  out.Key("latin_given").String(name.latin_given);
  out.Key("order").String(EnumText(kNameOrderNames, name.order));
  out.EndObject();
}

void WriteStrings(JsonWriter& out, const std::vector<std::string>& strings) {
  out.StartArray();
  for (const std::string& text : strings) out.String(text);
  out.EndArray();
}

void WriteCareer(JsonWriter& out, const CareerPreferences& career) {
  out.StartObject();
  out.Key("status").String(EnumText(kJobSeekingNames, career.status));
  WriteStrings(out.Key("roles"), career.roles);
  WriteStrings(out.Key("locations"), career.locations);
  if (career.salary_min) out.Key("salary_min").Int(*career.salary_min);
  if (career.salary_max) out.Key("salary_max").Int(*career.salary_max);
  if (!career.salary_currency.empty()) out.Key("salary_currency").String(career.salary_currency);
  out.EndObject();
}

// Who is reading an entry: its owner also gets the audience and the raw organisation id.
enum class Reader { kViewer, kOwner };

// One list entry: its own fields, written by `write_fields`, then its id and, for its owner,
// its audience.
template <class Entry, class WriteFields>
void WriteEntry(JsonWriter& out, const Entry& entry, Reader reader, WriteFields write_fields) {
  out.StartObject();
  write_fields();
  out.Key("id").String(entry.id.ToString());
  if (reader == Reader::kOwner) out.Key("audience").String(privacy::FormatAudience(entry.audience));
  out.EndObject();
}

// The array `key` of `entries`, each written by WriteEntry.
template <class Entry, class WriteFields>
void WriteEntries(JsonWriter& out, std::string_view key, const std::vector<Entry>& entries,
                  Reader reader, WriteFields write_fields) {
  out.Key(key).StartArray();
  for (const Entry& entry : entries) {
    WriteEntry(out, entry, reader, [&] { write_fields(entry); });
  }
  out.EndArray();
}

template <class Org, class IdType>
const Org* FindOrg(const std::vector<Org>& orgs, IdType id) {
  auto it = std::find_if(orgs.begin(), orgs.end(), [&](const Org& org) { return org.id == id; });
  return it == orgs.end() ? nullptr : &*it;
}

void WritePeriod(JsonWriter& out, const YearMonth& start, const std::optional<YearMonth>& end) {
  out.Key("start").String(FormatMonth(start));
  if (end) out.Key("end").String(FormatMonth(*end));
}

// The lists of a profile or view, shared by member views and the owner's own profile.
template <class Lists>
void WriteLists(JsonWriter& out, const Lists& lists, const std::vector<Company>& companies,
                const std::vector<School>& schools, Reader reader) {
  WriteEntries(out, "positions", lists.positions, reader, [&](const Position& position) {
    out.Key("title").String(position.title);
    out.Key("function").String(EnumText(kJobFunctionNames, position.function));
    out.Key("seniority").String(EnumText(kSeniorityNames, position.seniority));
    out.Key("description").String(position.description);
    WritePeriod(out, position.start, position.end);
    if (const Company* company = FindOrg(companies, position.company)) {
      WriteCompany(out.Key("company"), *company);
    }
    if (reader == Reader::kOwner) out.Key("company_id").String(position.company.ToString());
  });
  WriteEntries(out, "education", lists.education, reader, [&](const Education& entry) {
    out.Key("degree").String(entry.degree);
    out.Key("field").String(entry.field);
    out.Key("country").String(entry.country);
    WritePeriod(out, entry.start, entry.end);
    if (const School* school = FindOrg(schools, entry.school)) {
      WriteSchool(out.Key("school"), *school);
    }
    if (reader == Reader::kOwner) out.Key("school_id").String(entry.school.ToString());
  });
  WriteEntries(out, "languages", lists.languages, reader, [&](const Language& language) {
    out.Key("language").String(language.language);
    out.Key("proficiency").String(EnumText(kProficiencyNames, language.proficiency));
  });
  WriteEntries(out, "skills", lists.skills, reader,
               [&](const Skill& skill) { out.Key("name").String(skill.name); });
  WriteEntries(out, "links", lists.links, reader, [&](const Link& link) {
    out.Key("kind").String(EnumText(kLinkKindNames, link.kind));
    out.Key("title").String(link.title);
    out.Key("url").String(link.url);
    out.Key("description").String(link.description);
  });
  WriteEntries(out, "contacts", lists.contacts, reader, [&](const Contact& contact) {
    out.Key("kind").String(EnumText(kContactKindNames, contact.kind));
    out.Key("value").String(contact.value);
  });
}

// An owner's audienced field: {"value": <written by write_value>, "audience": ...}.
template <class T, class WriteValue>
void WriteVisible(JsonWriter& out, std::string_view key, const Visible<T>& visible,
                  WriteValue write_value) {
  out.Key(key).StartObject();
  write_value(out.Key("value"), visible.value);
  out.Key("audience").String(privacy::FormatAudience(visible.audience));
  out.EndObject();
}

void WriteText(JsonWriter& out, const std::string& text) { out.String(text); }

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
  profile.education =
      ReadList<Education>(fields, "education", L::kEducation, [](FieldReader& item) {
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

void WriteCompany(JsonWriter& out, const Company& company) {
  out.StartObject();
  out.Key("id").String(company.id.ToString());
  WriteNames(out.Key("names"), company.names);
  out.EndObject();
}

void WriteSchool(JsonWriter& out, const School& school) {
  out.StartObject();
  out.Key("id").String(school.id.ToString());
  WriteNames(out.Key("names"), school.names);
  out.Key("country").String(school.country);
  out.EndObject();
}

json CompanyJson(const Company& company) {
  return WriteDocument([&](JsonWriter& out) { WriteCompany(out, company); });
}

json SchoolJson(const School& school) {
  return WriteDocument([&](JsonWriter& out) { WriteSchool(out, school); });
}

void WriteMemberViewFields(JsonWriter& out, const ResolvedView& resolved) {
  const privacy::ProfileView& view = resolved.view;
  out.Key("id").String(view.member.ToString());
  if (view.display_name) out.Key("display_name").String(*view.display_name);
  if (view.name) WritePersonName(out.Key("name"), *view.name);
  if (view.headline) out.Key("headline").String(*view.headline);
  if (view.about) out.Key("about").String(*view.about);
  if (view.location) out.Key("location").String(*view.location);
  if (view.photo) out.Key("photo_url").String(PhotoUrl(view.member, *view.photo));
  if (view.career) WriteCareer(out.Key("career"), *view.career);
  WriteLists(out, view, resolved.companies, resolved.schools, Reader::kViewer);
}

void WriteOwnProfile(JsonWriter& out, const OwnProfile& own) {
  const Profile& profile = own.profile;
  out.StartObject();
  out.Key("id").String(profile.member.ToString());
  WriteVisible(out, "display_name", profile.display_name, WriteText);
  WriteVisible(out, "name", profile.name, WritePersonName);
  WriteVisible(out, "headline", profile.headline, WriteText);
  WriteVisible(out, "about", profile.about, WriteText);
  WriteVisible(out, "location", profile.location, WriteText);
  // The photo itself is uploaded on its own: its field holds its address, not its bytes.
  out.Key("photo").StartObject();
  out.Key("audience").String(privacy::FormatAudience(profile.photo.audience));
  if (profile.photo.value) {
    out.Key("url").String(PhotoUrl(profile.member, *profile.photo.value));
  } else {
    out.Key("url").Null();
  }
  out.EndObject();
  WriteVisible(out, "career", profile.career, WriteCareer);
  out.Key("updated_at").String(FormatRfc3339(profile.updated_at));
  WriteLists(out, profile, own.companies, own.schools, Reader::kOwner);
  out.EndObject();
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
