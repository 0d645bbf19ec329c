#include "crypto/random.hpp"

#include <sodium.h>

#include <array>

#include "core/check.hpp"

namespace enishi::crypto {
namespace {

constexpr size_t kTagPoolBytes = 4096;
constexpr size_t kMaxTagBytes = 64;

std::string Base64Url(const unsigned char* raw, size_t bytes) {
  std::string encoded(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                      '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), raw, bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.resize(encoded.find('\0'));
  return encoded;
}

// Random bytes handed out in order, each once; filled on first use.
struct TagPool {
  std::array<unsigned char, kTagPoolBytes> bytes;
  size_t used = kTagPoolBytes;
};

}  // namespace

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
  std::string encoded = Base64Url(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  sodium_memzero(raw.data(), raw.size());
  return encoded;
}

std::string RandomTag(size_t bytes) {
  ENISHI_CHECK(bytes > 0 && bytes <= kMaxTagBytes, "RandomTag takes 1 to 64 bytes");
  // randombytes_buf is a getrandom() call each time; one per 4 KiB costs next to nothing.
  thread_local TagPool pool;
  if (kTagPoolBytes - pool.used < bytes) {
    randombytes_buf(pool.bytes.data(), pool.bytes.size());
    pool.used = 0;
  }
  std::string tag = Base64Url(pool.bytes.data() + pool.used, bytes);
  pool.used += bytes;
  return tag;
}

std::string RandomDigits(int digits) {
  std::string out;
  out.reserve(static_cast<size_t>(digits));
  for (int i = 0; i < digits; ++i) out += static_cast<char>('0' + randombytes_uniform(10));
  return out;
}

}  // namespace enishi::crypto
