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
  return Apply({Write::Kind::kAdd, a, b});
}

Result<void> GraphIndex::RemoveConnection(MemberId a, MemberId b) {
  return Apply({Write::Kind::kRemove, a, b});
}

Result<void> GraphIndex::SetStrength(MemberId from, MemberId to, Strength strength) {
  if (strength > kMaxStrength) return InvalidArgument("a rating is between 1 and 5", "strength");
  return Apply({Write::Kind::kRate, from, to, strength});
}

void GraphIndex::RemoveMember(MemberId member) {
  (void)Apply({Write::Kind::kRemoveMember, member, {}});
}

Result<void> GraphIndex::Apply(const Write& write) {
  std::lock_guard lock(write_mutex_);
  // Recorded even when it changes nothing here: the graph being loaded may differ.
  if (writes_during_load_) writes_during_load_->push_back(write);
  auto next = Applied(*snapshot(), write);
  if (!next) return next.error();
  if (*next) Publish(std::move(**next));
  return Ok();
}

Result<std::optional<Snapshot>> GraphIndex::Applied(const Snapshot& current, const Write& write) {
  std::optional<Strength> existing = graph::StrengthOf(current, write.a, write.b);
  std::optional<Snapshot> next;
  switch (write.kind) {
    case Write::Kind::kAdd:
      if (existing) break;
      next = current;
      {
        NodeIndex a = next->Intern(write.a);
        NodeIndex b = next->Intern(write.b);
        next->SetEntry(a, b, kUnrated);
        next->SetEntry(b, a, kUnrated);
      }
      break;
    case Write::Kind::kRemove:
      if (!existing) break;
      next = current;
      {
        NodeIndex a = *next->IndexOf(write.a);
        NodeIndex b = *next->IndexOf(write.b);
        next->EraseEntry(a, b);
        next->EraseEntry(b, a);
      }
      break;
    case Write::Kind::kRemoveMember: {
      std::vector<Connection> connections = graph::Neighbors(current, write.a);
      if (connections.empty()) break;
      next = current;
      NodeIndex a = *next->IndexOf(write.a);
      for (const Connection& connection : connections) {
        NodeIndex b = *next->IndexOf(connection.member);
        next->EraseEntry(a, b);
        next->EraseEntry(b, a);
      }
      break;
    }
    case Write::Kind::kRate:
      if (!existing) return NotFound("no such connection");
      if (*existing == write.strength) break;
      next = current;
      next->SetEntry(*next->IndexOf(write.a), *next->IndexOf(write.b), write.strength);
      break;
  }
  return next;
}

Result<void> GraphIndex::Load(ConnectionSource& source) {
  std::lock_guard one_load(load_mutex_);
  {
    std::lock_guard lock(write_mutex_);
    writes_during_load_.emplace();
  }
  GraphBuilder builder;
  Result<void> scanned = source.ForEachConnection([&](const ConnectionRecord& record) {
    return builder.AddConnection(record.a, record.b, record.a_rates_b, record.b_rates_a);
  });
  std::optional<Snapshot> loaded;
  if (scanned) loaded.emplace(std::move(builder).Build());

  std::lock_guard lock(write_mutex_);
  std::vector<Write> writes = std::move(*writes_during_load_);
  writes_during_load_.reset();
  if (!scanned) return scanned.error().WithContext("loading the graph index");
  for (const Write& write : writes) {
    // Writes are idempotent, so replaying one the scan already saw does no harm; a rating the
    // loaded graph has no connection for no longer applies.
    auto next = Applied(*loaded, write);
    if (next && *next) loaded = std::move(**next);
    // Each step copies the overlay: keep it small, or many writes would cost their square.
    if (loaded->overlay().changed_node_count() > options_.overlay_node_limit) {
      loaded = loaded->Compacted();
    }
  }
  Publish(std::move(*loaded));
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
