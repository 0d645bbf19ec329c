// Personas (F7) through Api::Handle: at most five, unique handles, another member's persona as
// unknown as one that does not exist, and nothing shown to anyone but the owner that joins a
// persona to its member.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "profile_fixture.hpp"

namespace enishi::api::testing {
namespace {

const std::set<std::string> kPersonaKeys = {"id", "handle", "bio", "avatar_url"};

class PersonasApiTest : public ProfileApiTestBase {
 protected:
  void SetUp() override {
    ana_ = NewMember("ana.secret@example.com", "Ana Secretname");
    bo_ = NewMember("bo@example.com", "Bo");
  }

  Response Create(const Member& owner, const json& body) {
    return Post("/api/v1/me/personas", body, owner.auth);
  }
  json CreateOk(const Member& owner, const std::string& handle, const std::string& bio = "") {
    Response response = Create(owner, {{"handle", handle}, {"bio", bio}});
    EXPECT_EQ(response.status, 201) << response.body;
    return Body(response);
  }
  json List(const Member& owner) {
    Response response = Get("/api/v1/me/personas", owner.auth);
    EXPECT_EQ(response.status, 200) << response.body;
    return Body(response)["personas"];
  }

  // Nothing in `response` joins a persona to Ana.
  void ExpectNothingOfAna(const Response& response, const std::string& what) {
    SCOPED_TRACE(what);
    std::string text = response.body;
    for (const auto& [name, value] : response.headers) text += "\n" + name + ": " + value;
    for (const std::string& secret : {ana_.id.ToString(), ana_.login, std::string("Ana Secretname"),
                                      std::string("Secretname"), std::string("ana.secret")}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in " << text;
    }
  }

  Member ana_;
  Member bo_;
};

TEST_F(PersonasApiTest, APersonaIsCreatedListedChangedAndDeleted) {
  json created = CreateOk(ana_, "night_owl", "  Reads about 量子计算.  ");
  EXPECT_EQ(JsonKeys(created), kPersonaKeys);
  EXPECT_EQ(created["handle"], "night_owl");
  EXPECT_EQ(created["bio"], "Reads about 量子计算.");
  EXPECT_EQ(created["avatar_url"], nullptr);
  std::string id = StringAt(created, "id");
  ASSERT_TRUE(PersonaId::Parse(id).has_value());
  EXPECT_NE(id, ana_.id.ToString());
  EXPECT_EQ(List(ana_), json::array({created}));
  EXPECT_EQ(List(bo_), json::array());

  Response patched = Patch("/api/v1/me/personas/" + id, {{"bio", "Changed"}}, ana_.auth);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Body(patched)["handle"], "night_owl");
  EXPECT_EQ(Body(patched)["bio"], "Changed");
  patched = Patch("/api/v1/me/personas/" + id, {{"handle", "early-bird"}}, ana_.auth);
  EXPECT_EQ(Body(patched)["handle"], "early-bird");
  EXPECT_EQ(Body(patched)["bio"], "Changed");
  EXPECT_EQ(Body(Get("/api/v1/personas/" + id, bo_.auth)), Body(patched));

  EXPECT_EQ(Delete("/api/v1/me/personas/" + id, ana_.auth).status, 204);
  EXPECT_EQ(List(ana_), json::array());
  EXPECT_EQ(Get("/api/v1/personas/" + id, bo_.auth).status, 404);
  // The handle is free again.
  CreateOk(bo_, "early-bird");
}

TEST_F(PersonasApiTest, AtMostFivePersonas) {
  std::vector<std::string> handles;
  for (int i = 0; i < 5; ++i) {
    handles.push_back(StringAt(CreateOk(ana_, "ana_p" + std::to_string(i)), "handle"));
    clock_.Advance(std::chrono::seconds(1));
  }
  Response sixth = Create(ana_, {{"handle", "ana_p5"}});
  EXPECT_EQ(sixth.status, 409) << sixth.body;
  EXPECT_EQ(ErrorOf(sixth)["code"], "failed_precondition");
  json list = List(ana_);
  ASSERT_EQ(list.size(), 5u);
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(list[i]["handle"], handles[i]) << "oldest first";
  // The handle of the refused one was not taken.
  CreateOk(bo_, "ana_p5");
  // Deleting one makes room.
  EXPECT_EQ(Delete("/api/v1/me/personas/" + StringAt(list[0], "id"), ana_.auth).status, 204);
  CreateOk(ana_, "ana_p6");
}

TEST_F(PersonasApiTest, HandlesAreUniqueCaseInsensitively) {
  json mine = CreateOk(ana_, "Kitsune");
  for (std::string handle : {"Kitsune", "kitsune", "KITSUNE"}) {
    Response taken = Create(bo_, {{"handle", handle}});
    EXPECT_EQ(taken.status, 409) << handle;
    json error = ErrorOf(taken);
    EXPECT_EQ(error["code"], "already_exists");
    EXPECT_EQ(StringAt(error, "field"), "handle");
    // Who holds the handle is nobody's business.
    ExpectNothingOfAna(taken, "taken handle " + handle);
    EXPECT_EQ(taken.body.find(StringAt(mine, "id")), std::string::npos);
  }
  json bos = CreateOk(bo_, "tanuki");
  Response renamed =
      Patch("/api/v1/me/personas/" + StringAt(bos, "id"), {{"handle", "KITSUNE"}}, bo_.auth);
  EXPECT_EQ(renamed.status, 409);
  EXPECT_EQ(StringAt(ErrorOf(renamed), "field"), "handle");
  ExpectNothingOfAna(renamed, "rename to a taken handle");
  // Renaming to one's own handle in another case is fine.
  EXPECT_EQ(Patch("/api/v1/me/personas/" + StringAt(mine, "id"), {{"handle", "KitsunE"}}, ana_.auth)
                .status,
            200);
}

TEST_F(PersonasApiTest, BadPersonasAreRefusedNamingTheField) {
  struct Case {
    std::string field;
    json body;
  };
  for (const Case& c :
       {Case{"handle", {{"handle", "ab"}}}, Case{"handle", {{"handle", std::string(31, 'a')}}},
        Case{"handle", {{"handle", "has space"}}}, Case{"handle", {{"handle", "狐"}}},
        Case{"handle", {{"handle", 42}}}, Case{"handle", json::object()},
        Case{"bio", {{"handle", "okay_one"}, {"bio", std::string(301, 'b')}}},
        Case{"bio", {{"handle", "okay_one"}, {"bio", "line\nbreak"}}},
        Case{"id", {{"handle", "okay_one"}, {"id", crypto::RandomId<PersonaId>().ToString()}}},
        Case{"owner", {{"handle", "okay_one"}, {"owner", bo_.id.ToString()}}},
        Case{"member_id", {{"handle", "okay_one"}, {"member_id", bo_.id.ToString()}}},
        Case{"created_at", {{"handle", "okay_one"}, {"created_at", "2020-01-01T00:00:00Z"}}},
        Case{"avatar_url", {{"handle", "okay_one"}, {"avatar_url", "https://x.example/a.jpg"}}},
        Case{"verified", {{"handle", "okay_one"}, {"verified", true}}}}) {
    SCOPED_TRACE(c.body.dump());
    Response response = Create(ana_, c.body);
    EXPECT_EQ(response.status, 400) << response.body;
    EXPECT_EQ(StringAt(ErrorOf(response), "field"), c.field) << response.body;
  }
  EXPECT_EQ(List(ana_), json::array());
  json persona = CreateOk(ana_, "okay_one");
  Response patch = Patch("/api/v1/me/personas/" + StringAt(persona, "id"),
                         {{"handle", "okay_one"}, {"owner", bo_.id.ToString()}}, ana_.auth);
  EXPECT_EQ(patch.status, 400);
  EXPECT_EQ(StringAt(ErrorOf(patch), "field"), "owner");
  EXPECT_EQ(List(ana_), json::array({persona}));
}

TEST_F(PersonasApiTest, AnotherMembersPersonaIsAnUnknownPersona) {
  json bos = CreateOk(bo_, "bo_persona", "Bo's bio");
  std::string id = StringAt(bos, "id");
  std::string random = crypto::RandomId<PersonaId>().ToString();
  struct Probe {
    std::string what;
    std::function<Response(const std::string&)> send;
  };
  std::vector<Probe> probes = {
      {"patch",
       [&](const std::string& target) {
         return Patch("/api/v1/me/personas/" + target, {{"bio", "mine now"}}, ana_.auth);
       }},
      {"delete",
       [&](const std::string& target) {
         return Delete("/api/v1/me/personas/" + target, ana_.auth);
       }},
      {"avatar",
       [&](const std::string& target) {
         return SendRaw(Method::kPut, "/api/v1/me/personas/" + target + "/avatar", FakeJpeg(),
                        "image/jpeg", ana_.auth);
       }},
  };
  for (const Probe& probe : probes) {
    SCOPED_TRACE(probe.what);
    Response unknown = probe.send(random);
    EXPECT_EQ(unknown.status, 404);
    ExpectSameAnswer(probe.send(id), unknown, "another member's persona");
    ExpectSameAnswer(probe.send("nope"), unknown, "a malformed id");
  }
  // The avatar of an unknown persona is refused before the upload is looked at.
  ExpectSameAnswer(SendRaw(Method::kPut, "/api/v1/me/personas/" + id + "/avatar", "not an image",
                           "image/jpeg", ana_.auth),
                   SendRaw(Method::kPut, "/api/v1/me/personas/" + random + "/avatar",
                           "not an image", "image/jpeg", ana_.auth),
                   "a bad upload to another member's persona");
  // Bo's persona is untouched.
  EXPECT_EQ(List(bo_), json::array({bos}));
}

TEST_F(PersonasApiTest, NothingShownToOthersJoinsAPersonaToItsMember) {
  json profile = MinimalProfile("Ana Secretname");
  profile["headline"] = Audienced("Visible to all", "public");
  SaveProfile(ana_, profile);
  json persona = CreateOk(ana_, "masked_one", "I write about my industry, anonymously.");
  std::string id = StringAt(persona, "id");
  Response avatar = SendRaw(Method::kPut, "/api/v1/me/personas/" + id + "/avatar",
                            FakeJpeg("persona avatar"), "image/png", ana_.auth);
  ASSERT_EQ(avatar.status, 200) << avatar.body;
  json with_avatar = Body(avatar);
  std::string url = StringAt(with_avatar, "avatar_url");
  EXPECT_TRUE(url.starts_with("/api/v1/personas/" + id + "/avatar?v=")) << url;
  EXPECT_EQ(List(ana_), json::array({with_avatar}));

  Member connected = NewMember("close@example.com", "Close");
  relationships_.Set(
      ana_.id, connected.id,
      {.distance = 1, .stage = privacy::Stage::kConnected, .trusted = true, .circles = {}});
  for (const Headers& viewer : {Headers{}, bo_.auth, connected.auth}) {
    Response shown = Get("/api/v1/personas/" + id, viewer);
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_EQ(Body(shown), with_avatar);
    EXPECT_EQ(JsonKeys(Body(shown)), kPersonaKeys) << "no owner, no timestamps";
    ExpectNothingOfAna(shown, "GET /personas/{id}");
    Response image = Get(url, viewer);
    ASSERT_EQ(image.status, 200);
    EXPECT_EQ(image.body, FakeJpeg("persona avatar"));
    EXPECT_EQ(Header(image, "Content-Type"), "image/jpeg");
    ExpectNothingOfAna(image, "the avatar");
    // And the member's views never mention the persona.
    Response view = View(viewer, ana_.id);
    EXPECT_EQ(view.body.find(id), std::string::npos);
    EXPECT_EQ(view.body.find("masked_one"), std::string::npos);
  }
  // The avatar is an image of its own, not the member's photo.
  EXPECT_EQ(OwnProfile(ana_)["photo"]["url"], nullptr);
  // An unknown persona or avatar: 404, the same for every viewer.
  std::string random = crypto::RandomId<PersonaId>().ToString();
  EXPECT_EQ(Get("/api/v1/personas/" + random).status, 404);
  EXPECT_EQ(Get("/api/v1/personas/" + random + "/avatar").status, 404);
  ExpectSameAnswer(Get("/api/v1/personas/" + random, bo_.auth), Get("/api/v1/personas/" + random),
                   "signed in or not");
}

TEST_F(PersonasApiTest, AvatarUploadsAreCheckedLikePhotos) {
  json persona = CreateOk(ana_, "pictured");
  std::string target = "/api/v1/me/personas/" + StringAt(persona, "id") + "/avatar";
  Response not_image = SendRaw(Method::kPut, target, "GIF89a...", "image/jpeg", ana_.auth);
  EXPECT_EQ(not_image.status, 400);
  EXPECT_EQ(StringAt(ErrorOf(not_image), "field"), "image");
  Response empty = SendRaw(Method::kPut, target, "", "image/webp", ana_.auth);
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(StringAt(ErrorOf(empty), "field"), "image");
  Response wrong_type = SendRaw(Method::kPut, target, FakeJpeg(), "application/json", ana_.auth);
  EXPECT_EQ(wrong_type.status, 415);
  EXPECT_EQ(List(ana_), json::array({persona}));
  EXPECT_EQ(Get("/api/v1/personas/" + StringAt(persona, "id") + "/avatar").status, 404);
}

TEST_F(PersonasApiTest, PersonaRoutesNeedASession) {
  json persona = CreateOk(ana_, "someone");
  std::string id = StringAt(persona, "id");
  for (Response response :
       {Get("/api/v1/me/personas"), Post("/api/v1/me/personas", {{"handle", "anon"}}),
        Patch("/api/v1/me/personas/" + id, {{"bio", "x"}}), Delete("/api/v1/me/personas/" + id),
        SendRaw(Method::kPut, "/api/v1/me/personas/" + id + "/avatar", FakeJpeg(), "image/jpeg")}) {
    EXPECT_EQ(response.status, 401) << response.body;
  }
  EXPECT_EQ(List(ana_), json::array({persona}));
}

}  // namespace
}  // namespace enishi::api::testing
