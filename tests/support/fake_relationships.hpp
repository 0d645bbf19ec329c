#pragma once
// A RelationshipSource for tests: a table of (member, viewer) -> Relationship that tests fill,
// for relationships that would take many steps to build for real. ProfileService merges the
// member's real circles that hold the viewer (read with the profile) into what this answers.
// A pair nobody set is asked of `fallback` (the real relationships, made through the API),
// or, without one, is strangers at an unknown distance.
//
//   FakeRelationships relationships(store.profiles());
//   relationships.Set(alice, bob, {.distance = 1, .stage = privacy::Stage::kConnected});
//
// Thread-safe; the repository must outlive it. Counts its calls.

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/privacy/relationships.hpp"
#include "domain/profiles/profile_repository.hpp"

namespace enishi::testing {

class FakeRelationships final : public privacy::RelationshipSource {
 public:
  // The repository is accepted for the fixtures' sake; circles no longer come from here.
  explicit FakeRelationships(profiles::ProfileRepository& /*profiles*/,
                             privacy::RelationshipSource* fallback = nullptr)
      : fallback_(fallback) {}

  // How `viewer` stands with `member`, as `member`'s audiences ask it (one direction only).
  // Circles listed here are added to the member's real ones.
  void Set(MemberId member, MemberId viewer, privacy::Relationship relationship) {
    std::lock_guard lock(mutex_);
    table_[{member, viewer}] = std::move(relationship);
  }
  // Sets the same relationship in both directions.
  void SetBoth(MemberId a, MemberId b, const privacy::Relationship& relationship) {
    Set(a, b, relationship);
    Set(b, a, relationship);
  }
  void Clear(MemberId member, MemberId viewer) {
    std::lock_guard lock(mutex_);
    table_.erase({member, viewer});
  }
  // Makes every call fail with `code` until Heal().
  void FailWith(ErrorCode code) {
    std::lock_guard lock(mutex_);
    fail_with_ = code;
  }
  void Heal() {
    std::lock_guard lock(mutex_);
    fail_with_.reset();
  }
  int calls() const { return calls_.load(); }

  Result<privacy::Relationship> Between(MemberId member, MemberId viewer) override {
    calls_.fetch_add(1);
    privacy::Relationship relationship;
    {
      std::lock_guard lock(mutex_);
      if (fail_with_) return Error{*fail_with_, "injected relationship failure", {}, {}};
      auto it = table_.find({member, viewer});
      if (it != table_.end()) return it->second;
    }
    if (fallback_ != nullptr) return fallback_->Between(member, viewer);
    return relationship;
  }

 private:
  privacy::RelationshipSource* const fallback_;
  std::mutex mutex_;
  std::map<std::pair<MemberId, MemberId>, privacy::Relationship> table_;  // GUARDED_BY(mutex_)
  std::optional<ErrorCode> fail_with_;                                    // GUARDED_BY(mutex_)
  std::atomic<int> calls_{0};
};

}  // namespace enishi::testing
