// NotificationService on a real in-memory SQLite store: each category delivered as the member
// set it, quiet hours in the member's own time zone, the daily budget, the settings' checks,
// and the notifications relationships cause.

#include "domain/notifications/notification_service.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "../relationships/relationship_service_fixture.hpp"
#include "support/fake_local_time.hpp"

namespace enishi::notifications {
namespace {

using stream::EventKind;
using stream::StreamEvent;

class NotificationServiceTest : public relationships::RelationshipServiceTest {
 protected:
  NotificationServiceTest() {
    // The fixture's clock stands at midnight UTC: 09:00 in Tokyo, outside the default quiet
    // hours (22:00-08:00) wherever the member is.
    clock_.Advance(hours(12));  // Noon UTC.
  }

  Notification Last(MemberId member) {
    auto listed = notifications_.List(member, std::nullopt);
    EXPECT_TRUE(listed && !listed->empty());
    return listed && !listed->empty() ? listed->front() : Notification{};
  }

  // Whether the newest event in `member`'s stream alerted.
  bool LastAlerted(MemberId member) {
    auto events = store_->streams().ListEvents(member, 0, 1000);
    EXPECT_TRUE(events && !events->empty());
    return events && !events->empty() && events->back().alert;
  }

  testing::FakeLocalTime local_time_;
  NotificationService notifications_{store_->notifications(), local_time_, clock_};
};

TEST_F(NotificationServiceTest, ACategoryIsDeliveredAsTheMemberSetIt) {
  MemberId member = NewMember(), actor = NewMember();
  ASSERT_TRUE(notifications_.Notify(member, NotificationKind::kConnectionRequested, actor, "r1"));
  EXPECT_EQ(Last(member).delivered_as, DeliveryMode::kRealTime);
  EXPECT_TRUE(LastAlerted(member));

  clock_.Advance(seconds(1));  // Listed newest first.
  ASSERT_TRUE(notifications_.Notify(member, NotificationKind::kGreetingReceived, actor, "r2"));
  EXPECT_EQ(Last(member).delivered_as, DeliveryMode::kInApp) << "greetings: in the app, quietly";
  EXPECT_FALSE(LastAlerted(member));
  EXPECT_EQ(*notifications_.CountUnread(member), 2);
}

TEST_F(NotificationServiceTest, QuietHoursFollowTheMembersTimeZone) {
  MemberId member = NewMember(), actor = NewMember();
  Settings settings;
  settings.time_zone = "Asia/Tokyo";
  settings.quiet_hours = QuietHours{21 * 60, 7 * 60};  // Noon UTC is 21:00 in Tokyo.
  ASSERT_TRUE(notifications_.UpdateSettings(member, settings, false));
  ASSERT_TRUE(notifications_.Notify(member, NotificationKind::kConnectionRequested, actor, "r"));
  EXPECT_EQ(Last(member).delivered_as, DeliveryMode::kDigest);
  EXPECT_FALSE(LastAlerted(member));
  EXPECT_FALSE(*notifications_.ShouldAlert(member, Category::kMessages));

  clock_.Advance(hours(10));  // 07:00 in Tokyo: the quiet is over.
  ASSERT_TRUE(notifications_.Notify(member, NotificationKind::kConnectionRequested, actor, "r"));
  EXPECT_EQ(Last(member).delivered_as, DeliveryMode::kRealTime);
  EXPECT_TRUE(*notifications_.ShouldAlert(member, Category::kMessages));
}

TEST_F(NotificationServiceTest, ADailyBudgetFoldsTheRestIntoTheDigest) {
  MemberId member = NewMember(), actor = NewMember();
  Settings settings;
  settings.quiet_hours.reset();
  settings.categories[static_cast<size_t>(Category::kRequests)].daily_budget = 2;
  ASSERT_TRUE(notifications_.UpdateSettings(member, settings, false));
  std::vector<DeliveryMode> modes;
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(seconds(1));  // Listed newest first.
    ASSERT_TRUE(notifications_.Notify(member, NotificationKind::kConnectionAccepted, actor, "r"));
    modes.push_back(Last(member).delivered_as);
  }
  EXPECT_EQ(modes, (std::vector<DeliveryMode>{DeliveryMode::kRealTime, DeliveryMode::kRealTime,
                                              DeliveryMode::kDigest}));
  clock_.Advance(days(1));  // A new local day, a new budget.
  ASSERT_TRUE(notifications_.Notify(member, NotificationKind::kConnectionAccepted, actor, "r"));
  EXPECT_EQ(Last(member).delivered_as, DeliveryMode::kRealTime);
}

TEST_F(NotificationServiceTest, SettingsAreCheckedAndReadingIsPrivate) {
  MemberId member = NewMember(), other = NewMember();
  Settings settings;
  settings.time_zone = "Mars/Olympus";
  EXPECT_EQ(notifications_.UpdateSettings(member, settings, false).error().field, "time_zone");
  settings.time_zone = "UTC";
  settings.quiet_hours = QuietHours{60, 60};
  EXPECT_EQ(notifications_.UpdateSettings(member, settings, false).error().field, "quiet_hours");
  settings.quiet_hours = QuietHours{60, 24 * 60};
  EXPECT_EQ(notifications_.UpdateSettings(member, settings, false).error().field, "quiet_hours");
  settings.quiet_hours.reset();
  settings.categories[0].daily_budget = 101;
  EXPECT_EQ(notifications_.UpdateSettings(member, settings, false).error().field, "daily_budget");
  EXPECT_EQ(*notifications_.GetSettings(member), Settings{}) << "nothing was saved";

  ASSERT_TRUE(notifications_.Notify(member, NotificationKind::kGreetingReceived, other, "g"));
  NotificationId id = Last(member).id;
  EXPECT_EQ(notifications_.MarkRead(other, id).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(notifications_.MarkRead(member, id));
  ASSERT_TRUE(notifications_.MarkRead(member, id)) << "twice is not an error";
  EXPECT_EQ(*notifications_.CountUnread(member), 0);
}

TEST_F(NotificationServiceTest, TheEmailDigestTurnsOnOnlyWhereItCanBeSent) {
  MemberId member = NewMember();
  Settings settings;
  settings.email_digest = true;
  EXPECT_EQ(notifications_.UpdateSettings(member, settings, false).error().field, "email_digest");
  EXPECT_FALSE(notifications_.GetSettings(member)->email_digest);
  ASSERT_TRUE(notifications_.UpdateSettings(member, settings, true));
  settings.time_zone = "Asia/Tokyo";
  ASSERT_TRUE(notifications_.UpdateSettings(member, settings, false))
      << "one already on stays on while mail cannot be sent";
  EXPECT_TRUE(notifications_.GetSettings(member)->email_digest);
}

TEST_F(NotificationServiceTest, RequestsBecomeNotificationsOfTheirKind) {
  RequestNotifications notifier(notifications_);
  MemberId a = NewMember(), b = NewMember();
  relationships::Request request;
  request.id = RequestId(77);
  request.kind = relationships::RequestKind::kConnection;
  request.sender = a;
  request.recipient = b;
  notifier.Received(request);
  EXPECT_EQ(Last(b).kind, NotificationKind::kConnectionRequested);
  EXPECT_EQ(Last(b).actor, a);
  EXPECT_EQ(Last(b).subject, RequestId(77).ToString());
  notifier.Accepted(request);
  EXPECT_EQ(Last(a).kind, NotificationKind::kConnectionAccepted);
  EXPECT_EQ(Last(a).actor, b);
  request.kind = relationships::RequestKind::kGreeting;
  clock_.Advance(seconds(1));  // Listed newest first.
  notifier.Accepted(request);
  EXPECT_EQ(Last(a).kind, NotificationKind::kGreetingReturned);
  EXPECT_EQ(Last(a).category, Category::kGreetings);
}

}  // namespace
}  // namespace enishi::notifications
