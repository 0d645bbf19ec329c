#include "domain/graph/graph_index.hpp"

#include <utility>

#include "domain/graph/graph_builder.hpp"

namespace enishi::graph {

GraphIndex::GraphIndex(GraphIndexOptions options)
    : GraphIndex(std::make_shared<const CsrGraph>(), options) {}

GraphIndex::GraphIndex(std::shared_ptr<const CsrGraph> base, GraphIndexOptions options)
    : options_(options), current_(std::make_shared<const Snapshot>(std::move(base))) {}

std::shared_ptr<const Snapshot> GraphIndex::snapshot() const {
  std::lock_guard lock(current_mutex_);
  return current_;
}

std::vector<Degree> GraphIndex::Degrees(MemberId viewer, std::span<const MemberId> members) const {
  return graph::Degrees(*snapshot(), viewer, members);
}

std::vector<MemberId> GraphIndex::Mutuals(MemberId a, MemberId b,
                                          const MemberPredicate& can_see_connections_of) const {
  return graph::Mutuals(*snapshot(), a, b, can_see_connections_of);
}

Paths GraphIndex::ShortestPaths(MemberId from, MemberId to, const PathLimits& limits,
                                const MemberPredicate& can_see_connections_of) const {
  return graph::ShortestPaths(*snapshot(), from, to, limits, can_see_connections_of);
}

std::vector<Suggestion> GraphIndex::Suggestions(
    MemberId viewer, size_t limit, const MemberPredicate& discoverable,
    const MemberPredicate& can_see_connections_of) const {
  return graph::Suggestions(*snapshot(), viewer, limit, discoverable, can_see_connections_of);
}

std::vector<Connection> GraphIndex::Neighbors(MemberId member) const {
  return graph::Neighbors(*snapshot(), member);
}

size_t GraphIndex::ConnectionCount(MemberId member) const {
  return graph::ConnectionCount(*snapshot(), member);
}

std::optional<Strength> GraphIndex::StrengthOf(MemberId from, MemberId to) const {
  return graph::StrengthOf(*snapshot(), from, to);
}

Result<void> GraphIndex::AddConnection(MemberId a, MemberId b) {
  if (!a.valid() || !b.valid()) return InvalidArgument("a connection needs two valid members");
  if (a == b) return InvalidArgument("a member cannot be connected to themself");
  std::lock_guard lock(write_mutex_);
  std::shared_ptr<const Snapshot> current = snapshot();
  if (graph::StrengthOf(*current, a, b)) return Ok();

  Snapshot next = *current;
  NodeIndex node_a = next.Intern(a);
  NodeIndex node_b = next.Intern(b);
  next.SetEntry(node_a, node_b, kUnrated);
  next.SetEntry(node_b, node_a, kUnrated);
  Publish(std::move(next));
  return Ok();
}

Result<void> GraphIndex::RemoveConnection(MemberId a, MemberId b) {
  std::lock_guard lock(write_mutex_);
  std::shared_ptr<const Snapshot> current = snapshot();
  if (!graph::StrengthOf(*current, a, b)) return Ok();

  Snapshot next = *current;
  NodeIndex node_a = *next.IndexOf(a);
  NodeIndex node_b = *next.IndexOf(b);
  next.EraseEntry(node_a, node_b);
  next.EraseEntry(node_b, node_a);
  Publish(std::move(next));
  return Ok();
}

Result<void> GraphIndex::SetStrength(MemberId from, MemberId to, Strength strength) {
  if (strength > kMaxStrength) return InvalidArgument("a rating is between 1 and 5", "strength");
  std::lock_guard lock(write_mutex_);
  std::shared_ptr<const Snapshot> current = snapshot();
  std::optional<Strength> existing = graph::StrengthOf(*current, from, to);
  if (!existing) return NotFound("no such connection");
  if (*existing == strength) return Ok();

  Snapshot next = *current;
  next.SetEntry(*next.IndexOf(from), *next.IndexOf(to), strength);
  Publish(std::move(next));
  return Ok();
}

Result<void> GraphIndex::Load(ConnectionSource& source) {
  std::lock_guard lock(write_mutex_);
  GraphBuilder builder;
  Result<void> scanned = source.ForEachConnection([&](const ConnectionRecord& record) {
    return builder.AddConnection(record.a, record.b, record.a_rates_b, record.b_rates_a);
  });
  if (!scanned) return scanned.error().WithContext("loading the graph index");
  Replace(std::make_shared<const Snapshot>(std::move(builder).Build()));
  return Ok();
}

void GraphIndex::Compact() {
  std::lock_guard lock(write_mutex_);
  Replace(std::make_shared<const Snapshot>(snapshot()->Compacted()));
}

void GraphIndex::Publish(Snapshot next) {
  if (next.overlay().changed_node_count() > options_.overlay_node_limit) next = next.Compacted();
  Replace(std::make_shared<const Snapshot>(std::move(next)));
}

void GraphIndex::Replace(std::shared_ptr<const Snapshot> next) {
  {
    std::lock_guard lock(current_mutex_);
    current_.swap(next);
  }
  // `next` now holds the previous snapshot. If it was the last reference, freeing it (perhaps a
  // whole base) happens here, outside the lock.
}

}  // namespace enishi::graph
