#include "domain/notifications/email_digest.hpp"

#include <algorithm>
#include <chrono>
#include <initializer_list>
#include <numeric>
#include <string>
#include <utility>

#include "core/log.hpp"

namespace enishi::notifications {
namespace {

// A member's first digest counts what was filed in the day before it.
constexpr auto kFirstDigestReach = std::chrono::hours(24);

// The texts of one language. {count} is replaced by a number.
struct DigestTexts {
  std::string_view locale;
  std::string_view subject;  // With {count}: everything new.
  std::string_view intro;
  std::string_view line;  // With {category} and {count}.
  std::string_view footer;
  std::array<std::string_view, kCategoryCount> categories;  // In Category order.
};

constexpr std::array kTexts = {
    DigestTexts{
        "en",
        "Enishi: {count} new since your last digest",
        "Since your last digest:",
        "  {category}: {count}",
        "Sign in to Enishi to see them.\n\n"
        "You receive this e-mail because you turned on the daily digest. You can turn it off "
        "in Settings, under Notifications.",
        {"Greetings", "Connection requests", "Messages", "Introductions", "Groups", "Jobs",
         "Safety and account"}},
    DigestTexts{
        "ja",
        "Enishi：前回のダイジェスト以降の新着 {count} 件",
        "前回のダイジェスト以降のお知らせ：",
        "・{category}：{count} 件",
        "Enishi にログインしてご確認ください。\n\n"
        "このメールは、毎日のダイジェストを有効にしているためお送りしています。"
        "「設定」の「通知」から停止できます。",
        {"挨拶", "つながり申請", "メッセージ", "紹介", "グループ", "求人", "安全・アカウント"}},
    DigestTexts{
        "zh-Hans",
        "Enishi：自上次摘要以来有 {count} 条新动态",
        "自上次摘要以来：",
        "· {category}：{count} 条",
        "请登录 Enishi 查看。\n\n"
        "您收到这封邮件，是因为您开启了每日摘要。可在“设置”的“通知”中关闭。",
        {"招呼", "人脉邀请", "消息", "引荐", "群组", "职位", "安全与账号"}},
};

const DigestTexts& TextsFor(std::string_view locale) {
  for (const DigestTexts& texts : kTexts) {
    if (texts.locale == locale) return texts;
  }
  return kTexts.front();  // English.
}

// `text` with each {name} replaced by its value.
std::string Fill(std::string_view text,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out(text);
  for (const auto& [name, value] : values) {
    std::string placeholder = "{" + std::string(name) + "}";
    for (size_t at = out.find(placeholder); at != std::string::npos;
         at = out.find(placeholder, at + value.size())) {
      out.replace(at, placeholder.size(), value);
    }
  }
  return out;
}

// When `settings` send the digest: the end of quiet hours, or the default minute.
int DigestMinute(const Settings& settings) {
  return settings.quiet_hours ? settings.quiet_hours->end_minute
                              : kDigestMinuteWithoutQuietHours;
}

}  // namespace

mail::Message ComposeDigest(std::string_view locale, std::string_view email,
                            const std::array<int64_t, kCategoryCount>& counts, Timestamp now) {
  const DigestTexts& texts = TextsFor(locale);
  std::string total = std::to_string(std::accumulate(counts.begin(), counts.end(), int64_t{0}));
  std::string body(texts.intro);
  body += '\n';
  for (size_t i = 0; i < kCategoryCount; ++i) {
    if (counts[i] <= 0) continue;
    std::string count = std::to_string(counts[i]);
    body += Fill(texts.line, {{"category", texts.categories[i]}, {"count", count}});
    body += '\n';
  }
  body += '\n';
  body += texts.footer;
  mail::Message message;
  message.channel = mail::Channel::kEmail;
  message.to = std::string(email);
  message.subject = Fill(texts.subject, {{"count", total}});
  message.body = std::move(body);
  message.created_at = now;
  return message;
}

EmailDigest::EmailDigest(NotificationRepository& notifications,
                         accounts::AccountRepository& accounts, mail::Mailer& mailer,
                         const LocalTime& local_time, const Clock& clock)
    : notifications_(notifications),
      accounts_(accounts),
      mailer_(mailer),
      local_time_(local_time),
      clock_(clock) {}

Result<int> EmailDigest::SendDue() {
  const Timestamp now = clock_.Now();
  int sent = 0;
  MemberId after;
  while (true) {
    auto page = notifications_.ListDigestSubscribers(after, kPageSize);
    if (!page) return page.error();
    for (const DigestSubscriber& subscriber : *page) {
      auto queued = SendIfDue(subscriber, now);
      if (!queued) return queued.error();
      if (*queued) ++sent;
    }
    if (page->size() < static_cast<size_t>(kPageSize)) return sent;
    after = page->back().member;
  }
}

Result<bool> EmailDigest::SendIfDue(const DigestSubscriber& subscriber, Timestamp now) {
  auto local = local_time_.At(subscriber.settings.time_zone, now);
  if (!local || local->minute_of_day < DigestMinute(subscriber.settings)) return false;
  if (subscriber.last && subscriber.last->day_start >= local->day_start) return false;
  auto account = accounts_.FindAccount(subscriber.member);
  if (!account) return account.error();
  if (!*account || (*account)->login_kind != accounts::LoginKind::kEmail) return false;

  Timestamp since = subscriber.last ? subscriber.last->through : now - kFirstDigestReach;
  auto counts = notifications_.CountDigestItems(subscriber.member, since, now);
  if (!counts) return counts.error();
  // The day is claimed even when there is nothing to say, so that the digest stays daily.
  auto claimed = notifications_.ClaimDigest(subscriber.member, {local->day_start, now});
  if (!claimed) return claimed.error();
  bool anything = std::any_of(counts->begin(), counts->end(), [](int64_t n) { return n > 0; });
  if (!*claimed || !anything) return false;
  // Claimed, then queued: a failure here loses one digest rather than risk sending two.
  if (auto queued = mailer_.Send(ComposeDigest((*account)->locale, (*account)->login, *counts, now));
      !queued) {
    log::Warn("digest_not_queued", {{"error", queued.error().message}});
    return false;
  }
  return true;
}

}  // namespace enishi::notifications
