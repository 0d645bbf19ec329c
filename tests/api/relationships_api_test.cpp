// The relationship endpoints (docs/API.md, "Relationships"): card exchange, requests, private
// ratings and notes, silence towards senders, blocks, the inbound policy, vCards, and bad
// input.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "profile_fixture.hpp"

namespace enishi::api::testing {
namespace {

class RelationshipsApiTest : public ProfileApiTestBase {
 protected:
  RelationshipsApiTest() {
    // Accounts old enough for the full quotas unless a test says otherwise.
    alice_ = NewMember("alice@example.com", "Alice");
    bob_ = NewMember("bob@example.com", "Bob");
    clock_.Advance(std::chrono::days(40));
  }

  std::string CardCode(const Member& member) {
    Response card = Get("/api/v1/me/card", member.auth);
    EXPECT_EQ(card.status, 200) << card.body;
    return StringAt(Body(card), "code");
  }

  json Scan(const Member& scanner, const std::string& code, int status = 200) {
    Response scanned = Post("/api/v1/cards/scan", {{"code", code}}, scanner.auth);
    EXPECT_EQ(scanned.status, status) << scanned.body;
    return Body(scanned);
  }

  // Both scan each other's card: connected.
  void ExchangeCards(const Member& a, const Member& b) {
    EXPECT_EQ(Scan(a, CardCode(b))["outcome"], "requested");
    EXPECT_EQ(Scan(b, CardCode(a))["outcome"], "connected");
  }

  Response SendRequest(const Member& from, const Member& to, const std::string& kind,
                       json extra = json::object()) {
    json body = {{"kind", kind}, {"to", to.id.ToString()}};
    if (kind == "connection" && !extra.contains("provenance")) body["provenance"] = "same_group";
    body.update(extra);
    return Post("/api/v1/requests", body, from.auth);
  }

  // A sent-requests body with what differs between requests to different members removed.
  json SentShape(const Member& sender) {
    json sent = Body(Get("/api/v1/me/requests/sent", sender.auth));
    for (json& request : sent["requests"]) {
      for (const char* key : {"id", "to", "created_at", "expires_at"}) request.erase(key);
    }
    return sent;
  }

  Member alice_, bob_;
};

TEST_F(RelationshipsApiTest, CardsExchangedInPersonConnectAtOnce) {
  std::string code = CardCode(bob_);
  EXPECT_EQ(code.size(), 10u);
  json first = Scan(alice_, code.substr(0, 5) + "-" + code.substr(5));
  EXPECT_EQ(first["outcome"], "requested");
  EXPECT_EQ(first["member"]["id"], bob_.id.ToString());
  // Bob scans back within minutes: the cards are exchanged.
  json second = Scan(bob_, CardCode(alice_));
  EXPECT_EQ(second["outcome"], "connected");
  EXPECT_EQ(second["member"]["id"], alice_.id.ToString());

  json view = Body(Get("/api/v1/members/" + bob_.id.ToString(), alice_.auth));
  EXPECT_EQ(view["degree"], 1);
  EXPECT_EQ(view["stage"], "connected");
  json connections = Body(Get("/api/v1/me/connections", alice_.auth))["connections"];
  ASSERT_EQ(connections.size(), 1u);
  EXPECT_EQ(connections[0]["member"]["id"], bob_.id.ToString());
  EXPECT_EQ(connections[0]["member"]["degree"], 1);
  EXPECT_EQ(connections[0]["provenance"], "met_in_person");
  EXPECT_TRUE(connections[0]["rating"].is_null());
}

TEST_F(RelationshipsApiTest, RatingsAndNotesAreSeenByTheirAuthorAlone) {
  ExchangeCards(alice_, bob_);
  const std::string alice_note = "ALICE-PRIVATE-NOTE-7f3a";
  const std::string bob_note = "BOB-PRIVATE-NOTE-91c2";
  Response rated = Put("/api/v1/me/connections/" + bob_.id.ToString(),
                       {{"rating", 4}, {"note", alice_note}, {"trusted", true}}, alice_.auth);
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(Body(rated)["rating"], 4);
  ASSERT_EQ(Put("/api/v1/me/connections/" + alice_.id.ToString(),
                {{"rating", 2}, {"note", bob_note}, {"trusted", false}}, bob_.auth)
                .status,
            200);

  // Everything Bob can ask about Alice and himself.
  std::string alice = "/api/v1/members/" + alice_.id.ToString();
  for (const std::string& path : std::vector<std::string>{
           "/api/v1/me/connections", "/api/v1/me/export", alice, alice + "/connections",
           alice + "/mutuals", alice + "/paths", alice + "/vcard", "/api/v1/me/suggestions"}) {
    Response response = Get(path, bob_.auth);
    EXPECT_EQ(response.body.find(alice_note), std::string::npos) << path;
    EXPECT_EQ(response.body.find("\"trusted\":true"), std::string::npos) << path;
  }
  json bobs = Body(Get("/api/v1/me/connections", bob_.auth))["connections"][0];
  EXPECT_EQ(bobs["rating"], 2);
  EXPECT_EQ(bobs["note"], bob_note);
  json alices = Body(Get("/api/v1/me/connections", alice_.auth))["connections"][0];
  EXPECT_EQ(alices["rating"], 4);
  EXPECT_EQ(alices["note"], alice_note);
  EXPECT_EQ(Get("/api/v1/me/connections", alice_.auth).body.find(bob_note), std::string::npos);
}

TEST_F(RelationshipsApiTest, DeclinedFilteredAndIgnoredAreTheSameToTheSender) {
  Member declines = NewMember("declines@example.com", "D");
  Member filters = NewMember("filters@example.com", "F");
  Member ignores = NewMember("ignores@example.com", "I");
  json policy = Body(Get("/api/v1/me/inbound-policy", filters.auth));
  policy["requests"] = "nobody";
  ASSERT_EQ(Put("/api/v1/me/inbound-policy", policy, filters.auth).status, 200);
  policy["requests"] = "anyone";
  ASSERT_EQ(Put("/api/v1/me/inbound-policy", policy, declines.auth).status, 200);
  ASSERT_EQ(Put("/api/v1/me/inbound-policy", policy, ignores.auth).status, 200);

  std::vector<json> shapes;
  std::vector<std::string> answers, resends;
  std::vector<Member> senders;
  for (const Member* recipient : {&declines, &filters, &ignores}) {
    senders.push_back(NewMember("sender-" + recipient->login, "Sender"));
  }
  clock_.Advance(std::chrono::days(31));  // Past the lower quotas of new accounts.
  for (const Member* recipient : {&declines, &filters, &ignores}) {
    const Member& sender = senders[answers.size()];
    Response sent = SendRequest(sender, *recipient, "connection");
    ASSERT_EQ(sent.status, 201) << sent.body;
    json body = Body(sent);
    if (recipient == &declines) {
      json inbox = Body(Get("/api/v1/me/requests/received", declines.auth));
      ASSERT_EQ(inbox["requests"].size(), 1u);
      std::string id = StringAt(inbox["requests"][0], "id");
      ASSERT_EQ(PostEmpty("/api/v1/requests/" + id + "/decline", declines.auth).status, 204);
    }
    for (const char* key : {"id", "to", "created_at", "expires_at"}) body.erase(key);
    answers.push_back(body.dump());
    shapes.push_back(SentShape(sender));
    Response again = SendRequest(sender, *recipient, "connection");
    resends.push_back(std::to_string(again.status) + " " + again.body);
  }
  EXPECT_EQ(answers[0], answers[1]);
  EXPECT_EQ(answers[1], answers[2]);
  EXPECT_EQ(shapes[0], shapes[1]);
  EXPECT_EQ(shapes[1], shapes[2]);
  EXPECT_EQ(shapes[0]["requests"][0]["status"], "pending");
  EXPECT_EQ(resends[0], resends[1]);
  EXPECT_EQ(resends[1], resends[2]);

  // The filtered request waits in the Filtered folder, not the inbox.
  EXPECT_TRUE(Body(Get("/api/v1/me/requests/received", filters.auth))["requests"].empty());
  EXPECT_EQ(Body(Get("/api/v1/me/requests/received?box=filtered", filters.auth))["requests"]
                .size(),
            1u);
}

TEST_F(RelationshipsApiTest, ARequestExpiresAfterThirtyDays) {
  ASSERT_EQ(SendRequest(alice_, bob_, "greeting", {{"note", "はじめまして"}}).status, 201);
  clock_.Advance(std::chrono::days(30));
  json sent = Body(Get("/api/v1/me/requests/sent", alice_.auth));
  EXPECT_EQ(sent["requests"][0]["status"], "expired");
  EXPECT_TRUE(Body(Get("/api/v1/me/requests/received", bob_.auth))["requests"].empty());
}

TEST_F(RelationshipsApiTest, AReturnedGreetingShowsAsTheStage) {
  ASSERT_EQ(SendRequest(alice_, bob_, "greeting").status, 201);
  json inbox = Body(Get("/api/v1/me/requests/received?kind=greeting", bob_.auth));
  ASSERT_EQ(inbox["requests"].size(), 1u);
  EXPECT_EQ(inbox["requests"][0]["from"]["id"], alice_.id.ToString());
  EXPECT_EQ(inbox["requests"][0]["from"]["display_name"], "Alice");
  std::string id = StringAt(inbox["requests"][0], "id");
  ASSERT_EQ(PostEmpty("/api/v1/requests/" + id + "/accept", bob_.auth).status, 204);
  EXPECT_EQ(Body(Get("/api/v1/members/" + bob_.id.ToString(), alice_.auth))["stage"], "greeted");
  EXPECT_EQ(Body(Get("/api/v1/me/requests/sent", alice_.auth))["requests"][0]["status"],
            "accepted");
}

TEST_F(RelationshipsApiTest, ABlockedMemberFindsTheBlockerNowhere) {
  ExchangeCards(alice_, bob_);
  std::string unknown = crypto::RandomId<MemberId>().ToString();
  ASSERT_EQ(Post("/api/v1/me/blocks", {{"member", bob_.id.ToString()}}, alice_.auth).status, 204);
  for (std::string suffix : {"", "/connections", "/vcard", "/photo"}) {
    Response blocked = Get("/api/v1/members/" + alice_.id.ToString() + suffix, bob_.auth);
    Response missing = Get("/api/v1/members/" + unknown + suffix, bob_.auth);
    EXPECT_EQ(blocked.status, 404) << suffix;
    EXPECT_EQ(blocked.status, missing.status) << suffix;
    EXPECT_EQ(blocked.body, missing.body) << suffix;
  }
  EXPECT_EQ(SendRequest(bob_, alice_, "greeting").status, 404);
  EXPECT_TRUE(Body(Get("/api/v1/me/connections", bob_.auth))["connections"].empty());
  json blocks = Body(Get("/api/v1/me/blocks", alice_.auth))["blocks"];
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0]["member"], bob_.id.ToString());
  EXPECT_EQ(Delete("/api/v1/me/blocks/" + bob_.id.ToString(), alice_.auth).status, 204);
  EXPECT_EQ(Get("/api/v1/members/" + alice_.id.ToString(), bob_.auth).status, 200);
}

TEST_F(RelationshipsApiTest, AVCardHoldsWhatTheConnectionMaySee) {
  json profile = MinimalProfile("Alice");
  profile["headline"] = Audienced("Engineer, Tokyo", "members");
  profile["contacts"] = {
      {{"kind", "email"}, {"value", "alice@work.example"}, {"audience", "connections"}},
      {{"kind", "phone"}, {"value", "+81 90 0000 0000"}, {"audience", "only_me"}}};
  SaveProfile(alice_, profile);
  EXPECT_EQ(Get("/api/v1/members/" + alice_.id.ToString() + "/vcard", bob_.auth).status, 404);
  ExchangeCards(alice_, bob_);
  Response card = Get("/api/v1/members/" + alice_.id.ToString() + "/vcard", bob_.auth);
  ASSERT_EQ(card.status, 200) << card.body;
  EXPECT_EQ(Header(card, "Content-Type"), "text/vcard; charset=utf-8");
  EXPECT_NE(card.body.find("FN:Alice"), std::string::npos) << card.body;
  EXPECT_NE(card.body.find("EMAIL:alice@work.example"), std::string::npos) << card.body;
  EXPECT_EQ(card.body.find("+81 90"), std::string::npos) << card.body;
}

TEST_F(RelationshipsApiTest, TheInboundPolicyRoundTrips) {
  json policy = Body(Get("/api/v1/me/inbound-policy", alice_.auth));
  EXPECT_EQ(policy["greetings"], "anyone");
  EXPECT_EQ(policy["requests"], "second_degree");
  EXPECT_EQ(policy["connection_list"], "connections");
  policy["refused_functions"] = {"sales", "headhunting"};
  policy["min_account_age_days"] = 30;
  policy["business_asks"] = "connections";
  policy["connection_list"] = "only_me";
  Response saved = Put("/api/v1/me/inbound-policy", policy, alice_.auth);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Body(Get("/api/v1/me/inbound-policy", alice_.auth)), policy);
}

TEST_F(RelationshipsApiTest, BadInputIsAClearClientError) {
  ExchangeCards(alice_, bob_);
  std::string bob_id = bob_.id.ToString();
  struct Case {
    std::string name;
    Response response;
    int status;
    std::string field;
  };
  json policy = Body(Get("/api/v1/me/inbound-policy", alice_.auth));
  json bad_reach = policy;
  bad_reach["greetings"] = "everyone";
  json bad_function = policy;
  bad_function["refused_functions"] = {"spying"};
  json extra_field = policy;
  extra_field["verified"] = true;
  Member carol = NewMember("carol@example.com", "Carol");
  std::vector<Case> cases = {
      {"to oneself", SendRequest(alice_, alice_, "greeting"), 400, "to"},
      {"unknown kind", SendRequest(alice_, carol, "poke"), 400, "kind"},
      {"no provenance",
       Post("/api/v1/requests",
            {{"kind", "connection"}, {"to", carol.id.ToString()}}, alice_.auth),
       400, "provenance"},
      {"introduced without introducer",
       SendRequest(alice_, carol, "connection", {{"provenance", "introduced"}}), 400,
       "introduced_by"},
      {"over-long note", SendRequest(alice_, carol, "greeting", {{"note", std::string(301, 'x')}}),
       400, "note"},
      {"already connected", SendRequest(alice_, bob_, "connection"), 409, "to"},
      {"unknown member", SendRequest(alice_, Member{crypto::RandomId<MemberId>(), "", "", {}},
                                     "greeting"),
       404, ""},
      {"rating too high",
       Put("/api/v1/me/connections/" + bob_id, {{"rating", 6}, {"note", ""}, {"trusted", false}},
           alice_.auth),
       400, "rating"},
      {"rating of a stranger",
       Put("/api/v1/me/connections/" + carol.id.ToString(),
           {{"rating", 3}, {"note", ""}, {"trusted", false}}, alice_.auth),
       404, ""},
      {"rating as text",
       Put("/api/v1/me/connections/" + bob_id, {{"rating", "5"}, {"note", ""}, {"trusted", false}},
           alice_.auth),
       400, "rating"},
      {"unknown reach", Put("/api/v1/me/inbound-policy", bad_reach, alice_.auth), 400, "greetings"},
      {"unknown function", Put("/api/v1/me/inbound-policy", bad_function, alice_.auth), 400,
       "refused_functions[0]"},
      {"mass assignment", Put("/api/v1/me/inbound-policy", extra_field, alice_.auth), 400,
       "verified"},
      {"malformed code", Post("/api/v1/cards/scan", {{"code", "!!"}}, alice_.auth), 400, "code"},
      {"own code", Post("/api/v1/cards/scan", {{"code", CardCode(alice_)}}, alice_.auth), 400,
       "code"},
      {"unknown request",
       PostEmpty("/api/v1/requests/" + crypto::RandomId<RequestId>().ToString() + "/accept",
                 alice_.auth),
       404, ""},
      {"bad box", Get("/api/v1/me/requests/received?box=spam", alice_.auth), 400, "box"},
      {"blocking oneself", Post("/api/v1/me/blocks", {{"member", alice_.id.ToString()}},
                                alice_.auth),
       400, "member"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.response.status, c.status) << c.name << ": " << c.response.body;
    json error = ErrorOf(c.response);
    if (!c.field.empty()) {
      EXPECT_EQ(StringAt(error, "field"), c.field) << c.name;
    }
  }

  // Acting on another member's request.
  ASSERT_EQ(SendRequest(carol, bob_, "greeting").status, 201);
  std::string id = StringAt(Body(Get("/api/v1/me/requests/received", bob_.auth))["requests"][0],
                            "id");
  EXPECT_EQ(PostEmpty("/api/v1/requests/" + id + "/accept", alice_.auth).status, 404);
  EXPECT_EQ(Delete("/api/v1/requests/" + id, bob_.auth).status, 404);
}

TEST_F(RelationshipsApiTest, QuotasAnswerWithRetryAfter) {
  Member young = NewMember("young@example.com", "Young");
  Response last;
  for (int i = 0; i < 6; ++i) {
    Member other = NewMember("g" + std::to_string(i) + "@example.com", "G");
    last = SendRequest(young, other, "greeting");
  }
  EXPECT_EQ(last.status, 429) << last.body;
  EXPECT_FALSE(Header(last, "Retry-After").empty());
}

}  // namespace
}  // namespace enishi::api::testing
