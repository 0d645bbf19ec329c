#include "domain/graph/snapshot.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/check.hpp"

namespace enishi::graph {
namespace {

EdgeOverlay::NodeList CopyList(Adjacency adjacency) {
  return {{adjacency.nodes.begin(), adjacency.nodes.end()},
          {adjacency.strengths.begin(), adjacency.strengths.end()}};
}

}  // namespace

Snapshot::Snapshot() : Snapshot(std::make_shared<const CsrGraph>()) {}

Snapshot::Snapshot(std::shared_ptr<const CsrGraph> base)
    : base_(std::move(base)), entry_count_(base_->entry_count()) {}

std::optional<NodeIndex> Snapshot::IndexOf(MemberId member) const {
  if (auto index = base_->numbering().Find(member)) return index;
  if (auto added = overlay_.FindAdded(member)) {
    return static_cast<NodeIndex>(base_->node_count() + *added);
  }
  return std::nullopt;
}

MemberId Snapshot::MemberAt(NodeIndex node) const {
  size_t base_count = base_->node_count();
  if (node < base_count) return base_->numbering().MemberAt(node);
  return overlay_.AddedMember(node - base_count);
}

NodeIndex Snapshot::Intern(MemberId member) {
  if (auto index = IndexOf(member)) return *index;
  return static_cast<NodeIndex>(base_->node_count() + overlay_.AddMember(member));
}

bool Snapshot::SetEntry(NodeIndex from, NodeIndex to, Strength strength) {
  ENISHI_CHECK(from != to, "a member cannot be connected to themself");
  Adjacency current = Adjacent(from);
  auto at = std::lower_bound(current.nodes.begin(), current.nodes.end(), to);
  size_t position = static_cast<size_t>(at - current.nodes.begin());
  bool exists = at != current.nodes.end() && *at == to;
  if (exists && current.strengths[position] == strength) return false;

  EdgeOverlay::NodeList list = CopyList(current);
  if (exists) {
    list.strengths[position] = strength;
  } else {
    list.nodes.insert(list.nodes.begin() + static_cast<ptrdiff_t>(position), to);
    list.strengths.insert(list.strengths.begin() + static_cast<ptrdiff_t>(position), strength);
    ++entry_count_;
  }
  overlay_.Replace(from, std::move(list));
  return true;
}

bool Snapshot::EraseEntry(NodeIndex from, NodeIndex to) {
  Adjacency current = Adjacent(from);
  auto at = std::lower_bound(current.nodes.begin(), current.nodes.end(), to);
  if (at == current.nodes.end() || *at != to) return false;
  auto position = at - current.nodes.begin();

  EdgeOverlay::NodeList list = CopyList(current);
  list.nodes.erase(list.nodes.begin() + position);
  list.strengths.erase(list.strengths.begin() + position);
  --entry_count_;
  overlay_.Replace(from, std::move(list));
  return true;
}

Snapshot Snapshot::Compacted() const {
  if (overlay_.empty()) return *this;
  size_t node_total = node_count();

  NodeNumbering numbering = base_->numbering();
  numbering.Reserve(node_total);
  for (size_t i = 0; i < overlay_.added_member_count(); ++i) {
    numbering.Intern(overlay_.AddedMember(i));
  }

  std::vector<uint64_t> offsets(node_total + 1, 0);
  for (NodeIndex node = 0; node < node_total; ++node) {
    offsets[node + 1] = offsets[node] + Adjacent(node).size();
  }
  std::vector<NodeIndex> neighbors(offsets.back());
  std::vector<Strength> strengths(offsets.back());
  for (NodeIndex node = 0; node < node_total; ++node) {
    Adjacency adjacency = Adjacent(node);
    std::copy(adjacency.nodes.begin(), adjacency.nodes.end(), neighbors.begin() + offsets[node]);
    std::copy(adjacency.strengths.begin(), adjacency.strengths.end(),
              strengths.begin() + offsets[node]);
  }
  return Snapshot(std::make_shared<const CsrGraph>(std::move(numbering), std::move(offsets),
                                                   std::move(neighbors), std::move(strengths)));
}

}  // namespace enishi::graph
