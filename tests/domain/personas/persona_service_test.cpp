// PersonaService (F7): handles, bios, the limit of five, avatars, and nothing that joins a
// persona to its member for anyone else: another member's persona is as unknown as none.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "crypto/random.hpp"
#include "domain/accounts/account.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/media/image.hpp"
#include "domain/personas/persona_repository.hpp"
#include "domain/personas/persona_service.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_image_processor.hpp"
#include "support/faulty_store.hpp"
#include "support/test_store.hpp"

namespace enishi::personas {
namespace {

// What anyone else sees of a persona carries no owner and no timestamp.
template <class T>
concept HasOwner = requires(T t) { t.owner; };
template <class T>
concept HasCreatedAt = requires(T t) { t.created_at; };
static_assert(!HasOwner<PublicPersona>);
static_assert(!HasCreatedAt<PublicPersona>);
static_assert(HasOwner<Persona>);  // The check above checks something.

void ExpectSameError(const Error& a, const Error& b, const std::string& what) {
  EXPECT_EQ(a.code, b.code) << what;
  EXPECT_EQ(a.message, b.message) << what;
  EXPECT_EQ(a.field, b.field) << what;
}

class PersonaServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialize());
    owner_ = NewMember();
    other_ = NewMember();
  }

  MemberId NewMember() {
    accounts::Account account;
    account.id = crypto::RandomId<MemberId>();
    account.login = "p" + std::to_string(++members_) + "@example.com";
    account.display_name = "山田 花子";
    account.locale = "ja";
    account.password_hash = "$argon2id$not-a-real-hash";
    account.created_at = clock_.Now();
    EXPECT_TRUE(store_.inner().accounts().CreateAccount(account));
    return account.id;
  }

  Persona MustCreate(MemberId owner, std::string handle, std::string bio = "写真が趣味") {
    auto created = service_.Create(owner, std::move(handle), std::move(bio));
    EXPECT_TRUE(created) << created.error().message;
    return created ? *created : Persona{};
  }

  bool ImageExists(ImageId id) {
    auto image = store_.inner().images().Find(id);
    EXPECT_TRUE(image);
    return image && image->has_value();
  }

  int members_ = 0;
  testing::FakeClock clock_;
  testing::FaultyStore store_{testing::MakeTestStore()};
  testing::FakeImageProcessor image_processor_;
  PersonaService service_{store_.personas(), store_.images(), image_processor_, clock_};
  MemberId owner_;
  MemberId other_;
};

TEST_F(PersonaServiceTest, CreateListAndShow) {
  Persona persona = MustCreate(owner_, "night_owl-42", "\u3000夜型の写真好き ");
  EXPECT_TRUE(persona.id.valid());
  EXPECT_NE(persona.id.value(), owner_.value());
  EXPECT_EQ(persona.owner, owner_);
  EXPECT_EQ(persona.handle, "night_owl-42");
  EXPECT_EQ(persona.bio, "夜型の写真好き");
  EXPECT_FALSE(persona.avatar);
  EXPECT_EQ(persona.created_at, clock_.Now());

  clock_.Advance(std::chrono::seconds(1));
  Persona second = MustCreate(owner_, "Second", "");
  auto listed = service_.List(owner_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0], persona) << "oldest first";
  EXPECT_EQ((*listed)[1], second);
  auto theirs = service_.List(other_);
  ASSERT_TRUE(theirs);
  EXPECT_TRUE(theirs->empty());

  auto shown = service_.Public(persona.id);
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->id, persona.id);
  EXPECT_EQ(shown->handle, "night_owl-42");
  EXPECT_EQ(shown->bio, "夜型の写真好き");
  EXPECT_FALSE(shown->avatar);
  auto unknown = service_.Public(crypto::RandomId<PersonaId>());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(PersonaServiceTest, HandleRules) {
  for (const std::string& good : std::vector<std::string>{"abc", std::string(30, 'z'), "A_b-9", "___", "123"}) {
    EXPECT_TRUE(ValidateHandle(good)) << good;
  }
  for (const std::string& bad :
       std::vector<std::string>{"", "ab", std::string(31, 'z'), "with space", "dot.ted", "at@sign",
                                "名前です", "ｆｕｌｌ", "émile", "tab\there", "slash/"}) {
    auto valid = ValidateHandle(bad);
    ASSERT_FALSE(valid) << bad;
    EXPECT_EQ(valid.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(valid.error().field, "handle");
    auto created = service_.Create(owner_, bad, "");
    ASSERT_FALSE(created) << bad;
    EXPECT_EQ(created.error().field, "handle");
  }
  auto listed = service_.List(owner_);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_F(PersonaServiceTest, BioRules) {
  std::string longest;
  for (size_t i = 0; i < kMaxBioChars; ++i) longest += "縁";
  EXPECT_EQ(MustCreate(owner_, "longest", longest).bio, longest);
  auto too_long = service_.Create(owner_, "toolong", longest + "縁");
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(too_long.error().field, "bio");
  for (std::string bad : {"一行目\n二行目", "a\u202Eb", "\x01"}) {
    auto created = service_.Create(owner_, "badbio", bad);
    ASSERT_FALSE(created) << bad;
    EXPECT_EQ(created.error().field, "bio");
  }
}

TEST_F(PersonaServiceTest, HandlesAreUniqueAcrossMembersCaseInsensitively) {
  MustCreate(owner_, "Kitsune");
  for (std::string taken : {"Kitsune", "kitsune", "KITSUNE"}) {
    auto created = service_.Create(other_, taken, "");
    ASSERT_FALSE(created) << taken;
    EXPECT_EQ(created.error().code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(created.error().field, "handle");
  }
  // The owner's own persona is no exception, and its update is refused the same way.
  Persona mine = MustCreate(other_, "tanuki");
  auto renamed = service_.Update(other_, mine.id, std::string("KITSUNE"), std::nullopt);
  ASSERT_FALSE(renamed);
  EXPECT_EQ(renamed.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(renamed.error().field, "handle");
}

TEST_F(PersonaServiceTest, FiveAtMostAndTheSixthIsAFailedPrecondition) {
  for (int i = 0; i < kMaxPersonasPerMember; ++i) MustCreate(owner_, "persona" + std::to_string(i));
  auto sixth = service_.Create(owner_, "persona5", "");
  ASSERT_FALSE(sixth);
  EXPECT_EQ(sixth.error().code, ErrorCode::kFailedPrecondition);
  auto listed = service_.List(owner_);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 5u);
  // The handle was not taken by the failed attempt, and other members are not limited by it.
  MustCreate(other_, "persona5");
  // Deleting one makes room again.
  ASSERT_TRUE(service_.Delete(owner_, (*listed)[0].id));
  MustCreate(owner_, "persona6");
}

TEST_F(PersonaServiceTest, UpdateChangesOnlyWhatIsGiven) {
  Persona persona = MustCreate(owner_, "original", "最初の紹介");
  auto renamed = service_.Update(owner_, persona.id, std::string("renamed"), std::nullopt);
  ASSERT_TRUE(renamed) << renamed.error().message;
  EXPECT_EQ(renamed->handle, "renamed");
  EXPECT_EQ(renamed->bio, "最初の紹介");
  auto rebio = service_.Update(owner_, persona.id, std::nullopt, std::string(" 新しい紹介\u3000"));
  ASSERT_TRUE(rebio);
  EXPECT_EQ(rebio->handle, "renamed");
  EXPECT_EQ(rebio->bio, "新しい紹介");
  auto cleared = service_.Update(owner_, persona.id, std::nullopt, std::string());
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->bio, "");
  auto shown = service_.Public(persona.id);
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->handle, "renamed");
  EXPECT_EQ(shown->bio, "");

  auto bad = service_.Update(owner_, persona.id, std::string("x"), std::nullopt);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "handle");
  auto stored = service_.Public(persona.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->handle, "renamed");
}

TEST_F(PersonaServiceTest, RenamingAPersonaToAnotherCaseOfItsOwnHandleIsFine) {
  Persona persona = MustCreate(owner_, "kitsune");
  auto renamed = service_.Update(owner_, persona.id, std::string("Kitsune"), std::nullopt);
  ASSERT_TRUE(renamed) << renamed.error().message;
  EXPECT_EQ(renamed->handle, "Kitsune");
  auto same = service_.Update(owner_, persona.id, std::string("Kitsune"), std::string("bio"));
  ASSERT_TRUE(same) << same.error().message;
}

TEST_F(PersonaServiceTest, AnotherMembersPersonaIsAsUnknownAsNone) {
  Persona theirs = MustCreate(other_, "theirs", "他人");
  PersonaId unknown = crypto::RandomId<PersonaId>();

  auto update_theirs = service_.Update(owner_, theirs.id, std::string("stolen"), std::nullopt);
  auto update_unknown = service_.Update(owner_, unknown, std::string("stolen"), std::nullopt);
  ASSERT_FALSE(update_theirs);
  ASSERT_FALSE(update_unknown);
  EXPECT_EQ(update_theirs.error().code, ErrorCode::kNotFound);
  ExpectSameError(update_theirs.error(), update_unknown.error(), "Update");

  auto delete_theirs = service_.Delete(owner_, theirs.id);
  auto delete_unknown = service_.Delete(owner_, unknown);
  ASSERT_FALSE(delete_theirs);
  ASSERT_FALSE(delete_unknown);
  ExpectSameError(delete_theirs.error(), delete_unknown.error(), "Delete");
  ExpectSameError(delete_theirs.error(), update_theirs.error(), "Delete vs Update");

  auto avatar_theirs = service_.SetAvatar(owner_, theirs.id, testing::FakeJpeg());
  auto avatar_unknown = service_.SetAvatar(owner_, unknown, testing::FakeJpeg());
  ASSERT_FALSE(avatar_theirs);
  ASSERT_FALSE(avatar_unknown);
  ExpectSameError(avatar_theirs.error(), avatar_unknown.error(), "SetAvatar");
  EXPECT_EQ(image_processor_.calls(), 0) << "no work done for someone else's persona";

  // Untouched.
  auto listed = service_.List(other_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0], theirs);
}

TEST_F(PersonaServiceTest, SetAvatarStoresTheImageAndReplacesTheOldOne) {
  Persona persona = MustCreate(owner_, "withface");
  auto first = service_.SetAvatar(owner_, persona.id, testing::FakeJpeg("one"));
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(first->avatar);
  EXPECT_TRUE(ImageExists(*first->avatar));
  auto avatar = service_.Avatar(persona.id);
  ASSERT_TRUE(avatar);
  EXPECT_EQ(avatar->bytes, testing::FakeJpeg("one"));
  auto shown = service_.Public(persona.id);
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->avatar, first->avatar);

  auto second = service_.SetAvatar(owner_, persona.id, testing::FakeJpeg("two"));
  ASSERT_TRUE(second);
  ASSERT_TRUE(second->avatar);
  EXPECT_NE(*second->avatar, *first->avatar);
  EXPECT_FALSE(ImageExists(*first->avatar)) << "the old avatar is deleted";
  EXPECT_TRUE(ImageExists(*second->avatar));

  // Not an image: refused, and the avatar stays.
  auto bad = service_.SetAvatar(owner_, persona.id, "plain text");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().field, "image");
  auto still = service_.Public(persona.id);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->avatar, second->avatar);

  // Deleting the persona deletes its avatar.
  ASSERT_TRUE(service_.Delete(owner_, persona.id));
  EXPECT_FALSE(ImageExists(*second->avatar));
  auto gone = service_.Public(persona.id);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
}

TEST_F(PersonaServiceTest, AnAvatarThatCannotBeSavedLeavesNoOrphan) {
  Persona persona = MustCreate(owner_, "unlucky");
  store_.FailNthCall(1, ErrorCode::kUnavailable, "personas.update_persona");
  size_t before = store_.calls().size();
  auto set = service_.SetAvatar(owner_, persona.id, testing::FakeJpeg());
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, ErrorCode::kUnavailable);
  auto calls = store_.calls();
  std::vector<std::string> made(calls.begin() + static_cast<std::ptrdiff_t>(before), calls.end());
  EXPECT_EQ(std::count(made.begin(), made.end(), "images.put"), 1);
  EXPECT_EQ(std::count(made.begin(), made.end(), "images.delete"), 1);
  auto shown = service_.Public(persona.id);
  ASSERT_TRUE(shown);
  EXPECT_FALSE(shown->avatar);
}

TEST_F(PersonaServiceTest, AvatarOfAPersonaWithoutOneIsNotFound) {
  Persona persona = MustCreate(owner_, "faceless");
  auto none = service_.Avatar(persona.id);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
  auto unknown = service_.Avatar(crypto::RandomId<PersonaId>());
  ASSERT_FALSE(unknown);
  ExpectSameError(none.error(), unknown.error(), "no avatar vs no persona");
}

TEST_F(PersonaServiceTest, DeleteRemovesThePersonaAndFreesTheHandle) {
  Persona persona = MustCreate(owner_, "shortlived");
  ASSERT_TRUE(service_.Delete(owner_, persona.id));
  auto listed = service_.List(owner_);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
  auto again = service_.Delete(owner_, persona.id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  MustCreate(other_, "shortlived");
}

TEST_F(PersonaServiceTest, PersonaIdsAreRandomAndUnrelatedToTheOwner) {
  std::vector<PersonaId> ids;
  for (int i = 0; i < kMaxPersonasPerMember; ++i) {
    ids.push_back(MustCreate(owner_, "random" + std::to_string(i)).id);
  }
  for (size_t i = 1; i < ids.size(); ++i) {
    // Not consecutive: nothing to count.
    uint64_t a = ids[i - 1].value();
    uint64_t b = ids[i].value();
    EXPECT_GT(a > b ? a - b : b - a, 1000u);
  }
}

}  // namespace
}  // namespace enishi::personas
