#pragma once
// The stream (docs/API.md, "The stream"): GET /api/v1/stream upgrades to a WebSocket that
// carries the caller's stream events, rendered for them at delivery, and typing indicators.

#include <optional>
#include <string>
#include <string_view>

#include "api/handler.hpp"
#include "domain/stream/stream_event.hpp"

namespace enishi::api {

// The channel on which servers sharing a store pass typing indicators to each other's sockets.
inline constexpr std::string_view kTypingChannel = "enishi_typing";

// The route handler: checks that the request is a WebSocket handshake from an allowed origin
// and answers with the upgrade; `after` (optional) is the last event id the client saw.
Result<Response> OpenStream(Call& call);

// The frame that shows `event` to its member now, as the privacy engine allows; nullopt when
// its subject is no longer theirs to see.
Result<std::optional<std::string>> RenderEvent(Services& services,
                                               const stream::StreamEvent& event);

// A typing indicator heard on kTypingChannel: shown on this server's sockets of its audience,
// unless this server sent it (it showed it at once).
void HearTypingNotice(Services& services, std::string_view message);

// A member's sessions ended (heard on accounts::kSessionsEndedChannel): this server's sockets
// of sessions that are no longer live close.
void HearSessionsEnded(Services& services, std::string_view message);

}  // namespace enishi::api
