#include "http/trusted_proxies.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace enishi::http {
namespace {

constexpr std::array<uint8_t, 12> kIpv4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
constexpr int kIpv4MappedBits = 96;

std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

bool IsIpv4Mapped(const std::array<uint8_t, 16>& address) {
  return std::equal(kIpv4MappedPrefix.begin(), kIpv4MappedPrefix.end(), address.begin());
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& entries) {
  TrustedProxies proxies;
  for (const std::string& entry : entries) {
    auto invalid = [&] {
      return InvalidArgument("trusted proxy \"" + entry + "\" is not an IP address or CIDR range",
                             "trusted_proxies");
    };
    std::string_view text = entry;
    size_t slash = text.find('/');
    std::string_view address_text = text.substr(0, slash);
    std::optional<Address> address = ParseAddress(address_text);
    if (!address) return invalid();
    // IPv4 prefixes count within the IPv4-mapped block; without a prefix an entry is one host.
    bool is_ipv4 = address_text.find(':') == std::string_view::npos;
    int max_bits = is_ipv4 ? 32 : 128;
    int bits = max_bits;
    if (slash != std::string_view::npos) {
      std::string_view digits = text.substr(slash + 1);
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || bits < 0 ||
          bits > max_bits) {
        return invalid();
      }
    }
    if (is_ipv4) bits += kIpv4MappedBits;
    proxies.ranges_.push_back({*address, bits});
  }
  return proxies;
}

bool TrustedProxies::Contains(std::string_view ip) const {
  std::optional<Address> address = ParseAddress(ip);
  return address && Contains(*address);
}

std::string TrustedProxies::ClientIp(std::string_view peer_ip,
                                     std::string_view forwarded_for) const {
  std::optional<Address> peer = ParseAddress(peer_ip);
  if (!peer) return std::string(peer_ip);
  Address client = *peer;
  // Each trusted hop appended the address it received from; the rightmost untrusted one is
  // the first that no trusted party vouches for, so anything left of it may be forged.
  std::string_view rest = forwarded_for;
  while (Contains(client) && !rest.empty()) {
    size_t comma = rest.rfind(',');
    std::string_view entry = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (entry.empty()) continue;
    std::optional<Address> hop = ParseAddress(entry);
    if (!hop) break;
    client = *hop;
  }
  return FormatAddress(client);
}

std::optional<TrustedProxies::Address> TrustedProxies::ParseAddress(std::string_view text) {
  // inet_pton needs a terminated string; anything longer than an IPv6 text form is invalid.
  char buffer[INET6_ADDRSTRLEN] = {};
  if (text.empty() || text.size() >= sizeof buffer) return std::nullopt;
  std::copy(text.begin(), text.end(), buffer);
  Address address{};
  if (inet_pton(AF_INET, buffer, address.data() + kIpv4MappedPrefix.size()) == 1) {
    std::copy(kIpv4MappedPrefix.begin(), kIpv4MappedPrefix.end(), address.begin());
    return address;
  }
  if (inet_pton(AF_INET6, buffer, address.data()) == 1) return address;
  return std::nullopt;
}

std::string TrustedProxies::FormatAddress(const Address& address) {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (IsIpv4Mapped(address)) {
    inet_ntop(AF_INET, address.data() + kIpv4MappedPrefix.size(), buffer, sizeof buffer);
  } else {
    inet_ntop(AF_INET6, address.data(), buffer, sizeof buffer);
  }
  return buffer;
}

bool TrustedProxies::Contains(const Address& address) const {
  return std::any_of(ranges_.begin(), ranges_.end(), [&](const Range& range) {
    int full_bytes = range.prefix_bits / 8;
    if (!std::equal(range.network.begin(), range.network.begin() + full_bytes, address.begin())) {
      return false;
    }
    int rest_bits = range.prefix_bits % 8;
    if (rest_bits == 0) return true;
    auto mask = static_cast<uint8_t>(0xff << (8 - rest_bits));
    return (range.network[full_bytes] & mask) == (address[full_bytes] & mask);
  });
}

}  // namespace enishi::http
