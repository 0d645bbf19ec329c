#include "domain/accounts/device_token.hpp"

#include "crypto/hash.hpp"
#include "crypto/random.hpp"

namespace enishi::accounts {
namespace {

constexpr size_t kNonceBytes = 16;
constexpr size_t kKeyBytes = 32;
// Separates these MACs from any other use of the same key.
constexpr std::string_view kDomain = "enishi device token v1|";

}  // namespace

DeviceTokens::DeviceTokens(std::string key)
    : key_(key.empty() ? crypto::RandomToken(kKeyBytes) : std::move(key)) {}

std::string DeviceTokens::Issue(MemberId member) const {
  std::string payload = member.ToString() + "." + crypto::RandomToken(kNonceBytes);
  return payload + "." + Sign(payload);
}

std::optional<std::string> DeviceTokens::Verify(std::string_view token, MemberId member) const {
  size_t last_dot = token.rfind('.');
  if (last_dot == token.npos) return std::nullopt;
  std::string_view payload = token.substr(0, last_dot);
  // The MAC first: only genuine tokens reach the comparison of member ids, so its timing says
  // nothing about an account's id to someone forging tokens.
  if (!crypto::ConstantTimeEquals(token.substr(last_dot + 1), Sign(payload))) return std::nullopt;
  size_t first_dot = payload.find('.');
  if (first_dot == payload.npos || payload.substr(0, first_dot) != member.ToString()) {
    return std::nullopt;
  }
  return std::string(payload.substr(first_dot + 1));
}

std::string DeviceTokens::Sign(std::string_view payload) const {
  std::string message(kDomain);
  message += payload;
  return crypto::HmacSha256Hex(key_, message);
}

}  // namespace enishi::accounts
