#include "storage/sql/outbox_repo.hpp"

namespace enishi::storage::sql {
namespace {

constexpr std::string_view kInsertMessage =
    "INSERT INTO outbox (channel, recipient, subject, body, created_at) "
    "VALUES ($1, $2, $3, $4, $5)";
// The newest `$1` messages, handed back oldest first; the id orders messages of one instant.
constexpr std::string_view kSelectRecentMessages =
    "SELECT channel, recipient, subject, body, created_at FROM ("
    "SELECT id, channel, recipient, subject, body, created_at FROM outbox "
    "ORDER BY created_at DESC, id DESC LIMIT $1) AS recent "
    "ORDER BY created_at, id";

// Pending: neither delivered nor given up. The partial index outbox_due covers this order.
constexpr std::string_view kSelectDueMessages =
    "SELECT id, channel, recipient, subject, body, created_at, attempts FROM outbox "
    "WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 "
    "AND channel = 'email' ORDER BY next_attempt_at, id LIMIT $2";
// Takes the message only if no other sender took it since it was read: on PostgreSQL a
// concurrent claim re-checks this WHERE against the winner's row and updates nothing.
constexpr std::string_view kClaimMessage =
    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $3 "
    "WHERE id = $1 AND next_attempt_at <= $2 AND delivered_at IS NULL AND failed_at IS NULL";
constexpr std::string_view kMarkDelivered =
    "UPDATE outbox SET delivered_at = $2, last_error = NULL WHERE id = $1";
constexpr std::string_view kScheduleRetry =
    "UPDATE outbox SET next_attempt_at = $2, last_error = $3 "
    "WHERE id = $1 AND delivered_at IS NULL";
constexpr std::string_view kGiveUp =
    "UPDATE outbox SET failed_at = $2, last_error = $3 WHERE id = $1 AND delivered_at IS NULL";

std::string_view ChannelText(mail::Channel channel) {
  return channel == mail::Channel::kSms ? "sms" : "email";
}
std::optional<mail::Channel> ParseChannel(std::string_view text) {
  if (text == "email") return mail::Channel::kEmail;
  if (text == "sms") return mail::Channel::kSms;
  return std::nullopt;
}

std::optional<mail::Message> DecodeMessage(const SqlRow& row) {
  auto channel = ParseChannel(row.Text(0));
  if (!channel) return std::nullopt;
  return mail::Message{*channel, row.Text(1), row.Text(2), row.Text(3), FromMicros(row.Int64(4))};
}

std::optional<mail::QueuedMessage> DecodeQueuedMessage(const SqlRow& row) {
  auto channel = ParseChannel(row.Text(1));
  if (!channel) return std::nullopt;
  return mail::QueuedMessage{
      row.Int64(0),
      {*channel, row.Text(2), row.Text(3), row.Text(4), FromMicros(row.Int64(5))},
      static_cast<int>(row.Int64(6))};
}

}  // namespace

Result<void> SqlOutboxRepository::Append(const mail::Message& m) {
  return run_.Write("outbox.append", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(
        kInsertMessage, {ChannelText(m.channel), m.to, m.subject, m.body, ToMicros(m.created_at)}));
    return Ok();
  });
}

Result<std::vector<mail::Message>> SqlOutboxRepository::ListRecent(int limit) {
  return run_.Read(
      "outbox.list_recent", [&](SqlConnection& db) -> Result<std::vector<mail::Message>> {
        // A negative LIMIT means "no limit" to SQLite and is an error to PostgreSQL.
        if (limit < 1) return std::vector<mail::Message>();
        return QueryAll<mail::Message>(db, kSelectRecentMessages, {limit}, DecodeMessage);
      });
}

Result<std::vector<mail::QueuedMessage>> SqlOutboxRepository::ClaimUndelivered(
    Timestamp now, Timestamp lease_until, int limit) {
  return run_.Write("outbox.claim_undelivered",
                    [&](SqlConnection& db) -> Result<std::vector<mail::QueuedMessage>> {
                      std::vector<mail::QueuedMessage> claimed;
                      if (limit < 1) return claimed;
                      auto due = QueryAll<mail::QueuedMessage>(
                          db, kSelectDueMessages, {ToMicros(now), limit}, DecodeQueuedMessage);
                      if (!due) return due.error();
                      for (mail::QueuedMessage& message : *due) {
                        auto taken = db.Execute(kClaimMessage,
                                                {message.id, ToMicros(now), ToMicros(lease_until)});
                        if (!taken) return taken.error();
                        if (*taken == 0) continue;
                        ++message.attempts;
                        claimed.push_back(std::move(message));
                      }
                      return claimed;
                    });
}

Result<void> SqlOutboxRepository::MarkDelivered(int64_t id, Timestamp at) {
  return run_.Write("outbox.mark_delivered", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(kMarkDelivered, {id, ToMicros(at)}));
    return Ok();
  });
}

Result<void> SqlOutboxRepository::MarkFailed(int64_t id, const mail::DeliveryFailure& failure) {
  return run_.Write("outbox.mark_failed", [&](SqlConnection& db) -> Result<void> {
    if (failure.retry_at) {
      ENISHI_TRY(db.Execute(kScheduleRetry, {id, ToMicros(*failure.retry_at), failure.error}));
    } else {
      ENISHI_TRY(db.Execute(kGiveUp, {id, ToMicros(failure.at), failure.error}));
    }
    return Ok();
  });
}

}  // namespace enishi::storage::sql
