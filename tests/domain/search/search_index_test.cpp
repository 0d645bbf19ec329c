// The in-memory postings of people search: what Put, Remove and compaction leave for a reader,
// member by member, with each posting's origin (field, audience, end month).

#include "domain/search/search_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace enishi::search {
namespace {

IndexRow Text(Field field, std::string form, std::string audience = "members") {
  return {false, field, std::move(audience), std::move(form)};
}

IndexRow Facet(Field field, std::string value, std::optional<int> until = std::nullopt) {
  return {true, field, "connections", std::move(value), until};
}

IndexedMember Member(uint64_t id, int64_t revision, std::vector<IndexRow> rows,
                     bool searchable = true) {
  return {MemberId(id), revision, searchable, std::move(rows)};
}

// The members a reader finds under a form, in slot order.
std::vector<uint64_t> MembersWith(const SearchIndex& index, std::string_view form) {
  const SearchIndex::Reader reader = index.Read();
  std::vector<uint64_t> members;
  for (const Posting& posting : reader.Texts(form)) {
    if (auto member = reader.MemberIn(posting.slot)) members.push_back(member->value());
  }
  return members;
}

TEST(SearchIndex, FindsEachPostingWithItsOrigin) {
  SearchIndex index;
  index.Put(Member(1, 10, {Text(Field::kName, "tanaka"), Text(Field::kLocation, "tokyo", "public"),
                           Facet(Field::kSeniority, "senior", 24300)}));
  index.Put(Member(2, 11, {Text(Field::kHeadline, "tanaka", "only_me")}));
  EXPECT_EQ(MembersWith(index, "tanaka"), (std::vector<uint64_t>{1, 2}));
  EXPECT_TRUE(MembersWith(index, "tana").empty()) << "forms are found whole; the store matches";

  const SearchIndex::Reader reader = index.Read();
  std::span<const Posting> tanaka = reader.Texts("tanaka");
  ASSERT_EQ(tanaka.size(), 2u);
  EXPECT_EQ(reader.OriginOf(tanaka[0]).field, Field::kName);
  EXPECT_EQ(reader.OriginOf(tanaka[0]).audience.kind, privacy::AudienceKind::kMembers);
  EXPECT_EQ(reader.OriginOf(tanaka[1]).field, Field::kHeadline);
  EXPECT_EQ(reader.OriginOf(tanaka[1]).audience.kind, privacy::AudienceKind::kOnlyMe);
  std::span<const Posting> senior = reader.Facets(Field::kSeniority, "senior");
  ASSERT_EQ(senior.size(), 1u);
  EXPECT_EQ(reader.OriginOf(senior[0]).until_month, 24300);
  EXPECT_EQ(reader.OriginOf(senior[0]).audience.kind, privacy::AudienceKind::kConnections);
  EXPECT_TRUE(reader.Facets(Field::kSkill, "senior").empty()) << "facets are kept by field";
}

TEST(SearchIndex, APutReplacesTheMembersPostingsUnlessItIsOlder) {
  SearchIndex index;
  index.Put(Member(1, 10, {Text(Field::kName, "tanaka")}));
  index.Put(Member(2, 10, {Text(Field::kName, "tanaka")}));
  index.Put(Member(1, 12, {Text(Field::kName, "suzuki")}));
  EXPECT_EQ(MembersWith(index, "tanaka"), std::vector<uint64_t>{2});
  EXPECT_EQ(MembersWith(index, "suzuki"), std::vector<uint64_t>{1});
  EXPECT_EQ(index.RevisionOf(MemberId(1)), 12);

  index.Put(Member(1, 11, {Text(Field::kName, "sato")}));  // Read before the last one.
  EXPECT_TRUE(MembersWith(index, "sato").empty());
  EXPECT_EQ(MembersWith(index, "suzuki"), std::vector<uint64_t>{1});

  index.Put(Member(1, 13, {}, /*searchable=*/false));
  EXPECT_TRUE(MembersWith(index, "suzuki").empty());
  EXPECT_EQ(index.RevisionOf(MemberId(1)), 13) << "kept, so that older news is ignored";
  EXPECT_EQ(index.member_count(), 1u);

  index.Remove(MemberId(2));
  EXPECT_TRUE(MembersWith(index, "tanaka").empty());
  EXPECT_EQ(index.RevisionOf(MemberId(2)), std::nullopt);
  EXPECT_EQ(index.member_count(), 0u);
}

TEST(SearchIndex, LeavesOutRowsWhoseAudienceCannotBeRead) {
  SearchIndex index;
  index.Put(Member(1, 1, {Text(Field::kName, "tanaka", "everyone-ish"),
                          Text(Field::kName, "yui")}));
  EXPECT_TRUE(MembersWith(index, "tanaka").empty());
  EXPECT_EQ(MembersWith(index, "yui"), std::vector<uint64_t>{1});
}

TEST(SearchIndex, CompactionKeepsEveryLiveMembersPostingsInOrder) {
  SearchIndex index;
  constexpr uint64_t kMembers = 300;
  // Enough rewrites that vacated slots outnumber live postings many times over.
  for (int64_t revision = 1; revision <= 40; ++revision) {
    for (uint64_t id = 1; id <= kMembers; ++id) {
      std::vector<IndexRow> rows = {Text(Field::kName, "common")};
      if (id % 3 == 0) rows.push_back(Text(Field::kSkill, "rust", "public"));
      index.Put(Member(id, revision, std::move(rows)));
    }
  }
  std::vector<uint64_t> common = MembersWith(index, "common");
  EXPECT_EQ(common.size(), kMembers);
  std::vector<uint64_t> rust = MembersWith(index, "rust");
  EXPECT_EQ(rust.size(), kMembers / 3);
  const SearchIndex::Reader reader = index.Read();
  std::span<const Posting> list = reader.Texts("common");
  EXPECT_LT(list.size(), 2 * kMembers + 4096) << "vacated slots were compacted away";
  EXPECT_TRUE(std::is_sorted(list.begin(), list.end(),
                             [](const Posting& a, const Posting& b) { return a.slot < b.slot; }));
}

}  // namespace
}  // namespace enishi::search
