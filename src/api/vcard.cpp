#include "api/vcard.hpp"

#include <string_view>

namespace enishi::api {
namespace {

// RFC 6350 §3.4: backslash, comma, semicolon and line breaks are escaped in values.
std::string Escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ',': out += "\\,"; break;
      case ';': out += "\\;"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

void Line(std::string& card, std::string_view property, std::string_view value) {
  card.append(property).append(":").append(value).append("\r\n");
}

std::string CompanyName(const profiles::ResolvedView& view, CompanyId id) {
  for (const auto& company : view.companies) {
    if (company.id != id) continue;
    for (const std::string* name : {&company.names.ja, &company.names.zh, &company.names.en}) {
      if (!name->empty()) return *name;
    }
  }
  return {};
}

}  // namespace

std::string VCardOf(const profiles::ResolvedView& resolved) {
  const privacy::ProfileView& view = resolved.view;
  std::string card = "BEGIN:VCARD\r\nVERSION:4.0\r\n";
  std::string formatted = view.display_name.value_or("");
  if (view.name) {
    const profiles::PersonName& name = *view.name;
    Line(card, "N", Escape(name.family) + ";" + Escape(name.given) + ";;;");
    if (formatted.empty()) formatted = name.family + name.given;
  }
  Line(card, "FN", Escape(formatted));
  if (view.headline) Line(card, "NOTE", Escape(*view.headline));
  for (const profiles::Position& position : view.positions) {
    if (position.end) continue;  // The current position only.
    Line(card, "TITLE", Escape(position.title));
    std::string company = CompanyName(resolved, position.company);
    if (!company.empty()) Line(card, "ORG", Escape(company));
    break;
  }
  for (const profiles::Contact& contact : view.contacts) {
    switch (contact.kind) {
      case profiles::ContactKind::kEmail:
        Line(card, "EMAIL", Escape(contact.value));
        break;
      case profiles::ContactKind::kPhone:
        Line(card, "TEL", Escape(contact.value));
        break;
      case profiles::ContactKind::kLine:
        Line(card, "IMPP", "line:" + Escape(contact.value));
        break;
      case profiles::ContactKind::kWeChat:
        Line(card, "IMPP", "weixin:" + Escape(contact.value));
        break;
    }
  }
  card += "END:VCARD\r\n";
  return card;
}

}  // namespace enishi::api
