#pragma once
// The names of the messaging enumerations, as the API and the store spell them.

#include "core/enum_names.hpp"
#include "domain/messaging/conversation.hpp"

namespace enishi::messaging {

inline constexpr EnumNames<ConversationKind, 2> kConversationKindNames = {{
    {ConversationKind::kDirect, "direct"},
    {ConversationKind::kGroup, "group"},
}};

inline constexpr EnumNames<Folder, 3> kFolderNames = {{
    {Folder::kInbox, "inbox"},
    {Folder::kRequests, "requests"},
    {Folder::kFiltered, "filtered"},
}};

inline constexpr EnumNames<MessageKind, 4> kMessageKindNames = {{
    {MessageKind::kText, "text"},
    {MessageKind::kMeetingRequest, "meeting_request"},
    {MessageKind::kProposal, "proposal"},
    {MessageKind::kReferralRequest, "referral_request"},
}};

}  // namespace enishi::messaging
