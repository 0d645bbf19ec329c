#pragma once
// The storage of record, behind one interface with two backends: embedded SQLite (the
// default, "sqlite:data/enishi.db") and PostgreSQL ("postgresql://..." or "postgres://...").
// A Store owns its connections and hands out one repository per domain module. It is
// thread-safe; repositories may be used from any number of threads until Close().

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/cluster/change_feed.hpp"

namespace enishi::accounts {
class AccountRepository;
}
namespace enishi::introductions {
class IntroductionRepository;
}
namespace enishi::mail {
class OutboxRepository;
}
namespace enishi::media {
class ImageRepository;
}
namespace enishi::messaging {
class MessagingRepository;
}
namespace enishi::notifications {
class NotificationRepository;
}
namespace enishi::organizations {
class OrganizationRepository;
}
namespace enishi::personas {
class PersonaRepository;
}
namespace enishi::profiles {
class ProfileRepository;
}
namespace enishi::relationships {
class RelationshipRepository;
}
namespace enishi::search {
class SearchRepository;
class TextForms;
}
namespace enishi::stream {
class StreamRepository;
}

namespace enishi::storage {

// Called after every store operation, e.g. to feed /metrics. Must be thread-safe and cheap.
using OperationObserver =
    std::function<void(std::string_view operation, std::chrono::nanoseconds elapsed, bool ok)>;

struct StoreOptions {
  std::string url = "sqlite:data/enishi.db";
  int pool_size = 4;           // Reader connections (SQLite) or pooled connections (PostgreSQL).
  bool migrate = true;         // Apply pending migrations when opening.
  OperationObserver observer;  // Optional.
  // How long a call waits for a free connection or a database lock before kUnavailable.
  std::chrono::milliseconds acquire_timeout = std::chrono::seconds(5);
  // Reduces profiles and organisation names to the people-search index as they are written
  // (intl::IcuTextForms); must outlive the store. Without it (tools that never search) a saved
  // profile leaves its member unindexed until SearchService::IndexPending runs on a store
  // that has it.
  const search::TextForms* text_forms = nullptr;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual accounts::AccountRepository& accounts() = 0;
  virtual mail::OutboxRepository& outbox() = 0;
  virtual profiles::ProfileRepository& profiles() = 0;
  virtual organizations::OrganizationRepository& organizations() = 0;
  virtual personas::PersonaRepository& personas() = 0;
  virtual media::ImageRepository& images() = 0;
  virtual relationships::RelationshipRepository& relationships() = 0;
  virtual messaging::MessagingRepository& messaging() = 0;
  virtual introductions::IntroductionRepository& introductions() = 0;
  virtual search::SearchRepository& search() = 0;
  // Members' streams, read here; appended only by the messaging and notification writes.
  virtual stream::StreamRepository& streams() = 0;
  virtual notifications::NotificationRepository& notifications() = 0;

  // Tells the other servers on this store of changes to what each keeps in memory.
  virtual cluster::ChangeFeed& changes() = 0;
  // Hears one channel until the listener is destroyed: what changes() publishes and what write
  // units notify (members' streams), from every server on the store (PostgreSQL), or this
  // process's own write units (SQLite, where changes() publishes nothing: nobody else to
  // tell). Errors: kUnavailable when the store cannot be reached.
  virtual Result<std::unique_ptr<cluster::ChangeListener>> Listen(
      std::string_view channel, cluster::ChangeListener::Handlers handlers) = 0;

  // OK when the store answers a trivial query; used by /readyz.
  virtual Result<void> Ping() = 0;
  // "sqlite" or "postgres".
  virtual std::string_view backend() const = 0;
  // Finishes queued writes and closes every connection. Further calls fail with kUnavailable.
  virtual void Close() = 0;
};

// Opens the store named by `options.url`, creating an SQLite file and its folder if needed, and
// applies migrations when `options.migrate`. kInvalidArgument for an unknown URL scheme,
// kUnavailable when the database cannot be reached, kInternal when a migration fails.
Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options);

// Applies pending migrations and returns the schema version now in place.
Result<int> Migrate(const StoreOptions& options);

}  // namespace enishi::storage
