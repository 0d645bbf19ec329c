// ProfileService: work-email verification (F25). A six-digit code goes to the outbox; it is
// valid 10 minutes, single use, five attempts; a new code at most every 60 seconds.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "profile_service_fixture.hpp"

namespace enishi::profiles {
namespace {

using std::chrono::seconds;

class WorkEmailTest : public ProfileServiceTest {
 protected:
  void SetUp() override {
    ProfileServiceTest::SetUp();
    member_ = NewMember();
    company_ = NewCompany("Employer KK", {"employer.example"});
  }

  // A six-digit code that is not `code`.
  static std::string WrongCode(const std::string& code) {
    return code == "000000" ? "000001" : "000000";
  }

  std::optional<PendingEmailVerification> Pending() {
    auto emails = service_.ListWorkEmails(member_);
    EXPECT_TRUE(emails);
    return emails ? emails->pending : std::nullopt;
  }

  void ExpectWrongCode(const Result<WorkEmail>& confirmed, const std::string& what) {
    ASSERT_FALSE(confirmed) << what;
    EXPECT_EQ(confirmed.error().code, ErrorCode::kInvalidArgument) << what;
    EXPECT_EQ(confirmed.error().field, "code") << what;
    EXPECT_EQ(confirmed.error().message, "the code is wrong or has expired") << what;
  }

  MemberId member_;
  CompanyId company_;
};

TEST_F(WorkEmailTest, TheCodeGoesToTheOutboxAndVerifiesTheEmail) {
  auto started = service_.StartWorkEmailVerification(member_, " Taro@Employer.EXAMPLE ");
  ASSERT_TRUE(started) << started.error().message;
  EXPECT_EQ(*started, clock_.Now() + std::chrono::minutes(10));
  auto messages = Outbox();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].to, "taro@employer.example");
  EXPECT_EQ(messages[0].channel, mail::Channel::kEmail);
  std::string code = LastCode();
  ASSERT_EQ(code.size(), 6u);
  // In the three languages of the product.
  EXPECT_NE(messages[0].body.find("確認コード"), std::string::npos);
  EXPECT_NE(messages[0].body.find("验证码"), std::string::npos);
  EXPECT_NE(messages[0].body.find("verification code"), std::string::npos);

  auto pending = Pending();
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->email, "taro@employer.example");
  EXPECT_EQ(pending->attempts_left, 5);
  EXPECT_EQ(pending->expires_at, *started);
  EXPECT_TRUE(pending->code_hash.empty()) << "the hash never leaves the service";

  clock_.Advance(seconds(30));
  auto confirmed = service_.ConfirmWorkEmail(member_, code);
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(confirmed->email.email, "taro@employer.example");
  EXPECT_EQ(confirmed->email.domain, "employer.example");
  EXPECT_EQ(confirmed->email.verified_at, clock_.Now());
  EXPECT_EQ(CompanyIds(confirmed->companies), std::vector<CompanyId>{company_});

  auto emails = service_.ListWorkEmails(member_);
  ASSERT_TRUE(emails);
  EXPECT_FALSE(emails->pending);
  ASSERT_EQ(emails->verified.size(), 1u);
  EXPECT_EQ(emails->verified[0].email, confirmed->email);
  EXPECT_EQ(CompanyIds(emails->verified[0].companies), std::vector<CompanyId>{company_});
}

TEST_F(WorkEmailTest, TheCodeIsSingleUse) {
  ASSERT_TRUE(service_.StartWorkEmailVerification(member_, "a@employer.example"));
  std::string code = LastCode();
  ASSERT_TRUE(service_.ConfirmWorkEmail(member_, code));
  ExpectWrongCode(service_.ConfirmWorkEmail(member_, code), "the same code again");
}

TEST_F(WorkEmailTest, WrongCodesSpendAttemptsAndFiveIsTheMost) {
  ASSERT_TRUE(service_.StartWorkEmailVerification(member_, "a@employer.example"));
  std::string code = LastCode();
  for (int attempt = 1; attempt <= 4; ++attempt) {
    ExpectWrongCode(service_.ConfirmWorkEmail(member_, WrongCode(code)), "wrong code");
    auto pending = Pending();
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending->attempts_left, 5 - attempt);
  }
  // The fifth attempt may still be the right one.
  ASSERT_TRUE(service_.ConfirmWorkEmail(member_, code));
}

TEST_F(WorkEmailTest, AfterFiveWrongCodesEvenTheRightOneIsRefused) {
  ASSERT_TRUE(service_.StartWorkEmailVerification(member_, "a@employer.example"));
  std::string code = LastCode();
  for (int attempt = 0; attempt < 5; ++attempt) {
    ExpectWrongCode(service_.ConfirmWorkEmail(member_, WrongCode(code)), "wrong code");
  }
  ExpectWrongCode(service_.ConfirmWorkEmail(member_, code), "the right code, too late");
  auto emails = service_.ListWorkEmails(member_);
  ASSERT_TRUE(emails);
  EXPECT_TRUE(emails->verified.empty());
}

TEST_F(WorkEmailTest, MalformedCodesAreRefusedWithoutSpendingAnAttempt) {
  ASSERT_TRUE(service_.StartWorkEmailVerification(member_, "a@employer.example"));
  for (std::string bad : {"", "12345", "1234567", "abcdef", "12 345", "１２３４５６"}) {
    auto confirmed = service_.ConfirmWorkEmail(member_, bad);
    ASSERT_FALSE(confirmed) << bad;
    EXPECT_EQ(confirmed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(confirmed.error().field, "code");
  }
  auto pending = Pending();
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->attempts_left, 5);
  EXPECT_TRUE(service_.ConfirmWorkEmail(member_, LastCode()));
}

TEST_F(WorkEmailTest, TheCodeExpiresAfterTenMinutes) {
  ASSERT_TRUE(service_.StartWorkEmailVerification(member_, "a@employer.example"));
  std::string code = LastCode();
  clock_.Advance(std::chrono::minutes(10));
  ExpectWrongCode(service_.ConfirmWorkEmail(member_, code), "at ten minutes");
  EXPECT_FALSE(Pending()) << "an expired code is not listed";
}

TEST_F(WorkEmailTest, TheCodeStillWorksJustBeforeTenMinutes) {
  ASSERT_TRUE(service_.StartWorkEmailVerification(member_, "a@employer.example"));
  std::string code = LastCode();
  clock_.Advance(std::chrono::minutes(10) - seconds(1));
  EXPECT_TRUE(service_.ConfirmWorkEmail(member_, code));
}

TEST_F(WorkEmailTest, ANewCodeAtMostEverySixtySeconds) {
  ASSERT_TRUE(service_.StartWorkEmailVerification(member_, "a@employer.example"));
  std::string first = LastCode();
  clock_.Advance(seconds(20));
  auto again = service_.StartWorkEmailVerification(member_, "a@employer.example");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(again.error().retry_after, seconds(40));
  // Another address is no way around it.
  auto other = service_.StartWorkEmailVerification(member_, "b@employer.example");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kResourceExhausted);
  clock_.Advance(std::chrono::milliseconds(39500));
  auto almost = service_.StartWorkEmailVerification(member_, "a@employer.example");
  ASSERT_FALSE(almost);
  EXPECT_EQ(almost.error().retry_after, seconds(1)) << "rounded up";
  EXPECT_EQ(Outbox().size(), 1u);

  clock_.Advance(std::chrono::milliseconds(500));
  auto resent = service_.StartWorkEmailVerification(member_, "a@employer.example");
  ASSERT_TRUE(resent) << resent.error().message;
  EXPECT_EQ(Outbox().size(), 2u);
  std::string second = LastCode();
  // The new code replaces the old one, with fresh attempts.
  if (first != second) {
    ExpectWrongCode(service_.ConfirmWorkEmail(member_, first), "the replaced code");
  }
  auto pending = Pending();
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->expires_at, clock_.Now() + std::chrono::minutes(10));
  EXPECT_TRUE(service_.ConfirmWorkEmail(member_, second));
}

TEST_F(WorkEmailTest, TheResendIntervalIsPerMember) {
  MemberId other = NewMember();
  ASSERT_TRUE(service_.StartWorkEmailVerification(member_, "a@employer.example"));
  EXPECT_TRUE(service_.StartWorkEmailVerification(other, "b@employer.example"));
}

TEST_F(WorkEmailTest, OnlyEmailAddressesAreAccepted) {
  for (std::string bad : {"", "not an email", "+819012345678", "@employer.example", "a@"}) {
    auto started = service_.StartWorkEmailVerification(member_, bad);
    ASSERT_FALSE(started) << bad;
    EXPECT_EQ(started.error().code, ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(started.error().field, "email") << bad;
  }
  EXPECT_TRUE(Outbox().empty());
  EXPECT_FALSE(Pending());
}

TEST_F(WorkEmailTest, ConfirmingWithNothingPendingIsAWrongCode) {
  ExpectWrongCode(service_.ConfirmWorkEmail(member_, "123456"), "nothing pending");
}

TEST_F(WorkEmailTest, AMailerFailureIsReported) {
  store_.FailNthCall(1, ErrorCode::kUnavailable, "outbox.append");
  auto started = service_.StartWorkEmailVerification(member_, "a@employer.example");
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, ErrorCode::kUnavailable);
}

TEST_F(WorkEmailTest, RemovingAWorkEmail) {
  VerifyWorkEmail(member_, "a@employer.example");
  auto unknown = service_.RemoveWorkEmail(member_, "zzz@employer.example");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  // Another member cannot remove it.
  auto foreign = service_.RemoveWorkEmail(NewMember(), "a@employer.example");
  ASSERT_FALSE(foreign);
  ExpectSameError(foreign.error(), unknown.error(), "another member's email");
  ASSERT_TRUE(service_.RemoveWorkEmail(member_, "a@employer.example"));
  auto emails = service_.ListWorkEmails(member_);
  ASSERT_TRUE(emails);
  EXPECT_TRUE(emails->verified.empty());
}

TEST_F(WorkEmailTest, VerifyingAgainRefreshesTheVerification) {
  VerifyWorkEmail(member_, "a@employer.example");
  clock_.Advance(std::chrono::hours(24));
  VerifyWorkEmail(member_, "a@employer.example");
  auto emails = service_.ListWorkEmails(member_);
  ASSERT_TRUE(emails);
  ASSERT_EQ(emails->verified.size(), 1u);
  EXPECT_EQ(emails->verified[0].email.verified_at, clock_.Now());
}

}  // namespace
}  // namespace enishi::profiles
