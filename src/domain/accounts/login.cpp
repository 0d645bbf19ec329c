#include "domain/accounts/login.hpp"

#include <optional>

#include "domain/accounts/text.hpp"

namespace enishi::accounts {
namespace {

constexpr size_t kMaxLocalPartLength = 64;
constexpr size_t kMaxDomainLabelLength = 63;

Error InvalidLogin() {
  return InvalidArgument(
      "login must be an email address or a mobile number with its country code (+81 ...)", "login");
}

bool IsLocalPartChar(char c) {
  constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || kSpecials.find(c) != kSpecials.npos;
}

bool IsValidLocalPart(std::string_view local) {
  if (local.empty() || local.size() > kMaxLocalPartLength) return false;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != local.npos) return false;
  for (char c : local) {
    if (c != '.' && !IsLocalPartChar(c)) return false;
  }
  return true;
}

bool IsValidDomain(std::string_view domain) {
  int labels = 0;
  bool last_label_all_digits = false;
  while (true) {
    size_t dot = domain.find('.');
    std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > kMaxDomainLabelLength) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    last_label_all_digits = true;
    for (char c : label) {
      bool digit = c >= '0' && c <= '9';
      if (!digit && !(c >= 'a' && c <= 'z') && c != '-') return false;
      last_label_all_digits = last_label_all_digits && digit;
    }
    ++labels;
    if (dot == domain.npos) break;
    domain.remove_prefix(dot + 1);
  }
  // A numeric top-level label would be an IP address, which is not a mailbox we can verify.
  return labels >= 2 && !last_label_all_digits;
}

std::optional<std::string> NormaliseEmail(std::u32string_view text) {
  std::string address;
  address.reserve(text.size());
  for (char32_t c : text) {
    // Internationalised addresses are rare among our members and invite look-alike logins.
    if (c <= U' ' || c >= 0x7F) return std::nullopt;
    address += AsciiLower(static_cast<char>(c));
  }
  if (address.size() > kMaxEmailLength) return std::nullopt;
  size_t at = address.find('@');
  if (at == address.npos || address.find('@', at + 1) != address.npos) return std::nullopt;
  if (!IsValidLocalPart(std::string_view(address).substr(0, at)) ||
      !IsValidDomain(std::string_view(address).substr(at + 1))) {
    return std::nullopt;
  }
  return address;
}

bool IsPhoneSeparator(char32_t c) { return c == U' ' || c == U'-' || c == 0x3000 || c == 0xFF0D; }

// REQUIRES: NarrowDigitOrPlus(text.front()) == '+'.
std::optional<std::string> NormalisePhone(std::u32string_view text) {
  std::string number = "+";
  for (char32_t c : text.substr(1)) {
    c = NarrowDigitOrPlus(c);
    if (c >= U'0' && c <= U'9') {
      number += static_cast<char>(c);
    } else if (!IsPhoneSeparator(c)) {
      return std::nullopt;
    }
  }
  int digits = static_cast<int>(number.size()) - 1;
  if (digits < kMinPhoneDigits || digits > kMaxPhoneDigits || number[1] == '0') {
    return std::nullopt;
  }
  return number;
}

}  // namespace

Result<NormalisedLogin> NormaliseLogin(std::string_view input) {
  auto decoded = DecodeUtf8(input);
  if (!decoded) return InvalidLogin();
  std::u32string_view text = Trim(*decoded);
  if (text.empty()) return InvalidLogin();
  if (NarrowDigitOrPlus(text.front()) == U'+') {
    auto phone = NormalisePhone(text);
    if (!phone) return InvalidLogin();
    return NormalisedLogin{std::move(*phone), LoginKind::kPhone};
  }
  auto email = NormaliseEmail(text);
  if (!email) return InvalidLogin();
  return NormalisedLogin{std::move(*email), LoginKind::kEmail};
}

}  // namespace enishi::accounts
