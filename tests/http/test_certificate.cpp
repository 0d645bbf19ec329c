#include "http/test_certificate.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>

namespace enishi::http::testing {
namespace {

std::atomic<int> certificate_counter{0};

template <class Write>
bool WritePem(const std::string& path, Write write) {
  FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) return false;
  bool written = write(file) == 1;
  return std::fclose(file) == 0 && written;
}

}  // namespace

SelfSignedCertificate::SelfSignedCertificate()
    : dir_(std::filesystem::temp_directory_path() / ("enishi_tls_test_" + std::to_string(getpid()) +
                                                     "_" + std::to_string(certificate_counter++))) {
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

SelfSignedCertificate::~SelfSignedCertificate() { std::filesystem::remove_all(dir_); }

}  // namespace enishi::http::testing
