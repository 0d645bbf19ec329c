#pragma once
// Which peers may speak for the client through X-Forwarded-For / X-Forwarded-Proto, and the
// walk that finds the real client behind them. Plain C++ (no sockets), so it is unit-tested
// on its own. Immutable after Parse(); safe to share between threads.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace enishi::http {

class TrustedProxies {
 public:
  // Trusts nobody.
  TrustedProxies() = default;

  // Each entry is an IPv4 or IPv6 address ("10.0.0.7", "::1") or a CIDR range
  // ("10.0.0.0/8", "fd00::/8"); host bits below the prefix are ignored.
  // kInvalidArgument naming the first entry that is neither.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& entries);

  // Whether `ip` is a trusted proxy; false for anything that is not an IP address.
  // IPv4-mapped IPv6 addresses ("::ffff:10.0.0.7") match IPv4 entries.
  bool Contains(std::string_view ip) const;

  // The client address for a request from `peer_ip` carrying `forwarded_for` (every
  // X-Forwarded-For value joined with commas, or empty). From an untrusted peer that is the
  // peer itself. From a trusted one, the list is walked from the right, skipping trusted
  // addresses; the first untrusted address is the client. The walk stops at an entry that is
  // not a bare IP address (ports are not accepted) and keeps the last good one, so a forged
  // value can never become the result. Addresses come back in canonical text form.
  std::string ClientIp(std::string_view peer_ip, std::string_view forwarded_for) const;

 private:
  // IPv4 is held as IPv4-mapped IPv6, so one comparison covers both families.
  using Address = std::array<uint8_t, 16>;
  struct Range {
    Address network;
    int prefix_bits;
  };

  static std::optional<Address> ParseAddress(std::string_view text);
  static std::string FormatAddress(const Address& address);
  bool Contains(const Address& address) const;

  std::vector<Range> ranges_;
};

}  // namespace enishi::http
