#include "domain/stream/stream_notice.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/cluster/change_feed.hpp"

namespace enishi::stream {
namespace {

std::vector<MemberId> Sorted(std::vector<MemberId> members) {
  std::sort(members.begin(), members.end());
  return members;
}

TEST(StreamNotice, NamesEachMemberOnceBySpaceSeparatedWireIds) {
  const MemberId a(0x1234), b(0x7fffffffffffffff), c(42);
  const std::vector<MemberId> members = {a, b, a, c, b};
  std::vector<std::string> notices = EncodeStreamNotices(members);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(Sorted(DecodeStreamNotice(notices[0])), Sorted({a, b, c}));
  // Three 13-character ids and two spaces.
  EXPECT_EQ(notices[0].size(), 3u * 13 + 2);
  EXPECT_NE(notices[0].find(a.ToString()), std::string::npos);
}

TEST(StreamNotice, NobodyToTellMakesNoNotice) {
  EXPECT_TRUE(EncodeStreamNotices({}).empty());
  const std::vector<MemberId> invalid = {MemberId()};
  EXPECT_TRUE(EncodeStreamNotices(invalid).empty());
}

TEST(StreamNotice, ManyMembersSplitIntoNoticesWithinTheLimit) {
  std::vector<MemberId> members;
  for (uint64_t i = 1; i <= 500; ++i) members.emplace_back(i * 7919);
  std::vector<std::string> notices = EncodeStreamNotices(members);
  ASSERT_GT(notices.size(), 1u);
  std::vector<MemberId> heard;
  for (const std::string& notice : notices) {
    EXPECT_LE(notice.size(), cluster::ChangeFeed::kMaxMessageBytes);
    EXPECT_NE(notice.front(), ' ');
    EXPECT_NE(notice.back(), ' ');
    std::vector<MemberId> part = DecodeStreamNotice(notice);
    heard.insert(heard.end(), part.begin(), part.end());
  }
  EXPECT_EQ(Sorted(heard), Sorted(members));
  // Full notices hold as many ids as fit: 71 of 14 bytes, less the last space.
  EXPECT_EQ(notices.size(), (members.size() + 70) / 71);
}

TEST(StreamNotice, DecodingSkipsWhatIsNoMemberId) {
  const MemberId a(99), b(123456789);
  const std::string notice = "  " + a.ToString() + " nonsense  " + a.ToString().substr(1) + " " +
                             "0000000000000 " + "zzzzzzzzzzzzz " + b.ToString() + " ";
  EXPECT_EQ(DecodeStreamNotice(notice), (std::vector<MemberId>{a, b}));
  EXPECT_TRUE(DecodeStreamNotice("").empty());
  EXPECT_TRUE(DecodeStreamNotice("   ").empty());
  EXPECT_TRUE(DecodeStreamNotice("縁 ties").empty());
}

}  // namespace
}  // namespace enishi::stream
