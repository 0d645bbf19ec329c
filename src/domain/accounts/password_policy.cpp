#include "domain/accounts/password_policy.hpp"

#include <string>
#include <unordered_set>

#include "domain/accounts/common_passwords.hpp"
#include "domain/accounts/text.hpp"

namespace enishi::accounts {
namespace {

std::string AsciiLowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

const std::unordered_set<std::string_view>& CommonPasswords() {
  static const std::unordered_set<std::string_view> set(
      internal::kCommonPasswords, internal::kCommonPasswords + internal::kCommonPasswordCount);
  return set;
}

Error Refuse(PasswordProblem problem, std::string_view detail, std::string_view field) {
  std::string message(PasswordProblemName(problem));
  message += ": ";
  message += detail;
  return InvalidArgument(std::move(message), std::string(field));
}

}  // namespace

std::string_view PasswordProblemName(PasswordProblem problem) {
  switch (problem) {
    case PasswordProblem::kInvalidUtf8:
      return "invalid_utf8";
    case PasswordProblem::kTooShort:
      return "too_short";
    case PasswordProblem::kTooLong:
      return "too_long";
    case PasswordProblem::kMatchesAccount:
      return "matches_account";
    case PasswordProblem::kCommon:
      return "common";
  }
  return "invalid_utf8";
}

Result<void> CheckPassword(std::string_view password, std::string_view login,
                           std::string_view display_name, std::string_view field) {
  // The English after the reason code avoids the words "short" and "long" except in those two
  // reasons: older clients tell the reasons apart by matching them.
  auto code_points = DecodeUtf8(password);
  if (!code_points) {
    return Refuse(PasswordProblem::kInvalidUtf8, "password is not valid UTF-8 text", field);
  }
  if (code_points->size() < kMinPasswordLength) {
    return Refuse(PasswordProblem::kTooShort, "password must be at least 8 characters", field);
  }
  if (code_points->size() > kMaxPasswordLength) {
    return Refuse(PasswordProblem::kTooLong, "password must be at most 256 characters", field);
  }
  std::string lowered = AsciiLowercase(password);
  if (lowered == AsciiLowercase(login) || lowered == AsciiLowercase(display_name)) {
    return Refuse(PasswordProblem::kMatchesAccount,
                  "password must differ from the login and the display name", field);
  }
  if (CommonPasswords().contains(lowered)) {
    return Refuse(PasswordProblem::kCommon, "password is too common and easy to guess", field);
  }
  return Ok();
}

bool IsCommonPassword(std::string_view password) {
  return CommonPasswords().contains(AsciiLowercase(password));
}

}  // namespace enishi::accounts
