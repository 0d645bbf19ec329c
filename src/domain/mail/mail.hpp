#pragma once
// Outgoing messages to a member's login (email address or phone number): one-time codes and
// security notices. Nothing promotional is ever sent.

#include <cstdint>
#include <optional>
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

// Delivers messages. The implementation appends them to the store's outbox, which
// `enishi admin outbox` prints and, when SMTP is configured, an OutboxSender delivers
// (the transactional outbox: a message is queued durably before anyone is told it was sent).
// Thread-safe.
class Mailer {
 public:
  virtual ~Mailer() = default;
  // kUnavailable when the message could not be queued.
  virtual Result<void> Send(const Message& message) = 0;
};

// A message in the outbox as the delivery side sees it.
struct QueuedMessage {
  int64_t id = 0;  // The outbox's own sequence; meaningful only to the outbox.
  Message message;
  int attempts = 0;  // Delivery attempts, counting the one the claim that returned this began.
};

// How one delivery attempt failed.
struct DeliveryFailure {
  std::string error;                  // For operators; never shown to members.
  Timestamp at;                       // When the attempt failed.
  std::optional<Timestamp> retry_at;  // The next attempt; nullopt gives up on the message.
};

// The storage port for the local outbox. Thread-safe. Errors: kUnavailable when the store
// cannot answer.
class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  // Queues `message`, due for delivery at once.
  virtual Result<void> Append(const Message& message) = 0;
  // The newest `limit` messages, oldest first.
  virtual Result<std::vector<Message>> ListRecent(int limit) = 0;

  // Claims up to `limit` email messages that are neither delivered nor given up and whose next
  // attempt is due at `now`, the longest due first. Claiming counts an attempt and moves the
  // next one to `lease_until`: a sender that dies mid-delivery has the message retried then,
  // and senders sharing a database (several servers) never claim a message at the same time.
  // SMS messages are never claimed (there is no SMS provider yet).
  virtual Result<std::vector<QueuedMessage>> ClaimUndelivered(Timestamp now, Timestamp lease_until,
                                                              int limit) = 0;
  // Records that message `id` was accepted by the mail server at `at`: it is never claimed
  // again. A no-op when the message is gone (its account was deleted meanwhile).
  virtual Result<void> MarkDelivered(int64_t id, Timestamp at) = 0;
  // Records a failed attempt: the message is due again at failure.retry_at, or never again.
  // A no-op when the message is gone or was delivered.
  virtual Result<void> MarkFailed(int64_t id, const DeliveryFailure& failure) = 0;
};

}  // namespace enishi::mail
