// The privacy canary harness (DESIGN.md §5, issue 3). It builds a world: a subject member with
// a unique canary string in every field and every list entry at every audience, a career
// section, a photo, a persona, a verified work email and a circle; a "ghost" member whom
// nobody may see anything of; companies for the employer shield; and a viewer of every class
// (signed out, stranger, 2nd degree, greeted, conversing, connected, trusted, circle member,
// two at a shielded company, the subject). Relationships are real: made by greetings,
// connection requests and trust marks through the relationship service, as members make them;
// the subject also keeps a private note on each of its connections.
//
// It then reads the OpenAPI document through the Api and requests EVERY GET path in it as
// every viewer, filling path parameters from their x-enishi-subject (a GET path with a
// parameter of unknown subject fails the test, so a new endpoint is covered, or noticed, the
// day it is documented), and asserts that:
//   - no body or header carries a canary the viewer may not see. What a viewer may see is
//     computed here from the audience rules of DESIGN.md §5 (the table kViewers), not by the
//     engine's code. Only the subject's own answers are exempt, and only for the subject;
//   - GET /members/{id} and /profile-links/{token} carry exactly the canaries the viewer may
//     see (the harness is not vacuous);
//   - a viewer at a shielded company never sees a career canary, and with hide_profile sees
//     nothing at all;
//   - "not allowed" is indistinguishable from "does not exist": every parameterised path is
//     also requested with a fresh random value of the same kind, and with the ghost's, and an
//     answer that is not a 2xx must equal those (status and body, after replacing the value);
//   - no persona answer contains the subject's member id or login, nor any profile canary;
//   - GET /me/profile/preview?as=... returns exactly what the corresponding real viewer gets.
//
// A scalar field has one audience at a time, so the world is built in nine variants that
// rotate the scalars through the nine audiences (lists carry one entry per audience in every
// variant), each with and without hide_profile.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "profile_fixture.hpp"

namespace enishi::api::testing {
namespace {


// The nine audiences of DESIGN.md §5, "circle" standing for the subject's one circle.
constexpr std::array<std::string_view, 9> kAudiences = {"public",  "members",    "network2",
                                                        "greeted", "conversing", "connections",
                                                        "trusted", "circle",     "only_me"};

// --- Who may see what: the harness's own table, written from DESIGN.md §5. ---

enum class ViewerClass {
  kSignedOut,
  kStranger,
  kNetwork2,
  kGreeted,
  kConversing,
  kConnected,
  kTrusted,
  kCircle,
  kShieldedStranger,    // A current position at the subject's employer's parent company.
  kShieldedConnection,  // A current position at the subject's employer; trusted, in the circle.
  kSubject,
};

// How a viewer came to stand with the subject.
enum class Tie {
  kNone,
  kSecondDegree,  // Connected to the subject's connection "connected".
  kGreeted,       // The subject's greeting, returned.
  kConversing,    // Both have written.
  kConnected,
  kTrusted,       // Connected, and the subject marked them trusted.
};

struct ViewerSpec {
  ViewerClass cls;
  std::string name;
  std::set<std::string_view> audiences;  // The audiences this viewer belongs to.
  bool shielded;                         // Affiliated with a company the subject shields.
  Tie tie;
  bool in_circle;                        // A member of the subject's circle.
  std::string preview_as;                // The view-as class that should match, if any.
};

const std::vector<ViewerSpec>& Viewers() {
  using enum ViewerClass;
  // clang-format off
  static const std::vector<ViewerSpec> viewers = {
      {kSignedOut, "signed_out", {"public"}, false, Tie::kNone, false, "signed_out"},
      {kStranger, "stranger", {"public", "members"}, false, Tie::kNone, false, "member"},
      {kNetwork2, "network2", {"public", "members", "network2"}, false, Tie::kSecondDegree,
       false, "network2"},
      {kGreeted, "greeted", {"public", "members", "greeted"}, false, Tie::kGreeted, false, ""},
      {kConversing, "conversing", {"public", "members", "greeted", "conversing"}, false,
       Tie::kConversing, false, ""},
      {kConnected, "connected",
       {"public", "members", "network2", "greeted", "conversing", "connections"}, false,
       Tie::kConnected, false, "connection"},
      {kTrusted, "trusted",
       {"public", "members", "network2", "greeted", "conversing", "connections", "trusted"},
       false, Tie::kTrusted, false, ""},
      {kCircle, "circle_member", {"public", "members", "circle"}, false, Tie::kNone, true, ""},
      {kShieldedStranger, "shielded_stranger", {"public", "members"}, true, Tie::kNone, false,
       "employer"},
      {kShieldedConnection, "shielded_connection",
       {"public", "members", "network2", "greeted", "conversing", "connections", "trusted",
        "circle"},
       true, Tie::kTrusted, true, ""},
      {kSubject, "subject", {kAudiences.begin(), kAudiences.end()}, false, Tie::kNone, false, ""},
  };
  // clang-format on
  return viewers;
}

// --- Canaries. ---

enum class Kind {
  kProfile,  // A profile field or entry of the current variant.
  kCareer,   // Part of the career section: also withheld from the shielded.
  kPhoto,    // The photo's bytes.
  kOrg,      // The name of a company or school that only one entry names.
  kPersona,  // The subject's persona: public on persona paths, nowhere else.
  kPrivate,  // The subject's login, work email, circle name: the subject's answers only.
  kGhost,    // The ghost's data: nobody's.
  kRetired,  // A canary of an earlier variant: gone, nobody's.
};

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kProfile:
      return "profile";
    case Kind::kCareer:
      return "career";
    case Kind::kPhoto:
      return "photo";
    case Kind::kOrg:
      return "organisation";
    case Kind::kPersona:
      return "persona";
    case Kind::kPrivate:
      return "private";
    case Kind::kGhost:
      return "ghost";
    case Kind::kRetired:
      return "retired";
  }
  return "?";
}

struct Canary {
  std::string nonce;  // 8 random characters, unique; what is searched for.
  std::string field;
  std::string audience;
  Kind kind;
};

constexpr size_t kNonceSize = 8;

bool IsPersonaPath(std::string_view path) { return path.starts_with("/api/v1/personas/"); }
// Companies and schools are public entities: their names are no secret there.
bool IsDirectoryPath(std::string_view path) {
  return path.starts_with("/api/v1/companies") || path.starts_with("/api/v1/schools");
}
bool IsProfileViewPath(std::string_view path) {
  return path == "/api/v1/members/{id}" || path == "/api/v1/profile-links/{token}";
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string Describe(const Response& response) {
  return std::to_string(response.status) + " " + response.body.substr(0, 300);
}

class CanaryTest : public ProfileApiTestBase,
                   public ::testing::WithParamInterface<std::tuple<int, bool>> {
 protected:
  // --- Planting. ---

  std::string NewNonce() {
    for (;;) {
      std::string nonce = crypto::RandomId<ImageId>().ToString().substr(5, kNonceSize);
      if (!canaries_.count(nonce)) return nonce;
    }
  }
  // Registers a canary for `field` at `audience` and returns its nonce.
  std::string Plant(const std::string& field, std::string_view audience, Kind kind) {
    std::string nonce = NewNonce();
    canaries_[nonce] = {nonce, field, std::string(audience), kind};
    return nonce;
  }
  // A canary text for `field` at `audience`: a valid value for most text fields.
  std::string PlantText(const std::string& field, std::string_view audience, Kind kind) {
    return "CANARY-" + field + "-" + std::string(audience) + "-" + Plant(field, audience, kind);
  }
  std::string WireAudience(std::string_view audience) const {
    return audience == "circle" ? "circle:" + circle_ : std::string(audience);
  }

  // The canaries (by nonce) that `text` carries.
  std::set<std::string> Found(std::string_view text) const {
    std::set<std::string> found;
    for (size_t i = 0; i + kNonceSize <= text.size(); ++i) {
      auto it = canaries_.find(std::string(text.substr(i, kNonceSize)));
      if (it != canaries_.end()) found.insert(it->first);
    }
    return found;
  }
  static std::string Everything(const Response& response) {
    std::string text = response.body;
    for (const auto& [name, value] : response.headers) text += "\n" + name + ": " + value;
    return text;
  }

  // --- The world. ---

  void SetUp() override {
    subject_login_ = "subject-" + Plant("login", "only_me", Kind::kPrivate) + "@example.com";
    subject_ = NewMember(subject_login_, "Subject");
    ghost_ = NewMember("ghost-" + Plant("ghost.login", "only_me", Kind::kGhost) + "@example.com",
                       "Ghost Person");
    for (const ViewerSpec& viewer : Viewers()) {
      if (viewer.cls == ViewerClass::kSignedOut) continue;
      if (viewer.cls == ViewerClass::kSubject) {
        members_[viewer.cls] = subject_;
        continue;
      }
      members_[viewer.cls] = NewMember("viewer-" + viewer.name + "@example.com", viewer.name);
    }

    // The shield: the subject works at `employer_`, whose parent is `parent_`.
    parent_ = NewCompany("Parent Holdings");
    employer_ = NewCompany("Employer Inc", {}, parent_.id);
    for (std::string_view audience : kAudiences) {
      org_companies_[audience] = NewCompany(PlantText("company", audience, Kind::kOrg)).id;
      org_schools_[audience] = NewSchool(PlantText("school", audience, Kind::kOrg)).id;
    }
    json stranger_profile = MinimalProfile("Shielded");
    stranger_profile["positions"] =
        json::array({PositionEntry(parent_.id, "Auditor", "2015-01", "public")});
    SaveProfile(members_[ViewerClass::kShieldedStranger], stranger_profile);
    json colleague_profile = MinimalProfile("Colleague");
    colleague_profile["positions"] =
        json::array({PositionEntry(employer_.id, "Manager", "2015-01", "public")});
    SaveProfile(members_[ViewerClass::kShieldedConnection], colleague_profile);

    // Relationships, and the circle.
    std::vector<MemberId> circle_members;
    for (const ViewerSpec& viewer : Viewers()) {
      if (!members_.count(viewer.cls) || viewer.cls == ViewerClass::kSubject) continue;
      MakeTie(viewer.tie, members_[viewer.cls].id);
      if (viewer.in_circle) circle_members.push_back(members_[viewer.cls].id);
    }
    circle_ =
        NewCircle(subject_, PlantText("circle.name", "only_me", Kind::kPrivate), circle_members);

    // A persona with an avatar, and a verified work email.
    Response persona =
        Post("/api/v1/me/personas",
             {{"handle", "cnry-" + Plant("persona.handle", "public", Kind::kPersona)},
              {"bio", PlantText("persona.bio", "public", Kind::kPersona)}},
             subject_.auth);
    ASSERT_EQ(persona.status, 201) << persona.body;
    persona_ = StringAt(Body(persona), "id");
    ASSERT_EQ(SendRaw(Method::kPut, "/api/v1/me/personas/" + persona_ + "/avatar",
                      FakeJpeg(PlantText("persona.avatar", "public", Kind::kPersona)), "image/jpeg",
                      subject_.auth)
                  .status,
              200);
    work_email_ =
        "canary-" + Plant("work_email", "only_me", Kind::kPrivate) + "@subject-corp.example";
    VerifyWorkEmail(subject_, work_email_);

    // The ghost: a full profile and a photo, all of it only for the ghost.
    json ghost = MinimalProfile(PlantText("ghost.display_name", "only_me", Kind::kGhost));
    for (const char* field : {"display_name", "name", "headline", "about", "location", "career"}) {
      ghost[field]["audience"] = "only_me";
    }
    ghost["photo"]["audience"] = "only_me";
    ghost["headline"]["value"] = PlantText("ghost.headline", "only_me", Kind::kGhost);
    ghost["skills"] = {
        {{"name", PlantText("ghost.skill", "only_me", Kind::kGhost)}, {"audience", "only_me"}}};
    SaveProfile(ghost_, ghost);
    ASSERT_EQ(
        UploadPhoto(ghost_, FakeJpeg(PlantText("ghost.photo", "only_me", Kind::kGhost))).status,
        200);
    ghost_link_ = StringAt(Privacy(ghost_), "profile_link");

    // The subject's session ids, for the one path that takes one.
    json sessions = Body(Get("/api/v1/sessions", subject_.auth));
    subject_session_ = StringAt(sessions["sessions"][0], "id");

    // A conversation of the subject with someone who is none of the viewers: its messages
    // are the subject's alone among them.
    Member confidant = NewMember("confidant@example.com");
    Connect(subject_.id, confidant.id);
    messaging::Draft draft;
    draft.text = PlantText("message.text", "only_me", Kind::kPrivate);
    auto opened = messaging_.OpenDirect(subject_.id, confidant.id, draft);
    ASSERT_TRUE(opened) << opened.error().message;
    conversation_ = opened->view.conversation.id.ToString();
    draft.text = PlantText("message.reply", "only_me", Kind::kPrivate);
    ASSERT_TRUE(messaging_.Send(confidant.id, opened->view.conversation.id, draft));

    // An introduction the subject asked the confidant for, to someone none of the viewers is:
    // its note and the confidant's vouch are theirs alone among them.
    Member distant = NewMember("distant@example.com");
    Connect(confidant.id, distant.id);
    auto asked = introductions_.Request(
        subject_.id, {.target = distant.id,
                      .intermediaries = {confidant.id},
                      .purpose = introductions::Purpose::kBusiness,
                      .note = PlantText("introduction.note", "only_me", Kind::kPrivate)});
    ASSERT_TRUE(asked) << asked.error().message;
    introduction_ = asked->id.ToString();
    ASSERT_TRUE(introductions_.Forward(confidant.id, asked->id,
                                       PlantText("introduction.vouch", "only_me", Kind::kPrivate),
                                       false));
  }

  // Makes the subject's relationship with `viewer` real, through the relationship service.
  // The subject's private notes on its connections are canaries of the subject's alone.
  void MakeTie(Tie tie, MemberId viewer) {
    using relationships::Provenance;
    using relationships::RequestKind;
    switch (tie) {
      case Tie::kNone:
        return;
      case Tie::kSecondDegree:
        Connect(viewer, members_[ViewerClass::kConnected].id);
        return;
      case Tie::kGreeted: {
        auto greeting = relationship_service_.Send(subject_.id, RequestKind::kGreeting, viewer,
                                                   "", Provenance::kNone, {});
        ASSERT_TRUE(greeting) << greeting.error().message;
        ASSERT_TRUE(relationship_service_.Accept(viewer, greeting->request.id));
        return;
      }
      case Tie::kConversing:
        ASSERT_TRUE(relationship_service_.MarkConversing(subject_.id, viewer));
        return;
      case Tie::kConnected:
      case Tie::kTrusted:
        Connect(viewer, subject_.id);
        ASSERT_TRUE(relationship_service_.UpdateTie(
            subject_.id, viewer, 3, PlantText("tie.note", "only_me", Kind::kPrivate),
            tie == Tie::kTrusted));
        return;
    }
  }

  // Builds the subject's profile of variant `variant` (0..8): the scalars rotate through the
  // audiences; every list has one entry per audience.
  void ApplyVariant(int variant, bool hide_profile) {
    for (auto& [nonce, canary] : canaries_) {
      if (canary.kind == Kind::kProfile || canary.kind == Kind::kCareer ||
          canary.kind == Kind::kPhoto) {
        canary.kind = Kind::kRetired;
      }
    }
    auto scalar = [&](int index) { return kAudiences[(index + variant) % kAudiences.size()]; };
    json profile = MinimalProfile();
    std::string_view audience = scalar(0);
    profile["display_name"] =
        Audienced(PlantText("display_name", audience, Kind::kProfile), WireAudience(audience));
    audience = scalar(1);
    json name = json::object();
    for (const char* part :
         {"family", "given", "family_reading", "given_reading", "latin_family", "latin_given"}) {
      name[part] = PlantText(std::string("name.") + part, audience, Kind::kProfile);
    }
    name["order"] = "family_first";
    profile["name"] = Audienced(name, WireAudience(audience));
    int index = 2;
    for (const char* field : {"headline", "about", "location"}) {
      audience = scalar(index++);
      profile[field] =
          Audienced(PlantText(field, audience, Kind::kProfile), WireAudience(audience));
    }
    audience = scalar(index++);
    profile["photo"] = {{"audience", WireAudience(audience)}};
    std::string photo = FakeJpeg(PlantText("photo", audience, Kind::kPhoto));
    audience = scalar(index++);
    // Career data is never public (the shield must know the reader): members stand in.
    if (audience == "public") audience = "members";
    profile["career"] =
        Audienced({{"status", "actively_looking"},
                   {"roles", {PlantText("career.role", audience, Kind::kCareer)}},
                   {"locations", {PlantText("career.location", audience, Kind::kCareer)}},
                   {"salary_min", 10000000},
                   {"salary_currency", "JPY"}},
                  WireAudience(audience));

    // The current position, at the shielded employer (its audience rotates too).
    audience = scalar(index++);
    json current =
        PositionEntry(employer_.id, PlantText("position.title", audience, Kind::kProfile),
                      "2021-04", WireAudience(audience));
    current["description"] = PlantText("position.description", audience, Kind::kProfile);
    profile["positions"] = json::array({current});
    for (size_t i = 0; i < kAudiences.size(); ++i) {
      std::string_view a = kAudiences[i];
      std::string wire = WireAudience(a);
      json position =
          PositionEntry(org_companies_[a], PlantText("positions.title", a, Kind::kProfile),
                        "2015-01", wire, "2018-12");
      position["description"] = PlantText("positions.description", a, Kind::kProfile);
      profile["positions"].push_back(position);
      profile["education"].push_back({{"school_id", org_schools_[a].ToString()},
                                      {"degree", PlantText("education.degree", a, Kind::kProfile)},
                                      {"field", PlantText("education.field", a, Kind::kProfile)},
                                      {"country", "JP"},
                                      {"start", "2010-04"},
                                      {"end", "2014-03"},
                                      {"audience", wire}});
      // A language tag's subtags are at most 8 letters or digits.
      std::string tag(a.substr(0, 8));
      tag.erase(std::remove(tag.begin(), tag.end(), '_'), tag.end());
      profile["languages"].push_back(
          {{"language", "ca-" + tag + "-" + Plant("languages.language", a, Kind::kProfile)},
           {"proficiency", "native"},
           {"audience", wire}});
      profile["skills"].push_back(
          {{"name", PlantText("skills.name", a, Kind::kProfile)}, {"audience", wire}});
      profile["links"].push_back(
          {{"kind", i % 2 ? "project" : "link"},
           {"title", PlantText("links.title", a, Kind::kProfile)},
           {"url", "https://example.com/" + PlantText("links.url", a, Kind::kProfile)},
           {"description", PlantText("links.description", a, Kind::kProfile)},
           {"audience", wire}});
      static constexpr std::array<const char*, 3> kContactKinds = {"email", "line", "wechat"};
      const char* kind = kContactKinds[i % kContactKinds.size()];
      std::string value = PlantText(std::string("contacts.") + kind, a, Kind::kProfile);
      if (std::string_view(kind) == "email") value += "@example.com";
      profile["contacts"].push_back({{"kind", kind}, {"value", value}, {"audience", wire}});
    }
    SaveProfile(subject_, profile);
    ASSERT_EQ(UploadPhoto(subject_, photo).status, 200);
    ASSERT_EQ(
        PutPrivacy(subject_,
                   {{"discoverability", {{"findable_by_email", true}, {"searchable", true}}},
                    {"shield", {{"companies", json::array()}, {"hide_profile", hide_profile}}}})
            .status,
        200);
    subject_link_ = StringAt(Privacy(subject_), "profile_link");
    hide_profile_ = hide_profile;
  }

  // --- The rules. ---

  // Whether `viewer` may receive `canary` in an answer to a request of `path` (a template).
  bool MaySee(const ViewerSpec& viewer, const Canary& canary, std::string_view path) const {
    if (canary.kind == Kind::kGhost || canary.kind == Kind::kRetired) return false;
    if (IsPersonaPath(path)) return canary.kind == Kind::kPersona;
    if (viewer.cls == ViewerClass::kSubject) return true;
    switch (canary.kind) {
      case Kind::kPersona:
      case Kind::kPrivate:
        return false;
      case Kind::kOrg:
        if (IsDirectoryPath(path)) return true;
        return Visible(viewer, canary.audience);
      case Kind::kCareer:
        return !viewer.shielded && Visible(viewer, canary.audience);
      default:
        return Visible(viewer, canary.audience);
    }
  }
  bool Visible(const ViewerSpec& viewer, std::string_view audience) const {
    if (viewer.cls == ViewerClass::kSubject) return true;
    if (hide_profile_ && viewer.shielded) return false;
    return viewer.audiences.count(audience) > 0;
  }

  Headers AuthOf(const ViewerSpec& viewer) {
    if (viewer.cls == ViewerClass::kSignedOut) return {};
    return members_[viewer.cls].auth;
  }

  // Records a finding; the test fails once at the end with all of them.
  void Finding(std::string text) {
    if (findings_.size() < 200) findings_.push_back(std::move(text));
    ++finding_count_;
  }

  // Checks one answer to `viewer`'s request of `target` (an instance of `path`); `about_subject`
  // when the target names the subject's own objects (not a random or the ghost's value).
  void CheckAnswer(const ViewerSpec& viewer, std::string_view path, const std::string& target,
                   const Response& response, bool about_subject = true) {
    std::string text = Everything(response);
    std::set<std::string> found = Found(text);
    for (const std::string& nonce : found) {
      const Canary& canary = canaries_.at(nonce);
      if (!MaySee(viewer, canary, path)) {
        Finding("LEAK to " + viewer.name + " in GET " + target + ": canary " + canary.field +
                " at " + canary.audience + " (" + std::string(KindName(canary.kind)) + ")");
      }
      if (viewer.shielded && canary.kind == Kind::kCareer) {
        Finding("SHIELD: " + viewer.name + " sees career canary " + canary.field + " in GET " +
                target);
      }
    }
    if (IsPersonaPath(path)) {
      for (const std::string& secret : {subject_.id.ToString(), subject_login_}) {
        if (text.find(secret) != std::string::npos) {
          Finding("PERSONA LINK: GET " + target + " to " + viewer.name + " carries " + secret);
        }
      }
    }
    if (!about_subject) return;
    if (IsProfileViewPath(path)) {
      // Exactly the canaries the viewer may see, no fewer.
      std::set<std::string> expected;
      for (const auto& [nonce, canary] : canaries_) {
        bool listed = canary.kind == Kind::kProfile || canary.kind == Kind::kCareer ||
                      canary.kind == Kind::kOrg;
        if (listed && MaySee(viewer, canary, path)) expected.insert(nonce);
      }
      std::set<std::string> got;
      for (const std::string& nonce : found) {
        Kind kind = canaries_.at(nonce).kind;
        if (kind == Kind::kProfile || kind == Kind::kCareer || kind == Kind::kOrg)
          got.insert(nonce);
      }
      if (got != expected) {
        std::string missing;
        for (const std::string& nonce : expected) {
          if (!got.count(nonce))
            missing += " " + canaries_.at(nonce).field + "@" + canaries_.at(nonce).audience;
        }
        Finding("EXACTNESS: GET " + target + " to " + viewer.name + " lacks" + missing + " (" +
                Describe(response) + ")");
      }
      if (expected.empty() != (response.status == 404)) {
        Finding("STATUS: GET " + target + " to " + viewer.name + ": " + Describe(response));
      }
    }
    if (path == "/api/v1/members/{id}/photo") {
      bool may = false;
      for (const auto& [nonce, canary] : canaries_) {
        if (canary.kind == Kind::kPhoto) may = MaySee(viewer, canary, path);
      }
      if ((response.status == 200) != may) {
        Finding("PHOTO: GET " + target + " to " + viewer.name + ": " + Describe(response));
      }
    }
  }

  // The value a path parameter of `subject` takes: the subject's, a fresh random one, or the
  // ghost's (nullopt: the ghost has none).
  std::optional<std::string> SubjectValue(const std::string& subject) {
    if (subject == "member") return subject_.id.ToString();
    if (subject == "profile_link") return subject_link_;
    if (subject == "persona") return persona_;
    if (subject == "company") return employer_.id.ToString();
    if (subject == "school") return org_schools_["public"].ToString();
    if (subject == "circle") return circle_;
    if (subject == "work_email") return ReplaceAll(work_email_, "@", "%40");
    if (subject == "session") return subject_session_;
    if (subject == "conversation") return conversation_;
    if (subject == "introduction") return introduction_;
    return std::nullopt;
  }
  static std::string RandomValue(const std::string& subject) {
    if (subject == "profile_link") return crypto::RandomToken(16);
    if (subject == "work_email") return "x" + crypto::RandomDigits(8) + "%40nowhere.example";
    return crypto::RandomId<MemberId>().ToString();
  }
  std::optional<std::string> GhostValue(const std::string& subject) {
    if (subject == "member") return ghost_.id.ToString();
    if (subject == "profile_link") return ghost_link_;
    return std::nullopt;
  }

  // A path template and how to fill it.
  struct GetPath {
    std::string path;
    std::vector<std::pair<std::string, std::string>> parameters;  // {name} -> subject.
    std::string query;                                            // "?as=connection"
  };

  // Every GET path of the OpenAPI document, as served by the Api.
  std::vector<GetPath> DocumentedGetPaths() {
    Response response = Get("/api/v1/openapi.json");
    EXPECT_EQ(response.status, 200);
    json document = Body(response);
    std::vector<GetPath> paths;
    for (const auto& [path, operations] : document["paths"].items()) {
      if (!operations.contains("get")) continue;
      const json& operation = operations["get"];
      GetPath get{path, {}, ""};
      if (operation.contains("parameters")) {
        for (const json& parameter : operation["parameters"]) {
          std::string name = StringAt(parameter, "name");
          if (parameter["in"] == "path") {
            std::string subject = StringAt(parameter, "x-enishi-subject");
            if (subject.empty() || !SubjectValue(subject)) {
              ADD_FAILURE() << "GET " << path << ": path parameter {" << name
                            << "} has no x-enishi-subject the canary harness knows ("
                            << parameter.dump() << "); teach canary_test.cpp what to put there";
              continue;
            }
            get.parameters.emplace_back(name, subject);
          } else if (parameter["in"] == "query" && parameter.contains("required") &&
                     parameter["required"] == true) {
            if (!parameter.contains("example")) {
              ADD_FAILURE() << "GET " << path << ": required query parameter " << name
                            << " has no example for the canary harness";
              continue;
            }
            get.query += (get.query.empty() ? "?" : "&") + name + "=" +
                         parameter["example"].get<std::string>();
          }
        }
      }
      paths.push_back(std::move(get));
    }
    EXPECT_GE(paths.size(), 20u) << "the document lost its GET paths?";
    return paths;
  }

  static std::string Fill(const GetPath& get, const std::vector<std::string>& values) {
    std::string target = get.path;
    for (size_t i = 0; i < get.parameters.size(); ++i) {
      target = ReplaceAll(target, "{" + get.parameters[i].first + "}", values[i]);
    }
    return target + get.query;
  }

  // Requests every documented GET path as every viewer.
  void Sweep() {
    std::vector<GetPath> paths = DocumentedGetPaths();
    for (const GetPath& get : paths) {
      std::vector<std::string> real, random, ghost;
      bool has_ghost = !get.parameters.empty();
      for (const auto& [name, subject] : get.parameters) {
        real.push_back(*SubjectValue(subject));
        random.push_back(RandomValue(subject));
        std::optional<std::string> ghost_value = GhostValue(subject);
        has_ghost = has_ghost && ghost_value.has_value();
        ghost.push_back(ghost_value.value_or(""));
      }
      // Replaces the random (or ghost) values in an answer by the subject's.
      auto normalise = [&](std::string text, const std::vector<std::string>& values) {
        for (size_t i = 0; i < values.size(); ++i) text = ReplaceAll(text, values[i], real[i]);
        return text;
      };
      for (const ViewerSpec& viewer : Viewers()) {
        Headers auth = AuthOf(viewer);
        std::string target = Fill(get, real);
        Response answer = Get(target, auth);
        ++requests_;
        if (answer.status >= 500) Finding("5xx: GET " + target + " to " + viewer.name);
        CheckAnswer(viewer, get.path, target, answer);
        if (get.parameters.empty()) continue;

        std::string absent_target = Fill(get, random);
        Response absent = Get(absent_target, auth);
        ++requests_;
        CheckAnswer(viewer, get.path, absent_target, absent, false);
        if (absent.status >= 200 && absent.status < 300) {
          Finding("ABSENT: GET " + absent_target + " to " + viewer.name + " answered " +
                  Describe(absent));
        }
        // "Not allowed" must look like "does not exist".
        bool allowed = answer.status >= 200 && answer.status < 300;
        if (!allowed &&
            (answer.status != absent.status || answer.body != normalise(absent.body, random))) {
          Finding("DISTINGUISHABLE: GET " + target + " to " + viewer.name + ": " +
                  Describe(answer) + " but for a random value: " + Describe(absent));
        }
        if (has_ghost) {
          std::string ghost_target = Fill(get, ghost);
          Response hidden = Get(ghost_target, auth);
          ++requests_;
          CheckAnswer(viewer, get.path, ghost_target, hidden, false);
          if (hidden.status != absent.status ||
              normalise(hidden.body, ghost) != normalise(absent.body, random)) {
            Finding("DISTINGUISHABLE: GET " + ghost_target + " (nothing visible) to " +
                    viewer.name + ": " + Describe(hidden) +
                    " but for a random value: " + Describe(absent));
          }
        }
      }
    }
  }

  // People search, queried for every canary as every signed-in viewer: the subject is found
  // exactly when the viewer may see the field that holds it, and no answer carries a canary
  // the viewer may not see.
  void CheckSearch() {
    static constexpr std::string_view kSearched[] = {
        "display_name", "name.family", "name.given", "name.family_reading", "name.given_reading",
        "name.latin_family", "name.latin_given", "headline", "location", "skills.name",
        "company", "school"};
    const std::string path = "/api/v1/search/members";
    for (const auto& [nonce, canary] : canaries_) {
      bool searched = std::find(std::begin(kSearched), std::end(kSearched), canary.field) !=
                      std::end(kSearched);
      bool current = canary.kind == Kind::kProfile || canary.kind == Kind::kOrg;
      if (!searched || !current) continue;
      for (const ViewerSpec& viewer : Viewers()) {
        if (viewer.cls == ViewerClass::kSignedOut || viewer.cls == ViewerClass::kSubject) continue;
        std::string target = path + "?q=" + nonce;
        Response response = Get(target, AuthOf(viewer));
        ++requests_;
        if (response.status != 200) {
          Finding("SEARCH: GET " + target + " to " + viewer.name + ": " + Describe(response));
          continue;
        }
        CheckAnswer(viewer, path, target, response, false);
        bool found = response.body.find(subject_.id.ToString()) != std::string::npos;
        if (found != Visible(viewer, canary.audience)) {
          Finding("SEARCH: " + viewer.name + (found ? " finds" : " does not find") +
                  " the subject by " + canary.field + " at " + canary.audience);
        }
      }
    }
  }

  // The preview as each class, and as each viewer by name, against the real views.
  void CheckPreviews() {
    for (const ViewerSpec& viewer : Viewers()) {
      if (viewer.cls == ViewerClass::kSubject) continue;
      Response real = View(AuthOf(viewer), subject_.id);
      std::vector<std::string> as_values;
      if (!viewer.preview_as.empty()) as_values.push_back(viewer.preview_as);
      if (viewer.cls != ViewerClass::kSignedOut) {
        as_values.push_back("member:" + members_[viewer.cls].id.ToString());
      }
      for (const std::string& as : as_values) {
        Response response = Get("/api/v1/me/profile/preview?as=" + as, subject_.auth);
        ++requests_;
        if (response.status != 200) {
          Finding("PREVIEW as " + as + ": " + Describe(response));
          continue;
        }
        json profile = Body(response)["profile"];
        if (real.status == 404) {
          if (!profile.is_null()) {
            Finding("PREVIEW as " + as + " shows a profile where " + viewer.name + " gets 404");
          }
          continue;
        }
        if (Found(profile.dump()) != Found(real.body)) {
          Finding("PREVIEW as " + as + ": its canaries differ from what " + viewer.name +
                  " receives");
        } else if (profile != Body(real)) {
          Finding("PREVIEW as " + as + ": differs from what " + viewer.name + " receives: " +
                  profile.dump().substr(0, 300) + " vs " + real.body.substr(0, 300));
        }
      }
    }
  }

  void ReportFindings() {
    std::string all;
    for (const std::string& finding : findings_) all += "\n  " + finding;
    EXPECT_EQ(finding_count_, 0u) << finding_count_ << " findings over " << requests_
                                  << " requests (first 200):" << all;
  }

  Member subject_, ghost_;
  std::string subject_login_;
  std::map<ViewerClass, Member> members_;
  organizations::Company parent_, employer_;
  std::map<std::string_view, CompanyId> org_companies_;
  std::map<std::string_view, SchoolId> org_schools_;
  std::string circle_, persona_, work_email_, subject_link_, ghost_link_, subject_session_;
  std::string conversation_;
  std::string introduction_;
  bool hide_profile_ = false;
  std::unordered_map<std::string, Canary> canaries_;
  std::vector<std::string> findings_;
  size_t finding_count_ = 0;
  size_t requests_ = 0;
};

TEST_P(CanaryTest, NoAnswerCarriesACanaryItsViewerMayNotSee) {
  auto [variant, hide_profile] = GetParam();
  ApplyVariant(variant, hide_profile);
  ASSERT_FALSE(HasFatalFailure());
  Sweep();
  CheckPreviews();
  CheckSearch();
  ReportFindings();
}

INSTANTIATE_TEST_SUITE_P(Variants, CanaryTest,
                         ::testing::Combine(::testing::Range(0, 9), ::testing::Bool()),
                         [](const ::testing::TestParamInfo<std::tuple<int, bool>>& param_info) {
                           return "Variant" + std::to_string(std::get<0>(param_info.param)) +
                                  (std::get<1>(param_info.param) ? "HideProfile" : "");
                         });

// The harness itself: it finds what it planted, and its table is not the engine's code.
class CanaryHarnessTest : public CanaryTest {};

TEST_F(CanaryHarnessTest, FindsAPlantedCanaryAnywhereInAnAnswer) {
  std::string text = PlantText("self_test", "only_me", Kind::kPrivate);
  std::string nonce = text.substr(text.size() - kNonceSize);
  Response response;
  response.body = "{\"x\":\"prefix" + nonce + "suffix\"}";
  EXPECT_EQ(Found(Everything(response)), std::set<std::string>{nonce});
  response.body = "{}";
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + text + "\"");
  EXPECT_EQ(Found(Everything(response)), std::set<std::string>{nonce});
  EXPECT_TRUE(Found("nothing to see").empty());
  // A stranger may not see it; the subject may (in their own answers).
  EXPECT_FALSE(MaySee(Viewers()[1], canaries_.at(nonce), "/api/v1/members/{id}"));
  EXPECT_TRUE(MaySee(Viewers().back(), canaries_.at(nonce), "/api/v1/me/profile"));
}

TEST_F(CanaryHarnessTest, EveryViewerClassIsPresent) {
  std::set<ViewerClass> classes;
  for (const ViewerSpec& viewer : Viewers()) classes.insert(viewer.cls);
  EXPECT_EQ(classes.size(), 11u);
  // Every audience is seen by someone other than the subject, but only_me.
  for (std::string_view audience : kAudiences) {
    bool seen = std::any_of(Viewers().begin(), Viewers().end(), [&](const ViewerSpec& viewer) {
      return viewer.cls != ViewerClass::kSubject && viewer.audiences.count(audience);
    });
    EXPECT_EQ(seen, audience != "only_me") << audience;
  }
}

}  // namespace
}  // namespace enishi::api::testing
