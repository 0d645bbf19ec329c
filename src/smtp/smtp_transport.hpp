#pragma once
// mail::MailTransport over SMTP with libcurl: the only code that includes curl headers
// (enforced by tools/check_layering.sh). One connection per message, closed after it: the
// outbox sends a handful of messages a minute, and a fresh connection has no state to go stale.
//
// TLS: smtps:// speaks TLS from the start (port 465); smtp:// must upgrade with STARTTLS
// (port 587) and fails when the server does not offer it, so neither the password nor the
// mail crosses a network in clear text. Only a relay on the loopback interface (a local
// Postfix, a test server) may be spoken to in clear text. Certificates are verified.
//
// Thread-safety: Deliver may be called concurrently. Ownership: owns nothing but its options.

#include <chrono>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "domain/mail/outbox_sender.hpp"
#include "smtp/message_format.hpp"

namespace enishi::smtp {

struct SmtpOptions {
  std::string url;   // "smtp://mail.example.com:587" or "smtps://mail.example.com:465".
  std::string user;  // Empty: no authentication.
  std::string password;
  std::string from;  // "Enishi <no-reply@enishi.example>" or a bare address.
  std::chrono::seconds connect_timeout{10};
  // For a whole delivery, connection included; also how long stopping the server may wait
  // for a delivery in flight.
  std::chrono::seconds timeout{30};
};

class SmtpTransport final : public mail::MailTransport {
 public:
  // Checks the options; connects to nothing yet. kInvalidArgument (field "mail.smtp_url" or
  // "mail.from") for a URL that is not smtp:// or smtps:// with a host, or a From that is not
  // an address; kInternal when libcurl cannot start.
  static Result<std::unique_ptr<SmtpTransport>> Create(SmtpOptions options);
  SmtpTransport(const SmtpTransport&) = delete;
  SmtpTransport& operator=(const SmtpTransport&) = delete;

  // See MailTransport. kInvalidArgument when the message cannot be formatted (a recipient that
  // is not one plain address, a subject with a line break) or the server refused the recipient
  // or the message with a permanent (5xx) reply; kUnavailable for everything else.
  // REQUIRES: crypto::Initialize() has succeeded (Message-IDs are random).
  Result<void> Deliver(const mail::Message& message) override;

 private:
  SmtpTransport(SmtpOptions options, Mailbox from, std::string url, bool require_tls);

  const SmtpOptions options_;
  const Mailbox from_;
  const std::string url_;  // With the From domain as the path: curl's EHLO name.
  const bool require_tls_;
};

}  // namespace enishi::smtp
