#pragma once
// Uploaded images (profile photos, persona avatars). An upload is never stored as sent: it is
// decoded, resized, re-encoded and stripped of metadata (camera, GPS) by an ImageProcessor.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace enishi::media {

// The largest upload accepted, before decoding.
inline constexpr size_t kMaxUploadBytes = 5 * 1024 * 1024;
// Stored images fit in a square of this side.
inline constexpr int kMaxImageSide = 1024;

struct Image {
  ImageId id;
  std::string content_type;  // "image/jpeg" or "image/webp"...
  std::string bytes;
  Timestamp created_at;
};

// Decodes and re-encodes images. Thread-safe.
class ImageProcessor {
 public:
  virtual ~ImageProcessor() = default;
  // `upload` as a clean image: JPEG, PNG or WebP in, resized to fit kMaxImageSide, without any
  // metadata. kInvalidArgument (field "image") when it is not such an image, is larger than
  // kMaxUploadBytes, or has absurd dimensions.
  virtual Result<Image> Normalize(std::string_view upload) = 0;
};

// The storage port for images. Thread-safe.
class ImageRepository {
 public:
  virtual ~ImageRepository() = default;
  virtual Result<void> Put(const Image& image) = 0;
  virtual Result<std::optional<Image>> Find(ImageId id) = 0;
  // No-op when absent.
  virtual Result<void> Delete(ImageId id) = 0;
};

}  // namespace enishi::media
