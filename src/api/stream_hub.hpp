#pragma once
// The open streams (WebSockets at /api/v1/stream) of this server, and the delivery of members'
// stream events to them.
//
// Delivery pulls, it is never pushed: when a member's stream grows (the store's channel says
// so, for writes through any server sharing the store), each of their sockets here reads the
// events after the last one it sent, renders each for the member as things stand now, and
// sends it. A socket therefore sends every event once, in order, whatever the pokes: several
// pokes for one event cost one read, a poke that races a commit finds the event on the next,
// and a reconnecting client continues from the number it last saw.
//
// Thread-safe. Pumping runs on the hub's own worker threads, never on the caller's.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "api/request.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/stream/stream_event.hpp"
#include "domain/stream/stream_repository.hpp"

namespace enishi::api {

class StreamHub {
 public:
  // The frame that shows `event` to its member now; nullopt to skip it (its subject is no
  // longer theirs to see). An error closes the socket (1011), and the client resumes later.
  using Render = std::function<Result<std::optional<std::string>>(const stream::StreamEvent&)>;

  struct Socket;

  StreamHub(stream::StreamRepository& streams, Render render, int workers = 2);
  // Stops the workers. Sockets still attached are left to http/ to close.
  ~StreamHub();
  StreamHub(const StreamHub&) = delete;
  StreamHub& operator=(const StreamHub&) = delete;

  // A socket of `member`'s `session` opened, wanting the events after `after` (nullopt: none
  // before now); they are sent, then {"type":"ready","last_event":N}, then every new one.
  std::shared_ptr<Socket> Attach(MemberId member, SessionId session, std::optional<int64_t> after,
                                 std::shared_ptr<StreamOutlet> outlet);
  void Detach(const std::shared_ptr<Socket>& socket);
  // The streams of `members` grew: their sockets here catch up.
  void Poke(std::span<const MemberId> members);
  // Events may have been missed (the store's channel dropped): every socket catches up.
  void PokeAll();
  // Sends `frame` as is to this server's sockets of `members`: not numbered, not kept
  // (typing indicators).
  void SendNow(std::span<const MemberId> members, const std::string& frame);
  // Some of `member`'s sessions ended: this server's sockets of `member` opened by a session
  // not in `live` are closed (1008), and hear nothing more.
  void EndSessions(MemberId member, std::span<const SessionId> live);

  size_t socket_count() const;

 private:
  static constexpr int kPageSize = 100;

  void Queue(const std::shared_ptr<Socket>& socket);  // REQUIRES: mutex_ held.
  void Work();
  // Sends `socket` what it has not been sent yet.
  void Pump(Socket& socket);

  stream::StreamRepository& streams_;
  const Render render_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::unordered_map<MemberId, std::vector<std::shared_ptr<Socket>>> sockets_;
  std::deque<std::shared_ptr<Socket>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace enishi::api
