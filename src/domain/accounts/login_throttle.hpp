#pragma once
// Slows down password guessing without letting an attacker lock the owner out (OWASP ASVS
// 2.2.1, "Blocking Brute Force Attacks"). Credential attempts are counted in sliding windows
// per (login, IP), per IP and per login:
// - per (login, IP) and per IP stop one client guessing one account or spraying many;
// - per login stops a botnet guessing one account from many addresses. It applies only to
//   clients without a valid device token for the account (device_token.hpp): the owner's
//   browsers keep logging in while the account is under attack. A device token has its own,
//   per-device limit, so a stolen one buys no unlimited guessing either.
// A login's counts do not depend on whether an account holds it, so throttling reveals nothing
// about which logins exist. Sign-up starts and re-authentications have limits of their own.
//
// Memory is bounded: each limit tracks at most max_tracked_keys keys, forgetting the least
// recently counted; keys longer than 256 bytes are cut; IPv6 clients count per /64 network.
// Thread-safe: one mutex guards every count.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace enishi::accounts {

// At most `max_events` within any sliding `window`.
struct RateLimit {
  int max_events = 0;
  std::chrono::seconds window{0};
};

// REQUIRES: every limit has max_events > 0 and a positive window; max_tracked_keys > 0.
struct LoginThrottleOptions {
  // Failed credential attempts (logins and sign-up codes) ...
  RateLimit per_login_and_ip{10, minutes(15)};  // ... from one client for one login,
  RateLimit per_ip{100, minutes(15)};           // ... from one client for any login (NATs share),
  RateLimit per_login{30, hours(1)};            // ... for one login, without a device token,
  RateLimit per_device{10, minutes(15)};        // ... with one device token.
  // Failed re-authentications (password change, account deletion) of one signed-in member.
  RateLimit per_member_reauthentication{10, minutes(15)};
  // Sign-ups started, successful or not.
  RateLimit signups_per_login{3, hours(1)};
  RateLimit signups_per_ip{20, hours(1)};
  size_t max_tracked_keys = 100'000;  // Per limit.
};

class LoginThrottle {
 public:
  // An attempt the throttle let through. It counts as failed unless given to Forgive().
  class Admission {
   private:
    friend class LoginThrottle;
    bool reauthentication_ = false;
    std::string login_;  // The login, or the member id of a re-authentication.
    std::string client_;
    std::string device_;
    Timestamp at_;
  };

  LoginThrottle(const Clock& clock, LoginThrottleOptions options);
  ~LoginThrottle();
  LoginThrottle(const LoginThrottle&) = delete;
  LoginThrottle& operator=(const LoginThrottle&) = delete;

  // Admits one credential attempt for `login` from `ip`, counting it as a failure at once so
  // that concurrent attempts cannot all pass while their passwords are being checked. `device`
  // is the id of a valid device token for the login's account (DeviceTokens::Verify), or empty;
  // with one, the per-device limit replaces the per-login limit. `login` should be normalised
  // when it can be. kResourceExhausted with retry_after when a limit is reached; nothing is
  // counted then.
  Result<Admission> AdmitLogin(std::string_view login, std::string_view ip,
                               std::string_view device);
  // Admits one re-authentication of a signed-in `member`, as AdmitLogin does.
  Result<Admission> AdmitReauthentication(MemberId member);
  // The admitted attempt succeeded: it no longer counts, and neither do earlier failures of the
  // same login from the same client. The other counts keep earlier failures, so an attacker
  // cannot clear them by logging in to an account of their own.
  void Forgive(const Admission& admission);

  // Counts a sign-up start for `login` (normalised) from `ip`. kResourceExhausted with
  // retry_after when a limit is reached; nothing is counted then.
  Result<void> AdmitSignup(std::string_view login, std::string_view ip);

 private:
  class WindowCounter;
  struct Counters;

  const Clock& clock_;
  std::mutex mutex_;
  std::unique_ptr<Counters> counters_;  // Guarded by mutex_.
};

}  // namespace enishi::accounts
