#pragma once
// A self-signed certificate for TLS tests of http::Server. OpenSSL stays inside
// test_certificate.cpp.

#include <filesystem>
#include <string>

namespace enishi::http::testing {

// A self-signed P-256 certificate for "localhost" and its key, as PEM files in a scratch
// directory that is removed with the object. Check ok() before use.
class SelfSignedCertificate {
 public:
  SelfSignedCertificate();
  ~SelfSignedCertificate();
  SelfSignedCertificate(const SelfSignedCertificate&) = delete;
  SelfSignedCertificate& operator=(const SelfSignedCertificate&) = delete;

  bool ok() const { return ok_; }
  std::string certificate_file() const { return (dir_ / "cert.pem").string(); }
  std::string private_key_file() const { return (dir_ / "key.pem").string(); }

 private:
  std::filesystem::path dir_;
  bool ok_ = false;
};

}  // namespace enishi::http::testing
