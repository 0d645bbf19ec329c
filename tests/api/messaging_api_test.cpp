// The messaging, notification and stream endpoints through the Api (docs/API.md): the wire
// form, bad input of every kind answered 4xx with the field named and nothing written, "not
// in it" answered exactly as "does not exist", and the stream's handshake checks, backlog,
// live delivery and frames checked against what the member may see at delivery.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "api_test_fixture.hpp"
#include "domain/notifications/notification.hpp"

namespace enishi::api::testing {
namespace messaging_api {
namespace {

// What a stream endpoint sent, for the test to read.
class RecordingOutlet final : public StreamOutlet {
 public:
  bool Send(std::string text) override {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    frames_.push_back(json::parse(text));
    changed_.notify_all();
    return true;
  }
  void Close(uint16_t code, std::string_view) override {
    std::lock_guard lock(mutex_);
    closed_ = true;
    close_code_ = code;
    changed_.notify_all();
  }
  // The frames so far once there are at least `count`; fails after a few seconds.
  std::vector<json> WaitFor(size_t count) {
    std::unique_lock lock(mutex_);
    bool enough = changed_.wait_for(lock, std::chrono::seconds(5),
                                    [&] { return frames_.size() >= count || closed_; });
    EXPECT_TRUE(enough) << "only " << frames_.size() << " frames";
    return frames_;
  }
  std::vector<json> Frames() {
    std::lock_guard lock(mutex_);
    return frames_;
  }
  // The close code once closed; fails after a few seconds.
  uint16_t WaitClosed() {
    std::unique_lock lock(mutex_);
    EXPECT_TRUE(changed_.wait_for(lock, std::chrono::seconds(5), [&] { return closed_; }));
    return close_code_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<json> frames_;
  bool closed_ = false;
  uint16_t close_code_ = 0;
};

class MessagingApiTest : public ApiTest {
 protected:
  MessagingApiTest() {
    a_ = NewMember("a@example.com", "青木");
    b_ = NewMember("b@example.com", "馬場");
    Connect(a_.id, b_.id);
  }

  // Opens the direct conversation of `from` with `to`; its id.
  std::string OpenDirect(const Member& from, const Member& to, json extra = json::object()) {
    extra["members"] = {to.id.ToString()};
    Response opened = Post("/api/v1/conversations", extra, from.auth);
    EXPECT_TRUE(opened.status == 201 || opened.status == 200) << opened.body;
    return StringAt(Body(opened), "id");
  }

  Response SendText(const Member& from, const std::string& conversation, const std::string& text) {
    return Post("/api/v1/conversations/" + conversation + "/messages", {{"text", text}},
                from.auth);
  }

  // The stream endpoint the Api hands http/ for `member`, opened on a recording outlet.
  std::shared_ptr<StreamEndpoint> OpenStream(const Member& member, std::string query,
                                             const std::shared_ptr<RecordingOutlet>& outlet) {
    Response response = Get("/api/v1/stream" + query,
                            Join(member.auth, {{"upgrade", "websocket"}, {"connection", "Upgrade"}}));
    EXPECT_EQ(response.status, 101) << response.body;
    EXPECT_TRUE(response.upgrade);
    if (response.upgrade) response.upgrade->Open(outlet);
    return response.upgrade;
  }

  Member a_, b_;
};

TEST_F(MessagingApiTest, ConnectedMembersChatThroughTheApi) {
  std::string id = OpenDirect(a_, b_, {{"text", "こんにちは"}});
  Response conversation = Get("/api/v1/conversations/" + id, b_.auth);
  ASSERT_EQ(conversation.status, 200) << conversation.body;
  json body = Body(conversation);
  EXPECT_EQ(body["kind"], "direct");
  EXPECT_EQ(body["folder"], "inbox");
  ASSERT_EQ(body["participants"].size(), 1u);
  EXPECT_EQ(body["participants"][0]["id"], a_.id.ToString());
  EXPECT_EQ(body["participants"][0]["degree"], 1);
  EXPECT_FALSE(body.contains("read_by"));

  Response sent = SendText(b_, id, "どうも");
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(Body(sent)["seq"], 2);

  json listed = Body(Get("/api/v1/conversations", a_.auth));
  ASSERT_EQ(listed["conversations"].size(), 1u);
  EXPECT_EQ(listed["conversations"][0]["unread"], 1);
  EXPECT_EQ(listed["conversations"][0]["last_message"]["text"], "どうも");
  EXPECT_EQ(Body(Get("/api/v1/me/unread", a_.auth))["messages"], 1);

  json history = Body(Get("/api/v1/conversations/" + id + "/messages?limit=1", a_.auth));
  ASSERT_EQ(history["messages"].size(), 1u);
  EXPECT_EQ(history["messages"][0]["text"], "どうも");
  EXPECT_EQ(history["has_more"], true);
  json older = Body(Get("/api/v1/conversations/" + id + "/messages?before=2", a_.auth));
  EXPECT_EQ(older["messages"][0]["text"], "こんにちは");
  EXPECT_EQ(older["has_more"], false);

  EXPECT_EQ(Post("/api/v1/conversations/" + id + "/read", {{"up_to", 2}}, a_.auth).status, 204);
  EXPECT_EQ(Body(Get("/api/v1/me/unread", a_.auth))["messages"], 0);

  std::string message = StringAt(Body(sent), "id");
  Response edited = Patch("/api/v1/conversations/" + id + "/messages/" + message,
                          {{"text", "どうも！"}}, b_.auth);
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_TRUE(Body(edited).contains("edited_at"));
  EXPECT_EQ(Delete("/api/v1/conversations/" + id + "/messages/" + message + "?for=everyone",
                   b_.auth)
                .status,
            204);
  json after = Body(Get("/api/v1/conversations/" + id + "/messages", a_.auth));
  EXPECT_EQ(after["messages"][0]["deleted"], true);
  EXPECT_EQ(after["messages"][0]["text"], "");
}

TEST_F(MessagingApiTest, AConversationOneIsNotInAnswersAsOneThatDoesNotExist) {
  std::string id = OpenDirect(a_, b_, {{"text", "内緒の話 canary-4f1"}});
  Member outsider = NewMember("c@example.com");
  std::string unknown = crypto::RandomId<ConversationId>().ToString();
  for (const std::string& suffix : {std::string(""), std::string("/messages")}) {
    Response theirs = Get("/api/v1/conversations/" + id + suffix, outsider.auth);
    Response missing = Get("/api/v1/conversations/" + unknown + suffix, outsider.auth);
    EXPECT_EQ(theirs.status, 404);
    EXPECT_EQ(theirs.body, missing.body);
    EXPECT_EQ(theirs.body.find("canary-4f1"), std::string::npos);
  }
  Response send_theirs = SendText(outsider, id, "割り込み");
  Response send_missing = SendText(outsider, unknown, "割り込み");
  EXPECT_EQ(send_theirs.status, 404);
  EXPECT_EQ(send_theirs.body, send_missing.body);
  EXPECT_EQ(Get("/api/v1/conversations/not-an-id", outsider.auth).status, 404);
}

TEST_F(MessagingApiTest, BadInputIsRefusedWithTheFieldNamedAndNothingWritten) {
  std::string id = OpenDirect(a_, b_, {{"text", "最初"}});
  std::string messages = "/api/v1/conversations/" + id + "/messages";
  struct Case {
    json body;
    std::string field;
  };
  std::vector<Case> cases = {
      {{{"text", ""}}, "text"},
      {{{"text", std::string(4001, 'a')}}, "text"},
      {{{"text", 5}}, "text"},
      {{{"text", "x"}, {"id", "forged"}}, "id"},
      {{{"text", "x"}, {"seq", 1}}, "seq"},
      {{{"text", "x"}, {"sender", b_.id.ToString()}}, "sender"},
      {{{"text", "x"}, {"kind", "sales_pitch"}}, "kind"},
      {{{"text", "x"}, {"kind", "meeting_request"}, {"proposed_times", {"tomorrow"}}},
       "proposed_times[0]"},
      {{{"text", "x"}, {"kind", "proposal"}, {"subject", "提案"}}, "kind"},  // Not allowed here.
      {{{"text", "x"}, {"proposed_times", {"2030-01-01T00:00:00Z"}}}, "proposed_times"},
  };
  for (const Case& c : cases) {
    Response answer = Post(messages, c.body, a_.auth);
    EXPECT_EQ(answer.status, 400) << c.body.dump() << " " << answer.body;
    EXPECT_EQ(StringAt(ErrorOf(answer), "field"), c.field) << c.body.dump();
  }
  Headers json_auth = Join(a_.auth, {{"content-type", "application/json"}});
  EXPECT_EQ(PostRaw(messages, "{\"text\": \"\xff\"}", json_auth).status, 400);
  EXPECT_EQ(PostRaw(messages, "{\"text\": ", json_auth).status, 400);
  EXPECT_EQ(Get(messages + "?before=0", a_.auth).status, 400);
  EXPECT_EQ(Get(messages + "?limit=1000", a_.auth).status, 400);
  EXPECT_EQ(Get("/api/v1/conversations?folder=spam", a_.auth).status, 400);
  EXPECT_EQ(Get("/api/v1/conversations?cursor=garbage", a_.auth).status, 400);
  EXPECT_EQ(Delete(messages + "/" + crypto::RandomId<MessageId>().ToString(), a_.auth).status, 400)
      << "for= is required";
  EXPECT_EQ(Post("/api/v1/conversations", {{"members", json::array()}}, a_.auth).status, 400);
  EXPECT_EQ(Post("/api/v1/conversations", {{"members", {a_.id.ToString()}}, {"text", "self"}},
                 a_.auth)
                .status,
            400);
  EXPECT_EQ(Body(Get(messages, a_.auth))["messages"].size(), 1u) << "nothing was written";
}

TEST_F(MessagingApiTest, NotificationsListActorsAsTheMemberMaySeeThem) {
  Member c = NewMember("c@example.com", "千葉");
  ASSERT_EQ(Post("/api/v1/requests", {{"kind", "greeting"}, {"to", c.id.ToString()}}, a_.auth)
                .status,
            201);
  json listed = Body(Get("/api/v1/me/notifications", c.auth));
  ASSERT_EQ(listed["notifications"].size(), 1u);
  json notification = listed["notifications"][0];
  EXPECT_EQ(notification["kind"], "greeting_received");
  EXPECT_EQ(notification["category"], "greetings");
  EXPECT_EQ(notification["actor"]["id"], a_.id.ToString());
  EXPECT_EQ(notification["read"], false);
  EXPECT_EQ(Body(Get("/api/v1/me/unread", c.auth))["notifications"], 1);

  std::string id = StringAt(notification, "id");
  EXPECT_EQ(PostEmpty("/api/v1/me/notifications/" + id + "/read", a_.auth).status, 404)
      << "someone else's notification";
  EXPECT_EQ(PostEmpty("/api/v1/me/notifications/" + id + "/read", c.auth).status, 204);
  EXPECT_EQ(Body(Get("/api/v1/me/unread", c.auth))["notifications"], 0);

  // Blocking the actor since takes the notification out of the centre.
  ASSERT_EQ(Post("/api/v1/me/blocks", {{"member", a_.id.ToString()}}, c.auth).status, 204);
  EXPECT_TRUE(Body(Get("/api/v1/me/notifications", c.auth))["notifications"].empty());
}

TEST_F(MessagingApiTest, NotificationSettingsRoundTripAndAreChecked) {
  json settings = Body(Get("/api/v1/me/notification-settings", a_.auth));
  EXPECT_EQ(settings["categories"]["greetings"]["delivery"], "in_app");
  EXPECT_EQ(settings["quiet_hours"]["start"], "22:00");
  EXPECT_EQ(settings["email_digest"], false);
  EXPECT_EQ(settings["email_digest_available"], false) << "this server sends no mail";
  settings.erase("email_digest_available");  // The server's to say, not the client's.

  settings["time_zone"] = "Asia/Tokyo";
  settings["quiet_hours"] = nullptr;
  settings["categories"]["jobs"]["delivery"] = "real_time";
  Response saved = Put("/api/v1/me/notification-settings", settings, a_.auth);
  ASSERT_EQ(saved.status, 200) << saved.body;
  json as_answered = settings;
  as_answered["email_digest_available"] = false;
  EXPECT_EQ(Body(saved), as_answered);
  EXPECT_EQ(Body(Get("/api/v1/me/notification-settings", a_.auth)), as_answered);

  auto refused = [&](json body, const std::string& field) {
    Response answer = Put("/api/v1/me/notification-settings", body, a_.auth);
    EXPECT_EQ(answer.status, 400) << body.dump();
    EXPECT_EQ(StringAt(ErrorOf(answer), "field"), field) << answer.body;
  };
  json bad = settings;
  bad["time_zone"] = "Nowhere/Atlantis";
  refused(bad, "time_zone");
  bad = settings;
  bad["quiet_hours"] = {{"start", "25:00"}, {"end", "07:00"}};
  refused(bad, "quiet_hours.start");
  bad = settings;
  bad["categories"]["jobs"]["delivery"] = "spam";
  refused(bad, "categories.jobs.delivery");
  bad = settings;
  bad["categories"].erase("safety");
  refused(bad, "categories.safety");
  bad = settings;
  bad["promotions"] = true;
  refused(bad, "promotions");
  refused(as_answered, "email_digest_available");
  bad = settings;
  bad["email_digest"] = true;
  refused(bad, "email_digest");
  EXPECT_EQ(Body(Get("/api/v1/me/notification-settings", a_.auth)), as_answered);
}

TEST_F(MessagingApiTest, TheStreamChecksItsHandshake) {
  Headers upgrade = {{"upgrade", "websocket"}, {"connection", "Upgrade"}};
  EXPECT_EQ(Get("/api/v1/stream", upgrade).status, 401);
  EXPECT_EQ(Get("/api/v1/stream", a_.auth).status, 400) << "not a WebSocket handshake";
  Response foreign = Get("/api/v1/stream", Join(Join(a_.auth, upgrade),
                                                 {{"origin", "https://evil.example"}}));
  EXPECT_EQ(foreign.status, 403);
  EXPECT_FALSE(foreign.upgrade);
  EXPECT_EQ(Get("/api/v1/stream?after=-1", Join(a_.auth, upgrade)).status, 400);
  EXPECT_EQ(Get("/api/v1/stream?after=x", Join(a_.auth, upgrade)).status, 400);
}

TEST_F(MessagingApiTest, TheStreamReplaysThenDeliversLiveAndResumes) {
  std::string id = OpenDirect(a_, b_, {{"text", "一通目"}});
  auto outlet = std::make_shared<RecordingOutlet>();
  auto endpoint = OpenStream(b_, "?after=0", outlet);
  ASSERT_TRUE(endpoint);
  std::vector<json> frames = outlet->WaitFor(2);
  ASSERT_GE(frames.size(), 2u);
  EXPECT_EQ(frames[0]["type"], "message");
  EXPECT_EQ(frames[0]["message"]["text"], "一通目");
  EXPECT_EQ(frames[1]["type"], "ready");
  int64_t ready_at = frames[1]["last_event"];

  ASSERT_EQ(SendText(a_, id, "二通目").status, 201);
  frames = outlet->WaitFor(3);
  ASSERT_GE(frames.size(), 3u);
  EXPECT_EQ(frames[2]["message"]["text"], "二通目");
  EXPECT_EQ(frames[2]["id"], ready_at + 1);
  endpoint->Closed();

  // A client without `after` starts from now.
  auto fresh = std::make_shared<RecordingOutlet>();
  auto from_now = OpenStream(b_, "", fresh);
  frames = fresh->WaitFor(1);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0]["type"], "ready");
  EXPECT_EQ(frames[0]["last_event"], ready_at + 1);
  from_now->Closed();

  // A client that reconnects from the last id it saw gets only what came after.
  ASSERT_EQ(SendText(a_, id, "三通目").status, 201);
  auto again = std::make_shared<RecordingOutlet>();
  auto resumed = OpenStream(b_, "?after=" + std::to_string(ready_at + 1), again);
  frames = again->WaitFor(2);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0]["message"]["text"], "三通目");
  EXPECT_EQ(frames[1]["type"], "ready");
  resumed->Closed();
}

TEST_F(MessagingApiTest, AStreamClosesWhenItsSessionEnds) {
  std::string id = OpenDirect(a_, b_, {{"text", "一通目"}});
  Response login = Post("/api/v1/login", {{"login", b_.login},
                                          {"password", std::string(kPassword)},
                                          {"client", "api"}});
  ASSERT_EQ(login.status, 200) << login.body;
  Member other_device = b_;
  other_device.auth = Bearer(StringAt(Body(login), "token"));
  auto ending = std::make_shared<RecordingOutlet>();
  auto staying = std::make_shared<RecordingOutlet>();
  auto ending_stream = OpenStream(b_, "", ending);
  auto staying_stream = OpenStream(other_device, "", staying);
  ASSERT_EQ(ending->WaitFor(1).size(), 1u);  // "ready"
  ASSERT_EQ(staying->WaitFor(1).size(), 1u);

  ASSERT_EQ(PostEmpty("/api/v1/logout", b_.auth).status, 204);
  EXPECT_EQ(ending->WaitClosed(), 1008);
  ASSERT_EQ(SendText(a_, id, "ログアウト後").status, 201);
  std::vector<json> frames = staying->WaitFor(2);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[1]["message"]["text"], "ログアウト後") << "the other session stays open";
  EXPECT_EQ(ending->Frames().size(), 1u) << "the ended session hears nothing more";
  ending_stream->Closed();
  staying_stream->Closed();
}

TEST_F(MessagingApiTest, TheStreamRendersAtDeliveryAndAnswersBadFrames) {
  Member c = NewMember("c@example.com");
  Connect(a_.id, c.id);
  Connect(b_.id, c.id);
  Response group = Post("/api/v1/conversations",
                        {{"members", {b_.id.ToString(), c.id.ToString()}}, {"title", "三人"}},
                        a_.auth);
  ASSERT_EQ(group.status, 201) << group.body;
  std::string id = StringAt(Body(group), "id");
  // c blocks a after the fact: a's message stays out of c's stream.
  ASSERT_EQ(Post("/api/v1/me/blocks", {{"member", a_.id.ToString()}}, c.auth).status, 204);
  ASSERT_EQ(SendText(a_, id, "canary-b10ck").status, 201);
  ASSERT_EQ(SendText(b_, id, "こんばんは").status, 201);

  auto outlet = std::make_shared<RecordingOutlet>();
  auto endpoint = OpenStream(c, "?after=0", outlet);
  std::vector<json> frames;
  for (int tries = 0; tries < 50; ++tries) {
    frames = outlet->Frames();
    if (!frames.empty() && frames.back()["type"] == "ready") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(frames.empty());
  EXPECT_EQ(frames.back()["type"], "ready");
  for (const json& frame : frames) {
    EXPECT_EQ(frame.dump().find("canary-b10ck"), std::string::npos) << frame.dump();
  }

  size_t before = outlet->Frames().size();
  endpoint->Receive("{not json");
  endpoint->Receive(R"({"type":"typing","conversation":"nope"})");
  endpoint->Receive(R"({"type":"dance","conversation":")" + id + "\"}");
  frames = outlet->WaitFor(before + 3);
  ASSERT_EQ(frames.size(), before + 3);
  for (size_t i = before; i < frames.size(); ++i) EXPECT_EQ(frames[i]["type"], "error");
  EXPECT_EQ(frames[before + 1]["error"]["code"], "not_found");
  endpoint->Closed();
}

}  // namespace
}  // namespace messaging_api
}  // namespace enishi::api::testing
