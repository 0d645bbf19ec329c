#include "domain/relationships/relationship_change.hpp"

#include <utility>
#include <vector>

#include "domain/graph/csr_graph.hpp"

namespace enishi::relationships {
namespace {

using Kind = RelationshipChange::Kind;

constexpr std::pair<Kind, std::string_view> kKindNames[] = {
    {Kind::kConnect, "connect"}, {Kind::kDisconnect, "disconnect"}, {Kind::kRate, "rate"},
    {Kind::kListAudience, "list"}, {Kind::kForget, "forget"},
};

// The words of `text` separated by single spaces; a doubled, leading or trailing space makes
// an empty word.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t start = 0;
  while (true) {
    size_t space = text.find(' ', start);
    words.push_back(text.substr(start, space == std::string_view::npos ? space : space - start));
    if (space == std::string_view::npos) return words;
    start = space + 1;
  }
}

// How many words follow the kind's name.
size_t Arity(Kind kind) {
  switch (kind) {
    case Kind::kConnect:
    case Kind::kDisconnect:
    case Kind::kListAudience:
      return 2;
    case Kind::kRate:
      return 3;
    case Kind::kForget:
      return 1;
  }
  return 0;
}

}  // namespace

std::string EncodeChange(const RelationshipChange& change) {
  std::string text;
  for (const auto& [kind, name] : kKindNames) {
    if (kind == change.kind) text = name;
  }
  text += ' ' + change.a.ToString();
  switch (change.kind) {
    case Kind::kConnect:
    case Kind::kDisconnect:
      text += ' ' + change.b.ToString();
      break;
    case Kind::kRate:
      text += ' ' + change.b.ToString() + ' ' + std::to_string(change.strength);
      break;
    case Kind::kListAudience:
      text += ' ' + privacy::FormatAudience(change.audience);
      break;
    case Kind::kForget:
      break;
  }
  return text;
}

std::optional<RelationshipChange> DecodeChange(std::string_view text) {
  std::vector<std::string_view> words = Words(text);
  RelationshipChange change;
  bool known = false;
  for (const auto& [kind, name] : kKindNames) {
    if (name == words[0]) {
      change.kind = kind;
      known = true;
    }
  }
  if (!known || words.size() != 1 + Arity(change.kind)) return std::nullopt;
  auto a = MemberId::Parse(words[1]);
  if (!a) return std::nullopt;
  change.a = *a;
  if (change.kind == Kind::kListAudience) {
    auto audience = privacy::ParseAudience(words[2]);
    if (!audience) return std::nullopt;
    change.audience = *audience;
  } else if (change.kind != Kind::kForget) {
    auto b = MemberId::Parse(words[2]);
    if (!b || *b == *a) return std::nullopt;
    change.b = *b;
  }
  if (change.kind == Kind::kRate) {
    std::string_view strength = words[3];
    if (strength.size() != 1 || strength[0] < '0' ||
        strength[0] > '0' + static_cast<int>(graph::kMaxStrength)) {
      return std::nullopt;
    }
    change.strength = strength[0] - '0';
  }
  return change;
}

}  // namespace enishi::relationships
