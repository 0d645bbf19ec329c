#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "http/server.hpp"
#include "http/test_certificate.hpp"
#include "http/test_client.hpp"

namespace enishi::http {
namespace {

using testing::SelfSignedCertificate;
using testing::TestClient;
using testing::TestServer;

TEST(Tls, RoundTripOverTls) {
  SelfSignedCertificate certificate;
  ASSERT_TRUE(certificate.ok());
  ServerOptions options;
  options.tls_certificate_file = certificate.certificate_file();
  options.tls_private_key_file = certificate.private_key_file();
  std::mutex mutex;
  std::vector<bool> secure;
  TestServer server(options, [&](api::Request& request) {
    std::lock_guard lock(mutex);
    secure.push_back(request.secure);
    api::Response response;
    response.body = "secret " + request.target;
    return response;
  });
  ASSERT_TRUE(server.ok());

  TestClient client(server.port(), /*tls=*/true);
  ASSERT_TRUE(client.connected());
  for (const char* target : {"/one", "/two"}) {  // Keep-alive over TLS.
    ASSERT_TRUE(client.Send("GET", target));
    auto response = client.Receive();
    ASSERT_TRUE(response) << target;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, std::string("secret ") + target);
  }
  std::lock_guard lock(mutex);
  EXPECT_EQ(secure, (std::vector<bool>{true, true}));
}

TEST(Tls, PlainHttpToTheTlsPortIsNotServed) {
  SelfSignedCertificate certificate;
  ASSERT_TRUE(certificate.ok());
  ServerOptions options;
  options.tls_certificate_file = certificate.certificate_file();
  options.tls_private_key_file = certificate.private_key_file();
  TestServer server(options, [](api::Request&) { return api::Response(); });
  ASSERT_TRUE(server.ok());
  TestClient plain(server.port());
  ASSERT_TRUE(plain.Send("GET", "/"));
  EXPECT_FALSE(plain.Receive());
  TestClient tls(server.port(), /*tls=*/true);  // The server is still serving.
  ASSERT_TRUE(tls.Send("GET", "/"));
  EXPECT_TRUE(tls.Receive());
}

TEST(Tls, StartFailsNamingTheBadFile) {
  SelfSignedCertificate certificate;
  SelfSignedCertificate other;
  ASSERT_TRUE(certificate.ok() && other.ok());
  struct Case {
    std::string certificate_file;
    std::string private_key_file;
    std::string named;
  };
  const std::string missing = "/nonexistent/enishi/cert.pem";
  const Case cases[] = {
      {missing, certificate.private_key_file(), missing},
      {certificate.certificate_file(), missing, missing},
      {certificate.certificate_file(), other.private_key_file(), other.private_key_file()},
      {certificate.certificate_file(), "", "tls_private_key_file"},
  };
  for (const Case& c : cases) {
    ServerOptions options;
    options.port = 0;
    options.tls_certificate_file = c.certificate_file;
    options.tls_private_key_file = c.private_key_file;
    auto started = Server::Start(options, [](api::Request&) { return api::Response(); });
    ASSERT_FALSE(started) << c.named;
    EXPECT_EQ(started.error().code, ErrorCode::kInvalidArgument);
    std::string named_in = started.error().message + " " + started.error().field;
    EXPECT_NE(named_in.find(c.named), std::string::npos) << named_in;
  }
}

}  // namespace
}  // namespace enishi::http
