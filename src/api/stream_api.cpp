#include "api/stream_api.hpp"

#include <charconv>
#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "api/call_helpers.hpp"
#include "api/json_codec.hpp"
#include "api/messaging_codec.hpp"
#include "api/middleware.hpp"
#include "api/notifications_api.hpp"
#include "api/stream_hub.hpp"
#include "api/url.hpp"
#include "core/log.hpp"
#include "crypto/random.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/cluster/change_feed.hpp"
#include "domain/messaging/messaging_service.hpp"
#include "domain/notifications/notification_service.hpp"

namespace enishi::api {
namespace {

using nlohmann::json;
using stream::EventKind;

// A client's typing frames are heeded at most this often per conversation: each one costs
// store reads and, between servers, a NOTIFY.
constexpr auto kTypingInterval = std::chrono::seconds(2);
// A client frame larger than this is not JSON we asked for (http/ caps frames at 16 KiB).
constexpr int kFrameDepth = 4;

// Tells this server's own typing notices from other servers' on the shared channel.
const std::string& ServerToken() {
  static const std::string token = crypto::RandomToken(9);
  return token;
}

std::string ErrorFrame(std::string_view code, std::string_view message) {
  return DumpJson({{"type", "error"}, {"error", {{"code", code}, {"message", message}}}});
}

std::string TypingFrame(ConversationId conversation, MemberId member) {
  return DumpJson(
      {{"type", "typing"}, {"conversation", conversation.ToString()}, {"member", member.ToString()}});
}

// One client's stream: attaches to the hub once open, answers its frames.
class StreamSession final : public StreamEndpoint {
 public:
  StreamSession(Services& services, MemberId member, SessionId session,
                std::optional<int64_t> after)
      : services_(services), member_(member), session_(session), after_(after) {}

  void Open(std::shared_ptr<StreamOutlet> outlet) override {
    outlet_ = outlet;
    socket_ = services_.stream_hub.Attach(member_, session_, after_, std::move(outlet));
  }

  void Receive(std::string_view text) override {
    auto answered = Answer(text);
    if (answered) return;
    const Error& error = answered.error();
    bool ours = error.code == ErrorCode::kInternal || error.code == ErrorCode::kUnavailable;
    if (ours) log::Warn("stream_frame_failed", {{"error", error.message}});
    outlet_->Send(ErrorFrame(ErrorCodeName(error.code), ours ? "try again later" : error.message));
  }

  void Closed() override {
    if (socket_) services_.stream_hub.Detach(socket_);
    socket_.reset();
    outlet_.reset();
  }

 private:
  Result<void> Answer(std::string_view text) {
    auto frame = ParseJsonObject(text, kFrameDepth);
    if (!frame) return frame.error();
    FieldReader fields(*frame);
    std::string type = fields.RequireString("type", 32);
    std::string conversation_text = fields.RequireString("conversation", 64);
    ENISHI_TRY(fields.Finish());
    if (type != "typing") return InvalidArgument("type must be typing", "type");
    auto conversation = ConversationId::Parse(conversation_text);
    if (!conversation) return NotFound("conversation not found");
    auto now = std::chrono::steady_clock::now();
    auto& last = last_typing_[*conversation];
    if (now - last < kTypingInterval) return Ok();
    last = now;
    auto audience = services_.messaging.TypingAudience(member_, *conversation);
    if (!audience) return audience.error();
    if (audience->empty()) return Ok();
    services_.stream_hub.SendNow(*audience, TypingFrame(*conversation, member_));
    // Other servers show it on their sockets of the audience.
    std::string notice = ServerToken() + " " + conversation->ToString() + " " + member_.ToString();
    for (MemberId member : *audience) {
      if (notice.size() + 14 > cluster::ChangeFeed::kMaxMessageBytes) break;
      notice += " " + member.ToString();
    }
    if (auto published = services_.changes.Publish(kTypingChannel, notice); !published) {
      log::Warn("typing_publish_failed", {{"error", published.error().message}});
    }
    return Ok();
  }

  Services& services_;
  const MemberId member_;
  const SessionId session_;
  const std::optional<int64_t> after_;
  std::shared_ptr<StreamOutlet> outlet_;
  std::shared_ptr<StreamHub::Socket> socket_;
  // Frames of one socket arrive one at a time, so this needs no lock.
  std::unordered_map<ConversationId, std::chrono::steady_clock::time_point> last_typing_;
};

bool IsWebSocketHandshake(const Request& request) {
  std::string upgrade(request.Header("upgrade"));
  for (char& c : upgrade) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return request.method == Method::kGet && upgrade == "websocket";
}

// The last event id the client saw; nullopt when it saw none (it starts from now).
Result<std::optional<int64_t>> AfterParam(const Request& request) {
  auto text = QueryParam(request, "after");
  if (!text) return text.error();
  if (!*text) return std::optional<int64_t>();
  int64_t after = -1;
  auto [end, error] = std::from_chars((*text)->data(), (*text)->data() + (*text)->size(), after);
  if (error != std::errc() || end != (*text)->data() + (*text)->size() || after < 0) {
    return InvalidArgument("after must be an event id from 0", "after");
  }
  return std::optional<int64_t>(after);
}

json Numbered(const stream::StreamEvent& event, std::string_view type) {
  return {{"id", event.seq}, {"type", type}};
}

}  // namespace

Result<Response> OpenStream(Call& call) {
  if (!IsWebSocketHandshake(call.request)) {
    return InvalidArgument("this route speaks WebSocket: send Upgrade: websocket");
  }
  // A page on another site must not open a socket with the member's cookie.
  if (!OriginAllowed(call.request, call.services.options.allowed_origins)) {
    return PermissionDenied("origin not allowed");
  }
  auto after = AfterParam(call.request);
  if (!after) return after.error();
  Response response;
  response.status = 101;
  response.upgrade = std::make_shared<StreamSession>(call.services, Caller(call),
                                                     call.session->session.id, *after);
  return response;
}

Result<std::optional<std::string>> RenderEvent(Services& services,
                                               const stream::StreamEvent& event) {
  using Frame = std::optional<std::string>;
  switch (event.kind) {
    case EventKind::kMessage:
    case EventKind::kMessageChanged: {
      auto message = services.messaging.MessageFor(event.member, event.message);
      if (!message) return message.error();
      if (!*message) return Frame();
      bool is_new = event.kind == EventKind::kMessage;
      json frame = Numbered(event, is_new ? "message" : "message_changed");
      frame["conversation"] = event.conversation.ToString();
      frame["message"] = MessageJson(**message);
      if (is_new) frame["alert"] = event.alert;
      return Frame(DumpJson(frame));
    }
    case EventKind::kRead: {
      auto shown = services.messaging.MayShowRead(event.member, event.actor, event.conversation);
      if (!shown) return shown.error();
      if (!*shown) return Frame();
      json frame = Numbered(event, "read");
      frame["conversation"] = event.conversation.ToString();
      frame["member"] = event.actor.ToString();
      frame["read_seq"] = event.read_seq;
      return Frame(DumpJson(frame));
    }
    case EventKind::kConversation: {
      json frame = Numbered(event, "conversation");
      frame["conversation"] = event.conversation.ToString();
      return Frame(DumpJson(frame));
    }
    case EventKind::kNotification: {
      auto notification = services.notifications.Find(event.member, event.notification);
      if (!notification) return notification.error();
      if (!*notification) return Frame();
      auto shown = VisibleNotification(services, **notification);
      if (!shown) return shown.error();
      if (!*shown) return Frame();
      json frame = Numbered(event, "notification");
      frame["notification"] = std::move(**shown);
      frame["alert"] = event.alert;
      return Frame(DumpJson(frame));
    }
  }
  return Frame();
}

void HearTypingNotice(Services& services, std::string_view message) {
  // "<server> <conversation> <typer> <member>...", as StreamSession::Answer writes it.
  std::vector<std::string_view> words;
  for (size_t start = 0; start <= message.size();) {
    size_t space = message.find(' ', start);
    if (space == std::string_view::npos) space = message.size();
    if (space > start) words.push_back(message.substr(start, space - start));
    start = space + 1;
  }
  if (words.size() < 4 || words[0] == ServerToken()) return;
  auto conversation = ConversationId::Parse(words[1]);
  auto typer = MemberId::Parse(words[2]);
  if (!conversation || !typer) return;
  std::vector<MemberId> audience;
  for (size_t i = 3; i < words.size(); ++i) {
    if (auto member = MemberId::Parse(words[i])) audience.push_back(*member);
  }
  services.stream_hub.SendNow(audience, TypingFrame(*conversation, *typer));
}

void HearSessionsEnded(Services& services, std::string_view message) {
  auto member = MemberId::Parse(message);
  if (!member) return;
  // First, so that the ended sessions' next requests are refused here too.
  services.accounts.ForgetSessionsOf(*member);
  std::vector<SessionId> live;
  if (auto sessions = services.accounts.ListSessions(*member); sessions) {
    for (const accounts::Session& session : *sessions) live.push_back(session.id);
  } else {
    // Unsure which ended: close them all, and the live ones reconnect.
    log::Warn("sessions_unreadable", {{"error", sessions.error().message}});
  }
  services.stream_hub.EndSessions(*member, live);
}

}  // namespace enishi::api
