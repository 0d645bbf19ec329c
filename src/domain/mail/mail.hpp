#pragma once
// Outgoing messages to a member's login (email address or phone number): one-time codes and
// security notices. Nothing promotional is ever sent.

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace enishi::mail {

enum class Channel { kEmail, kSms };

struct Message {
  Channel channel = Channel::kEmail;
  std::string to;
  std::string subject;
  std::string body;
  Timestamp created_at;
};

// Delivers messages. The default implementation appends them to the store's outbox, which
// `enishi admin outbox` prints; SMTP arrives later. Thread-safe.
class Mailer {
 public:
  virtual ~Mailer() = default;
  // kUnavailable when the message could not be queued.
  virtual Result<void> Send(const Message& message) = 0;
};

// The storage port for the local outbox. Thread-safe.
class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  virtual Result<void> Append(const Message& message) = 0;
  // The newest `limit` messages, oldest first.
  virtual Result<std::vector<Message>> ListRecent(int limit) = 0;
};

}  // namespace enishi::mail
