#include "storage/sql/image_repo.hpp"

#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {
namespace {

constexpr std::string_view kUpsertImage =
    "INSERT INTO images (id, content_type, bytes, created_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (id) DO UPDATE SET content_type = excluded.content_type, "
    "bytes = excluded.bytes, created_at = excluded.created_at";
constexpr std::string_view kSelectImage =
    "SELECT id, content_type, bytes, created_at FROM images WHERE id = $1";
constexpr std::string_view kDeleteImage = "DELETE FROM images WHERE id = $1";

std::optional<media::Image> DecodeImage(const SqlRow& row) {
  RowReader r(row);
  media::Image image;
  image.id = r.Id<ImageId>();
  image.content_type = r.Text();
  image.bytes = r.Blob();
  image.created_at = r.Time();
  return image;
}

}  // namespace

Result<void> SqlImageRepository::Put(const media::Image& image) {
  return run_.Write("images.put", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(kUpsertImage, {Key(image.id), image.content_type, SqlBlob{image.bytes},
                                         ToMicros(image.created_at)}));
    return Ok();
  });
}

Result<std::optional<media::Image>> SqlImageRepository::Find(ImageId id) {
  return run_.Read("images.find", [&](SqlConnection& db) {
    return QueryOptional<media::Image>(db, kSelectImage, {Key(id)}, DecodeImage);
  });
}

Result<void> SqlImageRepository::Delete(ImageId id) {
  return run_.Write("images.delete", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(kDeleteImage, {Key(id)}));
    return Ok();
  });
}

}  // namespace enishi::storage::sql
