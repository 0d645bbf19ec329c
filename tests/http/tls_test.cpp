#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>

#include "http/server.hpp"
#include "http/test_client.hpp"

namespace enishi::http {
namespace {

using testing::TestClient;
using testing::TestServer;

// A self-signed P-256 certificate for "localhost" and its key, as PEM files in a scratch
// directory that is removed with the object.
class SelfSignedCertificate {
 public:
  SelfSignedCertificate()
      : dir_(std::filesystem::temp_directory_path() /
             ("enishi_tls_test_" + std::to_string(getpid()) + "_" + std::to_string(counter_++))) {
    std::filesystem::create_directories(dir_);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> certificate(X509_new(), X509_free);
    ok_ = key && certificate;
    if (!ok_) return;
    X509* x509 = certificate.get();
    ASN1_INTEGER_set(X509_get_serialNumber(x509), 1);
    X509_gmtime_adj(X509_getm_notBefore(x509), -60);
    X509_gmtime_adj(X509_getm_notAfter(x509), 3600);
    X509_set_pubkey(x509, key.get());
    X509_NAME* name = X509_get_subject_name(x509);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(x509, name);
    ok_ = X509_sign(x509, key.get(), EVP_sha256()) > 0 &&
          WritePem(certificate_file(), [&](FILE* f) { return PEM_write_X509(f, x509); }) &&
          WritePem(private_key_file(), [&](FILE* f) {
            return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
          });
  }
  ~SelfSignedCertificate() { std::filesystem::remove_all(dir_); }

  bool ok() const { return ok_; }
  std::string certificate_file() const { return (dir_ / "cert.pem").string(); }
  std::string private_key_file() const { return (dir_ / "key.pem").string(); }

 private:
  template <class Write>
  static bool WritePem(const std::string& path, Write write) {
    FILE* file = std::fopen(path.c_str(), "w");
    if (file == nullptr) return false;
    bool written = write(file) == 1;
    return std::fclose(file) == 0 && written;
  }

  static inline std::atomic<int> counter_{0};
  std::filesystem::path dir_;
  bool ok_ = false;
};

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
