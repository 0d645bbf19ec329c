// The storage contract of introductions: an introduction and its steps written whole and read
// back whole, changes only over the version they read, the three boxes and what each leaves
// out, overdue turns, and the counts the quotas and the ranking read. The same typed suite as
// store_contract_test.cpp, on every backend, each test from an empty, migrated database.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/introductions/introduction_repository.hpp"
#include "storage/store_contract_fixture.hpp"

namespace enishi::storage {
// Named, so that the unity build never mixes these helpers with other suites' own.
namespace introductions_contract {
namespace {

using namespace contract;  // NOLINT: the suite's vocabulary.
using introductions::Introduction;
using introductions::IntroductionRepository;
using introductions::Purpose;
using introductions::Step;
using introductions::StepState;
using introductions::TargetState;

const Timestamp kT1 = kT0 + minutes(1);
const Timestamp kT2 = kT0 + minutes(2);

std::vector<IntroductionId> Ids(const std::vector<Introduction>& introductions) {
  std::vector<IntroductionId> ids;
  for (const Introduction& introduction : introductions) ids.push_back(introduction.id);
  return ids;
}

template <class Backend>
class IntroductionStoreContract : public StoreContract<Backend> {
 protected:
  MemberId Member(uint64_t id) {
    return this->SignUp(id, "m" + std::to_string(id) + "@example.com").id;
  }
  IntroductionRepository& introductions() { return this->store_->introductions(); }

  // `requester` asks `intermediaries` (one route, the first asked now) for `target`.
  Introduction Make(uint64_t id, MemberId requester, MemberId target,
                    std::vector<MemberId> intermediaries, Timestamp at = kT0) {
    Introduction i;
    i.id = IntroductionId(id);
    i.requester = requester;
    i.target = target;
    i.purpose = Purpose::kBusiness;
    i.note = "ご紹介いただけますか " + std::to_string(id);
    i.created_at = at;
    i.expires_at = at + days(14);
    i.version = 1;
    for (int step = 0; step < static_cast<int>(intermediaries.size()); ++step) {
      i.steps.push_back({.route = 0, .step = step, .intermediary = intermediaries[step]});
    }
    i.steps.front().state = StepState::kWaiting;
    i.steps.front().asked_at = at;
    i.steps.front().answer_by = i.expires_at;
    return i;
  }

  Introduction Stored(IntroductionId id) {
    auto found = Value(introductions().FindIntroduction(id));
    EXPECT_TRUE(found.has_value());
    return found.value_or(Introduction{});
  }
};

TYPED_TEST_SUITE(IntroductionStoreContract, Backends, BackendNames);

TYPED_TEST(IntroductionStoreContract, AnIntroductionIsReadBackWholeWithItsSteps) {
  MemberId a = this->Member(1), b = this->Member(2), c = this->Member(3), d = this->Member(4);
  Introduction made = this->Make(10, a, d, {b, c});
  made.ask_network = true;
  made.steps[0].vouch = "";
  EXPECT_OK(this->introductions().CreateIntroduction(made));
  EXPECT_EQ(this->Stored(made.id), made);
  EXPECT_FALSE(Value(this->introductions().FindIntroduction(IntroductionId(99))).has_value());

  Introduction missing = this->Make(11, a, MemberId(4242), {b});
  EXPECT_EQ(this->introductions().CreateIntroduction(missing).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(Value(this->introductions().FindIntroduction(missing.id)).has_value())
      << "nothing half-written";
}

TYPED_TEST(IntroductionStoreContract, ChangesApplyOnlyOverTheVersionTheyRead) {
  MemberId a = this->Member(1), b = this->Member(2), c = this->Member(3);
  Introduction made = this->Make(10, a, c, {b});
  EXPECT_OK(this->introductions().CreateIntroduction(made));

  Introduction forwarded = made;
  forwarded.version = 2;
  forwarded.steps[0].state = StepState::kForwarded;
  forwarded.steps[0].answered_at = kT1;
  forwarded.steps[0].vouch = "信頼できる方です";
  forwarded.steps[0].join = true;
  forwarded.target_state = TargetState::kWaiting;
  EXPECT_TRUE(Value(this->introductions().SaveIntroduction(forwarded)));
  EXPECT_EQ(this->Stored(made.id), forwarded);

  Introduction stale = made;  // Read at version 1, as another server did.
  stale.version = 2;
  stale.steps[0].state = StepState::kLapsed;
  EXPECT_FALSE(Value(this->introductions().SaveIntroduction(stale)));
  EXPECT_EQ(this->Stored(made.id), forwarded) << "a stale change writes nothing";

  Introduction accepted = forwarded;
  accepted.version = 3;
  accepted.target_state = TargetState::kAccepted;
  accepted.target_answered_at = kT2;
  EXPECT_TRUE(Value(this->introductions().SaveIntroduction(accepted)));
  EXPECT_EQ(this->Stored(made.id), accepted);
}

TYPED_TEST(IntroductionStoreContract, EachBoxHoldsOnlyWhatItsMemberHasAPartIn) {
  MemberId a = this->Member(1), b = this->Member(2), c = this->Member(3), d = this->Member(4);
  // A chain a → b → c → d: c is queued, so not asked yet; d is not reached yet.
  Introduction chain = this->Make(10, a, d, {b, c}, kT0);
  Introduction direct = this->Make(11, a, c, {b}, kT1);
  direct.target_state = TargetState::kWaiting;
  direct.steps[0].state = StepState::kForwarded;
  Introduction withdrawn = this->Make(12, a, d, {b}, kT2);
  withdrawn.withdrawn_at = kT2;
  for (const Introduction* i : {&chain, &direct, &withdrawn}) {
    EXPECT_OK(this->introductions().CreateIntroduction(*i));
  }
  auto& repo = this->introductions();
  EXPECT_EQ(Ids(Value(repo.ListSent(a, 10))), (std::vector{direct.id, chain.id}))
      << "newest first, withdrawn left out";
  EXPECT_EQ(Ids(Value(repo.ListSent(a, 1))), (std::vector{direct.id}));
  EXPECT_EQ(Ids(Value(repo.ListAsked(b, 10))), (std::vector{direct.id, chain.id}));
  EXPECT_TRUE(Value(repo.ListAsked(c, 10)).empty()) << "a queued step has not been asked";
  EXPECT_EQ(Ids(Value(repo.ListReceived(c, 10))), (std::vector{direct.id}));
  EXPECT_TRUE(Value(repo.ListReceived(d, 10)).empty()) << "not forwarded to d yet";
  EXPECT_EQ(Value(repo.ListAsked(b, 10)).back().steps.size(), 2u) << "each with all its steps";
}

TYPED_TEST(IntroductionStoreContract, OverdueTurnsAreThoseWaitingPastTheirTimeOnOpenOnes) {
  MemberId a = this->Member(1), b = this->Member(2), c = this->Member(3);
  Introduction due = this->Make(10, a, c, {b});
  due.steps[0].answer_by = kT0 + days(3);
  Introduction not_yet = this->Make(11, a, c, {b});
  not_yet.steps[0].answer_by = kT0 + days(5);
  Introduction withdrawn = this->Make(12, a, c, {b});
  withdrawn.steps[0].answer_by = kT0 + days(3);
  withdrawn.withdrawn_at = kT1;
  for (const Introduction* i : {&due, &not_yet, &withdrawn}) {
    EXPECT_OK(this->introductions().CreateIntroduction(*i));
  }
  EXPECT_EQ(Ids(Value(this->introductions().ListOverdue(kT0 + days(4), 10))),
            (std::vector{due.id}));
  EXPECT_TRUE(Value(this->introductions().ListOverdue(kT0 + days(15), 10)).empty())
      << "expired introductions have no turns left";
}

TYPED_TEST(IntroductionStoreContract, TheCountsTheQuotasAndTheRankingRead) {
  MemberId a = this->Member(1), b = this->Member(2), c = this->Member(3), d = this->Member(4);
  auto& repo = this->introductions();
  Introduction first = this->Make(10, a, c, {b}, kT0);
  Introduction second = this->Make(11, d, c, {b}, kT1);
  second.steps[0].state = StepState::kForwarded;
  Introduction third = this->Make(12, a, d, {c}, kT2);
  third.steps[0].state = StepState::kLapsed;
  for (const Introduction* i : {&first, &second, &third}) EXPECT_OK(repo.CreateIntroduction(*i));

  EXPECT_EQ(Value(repo.CreatedTimesSince(a, kT0)), (std::vector{kT0, kT2}));
  EXPECT_EQ(Value(repo.CreatedTimesSince(a, kT1)), (std::vector{kT2}));
  EXPECT_EQ(Value(repo.AskedTimesSince(b, kT0)), (std::vector{kT0, kT1}));
  EXPECT_TRUE(Value(repo.HasOpenThrough(a, b, kT1)));
  EXPECT_FALSE(Value(repo.HasOpenThrough(d, b, kT1))) << "b forwarded d's: no longer open";
  EXPECT_FALSE(Value(repo.HasOpenThrough(a, b, kT0 + days(15)))) << "expired";
  EXPECT_FALSE(Value(repo.HasOpenThrough(a, c, kT1)));
  auto b_record = Value(repo.AnswerRecord(b));
  EXPECT_EQ(b_record.forwarded, 1);
  EXPECT_EQ(b_record.lapsed, 0);
  EXPECT_EQ(Value(repo.AnswerRecord(c)).lapsed, 1);
}

TYPED_TEST(IntroductionStoreContract, AnIntroductionGoesWithItsRequestersAccount) {
  MemberId a = this->Member(1), b = this->Member(2), c = this->Member(3);
  Introduction made = this->Make(10, a, c, {b});
  EXPECT_OK(this->introductions().CreateIntroduction(made));
  EXPECT_OK(this->store_->accounts().DeleteAccount(a));
  EXPECT_FALSE(Value(this->introductions().FindIntroduction(made.id)).has_value());
  EXPECT_TRUE(Value(this->introductions().ListAsked(b, 10)).empty());
}

}  // namespace
}  // namespace introductions_contract
}  // namespace enishi::storage
