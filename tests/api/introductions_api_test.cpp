// Warm introductions through the API (docs/API.md, "Introductions"): the routes offered and
// their reasons, a request forwarded and accepted into a conversation, chains and asking the
// network, the twins that show nothing ever reads "refused", quotas, and bad input.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "profile_fixture.hpp"

namespace enishi::api::testing {
namespace {

class IntroductionsApiTest : public ProfileApiTestBase {
 protected:
  // The requester `a`, who knows `b` and `m`; both know the target `t`.
  void SetUp() override {
    a_ = NewMember("a@example.com", "Aoi");
    b_ = NewMember("b@example.com", "Ben");
    m_ = NewMember("m@example.com", "Mei");
    t_ = NewMember("t@example.com", "Taro");
    Connect(a_.id, b_.id);
    Connect(a_.id, m_.id);
    Connect(b_.id, t_.id);
    Connect(m_.id, t_.id);
  }

  Response Ask(const Member& from, const Member& target, std::vector<MemberId> through,
               std::string note = "お話を伺いたいです") {
    json intermediaries = json::array();
    for (MemberId id : through) intermediaries.push_back(id.ToString());
    json body = {{"target", target.id.ToString()}, {"purpose", "advice"}, {"note", note}};
    if (!through.empty()) body["intermediaries"] = intermediaries;
    return Post("/api/v1/introductions", body, from.auth);
  }
  std::string AskOk(const Member& from, const Member& target, std::vector<MemberId> through) {
    Response response = Ask(from, target, std::move(through));
    EXPECT_EQ(response.status, 201) << response.body;
    return Body(response).value("id", "");
  }
  Response Forward(const Member& by, const std::string& id, std::string note = "確かな人です",
                   bool join = false) {
    return Post("/api/v1/introductions/" + id + "/forward", {{"note", note}, {"join", join}},
                by.auth);
  }
  json Box(const Member& member, const std::string& box) {
    Response response = Get("/api/v1/me/introductions/" + box, member.auth);
    EXPECT_EQ(response.status, 200) << response.body;
    return Body(response)["introductions"];
  }
  // What the requester is shown of their introductions, with ids and times set aside.
  json RequesterView(const Member& requester) {
    json sent = Box(requester, "sent");
    for (json& entry : sent) {
      entry.erase("id");
      entry.erase("created_at");
      entry.erase("expires_at");
    }
    return sent;
  }
  static void ExpectError(const Response& response, int status, const std::string& field = "") {
    EXPECT_EQ(response.status, status) << response.body;
    if (!field.empty()) {
      EXPECT_EQ(Body(response)["error"]["field"], field) << response.body;
    }
  }

  Member a_, b_, m_, t_;
};

TEST_F(IntroductionsApiTest, RoutesGoThroughTheMutualsWithReasonsAndNoRatings) {
  organizations::Company sony = NewCompany("Sony");
  json together = MinimalProfile("Ben");
  together["positions"] = json::array({PositionEntry(sony.id, "Manager", "2015-01", "members")});
  SaveProfile(b_, together);
  json target = MinimalProfile("Taro");
  target["positions"] = json::array({PositionEntry(sony.id, "Engineer", "2018-01", "members")});
  SaveProfile(t_, target);
  ASSERT_EQ(Put("/api/v1/me/connections/" + b_.id.ToString(),
                {{"rating", 5}, {"note", ""}, {"trusted", false}}, a_.auth)
                .status,
            200);

  Response routes = Get("/api/v1/members/" + t_.id.ToString() + "/introduction-routes", a_.auth);
  ASSERT_EQ(routes.status, 200) << routes.body;
  json list = Body(routes)["routes"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["intermediaries"][0]["id"], b_.id.ToString()) << "rated 5, same company";
  EXPECT_EQ(list[1]["intermediaries"][0]["id"], m_.id.ToString());
  std::vector<std::string> codes;
  for (const json& reason : list[0]["reasons"]) codes.push_back(reason["code"]);
  EXPECT_EQ(codes,
            (std::vector<std::string>{"knows_you_well", "works_with_target", "peer_of_target"}));
  EXPECT_EQ(list[0]["reasons"][1]["company"]["id"], sony.id.ToString());
  EXPECT_EQ(routes.body.find("rating"), std::string::npos);
  EXPECT_EQ(routes.body.find("score"), std::string::npos);

  EXPECT_TRUE(
      Body(Get("/api/v1/members/" + b_.id.ToString() + "/introduction-routes", a_.auth))["routes"]
          .empty())
      << "a connection needs no introduction";
}

TEST_F(IntroductionsApiTest, ForwardedAndAcceptedItOpensAConversationIntroducedByTheIntermediary) {
  std::string id = AskOk(a_, t_, {b_.id});
  json asked = Box(b_, "asked");
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0]["status"], "waiting");
  EXPECT_EQ(asked[0]["note"], "お話を伺いたいです");
  EXPECT_EQ(asked[0]["next"]["id"], t_.id.ToString());
  EXPECT_TRUE(Box(t_, "received").empty()) << "the target sees nothing before it is forwarded";
  ExpectError(Get("/api/v1/introductions/" + id, t_.auth), 404);

  Response forwarded = Forward(b_, id, "大学の後輩で、誠実な人です");
  ASSERT_EQ(forwarded.status, 200) << forwarded.body;
  EXPECT_EQ(Body(forwarded)["status"], "forwarded");
  json received = Box(t_, "received");
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["requester"]["id"], a_.id.ToString());
  EXPECT_EQ(received[0]["vouches"][0]["by"]["id"], b_.id.ToString());
  EXPECT_EQ(received[0]["vouches"][0]["note"], "大学の後輩で、誠実な人です");
  EXPECT_FALSE(received[0].contains("note")) << "the note was for the intermediary";

  Response accepted = PostEmpty("/api/v1/introductions/" + id + "/accept", t_.auth);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  std::string conversation = StringAt(Body(accepted), "conversation");
  json opened = Body(Get("/api/v1/conversations/" + conversation, a_.auth));
  EXPECT_EQ(opened["kind"], "direct");
  EXPECT_EQ(opened["introduced_by"]["id"], b_.id.ToString());
  EXPECT_EQ(Body(Get("/api/v1/members/" + t_.id.ToString(), a_.auth))["stage"], "conversing");
  json sent = Box(a_, "sent");
  EXPECT_EQ(sent[0]["status"], "accepted");
  EXPECT_EQ(sent[0]["conversation"], conversation);
  ASSERT_EQ(Post("/api/v1/conversations/" + conversation + "/messages", {{"text", "はじめまして"}},
                 a_.auth)
                .status,
            201);

  // Each is told of their turn, and the requester of the answer, naming the one who acted.
  auto told = [&](const Member& member, const std::string& kind) -> std::string {
    json notifications = Body(Get("/api/v1/me/notifications", member.auth))["notifications"];
    for (const json& n : notifications) {
      if (n["kind"] == kind && n["subject"] == id) return n["actor"]["id"];
    }
    return "";
  };
  EXPECT_EQ(told(b_, "introduction_asked"), a_.id.ToString());
  EXPECT_EQ(told(t_, "introduction_forwarded"), b_.id.ToString());
  EXPECT_EQ(told(a_, "introduction_accepted"), t_.id.ToString());
}

TEST_F(IntroductionsApiTest, AcceptingOpensAMessageRequestBetweenTheTwo) {
  json policy = Body(Get("/api/v1/me/inbound-policy", t_.auth));
  policy["messages"] = "anyone";
  ASSERT_EQ(Put("/api/v1/me/inbound-policy", policy, t_.auth).status, 200);
  Response request = Post("/api/v1/conversations",
                          {{"members", {t_.id.ToString()}}, {"text", "突然失礼します"}}, a_.auth);
  ASSERT_EQ(request.status, 201) << request.body;
  std::string cold = StringAt(Body(request), "id");
  EXPECT_FALSE(Body(Get("/api/v1/conversations/" + cold, a_.auth))["can_write"]);

  std::string id = AskOk(a_, t_, {b_.id});
  ASSERT_EQ(Forward(b_, id).status, 200);
  Response accepted = PostEmpty("/api/v1/introductions/" + id + "/accept", t_.auth);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(StringAt(Body(accepted), "conversation"), cold) << "their one direct conversation";
  json opened = Body(Get("/api/v1/conversations/" + cold, a_.auth));
  EXPECT_TRUE(opened["can_write"]) << "no longer waiting for the target's reply";
  EXPECT_EQ(opened["introduced_by"]["id"], b_.id.ToString());
  EXPECT_EQ(Body(Get("/api/v1/conversations/" + cold, t_.auth))["folder"], "inbox");
}

TEST_F(IntroductionsApiTest, JoiningIntermediariesAreInTheConversation) {
  std::string id = AskOk(a_, t_, {b_.id});
  ASSERT_EQ(Forward(b_, id, "ぜひ", /*join=*/true).status, 200);
  std::string conversation =
      StringAt(Body(PostEmpty("/api/v1/introductions/" + id + "/accept", t_.auth)), "conversation");
  json opened = Body(Get("/api/v1/conversations/" + conversation, b_.auth));
  EXPECT_EQ(opened["kind"], "group");
  EXPECT_EQ(opened["introduced_by"]["id"], b_.id.ToString());
}

// Twins: to its requester, a lapsed, a declined and an ignored introduction look the same,
// while pending and once expired.
TEST_F(IntroductionsApiTest, LapsedDeclinedAndIgnoredLookTheSameToTheRequester) {
  std::vector<json> pending, expired;
  for (int variant = 0; variant < 3; ++variant) {
    Member requester = NewMember("r" + std::to_string(variant) + "@example.com", "Rin");
    Connect(requester.id, b_.id);
    std::string id = AskOk(requester, t_, {b_.id});
    if (variant == 0) {
      ASSERT_EQ(PostEmpty("/api/v1/introductions/" + id + "/lapse", b_.auth).status, 204);
    } else {
      ASSERT_EQ(Forward(b_, id).status, 200);
      if (variant == 1) {
        ASSERT_EQ(PostEmpty("/api/v1/introductions/" + id + "/decline", t_.auth).status, 204);
      }
    }
    pending.push_back(RequesterView(requester));
    clock_.Advance(days(15));
    expired.push_back(RequesterView(requester));
    clock_.Advance(-days(15));
  }
  EXPECT_EQ(pending[0][0]["status"], "pending");
  EXPECT_EQ(expired[0][0]["status"], "expired");
  EXPECT_EQ(pending[0], pending[1]);
  EXPECT_EQ(pending[1], pending[2]);
  EXPECT_EQ(expired[0], expired[1]);
  EXPECT_EQ(expired[1], expired[2]);
}

TEST_F(IntroductionsApiTest, AskingTheNetworkNamesOnlyWhoHelped) {
  std::string id = AskOk(a_, t_, {});
  json sent = Box(a_, "sent");
  EXPECT_TRUE(sent[0]["ask_network"]);
  EXPECT_TRUE(sent[0]["intermediaries"].empty());
  EXPECT_TRUE(sent[0]["helpers"].empty());
  // One of the two is asked first; the other not yet.
  bool b_first = Box(b_, "asked").size() == 1;
  const Member& first = b_first ? b_ : m_;
  const Member& second = b_first ? m_ : b_;
  EXPECT_TRUE(Box(second, "asked").empty());

  ASSERT_EQ(PostEmpty("/api/v1/introductions/" + id + "/lapse", first.auth).status, 204);
  ASSERT_EQ(Box(second, "asked").size(), 1u) << "the next route is asked at once";
  ASSERT_EQ(Forward(second, id).status, 200);

  sent = Box(a_, "sent");
  ASSERT_EQ(sent[0]["helpers"].size(), 1u);
  EXPECT_EQ(sent[0]["helpers"][0]["id"], second.id.ToString());
  json received = Box(t_, "received");
  ASSERT_EQ(received[0]["vouches"].size(), 1u);
  EXPECT_EQ(received[0]["vouches"][0]["by"]["id"], second.id.ToString());
  EXPECT_EQ(Get("/api/v1/introductions/" + id, t_.auth).body.find(first.id.ToString()),
            std::string::npos)
      << "the target never learns of the one who let it lapse";
}

TEST_F(IntroductionsApiTest, AnUnansweredTurnPassesToTheNextRoute) {
  std::string id = AskOk(a_, t_, {});
  bool b_first = Box(b_, "asked").size() == 1;
  const Member& second = b_first ? m_ : b_;
  clock_.Advance(days(3));
  auto ended = introductions_.AdvanceOverdue();
  ASSERT_TRUE(ended) << ended.error().message;
  EXPECT_EQ(*ended, 1);
  EXPECT_EQ(Box(second, "asked").size(), 1u);
  EXPECT_EQ(Box(b_first ? b_ : m_, "asked")[0]["status"], "lapsed");
  EXPECT_EQ(*introductions_.AdvanceOverdue(), 0) << "nothing more is due";
}

TEST_F(IntroductionsApiTest, AChainReachesATargetThreeHopsAway) {
  Member far = NewMember("far@example.com", "Fumi");
  Connect(t_.id, far.id);
  // The chain's second intermediary must show their connections beyond their own.
  json policy = Body(Get("/api/v1/me/inbound-policy", t_.auth));
  policy["connection_list"] = "members";
  ASSERT_EQ(Put("/api/v1/me/inbound-policy", policy, t_.auth).status, 200);

  json routes =
      Body(Get("/api/v1/members/" + far.id.ToString() + "/introduction-routes", a_.auth))["routes"];
  ASSERT_FALSE(routes.empty());
  EXPECT_EQ(routes[0]["intermediaries"].size(), 2u);
  EXPECT_EQ(routes[0]["intermediaries"][1]["id"], t_.id.ToString());

  std::string id = AskOk(a_, far, {b_.id, t_.id});
  EXPECT_TRUE(Box(t_, "asked").empty());
  ASSERT_EQ(Forward(b_, id, "b の推薦").status, 200);
  json asked = Box(t_, "asked");
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0]["vouches"][0]["note"], "b の推薦");
  EXPECT_EQ(asked[0]["next"]["id"], far.id.ToString());
  ASSERT_EQ(Forward(t_, id, "t の推薦").status, 200);
  json received = Box(far, "received");
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["vouches"].size(), 2u);
  ASSERT_EQ(PostEmpty("/api/v1/introductions/" + id + "/accept", far.auth).status, 200);
}

TEST_F(IntroductionsApiTest, OnlyRoutesTheRequesterMaySeeAreAccepted) {
  Member stranger = NewMember("s@example.com", "Sora");
  Connect(stranger.id, t_.id);
  ExpectError(Ask(a_, t_, {stranger.id}), 400, "intermediaries");
  ExpectError(Ask(a_, t_, {crypto::RandomId<MemberId>()}), 400, "intermediaries");
  Response unparsable = Post("/api/v1/introductions",
                             {{"target", t_.id.ToString()},
                              {"intermediaries", {"x"}},
                              {"purpose", "advice"},
                              {"note", "n"}},
                             a_.auth);
  EXPECT_EQ(unparsable.body, Ask(a_, t_, {stranger.id}).body)
      << "a stranger, an unknown id and garbage are refused alike";

  // m hides their connection list: never a path.
  json policy = Body(Get("/api/v1/me/inbound-policy", m_.auth));
  policy["connection_list"] = "only_me";
  ASSERT_EQ(Put("/api/v1/me/inbound-policy", policy, m_.auth).status, 200);
  ExpectError(Ask(a_, t_, {m_.id}), 400, "intermediaries");
  json routes =
      Body(Get("/api/v1/members/" + t_.id.ToString() + "/introduction-routes", a_.auth))["routes"];
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0]["intermediaries"][0]["id"], b_.id.ToString());
  EXPECT_EQ(routes.dump().find(m_.id.ToString()), std::string::npos);
}

TEST_F(IntroductionsApiTest, OthersFindNothingAndCannotAct) {
  std::string id = AskOk(a_, t_, {b_.id});
  Member other = NewMember("o@example.com", "Oto");
  std::string unknown = crypto::RandomId<IntroductionId>().ToString();
  for (const Member* who : {&other, &m_, &t_}) {
    Response seen = Get("/api/v1/introductions/" + id, who->auth);
    Response absent = Get("/api/v1/introductions/" + unknown, who->auth);
    EXPECT_EQ(seen.status, 404);
    EXPECT_EQ(seen.body, absent.body);
  }
  ExpectError(Forward(m_, id), 404);
  // Not forwarded yet: the target has nothing to accept.
  ExpectError(PostEmpty("/api/v1/introductions/" + id + "/accept", t_.auth), 404);
  ExpectError(Delete("/api/v1/introductions/" + id, b_.auth), 404);
  ASSERT_EQ(Delete("/api/v1/introductions/" + id, a_.auth).status, 204);
  EXPECT_TRUE(Box(b_, "asked").empty()) << "withdrawn";
  ExpectError(Forward(b_, id), 404);
}

TEST_F(IntroductionsApiTest, QuotasAnswer429WithRetryAfterOr409) {
  clock_.Advance(days(31));  // The members' accounts are no longer young.
  std::string id = AskOk(a_, t_, {b_.id});
  ExpectError(Ask(a_, t_, {b_.id}), 409, "intermediaries");
  ASSERT_EQ(Delete("/api/v1/introductions/" + id, a_.auth).status, 204);

  // b may be asked five times a day, by anyone.
  for (int i = 0; i < 4; ++i) {
    Member other = NewMember("q" + std::to_string(i) + "@example.com", "Kei");
    Connect(other.id, b_.id);
    AskOk(other, t_, {b_.id});
  }
  Member sixth = NewMember("q9@example.com", "Kei");
  Connect(sixth.id, b_.id);
  Response capped = Ask(sixth, t_, {b_.id});
  ExpectError(capped, 429);
  EXPECT_FALSE(Header(capped, "Retry-After").empty());

  // Ten a week per requester: a has used one (withdrawn ones count).
  Member friend_of_a = NewMember("f@example.com", "Fuu");
  Connect(a_.id, friend_of_a.id);
  for (int i = 0; i < 9; ++i) {
    clock_.Advance(hours(8));  // Within the week, and never more than 3 a day through f.
    Member target = NewMember("w" + std::to_string(i) + "@example.com", "Wan");
    Connect(friend_of_a.id, target.id);
    // Withdrawn, so that the next may go through f again; it still counts.
    ASSERT_EQ(
        Delete("/api/v1/introductions/" + AskOk(a_, target, {friend_of_a.id}), a_.auth).status,
        204);
  }
  Response weekly = Ask(a_, t_, {m_.id});
  ExpectError(weekly, 429);
  EXPECT_FALSE(Header(weekly, "Retry-After").empty());
}

TEST_F(IntroductionsApiTest, BadInputIsRefusedNamingTheField) {
  auto ask = [&](json body) { return Post("/api/v1/introductions", body, a_.auth); };
  json good = {{"target", t_.id.ToString()},
               {"intermediaries", {b_.id.ToString()}},
               {"purpose", "hiring"},
               {"note", "よろしく"}};
  json bad = good;
  bad["purpose"] = "sales";
  ExpectError(ask(bad), 400, "purpose");
  bad = good;
  bad["note"] = "";
  ExpectError(ask(bad), 400, "note");
  bad = good;
  bad["note"] = std::string(501, 'x');
  ExpectError(ask(bad), 400, "note");
  bad = good;
  bad["note"] = "a\x01z";
  ExpectError(ask(bad), 400, "note");
  bad = good;
  bad["intermediaries"] = {b_.id.ToString(), m_.id.ToString(), t_.id.ToString()};
  ExpectError(ask(bad), 400, "intermediaries");
  bad = good;
  bad["intermediaries"] = {b_.id.ToString(), b_.id.ToString()};
  ExpectError(ask(bad), 400, "intermediaries");
  bad = good;
  bad["version"] = 7;
  ExpectError(ask(bad), 400, "version");
  bad = good;
  bad["target"] = a_.id.ToString();
  ExpectError(ask(bad), 400, "target");
  bad = good;
  bad["target"] = b_.id.ToString();
  ExpectError(ask(bad), 400, "target");
  bad = good;
  bad["target"] = crypto::RandomId<MemberId>().ToString();
  ExpectError(ask(bad), 404);
  Headers json_auth = Join(a_.auth, {{"content-type", "application/json"}});
  ExpectError(PostRaw("/api/v1/introductions", "{\"target\":", json_auth), 400);
  ExpectError(PostRaw("/api/v1/introductions",
                      "{\"target\":\"" + t_.id.ToString() +
                          "\",\"purpose\":\"advice\","
                          "\"note\":\"\xff\"}",
                      json_auth),
              400);
  EXPECT_TRUE(Box(a_, "sent").empty()) << "nothing written";

  std::string id = AskOk(a_, t_, {b_.id});
  ExpectError(Post("/api/v1/introductions/" + id + "/forward", {{"note", 5}}, b_.auth), 400,
              "note");
  ExpectError(Post("/api/v1/introductions/" + id + "/forward", {{"note", ""}}, b_.auth), 400,
              "note");
  EXPECT_EQ(Box(b_, "asked")[0]["status"], "waiting") << "nothing written";
}

TEST_F(IntroductionsApiTest, FarJuniorsAreAskedToComeThroughAnIntroduction) {
  organizations::Company corp = NewCompany("Corp");
  auto at_level = [&](const std::string& seniority) {
    json position = PositionEntry(corp.id, "Role", "2015-01", "members");
    position["seniority"] = seniority;
    json profile = MinimalProfile("Someone");
    profile["positions"] = json::array({position});
    return profile;
  };
  Member junior = NewMember("junior@example.com", "Jun");
  Member executive = NewMember("exec@example.com", "Eiko");
  SaveProfile(junior, at_level("entry"));
  SaveProfile(executive, at_level("executive"));

  json routes =
      Body(Get("/api/v1/members/" + executive.id.ToString() + "/introduction-routes", junior.auth));
  EXPECT_TRUE(routes["suggest_introduction"]);
  EXPECT_TRUE(Body(Get("/api/v1/members/" + junior.id.ToString() + "/introduction-routes",
                       executive.auth))["suggest_introduction"] == false);
  EXPECT_TRUE(Body(Get("/api/v1/me/inbound-policy", executive.auth))["juniors_need_introduction"]);

  // The greeting is filed away, silently; with the policy off it reaches the inbox.
  json greeting = {{"kind", "greeting"}, {"to", executive.id.ToString()}, {"note", "はじめまして"}};
  ASSERT_EQ(Post("/api/v1/requests", greeting, junior.auth).status, 201);
  EXPECT_TRUE(
      Body(Get("/api/v1/me/requests/received?box=inbox", executive.auth))["requests"].empty());
  EXPECT_EQ(
      Body(Get("/api/v1/me/requests/received?box=filtered", executive.auth))["requests"].size(),
      1u);
  json policy = Body(Get("/api/v1/me/inbound-policy", executive.auth));
  policy["juniors_need_introduction"] = false;
  ASSERT_EQ(Put("/api/v1/me/inbound-policy", policy, executive.auth).status, 200);
  Member other_junior = NewMember("junior2@example.com", "Jun");
  SaveProfile(other_junior, at_level("intern"));
  greeting["note"] = "二通目";
  ASSERT_EQ(Post("/api/v1/requests", greeting, other_junior.auth).status, 201);
  EXPECT_EQ(Body(Get("/api/v1/me/requests/received?box=inbox", executive.auth))["requests"].size(),
            1u);
}

}  // namespace
}  // namespace enishi::api::testing
