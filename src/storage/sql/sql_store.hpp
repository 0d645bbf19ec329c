#pragma once
// The Store both backends share: the SQL repositories over one SqlDatabase. Owns the database.
// Thread-safe, as Store requires.

#include <memory>
#include <string_view>
#include <utility>

#include "storage/sql/account_repo.hpp"
#include "storage/sql/image_repo.hpp"
#include "storage/sql/introduction_repo.hpp"
#include "storage/sql/messaging_repo.hpp"
#include "storage/sql/notification_repo.hpp"
#include "storage/sql/operation_runner.hpp"
#include "storage/sql/organization_repo.hpp"
#include "storage/sql/outbox_repo.hpp"
#include "storage/sql/persona_repo.hpp"
#include "storage/sql/profile_repo.hpp"
#include "storage/sql/relationship_repo.hpp"
#include "storage/sql/search_repo.hpp"
#include "storage/sql/sql_database.hpp"
#include "storage/sql/stream_repo.hpp"
#include "storage/store.hpp"

namespace enishi::storage::sql {

// Publishes with NOTIFY on PostgreSQL. An SQLite file serves one server: nobody to tell.
class SqlChangeFeed final : public cluster::ChangeFeed {
 public:
  SqlChangeFeed(SqlDatabase& database, const OperationObserver& observer)
      : dialect_(database.dialect()), run_(database, observer) {}
  Result<void> Publish(std::string_view channel, std::string_view message) override;

 private:
  const Dialect dialect_;
  OperationRunner run_;
};

class SqlStore final : public Store {
 public:
  // `text_forms` (StoreOptions::text_forms) may be null.
  SqlStore(std::unique_ptr<SqlDatabase> database, const OperationObserver& observer,
           const search::TextForms* text_forms = nullptr);
  SqlStore(const SqlStore&) = delete;
  SqlStore& operator=(const SqlStore&) = delete;
  ~SqlStore() override { Close(); }

  accounts::AccountRepository& accounts() override { return accounts_; }
  mail::OutboxRepository& outbox() override { return outbox_; }
  profiles::ProfileRepository& profiles() override { return profiles_; }
  organizations::OrganizationRepository& organizations() override { return organizations_; }
  personas::PersonaRepository& personas() override { return personas_; }
  media::ImageRepository& images() override { return images_; }
  relationships::RelationshipRepository& relationships() override { return relationships_; }
  messaging::MessagingRepository& messaging() override { return messaging_; }
  introductions::IntroductionRepository& introductions() override { return introductions_; }
  search::SearchRepository& search() override { return search_; }
  stream::StreamRepository& streams() override { return streams_; }
  notifications::NotificationRepository& notifications() override { return notifications_; }
  cluster::ChangeFeed& changes() override { return changes_; }
  Result<std::unique_ptr<cluster::ChangeListener>> Listen(
      std::string_view channel, cluster::ChangeListener::Handlers handlers) override {
    return database_->Listen(channel, std::move(handlers));
  }
  Result<void> Ping() override;
  std::string_view backend() const override { return database_->backend(); }
  void Close() override { database_->Close(); }

 private:
  std::unique_ptr<SqlDatabase> database_;
  SqlAccountRepository accounts_;
  SqlOutboxRepository outbox_;
  SqlProfileRepository profiles_;
  SqlOrganizationRepository organizations_;
  SqlPersonaRepository personas_;
  SqlImageRepository images_;
  SqlRelationshipRepository relationships_;
  SqlMessagingRepository messaging_;
  SqlIntroductionRepository introductions_;
  SqlSearchRepository search_;
  SqlStreamRepository streams_;
  SqlNotificationRepository notifications_;
  SqlChangeFeed changes_;
  OperationRunner run_;
};

// Opens the database named by `options.url` without migrating it: "sqlite:PATH",
// "sqlite::memory:", "postgresql://..." or "postgres://...". kInvalidArgument for an unknown
// scheme, a bad pool size, or PostgreSQL in a build without it; kUnavailable when the database
// cannot be opened or reached. For OpenStore, Migrate and storage tests.
Result<std::unique_ptr<SqlDatabase>> OpenDatabase(const StoreOptions& options);

}  // namespace enishi::storage::sql
