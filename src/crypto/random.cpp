#include "crypto/random.hpp"

#include <sodium.h>

namespace enishi::crypto {

Result<void> Initialize() {
  if (sodium_init() < 0) return Internal("libsodium could not be initialised");
  return Ok();
}

uint64_t RandomIdValue() {
  constexpr uint64_t kMinimum = uint64_t{1} << 40;
  for (;;) {
    uint64_t value = 0;
    randombytes_buf(&value, sizeof value);
    value &= ~(uint64_t{1} << 63);
    if (value >= kMinimum) return value;
  }
}

std::string RandomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string encoded(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                      '\0');
  sodium_bin2base64(encoded.data(), encoded.size(),
                    reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.resize(encoded.find('\0'));
  sodium_memzero(raw.data(), raw.size());
  return encoded;
}

std::string RandomDigits(int digits) {
  std::string out;
  out.reserve(static_cast<size_t>(digits));
  for (int i = 0; i < digits; ++i) out += static_cast<char>('0' + randombytes_uniform(10));
  return out;
}

}  // namespace enishi::crypto
