#pragma once
// A Store that wraps a real one and makes chosen repository calls fail, like leveldb's
// SpecialEnv: the way domain and API tests reach their storage-error paths.
//
//   testing::FaultyStore store(testing::MakeTestStore());
//   store.FailNthCall(2, ErrorCode::kUnavailable);                      // The 2nd call from now.
//   store.FailNthCall(1, ErrorCode::kAlreadyExists, "accounts.complete_signup");
//
// A failed call never reaches the wrapped store, so nothing is written, as the ports promise
// for kUnavailable. Calls are counted from the last FailNthCall(). Operation names are those
// the store's observer sees ("accounts.find_session_by_token_hash", "outbox.append",
// "profiles.put_profile", "images.find", "relationships.accept_request",
// "messaging.append_message", "streams.list_events", "notifications.create_notification").
// Thread-safe. Owns the wrapped store.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/mail/mail.hpp"
#include "domain/media/image.hpp"
#include "domain/introductions/introduction_repository.hpp"
#include "domain/messaging/messaging_repository.hpp"
#include "domain/notifications/notification_repository.hpp"
#include "domain/organizations/organization_repository.hpp"
#include "domain/personas/persona_repository.hpp"
#include "domain/profiles/profile_repository.hpp"
#include "domain/relationships/relationship_repository.hpp"
#include "domain/search/search_repository.hpp"
#include "domain/stream/stream_repository.hpp"
#include "storage/store.hpp"

namespace enishi::testing {

class FaultyStore final : public storage::Store {
 public:
  explicit FaultyStore(std::unique_ptr<storage::Store> inner)
      : inner_(std::move(inner)),
        accounts_(*this),
        outbox_(*this),
        profiles_(*this),
        organizations_(*this),
        personas_(*this),
        images_(*this),
        relationships_(*this),
        messaging_(*this),
        introductions_(*this),
        search_(*this),
        streams_(*this),
        notifications_(*this) {}

  // Makes the `n`th repository call from now (1 = the next one) fail with `code`; when
  // `operation` is given, only calls of that operation count. Later calls succeed again.
  void FailNthCall(int n, ErrorCode code, std::string operation = {}) {
    std::lock_guard lock(mutex_);
    plan_ = Plan{n, code, std::move(operation), /*sticky=*/false};
  }
  // Like FailNthCall, but that call and every matching one after it fail.
  void FailFromNthCall(int n, ErrorCode code, std::string operation = {}) {
    std::lock_guard lock(mutex_);
    plan_ = Plan{n, code, std::move(operation), /*sticky=*/true};
  }
  // Lets every call through again.
  void Heal() {
    std::lock_guard lock(mutex_);
    plan_.reset();
  }
  // The operation of every repository call so far, failed or not, in order.
  std::vector<std::string> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }
  storage::Store& inner() { return *inner_; }

  accounts::AccountRepository& accounts() override { return accounts_; }
  mail::OutboxRepository& outbox() override { return outbox_; }
  profiles::ProfileRepository& profiles() override { return profiles_; }
  organizations::OrganizationRepository& organizations() override { return organizations_; }
  personas::PersonaRepository& personas() override { return personas_; }
  media::ImageRepository& images() override { return images_; }
  relationships::RelationshipRepository& relationships() override { return relationships_; }
  messaging::MessagingRepository& messaging() override { return messaging_; }
  introductions::IntroductionRepository& introductions() override { return introductions_; }
  search::SearchRepository& search() override { return search_; }
  stream::StreamRepository& streams() override { return streams_; }
  notifications::NotificationRepository& notifications() override { return notifications_; }
  cluster::ChangeFeed& changes() override { return inner_->changes(); }
  Result<std::unique_ptr<cluster::ChangeListener>> Listen(
      std::string_view channel, cluster::ChangeListener::Handlers handlers) override {
    return inner_->Listen(channel, std::move(handlers));
  }
  Result<void> Ping() override { return inner_->Ping(); }
  std::string_view backend() const override { return inner_->backend(); }
  void Close() override { inner_->Close(); }

 private:
  struct Plan {
    int remaining;  // Matching calls still to go; the call that brings it to 0 fails.
    ErrorCode code;
    std::string operation;
    bool sticky;
  };

  // Runs `call` against the wrapped store unless the plan says `operation` fails now.
  template <class Call>
  auto Run(std::string_view operation, Call&& call) -> decltype(call()) {
    if (auto error = Check(operation)) return *error;
    return call();
  }

  std::optional<Error> Check(std::string_view operation) {
    std::lock_guard lock(mutex_);
    calls_.emplace_back(operation);
    if (!plan_ || (!plan_->operation.empty() && plan_->operation != operation)) {
      return std::nullopt;
    }
    if (plan_->remaining > 1) {
      --plan_->remaining;
      return std::nullopt;
    }
    Error error{plan_->code, "injected failure in " + std::string(operation), {}};
    if (!plan_->sticky) plan_.reset();
    return error;
  }

  class Accounts final : public accounts::AccountRepository {
   public:
    explicit Accounts(FaultyStore& store) : s_(store) {}
    accounts::AccountRepository& in() { return s_.inner_->accounts(); }

    Result<void> PutPendingSignup(const accounts::PendingSignup& signup) override {
      return s_.Run("accounts.put_pending_signup", [&] { return in().PutPendingSignup(signup); });
    }
    Result<std::optional<accounts::PendingSignup>> FindPendingSignup(
        std::string_view login) override {
      return s_.Run("accounts.find_pending_signup", [&] { return in().FindPendingSignup(login); });
    }
    Result<void> SpendSignupAttempt(std::string_view login) override {
      return s_.Run("accounts.spend_signup_attempt",
                    [&] { return in().SpendSignupAttempt(login); });
    }
    Result<void> CompleteSignup(const accounts::Account& account,
                                const accounts::Session& session) override {
      return s_.Run("accounts.complete_signup",
                    [&] { return in().CompleteSignup(account, session); });
    }
    Result<void> CreateAccount(const accounts::Account& account) override {
      return s_.Run("accounts.create_account", [&] { return in().CreateAccount(account); });
    }
    Result<std::optional<accounts::Account>> FindAccountByLogin(std::string_view login) override {
      return s_.Run("accounts.find_account_by_login",
                    [&] { return in().FindAccountByLogin(login); });
    }
    Result<std::optional<accounts::Account>> FindAccount(MemberId id) override {
      return s_.Run("accounts.find_account", [&] { return in().FindAccount(id); });
    }
    Result<void> UpdateAccountSettings(MemberId id, std::string_view display_name,
                                       std::string_view locale) override {
      return s_.Run("accounts.update_account_settings",
                    [&] { return in().UpdateAccountSettings(id, display_name, locale); });
    }
    Result<void> ChangePassword(MemberId id, std::string_view password_hash,
                                SessionId keep) override {
      return s_.Run("accounts.change_password",
                    [&] { return in().ChangePassword(id, password_hash, keep); });
    }
    Result<void> DeleteAccount(MemberId id) override {
      return s_.Run("accounts.delete_account", [&] { return in().DeleteAccount(id); });
    }
    Result<void> CreateSession(const accounts::Session& session) override {
      return s_.Run("accounts.create_session", [&] { return in().CreateSession(session); });
    }
    Result<std::optional<accounts::Session>> FindSessionByTokenHash(
        std::string_view token_hash) override {
      return s_.Run("accounts.find_session_by_token_hash",
                    [&] { return in().FindSessionByTokenHash(token_hash); });
    }
    Result<std::optional<accounts::SessionWithAccount>> FindSessionWithAccount(
        std::string_view token_hash) override {
      return s_.Run("accounts.find_session_with_account",
                    [&] { return in().FindSessionWithAccount(token_hash); });
    }
    Result<std::vector<accounts::Session>> ListSessions(MemberId member) override {
      return s_.Run("accounts.list_sessions", [&] { return in().ListSessions(member); });
    }
    Result<bool> DeleteSession(MemberId member, SessionId session) override {
      return s_.Run("accounts.delete_session", [&] { return in().DeleteSession(member, session); });
    }
    Result<void> TouchSessions(std::span<const accounts::SessionSeen> seen) override {
      return s_.Run("accounts.touch_sessions", [&] { return in().TouchSessions(seen); });
    }
    Result<int> DeleteExpired(Timestamp now) override {
      return s_.Run("accounts.delete_expired", [&] { return in().DeleteExpired(now); });
    }

   private:
    FaultyStore& s_;
  };

  class Outbox final : public mail::OutboxRepository {
   public:
    explicit Outbox(FaultyStore& store) : s_(store) {}
    Result<void> Append(const mail::Message& message) override {
      return s_.Run("outbox.append", [&] { return s_.inner_->outbox().Append(message); });
    }
    Result<std::vector<mail::Message>> ListRecent(int limit) override {
      return s_.Run("outbox.list_recent", [&] { return s_.inner_->outbox().ListRecent(limit); });
    }
    Result<std::vector<mail::QueuedMessage>> ClaimUndelivered(Timestamp now, Timestamp lease_until,
                                                              int limit) override {
      return s_.Run("outbox.claim_undelivered",
                    [&] { return s_.inner_->outbox().ClaimUndelivered(now, lease_until, limit); });
    }
    Result<void> MarkDelivered(int64_t id, Timestamp at) override {
      return s_.Run("outbox.mark_delivered",
                    [&] { return s_.inner_->outbox().MarkDelivered(id, at); });
    }
    Result<void> MarkFailed(int64_t id, const mail::DeliveryFailure& failure) override {
      return s_.Run("outbox.mark_failed",
                    [&] { return s_.inner_->outbox().MarkFailed(id, failure); });
    }

   private:
    FaultyStore& s_;
  };

  class Profiles final : public profiles::ProfileRepository {
   public:
    explicit Profiles(FaultyStore& store) : s_(store) {}
    profiles::ProfileRepository& in() { return s_.inner_->profiles(); }

    Result<std::optional<profiles::Profile>> FindProfile(MemberId member) override {
      return s_.Run("profiles.find_profile", [&] { return in().FindProfile(member); });
    }
    Result<void> PutProfile(const profiles::Profile& profile) override {
      return s_.Run("profiles.put_profile", [&] { return in().PutProfile(profile); });
    }
    Result<std::optional<profiles::ProfileForView>> FindProfileForView(
        MemberId member, std::optional<MemberId> viewer,
        std::optional<profiles::ProfileRevision> known) override {
      return s_.Run("profiles.find_profile_for_view",
                    [&] { return in().FindProfileForView(member, viewer, known); });
    }
    Result<profiles::PrivacySettings> FindSettings(MemberId member) override {
      return s_.Run("profiles.find_settings", [&] { return in().FindSettings(member); });
    }
    Result<void> PutSettings(MemberId member, const profiles::PrivacySettings& settings) override {
      return s_.Run("profiles.put_settings", [&] { return in().PutSettings(member, settings); });
    }
    Result<std::optional<MemberId>> FindMemberByProfileLink(std::string_view token) override {
      return s_.Run("profiles.find_member_by_profile_link",
                    [&] { return in().FindMemberByProfileLink(token); });
    }
    Result<std::optional<MemberId>> FindDiscoverableByLogin(std::string_view login) override {
      return s_.Run("profiles.find_discoverable_by_login",
                    [&] { return in().FindDiscoverableByLogin(login); });
    }
    Result<std::vector<profiles::Circle>> ListCircles(MemberId owner) override {
      return s_.Run("profiles.list_circles", [&] { return in().ListCircles(owner); });
    }
    Result<void> PutCircle(MemberId owner, const profiles::Circle& circle) override {
      return s_.Run("profiles.put_circle", [&] { return in().PutCircle(owner, circle); });
    }
    Result<bool> DeleteCircle(MemberId owner, CircleId circle) override {
      return s_.Run("profiles.delete_circle", [&] { return in().DeleteCircle(owner, circle); });
    }
    Result<std::vector<CircleId>> CirclesHolding(MemberId owner, MemberId viewer) override {
      return s_.Run("profiles.circles_holding", [&] { return in().CirclesHolding(owner, viewer); });
    }
    Result<void> PutPendingEmailVerification(
        const profiles::PendingEmailVerification& pending) override {
      return s_.Run("profiles.put_pending_email_verification",
                    [&] { return in().PutPendingEmailVerification(pending); });
    }
    Result<std::optional<profiles::PendingEmailVerification>> FindPendingEmailVerification(
        MemberId member) override {
      return s_.Run("profiles.find_pending_email_verification",
                    [&] { return in().FindPendingEmailVerification(member); });
    }
    Result<void> SpendEmailVerificationAttempt(MemberId member) override {
      return s_.Run("profiles.spend_email_verification_attempt",
                    [&] { return in().SpendEmailVerificationAttempt(member); });
    }
    Result<void> CompleteEmailVerification(MemberId member,
                                           const profiles::VerifiedEmail& email) override {
      return s_.Run("profiles.complete_email_verification",
                    [&] { return in().CompleteEmailVerification(member, email); });
    }
    Result<std::vector<profiles::VerifiedEmail>> ListVerifiedEmails(MemberId member) override {
      return s_.Run("profiles.list_verified_emails",
                    [&] { return in().ListVerifiedEmails(member); });
    }
    Result<bool> DeleteVerifiedEmail(MemberId member, std::string_view email) override {
      return s_.Run("profiles.delete_verified_email",
                    [&] { return in().DeleteVerifiedEmail(member, email); });
    }
    Result<std::vector<CompanyId>> AffiliatedCompanies(MemberId member,
                                                       profiles::YearMonth ended_since) override {
      return s_.Run("profiles.affiliated_companies",
                    [&] { return in().AffiliatedCompanies(member, ended_since); });
    }

   private:
    FaultyStore& s_;
  };

  class Organizations final : public organizations::OrganizationRepository {
   public:
    explicit Organizations(FaultyStore& store) : s_(store) {}
    organizations::OrganizationRepository& in() { return s_.inner_->organizations(); }

    Result<void> CreateCompany(const organizations::Company& company) override {
      return s_.Run("organizations.create_company", [&] { return in().CreateCompany(company); });
    }
    Result<std::vector<organizations::Company>> FindCompanies(
        const std::vector<CompanyId>& ids) override {
      return s_.Run("organizations.find_companies", [&] { return in().FindCompanies(ids); });
    }
    Result<std::vector<organizations::Company>> FindCompaniesByDomains(
        const std::vector<std::string>& domains) override {
      return s_.Run("organizations.find_companies_by_domains",
                    [&] { return in().FindCompaniesByDomains(domains); });
    }
    Result<std::vector<organizations::Company>> SearchCompanies(std::string_view prefix,
                                                                int limit) override {
      return s_.Run("organizations.search_companies",
                    [&] { return in().SearchCompanies(prefix, limit); });
    }
    Result<std::vector<CompanyId>> ExpandCompanyGroup(
        const std::vector<CompanyId>& seeds) override {
      return s_.Run("organizations.expand_company_group",
                    [&] { return in().ExpandCompanyGroup(seeds); });
    }
    Result<void> AddCompanyDomain(CompanyId company, std::string_view domain) override {
      return s_.Run("organizations.add_company_domain",
                    [&] { return in().AddCompanyDomain(company, domain); });
    }
    Result<void> SetCompanyParent(CompanyId company, CompanyId parent) override {
      return s_.Run("organizations.set_company_parent",
                    [&] { return in().SetCompanyParent(company, parent); });
    }
    Result<void> AddCompanyAffiliate(CompanyId company, CompanyId affiliate) override {
      return s_.Run("organizations.add_company_affiliate",
                    [&] { return in().AddCompanyAffiliate(company, affiliate); });
    }
    Result<void> CreateSchool(const organizations::School& school) override {
      return s_.Run("organizations.create_school", [&] { return in().CreateSchool(school); });
    }
    Result<std::vector<organizations::School>> FindSchools(
        const std::vector<SchoolId>& ids) override {
      return s_.Run("organizations.find_schools", [&] { return in().FindSchools(ids); });
    }
    Result<std::vector<organizations::School>> SearchSchools(std::string_view prefix,
                                                             int limit) override {
      return s_.Run("organizations.search_schools",
                    [&] { return in().SearchSchools(prefix, limit); });
    }

   private:
    FaultyStore& s_;
  };

  class Personas final : public personas::PersonaRepository {
   public:
    explicit Personas(FaultyStore& store) : s_(store) {}
    personas::PersonaRepository& in() { return s_.inner_->personas(); }

    Result<void> CreatePersona(const personas::Persona& persona, int max_per_owner) override {
      return s_.Run("personas.create_persona",
                    [&] { return in().CreatePersona(persona, max_per_owner); });
    }
    Result<std::vector<personas::Persona>> ListPersonas(MemberId owner) override {
      return s_.Run("personas.list_personas", [&] { return in().ListPersonas(owner); });
    }
    Result<std::optional<personas::Persona>> FindPersona(PersonaId id) override {
      return s_.Run("personas.find_persona", [&] { return in().FindPersona(id); });
    }
    Result<void> UpdatePersona(const personas::Persona& persona) override {
      return s_.Run("personas.update_persona", [&] { return in().UpdatePersona(persona); });
    }
    Result<bool> DeletePersona(MemberId owner, PersonaId id) override {
      return s_.Run("personas.delete_persona", [&] { return in().DeletePersona(owner, id); });
    }

   private:
    FaultyStore& s_;
  };

  class Images final : public media::ImageRepository {
   public:
    explicit Images(FaultyStore& store) : s_(store) {}
    media::ImageRepository& in() { return s_.inner_->images(); }

    Result<void> Put(const media::Image& image) override {
      return s_.Run("images.put", [&] { return in().Put(image); });
    }
    Result<std::optional<media::Image>> Find(ImageId id) override {
      return s_.Run("images.find", [&] { return in().Find(id); });
    }
    Result<void> Delete(ImageId id) override {
      return s_.Run("images.delete", [&] { return in().Delete(id); });
    }

   private:
    FaultyStore& s_;
  };

  class Relationships final : public relationships::RelationshipRepository {
   public:
    explicit Relationships(FaultyStore& store) : s_(store) {}
    relationships::RelationshipRepository& in() { return s_.inner_->relationships(); }

    Result<void> CreateRequest(const relationships::Request& request) override {
      return s_.Run("relationships.create_request", [&] { return in().CreateRequest(request); });
    }
    Result<std::optional<relationships::Request>> FindRequest(RequestId id) override {
      return s_.Run("relationships.find_request", [&] { return in().FindRequest(id); });
    }
    Result<std::optional<relationships::Request>> FindOpenRequest(relationships::RequestKind kind,
                                                                  MemberId sender,
                                                                  MemberId recipient) override {
      return s_.Run("relationships.find_open_request",
                    [&] { return in().FindOpenRequest(kind, sender, recipient); });
    }
    Result<std::vector<relationships::Request>> ListReceived(
        MemberId recipient, relationships::ReceivedBox box,
        std::optional<relationships::RequestKind> kind, Timestamp now, int limit) override {
      return s_.Run("relationships.list_received",
                    [&] { return in().ListReceived(recipient, box, kind, now, limit); });
    }
    Result<std::vector<relationships::Request>> ListSent(
        MemberId sender, std::optional<relationships::RequestKind> kind, int limit) override {
      return s_.Run("relationships.list_sent", [&] { return in().ListSent(sender, kind, limit); });
    }
    Result<std::vector<Timestamp>> SentTimesSince(MemberId sender, relationships::RequestKind kind,
                                                  Timestamp since) override {
      return s_.Run("relationships.sent_times_since",
                    [&] { return in().SentTimesSince(sender, kind, since); });
    }
    Result<std::optional<Timestamp>> LastWithdrawn(MemberId sender, MemberId recipient,
                                                   relationships::RequestKind kind) override {
      return s_.Run("relationships.last_withdrawn",
                    [&] { return in().LastWithdrawn(sender, recipient, kind); });
    }
    Result<bool> ResolveRequest(RequestId id, relationships::RequestState state,
                                Timestamp at) override {
      return s_.Run("relationships.resolve_request",
                    [&] { return in().ResolveRequest(id, state, at); });
    }
    Result<bool> AcceptRequest(RequestId id, Timestamp at) override {
      return s_.Run("relationships.accept_request", [&] { return in().AcceptRequest(id, at); });
    }
    Result<void> Connect(MemberId a, MemberId b, relationships::Provenance provenance,
                         Timestamp at) override {
      return s_.Run("relationships.connect", [&] { return in().Connect(a, b, provenance, at); });
    }
    Result<void> RaiseStage(MemberId a, MemberId b, relationships::Stage stage,
                            Timestamp at) override {
      return s_.Run("relationships.raise_stage", [&] { return in().RaiseStage(a, b, stage, at); });
    }
    Result<std::optional<relationships::Tie>> FindTie(MemberId member, MemberId other) override {
      return s_.Run("relationships.find_tie", [&] { return in().FindTie(member, other); });
    }
    Result<relationships::Standing> FindStanding(MemberId member, MemberId other) override {
      return s_.Run("relationships.find_standing",
                    [&] { return in().FindStanding(member, other); });
    }
    Result<std::vector<relationships::Tie>> ListTies(MemberId member,
                                                     relationships::Stage at_least) override {
      return s_.Run("relationships.list_ties", [&] { return in().ListTies(member, at_least); });
    }
    Result<void> UpdateTie(MemberId member, MemberId other, std::optional<int> rating,
                           const std::string& note, bool trusted) override {
      return s_.Run("relationships.update_tie",
                    [&] { return in().UpdateTie(member, other, rating, note, trusted); });
    }
    Result<bool> RemoveTie(MemberId a, MemberId b) override {
      return s_.Run("relationships.remove_tie", [&] { return in().RemoveTie(a, b); });
    }
    Result<void> PutBlock(const relationships::Block& block) override {
      return s_.Run("relationships.put_block", [&] { return in().PutBlock(block); });
    }
    Result<bool> DeleteBlock(MemberId blocker, MemberId blocked) override {
      return s_.Run("relationships.delete_block",
                    [&] { return in().DeleteBlock(blocker, blocked); });
    }
    Result<std::vector<relationships::Block>> ListBlocks(MemberId blocker) override {
      return s_.Run("relationships.list_blocks", [&] { return in().ListBlocks(blocker); });
    }
    Result<std::vector<MemberId>> BlockedEitherWay(MemberId member,
                                                   std::span<const MemberId> among) override {
      return s_.Run("relationships.blocked_either_way",
                    [&] { return in().BlockedEitherWay(member, among); });
    }
    Result<relationships::InboundPolicy> FindPolicy(MemberId member) override {
      return s_.Run("relationships.find_policy", [&] { return in().FindPolicy(member); });
    }
    Result<std::vector<std::pair<MemberId, privacy::Audience>>> ListConnectionListAudiences()
        override {
      return s_.Run("relationships.list_connection_list_audiences",
                    [&] { return in().ListConnectionListAudiences(); });
    }
    Result<void> PutPolicy(MemberId member, const relationships::InboundPolicy& policy) override {
      return s_.Run("relationships.put_policy", [&] { return in().PutPolicy(member, policy); });
    }
    Result<std::optional<relationships::Card>> FindCard(MemberId member) override {
      return s_.Run("relationships.find_card", [&] { return in().FindCard(member); });
    }
    Result<std::optional<relationships::Card>> FindCardByCode(std::string_view code) override {
      return s_.Run("relationships.find_card_by_code", [&] { return in().FindCardByCode(code); });
    }
    Result<void> PutCard(const relationships::Card& card) override {
      return s_.Run("relationships.put_card", [&] { return in().PutCard(card); });
    }
    Result<void> RecordScan(MemberId scanner, MemberId owner, Timestamp at) override {
      return s_.Run("relationships.record_scan",
                    [&] { return in().RecordScan(scanner, owner, at); });
    }
    Result<bool> ScannedSince(MemberId scanner, MemberId owner, Timestamp since) override {
      return s_.Run("relationships.scanned_since",
                    [&] { return in().ScannedSince(scanner, owner, since); });
    }
    Result<void> ForEachConnection(
        const std::function<Result<void>(const graph::ConnectionRecord&)>& visit) override {
      return s_.Run("relationships.for_each_connection",
                    [&] { return in().ForEachConnection(visit); });
    }

   private:
    FaultyStore& s_;
  };

  class Messaging final : public messaging::MessagingRepository {
   public:
    explicit Messaging(FaultyStore& store) : s_(store) {}
    messaging::MessagingRepository& in() { return s_.inner_->messaging(); }

    Result<void> CreateConversation(const messaging::Conversation& conversation,
                                    std::span<const messaging::Participant> participants,
                                    const std::optional<messaging::Message>& first,
                                    std::span<const stream::Delivery> deliveries) override {
      return s_.Run("messaging.create_conversation", [&] {
        return in().CreateConversation(conversation, participants, first, deliveries);
      });
    }
    Result<std::optional<messaging::Conversation>> FindConversation(ConversationId id) override {
      return s_.Run("messaging.find_conversation", [&] { return in().FindConversation(id); });
    }
    Result<std::optional<messaging::Conversation>> FindDirect(MemberId a, MemberId b) override {
      return s_.Run("messaging.find_direct", [&] { return in().FindDirect(a, b); });
    }
    Result<std::vector<messaging::Participant>> ListParticipants(ConversationId id) override {
      return s_.Run("messaging.list_participants", [&] { return in().ListParticipants(id); });
    }
    Result<std::optional<messaging::Participant>> FindParticipant(ConversationId id,
                                                                  MemberId member) override {
      return s_.Run("messaging.find_participant", [&] { return in().FindParticipant(id, member); });
    }
    Result<std::vector<messaging::ConversationSummary>> ListConversations(
        MemberId member, const messaging::ConversationPage& page) override {
      return s_.Run("messaging.list_conversations",
                    [&] { return in().ListConversations(member, page); });
    }
    Result<UnreadCounts> CountUnread(MemberId member) override {
      return s_.Run("messaging.count_unread", [&] { return in().CountUnread(member); });
    }
    Result<void> AddParticipants(ConversationId id, std::span<const MemberId> members, Timestamp at,
                                 std::span<const stream::Delivery> deliveries) override {
      return s_.Run("messaging.add_participants",
                    [&] { return in().AddParticipants(id, members, at, deliveries); });
    }
    Result<bool> Leave(ConversationId id, MemberId member, Timestamp at,
                       std::span<const stream::Delivery> deliveries) override {
      return s_.Run("messaging.leave", [&] { return in().Leave(id, member, at, deliveries); });
    }
    Result<bool> MarkIntroduced(ConversationId id, MemberId introducer, Timestamp at,
                                std::span<const stream::Delivery> deliveries) override {
      return s_.Run("messaging.mark_introduced",
                    [&] { return in().MarkIntroduced(id, introducer, at, deliveries); });
    }
    Result<int64_t> AppendMessage(const messaging::Message& message, bool opens,
                                  std::span<const stream::Delivery> deliveries) override {
      return s_.Run("messaging.append_message",
                    [&] { return in().AppendMessage(message, opens, deliveries); });
    }
    Result<std::optional<messaging::Message>> FindMessage(MessageId id) override {
      return s_.Run("messaging.find_message", [&] { return in().FindMessage(id); });
    }
    Result<std::vector<messaging::Message>> ListMessages(ConversationId conversation,
                                                         MemberId viewer, int64_t after,
                                                         int64_t before, int limit) override {
      return s_.Run("messaging.list_messages",
                    [&] { return in().ListMessages(conversation, viewer, after, before, limit); });
    }
    Result<bool> EditMessage(MessageId id, const std::string& text, const std::string& subject,
                             Timestamp at, std::span<const stream::Delivery> deliveries) override {
      return s_.Run("messaging.edit_message",
                    [&] { return in().EditMessage(id, text, subject, at, deliveries); });
    }
    Result<bool> DeleteMessage(MessageId id, Timestamp at,
                               std::span<const stream::Delivery> deliveries) override {
      return s_.Run("messaging.delete_message",
                    [&] { return in().DeleteMessage(id, at, deliveries); });
    }
    Result<void> HideMessage(MemberId member, MessageId id) override {
      return s_.Run("messaging.hide_message", [&] { return in().HideMessage(member, id); });
    }
    Result<bool> MarkRead(ConversationId id, MemberId member, int64_t seq,
                          std::span<const stream::Delivery> deliveries) override {
      return s_.Run("messaging.mark_read",
                    [&] { return in().MarkRead(id, member, seq, deliveries); });
    }
    Result<messaging::Preferences> FindPreferences(MemberId member) override {
      return s_.Run("messaging.find_preferences", [&] { return in().FindPreferences(member); });
    }
    Result<void> PutPreferences(MemberId member,
                                const messaging::Preferences& preferences) override {
      return s_.Run("messaging.put_preferences",
                    [&] { return in().PutPreferences(member, preferences); });
    }

   private:
    FaultyStore& s_;
  };

  class Introductions final : public introductions::IntroductionRepository {
   public:
    explicit Introductions(FaultyStore& store) : s_(store) {}
    introductions::IntroductionRepository& in() { return s_.inner_->introductions(); }
    using Introduction = introductions::Introduction;

    Result<void> CreateIntroduction(const Introduction& introduction) override {
      return s_.Run("introductions.create_introduction",
                    [&] { return in().CreateIntroduction(introduction); });
    }
    Result<std::optional<Introduction>> FindIntroduction(IntroductionId id) override {
      return s_.Run("introductions.find_introduction", [&] { return in().FindIntroduction(id); });
    }
    Result<bool> SaveIntroduction(const Introduction& changed) override {
      return s_.Run("introductions.save_introduction",
                    [&] { return in().SaveIntroduction(changed); });
    }
    Result<std::vector<Introduction>> ListSent(MemberId requester, int limit) override {
      return s_.Run("introductions.list_sent", [&] { return in().ListSent(requester, limit); });
    }
    Result<std::vector<Introduction>> ListAsked(MemberId intermediary, int limit) override {
      return s_.Run("introductions.list_asked",
                    [&] { return in().ListAsked(intermediary, limit); });
    }
    Result<std::vector<Introduction>> ListReceived(MemberId target, int limit) override {
      return s_.Run("introductions.list_received",
                    [&] { return in().ListReceived(target, limit); });
    }
    Result<std::vector<Introduction>> ListOverdue(Timestamp now, int limit) override {
      return s_.Run("introductions.list_overdue", [&] { return in().ListOverdue(now, limit); });
    }
    Result<std::vector<Timestamp>> CreatedTimesSince(MemberId requester,
                                                     Timestamp since) override {
      return s_.Run("introductions.created_times_since",
                    [&] { return in().CreatedTimesSince(requester, since); });
    }
    Result<std::vector<Timestamp>> AskedTimesSince(MemberId intermediary,
                                                   Timestamp since) override {
      return s_.Run("introductions.asked_times_since",
                    [&] { return in().AskedTimesSince(intermediary, since); });
    }
    Result<bool> HasOpenThrough(MemberId requester, MemberId intermediary,
                                Timestamp now) override {
      return s_.Run("introductions.has_open_through",
                    [&] { return in().HasOpenThrough(requester, intermediary, now); });
    }
    Result<Record> AnswerRecord(MemberId intermediary) override {
      return s_.Run("introductions.answer_record",
                    [&] { return in().AnswerRecord(intermediary); });
    }

   private:
    FaultyStore& s_;
  };

  class Search final : public search::SearchRepository {
   public:
    explicit Search(FaultyStore& store) : s_(store) {}
    search::SearchRepository& in() { return s_.inner_->search(); }

    Result<std::vector<std::string>> MatchForms(std::string_view term) override {
      return s_.Run("search.match_forms", [&] { return in().MatchForms(term); });
    }
    Result<std::vector<uint64_t>> MatchOrganizations(search::OrganizationKind kind,
                                                     std::string_view term) override {
      return s_.Run("search.match_organizations",
                    [&] { return in().MatchOrganizations(kind, term); });
    }
    Result<search::ViewerStandings> StandingsOf(MemberId viewer) override {
      return s_.Run("search.standings_of", [&] { return in().StandingsOf(viewer); });
    }
    Result<int64_t> LatestRevision() override {
      return s_.Run("search.latest_revision", [&] { return in().LatestRevision(); });
    }
    int64_t RevisionSlack() const override { return s_.inner_->search().RevisionSlack(); }
    Result<std::vector<search::IndexedMember>> SearchableMembers(MemberId after,
                                                                 size_t limit) override {
      return s_.Run("search.searchable_members",
                    [&] { return in().SearchableMembers(after, limit); });
    }
    Result<std::vector<search::MemberRevision>> RevisedSince(int64_t revision,
                                                             size_t limit) override {
      return s_.Run("search.revised_since", [&] { return in().RevisedSince(revision, limit); });
    }
    Result<std::vector<search::IndexedMember>> MembersIndexed(
        std::span<const MemberId> members) override {
      return s_.Run("search.members_indexed", [&] { return in().MembersIndexed(members); });
    }
    Result<std::vector<MemberId>> MembersToIndex(size_t limit) override {
      return s_.Run("search.members_to_index", [&] { return in().MembersToIndex(limit); });
    }
    Result<bool> PutMemberEntries(MemberId member, const search::MemberEntries& entries) override {
      return s_.Run("search.put_member_entries",
                    [&] { return in().PutMemberEntries(member, entries); });
    }
    Result<std::vector<search::UnindexedOrganization>> OrganizationsToIndex(
        size_t limit) override {
      return s_.Run("search.organizations_to_index",
                    [&] { return in().OrganizationsToIndex(limit); });
    }
    Result<void> PutOrganizationForms(const search::OrganizationForms& forms) override {
      return s_.Run("search.put_organization_forms",
                    [&] { return in().PutOrganizationForms(forms); });
    }

   private:
    FaultyStore& s_;
  };

  class Streams final : public stream::StreamRepository {
   public:
    explicit Streams(FaultyStore& store) : s_(store) {}
    stream::StreamRepository& in() { return s_.inner_->streams(); }

    Result<std::vector<stream::StreamEvent>> ListEvents(MemberId member, int64_t after,
                                                        int limit) override {
      return s_.Run("streams.list_events", [&] { return in().ListEvents(member, after, limit); });
    }
    Result<int64_t> LastSeq(MemberId member) override {
      return s_.Run("streams.last_seq", [&] { return in().LastSeq(member); });
    }

   private:
    FaultyStore& s_;
  };

  class Notifications final : public notifications::NotificationRepository {
   public:
    explicit Notifications(FaultyStore& store) : s_(store) {}
    notifications::NotificationRepository& in() { return s_.inner_->notifications(); }

    Result<notifications::Settings> FindSettings(MemberId member) override {
      return s_.Run("notifications.find_settings", [&] { return in().FindSettings(member); });
    }
    Result<void> PutSettings(MemberId member, const notifications::Settings& settings) override {
      return s_.Run("notifications.put_settings",
                    [&] { return in().PutSettings(member, settings); });
    }
    Result<void> CreateNotification(const notifications::Notification& notification,
                                    bool alert) override {
      return s_.Run("notifications.create_notification",
                    [&] { return in().CreateNotification(notification, alert); });
    }
    Result<std::optional<notifications::Notification>> FindNotification(
        MemberId member, NotificationId id) override {
      return s_.Run("notifications.find_notification",
                    [&] { return in().FindNotification(member, id); });
    }
    Result<std::vector<notifications::Notification>> ListNotifications(
        MemberId member, std::optional<std::pair<Timestamp, NotificationId>> before,
        int limit) override {
      return s_.Run("notifications.list_notifications",
                    [&] { return in().ListNotifications(member, before, limit); });
    }
    Result<int64_t> CountUnread(MemberId member) override {
      return s_.Run("notifications.count_unread", [&] { return in().CountUnread(member); });
    }
    Result<int64_t> CountAlertsSince(MemberId member, notifications::Category category,
                                     Timestamp since) override {
      return s_.Run("notifications.count_alerts_since",
                    [&] { return in().CountAlertsSince(member, category, since); });
    }
    Result<bool> MarkRead(MemberId member, NotificationId id, Timestamp at) override {
      return s_.Run("notifications.mark_read", [&] { return in().MarkRead(member, id, at); });
    }
    Result<int64_t> MarkAllRead(MemberId member, Timestamp at) override {
      return s_.Run("notifications.mark_all_read", [&] { return in().MarkAllRead(member, at); });
    }
    Result<std::vector<notifications::DigestSubscriber>> ListDigestSubscribers(
        MemberId after, int limit) override {
      return s_.Run("notifications.list_digest_subscribers",
                    [&] { return in().ListDigestSubscribers(after, limit); });
    }
    Result<std::array<int64_t, notifications::kCategoryCount>> CountDigestItems(
        MemberId member, Timestamp since, Timestamp until) override {
      return s_.Run("notifications.count_digest_items",
                    [&] { return in().CountDigestItems(member, since, until); });
    }
    Result<bool> ClaimDigest(MemberId member, const notifications::DigestMark& mark) override {
      return s_.Run("notifications.claim_digest", [&] { return in().ClaimDigest(member, mark); });
    }

   private:
    FaultyStore& s_;
  };

  std::unique_ptr<storage::Store> inner_;
  Accounts accounts_;
  Outbox outbox_;
  Profiles profiles_;
  Organizations organizations_;
  Personas personas_;
  Images images_;
  Relationships relationships_;
  Messaging messaging_;
  Introductions introductions_;
  Search search_;
  Streams streams_;
  Notifications notifications_;
  mutable std::mutex mutex_;
  std::optional<Plan> plan_;        // GUARDED_BY(mutex_)
  std::vector<std::string> calls_;  // GUARDED_BY(mutex_)
};

}  // namespace enishi::testing
