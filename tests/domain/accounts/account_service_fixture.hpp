#pragma once
// The fixture of the AccountService tests: a real in-memory SQLite store behind FaultyStore
// (which also records every repository call), the outbox as mailer, a FakeClock, and a
// password hasher that counts its Argon2id calls at a cheap cost.

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "crypto/random.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/mail/outbox_mailer.hpp"
#include "support/fake_clock.hpp"
#include "support/faulty_store.hpp"
#include "support/test_store.hpp"

namespace enishi::accounts {

// Cheap Argon2id parameters so the suite stays fast; production uses PasswordCost{}.
inline constexpr crypto::PasswordCost kTestCost{1, 8 * 1024};

class CountingHasher final : public PasswordHasher {
 public:
  Result<std::string> Hash(std::string_view password) override {
    ++hashes;
    return inner_.Hash(password);
  }
  bool Verify(std::string_view password, std::string_view encoded_hash) override {
    ++verifies;
    return inner_.Verify(password, encoded_hash);
  }

  std::atomic<int> hashes{0};
  std::atomic<int> verifies{0};

 private:
  Argon2idHasher inner_{kTestCost};
};

class AccountServiceTest : public ::testing::Test {
 protected:
  static constexpr std::string_view kPassword = "kiri no naka no shiro";

  void SetUp() override {
    ASSERT_TRUE(crypto::Initialize());
    auto hasher = std::make_unique<CountingHasher>();
    hasher_ = hasher.get();
    service_ = std::make_unique<AccountService>(store_.accounts(), mailer_, clock_, Options(),
                                                std::move(hasher));
  }

  // Overridden by tests that need other limits.
  virtual AccountServiceOptions Options() const {
    AccountServiceOptions options;
    options.password_cost = kTestCost;
    return options;
  }

  static ClientInfo Client(std::string ip = "192.0.2.1", std::string device_token = {}) {
    return {std::move(ip), "Mozilla/5.0 (test)", std::move(device_token)};
  }

  SignupRequest Signup(std::string login, std::string locale = "en") const {
    return {std::move(login), std::string(kPassword), "Tanaka Hanako", std::move(locale)};
  }

  std::vector<mail::Message> Outbox() {
    auto messages = store_.inner().outbox().ListRecent(1000);
    EXPECT_TRUE(messages);
    return messages ? *messages : std::vector<mail::Message>{};
  }

  // The six-digit code in the newest message, if it holds one.
  std::optional<std::string> LastCode() {
    auto messages = Outbox();
    if (messages.empty()) return std::nullopt;
    std::smatch match;
    static const std::regex kCode("\\b[0-9]{6}\\b");
    if (!std::regex_search(messages.back().body, match, kCode)) return std::nullopt;
    return match.str();
  }

  // Signs `login` up all the way and returns the first session.
  IssuedSession CreateAccount(const std::string& login, std::string locale = "en") {
    EXPECT_TRUE(service_->StartSignup(Signup(login, std::move(locale)), Client()));
    auto code = LastCode();
    EXPECT_TRUE(code);
    auto issued = service_->VerifySignup(login, code.value_or(""), SessionKind::kBrowser, Client());
    EXPECT_TRUE(issued) << issued.error().message;
    return std::move(issued).value();
  }

  // The repository calls made since `from` (an earlier size of calls()).
  std::vector<std::string> CallsSince(size_t from) {
    auto calls = store_.calls();
    return {calls.begin() + static_cast<std::ptrdiff_t>(from), calls.end()};
  }

  testing::FakeClock clock_;
  testing::FaultyStore store_{testing::MakeTestStore()};
  mail::OutboxMailer mailer_{store_.outbox()};
  CountingHasher* hasher_ = nullptr;  // Owned by service_.
  std::unique_ptr<AccountService> service_;
};

}  // namespace enishi::accounts
