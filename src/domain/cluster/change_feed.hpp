#pragma once
// ChangeFeed: how servers sharing one store tell each other of changes to state each keeps in
// memory (the graph index, the connection-list audiences), so that all of them answer from
// the same state within moments of a commit (DESIGN.md §4: PostgreSQL's LISTEN/NOTIFY, no
// home-made distribution layer).
//
// A publisher calls Publish after its change has committed and applies the change to its own
// memory itself; every server, the publisher included, then hears the message and applies it
// again, so applying must be idempotent. A server that may have missed messages (its listening
// connection dropped) is told so and reloads from the store.

#include <functional>
#include <string_view>

#include "core/result.hpp"

namespace enishi::cluster {

class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;

  // Tells every server listening on `channel` of `message` (one line of text, at most
  // kMaxMessageBytes). Errors: kUnavailable when the store cannot be reached; the change
  // itself stands, and other servers see it at their next reload.
  virtual Result<void> Publish(std::string_view channel, std::string_view message) = 0;

  // PostgreSQL's NOTIFY payload limit is 8000 bytes; messages stay far below it.
  static constexpr size_t kMaxMessageBytes = 1000;
};

// Hears one channel of a ChangeFeed until destroyed.
class ChangeListener {
 public:
  struct Handlers {
    // Each message on the channel, from any server, this one included. Called on the
    // listener's own thread, one message at a time.
    std::function<void(std::string_view message)> on_message;
    // Messages may have been missed (the connection that hears them dropped and is back):
    // reload what the messages keep up to date. Called on the listener's thread.
    std::function<void()> on_gap;
  };

  virtual ~ChangeListener() = default;
};

// For a store that only one server uses (an SQLite file): nobody else to tell.
class LocalChangeFeed final : public ChangeFeed {
 public:
  Result<void> Publish(std::string_view, std::string_view) override { return Ok(); }
};

}  // namespace enishi::cluster
