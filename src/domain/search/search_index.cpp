#include "domain/search/search_index.hpp"

#include <algorithm>
#include <iterator>
#include <mutex>

namespace enishi::search {
namespace {

std::string FacetKey(Field field, std::string_view value) {
  std::string key;
  key.reserve(value.size() + 1);
  key += static_cast<char>('a' + static_cast<int>(field));
  key += value;
  return key;
}

// Lists are compacted once dead postings are at least this many and half of all.
constexpr size_t kCompactAfterDead = 4096;

}  // namespace

void SearchIndex::Put(const IndexedMember& member) {
  std::unique_lock lock(mutex_);
  MemberState& state = members_[member.member];
  if (state.revision > member.revision) return;
  state.revision = member.revision;
  Vacate(state);
  if (!member.searchable) return;

  const auto slot = static_cast<uint32_t>(slot_members_.size());
  slot_members_.push_back(member.member);
  slot_live_.push_back(true);
  state.slot = slot;
  for (const IndexRow& row : member.rows) {
    std::optional<uint32_t> origin = OriginFor(row);
    if (!origin) continue;  // An audience nobody can read reaches nobody.
    std::vector<Posting>& list =
        row.is_facet ? facets_[FacetKey(row.field, row.value)] : texts_[row.value];
    // A member holding one form twice with the same origin needs one posting.
    if (!list.empty() && list.back().slot == slot && list.back().origin == *origin) continue;
    list.push_back({slot, *origin});
    ++state.postings;
    ++postings_;
  }
  CompactIfWasteful();
}

void SearchIndex::Remove(MemberId member) {
  std::unique_lock lock(mutex_);
  auto found = members_.find(member);
  if (found == members_.end()) return;
  Vacate(found->second);
  members_.erase(found);
}

std::optional<int64_t> SearchIndex::RevisionOf(MemberId member) const {
  std::shared_lock lock(mutex_);
  auto found = members_.find(member);
  if (found == members_.end()) return std::nullopt;
  return found->second.revision;
}

size_t SearchIndex::member_count() const {
  std::shared_lock lock(mutex_);
  return static_cast<size_t>(std::count_if(members_.begin(), members_.end(),
                                           [](const auto& entry) { return entry.second.slot; }));
}

void SearchIndex::Vacate(MemberState& state) {
  if (!state.slot) return;
  // The slot's postings stay in their lists, skipped, until the lists are compacted.
  slot_live_[*state.slot] = false;
  state.slot.reset();
  dead_postings_ += state.postings;
  state.postings = 0;
}

std::optional<uint32_t> SearchIndex::OriginFor(const IndexRow& row) {
  std::string key = row.audience;
  key += '/';
  key += static_cast<char>('a' + static_cast<int>(row.field));
  if (row.until_month) key += std::to_string(*row.until_month);
  if (auto known = origin_ids_.find(key); known != origin_ids_.end()) return known->second;
  // Parsed once per origin: a few dozen kinds cover most postings.
  std::optional<privacy::Audience> audience = privacy::ParseAudience(row.audience);
  if (!audience) return std::nullopt;
  const auto id = static_cast<uint32_t>(origins_.size());
  origins_.push_back({row.field, *audience, row.until_month});
  origin_ids_.emplace(std::move(key), id);
  return id;
}

void SearchIndex::CompactIfWasteful() {
  if (dead_postings_ < kCompactAfterDead || dead_postings_ * 2 < postings_) return;
  postings_ = 0;
  for (Lists* lists : {&texts_, &facets_}) {
    for (auto list = lists->begin(); list != lists->end();) {
      std::erase_if(list->second,
                    [this](const Posting& posting) { return !slot_live_[posting.slot]; });
      postings_ += list->second.size();
      list = list->second.empty() ? lists->erase(list) : std::next(list);
    }
  }
  dead_postings_ = 0;
}

std::span<const Posting> SearchIndex::Reader::Texts(std::string_view form) const {
  auto found = index_.texts_.find(form);
  if (found == index_.texts_.end()) return {};
  return found->second;
}

std::span<const Posting> SearchIndex::Reader::Facets(Field field, std::string_view value) const {
  auto found = index_.facets_.find(FacetKey(field, value));
  if (found == index_.facets_.end()) return {};
  return found->second;
}

std::optional<MemberId> SearchIndex::Reader::MemberIn(uint32_t slot) const {
  if (!index_.slot_live_[slot]) return std::nullopt;
  return index_.slot_members_[slot];
}

const Origin& SearchIndex::Reader::OriginOf(const Posting& posting) const {
  return index_.origins_[posting.origin];
}

}  // namespace enishi::search
