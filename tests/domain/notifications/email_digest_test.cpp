// EmailDigest on a real in-memory SQLite store, with the outbox as the mailer: when a digest
// goes out, what it counts, that it names no one, and that it goes out once.

#include "domain/notifications/email_digest.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "../relationships/relationship_service_fixture.hpp"
#include "domain/mail/outbox_mailer.hpp"
#include "domain/notifications/notification_service.hpp"
#include "support/fake_local_time.hpp"

namespace enishi::notifications {
namespace {

class EmailDigestTest : public relationships::RelationshipServiceTest {
 protected:
  EmailDigestTest() {
    // The fixture's clock stands at midnight UTC. 22:00 UTC is 07:00 in Tokyo: within the
    // default quiet hours (22:00-08:00), an hour before the digest is due.
    clock_.Advance(hours(22));
  }

  // A member in Tokyo who files greetings for the digest and asked for it by e-mail.
  MemberId Subscriber() {
    MemberId member = NewMember();
    Settings settings;
    settings.time_zone = "Asia/Tokyo";
    settings.categories[static_cast<size_t>(Category::kGreetings)].delivery =
        DeliveryMode::kDigest;
    settings.email_digest = true;
    EXPECT_TRUE(notifications_.UpdateSettings(member, settings, true));
    return member;
  }

  void Greet(MemberId member, MemberId actor) {
    clock_.Advance(seconds(1));
    ASSERT_TRUE(notifications_.Notify(member, NotificationKind::kGreetingReceived, actor, "g"));
  }

  int SendDue(EmailDigest& digest) {
    auto sent = digest.SendDue();
    EXPECT_TRUE(sent) << (sent ? "" : sent.error().message);
    return sent ? *sent : -1;
  }

  std::vector<mail::Message> Mail() { return *store_->outbox().ListRecent(100); }

  testing::FakeLocalTime local_time_;
  NotificationService notifications_{store_->notifications(), local_time_, clock_};
  mail::OutboxMailer mailer_{store_->outbox()};
  EmailDigest digest_{store_->notifications(), store_->accounts(), mailer_, local_time_, clock_};
};

TEST_F(EmailDigestTest, ADigestGoesOutOnceADayWhenTheQuietHoursEnd) {
  MemberId member = Subscriber(), actor = NewMember();
  Greet(member, actor);
  Greet(member, actor);
  EXPECT_EQ(SendDue(digest_), 0) << "07:00 in Tokyo: still quiet";

  clock_.Advance(hours(1));  // 08:00 in Tokyo.
  EXPECT_EQ(SendDue(digest_), 1);
  ASSERT_EQ(Mail().size(), 1u);
  EXPECT_EQ(Mail()[0].to, "m1@example.com");
  EXPECT_EQ(Mail()[0].subject, "Enishi：前回のダイジェスト以降の新着 2 件");
  EXPECT_NE(Mail()[0].body.find("・挨拶：2 件"), std::string::npos) << Mail()[0].body;

  Greet(member, actor);
  clock_.Advance(hours(3));
  EXPECT_EQ(SendDue(digest_), 0) << "once a day";

  clock_.Advance(hours(21));  // 08:00 the next day.
  EXPECT_EQ(SendDue(digest_), 1);
  ASSERT_EQ(Mail().size(), 2u);
  EXPECT_NE(Mail()[1].body.find("・挨拶：1 件"), std::string::npos)
      << "only what is new since the last digest: " << Mail()[1].body;
}

TEST_F(EmailDigestTest, ItNamesNoOneAndCountsOnlyWhatIsUnreadAndFiledForIt) {
  MemberId member = Subscriber(), actor = NewMember();
  Greet(member, actor);
  Greet(member, actor);
  auto listed = notifications_.List(member, std::nullopt);
  ASSERT_TRUE(listed);
  ASSERT_TRUE(notifications_.MarkRead(member, listed->front().id));
  clock_.Advance(hours(2));  // 09:00 in Tokyo: requests alert in real time, outside the digest.
  ASSERT_TRUE(notifications_.Notify(member, NotificationKind::kConnectionRequested, actor, "r"));

  EXPECT_EQ(SendDue(digest_), 1);
  ASSERT_EQ(Mail().size(), 1u);
  const mail::Message& mail = Mail()[0];
  EXPECT_NE(mail.body.find("・挨拶：1 件"), std::string::npos) << mail.body;
  EXPECT_EQ(mail.body.find("つながり申請"), std::string::npos) << mail.body;
  for (const std::string& canary : {std::string("会員 2"), std::string("m2@example.com"),
                                    actor.ToString()}) {
    EXPECT_EQ(mail.subject.find(canary), std::string::npos) << canary;
    EXPECT_EQ(mail.body.find(canary), std::string::npos) << canary;
  }
}

TEST_F(EmailDigestTest, ADayWithNothingNewSendsNothingAndStaysClaimed) {
  MemberId member = Subscriber(), actor = NewMember();
  clock_.Advance(hours(1));
  EXPECT_EQ(SendDue(digest_), 0);
  Greet(member, actor);
  clock_.Advance(hours(1));
  EXPECT_EQ(SendDue(digest_), 0) << "the day's digest was due at 08:00, with nothing in it";
  EXPECT_TRUE(Mail().empty());
  clock_.Advance(days(1));
  EXPECT_EQ(SendDue(digest_), 1) << "the next day counts what came after";
}

TEST_F(EmailDigestTest, ServersSharingAStoreSendItOnce) {
  MemberId member = Subscriber(), actor = NewMember();
  Greet(member, actor);
  clock_.Advance(hours(1));
  EmailDigest other{store_->notifications(), store_->accounts(), mailer_, local_time_, clock_};
  int sent = 0;
  std::thread racing([&] { sent += SendDue(other); });
  int here = SendDue(digest_);
  racing.join();
  EXPECT_EQ(sent + here, 1);
  EXPECT_EQ(Mail().size(), 1u);
}

TEST_F(EmailDigestTest, MembersWithoutAnEmailLoginOrTheSettingGetNone) {
  MemberId phone = crypto::RandomId<MemberId>();
  accounts::Account account;
  account.id = phone;
  account.login = "+819012345678";
  account.login_kind = accounts::LoginKind::kPhone;
  account.display_name = "電話";
  account.locale = "ja";
  account.password_hash = "$argon2id$not-a-real-hash";
  account.created_at = clock_.Now();
  ASSERT_TRUE(store_->accounts().CreateAccount(account));
  Settings settings;
  settings.email_digest = true;
  ASSERT_TRUE(store_->notifications().PutSettings(phone, settings));  // As an older build might.
  MemberId off = NewMember(), actor = NewMember();
  Greet(phone, actor);
  Greet(off, actor);
  clock_.Advance(hours(12));
  EXPECT_EQ(SendDue(digest_), 0);
  EXPECT_TRUE(Mail().empty());
}

TEST(ComposeDigestTest, SpeaksTheMembersLanguageAndListsOnlyWhatIsThere) {
  std::array<int64_t, kCategoryCount> counts{};
  counts[static_cast<size_t>(Category::kRequests)] = 1;
  counts[static_cast<size_t>(Category::kGroups)] = 3;
  mail::Message en = ComposeDigest("en", "a@example.com", counts, Timestamp());
  EXPECT_EQ(en.channel, mail::Channel::kEmail);
  EXPECT_EQ(en.to, "a@example.com");
  EXPECT_EQ(en.subject, "Enishi: 4 new since your last digest");
  EXPECT_NE(en.body.find("  Connection requests: 1\n  Groups: 3\n"), std::string::npos)
      << en.body;
  EXPECT_EQ(en.body.find("Greetings"), std::string::npos);
  EXPECT_EQ(ComposeDigest("fr", "a@example.com", counts, Timestamp()).subject, en.subject)
      << "English for a language Enishi does not speak";
  mail::Message zh = ComposeDigest("zh-Hans", "a@example.com", counts, Timestamp());
  EXPECT_EQ(zh.subject, "Enishi：自上次摘要以来有 4 条新动态");
  EXPECT_NE(zh.body.find("· 人脉邀请：1 条\n· 群组：3 条\n"), std::string::npos) << zh.body;
}

}  // namespace
}  // namespace enishi::notifications
