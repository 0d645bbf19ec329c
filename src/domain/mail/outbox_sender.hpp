#pragma once
// Delivers the outbox: claims the messages that are due, hands each to a MailTransport (SMTP),
// and records the outcome. A failed attempt is retried with exponential backoff and given up
// after a number of attempts, or at once when the server refused the message for good; a
// message older than max_age is given up without being sent (a stale sign-up code helps no
// one). Nothing is ever lost silently: every message ends delivered or given up with its
// reason in the outbox.
//
// Synchronous and thread-agnostic: app/ calls DeliverDue from a background thread. Delivery is
// at least once: a sender that dies between the server's acceptance and MarkDelivered sends
// that message again after the lease. Thread-safe (several senders may share one outbox).
// Ownership: the references passed to the constructor must outlive the sender.

#include <chrono>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/mail/mail.hpp"

namespace enishi::mail {

// The port to a mail server. Thread-safe.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Hands `message` to the mail server. kInvalidArgument when it was refused for good (the
  // recipient or the message itself is unacceptable: retrying cannot help); kUnavailable for
  // anything worth retrying (unreachable server, time-out, temporary refusal, rejected
  // credentials the operator may fix).
  virtual Result<void> Deliver(const Message& message) = 0;
};

struct OutboxSenderOptions {
  int batch_size = 20;   // Messages claimed per DeliverDue call.
  int max_attempts = 8;  // With the backoff below: given up about two hours after queueing.
  std::chrono::seconds first_retry{60};  // Doubled after each failed attempt...
  std::chrono::seconds max_retry{3600};  // ...up to this.
  // How long a claimed message is reserved for this sender; longer than one delivery can take
  // (the transport's own time-outs).
  std::chrono::seconds lease{300};
  std::chrono::hours max_age{24};
};

class OutboxSender {
 public:
  OutboxSender(OutboxRepository& outbox, MailTransport& transport, const Clock& clock,
               OutboxSenderOptions options = {});
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  // Claims up to batch_size due messages and tries each once. Returns how many were claimed:
  // a full batch means more may be due. Fails (kUnavailable) only when the outbox cannot be
  // read; a failure to record an outcome is logged, and the lease brings the message back.
  Result<int> DeliverDue();

 private:
  // The next attempt after `attempts` failed ones.
  Timestamp RetryAt(Timestamp now, int attempts) const;

  OutboxRepository& outbox_;
  MailTransport& transport_;
  const Clock& clock_;
  const OutboxSenderOptions options_;
};

}  // namespace enishi::mail
