#pragma once
// An ImageProcessor for API and domain tests, so they need no libvips: an upload that starts
// with the JPEG magic bytes FF D8 FF is "an image" and comes back unchanged as image/jpeg;
// anything else (empty, PNG, text, over media::kMaxUploadBytes) is refused as the real one
// refuses it, kInvalidArgument with field "image". Counts its calls. Thread-safe.

#include <atomic>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/media/image.hpp"

namespace enishi::testing {

// The smallest upload FakeImageProcessor takes; tests append whatever they want to find again.
inline constexpr std::string_view kJpegMagic = "\xFF\xD8\xFF";

// `payload` behind the JPEG magic: an "image" for FakeImageProcessor.
inline std::string FakeJpeg(std::string_view payload = "\xE0 fake jpeg") {
  return std::string(kJpegMagic) + std::string(payload);
}

class FakeImageProcessor final : public media::ImageProcessor {
 public:
  Result<media::Image> Normalize(std::string_view upload) override {
    calls_.fetch_add(1);
    if (upload.size() > media::kMaxUploadBytes) {
      return InvalidArgument("image is larger than 5 MiB", "image");
    }
    if (!upload.starts_with(kJpegMagic)) {
      return InvalidArgument("image is not a JPEG, PNG or WebP image", "image");
    }
    media::Image image;
    image.content_type = "image/jpeg";
    image.bytes = std::string(upload);
    return image;
  }

  int calls() const { return calls_.load(); }

 private:
  std::atomic<int> calls_{0};
};

}  // namespace enishi::testing
