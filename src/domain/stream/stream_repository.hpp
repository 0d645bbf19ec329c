#pragma once
// The port through which members' streams are read. Events are appended only by the writes
// that cause them (MessagingRepository, NotificationRepository), in the same unit, so an event
// exists exactly when its cause committed. Such a unit also sends a notice on kStreamChannel
// that listeners hear only once it has committed (NOTIFY on PostgreSQL, to every server;
// in-process on SQLite), so a listener hears of the event once it is readable.
//
// Thread-safe. Errors: kUnavailable when the store cannot be reached, kInternal otherwise.

#include <cstdint>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/stream/stream_event.hpp"

namespace enishi::stream {

class StreamRepository {
 public:
  virtual ~StreamRepository() = default;

  // `member`'s events numbered above `after`, oldest first; at most `limit`.
  virtual Result<std::vector<StreamEvent>> ListEvents(MemberId member, int64_t after,
                                                      int limit) = 0;
  // The number of `member`'s latest event; 0 before the first.
  virtual Result<int64_t> LastSeq(MemberId member) = 0;
};

}  // namespace enishi::stream
