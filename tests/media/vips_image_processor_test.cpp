#include "media/vips_image_processor.hpp"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace enishi::media {
namespace {

// Test images are made in-process with libvips, so no binary fixtures are checked in.
struct ImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using ImagePtr = std::unique_ptr<VipsImage, ImageUnref>;

// Replaces `image` by what `operation(in, &out)` makes of it, failing the test on error.
template <class Operation>
void Apply(ImagePtr& image, Operation&& operation) {
  VipsImage* out = nullptr;
  ASSERT_EQ(operation(image.get(), &out), 0) << vips_error_buffer();
  image.reset(out);
}

// A smooth `width` x `height` sRGB picture (compresses well, whatever its size); with
// `alpha`, a fourth band that is fully transparent.
ImagePtr Picture(int width, int height, bool alpha = false) {
  VipsImage* xyz = nullptr;
  EXPECT_EQ(vips_xyz(&xyz, width, height, nullptr), 0);
  ImagePtr image(xyz);
  Apply(image, [](VipsImage* in, VipsImage** out) {
    return vips_remainder_const1(in, out, 256, nullptr);
  });
  Apply(image, [](VipsImage* in, VipsImage** out) { return vips_cast_uchar(in, out, nullptr); });
  Apply(image,
        [](VipsImage* in, VipsImage** out) { return vips_bandjoin_const1(in, out, 128, nullptr); });
  if (alpha) {
    Apply(image,
          [](VipsImage* in, VipsImage** out) { return vips_bandjoin_const1(in, out, 0, nullptr); });
  }
  Apply(image, [](VipsImage* in, VipsImage** out) {
    return vips_copy(in, out, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr);
  });
  return image;
}

// `image` encoded by the saver for `suffix` (".jpg", ".png[compression=1]", ".webp"...).
std::string Encode(VipsImage* image, const char* suffix) {
  void* buffer = nullptr;
  size_t size = 0;
  EXPECT_EQ(vips_image_write_to_buffer(image, suffix, &buffer, &size, nullptr), 0)
      << vips_error_buffer();
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return bytes;
}

// Decoded into memory, so the result does not depend on `bytes` living on.
ImagePtr Decode(const std::string& bytes) {
  ImagePtr lazy(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
  EXPECT_NE(lazy, nullptr) << vips_error_buffer();
  if (!lazy) return nullptr;
  ImagePtr image(vips_image_copy_memory(lazy.get()));
  EXPECT_NE(image, nullptr) << vips_error_buffer();
  return image;
}

std::vector<std::string> Fields(VipsImage* image) {
  std::vector<std::string> names;
  gchar** fields = vips_image_get_fields(image);
  for (gchar** field = fields; *field != nullptr; ++field) names.emplace_back(*field);
  g_strfreev(fields);
  return names;
}

void Put16(std::string& out, uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8);
}
void Put32(std::string& out, uint32_t v) {
  Put16(out, static_cast<uint16_t>(v & 0xffff));
  Put16(out, static_cast<uint16_t>(v >> 16));
}
void PutBig32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

// An EXIF block (little-endian TIFF) with Orientation 6 (turn 90° clockwise to view) and a GPS
// position: 35°41'22.30"N, the kind of data a phone writes into every photo.
std::string ExifWithGps() {
  std::string tiff = "II";
  Put16(tiff, 42);
  Put32(tiff, 8);  // IFD0
  Put16(tiff, 2);
  Put16(tiff, 0x0112), Put16(tiff, 3), Put32(tiff, 1), Put16(tiff, 6), Put16(tiff, 0);
  Put16(tiff, 0x8825), Put16(tiff, 4), Put32(tiff, 1), Put32(tiff, 38);  // GPS IFD
  Put32(tiff, 0);
  Put16(tiff, 2);  // GPS IFD, at 38
  Put16(tiff, 0x0001), Put16(tiff, 2), Put32(tiff, 2), tiff += std::string("N\0\0\0", 4);
  Put16(tiff, 0x0002), Put16(tiff, 5), Put32(tiff, 3), Put32(tiff, 68);
  Put32(tiff, 0);
  for (uint32_t value : {35u, 1u, 41u, 1u, 2230u, 100u}) Put32(tiff, value);  // At 68.
  return std::string("Exif\0\0", 6) + tiff;
}

uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xffffffffu;
  for (unsigned char byte : data) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A well-formed PNG start (signature, IHDR, the first bytes of IDAT, all with valid CRCs)
// claiming these dimensions: what a decompression bomb looks like to a header reader.
std::string PngHeaderClaiming(uint32_t width, uint32_t height) {
  std::string ihdr = "IHDR";
  PutBig32(ihdr, width);
  PutBig32(ihdr, height);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, no interlace.
  std::string png = "\x89PNG\r\n\x1a\n";
  PutBig32(png, 13);
  png += ihdr;
  PutBig32(png, Crc32(ihdr));
  std::string idat = "IDAT";
  idat += std::string("\x78\x9c\x63\x00\x00", 5);  // A zlib stream's first bytes.
  PutBig32(png, 5);
  png += idat;
  PutBig32(png, Crc32(idat));
  return png;
}

class VipsImageProcessorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto processor = VipsImageProcessor::Create();
    ASSERT_TRUE(processor.has_value()) << processor.error().message;
    processor_ = std::move(processor).value();
  }

  // Normalizes `upload`, expecting success, and returns the decoded output.
  ImagePtr NormalizeOk(const std::string& upload) {
    Result<Image> image = processor_->Normalize(upload);
    EXPECT_TRUE(image.has_value()) << image.error().message;
    if (!image) return nullptr;
    EXPECT_EQ(image->content_type, "image/jpeg");
    EXPECT_FALSE(image->id.valid());
    EXPECT_TRUE(image->bytes.starts_with("\xFF\xD8\xFF")) << "not a JPEG";
    last_output_ = image->bytes;
    return Decode(image->bytes);
  }

  void ExpectRefused(const std::string& upload, std::string_view message_part) {
    Result<Image> image = processor_->Normalize(upload);
    ASSERT_FALSE(image.has_value());
    EXPECT_EQ(image.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(image.error().field, "image");
    EXPECT_NE(image.error().message.find(message_part), std::string::npos) << image.error().message;
  }

  std::unique_ptr<VipsImageProcessor> processor_;
  std::string last_output_;
};

TEST_F(VipsImageProcessorTest, StripsExifAndGpsAndAppliesTheOrientation) {
  ImagePtr picture = Picture(200, 100);
  std::string exif = ExifWithGps();
  std::string xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">secret-xmp-marker</x:xmpmeta>";
  vips_image_set_blob_copy(picture.get(), "exif-data", exif.data(), exif.size());
  vips_image_set_blob_copy(picture.get(), "xmp-data", xmp.data(), xmp.size());
  vips_image_set_int(picture.get(), "orientation", 6);
  std::string upload = Encode(picture.get(), ".jpg[Q=90]");

  // The upload really carries what must go: GPS, XMP and the orientation.
  ImagePtr source = Decode(upload);
  ASSERT_NE(source, nullptr);
  std::vector<std::string> source_fields = Fields(source.get());
  EXPECT_NE(std::find(source_fields.begin(), source_fields.end(), "exif-ifd3-GPSLatitude"),
            source_fields.end());
  EXPECT_NE(std::find(source_fields.begin(), source_fields.end(), "xmp-data"), source_fields.end());
  EXPECT_NE(upload.find("secret-xmp-marker"), std::string::npos);

  ImagePtr output = NormalizeOk(upload);
  ASSERT_NE(output, nullptr);
  // Turned upright: 200x100 with orientation 6 is a 100x200 picture.
  EXPECT_EQ(vips_image_get_width(output.get()), 100);
  EXPECT_EQ(vips_image_get_height(output.get()), 200);
  for (const std::string& field : Fields(output.get())) {
    EXPECT_FALSE(field.starts_with("exif-")) << field;
    EXPECT_NE(field.find("GPS"), 0u) << field;
    EXPECT_NE(field, "xmp-data");
    EXPECT_NE(field, "iptc-data");
    EXPECT_NE(field, "icc-profile-data");
    EXPECT_NE(field, "orientation");
    EXPECT_NE(field, "jpeg-comment-0");
  }
  EXPECT_EQ(last_output_.find("Exif"), std::string::npos);
  EXPECT_EQ(last_output_.find("secret-xmp-marker"), std::string::npos);
  EXPECT_EQ(last_output_.find("ICC_PROFILE"), std::string::npos);
}

TEST_F(VipsImageProcessorTest, FlattensPngAlphaOntoWhite) {
  ImagePtr transparent = Picture(64, 48, /*alpha=*/true);
  ImagePtr output = NormalizeOk(Encode(transparent.get(), ".png"));
  ASSERT_NE(output, nullptr);
  EXPECT_EQ(vips_image_get_bands(output.get()), 3);
  EXPECT_EQ(vips_image_get_width(output.get()), 64);
  EXPECT_EQ(vips_image_get_height(output.get()), 48);
  double minimum = 0;
  ASSERT_EQ(vips_min(output.get(), &minimum, nullptr), 0);
  EXPECT_GE(minimum, 250.0);  // Every pixel was transparent: all white now (JPEG noise aside).
}

TEST_F(VipsImageProcessorTest, AcceptsWebp) {
  ImagePtr picture = Picture(320, 240);
  std::string upload = Encode(picture.get(), ".webp");
  ASSERT_TRUE(upload.starts_with("RIFF"));
  ImagePtr output = NormalizeOk(upload);
  ASSERT_NE(output, nullptr);
  EXPECT_EQ(vips_image_get_width(output.get()), 320);
  EXPECT_EQ(vips_image_get_height(output.get()), 240);
}

TEST_F(VipsImageProcessorTest, ShrinksToFitButNeverEnlarges) {
  ImagePtr large = Picture(3000, 2000);
  ImagePtr output = NormalizeOk(Encode(large.get(), ".jpg"));
  ASSERT_NE(output, nullptr);
  EXPECT_EQ(vips_image_get_width(output.get()), 1024);
  EXPECT_NEAR(vips_image_get_height(output.get()), 683, 1);

  ImagePtr tall = Picture(500, 4000);
  output = NormalizeOk(Encode(tall.get(), ".png"));
  ASSERT_NE(output, nullptr);
  EXPECT_EQ(vips_image_get_height(output.get()), 1024);
  EXPECT_EQ(vips_image_get_width(output.get()), 128);

  ImagePtr small = Picture(300, 200);
  output = NormalizeOk(Encode(small.get(), ".jpg"));
  ASSERT_NE(output, nullptr);
  EXPECT_EQ(vips_image_get_width(output.get()), 300);
  EXPECT_EQ(vips_image_get_height(output.get()), 200);
}

TEST_F(VipsImageProcessorTest, RefusesTruncatedJpeg) {
  ImagePtr picture = Picture(512, 512);
  std::string jpeg = Encode(picture.get(), ".jpg");
  ExpectRefused(jpeg.substr(0, jpeg.size() / 2), "could not be decoded");
  ExpectRefused(jpeg.substr(0, 20), "could not be decoded");
}

TEST_F(VipsImageProcessorTest, RefusesOtherFormats) {
  // A 1x1 GIF.
  constexpr char kGif[] =
      "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00"
      "\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02"
      "D\x01\x00;";
  ExpectRefused(std::string(kGif, sizeof(kGif) - 1), "not a JPEG, PNG or WebP image");
  ExpectRefused("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
                "not a JPEG, PNG or WebP image");
  ExpectRefused(std::string("\x00\x00\x00\x18"
                            "ftypheic\x00\x00\x00\x00mif1heic",
                            24),
                "not a JPEG, PNG or WebP image");
  ExpectRefused("BM\x3a\x00\x00\x00", "not a JPEG, PNG or WebP image");
}

TEST_F(VipsImageProcessorTest, RefusesRandomBytes) {
  std::mt19937 random(20260101);  // Fixed seed: failures reproduce.
  for (int round = 0; round < 50; ++round) {
    std::string bytes(1 + random() % 4096, '\0');
    for (char& byte : bytes) byte = static_cast<char>(random());
    ExpectRefused(bytes, "not a JPEG, PNG or WebP image");
    // The same garbage behind each format's magic bytes reaches the decoders.
    for (std::string magic : {std::string("\xFF\xD8\xFF"), std::string("\x89PNG\r\n\x1a\n"),
                              std::string("RIFF\x10\x00\x00\x00WEBP")}) {
      Result<Image> image = processor_->Normalize(magic + bytes);
      ASSERT_FALSE(image.has_value()) << "round " << round;
      EXPECT_EQ(image.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

TEST_F(VipsImageProcessorTest, RefusesEmptyAndOversizedUploads) {
  ExpectRefused("", "empty");
  std::string huge(kMaxUploadBytes + 1, 'x');
  huge.replace(0, 3, "\xFF\xD8\xFF");
  ExpectRefused(huge, "image too large");
}

TEST_F(VipsImageProcessorTest, RefusesDecompressionBombsBeforeDecoding) {
  ExpectRefused(PngHeaderClaiming(100000, 100000), "image dimensions too large");
  ExpectRefused(PngHeaderClaiming(40000, 1001), "image dimensions too large");
}

TEST_F(VipsImageProcessorTest, IsThreadSafe) {
  ImagePtr picture = Picture(800, 600);
  std::string jpeg = Encode(picture.get(), ".jpg");
  std::string png = Encode(picture.get(), ".png");
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        if (processor_->Normalize(t % 2 ? jpeg : png).has_value()) ++ok;
        if (!processor_->Normalize(jpeg.substr(0, jpeg.size() / 3)).has_value()) ++ok;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 4 * 5 * 2);
}

}  // namespace
}  // namespace enishi::media
