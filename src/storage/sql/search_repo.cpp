#include "storage/sql/search_repo.hpp"

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <string>
#include <unordered_map>
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
constexpr std::string_view kMarkStale =
    "UPDATE search_members SET profile_updated_at = -1 WHERE member_id = $1";
constexpr std::string_view kInsertText =
    "INSERT INTO search_texts (member_id, field, audience, form) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kInsertFacet =
    "INSERT INTO search_facets (member_id, field, value, audience, until_month) "
    "VALUES ($1, $2, $3, $4, $5)";
// The store's clock in microseconds: revisions compare across servers only on one clock.
// SQLite's clock counts milliseconds, and its writers take turns: one more than the last
// revision (of a member or of a removal) keeps revisions distinct.
constexpr char kNowSqlite[] =
    "MAX(CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER), "
    "(SELECT COALESCE(MAX(revised_at), 0) + 1 FROM search_members), "
    "(SELECT COALESCE(MAX(revised_at), 0) + 1 FROM search_removals))";
constexpr char kNowPostgres[] = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)";
constexpr char kPutMemberHead[] =
    "INSERT INTO search_members (member_id, display_name, profile_updated_at, revised_at) "
    "VALUES ($1, $2, $3, ";
// A member's own revisions only grow: on PostgreSQL the clock is read before the row's lock is
// waited for, so a write that waited may have read an earlier time than the one before it.
constexpr char kPutMemberTailSqlite[] =
    ") ON CONFLICT (member_id) DO UPDATE SET display_name = excluded.display_name, "
    "profile_updated_at = excluded.profile_updated_at, revised_at = excluded.revised_at";
constexpr char kPutMemberTailPostgres[] =
    ") ON CONFLICT (member_id) DO UPDATE SET display_name = excluded.display_name, "
    "profile_updated_at = excluded.profile_updated_at, "
    "revised_at = GREATEST(excluded.revised_at, search_members.revised_at + 1)";
constexpr auto kPutMemberSqlite = SqlConcat(kPutMemberHead, kNowSqlite, kPutMemberTailSqlite);
constexpr auto kPutMemberPostgres =
    SqlConcat(kPutMemberHead, kNowPostgres, kPutMemberTailPostgres);
constexpr auto kReviseSqlite =
    SqlConcat("UPDATE search_members SET revised_at = ", kNowSqlite, " WHERE member_id = $1");
constexpr auto kRevisePostgres =
    SqlConcat("UPDATE search_members SET revised_at = GREATEST(", kNowPostgres,
              ", revised_at + 1) WHERE member_id = $1");
constexpr std::string_view kInsertForm =
    "INSERT INTO search_forms (form) VALUES ($1) ON CONFLICT DO NOTHING";
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

// Forms containing a term ($1 the FTS5 phrase), rechecked exactly ($2 the term), or ($1 the
// LIKE pattern) found through pg_trgm.
constexpr std::string_view kMatchFormsSqlite =
    "SELECT f.form FROM search_form_trigrams JOIN search_forms f "
    "ON f.id = search_form_trigrams.rowid "
    "WHERE search_form_trigrams MATCH $1 AND instr(f.form, $2) > 0 ORDER BY f.form";
constexpr std::string_view kMatchFormsPostgres =
    "SELECT form FROM search_forms WHERE form LIKE $1 AND strpos(form, $2) > 0 ORDER BY form";
// Forms that begin with the term: from $1 up to, not including, $2 ($1 and U+10FFFF).
constexpr std::string_view kMatchFormPrefix =
    "SELECT form FROM search_forms WHERE form >= $1 AND form < $2 ORDER BY form";

// Revisions of members and of removals (deleted accounts, whose search_members row went).
constexpr std::string_view kSelectLatestRevision =
    "SELECT COALESCE(MAX(latest), 0) FROM (SELECT MAX(revised_at) AS latest FROM search_members "
    "UNION ALL SELECT MAX(revised_at) FROM search_removals) AS revisions";
// A page of searchable members (after $1, at most $2) and then their rows, read as ranges of
// the member indexes ($1 < member_id <= $2).
constexpr std::string_view kSelectSearchableMembers =
    "SELECT m.member_id, m.revised_at, 1 FROM search_members m "
    "JOIN privacy_settings s ON s.member_id = m.member_id AND s.searchable = 1 "
    "WHERE m.member_id > $1 ORDER BY m.member_id LIMIT $2";
constexpr std::string_view kSelectTextRange =
    "SELECT t.member_id, 0, t.field, t.audience, t.form, NULL FROM search_texts t "
    "WHERE t.member_id > $1 AND t.member_id <= $2 ORDER BY t.member_id, t.id";
constexpr std::string_view kSelectFacetRange =
    "SELECT f.member_id, 1, f.field, f.audience, f.value, f.until_month FROM search_facets f "
    "WHERE f.member_id > $1 AND f.member_id <= $2 ORDER BY f.member_id";
// Members revised after $1, by revision, at most $2.
constexpr std::string_view kSelectRevisedSince =
    "SELECT member_id, revised_at FROM search_members WHERE revised_at > $1 "
    "UNION ALL SELECT member_id, revised_at FROM search_removals WHERE revised_at > $1 "
    "ORDER BY revised_at LIMIT $2";
// Chosen members, then their rows ($1: a list of member ids, a JSON array for SQLite's
// json_each, an array literal for PostgreSQL).
constexpr char kMembersOfHead[] =
    "SELECT m.member_id, m.revised_at, COALESCE(s.searchable, 0) FROM search_members m "
    "LEFT JOIN privacy_settings s ON s.member_id = m.member_id ";
constexpr auto kSelectMembersOfSqlite =
    SqlConcat(kMembersOfHead, "WHERE m.member_id IN (SELECT value FROM json_each($1))");
constexpr auto kSelectMembersOfPostgres =
    SqlConcat(kMembersOfHead, "WHERE m.member_id = ANY(CAST($1 AS BIGINT[]))");
constexpr std::string_view kSelectTextsOfSqlite =
    "SELECT t.member_id, 0, t.field, t.audience, t.form, NULL FROM search_texts t "
    "WHERE t.member_id IN (SELECT value FROM json_each($1)) ORDER BY t.member_id, t.id";
constexpr std::string_view kSelectTextsOfPostgres =
    "SELECT t.member_id, 0, t.field, t.audience, t.form, NULL FROM search_texts t "
    "WHERE t.member_id = ANY(CAST($1 AS BIGINT[])) ORDER BY t.member_id, t.id";
constexpr std::string_view kSelectFacetsOfSqlite =
    "SELECT f.member_id, 1, f.field, f.audience, f.value, f.until_month FROM search_facets f "
    "WHERE f.member_id IN (SELECT value FROM json_each($1)) ORDER BY f.member_id";
constexpr std::string_view kSelectFacetsOfPostgres =
    "SELECT f.member_id, 1, f.field, f.audience, f.value, f.until_month FROM search_facets f "
    "WHERE f.member_id = ANY(CAST($1 AS BIGINT[])) ORDER BY f.member_id";

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

std::string_view Revise(Dialect dialect) {
  return dialect == Dialect::kSqlite ? SqlText(kReviseSqlite) : SqlText(kRevisePostgres);
}

std::optional<search::IndexRow> DecodeRow(const SqlRow& row) {
  RowReader r(row, 1);  // Column 0, the member, says whose row it is.
  search::IndexRow decoded;
  decoded.is_facet = r.Flag();
  decoded.field = r.Enum(search::kFieldNames);
  decoded.audience = r.Text();
  decoded.value = r.Text();
  if (auto until = r.OptionalInt64()) decoded.until_month = static_cast<int>(*until);
  if (!r.ok()) return std::nullopt;
  return decoded;
}

// Runs one query of rows of `members`, calling back with each row.
using RowsQuery = std::function<Result<void>(
    std::string_view sql, const std::vector<search::IndexedMember>& members, const RowCallback&)>;

// Reads members (id, revision, searchable) with `members_sql`, then the rows of the searchable
// ones with each of `rows_sql`, run by `query_rows`.
Result<std::vector<search::IndexedMember>> ReadMembers(
    SqlConnection& db, std::string_view members_sql, SqlParams members_params,
    std::initializer_list<std::string_view> rows_sql, const RowsQuery& query_rows) {
  auto members = QueryAll<search::IndexedMember>(
      db, members_sql, std::move(members_params), [](const SqlRow& row) {
        RowReader r(row);
        search::IndexedMember member;
        member.member = r.Id<MemberId>();
        member.revision = r.Int64();
        member.searchable = r.Flag();
        if (!r.ok()) return std::optional<search::IndexedMember>();
        return std::optional(std::move(member));
      });
  if (!members) return members.error();
  std::unordered_map<MemberId, search::IndexedMember*> searchable;
  for (search::IndexedMember& member : *members) {
    if (member.searchable) searchable.emplace(member.member, &member);
  }
  if (searchable.empty()) return members;
  bool decoded = true;
  for (std::string_view sql : rows_sql) {
    ENISHI_TRY(query_rows(sql, *members, [&](const SqlRow& row) {
      auto owner = searchable.find(MemberId(static_cast<uint64_t>(row.Int64(0))));
      if (owner == searchable.end()) return;  // Search turned off: not wanted.
      auto index_row = DecodeRow(row);
      if (!index_row) {
        decoded = false;
        return;
      }
      owner->second->rows.push_back(std::move(*index_row));
    }));
  }
  if (!decoded) return Internal("unreadable search index row");
  return members;
}

Result<void> ReplaceEntries(SqlConnection& db, Dialect dialect, MemberId member,
                            const search::MemberEntries& entries) {
  const int64_t key = Key(member);
  ENISHI_TRY(db.Execute(kDeleteTexts, {key}));
  ENISHI_TRY(db.Execute(kDeleteFacets, {key}));
  for (const search::TextEntry& text : entries.texts) {
    ENISHI_TRY(db.Execute(kInsertText, {key, FieldText(text.field),
                                        privacy::FormatAudience(text.audience), text.form}));
    ENISHI_TRY(db.Execute(kInsertForm, {text.form}));
  }
  for (const search::FacetEntry& facet : entries.facets) {
    SqlValue until = facet.until_month ? SqlValue(*facet.until_month) : SqlValue(nullptr);
    ENISHI_TRY(db.Execute(kInsertFacet, {key, FieldText(facet.field), facet.value,
                                         privacy::FormatAudience(facet.audience), until}));
  }
  ENISHI_TRY(db.Execute(
      dialect == Dialect::kSqlite ? SqlText(kPutMemberSqlite) : SqlText(kPutMemberPostgres),
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

Result<void> WriteMemberEntries(SqlConnection& db, Dialect dialect,
                                const profiles::Profile& profile, const search::TextForms* forms) {
  if (forms == nullptr) {
    // Rows of the old profile must not go on being found: they go, and the member stays listed
    // (its revision tells every server) with a profile date no profile has, so that
    // MembersToIndex picks it up.
    const int64_t key = Key(profile.member);
    ENISHI_TRY(db.Execute(kDeleteTexts, {key}));
    ENISHI_TRY(db.Execute(kDeleteFacets, {key}));
    ENISHI_TRY(db.Execute(kMarkStale, {key}));
    ENISHI_TRY(db.Execute(Revise(dialect), {key}));
    return Ok();
  }
  return ReplaceEntries(db, dialect, profile.member, search::EntriesOf(profile, *forms));
}

Result<void> SearchableChanged(SqlConnection& db, Dialect dialect, MemberId member,
                               bool searchable, const search::TextForms* forms) {
  bool indexed = false;
  ENISHI_TRY(db.Query(kSelectIndexed, {Key(member)}, [&](const SqlRow&) { indexed = true; }));
  if (indexed) {
    ENISHI_TRY(db.Execute(Revise(dialect), {Key(member)}));
    return Ok();
  }
  if (!searchable || forms == nullptr) return Ok();
  auto profile = LoadProfile(db, member);
  if (!profile) return profile.error();
  if (!*profile) return Ok();  // No such account: the caller answers for it.
  return ReplaceEntries(db, dialect, member, search::EntriesOf(**profile, *forms));
}

Result<void> WriteOrganizationForms(SqlConnection& db, OrganizationKind kind, uint64_t id,
                                    const organizations::OrganizationNames& names,
                                    const search::TextForms* forms) {
  if (forms == nullptr) return Ok();  // OrganizationsToIndex finds it later.
  return InsertOrganizationForms(db, search::FormsOf(kind, id, names, *forms));
}

Result<std::vector<std::string>> SqlSearchRepository::MatchForms(std::string_view term) {
  return run_.Read("search.match_forms", [&](SqlConnection& db) {
    auto decode = [](const SqlRow& row) { return std::optional(row.Text(0)); };
    if (Characters(term) < search::kSubstringMinChars) {
      const std::string end = std::string(term) + std::string(kLastCodePoint);
      return QueryAll<std::string>(db, kMatchFormPrefix, {term, end}, decode);
    }
    if (dialect_ == Dialect::kSqlite) {
      return QueryAll<std::string>(db, kMatchFormsSqlite, {Phrase(term), term}, decode);
    }
    return QueryAll<std::string>(db, kMatchFormsPostgres, {ContainsPattern(term), term}, decode);
  });
}

Result<int64_t> SqlSearchRepository::LatestRevision() {
  return run_.Read("search.latest_revision", [&](SqlConnection& db) -> Result<int64_t> {
    int64_t latest = 0;
    ENISHI_TRY(db.Query(kSelectLatestRevision, {},
                        [&](const SqlRow& row) { latest = row.Int64(0); }));
    return latest;
  });
}

int64_t SqlSearchRepository::RevisionSlack() const {
  // PostgreSQL: a revision is read from the clock as the write runs, and the write commits a
  // little later, perhaps after another's. Ten seconds covers any write unit that commits.
  return dialect_ == Dialect::kSqlite ? 0 : 10'000'000;
}

Result<std::vector<search::IndexedMember>> SqlSearchRepository::SearchableMembers(MemberId after,
                                                                                  size_t limit) {
  return run_.Read("search.searchable_members", [&](SqlConnection& db) {
    return ReadMembers(db, kSelectSearchableMembers, {Key(after), static_cast<int64_t>(limit)},
                       {kSelectTextRange, kSelectFacetRange},
                       [&](std::string_view sql, const std::vector<search::IndexedMember>& members,
                           const RowCallback& on_row) {
                         return db.Query(sql, {Key(after), Key(members.back().member)}, on_row);
                       });
  });
}

Result<std::vector<search::MemberRevision>> SqlSearchRepository::RevisedSince(int64_t revision,
                                                                              size_t limit) {
  return run_.Read("search.revised_since", [&](SqlConnection& db) {
    return QueryAll<search::MemberRevision>(
        db, kSelectRevisedSince, {revision, static_cast<int64_t>(limit)}, [](const SqlRow& row) {
          return std::optional(search::MemberRevision{MemberId(static_cast<uint64_t>(row.Int64(0))),
                                                      row.Int64(1)});
        });
  });
}

Result<std::vector<search::IndexedMember>> SqlSearchRepository::MembersIndexed(
    std::span<const MemberId> members) {
  return run_.Read("search.members_indexed", [&](SqlConnection& db) {
    const bool sqlite = dialect_ == Dialect::kSqlite;
    const std::string list = MemberList(dialect_, members);
    return ReadMembers(
        db, sqlite ? SqlText(kSelectMembersOfSqlite) : SqlText(kSelectMembersOfPostgres), {list},
        {sqlite ? kSelectTextsOfSqlite : kSelectTextsOfPostgres,
         sqlite ? kSelectFacetsOfSqlite : kSelectFacetsOfPostgres},
        [&](std::string_view sql, const std::vector<search::IndexedMember>&,
            const RowCallback& on_row) { return db.Query(sql, {list}, on_row); });
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
    ENISHI_TRY(ReplaceEntries(db, dialect_, member, entries));
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
