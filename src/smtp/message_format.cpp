#include "smtp/message_format.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace enishi::smtp {
namespace {

// Keeps an encoded word within 75 characters (RFC 2047 §2) and a folded header line within 78
// (RFC 5322 §2.1.1): 42 bytes are 56 base64 characters, 68 with "=?UTF-8?B?" and "?=".
constexpr size_t kEncodedWordBytes = 42;
constexpr size_t kBase64LineLength = 76;  // RFC 2045 §6.8.

std::string Base64(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  auto byte = [&](size_t at) { return static_cast<unsigned char>(data[at]); };
  for (; i + 3 <= data.size(); i += 3) {
    unsigned value = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(value >> shift) & 63];
  }
  if (size_t rest = data.size() - i; rest > 0) {
    unsigned value = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0u);
    out += kAlphabet[(value >> 18) & 63];
    out += kAlphabet[(value >> 12) & 63];
    out += rest == 2 ? kAlphabet[(value >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool HasLineBreakOrNul(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

bool IsPrintableAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string FormatMailbox(const Mailbox& mailbox) {
  if (mailbox.display_name.empty()) return mailbox.address;
  std::string name;
  if (IsPrintableAscii(mailbox.display_name) &&
      mailbox.display_name.find("=?") == std::string::npos) {
    name = "\"";
    for (char c : mailbox.display_name) {
      if (c == '"' || c == '\\') name += '\\';
      name += c;
    }
    name += '"';
  } else {
    name = EncodeHeaderText(mailbox.display_name);
  }
  return name + " <" + mailbox.address + ">";
}

// Line breaks in the canonical form text/plain must have before base64 (RFC 2045 §6.8).
std::string WithCrlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

bool IsPlainAddress(std::string_view address) {
  size_t at = address.find('@');
  if (address.size() > 254 || at == 0 || at == std::string_view::npos || at > 64 ||
      at + 1 == address.size() || address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view domain = address.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return false;
  }
  constexpr std::string_view kSpecials = "\"(),:;<>[\\]";
  return std::all_of(address.begin(), address.end(), [&](char c) {
    return c > 0x20 && c < 0x7f && kSpecials.find(c) == std::string_view::npos;
  });
}

Result<Mailbox> ParseMailbox(std::string_view text) {
  auto invalid = [&] {
    return InvalidArgument("\"" + std::string(text) +
                           "\" is not an address or a \"Name <address>\"");
  };
  if (HasLineBreakOrNul(text)) return invalid();
  text = Trim(text);
  Mailbox mailbox;
  if (!text.empty() && text.back() == '>') {
    size_t open = text.rfind('<');
    if (open == std::string_view::npos) return invalid();
    mailbox.address = std::string(text.substr(open + 1, text.size() - open - 2));
    std::string_view name = Trim(text.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
    }
    if (name.find_first_of("\"\\<>") != std::string_view::npos) return invalid();
    mailbox.display_name = std::string(name);
  } else {
    mailbox.address = std::string(text);
  }
  if (!IsPlainAddress(mailbox.address)) return invalid();
  return mailbox;
}

std::string FormatDate(Timestamp t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day = std::chrono::floor<days>(t);
  std::chrono::year_month_day ymd{day};
  std::chrono::weekday weekday{day};
  std::chrono::hh_mm_ss hms{std::chrono::floor<seconds>(t - day)};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                kDays[weekday.c_encoding()], unsigned(ymd.day()),
                kMonths[unsigned(ymd.month()) - 1], int(ymd.year()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return buffer;
}

std::string EncodeHeaderText(std::string_view text) {
  // "=?" in plain text would be read as the start of an encoded word.
  if (IsPrintableAscii(text) && text.find("=?") == std::string_view::npos) {
    return std::string(text);
  }
  auto continuation = [&](size_t at) {
    return (static_cast<unsigned char>(text[at]) & 0xc0) == 0x80;
  };
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(start + kEncodedWordBytes, text.size());
    size_t cut = end;
    while (cut < text.size() && cut > start && continuation(cut)) --cut;
    if (cut > start) end = cut;  // Else not UTF-8 at all: any cut will do.
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

Result<std::string> FormatMessage(const mail::Message& message, const Mailbox& from, Timestamp date,
                                  std::string_view message_id) {
  if (!IsPlainAddress(message.to)) {
    return InvalidArgument("the recipient is not one plain email address", "to");
  }
  if (HasLineBreakOrNul(message.subject)) {
    return InvalidArgument("the subject holds a line break", "subject");
  }
  std::string out;
  out += "Date: " + FormatDate(date) + "\r\n";
  out += "From: " + FormatMailbox(from) + "\r\n";
  out += "To: " + message.to + "\r\n";
  out += "Subject: " + EncodeHeaderText(message.subject) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  // RFC 3834: automatic mail; vacation responders must not answer it.
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  std::string body = Base64(WithCrlf(message.body));
  for (size_t i = 0; i < body.size(); i += kBase64LineLength) {
    out += body.substr(i, kBase64LineLength);
    out += "\r\n";
  }
  return out;
}

}  // namespace enishi::smtp
