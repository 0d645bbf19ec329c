#include "storage/sql/profile_repo.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "domain/profiles/profile_defaults.hpp"
#include "domain/profiles/profile_names.hpp"
#include "storage/sql/organization_repo.hpp"
#include "storage/sql/relationship_repo.hpp"
#include "storage/sql/search_repo.hpp"
#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {
namespace {

using privacy::FormatAudience;
using profiles::CareerPreferences;
using profiles::Contact;
using profiles::Education;
using profiles::kContactKindNames;
using profiles::kJobFunctionNames;
using profiles::kJobSeekingNames;
using profiles::kLinkKindNames;
using profiles::kNameOrderNames;
using profiles::kProficiencyNames;
using profiles::kSeniorityNames;
using profiles::Language;
using profiles::Link;
using profiles::Position;
using profiles::Profile;
using profiles::ProfileData;
using profiles::ProfileRevision;
using profiles::Skill;
using profiles::YearMonth;

constexpr std::string_view kRole = "role";
constexpr std::string_view kLocation = "location";

// The account's display name, then the profile's columns, all NULL when it was never saved.
// Every SELECT lists its columns in the order the matching Decode* function reads them.
constexpr std::string_view kSelectProfile =
    "SELECT a.display_name, p.member_id, p.display_name_audience, p.name_family, p.name_given, "
    "p.name_family_reading, p.name_given_reading, p.name_latin_family, p.name_latin_given, "
    "p.name_order, p.name_audience, p.headline, p.headline_audience, p.about, p.about_audience, "
    "p.location, p.location_audience, p.photo_id, p.photo_audience, p.career_status, "
    "p.salary_min, p.salary_max, p.salary_currency, p.career_audience, p.updated_at "
    "FROM accounts a LEFT JOIN profiles p ON p.member_id = a.id WHERE a.id = $1";
// Every list of the profile in one query, each row tagged with its list (part) and its place
// in the list (item). Rows come in no particular order: sorting in SQL would cost a temporary
// B-tree per list, ReadLists sorts them instead. The columns are shared: part, sort_order, id, the
// company or school, start and end months, then up to five texts; a list leaves NULL the columns it
// has no use for. Only the first branch names its columns: PostgreSQL types the others from it.
enum ListPart : int64_t {
  kPositionPart = 0,
  kEducationPart = 1,
  kLanguagePart = 2,
  kSkillPart = 3,
  kLinkPart = 4,
  kContactPart = 5,
  kCareerTargetPart = 6,
};
constexpr int kListPart = 0;
constexpr int kListItem = 1;
constexpr int kListFields = 2;  // The first column a list's decoder reads.
constexpr std::string_view kSelectLists =
    "SELECT 0 AS part, sort_order AS item, id, company_id, start_month, end_month, title, "
    "job_function, seniority, description, audience FROM positions WHERE member_id = $1 "
    "UNION ALL "
    "SELECT 1, sort_order, id, school_id, start_month, end_month, degree, field_of_study, "
    "country, audience, NULL FROM education WHERE member_id = $1 "
    "UNION ALL "
    "SELECT 2, sort_order, id, NULL, NULL, NULL, language, proficiency, audience, NULL, NULL "
    "FROM languages WHERE member_id = $1 "
    "UNION ALL "
    "SELECT 3, sort_order, id, NULL, NULL, NULL, name, audience, NULL, NULL, NULL "
    "FROM skills WHERE member_id = $1 "
    "UNION ALL "
    "SELECT 4, sort_order, id, NULL, NULL, NULL, kind, title, url, description, audience "
    "FROM links WHERE member_id = $1 "
    "UNION ALL "
    "SELECT 5, sort_order, id, NULL, NULL, NULL, kind, value, audience, NULL, NULL "
    "FROM contacts WHERE member_id = $1 "
    "UNION ALL "
    "SELECT 6, sort_order, NULL, NULL, NULL, NULL, kind, value, NULL, NULL, NULL "
    "FROM career_targets WHERE member_id = $1";

constexpr std::string_view kUpdateDisplayName =
    "UPDATE accounts SET display_name = $2 WHERE id = $1";
// Every list goes with the profile row (ON DELETE CASCADE), so a put writes the profile afresh
// and keeps the entry ids it is given.
constexpr std::string_view kDeleteProfile = "DELETE FROM profiles WHERE member_id = $1";
constexpr std::string_view kInsertProfile =
    "INSERT INTO profiles (member_id, display_name_audience, name_family, name_given, "
    "name_family_reading, name_given_reading, name_latin_family, name_latin_given, name_order, "
    "name_audience, headline, headline_audience, about, about_audience, location, "
    "location_audience, photo_id, photo_audience, career_status, salary_min, salary_max, "
    "salary_currency, career_audience, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)";
constexpr std::string_view kInsertCareerTarget =
    "INSERT INTO career_targets (member_id, kind, sort_order, value) VALUES ($1, $2, $3, $4)";
// A company or school that does not exist fails the foreign key: kFailedPrecondition.
constexpr std::string_view kInsertPosition =
    "INSERT INTO positions (member_id, id, sort_order, company_id, title, job_function, "
    "seniority, start_month, end_month, description, audience) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr std::string_view kInsertEducation =
    "INSERT INTO education (member_id, id, sort_order, school_id, degree, field_of_study, "
    "country, start_month, end_month, audience) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr std::string_view kInsertLanguage =
    "INSERT INTO languages (member_id, id, sort_order, language, proficiency, audience) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kInsertSkill =
    "INSERT INTO skills (member_id, id, sort_order, name, audience) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kInsertLink =
    "INSERT INTO links (member_id, id, sort_order, kind, title, url, description, audience) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr std::string_view kInsertContact =
    "INSERT INTO contacts (member_id, id, sort_order, kind, value, audience) "
    "VALUES ($1, $2, $3, $4, $5, $6)";

std::optional<YearMonth> OptionalMonth(RowReader& r) {
  auto key = r.OptionalInt64();
  if (!key) return std::nullopt;
  return MonthOf(*key);
}

// The profile row as kSelectProfile reads it: a saved profile without its lists, or the
// default profile of an account that never saved one.
struct StoredProfile {
  Profile profile;
  bool saved = false;
};

std::optional<StoredProfile> DecodeProfile(const SqlRow& row) {
  RowReader r(row);
  std::string display_name = r.Text();
  Profile p;
  if (r.NextIsNull()) {
    p.display_name.value = std::move(display_name);
    return StoredProfile{std::move(p), false};
  }
  p.member = r.Id<MemberId>();
  p.display_name = {std::move(display_name), r.Audience()};
  p.name.value.family = r.Text();
  p.name.value.given = r.Text();
  p.name.value.family_reading = r.Text();
  p.name.value.given_reading = r.Text();
  p.name.value.latin_family = r.Text();
  p.name.value.latin_given = r.Text();
  p.name.value.order = r.Enum(kNameOrderNames);
  p.name.audience = r.Audience();
  p.headline.value = r.Text();
  p.headline.audience = r.Audience();
  p.about.value = r.Text();
  p.about.audience = r.Audience();
  p.location.value = r.Text();
  p.location.audience = r.Audience();
  p.photo.value = r.OptionalId<ImageId>();
  p.photo.audience = r.Audience();
  p.career.value.status = r.Enum(kJobSeekingNames);
  p.career.value.salary_min = r.OptionalInt64();
  p.career.value.salary_max = r.OptionalInt64();
  p.career.value.salary_currency = r.Text();
  p.career.audience = r.Audience();
  p.updated_at = r.Time();
  if (!r.ok()) return std::nullopt;
  return StoredProfile{std::move(p), true};
}

// The decoders below read a row of kSelectLists from its column kListFields: id, the company
// or school, start, end, then the list's texts.
std::optional<Position> DecodePosition(const SqlRow& row) {
  RowReader r(row, kListFields);
  Position e;
  e.id = r.Id<EntryId>();
  e.company = r.Id<CompanyId>();
  e.start = MonthOf(r.Int64());
  e.end = OptionalMonth(r);
  e.title = r.Text();
  e.function = r.Enum(kJobFunctionNames);
  e.seniority = r.Enum(kSeniorityNames);
  e.description = r.Text();
  e.audience = r.Audience();
  if (!r.ok()) return std::nullopt;
  return e;
}

std::optional<Education> DecodeEducation(const SqlRow& row) {
  RowReader r(row, kListFields);
  Education e;
  e.id = r.Id<EntryId>();
  e.school = r.Id<SchoolId>();
  e.start = MonthOf(r.Int64());
  e.end = OptionalMonth(r);
  e.degree = r.Text();
  e.field = r.Text();
  e.country = r.Text();
  e.audience = r.Audience();
  if (!r.ok()) return std::nullopt;
  return e;
}

// A reader past the columns only positions and education use.
RowReader EntryReader(const SqlRow& row, EntryId& id) {
  RowReader r(row, kListFields);
  id = r.Id<EntryId>();
  r.Skip();
  r.Skip();
  r.Skip();
  return r;
}

std::optional<Language> DecodeLanguage(const SqlRow& row) {
  Language e;
  RowReader r = EntryReader(row, e.id);
  e.language = r.Text();
  e.proficiency = r.Enum(kProficiencyNames);
  e.audience = r.Audience();
  if (!r.ok()) return std::nullopt;
  return e;
}

std::optional<Skill> DecodeSkill(const SqlRow& row) {
  Skill e;
  RowReader r = EntryReader(row, e.id);
  e.name = r.Text();
  e.audience = r.Audience();
  if (!r.ok()) return std::nullopt;
  return e;
}

std::optional<Link> DecodeLink(const SqlRow& row) {
  Link e;
  RowReader r = EntryReader(row, e.id);
  e.kind = r.Enum(kLinkKindNames);
  e.title = r.Text();
  e.url = r.Text();
  e.description = r.Text();
  e.audience = r.Audience();
  if (!r.ok()) return std::nullopt;
  return e;
}

std::optional<Contact> DecodeContact(const SqlRow& row) {
  Contact e;
  RowReader r = EntryReader(row, e.id);
  e.kind = r.Enum(kContactKindNames);
  e.value = r.Text();
  e.audience = r.Audience();
  if (!r.ok()) return std::nullopt;
  return e;
}

// A list's entries with their sort_order, as kSelectLists gives them.
template <class T>
using Keyed = std::vector<std::pair<int64_t, T>>;

// Appends `decode(row)` to `entries`; false when the row does not decode.
template <class T, class Decode>
bool Append(const SqlRow& row, Decode decode, Keyed<T>& entries) {
  std::optional<T> entry = decode(row);
  if (!entry) return false;
  entries.emplace_back(row.Int64(kListItem), std::move(*entry));
  return true;
}

// The entries in sort_order.
template <class T>
std::vector<T> InOrder(Keyed<T>& entries) {
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<T> ordered;
  ordered.reserve(entries.size());
  for (auto& entry : entries) ordered.push_back(std::move(entry.second));
  return ordered;
}

// Fills the lists of `p` from kSelectLists: one query however many entries there are.
Result<void> ReadLists(SqlConnection& db, int64_t member, Profile& p) {
  Keyed<Position> positions;
  Keyed<Education> education;
  Keyed<Language> languages;
  Keyed<Skill> skills;
  Keyed<Link> links;
  Keyed<Contact> contacts;
  Keyed<std::string> roles;
  Keyed<std::string> locations;
  bool unknown = false;
  ENISHI_TRY(db.Query(kSelectLists, {member}, [&](const SqlRow& row) {
    bool decoded = false;
    switch (row.Int64(kListPart)) {
      case kPositionPart:
        decoded = Append(row, DecodePosition, positions);
        break;
      case kEducationPart:
        decoded = Append(row, DecodeEducation, education);
        break;
      case kLanguagePart:
        decoded = Append(row, DecodeLanguage, languages);
        break;
      case kSkillPart:
        decoded = Append(row, DecodeSkill, skills);
        break;
      case kLinkPart:
        decoded = Append(row, DecodeLink, links);
        break;
      case kContactPart:
        decoded = Append(row, DecodeContact, contacts);
        break;
      case kCareerTargetPart: {
        RowReader r(row, kListFields + 4);
        std::string kind = r.Text();
        Keyed<std::string>* targets = kind == kRole       ? &roles
                                      : kind == kLocation ? &locations
                                                          : nullptr;
        if (targets != nullptr) {
          targets->emplace_back(row.Int64(kListItem), r.Text());
          decoded = true;
        }
        break;
      }
      default:
        break;
    }
    if (!decoded) unknown = true;
  }));
  if (unknown) return Internal("a stored row holds a value this build does not know");
  p.positions = InOrder(positions);
  p.education = InOrder(education);
  p.languages = InOrder(languages);
  p.skills = InOrder(skills);
  p.links = InOrder(links);
  p.contacts = InOrder(contacts);
  p.career.value.roles = InOrder(roles);
  p.career.value.locations = InOrder(locations);
  return Ok();
}

}  // namespace

Result<std::optional<Profile>> LoadProfile(SqlConnection& db, MemberId member) {
  const int64_t key = Key(member);
  auto head = QueryOptional<StoredProfile>(db, kSelectProfile, {key}, DecodeProfile);
  if (!head) return head.error();
  if (!head->has_value()) return std::optional<Profile>();  // No such account.
  StoredProfile& stored = **head;
  if (!stored.saved) {
    return std::optional<Profile>(
        profiles::DefaultProfile(member, std::move(stored.profile.display_name.value)));
  }
  Profile& p = stored.profile;
  ENISHI_TRY(ReadLists(db, key, p));
  return std::optional<Profile>(std::move(p));
}

namespace {

// Calls `insert(entry, sort_order)` for each entry in order.
template <class T, class Insert>
Result<void> InsertEach(const std::vector<T>& entries, Insert&& insert) {
  for (size_t i = 0; i < entries.size(); ++i) {
    ENISHI_TRY(insert(entries[i], static_cast<int64_t>(i)));
  }
  return Ok();
}

Result<void> InsertProfileRow(SqlConnection& db, const Profile& p) {
  const profiles::PersonName& name = p.name.value;
  const CareerPreferences& career = p.career.value;
  ENISHI_TRY(db.Execute(kInsertProfile, {Key(p.member),
                                         FormatAudience(p.display_name.audience),
                                         name.family,
                                         name.given,
                                         name.family_reading,
                                         name.given_reading,
                                         name.latin_family,
                                         name.latin_given,
                                         EnumText(kNameOrderNames, name.order),
                                         FormatAudience(p.name.audience),
                                         p.headline.value,
                                         FormatAudience(p.headline.audience),
                                         p.about.value,
                                         FormatAudience(p.about.audience),
                                         p.location.value,
                                         FormatAudience(p.location.audience),
                                         KeyOrNull(p.photo.value),
                                         FormatAudience(p.photo.audience),
                                         EnumText(kJobSeekingNames, career.status),
                                         Nullable(career.salary_min),
                                         Nullable(career.salary_max),
                                         career.salary_currency,
                                         FormatAudience(p.career.audience),
                                         ToMicros(p.updated_at)}));
  return Ok();
}

Result<void> InsertCareerTargets(SqlConnection& db, int64_t member, std::string_view kind,
                                 const std::vector<std::string>& values) {
  return InsertEach(values, [&](const std::string& value, int64_t order) -> Result<void> {
    ENISHI_TRY(db.Execute(kInsertCareerTarget, {member, kind, order, value}));
    return Ok();
  });
}

Result<void> InsertLists(SqlConnection& db, int64_t member, const Profile& p) {
  ENISHI_TRY(InsertEach(p.positions, [&](const Position& e, int64_t order) -> Result<void> {
    ENISHI_TRY(db.Execute(
        kInsertPosition,
        {member, Key(e.id), order, Key(e.company), e.title, EnumText(kJobFunctionNames, e.function),
         EnumText(kSeniorityNames, e.seniority), MonthKey(e.start), MonthKeyOrNull(e.end),
         e.description, FormatAudience(e.audience)}));
    return Ok();
  }));
  ENISHI_TRY(InsertEach(p.education, [&](const Education& e, int64_t order) -> Result<void> {
    ENISHI_TRY(db.Execute(kInsertEducation,
                          {member, Key(e.id), order, Key(e.school), e.degree, e.field, e.country,
                           MonthKey(e.start), MonthKeyOrNull(e.end), FormatAudience(e.audience)}));
    return Ok();
  }));
  ENISHI_TRY(InsertEach(p.languages, [&](const Language& e, int64_t order) -> Result<void> {
    ENISHI_TRY(db.Execute(
        kInsertLanguage, {member, Key(e.id), order, e.language,
                          EnumText(kProficiencyNames, e.proficiency), FormatAudience(e.audience)}));
    return Ok();
  }));
  ENISHI_TRY(InsertEach(p.skills, [&](const Skill& e, int64_t order) -> Result<void> {
    ENISHI_TRY(
        db.Execute(kInsertSkill, {member, Key(e.id), order, e.name, FormatAudience(e.audience)}));
    return Ok();
  }));
  ENISHI_TRY(InsertEach(p.links, [&](const Link& e, int64_t order) -> Result<void> {
    ENISHI_TRY(
        db.Execute(kInsertLink, {member, Key(e.id), order, EnumText(kLinkKindNames, e.kind),
                                 e.title, e.url, e.description, FormatAudience(e.audience)}));
    return Ok();
  }));
  return InsertEach(p.contacts, [&](const Contact& e, int64_t order) -> Result<void> {
    ENISHI_TRY(
        db.Execute(kInsertContact, {member, Key(e.id), order, EnumText(kContactKindNames, e.kind),
                                    e.value, FormatAudience(e.audience)}));
    return Ok();
  });
}

// What a view of member $1 by viewer $2 (NULL: signed out, or the member) reads besides the
// profile itself, in one statement: the member's and the organisations' revisions (migration
// 0013; 0 for a member whose view data was never written), the viewer's standing with the
// member, and one row per circle of the member's that holds the viewer, in the member's order
// (one row with a NULL circle when none does). No row without the account.
constexpr auto kSelectViewBasisText = SqlConcat(
    "SELECT COALESCE((SELECT revision FROM profile_revisions WHERE member_id = $1), 0), "
    "(SELECT revision FROM organization_revision), ",
    kStandingColumns, ", c.id FROM accounts a ", kStandingJoin,
    " LEFT JOIN (circles c JOIN circle_members m ON m.circle_id = c.id AND m.member_id = $2) "
    "ON c.owner_id = a.id WHERE a.id = $1 ORDER BY c.created_seq");
constexpr std::string_view kSelectViewBasis = SqlText(kSelectViewBasisText);

struct ViewBasisRow {
  ProfileRevision revision;
  privacy::Standing standing;
  std::optional<CircleId> circle;
};

std::optional<ViewBasisRow> DecodeViewBasisRow(const SqlRow& row) {
  RowReader r(row);
  ViewBasisRow basis;
  basis.revision.member = r.Int64();
  basis.revision.organizations = r.Int64();
  basis.standing = ReadStanding(r);
  basis.circle = r.OptionalId<CircleId>();
  if (!r.ok()) return std::nullopt;
  return basis;
}

// What ProfileData holds of `member`; nullopt when there is no such account.
Result<std::optional<ProfileData>> LoadProfileData(SqlConnection& db, MemberId member) {
  auto profile = LoadProfile(db, member);
  if (!profile) return profile.error();
  if (!*profile) return std::optional<ProfileData>();
  auto settings = LoadSettings(db, member);
  if (!settings) return settings.error();
  ProfileData data{std::move(**profile), std::move(settings).value(), {}, {}};
  if (!data.profile.positions.empty()) {
    auto companies = LoadCompaniesOfPositions(db, member);
    if (!companies) return companies.error();
    data.companies = std::move(companies).value();
  }
  if (!data.profile.education.empty()) {
    auto schools = LoadSchoolsOfEducation(db, member);
    if (!schools) return schools.error();
    data.schools = std::move(schools).value();
  }
  return std::optional<ProfileData>(std::move(data));
}

}  // namespace

Result<std::optional<Profile>> SqlProfileRepository::FindProfile(MemberId member) {
  return run_.Read("profiles.find_profile",
                   [&](SqlConnection& db) { return LoadProfile(db, member); });
}

Result<std::optional<profiles::ProfileForView>> SqlProfileRepository::FindProfileForView(
    MemberId member, std::optional<MemberId> viewer,
    std::optional<profiles::ProfileRevision> known) {
  using Found = std::optional<profiles::ProfileForView>;
  return run_.Read("profiles.find_profile_for_view", [&](SqlConnection& db) -> Result<Found> {
    // The revisions first: data read after them is at least as new, so a copy stored under
    // them is never older than they say.
    const bool someone_else = viewer && *viewer != member;
    auto basis = QueryAll<ViewBasisRow>(
        db, kSelectViewBasis, {Key(member), someone_else ? SqlValue(Key(*viewer)) : nullptr},
        DecodeViewBasisRow);
    if (!basis) return basis.error();
    if (basis->empty()) return Found();
    profiles::ProfileForView found{basis->front().revision, std::nullopt, {}, std::nullopt};
    if (someone_else) {
      for (const ViewBasisRow& row : *basis) {
        if (row.circle) found.viewer_circles.push_back(*row.circle);
      }
      found.viewer_standing = basis->front().standing;
    }
    if (known != found.revision) {
      auto data = LoadProfileData(db, member);
      if (!data) return data.error();
      if (!*data) return Found();
      found.data = std::move(*data);
    }
    return Found(std::move(found));
  });
}

Result<void> SqlProfileRepository::PutProfile(const Profile& profile) {
  return run_.Write("profiles.put_profile", [&](SqlConnection& db) -> Result<void> {
    const int64_t member = Key(profile.member);
    ENISHI_TRY(ExpectFound(db.Execute(kUpdateDisplayName, {member, profile.display_name.value}),
                           "account"));
    ENISHI_TRY(db.Execute(kDeleteProfile, {member}));
    ENISHI_TRY(InsertProfileRow(db, profile));
    ENISHI_TRY(InsertCareerTargets(db, member, kRole, profile.career.value.roles));
    ENISHI_TRY(InsertCareerTargets(db, member, kLocation, profile.career.value.locations));
    ENISHI_TRY(InsertLists(db, member, profile));
    return WriteMemberEntries(db, dialect_, profile, text_forms_);
  });
}

}  // namespace enishi::storage::sql
