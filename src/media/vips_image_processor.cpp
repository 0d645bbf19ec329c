#include "media/vips_image_processor.hpp"

#include <vips/vips.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "core/log.hpp"

namespace enishi::media {
namespace {

enum class Format { kJpeg, kPng, kWebp };

// By magic bytes, never by the Content-Type the client claims, and before libvips sees a byte:
// libvips can load many more formats (GIF, SVG, HEIF, TIFF, PDF...), each one more parser
// exposed to strangers.
std::optional<Format> Sniff(std::string_view data) {
  using namespace std::string_view_literals;
  if (data.starts_with("\xFF\xD8\xFF"sv)) return Format::kJpeg;
  if (data.starts_with("\x89PNG\r\n\x1A\n"sv)) return Format::kPng;
  if (data.size() >= 12 && data.starts_with("RIFF"sv) && data.substr(8, 4) == "WEBP"sv) {
    return Format::kWebp;
  }
  return std::nullopt;
}

// The loader libvips must pick for each format; anything else means the sniffing disagreed.
bool LoaderMatches(Format format, std::string_view loader) {
  switch (format) {
    case Format::kJpeg:
      return loader == "VipsForeignLoadJpegBuffer";
    case Format::kPng:
      return loader == "VipsForeignLoadPngBuffer" || loader == "VipsForeignLoadSpngBuffer";
    case Format::kWebp:
      return loader == "VipsForeignLoadWebpBuffer";
  }
  return false;
}

struct ImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using ImagePtr = std::unique_ptr<VipsImage, ImageUnref>;

// Replaces `image` by what `operation(in, &out)` makes of it; false when libvips failed.
template <class Operation>
bool Apply(ImagePtr& image, Operation&& operation) {
  VipsImage* out = nullptr;
  if (std::forward<Operation>(operation)(image.get(), &out) != 0) {
    if (out != nullptr) g_object_unref(out);
    return false;
  }
  image.reset(out);
  return true;
}

Error Refuse(std::string message) { return InvalidArgument(std::move(message), "image"); }

// libvips reports failures in a process-wide buffer; it goes to the debug log only, since it
// describes the attacker's bytes to no one who needs it.
Error Undecodable() {
  char* detail = vips_error_buffer_copy();  // Also clears the buffer.
  log::Write(log::Level::kDebug, "image_undecodable",
             {{"error", detail != nullptr ? std::string(detail) : std::string()}});
  g_free(detail);
  return Refuse("the image could not be decoded");
}

// libvips warns through GLib's log (to stderr by default), which would break our one JSON
// object per line; and a warning about a hostile file is not worth more than a debug line.
void LogVipsMessage(const gchar* /*domain*/, GLogLevelFlags /*level*/, const gchar* message,
                    gpointer /*user_data*/) {
  log::Write(log::Level::kDebug, "vips_message",
             {{"message", message != nullptr ? std::string(message) : std::string()}});
}

// Once per process; libvips is never shut down (other threads may still be using it).
bool InitialiseVips() {
  static std::once_flag once;
  static bool initialised = false;
  std::call_once(once, [] {
    if (VIPS_INIT("enishi") != 0) {
      char* detail = vips_error_buffer_copy();
      log::Error("vips_init_failed", {{"error", detail != nullptr ? detail : ""}});
      g_free(detail);
      return;
    }
    // Requests already run in parallel; one libvips worker per call keeps a burst of uploads
    // from multiplying threads and memory.
    vips_concurrency_set(1);
    // The operation cache would keep decoded uploads (personal photos) in memory, and never
    // helps: no two uploads are the same.
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    // Loaders libvips marks as unsafe on untrusted input stay off even if one were picked.
    vips_block_untrusted_set(TRUE);
    g_log_set_handler("VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK), LogVipsMessage,
                      nullptr);
    initialised = true;
  });
  return initialised;
}

}  // namespace

Result<std::unique_ptr<VipsImageProcessor>> VipsImageProcessor::Create(
    VipsImageProcessorOptions options) {
  if (!InitialiseVips()) return Internal("libvips could not be initialised");
  return std::unique_ptr<VipsImageProcessor>(new VipsImageProcessor(options));
}

Result<Image> VipsImageProcessor::Normalize(std::string_view upload) {
  if (upload.empty()) return Refuse("the image is empty");
  if (upload.size() > kMaxUploadBytes) {
    return Refuse("image too large: the limit is " + std::to_string(kMaxUploadBytes / 1024 / 1024) +
                  " MiB");
  }
  std::optional<Format> format = Sniff(upload);
  if (!format) return Refuse("not a JPEG, PNG or WebP image");
  const char* loader = vips_foreign_find_load_buffer(upload.data(), upload.size());
  if (loader == nullptr || !LoaderMatches(*format, loader)) {
    vips_error_clear();
    return Refuse("not a JPEG, PNG or WebP image");
  }
  // libvips takes a non-const pointer but only reads the buffer.
  void* data = const_cast<char*>(upload.data());

  // Opening reads the header only; no pixel is decoded before the dimensions are checked.
  ImagePtr header(vips_image_new_from_buffer(data, upload.size(), "", "access",
                                             VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR,
                                             nullptr));
  if (!header) return Undecodable();
  int64_t width = vips_image_get_width(header.get());
  int64_t height = vips_image_get_height(header.get());
  header.reset();
  if (width <= 0 || height <= 0 || width * height > options_.max_pixels) {
    return Refuse("image dimensions too large: " + std::to_string(width) + "x" +
                  std::to_string(height) + " pixels; the limit is " +
                  std::to_string(options_.max_pixels / 1'000'000) + " megapixels");
  }

  // Decodes (shrinking on load where the format allows), rotates upright by the EXIF
  // orientation, imports any embedded ICC profile and exports sRGB, and fits the result in
  // the square, never enlarging it. fail_on=error turns truncated or corrupt data into a
  // failure instead of a picture padded with grey.
  VipsImage* thumbnail = nullptr;
  if (vips_thumbnail_buffer(data, upload.size(), &thumbnail, options_.max_side, "height",
                            options_.max_side, "size", VIPS_SIZE_DOWN, "option_string",
                            "fail_on=error", nullptr) != 0) {
    if (thumbnail != nullptr) g_object_unref(thumbnail);
    return Undecodable();
  }
  ImagePtr image(thumbnail);
  // Greyscale, 16-bit and CMYK inputs all end as 8-bit sRGB (plus alpha, if any).
  if (!Apply(image, [](VipsImage* in, VipsImage** out) {
        return vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, nullptr);
      })) {
    return Undecodable();
  }
  if (vips_image_hasalpha(image.get())) {
    VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    bool flattened = Apply(image, [white](VipsImage* in, VipsImage** out) {
      return vips_flatten(in, out, "background", white, nullptr);
    });
    vips_area_unref(VIPS_AREA(white));
    if (!flattened) return Undecodable();
  }
  if (vips_image_get_bands(image.get()) > 3 && !Apply(image, [](VipsImage* in, VipsImage** out) {
        return vips_extract_band(in, out, 0, "n", 3, nullptr);
      })) {
    return Undecodable();
  }
  if (!Apply(image,
             [](VipsImage* in, VipsImage** out) { return vips_cast_uchar(in, out, nullptr); })) {
    return Undecodable();
  }

  // The pixels are computed here, so decoding errors of the lazy pipeline surface here too.
  // strip drops every metadata block: EXIF (with GPS), XMP, IPTC, ICC and comments.
  void* encoded = nullptr;
  size_t encoded_size = 0;
  if (vips_jpegsave_buffer(image.get(), &encoded, &encoded_size, "Q", options_.jpeg_quality,
                           "strip", TRUE, "optimize_coding", TRUE, "interlace", FALSE,
                           nullptr) != 0) {
    g_free(encoded);
    return Undecodable();
  }
  Image result;
  result.content_type = "image/jpeg";
  result.bytes.assign(static_cast<const char*>(encoded), encoded_size);
  g_free(encoded);
  return result;
}

}  // namespace enishi::media
