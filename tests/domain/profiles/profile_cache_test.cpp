// ProfileCache: copies by member, replaced whole, bounded.

#include "domain/profiles/profile_cache.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace enishi::profiles {
namespace {

std::shared_ptr<const CachedProfile> CopyAt(int64_t revision) {
  return std::make_shared<const CachedProfile>(CachedProfile{{revision, 0}, {}});
}

TEST(ProfileCacheTest, KeepsOneCopyPerMemberUntilForgotten) {
  ProfileCache cache(10);
  EXPECT_EQ(cache.Find(MemberId(1)), nullptr);
  cache.Put(MemberId(1), CopyAt(1));
  cache.Put(MemberId(2), CopyAt(5));
  cache.Put(MemberId(1), CopyAt(2));
  ASSERT_NE(cache.Find(MemberId(1)), nullptr);
  EXPECT_EQ(cache.Find(MemberId(1))->revision.member, 2);
  EXPECT_EQ(cache.Find(MemberId(2))->revision.member, 5);
  cache.Forget(MemberId(1));
  EXPECT_EQ(cache.Find(MemberId(1)), nullptr);
  EXPECT_NE(cache.Find(MemberId(2)), nullptr);
}

TEST(ProfileCacheTest, HoldsNoMoreThanItsCapacity) {
  ProfileCache cache(3);
  for (uint64_t member = 1; member <= 50; ++member) cache.Put(MemberId(member), CopyAt(1));
  int kept = 0;
  for (uint64_t member = 1; member <= 50; ++member) kept += cache.Find(MemberId(member)) != nullptr;
  EXPECT_EQ(kept, 3);
  // The newest copy is always kept.
  EXPECT_NE(cache.Find(MemberId(50)), nullptr);

  ProfileCache none(0);
  none.Put(MemberId(1), CopyAt(1));
  EXPECT_EQ(none.Find(MemberId(1)), nullptr);
}

TEST(ProfileCacheTest, ACopyOutlivesItsEvictionWhileHeld) {
  ProfileCache cache(1);
  cache.Put(MemberId(1), CopyAt(7));
  std::shared_ptr<const CachedProfile> held = cache.Find(MemberId(1));
  cache.Put(MemberId(2), CopyAt(1));
  EXPECT_EQ(cache.Find(MemberId(1)), nullptr);
  EXPECT_EQ(held->revision.member, 7);
}

}  // namespace
}  // namespace enishi::profiles
