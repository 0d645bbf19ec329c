#include "storage/sql/search_repo.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "domain/search/search_indexer.hpp"
#include "storage/sql/profile_repo.hpp"
#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {
namespace {

using search::Field;
using search::OrganizationKind;

constexpr std::string_view kDeleteTexts = "DELETE FROM search_texts WHERE member_id = $1";
constexpr std::string_view kDeleteFacets = "DELETE FROM search_facets WHERE member_id = $1";
constexpr std::string_view kDeleteMember = "DELETE FROM search_members WHERE member_id = $1";
constexpr std::string_view kInsertText =
    "INSERT INTO search_texts (member_id, field, audience, form) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kInsertFacet =
    "INSERT INTO search_facets (member_id, field, value, audience, until_month) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kPutMember =
    "INSERT INTO search_members (member_id, display_name, profile_updated_at) "
    "VALUES ($1, $2, $3) ON CONFLICT (member_id) DO UPDATE SET "
    "display_name = excluded.display_name, profile_updated_at = excluded.profile_updated_at";
constexpr std::string_view kSelectIndexed = "SELECT 1 FROM search_members WHERE member_id = $1";
// Whether entries derived from a profile of this date and display name are still current.
constexpr std::string_view kSelectCurrent =
    "SELECT 1 FROM accounts a LEFT JOIN profiles p ON p.member_id = a.id "
    "WHERE a.id = $1 AND a.display_name = $2 AND COALESCE(p.updated_at, 0) = $3";

// Members without entries, or with entries older than their profile or display name.
constexpr std::string_view kSelectMembersToIndex =
    "SELECT a.id FROM accounts a "
    "LEFT JOIN profiles p ON p.member_id = a.id "
    "LEFT JOIN search_members m ON m.member_id = a.id "
    "WHERE m.member_id IS NULL OR m.display_name <> a.display_name "
    "OR m.profile_updated_at <> COALESCE(p.updated_at, 0) "
    "ORDER BY a.id LIMIT $1";

// The rows of searchable members only; `$3` = '' or the one field wanted.
constexpr char kTextColumns[] =
    "SELECT t.member_id, t.field, t.audience, t.form FROM search_texts t "
    "JOIN privacy_settings s ON s.member_id = t.member_id AND s.searchable = 1 ";
// A term's substring ($1 the FTS5 phrase), rechecked exactly ($2 the term).
constexpr std::string_view kMatchTextsSqlite =
    "SELECT t.member_id, t.field, t.audience, t.form FROM search_text_trigrams "
    "JOIN search_texts t ON t.id = search_text_trigrams.rowid "
    "JOIN privacy_settings s ON s.member_id = t.member_id AND s.searchable = 1 "
    "WHERE search_text_trigrams MATCH $1 AND instr(t.form, $2) > 0 AND ($3 = '' OR t.field = $3)";
// The same over pg_trgm ($1 the LIKE pattern).
constexpr auto kMatchTextsPostgres = SqlConcat(
    kTextColumns,
    "WHERE t.form LIKE $1 AND strpos(t.form, $2) > 0 AND ($3 = '' OR t.field = $3)");
// Forms that begin with the term: from $1 up to, not including, $2 ($1 and U+10FFFF).
constexpr auto kMatchTextPrefix = SqlConcat(
    kTextColumns, "WHERE t.form >= $1 AND t.form < $2 AND ($3 = '' OR t.field = $3)");

// Among candidates (the last parameter: a list of member ids, a JSON array for SQLite's
// json_each, an array literal for PostgreSQL), each member's rows are read through the member
// index and matched one by one: by substring ($1 the term, $2 the field or ''), or by prefix
// ($1 the term, $2 its end, $3 the field or '').
constexpr auto kMatchTextsAmongSqlite = SqlConcat(
    kTextColumns,
    "WHERE t.member_id IN (SELECT value FROM json_each($3)) AND instr(t.form, $1) > 0 "
    "AND ($2 = '' OR t.field = $2)");
constexpr auto kMatchTextsAmongPostgres = SqlConcat(
    kTextColumns,
    "WHERE t.member_id = ANY(CAST($3 AS BIGINT[])) AND strpos(t.form, $1) > 0 "
    "AND ($2 = '' OR t.field = $2)");
constexpr auto kMatchTextPrefixAmongSqlite = SqlConcat(
    kTextColumns,
    "WHERE t.member_id IN (SELECT value FROM json_each($4)) AND t.form >= $1 AND t.form < $2 "
    "AND ($3 = '' OR t.field = $3)");
constexpr auto kMatchTextPrefixAmongPostgres = SqlConcat(
    kTextColumns,
    "WHERE t.member_id = ANY(CAST($4 AS BIGINT[])) AND t.form >= $1 AND t.form < $2 "
    "AND ($3 = '' OR t.field = $3)");

constexpr char kFacetColumns[] =
    "SELECT f.member_id, f.field, f.audience, f.value, f.until_month FROM search_facets f "
    "JOIN privacy_settings s ON s.member_id = f.member_id AND s.searchable = 1 ";
constexpr auto kMatchFacet = SqlConcat(kFacetColumns, "WHERE f.field = $1 AND f.value = $2");
constexpr auto kMatchFacetAmongSqlite =
    SqlConcat(kFacetColumns,
              "WHERE f.member_id IN (SELECT value FROM json_each($3)) AND f.field = $1 "
              "AND f.value = $2");
constexpr auto kMatchFacetAmongPostgres =
    SqlConcat(kFacetColumns,
              "WHERE f.member_id = ANY(CAST($3 AS BIGINT[])) AND f.field = $1 AND f.value = $2");

// Organisations whose form begins with $2 (up to $3) or, when $4 is not empty, contains it.
constexpr std::string_view kMatchOrganizationsSqlite =
    "SELECT DISTINCT organization_id FROM search_organizations WHERE kind = $1 AND "
    "((form >= $2 AND form < $3) OR ($4 <> '' AND instr(form, $4) > 0)) ORDER BY organization_id";
constexpr std::string_view kMatchOrganizationsPostgres =
    "SELECT DISTINCT organization_id FROM search_organizations WHERE kind = $1 AND "
    "((form >= $2 AND form < $3) OR ($4 <> '' AND strpos(form, $4) > 0)) ORDER BY organization_id";
constexpr std::string_view kInsertOrganizationForm =
    "INSERT INTO search_organizations (kind, organization_id, form) VALUES ($1, $2, $3) "
    "ON CONFLICT DO NOTHING";
constexpr std::string_view kSelectOrganizationsToIndex =
    "SELECT 'company', c.id, c.name_ja, c.name_zh, c.name_en, c.name_reading FROM companies c "
    "WHERE NOT EXISTS (SELECT 1 FROM search_organizations o "
    "WHERE o.kind = 'company' AND o.organization_id = c.id) "
    "UNION ALL "
    "SELECT 'school', s.id, s.name_ja, s.name_zh, s.name_en, s.name_reading FROM schools s "
    "WHERE NOT EXISTS (SELECT 1 FROM search_organizations o "
    "WHERE o.kind = 'school' AND o.organization_id = s.id) "
    "LIMIT $1";

constexpr std::string_view kSelectTiesTowards =
    "SELECT member_id, stage, trusted FROM ties WHERE other_id = $1 ORDER BY member_id";
constexpr std::string_view kSelectBlockedEither =
    "SELECT blocked_id FROM blocks WHERE blocker_id = $1 "
    "UNION SELECT blocker_id FROM blocks WHERE blocked_id = $1";
constexpr std::string_view kSelectViewerCircles =
    "SELECT c.owner_id, c.id FROM circle_members m JOIN circles c ON c.id = m.circle_id "
    "WHERE m.member_id = $1";

// U+10FFFF, the last code point: every form that begins with a term sorts below the term
// followed by it.
constexpr std::string_view kLastCodePoint = "\xF4\x8F\xBF\xBF";

std::string FieldText(Field field) { return std::string(EnumText(search::kFieldNames, field)); }

std::optional<privacy::Stage> StageOf(std::string_view stage) {
  if (stage == "greeted") return privacy::Stage::kGreeted;
  if (stage == "conversing") return privacy::Stage::kConversing;
  if (stage == "connected") return privacy::Stage::kConnected;
  return std::nullopt;
}

// `term` as a LIKE pattern matching it anywhere, with LIKE's own characters escaped.
std::string ContainsPattern(std::string_view term) {
  std::string pattern = "%";
  for (char c : term) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

// `term` as an FTS5 phrase: a string in double quotes, quotes doubled.
std::string Phrase(std::string_view term) {
  std::string phrase = "\"";
  for (char c : term) {
    if (c == '"') phrase += '"';
    phrase += c;
  }
  phrase += '"';
  return phrase;
}

// `members` as the ...Among queries read them.
std::string MemberList(Dialect dialect, std::span<const MemberId> members) {
  std::string list = dialect == Dialect::kSqlite ? "[" : "{";
  for (MemberId member : members) {
    if (list.size() > 1) list += ',';
    list += std::to_string(Key(member));
  }
  list += dialect == Dialect::kSqlite ? "]" : "}";
  return list;
}

size_t Characters(std::string_view text) { return static_cast<size_t>(CodePoints(text)); }

std::optional<search::TextRow> DecodeText(const SqlRow& row) {
  RowReader r(row);
  search::TextRow text;
  text.member = r.Id<MemberId>();
  text.field = r.Enum(search::kFieldNames);
  text.audience = r.Text();
  text.form = r.Text();
  if (!r.ok()) return std::nullopt;
  return text;
}

std::optional<search::FacetRow> DecodeFacet(const SqlRow& row) {
  RowReader r(row);
  search::FacetRow facet;
  facet.member = r.Id<MemberId>();
  facet.field = r.Enum(search::kFieldNames);
  facet.audience = r.Text();
  facet.value = r.Text();
  if (auto until = r.OptionalInt64()) facet.until_month = static_cast<int>(*until);
  if (!r.ok()) return std::nullopt;
  return facet;
}

Result<void> ReplaceEntries(SqlConnection& db, MemberId member,
                            const search::MemberEntries& entries) {
  const int64_t key = Key(member);
  ENISHI_TRY(db.Execute(kDeleteTexts, {key}));
  ENISHI_TRY(db.Execute(kDeleteFacets, {key}));
  for (const search::TextEntry& text : entries.texts) {
    ENISHI_TRY(db.Execute(kInsertText, {key, FieldText(text.field),
                                        privacy::FormatAudience(text.audience), text.form}));
  }
  for (const search::FacetEntry& facet : entries.facets) {
    SqlValue until = facet.until_month ? SqlValue(*facet.until_month) : SqlValue(nullptr);
    ENISHI_TRY(db.Execute(kInsertFacet, {key, FieldText(facet.field), facet.value,
                                         privacy::FormatAudience(facet.audience), until}));
  }
  ENISHI_TRY(db.Execute(kPutMember,
                        {key, entries.display_name, ToMicros(entries.profile_updated_at)}));
  return Ok();
}

Result<void> InsertOrganizationForms(SqlConnection& db, const search::OrganizationForms& forms) {
  const std::string kind(EnumText(search::kOrganizationKindNames, forms.kind));
  const auto id = static_cast<int64_t>(forms.id);
  if (forms.forms.empty()) {
    ENISHI_TRY(db.Execute(kInsertOrganizationForm, {kind, id, ""}));
  }
  for (const std::string& form : forms.forms) {
    ENISHI_TRY(db.Execute(kInsertOrganizationForm, {kind, id, form}));
  }
  return Ok();
}

}  // namespace

Result<void> WriteMemberEntries(SqlConnection& db, const profiles::Profile& profile,
                                const search::TextForms* forms) {
  if (forms == nullptr) {
    const int64_t key = Key(profile.member);
    ENISHI_TRY(db.Execute(kDeleteTexts, {key}));
    ENISHI_TRY(db.Execute(kDeleteFacets, {key}));
    ENISHI_TRY(db.Execute(kDeleteMember, {key}));
    return Ok();
  }
  return ReplaceEntries(db, profile.member, search::EntriesOf(profile, *forms));
}

Result<void> IndexIfMissing(SqlConnection& db, MemberId member, const search::TextForms* forms) {
  if (forms == nullptr) return Ok();
  bool indexed = false;
  ENISHI_TRY(db.Query(kSelectIndexed, {Key(member)}, [&](const SqlRow&) { indexed = true; }));
  if (indexed) return Ok();
  auto profile = LoadProfile(db, member);
  if (!profile) return profile.error();
  if (!*profile) return Ok();  // No such account: the caller answers for it.
  return ReplaceEntries(db, member, search::EntriesOf(**profile, *forms));
}

Result<void> WriteOrganizationForms(SqlConnection& db, OrganizationKind kind, uint64_t id,
                                    const organizations::OrganizationNames& names,
                                    const search::TextForms* forms) {
  if (forms == nullptr) return Ok();  // OrganizationsToIndex finds it later.
  return InsertOrganizationForms(db, search::FormsOf(kind, id, names, *forms));
}

Result<std::vector<search::TextRow>> SqlSearchRepository::MatchTexts(
    std::string_view term, std::optional<Field> only, std::span<const MemberId> among) {
  return run_.Read("search.match_texts", [&](SqlConnection& db) {
    const std::string field = only ? FieldText(*only) : std::string();
    const bool prefix = Characters(term) < search::kSubstringMinChars;
    const std::string end = std::string(term) + std::string(kLastCodePoint);
    const bool sqlite = dialect_ == Dialect::kSqlite;
    if (!among.empty()) {
      const std::string members = MemberList(dialect_, among);
      if (prefix) {
        return QueryAll<search::TextRow>(
            db, sqlite ? SqlText(kMatchTextPrefixAmongSqlite) : SqlText(kMatchTextPrefixAmongPostgres),
            {term, end, field, members}, DecodeText);
      }
      return QueryAll<search::TextRow>(
          db, sqlite ? SqlText(kMatchTextsAmongSqlite) : SqlText(kMatchTextsAmongPostgres),
          {term, field, members}, DecodeText);
    }
    if (prefix) {
      return QueryAll<search::TextRow>(db, SqlText(kMatchTextPrefix), {term, end, field}, DecodeText);
    }
    if (sqlite) {
      return QueryAll<search::TextRow>(db, kMatchTextsSqlite, {Phrase(term), term, field},
                                       DecodeText);
    }
    return QueryAll<search::TextRow>(db, SqlText(kMatchTextsPostgres), {ContainsPattern(term), term, field},
                                     DecodeText);
  });
}

Result<std::vector<search::FacetRow>> SqlSearchRepository::MatchFacets(
    Field field, std::span<const std::string> values, std::span<const MemberId> among) {
  return run_.Read("search.match_facets",
                   [&](SqlConnection& db) -> Result<std::vector<search::FacetRow>> {
                     std::vector<search::FacetRow> rows;
                     const std::string name = FieldText(field);
                     const std::string members = MemberList(dialect_, among);
                     const std::string_view among_sql =
                         dialect_ == Dialect::kSqlite ? SqlText(kMatchFacetAmongSqlite)
                                                      : SqlText(kMatchFacetAmongPostgres);
                     for (const std::string& value : values) {
                       auto found =
                           among.empty()
                               ? QueryAll<search::FacetRow>(db, SqlText(kMatchFacet),
                                                            {name, value}, DecodeFacet)
                               : QueryAll<search::FacetRow>(db, among_sql,
                                                            {name, value, members}, DecodeFacet);
                       if (!found) return found.error();
                       std::move(found->begin(), found->end(), std::back_inserter(rows));
                     }
                     return rows;
                   });
}

Result<std::vector<uint64_t>> SqlSearchRepository::MatchOrganizations(OrganizationKind kind,
                                                                       std::string_view term) {
  return run_.Read("search.match_organizations", [&](SqlConnection& db) {
    const std::string end = std::string(term) + std::string(kLastCodePoint);
    const std::string inside =
        Characters(term) >= search::kSubstringMinChars ? std::string(term) : std::string();
    return QueryAll<uint64_t>(
        db,
        dialect_ == Dialect::kSqlite ? kMatchOrganizationsSqlite : kMatchOrganizationsPostgres,
        {EnumText(search::kOrganizationKindNames, kind), term, end, inside},
        [](const SqlRow& row) { return std::optional(static_cast<uint64_t>(row.Int64(0))); });
  });
}

Result<search::ViewerStandings> SqlSearchRepository::StandingsOf(MemberId viewer) {
  return run_.Read("search.standings_of",
                   [&](SqlConnection& db) -> Result<search::ViewerStandings> {
    const int64_t key = Key(viewer);
    search::ViewerStandings standings;
    auto ties = QueryAll<search::Standing>(db, kSelectTiesTowards, {key}, [](const SqlRow& row) {
      RowReader r(row);
      search::Standing standing;
      standing.member = r.Id<MemberId>();
      auto stage = StageOf(r.Text());
      standing.trusted = r.Flag();
      if (!stage || !r.ok()) return std::optional<search::Standing>();
      standing.stage = *stage;
      return std::optional(standing);
    });
    if (!ties) return ties.error();
    standings.ties = std::move(*ties);
    auto blocked = QueryAll<MemberId>(db, kSelectBlockedEither, {key}, [](const SqlRow& row) {
      return std::optional(MemberId(static_cast<uint64_t>(row.Int64(0))));
    });
    if (!blocked) return blocked.error();
    standings.blocked = std::move(*blocked);
    std::sort(standings.blocked.begin(), standings.blocked.end());
    auto circles = QueryAll<std::pair<MemberId, CircleId>>(
        db, kSelectViewerCircles, {key}, [](const SqlRow& row) {
          RowReader r(row);
          auto owner = r.Id<MemberId>();
          auto circle = r.Id<CircleId>();
          return std::optional(std::pair(owner, circle));
        });
    if (!circles) return circles.error();
    standings.circles = std::move(*circles);
    return standings;
  });
}

Result<std::vector<MemberId>> SqlSearchRepository::MembersToIndex(size_t limit) {
  return run_.Read("search.members_to_index", [&](SqlConnection& db) {
    return QueryAll<MemberId>(db, kSelectMembersToIndex, {static_cast<int64_t>(limit)},
                              [](const SqlRow& row) {
                                return std::optional(MemberId(static_cast<uint64_t>(row.Int64(0))));
                              });
  });
}

Result<bool> SqlSearchRepository::PutMemberEntries(MemberId member,
                                                   const search::MemberEntries& entries) {
  return run_.Write("search.put_member_entries", [&](SqlConnection& db) -> Result<bool> {
    bool current = false;
    ENISHI_TRY(db.Query(kSelectCurrent,
                        {Key(member), entries.display_name, ToMicros(entries.profile_updated_at)},
                        [&](const SqlRow&) { current = true; }));
    if (!current) return false;
    ENISHI_TRY(ReplaceEntries(db, member, entries));
    return true;
  });
}

Result<std::vector<search::UnindexedOrganization>> SqlSearchRepository::OrganizationsToIndex(
    size_t limit) {
  return run_.Read("search.organizations_to_index", [&](SqlConnection& db) {
    return QueryAll<search::UnindexedOrganization>(
        db, kSelectOrganizationsToIndex, {static_cast<int64_t>(limit)}, [](const SqlRow& row) {
          RowReader r(row);
          search::UnindexedOrganization organization;
          organization.kind = r.Enum(search::kOrganizationKindNames);
          organization.id = static_cast<uint64_t>(r.Int64());
          organization.names.ja = r.Text();
          organization.names.zh = r.Text();
          organization.names.en = r.Text();
          organization.names.reading = r.Text();
          if (!r.ok()) return std::optional<search::UnindexedOrganization>();
          return std::optional(std::move(organization));
        });
  });
}

Result<void> SqlSearchRepository::PutOrganizationForms(const search::OrganizationForms& forms) {
  return run_.Write("search.put_organization_forms",
                    [&](SqlConnection& db) { return InsertOrganizationForms(db, forms); });
}

}  // namespace enishi::storage::sql
