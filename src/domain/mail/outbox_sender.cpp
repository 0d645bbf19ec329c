#include "domain/mail/outbox_sender.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "core/log.hpp"

namespace enishi::mail {
namespace {

// The log never gets recipients or contents: only the outbox id and what went wrong.
void LogOutcome(log::Level level, std::string_view event, const QueuedMessage& queued,
                std::string_view error = {}) {
  log::Field id = log::Number("outbox_id", static_cast<double>(queued.id));
  log::Field attempt = log::Number("attempt", queued.attempts);
  if (error.empty()) {
    log::Write(level, event, {id, attempt});
  } else {
    log::Write(level, event, {id, attempt, {"error", std::string(error)}});
  }
}

}  // namespace

OutboxSender::OutboxSender(OutboxRepository& outbox, MailTransport& transport, const Clock& clock,
                           OutboxSenderOptions options)
    : outbox_(outbox), transport_(transport), clock_(clock), options_(options) {}

Timestamp OutboxSender::RetryAt(Timestamp now, int attempts) const {
  std::chrono::seconds delay = options_.first_retry;
  for (int i = 1; i < attempts && delay < options_.max_retry; ++i) delay *= 2;
  return now + std::min(delay, options_.max_retry);
}

Result<int> OutboxSender::DeliverDue() {
  Timestamp now = clock_.Now();
  auto claimed = outbox_.ClaimUndelivered(now, now + options_.lease, options_.batch_size);
  if (!claimed) return claimed.error().WithContext("claiming outbox messages");

  for (const QueuedMessage& queued : *claimed) {
    Result<void> recorded;
    if (queued.message.created_at + options_.max_age < now) {
      recorded = outbox_.MarkFailed(queued.id, {"expired before it could be sent", now, {}});
      LogOutcome(log::Level::kWarn, "mail_expired", queued);
    } else if (auto delivered = transport_.Deliver(queued.message)) {
      recorded = outbox_.MarkDelivered(queued.id, clock_.Now());
      LogOutcome(log::Level::kInfo, "mail_delivered", queued);
    } else {
      const Error& error = delivered.error();
      bool give_up =
          error.code == ErrorCode::kInvalidArgument || queued.attempts >= options_.max_attempts;
      Timestamp failed_at = clock_.Now();
      DeliveryFailure failure{error.message, failed_at, std::nullopt};
      if (!give_up) failure.retry_at = RetryAt(failed_at, queued.attempts);
      recorded = outbox_.MarkFailed(queued.id, failure);
      LogOutcome(give_up ? log::Level::kError : log::Level::kWarn,
                 give_up ? "mail_given_up" : "mail_retry_later", queued, error.message);
    }
    if (!recorded) {
      LogOutcome(log::Level::kWarn, "mail_outcome_not_recorded", queued, recorded.error().message);
    }
  }
  return static_cast<int>(claimed->size());
}

}  // namespace enishi::mail
