#pragma once
// The postings of people search (F28), held in memory as the graph index holds connections:
// for each text form and each facet value, the members whose entries hold it, each with the
// origin of its entry (the field, its audience, the last month of a position that has ended).
// The
// store keeps the entries and matches query words to forms; what a search then reads, member
// by member, is read here. The search service loads it from the store and brings it up to date
// before each search (SearchRepository::RevisedSince).
//
// Replacing a member's postings gives the member a new slot: slots only grow, so appending keeps
// every list in slot order, and the postings of the slot left behind are skipped until the lists
// are compacted, once they make up half of all postings.
//
// Thread-safe: any number of Readers at once, or one writer.

#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ids.hpp"
#include "domain/privacy/audience.hpp"
#include "domain/search/search_entry.hpp"
#include "domain/search/search_repository.hpp"

namespace enishi::search {

// Where a posting comes from and who may see it; shared by every posting of the same field,
// audience and end month.
struct Origin {
  Field field = Field::kName;
  privacy::Audience audience;
  std::optional<int> until_month{};  // FacetEntry::until_month.
};

struct Posting {
  uint32_t slot;
  uint32_t origin;
};

class SearchIndex {
 public:
  // Replaces `member`'s postings by its rows, or removes them when it is not searchable. A
  // revision older than the one held changes nothing; rows whose audience cannot be read are
  // left out.
  void Put(const IndexedMember& member);
  // Removes `member`'s postings (the store no longer indexes it).
  void Remove(MemberId member);
  // The revision of `member` held, if any.
  std::optional<int64_t> RevisionOf(MemberId member) const;
  size_t member_count() const;

  // A consistent view for one search; holds off writers while it lives.
  class Reader {
   public:
    // The postings of a text form, of any field, or of a facet value, in slot order.
    std::span<const Posting> Texts(std::string_view form) const;
    std::span<const Posting> Facets(Field field, std::string_view value) const;
    // The member in `slot`, or none when the member's postings moved to another slot.
    std::optional<MemberId> MemberIn(uint32_t slot) const;
    const Origin& OriginOf(const Posting& posting) const;

   private:
    friend class SearchIndex;
    explicit Reader(const SearchIndex& index) : index_(index), lock_(index.mutex_) {}
    const SearchIndex& index_;
    std::shared_lock<std::shared_mutex> lock_;
  };
  Reader Read() const { return Reader(*this); }

 private:
  struct MemberState {
    std::optional<uint32_t> slot;  // None: not searchable.
    int64_t revision = 0;
    size_t postings = 0;
  };

  // Finds a std::string key by std::string_view, without making a string.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  using Lists = std::unordered_map<std::string, std::vector<Posting>, KeyHash, std::equal_to<>>;

  void Vacate(MemberState& state);
  // The origin of `row`, added when new; none when its audience cannot be read.
  std::optional<uint32_t> OriginFor(const IndexRow& row);
  void CompactIfWasteful();

  mutable std::shared_mutex mutex_;
  Lists texts_;   // By form.
  Lists facets_;  // By FacetKey(): the field and the value.
  std::unordered_map<MemberId, MemberState> members_;
  std::vector<MemberId> slot_members_;
  std::vector<bool> slot_live_;
  std::vector<Origin> origins_;
  std::unordered_map<std::string, uint32_t> origin_ids_;  // Field, stored audience, end month.
  size_t postings_ = 0;
  size_t dead_postings_ = 0;
};

}  // namespace enishi::search
