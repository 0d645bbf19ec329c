#pragma once
// The notices on stream::kStreamChannel: which members' streams grew. A notice is the
// space-separated wire ids (Id::ToString, 13 characters) of those members, so a server that
// hears one knows whose clients to wake without reading anything first. Pure functions;
// thread-safe.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"

namespace enishi::stream {

// The notices telling of `members`, each named once (invalid ids left out), split so that none
// is longer than cluster::ChangeFeed::kMaxMessageBytes. Empty when there is no one to tell.
std::vector<std::string> EncodeStreamNotices(std::span<const MemberId> members);

// The members a notice names, in its order. Tokens that are no member's wire id are skipped,
// so a malformed notice wakes fewer clients and never fails.
std::vector<MemberId> DecodeStreamNotice(std::string_view notice);

}  // namespace enishi::stream
