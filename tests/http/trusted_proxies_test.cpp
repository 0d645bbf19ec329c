#include "http/trusted_proxies.hpp"

#include <gtest/gtest.h>

#include <mutex>

#include "http/test_client.hpp"

namespace enishi::http {
namespace {

TrustedProxies ParseOrDie(const std::vector<std::string>& entries) {
  Result<TrustedProxies> proxies = TrustedProxies::Parse(entries);
  EXPECT_TRUE(proxies) << proxies.error().message;
  return proxies ? *proxies : TrustedProxies();
}

TEST(TrustedProxies, MatchesExactAddressesAndCidrRanges) {
  TrustedProxies proxies = ParseOrDie(
      {"10.0.0.0/8", "192.168.1.7", "172.16.0.0/12", "2001:db8::/32", "::1", "100.64.1.2/16"});
  struct Case {
    const char* ip;
    bool trusted;
  };
  const Case cases[] = {
      {"10.255.1.2", true},
      {"11.0.0.1", false},
      {"192.168.1.7", true},
      {"192.168.1.8", false},
      {"172.31.255.255", true},
      {"172.32.0.0", false},
      {"2001:db8:1::5", true},
      {"2001:db9::1", false},
      {"::1", true},
      {"::2", false},
      {"::ffff:10.1.2.3", true},  // IPv4-mapped IPv6 matches the IPv4 range.
      {"100.64.200.1", true},     // Host bits below the prefix are ignored.
      {"not an ip", false},
      {"", false},
      {"10.0.0.1:80", false},
      {"010.0.0.1", false},
  };
  for (const Case& c : cases) EXPECT_EQ(proxies.Contains(c.ip), c.trusted) << c.ip;
}

TEST(TrustedProxies, EmptyTrustsNobody) {
  TrustedProxies proxies;
  EXPECT_FALSE(proxies.Contains("127.0.0.1"));
  EXPECT_EQ(proxies.ClientIp("127.0.0.1", "198.51.100.1"), "127.0.0.1");
}

TEST(TrustedProxies, RejectsEntriesThatAreNotAddressesOrRanges) {
  for (const char* entry : {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x",
                            "example.com", "", "10.0.0.256", "1.2.3.4/ 8", "/8"}) {
    Result<TrustedProxies> proxies = TrustedProxies::Parse({"127.0.0.1", entry});
    ASSERT_FALSE(proxies) << entry;
    EXPECT_EQ(proxies.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(proxies.error().message.find(std::string("\"") + entry + "\""), std::string::npos)
        << proxies.error().message;
  }
}

TEST(TrustedProxies, ClientIpWalksForwardedForFromTheRight) {
  TrustedProxies proxies = ParseOrDie({"10.0.0.0/8", "127.0.0.1"});
  struct Case {
    const char* peer;
    const char* forwarded_for;
    const char* client;
  };
  const Case cases[] = {
      {"203.0.113.9", "198.51.100.1", "203.0.113.9"},  // Untrusted peer: header ignored.
      {"127.0.0.1", "", "127.0.0.1"},
      {"127.0.0.1", "198.51.100.1", "198.51.100.1"},
      {"127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.5", "198.51.100.1"},  // Left part forged.
      {"10.0.0.2", "10.0.0.3,10.0.0.4", "10.0.0.3"},        // All trusted: the leftmost.
      {"127.0.0.1", "198.51.100.1, garbage", "127.0.0.1"},  // Stops at junk, keeps last good.
      {"127.0.0.1", "garbage, 10.0.0.9", "10.0.0.9"},
      {"127.0.0.1", "198.51.100.1:4711", "127.0.0.1"},   // Ports are not accepted.
      {"127.0.0.1", "198.51.100.1,, ", "198.51.100.1"},  // Empty entries are skipped.
      {"127.0.0.1", " 2001:DB8:0::1 ", "2001:db8::1"},   // Canonical text form.
      {"::ffff:127.0.0.1", "::ffff:198.51.100.1", "198.51.100.1"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(proxies.ClientIp(c.peer, c.forwarded_for), c.client)
        << c.peer << " / " << c.forwarded_for;
  }
}

// The same rules end to end: X-Forwarded-For and X-Forwarded-Proto count only from a peer
// listed in ServerOptions::trusted_proxies.
TEST(TrustedProxies, ServerHonoursForwardedHeadersOnlyFromTrustedPeers) {
  for (bool trusted : {false, true}) {
    SCOPED_TRACE(trusted ? "trusted peer" : "untrusted peer");
    std::mutex mutex;
    api::Request seen;
    ServerOptions options;
    if (trusted) options.trusted_proxies = {"127.0.0.1", "10.0.0.0/8"};
    testing::TestServer server(options, [&](api::Request& request) {
      std::lock_guard lock(mutex);
      seen = request;
      return api::Response();
    });
    ASSERT_TRUE(server.ok());
    auto response = testing::Fetch(server.port(), "GET", "/",
                                   {{"X-Forwarded-For", "6.6.6.6, 203.0.113.7"},
                                    {"X-Forwarded-For", "10.1.2.3"},
                                    {"X-Forwarded-Proto", "https"}});
    ASSERT_TRUE(response);
    std::lock_guard lock(mutex);
    EXPECT_EQ(seen.client_ip, trusted ? "203.0.113.7" : "127.0.0.1");
    EXPECT_EQ(seen.secure, trusted);
  }
}

}  // namespace
}  // namespace enishi::http
