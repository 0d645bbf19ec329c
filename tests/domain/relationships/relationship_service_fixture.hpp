#pragma once
// The fixture of the RelationshipService tests: a real in-memory SQLite store, a graph index
// the service keeps in step, and a FakeClock at 2026-01-01T00:00:00Z. Members are made old
// enough for the full quotas unless a test asks for a young account.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crypto/random.hpp"
#include "domain/accounts/account.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/graph/graph_index.hpp"
#include "domain/relationships/relationship_service.hpp"
#include "support/fake_clock.hpp"
#include "support/test_store.hpp"

namespace enishi::relationships {

// Records what the service tells its RequestObserver.
class RecordingRequestObserver final : public RequestObserver {
 public:
  void Received(const Request& request) override { received.push_back(request.id); }
  void Accepted(const Request& request) override { accepted.push_back(request.id); }
  std::vector<RequestId> received;
  std::vector<RequestId> accepted;
};

class RelationshipServiceTest : public ::testing::Test {
 protected:
  RelationshipServiceTest() {
    // Accounts are made a year back; the tests then run "now".
    clock_.Advance(days(365));
  }

  MemberId NewMember(days age = days(365)) {
    accounts::Account account;
    account.id = crypto::RandomId<MemberId>();
    account.login = "m" + std::to_string(++members_) + "@example.com";
    account.display_name = "会員 " + std::to_string(members_);
    account.locale = "ja";
    account.password_hash = "$argon2id$not-a-real-hash";
    account.created_at = clock_.Now() - age;
    EXPECT_TRUE(store_->accounts().CreateAccount(account));
    return account.id;
  }

  // Sends and accepts a connection request: the two are connected.
  void Connect(MemberId a, MemberId b) {
    auto sent = service_.Send(a, RequestKind::kConnection, b, "", Provenance::kMetInPerson, {});
    ASSERT_TRUE(sent) << sent.error().message;
    ASSERT_TRUE(service_.Accept(b, sent->request.id));
  }

  Result<SentRequest> Greet(MemberId from, MemberId to, std::string note = "こんにちは") {
    return service_.Send(from, RequestKind::kGreeting, to, std::move(note), Provenance::kNone, {});
  }
  Result<SentRequest> Ask(MemberId from, MemberId to) {
    return service_.Send(from, RequestKind::kConnection, to, "", Provenance::kSameGroup, {});
  }

  Stage StageOf(MemberId a, MemberId b) {
    auto standing = store_->relationships().FindStanding(a, b);
    EXPECT_TRUE(standing);
    return standing ? standing->stage : Stage::kNone;
  }

  graph::Degree DegreeOf(MemberId viewer, MemberId member) {
    MemberId one[] = {member};
    return service_.Degrees(viewer, one).front();
  }

  std::vector<RequestId> InboxIds(MemberId member, ReceivedBox box = ReceivedBox::kInbox) {
    std::vector<RequestId> ids;
    auto received = service_.Received(member, box, std::nullopt);
    EXPECT_TRUE(received);
    if (received) {
      for (const Request& request : *received) ids.push_back(request.id);
    }
    return ids;
  }

  testing::FakeClock clock_;
  // Store operations run so far, for tests that bound how often a use case reads.
  std::atomic<int64_t> store_operations_{0};
  std::unique_ptr<storage::Store> store_ = testing::MakeTestStore(
      [this](std::string_view, std::chrono::nanoseconds, bool) { ++store_operations_; });
  graph::GraphIndex graph_;
  cluster::LocalChangeFeed changes_;
  RecordingRequestObserver observed_;
  RelationshipService service_{store_->relationships(), store_->accounts(), store_->profiles(),
                               graph_, changes_, &observed_, clock_};
  int members_ = 0;
};

}  // namespace enishi::relationships
