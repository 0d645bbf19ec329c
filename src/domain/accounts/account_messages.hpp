#pragma once
// The messages the accounts module sends to a login, in Japanese, Simplified Chinese and
// English. Every text lives in one table in account_messages.cpp. Pure; thread-safe.

#include <chrono>
#include <string_view>

#include "core/clock.hpp"
#include "domain/accounts/account.hpp"
#include "domain/mail/mail.hpp"

namespace enishi::accounts {

enum class AccountMessage {
  kSignupCode,             // The one-time code for a new sign-up.
  kSignupOnExistingLogin,  // Someone tried to sign up with a login that has an account.
  kPasswordChanged,        // The password was changed and other sessions ended.
};

struct MessageParams {
  std::string_view code;            // kSignupCode only.
  std::chrono::minutes code_ttl{};  // kSignupCode only.
};

// `message` in `locale` ("ja", "zh-Hans" or "en"; English for anything else), addressed to
// `login` by email or SMS according to `kind`.
mail::Message ComposeMessage(AccountMessage message, std::string_view locale,
                             std::string_view login, LoginKind kind, const MessageParams& params,
                             Timestamp now);

}  // namespace enishi::accounts
