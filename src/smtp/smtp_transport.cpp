#include "smtp/smtp_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

#include "crypto/random.hpp"

namespace enishi::smtp {
namespace {

constexpr size_t kMaxErrorText = 300;

struct CurlFree {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
  void operator()(char* text) const { curl_free(text); }
};
template <class T>
using CurlPtr = std::unique_ptr<T, CurlFree>;

bool InitialiseCurl() {
  static std::once_flag once;
  static bool initialised = false;
  std::call_once(once, [] { initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; });
  return initialised;
}

// A part of a parsed URL, or empty.
std::string UrlPart(CURLU* url, CURLUPart part) {
  char* raw = nullptr;
  if (curl_url_get(url, part, &raw, 0) != CURLUE_OK) return {};
  CurlPtr<char> text(raw);
  return text ? std::string(text.get()) : std::string();
}

bool IsLoopback(std::string_view host) {
  return host == "localhost" || host.starts_with("127.") || host == "[::1]";
}

std::string_view DomainOf(std::string_view address) {
  return address.substr(address.rfind('@') + 1);
}

// The server's words may be anything; what is kept for operators is short printable ASCII.
std::string Printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, kMaxErrorText)) out += c >= 0x20 && c < 0x7f ? c : '?';
  return out;
}

struct Upload {
  std::string_view rest;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload->rest.size());
  std::memcpy(buffer, upload->rest.data(), n);
  upload->rest.remove_prefix(n);
  return n;
}

}  // namespace

Result<std::unique_ptr<SmtpTransport>> SmtpTransport::Create(SmtpOptions options) {
  if (!InitialiseCurl()) return Internal("libcurl could not be initialised");
  auto from = ParseMailbox(options.from);
  if (!from) return InvalidArgument("mail.from: " + from.error().message, "mail.from");

  auto invalid_url = [&] {
    return InvalidArgument(
        "mail.smtp_url must be smtp://HOST[:PORT] (STARTTLS) or smtps://HOST[:PORT]",
        "mail.smtp_url");
  };
  CurlPtr<CURLU> url(curl_url());
  if (!url) return Internal("out of memory");
  if (curl_url_set(url.get(), CURLUPART_URL, options.url.c_str(), 0) != CURLUE_OK) {
    return invalid_url();
  }
  std::string scheme = UrlPart(url.get(), CURLUPART_SCHEME);
  std::string host = UrlPart(url.get(), CURLUPART_HOST);
  if ((scheme != "smtp" && scheme != "smtps") || host.empty()) return invalid_url();
  // curl says EHLO with the URL's path, "localhost" without one; some servers hold that
  // against the sender, so the From domain stands in.
  std::string path = UrlPart(url.get(), CURLUPART_PATH);
  if (path.empty() || path == "/") {
    std::string domain = "/" + std::string(DomainOf(from->address));
    if (curl_url_set(url.get(), CURLUPART_PATH, domain.c_str(), 0) != CURLUE_OK) {
      return invalid_url();
    }
  }
  std::string full = UrlPart(url.get(), CURLUPART_URL);
  if (full.empty()) return invalid_url();
  bool require_tls = scheme == "smtp" && !IsLoopback(host);
  return std::unique_ptr<SmtpTransport>(
      new SmtpTransport(std::move(options), std::move(*from), std::move(full), require_tls));
}

SmtpTransport::SmtpTransport(SmtpOptions options, Mailbox from, std::string url, bool require_tls)
    : options_(std::move(options)),
      from_(std::move(from)),
      url_(std::move(url)),
      require_tls_(require_tls) {}

Result<void> SmtpTransport::Deliver(const mail::Message& message) {
  // The Date is when the message was written (RFC 5322 §3.6.1), not when a retry sent it.
  std::string message_id = crypto::RandomToken(18) + "@" + std::string(DomainOf(from_.address));
  auto formatted = FormatMessage(message, from_, message.created_at, message_id);
  if (!formatted) return formatted.error();

  CurlPtr<CURL> curl(curl_easy_init());
  if (!curl) return Unavailable("SMTP: libcurl could not start a transfer");
  std::string envelope_from = "<" + from_.address + ">";
  CurlPtr<curl_slist> recipients(curl_slist_append(nullptr, ("<" + message.to + ">").c_str()));
  if (!recipients) return Unavailable("SMTP: out of memory");
  Upload upload{*formatted};
  char error[CURL_ERROR_SIZE] = {};

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_USE_SSL, require_tls_ ? long{CURLUSESSL_ALL} : long{CURLUSESSL_TRY});
  if (!options_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, envelope_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::chrono::milliseconds(options_.connect_timeout).count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::chrono::milliseconds(options_.timeout).count()));
  // Time-outs by alarm() signals are not thread-safe; curl then times out by polling.
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);

  CURLcode result = curl_easy_perform(c);
  if (result == CURLE_OK) return Ok();
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  std::string detail = Printable(error[0] != '\0' ? error : curl_easy_strerror(result));
  std::string text =
      "SMTP: " + detail + (reply != 0 ? " (reply " + std::to_string(reply) + ")" : "");
  // A permanent refusal of this recipient (curl's "RCPT failed") or of this message (the reply
  // once all of it was sent): retrying cannot help. A permanent refusal of anything else (our
  // address, the credentials, us altogether) is the operator's to fix, and the messages wait.
  bool refused_for_good =
      reply >= 500 && reply < 600 &&
      (std::string_view(error).starts_with("RCPT failed") || upload.rest.empty());
  if (refused_for_good) return InvalidArgument(text, "to");
  return Unavailable(text);
}

}  // namespace enishi::smtp
