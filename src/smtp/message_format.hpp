#pragma once
// mail::Message as an Internet message (RFC 5322 with MIME): UTF-8 text in base64, a subject in
// RFC 2047 encoded words when it is not plain ASCII, and the Date and Message-ID headers
// servers expect. Nothing from a message reaches a header unchecked: CR, LF and NUL, and
// recipients that are not one plain address, are refused (header injection).
// Thread-safe (pure functions).

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/mail/mail.hpp"

namespace enishi::smtp {

// A sender or recipient: an optional display name and an address.
struct Mailbox {
  std::string display_name;  // UTF-8; may be empty.
  std::string address;       // local@domain, printable ASCII.
};

// Whether `address` is one plain ASCII address (local@domain, at most 254 characters, no
// spaces, quotes, brackets, commas or control characters) that can go into the SMTP envelope
// and a header as it is.
bool IsPlainAddress(std::string_view address);

// "no-reply@enishi.example" or "Enishi <no-reply@enishi.example>" (the name may be UTF-8).
// kInvalidArgument when it is neither, or holds CR, LF or NUL.
Result<Mailbox> ParseMailbox(std::string_view text);

// RFC 5322 date-time in UTC: "Sun, 22 Nov 2026 06:40:00 +0000".
std::string FormatDate(Timestamp t);

// A header value: as it is when printable ASCII, else RFC 2047 "B" encoded words of UTF-8, each
// at most 75 characters and never splitting a character, folded one per line.
std::string EncodeHeaderText(std::string_view text);

// The whole message: Date, From, To, Subject, Message-ID (`message_id` is the part between the
// angle brackets), MIME-Version, Content-Type (text/plain; charset=UTF-8),
// Content-Transfer-Encoding (base64), Auto-Submitted (auto-generated), then the body with its
// line breaks made CRLF, in base64 lines of 76 characters. Lines end in CRLF.
// kInvalidArgument (field "to" or "subject") when the recipient is not a plain address or the
// subject holds CR, LF or NUL.
Result<std::string> FormatMessage(const mail::Message& message, const Mailbox& from, Timestamp date,
                                  std::string_view message_id);

}  // namespace enishi::smtp
