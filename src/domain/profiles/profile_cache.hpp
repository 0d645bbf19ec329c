#pragma once
// ProfileCache: recently viewed members' ProfileData, each with the revision it was read at,
// so that a view reads only the revision from the store while the copy is current
// (ProfileRepository::FindProfileForView). A copy is never served without that check, so the
// cache holds no state the store does not confirm on every view, whichever server or process
// wrote it.
//
// Bounded: once full, storing a copy first drops an arbitrary other one. Thread-safe; copies
// are shared, immutable, and outlive their eviction for as long as a reader holds them.

#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/ids.hpp"
#include "domain/profiles/profile_repository.hpp"

namespace enishi::profiles {

// A few kilobytes each: some tens of megabytes at most (docs/OPERATIONS.md).
inline constexpr size_t kDefaultCachedProfiles = 10000;

struct CachedProfile {
  ProfileRevision revision;
  ProfileData data;
};

class ProfileCache {
 public:
  // REQUIRES: capacity >= 0; 0 keeps nothing.
  explicit ProfileCache(size_t capacity) : capacity_(capacity) {}

  // The copy of `member`, whatever its revision; null when there is none.
  std::shared_ptr<const CachedProfile> Find(MemberId member) const;
  // Keeps `copy` as the copy of `member`, replacing any other.
  void Put(MemberId member, std::shared_ptr<const CachedProfile> copy);
  void Forget(MemberId member);

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<MemberId, std::shared_ptr<const CachedProfile>> copies_;  // GUARDED_BY(mutex_)
};

}  // namespace enishi::profiles
