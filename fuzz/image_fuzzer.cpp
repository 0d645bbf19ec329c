// libFuzzer target over the image upload path: arbitrary bytes go to
// VipsImageProcessor::Normalize. Any crash, and any answer other than a JPEG or a
// kInvalidArgument naming "image", is a finding. Run with `make fuzz`.
//
// libvips and its codecs come from the system and are not instrumented: coverage guides the
// fuzzer only through our code and AddressSanitizer checks only our accesses, but a crash
// anywhere stops the run and is reported. fuzz/image_seeds/ gives it real images to mutate.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/log.hpp"
#include "media/vips_image_processor.hpp"

namespace {

enishi::media::VipsImageProcessor& Processor() {
  static enishi::media::VipsImageProcessor* processor = [] {
    enishi::log::SetMinimumLevel(enishi::log::Level::kError);
    auto created = enishi::media::VipsImageProcessor::Create();
    if (!created) std::abort();
    return std::move(created).value().release();
  }();
  return *processor;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view upload(reinterpret_cast<const char*>(data), size);
  auto image = Processor().Normalize(upload);
  if (image) {
    if (image->content_type != "image/jpeg" || !image->bytes.starts_with("\xFF\xD8\xFF")) {
      __builtin_trap();
    }
  } else if (image.error().code != enishi::ErrorCode::kInvalidArgument ||
             image.error().field != "image") {
    __builtin_trap();
  }
  return 0;
}
