#pragma once
// Notifications (F17): a centre of what happened to the member, and settings that keep it
// quiet. Nothing promotional is ever a notification; profile edits are never announced.

#include <array>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace enishi::notifications {

enum class Category { kGreetings, kRequests, kMessages, kIntroductions, kGroups, kJobs, kSafety };
inline constexpr size_t kCategoryCount = 7;

// How a category reaches the member.
enum class DeliveryMode {
  kInApp,     // Filed in the centre without an alert.
  kRealTime,  // An alert as it happens, outside quiet hours and within the daily budget.
  kDigest,    // Filed quietly, and summed up once a day (by email too, when the member asks).
};

enum class NotificationKind {
  kGreetingReceived,     // actor greeted the member.
  kGreetingReturned,     // actor returned the member's greeting.
  kConnectionRequested,  // actor asked to connect.
  kConnectionAccepted,   // actor accepted the member's request.
  kMessageRequest,       // actor sent a message request (subject: the conversation).
  // Introductions; the subject is the introduction.
  kIntroductionAsked,      // actor asks the member to introduce them.
  kIntroductionForwarded,  // actor introduces someone to the member.
  kIntroductionAccepted,   // actor accepted the member's introduction.
  kIntroductionHelped,     // actor passed on the member's introduction (asking the network).
};

struct Notification {
  NotificationId id;
  MemberId member;  // Whose.
  Category category = Category::kGreetings;
  NotificationKind kind = NotificationKind::kGreetingReceived;
  MemberId actor;        // Who did it; shown only as the member may see them then.
  std::string subject;   // The request or conversation id it is about, as on the wire.
  DeliveryMode delivered_as = DeliveryMode::kInApp;  // What the settings made of it at the time.
  Timestamp created_at;
  std::optional<Timestamp> read_at;
  friend bool operator==(const Notification&, const Notification&) = default;
};

struct CategorySetting {
  DeliveryMode delivery = DeliveryMode::kInApp;
  int daily_budget = 5;  // Real-time alerts a day; later ones are filed as digest items.
  friend bool operator==(const CategorySetting&, const CategorySetting&) = default;
};

// Minutes after local midnight.
struct QuietHours {
  int start_minute = 22 * 60;
  int end_minute = 8 * 60;  // May be before start: the quiet runs over midnight.
  friend bool operator==(const QuietHours&, const QuietHours&) = default;
};

struct Settings {
  std::array<CategorySetting, kCategoryCount> categories = DefaultCategories();
  std::string time_zone = "UTC";         // IANA name; quiet hours and the digest follow it.
  std::optional<QuietHours> quiet_hours = QuietHours{};
  bool email_digest = false;             // Only when SMTP is configured, too.
  friend bool operator==(const Settings&, const Settings&) = default;

  // Quiet defaults: messages and requests in real time within a small budget; everything else
  // in the centre or the digest.
  static constexpr std::array<CategorySetting, kCategoryCount> DefaultCategories() {
    return {{
        {DeliveryMode::kInApp, 5},     // greetings
        {DeliveryMode::kRealTime, 5},  // requests
        {DeliveryMode::kRealTime, 20}, // messages
        {DeliveryMode::kRealTime, 5},  // introductions
        {DeliveryMode::kDigest, 5},    // groups
        {DeliveryMode::kDigest, 5},    // jobs
        {DeliveryMode::kRealTime, 20}, // safety
    }};
  }
  const CategorySetting& For(Category category) const {
    return categories[static_cast<size_t>(category)];
  }
};

// The last daily e-mail digest a member was sent: where the next one begins.
struct DigestMark {
  Timestamp day_start;  // The local day it was for, as LocalMoment::day_start.
  Timestamp through;    // It counted the notifications filed before this instant.
  friend bool operator==(const DigestMark&, const DigestMark&) = default;
};

// A member whose settings ask for the e-mail digest.
struct DigestSubscriber {
  MemberId member;
  Settings settings;
  std::optional<DigestMark> last;  // nullopt: never sent one.
};

}  // namespace enishi::notifications
