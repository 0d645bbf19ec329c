#include "api/messaging_api.hpp"

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/call_helpers.hpp"
#include "api/json_codec.hpp"
#include "api/member_summaries.hpp"
#include "api/messaging_codec.hpp"
#include "api/url.hpp"
#include "domain/messaging/messaging_names.hpp"
#include "domain/messaging/messaging_service.hpp"
#include "domain/notifications/notification_service.hpp"

namespace enishi::api {
namespace {

using messaging::ConversationView;
using messaging::MessagingService;
using nlohmann::json;

constexpr size_t kMaxMembersListed = messaging::MessagingLimits::kGroupMembers;

MessagingService& Messaging(Call& call) { return call.services.messaging; }

Result<ConversationId> ConversationParam(const Call& call) {
  return PathId<ConversationId>(call, "conversation");
}

// The members named in `members`, each one the caller may see; an unknown or invisible one is
// "member not found", as everywhere.
Result<std::vector<MemberId>> MembersField(FieldReader& fields) {
  std::vector<std::string> texts = fields.RequireStringArray("members", kMaxMembersListed, 64);
  std::vector<MemberId> members;
  for (const std::string& text : texts) {
    auto id = MemberId::Parse(text);
    if (!id) return NotFound("member not found");
    members.push_back(*id);
  }
  return members;
}

Result<void> RequireVisible(Call& call, std::span<const MemberId> members) {
  for (MemberId member : members) {
    if (member == Caller(call)) continue;  // The service names this mistake itself.
    ENISHI_TRY(RequireVisibleMember(call.services, Caller(call), member));
  }
  return Ok();
}

Result<json> ConversationBody(Call& call, const ConversationView& view) {
  auto participants = MemberSummaries(call.services, Caller(call), view.others);
  if (!participants) return participants.error();
  json introduced_by;
  if (view.conversation.introduced_by) {
    auto summary = MemberSummary(call.services, Caller(call), *view.conversation.introduced_by);
    if (!summary) return summary.error();
    introduced_by = std::move(*summary);
  }
  return ConversationJson(view, std::move(*participants), std::move(introduced_by));
}

Result<Response> ConversationResponse(Call& call, int status, const ConversationView& view) {
  auto body = ConversationBody(call, view);
  if (!body) return body.error();
  return JsonResponse(status, *body);
}

// A positive message number from query parameter `name`; nullopt when absent.
Result<std::optional<int64_t>> SeqParam(const Call& call, std::string_view name, int64_t max) {
  auto text = QueryParam(call.request, name);
  if (!text) return text.error();
  if (!*text) return std::optional<int64_t>();
  int64_t value = 0;
  auto [end, error] = std::from_chars((*text)->data(), (*text)->data() + (*text)->size(), value);
  if (error != std::errc() || end != (*text)->data() + (*text)->size() || value < 1 ||
      value > max) {
    return InvalidArgument(std::string(name) + " must be a number from 1 to " +
                               std::to_string(max),
                           std::string(name));
  }
  return std::optional<int64_t>(value);
}

}  // namespace

// --- Conversations.

Result<Response> ListConversations(Call& call) {
  auto folder_text = QueryParam(call.request, "folder");
  if (!folder_text) return folder_text.error();
  messaging::ConversationPage page;
  if (*folder_text) {
    auto folder = ParseEnum(messaging::kFolderNames, **folder_text);
    if (!folder) return InvalidArgument("folder must be inbox, requests or filtered", "folder");
    page.folder = *folder;
  }
  auto cursor = CursorParam(call.request);
  if (!cursor) return cursor.error();
  if (*cursor) page.before = {{(*cursor)->first, ConversationId((*cursor)->second)}};
  page.limit = messaging::MessagingLimits::kPageSize;
  auto listed = Messaging(call).List(Caller(call), page);
  if (!listed) return listed.error();
  json conversations = json::array();
  for (const messaging::ConversationList::Entry& entry : listed->entries) {
    auto participants = MemberSummaries(call.services, Caller(call), entry.others);
    if (!participants) return participants.error();
    json listed_entry = ConversationSummaryJson(entry.summary, std::move(*participants));
    if (auto introducer = entry.summary.conversation.introduced_by) {
      auto summary = MemberSummary(call.services, Caller(call), *introducer);
      if (!summary) return summary.error();
      listed_entry["introduced_by"] = std::move(*summary);
    }
    conversations.push_back(std::move(listed_entry));
  }
  json body = {{"conversations", std::move(conversations)}};
  if (listed->next) {
    body["next_cursor"] = CursorText(listed->next->first, listed->next->second.value());
  }
  return JsonResponse(200, body);
}

Result<Response> OpenConversation(Call& call) {
  FieldReader fields(*call.body);
  auto members = MembersField(fields);
  std::string title = fields.OptionalString("title", 4 * messaging::MessagingLimits::kTitleChars)
                          .value_or("");
  std::optional<messaging::Draft> first;
  if (call.body->contains("text")) first = ReadDraft(fields);
  ENISHI_TRY(fields.Finish());
  if (!members) return members.error();
  ENISHI_TRY(RequireVisible(call, *members));
  if (members->size() == 1) {
    if (!title.empty()) return InvalidArgument("a direct conversation has no title", "title");
    auto opened = Messaging(call).OpenDirect(Caller(call), members->front(), std::move(first));
    if (!opened) return opened.error();
    return ConversationResponse(call, opened->created ? 201 : 200, opened->view);
  }
  if (first) return InvalidArgument("a group opens without a message", "text");
  auto group = Messaging(call).CreateGroup(Caller(call), *members, std::move(title));
  if (!group) return group.error();
  return ConversationResponse(call, 201, *group);
}

Result<Response> GetConversation(Call& call) {
  auto id = ConversationParam(call);
  if (!id) return id.error();
  auto view = Messaging(call).View(Caller(call), *id);
  if (!view) return view.error();
  return ConversationResponse(call, 200, *view);
}

Result<Response> AddConversationMembers(Call& call) {
  auto id = ConversationParam(call);
  if (!id) return id.error();
  FieldReader fields(*call.body);
  auto members = MembersField(fields);
  ENISHI_TRY(fields.Finish());
  if (!members) return members.error();
  ENISHI_TRY(RequireVisible(call, *members));
  auto view = Messaging(call).AddMembers(Caller(call), *id, *members);
  if (!view) return view.error();
  return ConversationResponse(call, 200, *view);
}

Result<Response> LeaveConversation(Call& call) {
  auto id = ConversationParam(call);
  if (!id) return id.error();
  ENISHI_TRY(Messaging(call).Leave(Caller(call), *id));
  return NoContent();
}

// --- Messages.

Result<Response> ListMessages(Call& call) {
  auto id = ConversationParam(call);
  if (!id) return id.error();
  auto before = SeqParam(call, "before", INT64_MAX);
  if (!before) return before.error();
  auto limit = SeqParam(call, "limit", messaging::MessagingLimits::kHistoryPage);
  if (!limit) return limit.error();
  auto history = Messaging(call).Read(Caller(call), *id, *before,
                                      static_cast<int>(limit->value_or(50)));
  if (!history) return history.error();
  json messages = json::array();
  for (const messaging::Message& message : history->messages) messages.push_back(MessageJson(message));
  return JsonResponse(200, {{"messages", std::move(messages)}, {"has_more", history->has_more}});
}

Result<Response> SendMessage(Call& call) {
  auto id = ConversationParam(call);
  if (!id) return id.error();
  FieldReader fields(*call.body);
  messaging::Draft draft = ReadDraft(fields);
  ENISHI_TRY(fields.Finish());
  auto sent = Messaging(call).Send(Caller(call), *id, std::move(draft));
  if (!sent) return sent.error();
  return JsonResponse(201, MessageJson(*sent));
}

Result<Response> EditMessage(Call& call) {
  auto id = ConversationParam(call);
  if (!id) return id.error();
  auto message = PathId<MessageId>(call, "message", "message");
  if (!message) return message.error();
  FieldReader fields(*call.body);
  std::string text = fields.RequireString("text", 4 * messaging::MessagingLimits::kTextChars);
  std::string subject =
      fields.OptionalString("subject", 4 * messaging::MessagingLimits::kSubjectChars).value_or("");
  ENISHI_TRY(fields.Finish());
  auto edited = Messaging(call).Edit(Caller(call), *id, *message, std::move(text),
                                     std::move(subject));
  if (!edited) return edited.error();
  return JsonResponse(200, MessageJson(*edited));
}

Result<Response> DeleteMessage(Call& call) {
  auto id = ConversationParam(call);
  if (!id) return id.error();
  auto message = PathId<MessageId>(call, "message", "message");
  if (!message) return message.error();
  auto scope = QueryParam(call.request, "for");
  if (!scope) return scope.error();
  if (!*scope || (**scope != "everyone" && **scope != "me")) {
    return InvalidArgument("say for=everyone or for=me", "for");
  }
  ENISHI_TRY(Messaging(call).Delete(Caller(call), *id, *message, **scope == "everyone"));
  return NoContent();
}

Result<Response> MarkConversationRead(Call& call) {
  auto id = ConversationParam(call);
  if (!id) return id.error();
  FieldReader fields(*call.body);
  std::optional<int64_t> up_to = fields.OptionalInt("up_to", 1, INT64_MAX);
  if (!up_to) fields.Fail("up_to", "is required: a message number from 1");
  ENISHI_TRY(fields.Finish());
  ENISHI_TRY(Messaging(call).MarkRead(Caller(call), *id, *up_to));
  return NoContent();
}

// --- Preferences and counts.

Result<Response> GetMessagingPreferences(Call& call) {
  auto preferences = Messaging(call).GetPreferences(Caller(call));
  if (!preferences) return preferences.error();
  return JsonResponse(200, PreferencesJson(*preferences));
}

Result<Response> PutMessagingPreferences(Call& call) {
  FieldReader fields(*call.body);
  messaging::Preferences preferences = ReadPreferences(fields);
  ENISHI_TRY(fields.Finish());
  auto saved = Messaging(call).UpdatePreferences(Caller(call), preferences);
  if (!saved) return saved.error();
  return JsonResponse(200, PreferencesJson(*saved));
}

Result<Response> GetUnreadCounts(Call& call) {
  auto messages = Messaging(call).Unread(Caller(call));
  if (!messages) return messages.error();
  auto notifications = call.services.notifications.CountUnread(Caller(call));
  if (!notifications) return notifications.error();
  return JsonResponse(200, {{"messages", messages->messages},
                            {"requests", messages->requests},
                            {"notifications", *notifications}});
}

}  // namespace enishi::api
