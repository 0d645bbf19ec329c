#pragma once
// The daily e-mail digest (F17), for members who turn it on: once a local day, when their
// quiet hours end (at 08:00 without quiet hours), how many notifications of each category were
// filed for the digest since the last one and are still unread. Nothing is sent on a day
// with nothing new, nor to a member whose login is a phone number.
//
// The mail names no one and quotes nothing. Mail is read where the member's network cannot
// be checked (a work inbox, a shared device), so who greeted or wrote stays behind sign-in,
// where the privacy engine shows each actor as the member may see them then.
//
// Several servers on one store may run it at once: each member's day is claimed in the store
// before the mail is queued, so a digest goes out at most once.
//
// Thread-safety: SendDue() may run on one thread while the services run on others.

#include <array>
#include <cstdint>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/mail/mail.hpp"
#include "domain/notifications/local_time.hpp"
#include "domain/notifications/notification.hpp"
#include "domain/notifications/notification_repository.hpp"

namespace enishi::notifications {

// The local minute a digest goes out when the member keeps no quiet hours.
inline constexpr int kDigestMinuteWithoutQuietHours = 8 * 60;

class EmailDigest {
 public:
  EmailDigest(NotificationRepository& notifications, accounts::AccountRepository& accounts,
              mail::Mailer& mailer, const LocalTime& local_time, const Clock& clock);
  EmailDigest(const EmailDigest&) = delete;
  EmailDigest& operator=(const EmailDigest&) = delete;

  // Queues every digest due now; returns how many. Stops at the first store failure; what it
  // did not reach is sent on the next call.
  Result<int> SendDue();

 private:
  static constexpr int kPageSize = 200;

  // Queues `subscriber`'s digest if it is due at `now`; whether it did.
  Result<bool> SendIfDue(const DigestSubscriber& subscriber, Timestamp now);

  NotificationRepository& notifications_;
  accounts::AccountRepository& accounts_;
  mail::Mailer& mailer_;
  const LocalTime& local_time_;
  const Clock& clock_;
};

// The digest of `counts` (per category) in `locale` ("ja", "zh-Hans" or "en"; English for
// anything else), addressed to `email`. REQUIRES: some count is positive.
mail::Message ComposeDigest(std::string_view locale, std::string_view email,
                            const std::array<int64_t, kCategoryCount>& counts, Timestamp now);

}  // namespace enishi::notifications
