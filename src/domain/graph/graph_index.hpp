#pragma once
// GraphIndex: every connection between members, in memory (DESIGN.md §4), answering degree
// badges, mutual connections, shortest paths and suggestions without touching the store.
//
// Loaded once at start-up (Load, from a ConnectionSource) and then told of every committed
// change (AddConnection, RemoveConnection, SetStrength), from this server or another's
// notifications. The store stays the record: the index is derived data and can be rebuilt.
//
// Layout: an immutable CsrGraph base plus a small overlay of the nodes changed since, together
// one immutable Snapshot. A write copies the overlay, changes the copy and publishes a new
// snapshot; when the overlay holds more than overlay_node_limit nodes the write folds
// it into a new base (a full copy, about 0.4 s at 50 million connections, paid by that
// writer; readers carry on with the previous snapshot meanwhile).
//
// Thread-safety: every method may be called from any thread. Readers never wait for a
// writer's work: each query takes the current snapshot (under a lock held only to copy one
// pointer, which writers hold only to swap it) and runs on that alone. Writers are serialised
// by a mutex of their own. To ask several questions of one consistent state, take snapshot()
// and call the functions of search.hpp on it.

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/graph/connection_source.hpp"
#include "domain/graph/csr_graph.hpp"
#include "domain/graph/search.hpp"
#include "domain/graph/snapshot.hpp"

namespace enishi::graph {

struct GraphIndexOptions {
  // Changed nodes the overlay may hold before a write folds it into a new base. Each write
  // copies the overlay's index (24 bytes and a reference count per changed node); each fold
  // copies the whole graph.
  size_t overlay_node_limit = 8192;
};

class GraphIndex {
 public:
  // An empty index.
  explicit GraphIndex(GraphIndexOptions options = {});
  // An index over `base`, built by GraphBuilder. REQUIRES: base is not null.
  explicit GraphIndex(std::shared_ptr<const CsrGraph> base, GraphIndexOptions options = {});

  GraphIndex(const GraphIndex&) = delete;
  GraphIndex& operator=(const GraphIndex&) = delete;

  // --- Reading ---

  // The current state; stays valid and unchanged for as long as the caller holds it.
  std::shared_ptr<const Snapshot> snapshot() const;

  // The questions of search.hpp, each asked of the current snapshot.
  std::vector<Degree> Degrees(MemberId viewer, std::span<const MemberId> members) const;
  std::vector<MemberId> Mutuals(MemberId a, MemberId b,
                                const MemberPredicate& can_see_connections_of = {}) const;
  Paths ShortestPaths(MemberId from, MemberId to, const PathLimits& limits = {},
                      const MemberPredicate& can_see_connections_of = {}) const;
  std::vector<Suggestion> Suggestions(MemberId viewer, size_t limit,
                                      const MemberPredicate& discoverable = {},
                                      const MemberPredicate& can_see_connections_of = {}) const;
  std::vector<Connection> Neighbors(MemberId member) const;
  size_t ConnectionCount(MemberId member) const;
  std::optional<Strength> StrengthOf(MemberId from, MemberId to) const;

  // --- Writing: idempotent, so that a change applied twice (here and from another server's
  // notification) does no harm. ---

  // Connects a and b, both unrated; keeps the ratings of a connection already there.
  // Errors: kInvalidArgument for an invalid id or a == b.
  Result<void> AddConnection(MemberId a, MemberId b);
  // Removes the connection and both ratings; nothing to do when there is none.
  Result<void> RemoveConnection(MemberId a, MemberId b);
  // Sets `from`'s private rating of `to` (kUnrated clears it). Errors: kInvalidArgument for a
  // rating above kMaxStrength, kNotFound when they are not connected.
  Result<void> SetStrength(MemberId from, MemberId to, Strength strength);
  // Removes every connection of `member` (whose account is gone).
  void RemoveMember(MemberId member);

  // Replaces the whole graph with the connections `source` yields. Neither readers nor writers
  // wait for the scan: readers keep the previous graph, and writes made meanwhile apply to it
  // and are replayed onto the loaded graph before it is published, so none is lost whether
  // or not the source's view held it. One load at a time. On error the index is left as it
  // was. Errors: kInvalidArgument for a bad record, or whatever the source returns.
  Result<void> Load(ConnectionSource& source);

  // Folds the overlay into a new base now, e.g. after a burst of writes.
  void Compact();

 private:
  // One write, as AddConnection, RemoveConnection and SetStrength take it.
  struct Write {
    enum class Kind { kAdd, kRemove, kRate, kRemoveMember };  // kRemoveMember: `a` alone.
    Kind kind;
    MemberId a;
    MemberId b;
    Strength strength = kUnrated;
  };
  // Applies `write` to the current snapshot, and records it for the load under way, if any.
  Result<void> Apply(const Write& write);
  // `current` with `write` applied, or nullopt when that changes nothing. Errors: kNotFound
  // for a rating between members who are not connected.
  static Result<std::optional<Snapshot>> Applied(const Snapshot& current, const Write& write);
  // Publishes `next`, first folding its overlay if it grew past the limit.
  // REQUIRES: write_mutex_.
  void Publish(Snapshot next);
  // Makes `next` the current snapshot. REQUIRES: write_mutex_.
  void Replace(std::shared_ptr<const Snapshot> next);

  GraphIndexOptions options_;
  std::mutex load_mutex_;   // One load at a time.
  std::mutex write_mutex_;  // Serialises writers; readers never take it.
  // While a load scans its source: every write since it began, to replay onto its result.
  std::optional<std::vector<Write>> writes_during_load_;  // GUARDED_BY(write_mutex_)
  // Guards current_ alone. (Not std::atomic<std::shared_ptr>: libstdc++ 12's load() unlocks
  // with a relaxed store, a data race that ThreadSanitizer rightly reports.)
  mutable std::mutex current_mutex_;
  std::shared_ptr<const Snapshot> current_;  // GUARDED_BY(current_mutex_)
};

}  // namespace enishi::graph
