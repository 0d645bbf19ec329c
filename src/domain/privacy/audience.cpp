#include "domain/privacy/audience.hpp"

#include <array>
#include <utility>

namespace enishi::privacy {
namespace {

constexpr std::string_view kCirclePrefix = "circle:";

// Every kind but kCircle, which carries an id.
constexpr std::array<std::pair<AudienceKind, std::string_view>, 8> kKindNames = {{
    {AudienceKind::kPublic, "public"},
    {AudienceKind::kMembers, "members"},
    {AudienceKind::kNetwork2, "network2"},
    {AudienceKind::kGreeted, "greeted"},
    {AudienceKind::kConversing, "conversing"},
    {AudienceKind::kConnections, "connections"},
    {AudienceKind::kTrusted, "trusted"},
    {AudienceKind::kOnlyMe, "only_me"},
}};

}  // namespace

std::optional<Audience> ParseAudience(std::string_view text) {
  if (text.starts_with(kCirclePrefix)) {
    auto circle = CircleId::Parse(text.substr(kCirclePrefix.size()));
    if (!circle || !circle->valid()) return std::nullopt;
    return Audience::Circle(*circle);
  }
  for (const auto& [kind, name] : kKindNames) {
    if (name == text) return Audience::Of(kind);
  }
  return std::nullopt;
}

std::string FormatAudience(const Audience& audience) {
  if (audience.kind == AudienceKind::kCircle) {
    return std::string(kCirclePrefix) + audience.circle.ToString();
  }
  for (const auto& [kind, name] : kKindNames) {
    if (kind == audience.kind) return std::string(name);
  }
  return "only_me";  // Unreachable: every other kind is in the table.
}

}  // namespace enishi::privacy
