#include "domain/accounts/login_throttle.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>
#include <list>
#include <unordered_map>
#include <vector>

#include "core/check.hpp"

namespace enishi::accounts {
namespace {

constexpr size_t kMaxKeyBytes = 256;
constexpr std::string_view kThrottledMessage = "too many attempts; try again later";

std::string BoundedKey(std::string_view key) { return std::string(key.substr(0, kMaxKeyBytes)); }

// One IPv6 client usually holds a whole /64, so that is what counts as "one IP"; an
// IPv4-mapped address counts as its IPv4 address. Anything unparseable counts as itself.
std::string ClientKey(std::string_view ip) {
  std::string text(ip.substr(0, kMaxKeyBytes));
  unsigned char address[16];
  if (inet_pton(AF_INET6, text.c_str(), address) != 1) return text;
  constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  char out[INET6_ADDRSTRLEN];
  if (std::equal(address, address + 12, kMappedPrefix)) {
    std::snprintf(out, sizeof out, "%u.%u.%u.%u", address[12], address[13], address[14],
                  address[15]);
    return out;
  }
  std::snprintf(out, sizeof out, "%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", address[0], address[1],
                address[2], address[3], address[4], address[5], address[6], address[7]);
  return out;
}

// A login and a client as one key. No address holds a '\n', so a key splits back at its last
// one: distinct pairs never share a key.
std::string PairKey(const std::string& login, const std::string& client) {
  return login + '\n' + client;
}

Error Throttled(std::chrono::seconds wait) {
  return ResourceExhausted(std::string(kThrottledMessage), wait);
}

}  // namespace

// Events per key in a sliding window, for at most `max_keys` keys. Keeps only the newest
// max_events timestamps of a key: that is all it takes to tell whether one more is allowed.
class LoginThrottle::WindowCounter {
 public:
  WindowCounter(RateLimit limit, size_t max_keys) : limit_(limit), max_keys_(max_keys) {
    ENISHI_CHECK(limit.max_events > 0 && limit.window.count() > 0, "invalid RateLimit");
    ENISHI_CHECK(max_keys > 0, "LoginThrottleOptions::max_tracked_keys must be positive");
  }
  WindowCounter(const WindowCounter&) = delete;
  WindowCounter& operator=(const WindowCounter&) = delete;

  // How long until `key` may have one more event: zero when it may now.
  std::chrono::seconds Wait(const std::string& key, Timestamp now) const {
    auto found = index_.find(key);
    if (found == index_.end()) return std::chrono::seconds(0);
    const std::vector<Timestamp>& events = found->second->events;
    Timestamp cutoff = now - limit_.window;
    auto live =
        std::count_if(events.begin(), events.end(), [&](Timestamp t) { return t > cutoff; });
    if (live < limit_.max_events) return std::chrono::seconds(0);
    // Full: the oldest of the newest max_events leaves the window first.
    auto wait = std::chrono::ceil<std::chrono::seconds>(events.front() + limit_.window - now);
    return std::max(wait, std::chrono::seconds(1));
  }

  void Add(const std::string& key, Timestamp at) {
    auto found = index_.find(key);
    std::list<Entry>::iterator entry;
    if (found == index_.end()) {
      // Forget the least recently counted key; under a flood of new keys it is the least
      // useful one, while a key being attacked stays recent.
      if (index_.size() >= max_keys_) {
        index_.erase(entries_.back().key);
        entries_.pop_back();
      }
      entries_.push_front(Entry{key, {}});
      entry = entries_.begin();
      index_.emplace(entry->key, entry);
    } else {
      entry = found->second;
      entries_.splice(entries_.begin(), entries_, entry);
    }
    std::vector<Timestamp>& events = entry->events;
    Timestamp cutoff = at - limit_.window;
    events.erase(events.begin(), std::find_if(events.begin(), events.end(),
                                              [&](Timestamp t) { return t > cutoff; }));
    events.push_back(at);
    if (events.size() > static_cast<size_t>(limit_.max_events)) events.erase(events.begin());
  }

  // Takes back one event counted at `at`, if it is still counted.
  void Remove(const std::string& key, Timestamp at) {
    auto found = index_.find(key);
    if (found == index_.end()) return;
    std::vector<Timestamp>& events = found->second->events;
    auto event = std::find(events.begin(), events.end(), at);
    if (event != events.end()) events.erase(event);
  }

  void Clear(const std::string& key) {
    auto found = index_.find(key);
    if (found == index_.end()) return;
    entries_.erase(found->second);
    index_.erase(found);
  }

 private:
  struct Entry {
    std::string key;
    std::vector<Timestamp> events;  // Oldest first; at most max_events.
  };

  RateLimit limit_;
  size_t max_keys_;
  std::list<Entry> entries_;  // Most recently counted first.
  // Views into the keys of entries_, whose nodes never move.
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
};

struct LoginThrottle::Counters {
  explicit Counters(const LoginThrottleOptions& options)
      : per_login_and_ip(options.per_login_and_ip, options.max_tracked_keys),
        per_ip(options.per_ip, options.max_tracked_keys),
        per_login(options.per_login, options.max_tracked_keys),
        per_device(options.per_device, options.max_tracked_keys),
        per_member_reauthentication(options.per_member_reauthentication, options.max_tracked_keys),
        signups_per_login(options.signups_per_login, options.max_tracked_keys),
        signups_per_ip(options.signups_per_ip, options.max_tracked_keys) {}

  WindowCounter per_login_and_ip;
  WindowCounter per_ip;
  WindowCounter per_login;
  WindowCounter per_device;
  WindowCounter per_member_reauthentication;
  WindowCounter signups_per_login;
  WindowCounter signups_per_ip;
};

LoginThrottle::LoginThrottle(const Clock& clock, LoginThrottleOptions options)
    : clock_(clock), counters_(std::make_unique<Counters>(options)) {}

LoginThrottle::~LoginThrottle() = default;

Result<LoginThrottle::Admission> LoginThrottle::AdmitLogin(std::string_view login,
                                                           std::string_view ip,
                                                           std::string_view device) {
  Admission admission;
  admission.login_ = BoundedKey(login);
  admission.client_ = ClientKey(ip);
  admission.device_ = BoundedKey(device);
  admission.at_ = clock_.Now();
  std::string pair = PairKey(admission.login_, admission.client_);

  std::lock_guard lock(mutex_);
  Counters& c = *counters_;
  std::chrono::seconds wait = std::max(c.per_login_and_ip.Wait(pair, admission.at_),
                                       c.per_ip.Wait(admission.client_, admission.at_));
  wait = std::max(wait, admission.device_.empty()
                            ? c.per_login.Wait(admission.login_, admission.at_)
                            : c.per_device.Wait(admission.device_, admission.at_));
  if (wait.count() > 0) return Throttled(wait);

  c.per_login_and_ip.Add(pair, admission.at_);
  c.per_ip.Add(admission.client_, admission.at_);
  if (admission.device_.empty()) {
    c.per_login.Add(admission.login_, admission.at_);
  } else {
    c.per_device.Add(admission.device_, admission.at_);
  }
  return admission;
}

Result<LoginThrottle::Admission> LoginThrottle::AdmitReauthentication(MemberId member) {
  Admission admission;
  admission.reauthentication_ = true;
  admission.login_ = member.ToString();
  admission.at_ = clock_.Now();

  std::lock_guard lock(mutex_);
  WindowCounter& counter = counters_->per_member_reauthentication;
  std::chrono::seconds wait = counter.Wait(admission.login_, admission.at_);
  if (wait.count() > 0) return Throttled(wait);
  counter.Add(admission.login_, admission.at_);
  return admission;
}

void LoginThrottle::Forgive(const Admission& admission) {
  std::lock_guard lock(mutex_);
  Counters& c = *counters_;
  if (admission.reauthentication_) {
    c.per_member_reauthentication.Remove(admission.login_, admission.at_);
    return;
  }
  c.per_login_and_ip.Clear(PairKey(admission.login_, admission.client_));
  c.per_ip.Remove(admission.client_, admission.at_);
  if (admission.device_.empty()) {
    c.per_login.Remove(admission.login_, admission.at_);
  } else {
    c.per_device.Remove(admission.device_, admission.at_);
  }
}

Result<void> LoginThrottle::AdmitSignup(std::string_view login, std::string_view ip) {
  std::string login_key = BoundedKey(login);
  std::string client = ClientKey(ip);
  Timestamp now = clock_.Now();

  std::lock_guard lock(mutex_);
  Counters& c = *counters_;
  std::chrono::seconds wait =
      std::max(c.signups_per_login.Wait(login_key, now), c.signups_per_ip.Wait(client, now));
  if (wait.count() > 0) return Throttled(wait);
  c.signups_per_login.Add(login_key, now);
  c.signups_per_ip.Add(client, now);
  return Ok();
}

}  // namespace enishi::accounts
