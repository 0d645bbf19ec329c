#pragma once
// The Mailer: keeps every message in the store's local outbox, where an operator reads it with
// `enishi admin outbox` and, when SMTP is configured, an OutboxSender picks it up for delivery.
// Thread-safe as its repository is.

#include "domain/mail/mail.hpp"

namespace enishi::mail {

class OutboxMailer final : public Mailer {
 public:
  explicit OutboxMailer(OutboxRepository& outbox) : outbox_(outbox) {}
  Result<void> Send(const Message& message) override { return outbox_.Append(message); }

 private:
  OutboxRepository& outbox_;
};

}  // namespace enishi::mail
