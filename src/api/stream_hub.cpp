#include "api/stream_hub.hpp"

#include <algorithm>
#include <utility>

#include "core/log.hpp"

namespace enishi::api {

// One open stream. `queued`, `pumping` and `again` are guarded by the hub's mutex; `sent` and
// `ready` belong to the one worker pumping the socket at a time.
struct StreamHub::Socket {
  MemberId member;
  SessionId session;
  std::shared_ptr<StreamOutlet> outlet;
  int64_t sent = 0;    // The number of the last event sent (or skipped).
  bool from_now = false;  // Start after the member's latest event, found on the first pump.
  bool ready = false;  // The "ready" frame went out after the backlog.
  bool queued = false;
  bool pumping = false;
  bool again = false;  // Poked while being pumped: pump once more after.
  bool detached = false;
};

StreamHub::StreamHub(stream::StreamRepository& streams, Render render, int workers)
    : streams_(streams), render_(std::move(render)) {
  for (int i = 0; i < std::max(workers, 1); ++i) workers_.emplace_back([this] { Work(); });
}

StreamHub::~StreamHub() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

std::shared_ptr<StreamHub::Socket> StreamHub::Attach(MemberId member, SessionId session,
                                                     std::optional<int64_t> after,
                                                     std::shared_ptr<StreamOutlet> outlet) {
  auto socket = std::make_shared<Socket>();
  socket->member = member;
  socket->session = session;
  socket->outlet = std::move(outlet);
  socket->sent = after.value_or(0);
  socket->from_now = !after;
  std::lock_guard lock(mutex_);
  sockets_[member].push_back(socket);
  Queue(socket);  // The backlog, then "ready".
  return socket;
}

void StreamHub::Detach(const std::shared_ptr<Socket>& socket) {
  std::lock_guard lock(mutex_);
  socket->detached = true;
  auto found = sockets_.find(socket->member);
  if (found == sockets_.end()) return;
  std::erase(found->second, socket);
  if (found->second.empty()) sockets_.erase(found);
}

void StreamHub::Queue(const std::shared_ptr<Socket>& socket) {
  if (socket->detached) return;
  if (socket->pumping) {
    socket->again = true;
  } else if (!socket->queued) {
    socket->queued = true;
    queue_.push_back(socket);
    wake_.notify_one();
  }
}

void StreamHub::Poke(std::span<const MemberId> members) {
  std::lock_guard lock(mutex_);
  for (MemberId member : members) {
    auto found = sockets_.find(member);
    if (found == sockets_.end()) continue;
    for (const auto& socket : found->second) Queue(socket);
  }
}

void StreamHub::PokeAll() {
  std::lock_guard lock(mutex_);
  for (const auto& [member, sockets] : sockets_) {
    for (const auto& socket : sockets) Queue(socket);
  }
}

void StreamHub::SendNow(std::span<const MemberId> members, const std::string& frame) {
  std::vector<std::shared_ptr<StreamOutlet>> outlets;
  {
    std::lock_guard lock(mutex_);
    for (MemberId member : members) {
      auto found = sockets_.find(member);
      if (found == sockets_.end()) continue;
      for (const auto& socket : found->second) outlets.push_back(socket->outlet);
    }
  }
  for (const auto& outlet : outlets) outlet->Send(frame);
}

void StreamHub::EndSessions(MemberId member, std::span<const SessionId> live) {
  std::vector<std::shared_ptr<StreamOutlet>> ended;
  {
    std::lock_guard lock(mutex_);
    auto found = sockets_.find(member);
    if (found == sockets_.end()) return;
    std::erase_if(found->second, [&](const std::shared_ptr<Socket>& socket) {
      if (std::find(live.begin(), live.end(), socket->session) != live.end()) return false;
      socket->detached = true;  // No more pumps; the closed outlet refuses a pump's sends.
      ended.push_back(socket->outlet);
      return true;
    });
    if (found->second.empty()) sockets_.erase(found);
  }
  for (const auto& outlet : ended) outlet->Close(1008, "session ended");
}

size_t StreamHub::socket_count() const {
  std::lock_guard lock(mutex_);
  size_t count = 0;
  for (const auto& [member, sockets] : sockets_) count += sockets.size();
  return count;
}

void StreamHub::Work() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    std::shared_ptr<Socket> socket = std::move(queue_.front());
    queue_.pop_front();
    socket->queued = false;
    if (socket->detached) continue;
    socket->pumping = true;
    lock.unlock();
    Pump(*socket);
    lock.lock();
    socket->pumping = false;
    if (socket->again) {
      socket->again = false;
      Queue(socket);
    }
  }
}

void StreamHub::Pump(Socket& socket) {
  if (socket.from_now) {
    auto last = streams_.LastSeq(socket.member);
    if (!last) {
      log::Warn("stream_read_failed", {{"error", last.error().message}});
      socket.outlet->Close(1011, "try again");
      return;
    }
    socket.sent = *last;
    socket.from_now = false;
  }
  while (true) {
    auto events = streams_.ListEvents(socket.member, socket.sent, kPageSize);
    if (!events) {
      log::Warn("stream_read_failed", {{"error", events.error().message}});
      socket.outlet->Close(1011, "try again");
      return;
    }
    for (const stream::StreamEvent& event : *events) {
      auto frame = render_(event);
      if (!frame) {
        log::Warn("stream_render_failed", {{"error", frame.error().message}});
        socket.outlet->Close(1011, "try again");
        return;
      }
      if (*frame && !socket.outlet->Send(std::move(**frame))) return;  // Closed meanwhile.
      socket.sent = event.seq;
    }
    if (static_cast<int>(events->size()) < kPageSize) break;
  }
  if (!socket.ready) {
    socket.ready = true;
    socket.outlet->Send(R"({"type":"ready","last_event":)" + std::to_string(socket.sent) + "}");
  }
}

}  // namespace enishi::api
