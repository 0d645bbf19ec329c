#include "domain/accounts/login_throttle.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "support/fake_clock.hpp"

namespace enishi::accounts {
namespace {

using std::chrono::seconds;

// Small limits, so that each is reached in a few attempts.
LoginThrottleOptions SmallLimits() {
  LoginThrottleOptions options;
  options.per_login_and_ip = {3, minutes(15)};
  options.per_ip = {5, minutes(15)};
  options.per_login = {6, hours(1)};
  options.per_device = {3, minutes(15)};
  options.per_member_reauthentication = {2, minutes(15)};
  options.signups_per_login = {2, hours(1)};
  options.signups_per_ip = {3, hours(1)};
  return options;
}

class LoginThrottleTest : public ::testing::Test {
 protected:
  // Admits `count` attempts, all of which must pass.
  void Fail(int count, std::string_view login, std::string_view ip, std::string_view device = {}) {
    for (int i = 0; i < count; ++i) {
      ASSERT_TRUE(throttle_.AdmitLogin(login, ip, device)) << login << " " << ip << " #" << i;
    }
  }
  // The retry_after of a refused attempt, or -1s when it was admitted.
  seconds Refusal(std::string_view login, std::string_view ip, std::string_view device = {}) {
    auto admitted = throttle_.AdmitLogin(login, ip, device);
    if (admitted) return seconds(-1);
    EXPECT_EQ(admitted.error().code, ErrorCode::kResourceExhausted);
    return admitted.error().retry_after;
  }

  testing::FakeClock clock_;
  LoginThrottle throttle_{clock_, SmallLimits()};
};

TEST_F(LoginThrottleTest, LimitsOneClientOnOneLoginUntilTheWindowPasses) {
  Fail(3, "alice@example.com", "192.0.2.1");
  EXPECT_EQ(Refusal("alice@example.com", "192.0.2.1"), minutes(15));
  clock_.Advance(minutes(5));
  EXPECT_EQ(Refusal("alice@example.com", "192.0.2.1"), minutes(10));
  // Another login from the same client, and the same login from another, still pass.
  Fail(1, "bob@example.com", "192.0.2.1");
  Fail(1, "alice@example.com", "198.51.100.7");
  clock_.Advance(minutes(10));
  Fail(1, "alice@example.com", "192.0.2.1");
}

TEST_F(LoginThrottleTest, LimitsOneClientAcrossLogins) {
  for (int i = 0; i < 5; ++i) Fail(1, "user" + std::to_string(i) + "@example.com", "192.0.2.1");
  EXPECT_GT(Refusal("someone@example.com", "192.0.2.1"), seconds(0));
  Fail(1, "someone@example.com", "198.51.100.7");
}

TEST_F(LoginThrottleTest, LimitsOneLoginAcrossClientsWithoutADeviceToken) {
  for (int i = 1; i <= 6; ++i) Fail(1, "victim@example.com", "192.0.2." + std::to_string(i));
  EXPECT_EQ(Refusal("victim@example.com", "203.0.113.9"), hours(1));
  // The owner's browser, holding a device token for the account, still gets in.
  Fail(1, "victim@example.com", "203.0.113.9", "owner-device");
  clock_.Advance(hours(1));
  Fail(1, "victim@example.com", "203.0.113.10");
}

TEST_F(LoginThrottleTest, LimitsEachDeviceTokenOnItsOwn) {
  Fail(1, "victim@example.com", "192.0.2.1", "stolen-device");
  Fail(1, "victim@example.com", "192.0.2.2", "stolen-device");
  Fail(1, "victim@example.com", "192.0.2.3", "stolen-device");
  EXPECT_GT(Refusal("victim@example.com", "192.0.2.4", "stolen-device"), seconds(0));
  Fail(1, "victim@example.com", "192.0.2.4", "owner-device");
  // Device-token failures do not count towards the per-login limit.
  for (int i = 10; i < 16; ++i) Fail(1, "victim@example.com", "192.0.2." + std::to_string(i));
}

TEST_F(LoginThrottleTest, ForgivenAttemptsDoNotCount) {
  Fail(2, "alice@example.com", "192.0.2.1");
  auto admitted = throttle_.AdmitLogin("alice@example.com", "192.0.2.1", {});
  ASSERT_TRUE(admitted);
  throttle_.Forgive(*admitted);
  // The client's earlier failures on this login are cleared as well...
  Fail(3, "alice@example.com", "192.0.2.1");
  EXPECT_GT(Refusal("alice@example.com", "192.0.2.1"), seconds(0));
  // ...but not its failures across logins: 2 + 3 of 5 are spent.
  EXPECT_GT(Refusal("other@example.com", "192.0.2.1"), seconds(0));
}

TEST_F(LoginThrottleTest, CountsAnIpv6NetworkAsOneClient) {
  Fail(3, "a@example.com", "2001:db8:1:2::1");
  Fail(2, "b@example.com", "2001:db8:1:2:aaaa:bbbb:cccc:dddd");
  EXPECT_GT(Refusal("c@example.com", "2001:db8:1:2::ffff"), seconds(0));
  Fail(1, "c@example.com", "2001:db8:1:3::1");
}

TEST_F(LoginThrottleTest, CountsAnIpv4MappedAddressAsItsIpv4Address) {
  Fail(3, "a@example.com", "::ffff:192.0.2.1");
  EXPECT_GT(Refusal("a@example.com", "192.0.2.1"), seconds(0));
}

TEST_F(LoginThrottleTest, ForgetsTheLeastRecentlyCountedKeyWhenFull) {
  LoginThrottleOptions options = SmallLimits();
  options.per_login_and_ip = {1, minutes(15)};
  options.max_tracked_keys = 2;
  LoginThrottle throttle(clock_, options);
  ASSERT_TRUE(throttle.AdmitLogin("a", "192.0.2.1", {}));
  ASSERT_FALSE(throttle.AdmitLogin("a", "192.0.2.1", {}));
  ASSERT_TRUE(throttle.AdmitLogin("b", "192.0.2.2", {}));
  ASSERT_TRUE(throttle.AdmitLogin("c", "192.0.2.3", {}));
  // "a" from 192.0.2.1 was the least recently counted pair and has been forgotten.
  EXPECT_TRUE(throttle.AdmitLogin("a", "192.0.2.1", {}));
}

TEST_F(LoginThrottleTest, ConcurrentAttemptsCannotSlipPastTheLimit) {
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        if (throttle_.AdmitLogin("alice@example.com", "192.0.2.1", {})) ++admitted;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(admitted, 3);
}

TEST_F(LoginThrottleTest, LimitsReauthenticationPerMember) {
  MemberId alice(1234567890123);
  ASSERT_TRUE(throttle_.AdmitReauthentication(alice));
  auto forgiven = throttle_.AdmitReauthentication(alice);
  ASSERT_TRUE(forgiven);
  throttle_.Forgive(*forgiven);
  ASSERT_TRUE(throttle_.AdmitReauthentication(alice));
  auto refused = throttle_.AdmitReauthentication(alice);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().retry_after, minutes(15));
  EXPECT_TRUE(throttle_.AdmitReauthentication(MemberId(9876543210987)));
}

TEST_F(LoginThrottleTest, LimitsSignupsPerLoginAndPerIp) {
  ASSERT_TRUE(throttle_.AdmitSignup("alice@example.com", "192.0.2.1"));
  ASSERT_TRUE(throttle_.AdmitSignup("alice@example.com", "192.0.2.2"));
  auto refused = throttle_.AdmitSignup("alice@example.com", "192.0.2.3");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(refused.error().retry_after, hours(1));

  ASSERT_TRUE(throttle_.AdmitSignup("bob@example.com", "192.0.2.1"));
  ASSERT_TRUE(throttle_.AdmitSignup("carol@example.com", "192.0.2.1"));
  EXPECT_FALSE(throttle_.AdmitSignup("dave@example.com", "192.0.2.1"));

  clock_.Advance(hours(1));
  EXPECT_TRUE(throttle_.AdmitSignup("alice@example.com", "192.0.2.1"));
}

}  // namespace
}  // namespace enishi::accounts
