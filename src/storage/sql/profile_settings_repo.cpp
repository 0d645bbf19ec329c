// The parts of SqlProfileRepository around the profile: privacy settings, circles, work-email
// verification and company affiliations.

#include <string>
#include <unordered_map>
#include <utility>

#include "storage/sql/profile_repo.hpp"
#include "storage/sql/search_repo.hpp"
#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {
namespace {

using profiles::Circle;
using profiles::PendingEmailVerification;
using profiles::PrivacySettings;
using profiles::VerifiedEmail;
using profiles::YearMonth;

constexpr std::string_view kSelectAccountExists = "SELECT id FROM accounts WHERE id = $1";
constexpr std::string_view kSelectSettings =
    "SELECT searchable, findable_by_email, findable_by_phone, hide_profile, profile_link "
    "FROM privacy_settings WHERE member_id = $1";
constexpr std::string_view kSelectShieldCompanies =
    "SELECT company_id FROM shield_companies WHERE member_id = $1 ORDER BY sort_order";
constexpr std::string_view kUpsertSettings =
    "INSERT INTO privacy_settings (member_id, searchable, findable_by_email, findable_by_phone, "
    "hide_profile, profile_link) VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (member_id) DO UPDATE SET searchable = excluded.searchable, "
    "findable_by_email = excluded.findable_by_email, "
    "findable_by_phone = excluded.findable_by_phone, hide_profile = excluded.hide_profile, "
    "profile_link = excluded.profile_link";
constexpr std::string_view kDeleteShieldCompanies =
    "DELETE FROM shield_companies WHERE member_id = $1";
// A company listed twice is shielded once, at its first place.
constexpr std::string_view kInsertShieldCompany =
    "INSERT INTO shield_companies (member_id, company_id, sort_order) VALUES ($1, $2, $3) "
    "ON CONFLICT DO NOTHING";
constexpr std::string_view kSelectMemberByProfileLink =
    "SELECT member_id FROM privacy_settings WHERE profile_link = $1";
// Each kind of login has a flag of its own: being findable by email says nothing about phone.
constexpr std::string_view kSelectDiscoverableByLogin =
    "SELECT a.id FROM accounts a JOIN privacy_settings s ON s.member_id = a.id "
    "WHERE a.login = $1 AND ((a.login_kind = 'email' AND s.findable_by_email = 1) "
    "OR (a.login_kind = 'phone' AND s.findable_by_phone = 1))";

constexpr std::string_view kSelectCircles =
    "SELECT id, name FROM circles WHERE owner_id = $1 ORDER BY created_seq";
constexpr std::string_view kSelectCircleMembers =
    "SELECT m.circle_id, m.member_id FROM circle_members m JOIN circles c ON c.id = m.circle_id "
    "WHERE c.owner_id = $1 ORDER BY m.circle_id, m.sort_order";
// A new circle goes after the owner's others. The update touches no row when the id belongs
// to another owner's circle, which the caller reports as not found.
constexpr std::string_view kUpsertCircle =
    "INSERT INTO circles (id, owner_id, name, created_seq) VALUES ($1, $2, $3, "
    "(SELECT COALESCE(MAX(created_seq), 0) + 1 FROM circles WHERE owner_id = $2)) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name "
    "WHERE circles.owner_id = excluded.owner_id";
constexpr std::string_view kDeleteCircleMembers = "DELETE FROM circle_members WHERE circle_id = $1";
constexpr std::string_view kInsertCircleMember =
    "INSERT INTO circle_members (circle_id, member_id, sort_order) VALUES ($1, $2, $3) "
    "ON CONFLICT DO NOTHING";
constexpr std::string_view kDeleteCircle = "DELETE FROM circles WHERE id = $1 AND owner_id = $2";
constexpr std::string_view kSelectCirclesHolding =
    "SELECT c.id FROM circles c JOIN circle_members m ON m.circle_id = c.id "
    "WHERE c.owner_id = $1 AND m.member_id = $2 ORDER BY c.created_seq";

constexpr std::string_view kUpsertPendingEmail =
    "INSERT INTO pending_email_verifications (member_id, email, code_hash, attempts_left, "
    "expires_at) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (member_id) DO UPDATE SET email = excluded.email, "
    "code_hash = excluded.code_hash, attempts_left = excluded.attempts_left, "
    "expires_at = excluded.expires_at";
constexpr std::string_view kSelectPendingEmail =
    "SELECT member_id, email, code_hash, attempts_left, expires_at "
    "FROM pending_email_verifications WHERE member_id = $1";
// Stops at zero, so a burst of wrong codes cannot wrap the counter.
constexpr std::string_view kSpendEmailAttempt =
    "UPDATE pending_email_verifications SET attempts_left = attempts_left - 1 "
    "WHERE member_id = $1 AND attempts_left > 0";
constexpr std::string_view kDeletePendingEmail =
    "DELETE FROM pending_email_verifications WHERE member_id = $1";
constexpr std::string_view kUpsertVerifiedEmail =
    "INSERT INTO verified_emails (member_id, email, domain, verified_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (member_id, email) DO UPDATE SET domain = excluded.domain, "
    "verified_at = excluded.verified_at";
constexpr std::string_view kSelectVerifiedEmails =
    "SELECT email, domain, verified_at FROM verified_emails WHERE member_id = $1 "
    "ORDER BY verified_at, email";
constexpr std::string_view kDeleteVerifiedEmail =
    "DELETE FROM verified_emails WHERE member_id = $1 AND email = $2";

// Positions that are current or ended in month $2 or later, and companies that verified the
// domain of one of the member's verified emails. Company domains are stored in lower case.
constexpr std::string_view kSelectAffiliatedCompanies =
    "SELECT company_id FROM positions "
    "WHERE member_id = $1 AND (end_month IS NULL OR end_month >= $2) "
    "UNION "
    "SELECT d.company_id FROM verified_emails v JOIN company_domains d ON d.domain = "
    "lower(v.domain) "
    "WHERE v.member_id = $1 "
    "ORDER BY 1";

Result<bool> AccountExists(SqlConnection& db, MemberId member) {
  bool found = false;
  ENISHI_TRY(db.Query(kSelectAccountExists, {Key(member)}, [&](const SqlRow&) { found = true; }));
  return found;
}

template <class IdType>
std::optional<IdType> DecodeId(const SqlRow& row) {
  return RowReader(row).Id<IdType>();
}

std::optional<PendingEmailVerification> DecodePendingEmail(const SqlRow& row) {
  RowReader r(row);
  PendingEmailVerification p;
  p.member = r.Id<MemberId>();
  p.email = r.Text();
  p.code_hash = r.Text();
  p.attempts_left = r.Int();
  p.expires_at = r.Time();
  return p;
}

std::optional<VerifiedEmail> DecodeVerifiedEmail(const SqlRow& row) {
  RowReader r(row);
  VerifiedEmail e;
  e.email = r.Text();
  e.domain = r.Text();
  e.verified_at = r.Time();
  return e;
}

}  // namespace

Result<PrivacySettings> LoadSettings(SqlConnection& db, MemberId member) {
  PrivacySettings settings;
  ENISHI_TRY(db.Query(kSelectSettings, {Key(member)}, [&](const SqlRow& row) {
    RowReader r(row);
    settings.discoverability.searchable = r.Flag();
    settings.discoverability.findable_by_email = r.Flag();
    settings.discoverability.findable_by_phone = r.Flag();
    settings.shield.hide_profile = r.Flag();
    if (!r.NextIsNull()) settings.profile_link = r.Text();
  }));
  auto shielded =
      QueryAll<CompanyId>(db, kSelectShieldCompanies, {Key(member)}, DecodeId<CompanyId>);
  if (!shielded) return shielded.error();
  settings.shield.companies = std::move(shielded).value();
  return settings;
}

Result<PrivacySettings> SqlProfileRepository::FindSettings(MemberId member) {
  return run_.Read("profiles.find_settings",
                   [&](SqlConnection& db) { return LoadSettings(db, member); });
}

Result<void> SqlProfileRepository::PutSettings(MemberId member, const PrivacySettings& settings) {
  return run_.Write("profiles.put_settings", [&](SqlConnection& db) -> Result<void> {
    // Checked first: the foreign key alone would answer kFailedPrecondition.
    auto exists = AccountExists(db, member);
    if (!exists) return exists.error();
    if (!*exists) return NotFound("account not found");
    const auto& d = settings.discoverability;
    ENISHI_TRY(db.Execute(
        kUpsertSettings,
        {Key(member), int64_t{d.searchable}, int64_t{d.findable_by_email},
         int64_t{d.findable_by_phone}, int64_t{settings.shield.hide_profile},
         settings.profile_link.empty() ? SqlValue(nullptr) : SqlValue(settings.profile_link)}));
    ENISHI_TRY(db.Execute(kDeleteShieldCompanies, {Key(member)}));
    const std::vector<CompanyId>& companies = settings.shield.companies;
    for (size_t i = 0; i < companies.size(); ++i) {
      ENISHI_TRY(db.Execute(kInsertShieldCompany,
                            {Key(member), Key(companies[i]), static_cast<int64_t>(i)}));
    }
    return SearchableChanged(db, dialect_, member, d.searchable, text_forms_);
  });
}

Result<std::optional<MemberId>> SqlProfileRepository::FindMemberByProfileLink(
    std::string_view token) {
  return run_.Read("profiles.find_member_by_profile_link", [&](SqlConnection& db) {
    return QueryOptional<MemberId>(db, kSelectMemberByProfileLink, {token}, DecodeId<MemberId>);
  });
}

Result<std::optional<MemberId>> SqlProfileRepository::FindDiscoverableByLogin(
    std::string_view login) {
  return run_.Read("profiles.find_discoverable_by_login", [&](SqlConnection& db) {
    return QueryOptional<MemberId>(db, kSelectDiscoverableByLogin, {login}, DecodeId<MemberId>);
  });
}

Result<std::vector<Circle>> SqlProfileRepository::ListCircles(MemberId owner) {
  return run_.Read("profiles.list_circles", [&](SqlConnection& db) -> Result<std::vector<Circle>> {
    std::vector<Circle> circles;
    std::unordered_map<CircleId, size_t> index;
    ENISHI_TRY(db.Query(kSelectCircles, {Key(owner)}, [&](const SqlRow& row) {
      RowReader r(row);
      Circle circle;
      circle.id = r.Id<CircleId>();
      circle.name = r.Text();
      index.emplace(circle.id, circles.size());
      circles.push_back(std::move(circle));
    }));
    if (circles.empty()) return circles;
    ENISHI_TRY(db.Query(kSelectCircleMembers, {Key(owner)}, [&](const SqlRow& row) {
      RowReader r(row);
      auto circle = index.find(r.Id<CircleId>());
      MemberId member = r.Id<MemberId>();
      // Members of a circle made between the two queries wait for the next read.
      if (circle != index.end()) circles[circle->second].members.push_back(member);
    }));
    return circles;
  });
}

Result<void> SqlProfileRepository::PutCircle(MemberId owner, const Circle& circle) {
  return run_.Write("profiles.put_circle", [&](SqlConnection& db) -> Result<void> {
    const int64_t id = Key(circle.id);
    ENISHI_TRY(ExpectFound(db.Execute(kUpsertCircle, {id, Key(owner), circle.name}), "circle"));
    ENISHI_TRY(db.Execute(kDeleteCircleMembers, {id}));
    for (size_t i = 0; i < circle.members.size(); ++i) {
      ENISHI_TRY(
          db.Execute(kInsertCircleMember, {id, Key(circle.members[i]), static_cast<int64_t>(i)}));
    }
    return Ok();
  });
}

Result<bool> SqlProfileRepository::DeleteCircle(MemberId owner, CircleId circle) {
  return run_.Write("profiles.delete_circle", [&](SqlConnection& db) -> Result<bool> {
    auto deleted = db.Execute(kDeleteCircle, {Key(circle), Key(owner)});
    if (!deleted) return deleted.error();
    return *deleted > 0;
  });
}

Result<std::vector<CircleId>> SqlProfileRepository::CirclesHolding(MemberId owner,
                                                                   MemberId viewer) {
  return run_.Read("profiles.circles_holding", [&](SqlConnection& db) {
    return QueryAll<CircleId>(db, kSelectCirclesHolding, {Key(owner), Key(viewer)},
                              DecodeId<CircleId>);
  });
}

Result<void> SqlProfileRepository::PutPendingEmailVerification(const PendingEmailVerification& p) {
  return run_.Write(
      "profiles.put_pending_email_verification", [&](SqlConnection& db) -> Result<void> {
        ENISHI_TRY(db.Execute(kUpsertPendingEmail, {Key(p.member), p.email, p.code_hash,
                                                    p.attempts_left, ToMicros(p.expires_at)}));
        return Ok();
      });
}

Result<std::optional<PendingEmailVerification>> SqlProfileRepository::FindPendingEmailVerification(
    MemberId member) {
  return run_.Read("profiles.find_pending_email_verification", [&](SqlConnection& db) {
    return QueryOptional<PendingEmailVerification>(db, kSelectPendingEmail, {Key(member)},
                                                   DecodePendingEmail);
  });
}

Result<void> SqlProfileRepository::SpendEmailVerificationAttempt(MemberId member) {
  return run_.Write("profiles.spend_email_verification_attempt",
                    [&](SqlConnection& db) -> Result<void> {
                      ENISHI_TRY(db.Execute(kSpendEmailAttempt, {Key(member)}));
                      return Ok();
                    });
}

Result<void> SqlProfileRepository::CompleteEmailVerification(MemberId member,
                                                             const VerifiedEmail& email) {
  return run_.Write("profiles.complete_email_verification", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(kUpsertVerifiedEmail,
                          {Key(member), email.email, email.domain, ToMicros(email.verified_at)}));
    ENISHI_TRY(db.Execute(kDeletePendingEmail, {Key(member)}));
    return Ok();
  });
}

Result<std::vector<VerifiedEmail>> SqlProfileRepository::ListVerifiedEmails(MemberId member) {
  return run_.Read("profiles.list_verified_emails", [&](SqlConnection& db) {
    return QueryAll<VerifiedEmail>(db, kSelectVerifiedEmails, {Key(member)}, DecodeVerifiedEmail);
  });
}

Result<bool> SqlProfileRepository::DeleteVerifiedEmail(MemberId member, std::string_view email) {
  return run_.Write("profiles.delete_verified_email", [&](SqlConnection& db) -> Result<bool> {
    auto deleted = db.Execute(kDeleteVerifiedEmail, {Key(member), email});
    if (!deleted) return deleted.error();
    return *deleted > 0;
  });
}

Result<std::vector<CompanyId>> SqlProfileRepository::AffiliatedCompanies(MemberId member,
                                                                         YearMonth ended_since) {
  return run_.Read("profiles.affiliated_companies", [&](SqlConnection& db) {
    return QueryAll<CompanyId>(db, kSelectAffiliatedCompanies, {Key(member), MonthKey(ended_since)},
                               DecodeId<CompanyId>);
  });
}

}  // namespace enishi::storage::sql
