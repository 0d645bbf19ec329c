// The storage contract of relationships: requests, ties, blocks, inbound policies, cards and
// scans, and the connections the graph index loads. The same typed suite as
// store_contract_test.cpp, on every backend, each test from an empty, migrated database.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "storage/sql/account_repo.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/sql/relationship_repo.hpp"
#include "storage/sql/sql_store.hpp"
#include "storage/store_contract_fixture.hpp"
#include "support/faulty_store.hpp"

namespace enishi::storage {
// Named, so that the unity build never mixes these helpers with other suites' own.
namespace relationships_contract {
namespace {

using namespace contract;  // NOLINT: the suite's vocabulary.
using graph::ConnectionRecord;
using privacy::Audience;
using privacy::AudienceKind;
using profiles::JobFunction;
using relationships::Block;
using relationships::BusinessAsks;
using relationships::Card;
using relationships::InboundPolicy;
using relationships::Provenance;
using relationships::Reach;
using relationships::ReceivedBox;
using relationships::RelationshipRepository;
using relationships::Request;
using relationships::RequestKind;
using relationships::RequestState;
using relationships::Stage;
using relationships::Standing;
using relationships::Tie;
using std::chrono::microseconds;

constexpr RequestKind kGreeting = RequestKind::kGreeting;
constexpr RequestKind kConnection = RequestKind::kConnection;
const Timestamp kT1 = kT0 + hours(1);
const Timestamp kT2 = kT0 + hours(2);
const Timestamp kT3 = kT0 + hours(3);

// A pending request made at `created_at`, answerable for thirty days.
Request MakeRequest(uint64_t id, RequestKind kind, MemberId sender, MemberId recipient,
                    Timestamp created_at = kT0) {
  Request request;
  request.id = RequestId(id);
  request.kind = kind;
  request.sender = sender;
  request.recipient = recipient;
  request.note = kind == kGreeting ? "はじめまして" : "先日の勉強会でお会いしました";
  request.provenance = kind == kGreeting ? Provenance::kNone : Provenance::kMetInPerson;
  request.created_at = created_at;
  request.expires_at = created_at + days(30);
  return request;
}

std::vector<RequestId> RequestIds(const std::vector<Request>& requests) {
  std::vector<RequestId> ids;
  for (const Request& request : requests) ids.push_back(request.id);
  return ids;
}

std::vector<MemberId> OthersOf(const std::vector<Tie>& ties) {
  std::vector<MemberId> others;
  for (const Tie& tie : ties) others.push_back(tie.other);
  return others;
}

// A new tie's side as AcceptRequest, Connect and RaiseStage leave it.
Tie FreshTie(MemberId member, MemberId other, Stage stage, Provenance provenance, Timestamp at) {
  return {member, other, stage, std::nullopt, "", false, provenance, at};
}

std::tuple<Stage, bool, bool> Parts(const Standing& standing) {
  return {standing.stage, standing.trusted, standing.blocked};
}

// A connection as ForEachConnection visits it: a, b, a's rating of b, b's rating of a.
using Visited = std::tuple<MemberId, MemberId, int, int>;

// Every connection `repository` visits, sorted.
std::vector<Visited> VisitAll(RelationshipRepository& repository) {
  std::vector<Visited> visited;
  EXPECT_OK(repository.ForEachConnection([&](const ConnectionRecord& c) -> Result<void> {
    visited.emplace_back(c.a, c.b, c.a_rates_b, c.b_rates_a);
    return Ok();
  }));
  std::sort(visited.begin(), visited.end());
  return visited;
}

// A database whose Nth statement from FailStatement(n) fails as a lost server would, so that a
// test can stop a unit between two of its writes.
class StatementFailingDatabase final : public sql::SqlDatabase {
 public:
  explicit StatementFailingDatabase(std::unique_ptr<sql::SqlDatabase> inner)
      : inner_(std::move(inner)) {}

  void FailStatement(int n) { countdown_ = n; }

  sql::Dialect dialect() const override { return inner_->dialect(); }
  std::string_view backend() const override { return inner_->backend(); }
  Result<void> Read(const sql::SqlUnit& unit) override {
    return inner_->Read([&](sql::SqlConnection& c) {
      Failing failing(c, countdown_);
      return unit(failing);
    });
  }
  Result<void> Write(const sql::SqlUnit& unit) override {
    return inner_->Write([&](sql::SqlConnection& c) {
      Failing failing(c, countdown_);
      return unit(failing);
    });
  }
  Result<std::unique_ptr<cluster::ChangeListener>> Listen(
      std::string_view channel, cluster::ChangeListener::Handlers handlers) override {
    return inner_->Listen(channel, std::move(handlers));
  }
  void Close() override { inner_->Close(); }

 private:
  class Failing final : public sql::SqlConnection {
   public:
    Failing(sql::SqlConnection& inner, std::atomic<int>& countdown)
        : inner_(inner), countdown_(countdown) {}
    Result<int64_t> Execute(std::string_view sql, sql::SqlParams params) override {
      ENISHI_TRY(Count());
      return inner_.Execute(sql, params);
    }
    Result<void> Query(std::string_view sql, sql::SqlParams params,
                       const sql::RowCallback& on_row) override {
      ENISHI_TRY(Count());
      return inner_.Query(sql, params, on_row);
    }
    Result<void> ExecuteScript(std::string_view sql) override {
      ENISHI_TRY(Count());
      return inner_.ExecuteScript(sql);
    }
    Result<void> Notify(std::string_view channel, std::string_view message) override {
      ENISHI_TRY(Count());
      return inner_.Notify(channel, message);
    }

   private:
    Result<void> Count() {
      if (countdown_.fetch_sub(1) == 1) return Unavailable("injected statement failure");
      return Ok();
    }

    sql::SqlConnection& inner_;
    std::atomic<int>& countdown_;
  };

  std::unique_ptr<sql::SqlDatabase> inner_;
  std::atomic<int> countdown_{0};  // Zero and below: nothing armed.
};

template <class Backend>
class RelationshipStoreContract : public StoreContract<Backend> {
 protected:
  MemberId Member(uint64_t id) {
    return this->SignUp(id, "m" + std::to_string(id) + "@example.com").id;
  }

  Request Send(const Request& request) {
    EXPECT_OK(this->relationships().CreateRequest(request));
    return request;
  }

  std::optional<RequestState> StateOf(RequestId id) {
    auto request = Value(this->relationships().FindRequest(id));
    if (!request) return std::nullopt;
    return request->state;
  }

  // The test's database, migrated, opened once more apart from the store (for :memory:, a
  // database of its own).
  std::unique_ptr<sql::SqlDatabase> OpenOwnDatabase() {
    auto opened = sql::OpenDatabase(this->options_);
    EXPECT_TRUE(opened.has_value());
    if (!opened) return nullptr;
    EXPECT_TRUE(sql::RunMigrations(**opened).has_value());
    return std::move(opened).value();
  }
};

TYPED_TEST_SUITE(RelationshipStoreContract, Backends, BackendNames);

// --- Requests.

TYPED_TEST(RelationshipStoreContract, RequestsRoundTripWithEveryField) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  Request introduced = MakeRequest(1, kConnection, a, b);
  introduced.provenance = Provenance::kIntroduced;
  introduced.introduced_by = c;
  introduced.filtered = true;
  Request settled = MakeRequest(2, kGreeting, b, a);
  settled.state = RequestState::kDeclined;
  settled.resolved_at = kT1;
  this->Send(introduced);
  this->Send(settled);

  EXPECT_EQ(Value(this->relationships().FindRequest(introduced.id)), introduced);
  EXPECT_EQ(Value(this->relationships().FindRequest(settled.id)), settled);
  EXPECT_EQ(Value(this->relationships().FindRequest(RequestId(99))), std::nullopt);
  EXPECT_EQ(Value(this->relationships().FindOpenRequest(kConnection, a, b)), introduced);
  EXPECT_EQ(Value(this->relationships().FindOpenRequest(kGreeting, b, a)), settled);
  EXPECT_EQ(Value(this->relationships().FindOpenRequest(kGreeting, a, b)), std::nullopt);
  EXPECT_EQ(Value(this->relationships().FindOpenRequest(kConnection, b, a)), std::nullopt);
}

TYPED_TEST(RelationshipStoreContract, OnlyOneRequestOfAKindIsPendingFromASenderToARecipient) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  Request first = this->Send(MakeRequest(1, kGreeting, a, b));
  EXPECT_ERROR(this->relationships().CreateRequest(MakeRequest(2, kGreeting, a, b, kT1)),
               ErrorCode::kAlreadyExists);
  EXPECT_ERROR(this->relationships().CreateRequest(MakeRequest(1, kGreeting, b, a)),
               ErrorCode::kAlreadyExists);  // The id is taken.
  // The other kind, and the other direction, are requests of their own.
  this->Send(MakeRequest(3, kConnection, a, b));
  this->Send(MakeRequest(4, kGreeting, b, a));

  // A pending request stays pending when it expires, until someone resolves it.
  Request late = MakeRequest(5, kGreeting, a, b, kT0 + days(40));
  EXPECT_ERROR(this->relationships().CreateRequest(late), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Value(this->relationships().FindOpenRequest(kGreeting, a, b)), first);
  EXPECT_TRUE(Value(
      this->relationships().ResolveRequest(first.id, RequestState::kExpired, kT0 + days(30))));
  this->Send(late);
  EXPECT_EQ(Value(this->relationships().FindOpenRequest(kGreeting, a, b)), late);
}

TYPED_TEST(RelationshipStoreContract, FindOpenRequestIsTheNewestPendingOrDeclinedOne) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  auto open = [&] { return Value(this->relationships().FindOpenRequest(kGreeting, a, b)); };
  Request first = this->Send(MakeRequest(1, kGreeting, a, b, kT0));
  EXPECT_EQ(open(), first);
  // Declined still reads pending to its sender, so it stays open, expired or not.
  EXPECT_TRUE(Value(this->relationships().ResolveRequest(first.id, RequestState::kDeclined, kT1)));
  first.state = RequestState::kDeclined;
  first.resolved_at = kT1;
  EXPECT_EQ(open(), first);
  Request second = this->Send(MakeRequest(2, kGreeting, a, b, kT2));
  EXPECT_EQ(open(), second);
  EXPECT_TRUE(Value(this->relationships().ResolveRequest(second.id, RequestState::kExpired, kT3)));
  EXPECT_EQ(open(), first);
  EXPECT_TRUE(Value(this->relationships().ResolveRequest(first.id, RequestState::kWithdrawn, kT3)));
  EXPECT_EQ(open(), std::nullopt);
  Request third = this->Send(MakeRequest(3, kGreeting, a, b, kT3));
  EXPECT_TRUE(Value(this->relationships().AcceptRequest(third.id, kT3)));
  EXPECT_EQ(open(), std::nullopt);
  EXPECT_EQ(Value(this->relationships().FindOpenRequest(kConnection, a, b)), std::nullopt);
}

TYPED_TEST(RelationshipStoreContract, RequestsNamingAMissingAccountAreAFailedPrecondition) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId nobody(4242);
  EXPECT_ERROR(this->relationships().CreateRequest(MakeRequest(1, kGreeting, a, nobody)),
               ErrorCode::kFailedPrecondition);
  EXPECT_ERROR(this->relationships().CreateRequest(MakeRequest(2, kGreeting, nobody, a)),
               ErrorCode::kFailedPrecondition);
  Request introduced = MakeRequest(3, kConnection, a, b);
  introduced.provenance = Provenance::kIntroduced;
  introduced.introduced_by = nobody;
  EXPECT_ERROR(this->relationships().CreateRequest(introduced), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Value(this->relationships().ListSent(a, std::nullopt, 10)).empty());
}

TYPED_TEST(RelationshipStoreContract, ListReceivedKeepsToTheBoxKindAndExpiryNewestFirst) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  MemberId d = this->Member(1007);
  Request greeting = this->Send(MakeRequest(1, kGreeting, a, b, kT0));
  Request connection = this->Send(MakeRequest(2, kConnection, c, b, kT1));
  Request filtered = MakeRequest(3, kGreeting, d, b, kT2);
  filtered.filtered = true;
  this->Send(filtered);
  Request short_lived = MakeRequest(4, kConnection, a, b, kT3);
  short_lived.expires_at = kT3 + hours(1);
  this->Send(short_lived);
  Request declined = this->Send(MakeRequest(5, kGreeting, c, b, kT3));
  EXPECT_TRUE(Value(this->relationships().ResolveRequest(declined.id, RequestState::kDeclined,
                                                         kT3 + minutes(1))));
  this->Send(MakeRequest(6, kGreeting, b, a, kT3));  // Sent by b, not received.
  // Made in the same microsecond as `connection`: the higher id comes first.
  Request twin = this->Send(MakeRequest(7, kGreeting, c, b, kT1));

  auto received = [&](ReceivedBox box, std::optional<RequestKind> kind, Timestamp now, int limit) {
    return RequestIds(Value(this->relationships().ListReceived(b, box, kind, now, limit)));
  };
  using Ids = std::vector<RequestId>;
  const Timestamp now = kT3 + minutes(30);
  EXPECT_EQ(received(ReceivedBox::kInbox, std::nullopt, now, 10),
            (Ids{short_lived.id, twin.id, connection.id, greeting.id}));
  EXPECT_EQ(received(ReceivedBox::kInbox, std::nullopt, now, 2), (Ids{short_lived.id, twin.id}));
  EXPECT_EQ(received(ReceivedBox::kInbox, kGreeting, now, 10), (Ids{twin.id, greeting.id}));
  EXPECT_EQ(received(ReceivedBox::kInbox, kConnection, now, 10),
            (Ids{short_lived.id, connection.id}));
  EXPECT_EQ(received(ReceivedBox::kInbox, kConnection, short_lived.expires_at, 10),
            (Ids{connection.id}));
  EXPECT_EQ(received(ReceivedBox::kFiltered, std::nullopt, now, 10), (Ids{filtered.id}));
  EXPECT_EQ(received(ReceivedBox::kFiltered, kConnection, now, 10), Ids{});
  EXPECT_EQ(received(ReceivedBox::kFiltered, std::nullopt, filtered.expires_at, 10), Ids{});
  EXPECT_EQ(Value(this->relationships().ListReceived(b, ReceivedBox::kInbox, std::nullopt, now, 1)),
            std::vector<Request>{short_lived});
}

TYPED_TEST(RelationshipStoreContract, ListSentLeavesOutWithdrawnRequestsAndSentTimesSinceNot) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  MemberId d = this->Member(1007);
  Request greeting = this->Send(MakeRequest(1, kGreeting, a, b, kT0));
  Request connection = this->Send(MakeRequest(2, kConnection, a, c, kT1));
  Request withdrawn = this->Send(MakeRequest(3, kGreeting, a, d, kT2));
  EXPECT_TRUE(
      Value(this->relationships().ResolveRequest(withdrawn.id, RequestState::kWithdrawn, kT3)));
  // Declined still reads as sent: a sender is never told.
  Request declined = this->Send(MakeRequest(4, kConnection, a, b, kT3));
  EXPECT_TRUE(
      Value(this->relationships().ResolveRequest(declined.id, RequestState::kDeclined, kT3)));
  this->Send(MakeRequest(5, kGreeting, b, a, kT3));  // Received by a, not sent.

  using Ids = std::vector<RequestId>;
  auto sent = [&](std::optional<RequestKind> kind, int limit) {
    return RequestIds(Value(this->relationships().ListSent(a, kind, limit)));
  };
  EXPECT_EQ(sent(std::nullopt, 10), (Ids{declined.id, connection.id, greeting.id}));
  EXPECT_EQ(sent(std::nullopt, 1), (Ids{declined.id}));
  EXPECT_EQ(sent(kGreeting, 10), (Ids{greeting.id}));
  EXPECT_EQ(sent(kConnection, 10), (Ids{declined.id, connection.id}));

  // Strictly after `since`: what was sent exactly a window ago no longer counts.
  using Times = std::vector<Timestamp>;
  auto times = [&](MemberId sender, RequestKind kind, Timestamp since) {
    return Value(this->relationships().SentTimesSince(sender, kind, since));
  };
  EXPECT_EQ(times(a, kGreeting, kT0 - microseconds(1)), (Times{kT0, kT2}));
  EXPECT_EQ(times(a, kGreeting, kT0), (Times{kT2}));
  EXPECT_EQ(times(a, kGreeting, kT2), Times{});
  EXPECT_EQ(times(a, kConnection, kT0), (Times{kT1, kT3}));
  EXPECT_EQ(times(b, kConnection, kT0), Times{});
}

TYPED_TEST(RelationshipStoreContract, LastWithdrawnIsTheLatestWithdrawalOfThatKindToThatMember) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  EXPECT_EQ(Value(this->relationships().LastWithdrawn(a, b, kGreeting)), std::nullopt);
  Request first = this->Send(MakeRequest(1, kGreeting, a, b, kT0));
  EXPECT_TRUE(Value(this->relationships().ResolveRequest(first.id, RequestState::kWithdrawn, kT1)));
  Request second = this->Send(MakeRequest(2, kGreeting, a, b, kT2));
  EXPECT_TRUE(
      Value(this->relationships().ResolveRequest(second.id, RequestState::kWithdrawn, kT3)));
  Request declined = this->Send(MakeRequest(3, kGreeting, a, b, kT3));
  EXPECT_TRUE(Value(
      this->relationships().ResolveRequest(declined.id, RequestState::kDeclined, kT3 + hours(1))));

  EXPECT_EQ(Value(this->relationships().LastWithdrawn(a, b, kGreeting)), kT3);
  EXPECT_EQ(Value(this->relationships().LastWithdrawn(a, b, kConnection)), std::nullopt);
  EXPECT_EQ(Value(this->relationships().LastWithdrawn(b, a, kGreeting)), std::nullopt);
  EXPECT_EQ(Value(this->relationships().LastWithdrawn(a, c, kGreeting)), std::nullopt);
}

TYPED_TEST(RelationshipStoreContract, ResolveRequestMovesPendingThenDeclinedRequestsOnly) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  Request request = this->Send(MakeRequest(1, kConnection, a, b));
  auto resolve = [&](RequestState state, Timestamp at) {
    return Value(this->relationships().ResolveRequest(request.id, state, at));
  };
  EXPECT_TRUE(resolve(RequestState::kDeclined, kT1));
  request.state = RequestState::kDeclined;
  request.resolved_at = kT1;
  EXPECT_EQ(Value(this->relationships().FindRequest(request.id)), request);
  EXPECT_FALSE(resolve(RequestState::kDeclined, kT2));
  EXPECT_FALSE(Value(this->relationships().AcceptRequest(request.id, kT2)));
  EXPECT_EQ(Value(this->relationships().FindRequest(request.id)), request);

  // A declined request may still be withdrawn by its sender, or expire; then it is settled.
  EXPECT_TRUE(resolve(RequestState::kWithdrawn, kT2));
  request.state = RequestState::kWithdrawn;
  request.resolved_at = kT2;
  EXPECT_EQ(Value(this->relationships().FindRequest(request.id)), request);
  for (RequestState state :
       {RequestState::kDeclined, RequestState::kWithdrawn, RequestState::kExpired}) {
    EXPECT_FALSE(resolve(state, kT3));
  }
  EXPECT_FALSE(Value(this->relationships().AcceptRequest(request.id, kT3)));
  EXPECT_EQ(Value(this->relationships().FindRequest(request.id)), request);

  Request accepted = this->Send(MakeRequest(2, kGreeting, a, b));
  EXPECT_TRUE(Value(this->relationships().AcceptRequest(accepted.id, kT1)));
  EXPECT_FALSE(
      Value(this->relationships().ResolveRequest(accepted.id, RequestState::kWithdrawn, kT2)));
  EXPECT_EQ(this->StateOf(accepted.id), RequestState::kAccepted);
  EXPECT_FALSE(
      Value(this->relationships().ResolveRequest(RequestId(99), RequestState::kExpired, kT2)));
  EXPECT_FALSE(Value(this->relationships().AcceptRequest(RequestId(99), kT2)));
  EXPECT_EQ(Value(this->relationships().FindTie(a, b))->stage, Stage::kGreeted);
}

// --- Accepting and ties.

TYPED_TEST(RelationshipStoreContract, AcceptingAGreetingGreetsBothSidesAndNeverLowersTheTie) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  Request greeting = this->Send(MakeRequest(1, kGreeting, a, b));
  Request connection = this->Send(MakeRequest(2, kConnection, a, b));
  EXPECT_TRUE(Value(this->relationships().AcceptRequest(greeting.id, kT1)));

  EXPECT_EQ(this->StateOf(greeting.id), RequestState::kAccepted);
  EXPECT_EQ(Value(this->relationships().FindRequest(greeting.id))->resolved_at, kT1);
  EXPECT_EQ(Value(this->relationships().FindTie(a, b)),
            FreshTie(a, b, Stage::kGreeted, Provenance::kNone, kT1));
  EXPECT_EQ(Value(this->relationships().FindTie(b, a)),
            FreshTie(b, a, Stage::kGreeted, Provenance::kNone, kT1));
  // A greeting settles nothing else.
  EXPECT_EQ(this->StateOf(connection.id), RequestState::kPending);
  EXPECT_FALSE(Value(this->relationships().AcceptRequest(greeting.id, kT2)));

  // A later greeting between two who already converse leaves their tie as it is.
  EXPECT_OK(this->relationships().RaiseStage(a, b, Stage::kConversing, kT2));
  Request reply = this->Send(MakeRequest(3, kGreeting, b, a, kT2));
  EXPECT_TRUE(Value(this->relationships().AcceptRequest(reply.id, kT3)));
  EXPECT_EQ(Value(this->relationships().FindTie(a, b)),
            FreshTie(a, b, Stage::kConversing, Provenance::kNone, kT2));
  EXPECT_EQ(Value(this->relationships().FindTie(b, a)),
            FreshTie(b, a, Stage::kConversing, Provenance::kNone, kT2));
}

TYPED_TEST(RelationshipStoreContract, AcceptingAConnectionRequestSettlesEveryRequestBetweenThem) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  EXPECT_OK(this->relationships().RaiseStage(a, b, Stage::kGreeted, kT0));
  Request request = MakeRequest(1, kConnection, a, b);
  request.provenance = Provenance::kIntroduced;
  request.introduced_by = c;
  this->Send(request);
  Request reverse = this->Send(MakeRequest(2, kConnection, b, a));
  Request greeting = this->Send(MakeRequest(3, kGreeting, a, b));
  Request greeting_back = this->Send(MakeRequest(4, kGreeting, b, a));
  Request elsewhere = this->Send(MakeRequest(5, kConnection, a, c));
  Request declined = this->Send(MakeRequest(6, kGreeting, c, a));
  EXPECT_TRUE(
      Value(this->relationships().ResolveRequest(declined.id, RequestState::kDeclined, kT0)));

  EXPECT_TRUE(Value(this->relationships().AcceptRequest(request.id, kT1)));

  EXPECT_EQ(Value(this->relationships().FindTie(a, b)),
            FreshTie(a, b, Stage::kConnected, Provenance::kIntroduced, kT1));
  EXPECT_EQ(Value(this->relationships().FindTie(b, a)),
            FreshTie(b, a, Stage::kConnected, Provenance::kIntroduced, kT1));
  for (const Request& settled : {request, reverse, greeting, greeting_back}) {
    auto found = Value(this->relationships().FindRequest(settled.id));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->state, RequestState::kAccepted) << settled.id.value();
    EXPECT_EQ(found->resolved_at, kT1) << settled.id.value();
  }
  EXPECT_EQ(this->StateOf(elsewhere.id), RequestState::kPending);
  EXPECT_EQ(Value(this->relationships().FindRequest(declined.id))->resolved_at, kT0);
  EXPECT_EQ(Value(this->relationships().FindTie(a, c)), std::nullopt);
}

TYPED_TEST(RelationshipStoreContract, ConnectKeepsATieThatIsAlreadyThere) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  Request pending = this->Send(MakeRequest(1, kGreeting, b, a));
  EXPECT_OK(this->relationships().Connect(a, b, Provenance::kMetInPerson, kT1));
  EXPECT_EQ(this->StateOf(pending.id), RequestState::kAccepted);
  EXPECT_OK(this->relationships().UpdateTie(a, b, 4, "名刺交換 @ 勉強会", true));
  Tie a_side = Value(this->relationships().FindTie(a, b)).value_or(Tie{});
  Tie b_side = FreshTie(b, a, Stage::kConnected, Provenance::kMetInPerson, kT1);
  EXPECT_EQ(a_side.rating, 4);

  EXPECT_OK(this->relationships().Connect(b, a, Provenance::kImported, kT2));
  EXPECT_EQ(Value(this->relationships().FindTie(a, b)), a_side);
  EXPECT_EQ(Value(this->relationships().FindTie(b, a)), b_side);

  // From a lower stage, the tie moves up and takes the new provenance.
  EXPECT_OK(this->relationships().RaiseStage(a, c, Stage::kConversing, kT0));
  EXPECT_OK(this->relationships().Connect(c, a, Provenance::kSameGroup, kT3));
  EXPECT_EQ(Value(this->relationships().FindTie(a, c)),
            FreshTie(a, c, Stage::kConnected, Provenance::kSameGroup, kT3));
  EXPECT_EQ(Value(this->relationships().FindTie(c, a)),
            FreshTie(c, a, Stage::kConnected, Provenance::kSameGroup, kT3));
  EXPECT_ERROR(this->relationships().Connect(a, MemberId(4242), Provenance::kNone, kT3),
               ErrorCode::kFailedPrecondition);
}

TYPED_TEST(RelationshipStoreContract, RaiseStageNeverLowersTheTie) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  EXPECT_OK(this->relationships().RaiseStage(a, b, Stage::kGreeted, kT0));
  EXPECT_OK(this->relationships().RaiseStage(b, a, Stage::kConversing, kT1));
  EXPECT_EQ(Value(this->relationships().FindTie(a, b)),
            FreshTie(a, b, Stage::kConversing, Provenance::kNone, kT1));
  EXPECT_EQ(Value(this->relationships().FindTie(b, a)),
            FreshTie(b, a, Stage::kConversing, Provenance::kNone, kT1));

  EXPECT_OK(this->relationships().RaiseStage(a, b, Stage::kGreeted, kT2));
  EXPECT_OK(this->relationships().RaiseStage(a, b, Stage::kConversing, kT2));
  EXPECT_EQ(Value(this->relationships().FindTie(a, b)),
            FreshTie(a, b, Stage::kConversing, Provenance::kNone, kT1));

  EXPECT_OK(this->relationships().Connect(a, c, Provenance::kMetInPerson, kT0));
  EXPECT_OK(this->relationships().RaiseStage(c, a, Stage::kConversing, kT2));
  EXPECT_EQ(Value(this->relationships().FindTie(c, a)),
            FreshTie(c, a, Stage::kConnected, Provenance::kMetInPerson, kT0));
}

TYPED_TEST(RelationshipStoreContract, FindStandingReadsStageTrustAndBlocksTogether) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  using Expected = std::tuple<Stage, bool, bool>;
  EXPECT_EQ(Parts(Value(this->relationships().FindStanding(a, b))),
            Expected(Stage::kNone, false, false));

  EXPECT_OK(this->relationships().Connect(a, b, Provenance::kMetInPerson, kT0));
  EXPECT_OK(this->relationships().UpdateTie(a, b, std::nullopt, "", true));
  EXPECT_EQ(Parts(Value(this->relationships().FindStanding(a, b))),
            Expected(Stage::kConnected, true, false));
  EXPECT_EQ(Parts(Value(this->relationships().FindStanding(b, a))),
            Expected(Stage::kConnected, false, false));

  EXPECT_OK(this->relationships().RaiseStage(a, c, Stage::kGreeted, kT0));
  EXPECT_OK(this->relationships().PutBlock({c, a, kT1}));
  EXPECT_EQ(Parts(Value(this->relationships().FindStanding(a, c))),
            Expected(Stage::kNone, false, true));
  EXPECT_EQ(Parts(Value(this->relationships().FindStanding(c, a))),
            Expected(Stage::kNone, false, true));
  EXPECT_EQ(Parts(Value(this->relationships().FindStanding(b, c))),
            Expected(Stage::kNone, false, false));
}

TYPED_TEST(RelationshipStoreContract, ListTiesKeepsToTheStageMostRecentFirst) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  MemberId d = this->Member(1007);
  EXPECT_OK(this->relationships().RaiseStage(a, b, Stage::kGreeted, kT1));
  EXPECT_OK(this->relationships().RaiseStage(c, a, Stage::kConversing, kT2));
  EXPECT_OK(this->relationships().Connect(a, d, Provenance::kImported, kT3));
  EXPECT_OK(this->relationships().UpdateTie(a, d, 2, "前職の同僚", false));

  using Members = std::vector<MemberId>;
  EXPECT_EQ(OthersOf(Value(this->relationships().ListTies(a, Stage::kNone))), (Members{d, c, b}));
  EXPECT_EQ(OthersOf(Value(this->relationships().ListTies(a, Stage::kGreeted))),
            (Members{d, c, b}));
  EXPECT_EQ(OthersOf(Value(this->relationships().ListTies(a, Stage::kConversing))),
            (Members{d, c}));
  EXPECT_EQ(Value(this->relationships().ListTies(a, Stage::kConnected)),
            std::vector<Tie>{Value(this->relationships().FindTie(a, d)).value_or(Tie{})});
  EXPECT_EQ(OthersOf(Value(this->relationships().ListTies(b, Stage::kNone))), (Members{a}));
  EXPECT_TRUE(Value(this->relationships().ListTies(b, Stage::kConversing)).empty());
}

TYPED_TEST(RelationshipStoreContract, UpdateTieIsForConnectionsWithRatingsFromOneToFive) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  EXPECT_ERROR(this->relationships().UpdateTie(a, b, 3, "", false), ErrorCode::kNotFound);
  EXPECT_OK(this->relationships().RaiseStage(a, c, Stage::kConversing, kT0));
  EXPECT_ERROR(this->relationships().UpdateTie(a, c, 3, "", false), ErrorCode::kNotFound);

  EXPECT_OK(this->relationships().Connect(a, b, Provenance::kMetInPerson, kT0));
  Tie a_side = FreshTie(a, b, Stage::kConnected, Provenance::kMetInPerson, kT0);
  const Tie b_side = FreshTie(b, a, Stage::kConnected, Provenance::kMetInPerson, kT0);
  for (int rating : {1, 5}) {
    EXPECT_OK(this->relationships().UpdateTie(a, b, rating, "大学の先輩", true));
    a_side.rating = rating;
    a_side.note = "大学の先輩";
    a_side.trusted = true;
    EXPECT_EQ(Value(this->relationships().FindTie(a, b)), a_side);
  }
  for (int rating : {0, 6, -1}) {
    EXPECT_FALSE(this->relationships().UpdateTie(a, b, rating, "", false).has_value()) << rating;
  }
  EXPECT_EQ(Value(this->relationships().FindTie(a, b)), a_side);
  EXPECT_OK(this->relationships().UpdateTie(a, b, std::nullopt, "", false));
  EXPECT_EQ(Value(this->relationships().FindTie(a, b)),
            FreshTie(a, b, Stage::kConnected, Provenance::kMetInPerson, kT0));
  EXPECT_EQ(Value(this->relationships().FindTie(b, a)), b_side);  // Private to each side.
}

TYPED_TEST(RelationshipStoreContract, RemoveTieRemovesBothSides) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  EXPECT_FALSE(Value(this->relationships().RemoveTie(a, b)));
  EXPECT_OK(this->relationships().Connect(a, b, Provenance::kMetInPerson, kT0));
  EXPECT_TRUE(Value(this->relationships().RemoveTie(b, a)));
  EXPECT_EQ(Value(this->relationships().FindTie(a, b)), std::nullopt);
  EXPECT_EQ(Value(this->relationships().FindTie(b, a)), std::nullopt);
  EXPECT_FALSE(Value(this->relationships().RemoveTie(a, b)));
}

// --- Blocks.

TYPED_TEST(RelationshipStoreContract, PutBlockRemovesTheTieAndPendingRequestsBothWays) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  EXPECT_OK(this->relationships().RaiseStage(a, b, Stage::kConversing, kT0));
  EXPECT_OK(this->relationships().RaiseStage(a, c, Stage::kGreeted, kT0));
  Request to_b = this->Send(MakeRequest(1, kConnection, a, b));
  Request from_b = this->Send(MakeRequest(2, kConnection, b, a));
  Request declined = this->Send(MakeRequest(3, kGreeting, b, a));
  EXPECT_TRUE(
      Value(this->relationships().ResolveRequest(declined.id, RequestState::kDeclined, kT0)));
  Request to_c = this->Send(MakeRequest(4, kConnection, a, c));

  const Block block{a, b, kT1};
  EXPECT_OK(this->relationships().PutBlock(block));
  EXPECT_EQ(Value(this->relationships().FindTie(a, b)), std::nullopt);
  EXPECT_EQ(Value(this->relationships().FindTie(b, a)), std::nullopt);
  EXPECT_EQ(Value(this->relationships().FindRequest(to_b.id)), std::nullopt);
  EXPECT_EQ(Value(this->relationships().FindRequest(from_b.id)), std::nullopt);
  // Declined reads pending to its sender, so it goes too.
  EXPECT_EQ(Value(this->relationships().FindRequest(declined.id)), std::nullopt);
  EXPECT_EQ(this->StateOf(to_c.id), RequestState::kPending);
  EXPECT_TRUE(Value(this->relationships().FindTie(a, c)).has_value());
  EXPECT_EQ(Value(this->relationships().ListBlocks(a)), std::vector<Block>{block});
  EXPECT_TRUE(Value(this->relationships().ListBlocks(b)).empty());

  // Blocking twice keeps the first block.
  EXPECT_OK(this->relationships().PutBlock({a, b, kT2}));
  EXPECT_EQ(Value(this->relationships().ListBlocks(a)), std::vector<Block>{block});
  EXPECT_ERROR(this->relationships().PutBlock({a, MemberId(4242), kT2}),
               ErrorCode::kFailedPrecondition);
}

TYPED_TEST(RelationshipStoreContract, BlocksAreListedNewestFirstAndDeletedOneWay) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  const Block older{a, b, kT0};
  const Block newer{a, c, kT1};
  const Block back{b, a, kT2};
  for (const Block& block : {older, newer, back}) EXPECT_OK(this->relationships().PutBlock(block));
  EXPECT_EQ(Value(this->relationships().ListBlocks(a)), (std::vector<Block>{newer, older}));

  EXPECT_TRUE(Value(this->relationships().DeleteBlock(a, b)));
  EXPECT_FALSE(Value(this->relationships().DeleteBlock(a, b)));
  EXPECT_EQ(Value(this->relationships().ListBlocks(a)), std::vector<Block>{newer});
  EXPECT_EQ(Value(this->relationships().ListBlocks(b)), std::vector<Block>{back});
}

TYPED_TEST(RelationshipStoreContract, BlockedEitherWayPicksTheBlockedAmongTheGiven) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  MemberId d = this->Member(1007);
  EXPECT_OK(this->relationships().PutBlock({a, b, kT0}));
  EXPECT_OK(this->relationships().PutBlock({c, a, kT0}));
  EXPECT_OK(this->relationships().PutBlock({b, d, kT0}));

  using Members = std::vector<MemberId>;
  const Members among{d, c, MemberId(4242), b, a};
  EXPECT_EQ(Value(this->relationships().BlockedEitherWay(a, among)), (Members{c, b}));
  EXPECT_EQ(Value(this->relationships().BlockedEitherWay(d, among)), (Members{b}));
  EXPECT_EQ(Value(this->relationships().BlockedEitherWay(a, {})), Members{});
  EXPECT_EQ(Value(this->relationships().BlockedEitherWay(MemberId(4242), among)), Members{});
}

// --- Inbound policy.

TYPED_TEST(RelationshipStoreContract, PoliciesAreDefaultUntilSavedThenRoundTripEveryField) {
  MemberId a = this->Member(1001);
  EXPECT_EQ(Value(this->relationships().FindPolicy(a)), InboundPolicy{});
  EXPECT_EQ(Value(this->relationships().FindPolicy(MemberId(4242))), InboundPolicy{});

  InboundPolicy policy;
  policy.greetings = Reach::kNobody;
  policy.requests = Reach::kThirdDegree;
  policy.messages = Reach::kAnyone;
  policy.refused_functions = {JobFunction::kHeadhunting, JobFunction::kRecruiting,
                              JobFunction::kHumanResources};
  policy.min_account_age_days = 30;
  policy.business_asks = BusinessAsks::kConnections;
  policy.connection_list = Audience::Of(AudienceKind::kOnlyMe);
  EXPECT_OK(this->relationships().PutPolicy(a, policy));
  EXPECT_EQ(Value(this->relationships().FindPolicy(a)), policy);

  InboundPolicy changed;
  changed.greetings = Reach::kThirdDegree;
  changed.requests = Reach::kNobody;
  changed.messages = Reach::kNobody;
  changed.refused_functions = {JobFunction::kSales};
  changed.connection_list = Audience::Of(AudienceKind::kMembers);
  EXPECT_OK(this->relationships().PutPolicy(a, changed));
  EXPECT_EQ(Value(this->relationships().FindPolicy(a)), changed);
  EXPECT_OK(this->relationships().PutPolicy(a, InboundPolicy{}));
  EXPECT_EQ(Value(this->relationships().FindPolicy(a)), InboundPolicy{});

  EXPECT_ERROR(this->relationships().PutPolicy(MemberId(4242), policy), ErrorCode::kNotFound);
}

TYPED_TEST(RelationshipStoreContract, ListConnectionListAudiencesGivesOnlyNonDefaultOnes) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  this->Member(1007);  // Never saved a policy.
  EXPECT_TRUE(Value(this->relationships().ListConnectionListAudiences()).empty());
  InboundPolicy hidden;
  hidden.connection_list = Audience::Of(AudienceKind::kOnlyMe);
  InboundPolicy wider;
  wider.connection_list = Audience::Of(AudienceKind::kNetwork2);
  wider.greetings = Reach::kNobody;
  InboundPolicy other_field;
  other_field.requests = Reach::kNobody;  // Connection list left at the default.
  EXPECT_OK(this->relationships().PutPolicy(c, wider));
  EXPECT_OK(this->relationships().PutPolicy(a, hidden));
  EXPECT_OK(this->relationships().PutPolicy(b, other_field));

  using Entries = std::vector<std::pair<MemberId, Audience>>;
  EXPECT_EQ(Value(this->relationships().ListConnectionListAudiences()),
            (Entries{{a, hidden.connection_list}, {c, wider.connection_list}}));
}

// --- Cards.

TYPED_TEST(RelationshipStoreContract, CardsAreReplacedAndTheirCodesAreUnique) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  EXPECT_EQ(Value(this->relationships().FindCard(a)), std::nullopt);
  const Card first{a, "7K3M9Q2XAB", kT0};
  EXPECT_OK(this->relationships().PutCard(first));
  EXPECT_EQ(Value(this->relationships().FindCard(a)), first);
  EXPECT_EQ(Value(this->relationships().FindCardByCode("7K3M9Q2XAB")), first);
  EXPECT_EQ(Value(this->relationships().FindCardByCode("7k3m9q2xab")), std::nullopt);

  EXPECT_ERROR(this->relationships().PutCard({b, first.code, kT1}), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Value(this->relationships().FindCard(b)), std::nullopt);

  const Card second{a, "0D1E2F3G4H", kT1};
  EXPECT_OK(this->relationships().PutCard(second));
  EXPECT_EQ(Value(this->relationships().FindCard(a)), second);
  EXPECT_EQ(Value(this->relationships().FindCardByCode(first.code)), std::nullopt);
  EXPECT_EQ(Value(this->relationships().FindCardByCode(second.code)), second);
  // The old code is free again.
  EXPECT_OK(this->relationships().PutCard({b, first.code, kT2}));
  EXPECT_EQ(Value(this->relationships().FindCardByCode(first.code))->member, b);
  EXPECT_ERROR(this->relationships().PutCard({MemberId(4242), "NNNNNNNNNN", kT2}),
               ErrorCode::kFailedPrecondition);
}

TYPED_TEST(RelationshipStoreContract, ScansKeepTheLatestPerScannerAndCard) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  EXPECT_FALSE(Value(this->relationships().ScannedSince(a, b, kT0)));
  EXPECT_OK(this->relationships().RecordScan(a, b, kT1));
  EXPECT_TRUE(Value(this->relationships().ScannedSince(a, b, kT0)));
  EXPECT_TRUE(Value(this->relationships().ScannedSince(a, b, kT1)));
  EXPECT_FALSE(Value(this->relationships().ScannedSince(a, b, kT1 + microseconds(1))));
  EXPECT_FALSE(Value(this->relationships().ScannedSince(b, a, kT0)));

  EXPECT_OK(this->relationships().RecordScan(a, b, kT0));  // Late to arrive: changes nothing.
  EXPECT_TRUE(Value(this->relationships().ScannedSince(a, b, kT1)));
  EXPECT_OK(this->relationships().RecordScan(a, b, kT3));
  EXPECT_TRUE(Value(this->relationships().ScannedSince(a, b, kT3)));
  EXPECT_ERROR(this->relationships().RecordScan(a, MemberId(4242), kT3),
               ErrorCode::kFailedPrecondition);
}

// --- Connections for the graph.

TYPED_TEST(RelationshipStoreContract, ForEachConnectionVisitsEachPairOnceWithBothRatings) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  MemberId d = this->Member(1007);
  EXPECT_TRUE(VisitAll(this->relationships()).empty());
  EXPECT_OK(this->relationships().Connect(b, a, Provenance::kMetInPerson, kT0));
  EXPECT_OK(this->relationships().Connect(a, c, Provenance::kImported, kT0));
  EXPECT_OK(this->relationships().Connect(c, b, Provenance::kSameGroup, kT0));
  EXPECT_OK(this->relationships().RaiseStage(a, d, Stage::kGreeted, kT0));
  EXPECT_OK(this->relationships().RaiseStage(d, b, Stage::kConversing, kT0));
  EXPECT_OK(this->relationships().UpdateTie(a, b, 3, "", false));
  EXPECT_OK(this->relationships().UpdateTie(a, c, 5, "", true));
  EXPECT_OK(this->relationships().UpdateTie(c, a, 1, "", false));
  EXPECT_OK(this->relationships().UpdateTie(c, b, 2, "", false));

  EXPECT_EQ(VisitAll(this->relationships()),
            (std::vector<Visited>{{a, b, 3, 0}, {a, c, 5, 1}, {b, c, 0, 2}}));

  // A visit that fails ends the scan with its error.
  int visits = 0;
  EXPECT_ERROR(
      this->relationships().ForEachConnection([&](const ConnectionRecord&) -> Result<void> {
        if (++visits == 2) return Unavailable("the graph gave up");
        return Ok();
      }),
      ErrorCode::kUnavailable);
  EXPECT_EQ(visits, 2);
}

TYPED_TEST(RelationshipStoreContract, ForEachConnectionReadsEveryPageWhateverItsSize) {
  std::unique_ptr<sql::SqlDatabase> database = this->OpenOwnDatabase();
  ASSERT_NE(database, nullptr);
  sql::SqlAccountRepository accounts(*database, {});
  sql::SqlRelationshipRepository whole(*database, {});
  // Seven members, each connected to the next two: eleven pairs, with ratings from each id.
  std::vector<MemberId> members;
  for (uint64_t id = 2001; id < 2015; id += 2) {
    ASSERT_TRUE(
        accounts.CreateAccount(MakeAccount(id, std::to_string(id) + "@example.com")).has_value());
    members.emplace_back(id);
  }
  std::vector<Visited> expected;
  for (size_t i = 0; i < members.size(); ++i) {
    for (size_t j = i + 1; j < members.size() && j <= i + 2; ++j) {
      MemberId a = members[i];
      MemberId b = members[j];
      int a_rates_b = static_cast<int>(j % 6);  // 0 leaves the tie unrated.
      int b_rates_a = static_cast<int>((i + 3) % 6);
      EXPECT_OK(whole.Connect(b, a, Provenance::kImported, kT0));
      if (a_rates_b > 0) EXPECT_OK(whole.UpdateTie(a, b, a_rates_b, "", false));
      if (b_rates_a > 0) EXPECT_OK(whole.UpdateTie(b, a, b_rates_a, "", false));
      expected.emplace_back(a, b, a_rates_b, b_rates_a);
    }
  }
  std::sort(expected.begin(), expected.end());
  ASSERT_EQ(expected.size(), 11u);

  EXPECT_EQ(VisitAll(whole), expected);
  for (int page : {1, 2, 3, 10, 11, 12}) {
    sql::SqlRelationshipRepository paged(*database, {}, page);
    EXPECT_EQ(VisitAll(paged), expected) << "pages of " << page;
  }
  database->Close();
}

// --- Deleting an account, and writes that fail.

TYPED_TEST(RelationshipStoreContract, DeleteAccountRemovesEverythingOfTheMembers) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  MemberId d = this->Member(1007);
  MemberId e = this->Member(1009);
  Request sent = this->Send(MakeRequest(1, kGreeting, a, c));
  Request received = this->Send(MakeRequest(2, kConnection, d, a));
  Request introduced = MakeRequest(3, kConnection, b, d);
  introduced.provenance = Provenance::kIntroduced;
  introduced.introduced_by = a;
  this->Send(introduced);
  EXPECT_OK(this->relationships().Connect(a, b, Provenance::kMetInPerson, kT0));
  EXPECT_OK(this->relationships().RaiseStage(c, a, Stage::kGreeted, kT0));
  EXPECT_OK(this->relationships().Connect(b, c, Provenance::kSameGroup, kT0));
  EXPECT_OK(this->relationships().PutBlock({a, e, kT0}));
  EXPECT_OK(this->relationships().PutBlock({e, a, kT0}));
  InboundPolicy policy;
  policy.connection_list = Audience::Of(AudienceKind::kOnlyMe);
  EXPECT_OK(this->relationships().PutPolicy(a, policy));
  EXPECT_OK(this->relationships().PutCard({a, "AAAAAAAAAA", kT0}));
  EXPECT_OK(this->relationships().RecordScan(a, b, kT0));
  EXPECT_OK(this->relationships().RecordScan(b, a, kT0));

  EXPECT_OK(this->accounts().DeleteAccount(a));

  EXPECT_EQ(Value(this->relationships().FindRequest(sent.id)), std::nullopt);
  EXPECT_EQ(Value(this->relationships().FindRequest(received.id)), std::nullopt);
  introduced.introduced_by.reset();  // b's request to d stays; only its introducer is gone.
  EXPECT_EQ(Value(this->relationships().FindRequest(introduced.id)), introduced);
  EXPECT_EQ(Value(this->relationships().FindTie(b, a)), std::nullopt);
  EXPECT_EQ(Value(this->relationships().FindTie(c, a)), std::nullopt);
  EXPECT_EQ(OthersOf(Value(this->relationships().ListTies(b, Stage::kNone))),
            std::vector<MemberId>{c});
  EXPECT_TRUE(Value(this->relationships().ListBlocks(e)).empty());
  EXPECT_EQ(Value(this->relationships().FindPolicy(a)), InboundPolicy{});
  EXPECT_TRUE(Value(this->relationships().ListConnectionListAudiences()).empty());
  EXPECT_EQ(Value(this->relationships().FindCardByCode("AAAAAAAAAA")), std::nullopt);
  EXPECT_FALSE(Value(this->relationships().ScannedSince(b, a, kT0)));
  EXPECT_EQ(VisitAll(this->relationships()), (std::vector<Visited>{{b, c, 0, 0}}));
  // No row naming a is left in any table.
  for (auto [table, column] :
       std::vector<std::pair<std::string_view, std::string_view>>{{"requests", "sender_id"},
                                                                  {"requests", "recipient_id"},
                                                                  {"requests", "introduced_by"},
                                                                  {"ties", "member_id"},
                                                                  {"ties", "other_id"},
                                                                  {"blocks", "blocker_id"},
                                                                  {"blocks", "blocked_id"},
                                                                  {"inbound_policies", "member_id"},
                                                                  {"cards", "member_id"},
                                                                  {"card_scans", "scanner_id"},
                                                                  {"card_scans", "owner_id"}}) {
    if (auto rows = this->CountRows(table, column, a)) {
      EXPECT_EQ(*rows, 0) << table << "." << column;
    }
  }
  EXPECT_EQ(this->CountRows("ties", "member_id", b).value_or(1), 1);
}

TYPED_TEST(RelationshipStoreContract, AWriteThatFailsMidwayLeavesNothing) {
  std::unique_ptr<sql::SqlDatabase> opened = this->OpenOwnDatabase();
  ASSERT_NE(opened, nullptr);
  auto failing = std::make_unique<StatementFailingDatabase>(std::move(opened));
  StatementFailingDatabase& database = *failing;
  sql::SqlStore store(std::move(failing), {});
  RelationshipRepository& repository = store.relationships();
  for (uint64_t id : {3001, 3003}) {
    ASSERT_TRUE(store.accounts()
                    .CreateAccount(MakeAccount(id, std::to_string(id) + "@example.com"))
                    .has_value());
  }
  MemberId a(3001);
  MemberId b(3003);
  EXPECT_OK(repository.RaiseStage(a, b, Stage::kGreeted, kT0));
  Request request = MakeRequest(1, kConnection, a, b);
  Request reverse = MakeRequest(2, kGreeting, b, a);
  EXPECT_OK(repository.CreateRequest(request));
  EXPECT_OK(repository.CreateRequest(reverse));
  const Tie greeted = FreshTie(a, b, Stage::kGreeted, Provenance::kNone, kT0);
  auto expect_untouched = [&](const std::string& what) {
    SCOPED_TRACE(what);
    EXPECT_EQ(Value(repository.FindTie(a, b)), greeted);
    EXPECT_EQ(Value(repository.FindTie(b, a))->stage, Stage::kGreeted);
    EXPECT_EQ(Value(repository.FindRequest(request.id)), request);
    EXPECT_EQ(Value(repository.FindRequest(reverse.id)), reverse);
    EXPECT_TRUE(Value(repository.ListBlocks(a)).empty());
  };

  // Accepting writes the request, each side of the tie, then the other requests.
  for (int statement = 1; statement <= 4; ++statement) {
    database.FailStatement(statement);
    EXPECT_ERROR(repository.AcceptRequest(request.id, kT1), ErrorCode::kUnavailable);
    expect_untouched("accept, statement " + std::to_string(statement));
  }
  // Blocking writes the block, deletes the tie, then the pending requests.
  for (int statement = 1; statement <= 3; ++statement) {
    database.FailStatement(statement);
    EXPECT_ERROR(repository.PutBlock({a, b, kT1}), ErrorCode::kUnavailable);
    expect_untouched("block, statement " + std::to_string(statement));
  }
  EXPECT_TRUE(Value(repository.AcceptRequest(request.id, kT1)));
  EXPECT_EQ(Value(repository.FindTie(a, b))->stage, Stage::kConnected);
  store.Close();
}

TYPED_TEST(RelationshipStoreContract, AFaultyStoreFailsRelationshipCallsByName) {
  auto opened = OpenStore(this->options_);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  ::enishi::testing::FaultyStore store(std::move(opened).value());
  ASSERT_TRUE(store.accounts().CreateAccount(MakeAccount(3001, "x@example.com")).has_value());
  ASSERT_TRUE(store.accounts().CreateAccount(MakeAccount(3003, "y@example.com")).has_value());
  Request request = MakeRequest(1, kConnection, MemberId(3001), MemberId(3003));
  EXPECT_OK(store.relationships().CreateRequest(request));

  store.FailNthCall(1, ErrorCode::kUnavailable, "relationships.accept_request");
  EXPECT_ERROR(store.relationships().AcceptRequest(request.id, kT1), ErrorCode::kUnavailable);
  EXPECT_EQ(Value(store.relationships().FindRequest(request.id)), request);
  EXPECT_TRUE(Value(store.relationships().AcceptRequest(request.id, kT1)));
  EXPECT_EQ(store.calls().back(), "relationships.accept_request");
  store.Close();
}

TYPED_TEST(RelationshipStoreContract, ObserverNamesRelationshipOperations) {
  {
    std::lock_guard lock(this->observed_mutex_);
    this->observed_.clear();
  }
  EXPECT_OK(this->relationships().FindTie(MemberId(1), MemberId(2)));
  EXPECT_FALSE(this->relationships().PutPolicy(MemberId(1), {}).has_value());
  EXPECT_OK(this->relationships().ForEachConnection(
      [](const ConnectionRecord&) -> Result<void> { return Ok(); }));
  EXPECT_OK(
      this->relationships().ListReceived(MemberId(1), ReceivedBox::kInbox, std::nullopt, kT0, 10));
  std::lock_guard lock(this->observed_mutex_);
  EXPECT_EQ(this->observed_,
            (std::vector<std::pair<std::string, bool>>{{"relationships.find_tie", true},
                                                       {"relationships.put_policy", false},
                                                       {"relationships.for_each_connection", true},
                                                       {"relationships.list_received", true}}));
}

TYPED_TEST(RelationshipStoreContract, RelationshipsSurviveReopening) {
  if (!TypeParam::kPersistent) GTEST_SKIP() << "an in-memory database ends with its store";
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  EXPECT_OK(this->relationships().Connect(a, b, Provenance::kMetInPerson, kT0));
  EXPECT_OK(this->relationships().UpdateTie(b, a, 4, "", false));
  this->store_.reset();
  this->Open();
  EXPECT_EQ(VisitAll(this->relationships()), (std::vector<Visited>{{a, b, 0, 4}}));
}

}  // namespace
}  // namespace relationships_contract
}  // namespace enishi::storage
