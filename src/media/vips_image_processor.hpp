#pragma once
// media::ImageProcessor over libvips: the only code that includes vips headers (enforced by
// tools/check_layering.sh). Uploads are sniffed by their magic bytes (JPEG, PNG and WebP only),
// their header dimensions checked before any pixel is decoded (decompression bombs), then
// decoded strictly (truncated or corrupt data is an error, never a half-grey picture),
// rotated upright by their EXIF orientation, converted to sRGB, flattened onto white, shrunk
// to fit (never enlarged) and re-encoded as a baseline JPEG with no metadata at all (no EXIF,
// GPS, XMP, IPTC, ICC profile or comment).
//
// Thread-safety: Normalize may be called concurrently from any number of threads. libvips is
// initialised once per process (its operation cache off, one worker thread per call: requests
// already run in parallel) and never shut down. Normalize never crashes or aborts on hostile
// input; every failure is an error value.

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/result.hpp"
#include "domain/media/image.hpp"

namespace enishi::media {

struct VipsImageProcessorOptions {
  // Uploads whose header claims more pixels than this are refused before decoding: a 5 MiB
  // PNG of one colour can claim billions of pixels.
  int64_t max_pixels = 40'000'000;
  int max_side = kMaxImageSide;  // The output fits in a square of this side.
  int jpeg_quality = 85;
};

class VipsImageProcessor final : public ImageProcessor {
 public:
  // Initialises libvips for the process on first use. kInternal when libvips cannot start.
  static Result<std::unique_ptr<VipsImageProcessor>> Create(VipsImageProcessorOptions options = {});
  VipsImageProcessor(const VipsImageProcessor&) = delete;
  VipsImageProcessor& operator=(const VipsImageProcessor&) = delete;

  // See ImageProcessor. The result is "image/jpeg"; its id and created_at are left unset for
  // the caller. kInvalidArgument (field "image") for an empty upload, one over
  // kMaxUploadBytes, another format, absurd dimensions, or data that does not decode.
  Result<Image> Normalize(std::string_view upload) override;

 private:
  explicit VipsImageProcessor(VipsImageProcessorOptions options) : options_(options) {}

  const VipsImageProcessorOptions options_;
};

}  // namespace enishi::media
