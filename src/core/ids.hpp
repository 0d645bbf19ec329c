#pragma once
// Strong, opaque identifiers. Every public id is a random 63-bit number drawn from a CSPRNG
// (see crypto/random.hpp), so nothing can be enumerated by counting. On the wire an id is a
// fixed-width 13-character Crockford base32 string; the number itself is the storage key.

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace enishi {

// Encodes 63 bits as 13 lowercase Crockford base32 characters.
std::string EncodeId(uint64_t value);
// Decodes what EncodeId produced; nullopt for anything else (wrong length, alphabet, range).
std::optional<uint64_t> DecodeId(std::string_view text);

template <class Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(uint64_t value) : value_(value) {}

  constexpr uint64_t value() const { return value_; }
  constexpr bool valid() const { return value_ != 0; }
  std::string ToString() const { return EncodeId(value_); }
  static std::optional<Id> Parse(std::string_view text) {
    auto value = DecodeId(text);
    if (!value) return std::nullopt;
    return Id(*value);
  }

  friend constexpr auto operator<=>(Id, Id) = default;

 private:
  uint64_t value_ = 0;
};

using MemberId = Id<struct MemberIdTag>;
using SessionId = Id<struct SessionIdTag>;
using SignupId = Id<struct SignupIdTag>;
using CompanyId = Id<struct CompanyIdTag>;
using SchoolId = Id<struct SchoolIdTag>;
using EntryId = Id<struct EntryIdTag>;    // One entry of a profile list: a position, a school...
using CircleId = Id<struct CircleIdTag>;  // A list of members that a member keeps.
using PersonaId = Id<struct PersonaIdTag>;
using ImageId = Id<struct ImageIdTag>;
using RequestId = Id<struct RequestIdTag>;  // A greeting or a connection request.
using ConversationId = Id<struct ConversationIdTag>;
using MessageId = Id<struct MessageIdTag>;
using NotificationId = Id<struct NotificationIdTag>;
using IntroductionId = Id<struct IntroductionIdTag>;

}  // namespace enishi

template <class Tag>
struct std::hash<enishi::Id<Tag>> {
  size_t operator()(enishi::Id<Tag> id) const noexcept { return std::hash<uint64_t>{}(id.value()); }
};
