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

}  // namespace enishi::storage::sql
