#include "domain/profiles/profile_cache.hpp"

#include <utility>

namespace enishi::profiles {

std::shared_ptr<const CachedProfile> ProfileCache::Find(MemberId member) const {
  std::lock_guard lock(mutex_);
  auto found = copies_.find(member);
  return found == copies_.end() ? nullptr : found->second;
}

void ProfileCache::Put(MemberId member, std::shared_ptr<const CachedProfile> copy) {
  if (capacity_ == 0) return;
  std::shared_ptr<const CachedProfile> dropped;  // Freed outside the lock.
  std::lock_guard lock(mutex_);
  auto found = copies_.find(member);
  if (found != copies_.end()) {
    dropped = std::exchange(found->second, std::move(copy));
    return;
  }
  if (copies_.size() >= capacity_) {
    // Member ids are random, so the first bucket's copy is as good a victim as any.
    auto victim = copies_.begin();
    dropped = std::move(victim->second);
    copies_.erase(victim);
  }
  copies_.emplace(member, std::move(copy));
}

void ProfileCache::Forget(MemberId member) {
  std::shared_ptr<const CachedProfile> dropped;
  std::lock_guard lock(mutex_);
  auto found = copies_.find(member);
  if (found == copies_.end()) return;
  dropped = std::move(found->second);
  copies_.erase(found);
}

}  // namespace enishi::profiles
