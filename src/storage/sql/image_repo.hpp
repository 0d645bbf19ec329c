#pragma once
// media::ImageRepository over any SqlDatabase, written once for both backends: the bytes are a
// BLOB (SQLite) or bytea (PostgreSQL). Thread-safe. Does not own the database, which must
// outlive it. Each operation reports its timing as "images.<method_in_snake_case>".
//
// Put replaces an image of the same id. Deleting an image clears the profile photo or persona
// avatar that showed it. A member's images are deleted with their account
// (SqlAccountRepository::DeleteAccount). Every method returns kUnavailable when the store
// cannot be reached and kInternal for anything unexpected.

#include "domain/media/image.hpp"
#include "storage/sql/operation_runner.hpp"

namespace enishi::storage::sql {

class SqlImageRepository final : public media::ImageRepository {
 public:
  SqlImageRepository(SqlDatabase& database, OperationObserver observer)
      : run_(database, std::move(observer)) {}

  Result<void> Put(const media::Image& image) override;
  Result<std::optional<media::Image>> Find(ImageId id) override;
  Result<void> Delete(ImageId id) override;

 private:
  OperationRunner run_;
};

}  // namespace enishi::storage::sql
