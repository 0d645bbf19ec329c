#include "smtp/fake_smtp_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>

namespace enishi::smtp::testing {
namespace {

constexpr int kPollMillis = 50;
constexpr auto kSessionTimeout = std::chrono::seconds(10);

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// Reads CRLF-terminated lines from a socket, each wait bounded.
class LineReader {
 public:
  LineReader(int socket, const std::atomic<bool>& stopping)
      : socket_(socket),
        stopping_(stopping),
        deadline_(std::chrono::steady_clock::now() + kSessionTimeout) {}

  // The next line without its CRLF, or nullopt when the peer left, the server stops or the
  // session has lasted too long.
  std::optional<std::string> Next() {
    while (true) {
      if (size_t end = buffer_.find("\r\n"); end != std::string::npos) {
        std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        return line;
      }
      if (stopping_ || std::chrono::steady_clock::now() > deadline_) return std::nullopt;
      pollfd fd{socket_, POLLIN, 0};
      if (poll(&fd, 1, kPollMillis) <= 0) continue;
      char chunk[4096];
      ssize_t n = recv(socket_, chunk, sizeof chunk, 0);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  int socket_;
  const std::atomic<bool>& stopping_;
  std::chrono::steady_clock::time_point deadline_;
  std::string buffer_;
};

void Reply(int socket, std::string_view text) {
  std::string line = std::string(text) + "\r\n";
  (void)send(socket, line.data(), line.size(), MSG_NOSIGNAL);
}

}  // namespace

std::string DecodeBase64(std::string_view text) {
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (char c : text) {
    int digit;
    if (c >= 'A' && c <= 'Z') {
      digit = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      digit = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      digit = c - '0' + 52;
    } else if (c == '+') {
      digit = 62;
    } else if (c == '/') {
      digit = 63;
    } else if (c == '\r' || c == '\n' || c == ' ') {
      continue;
    } else {
      break;
    }
    value = (value << 6) | static_cast<unsigned>(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xff);
    }
  }
  return out;
}

FakeSmtpServer::FakeSmtpServer(bool advertise_auth) : advertise_auth_(advertise_auth) {
  listener_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (listener_ < 0 ||
      bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener_, 8) != 0 ||
      getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return;
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

FakeSmtpServer::~FakeSmtpServer() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  if (listener_ >= 0) close(listener_);
}

std::vector<ReceivedMail> FakeSmtpServer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void FakeSmtpServer::Serve() {
  while (!stopping_) {
    pollfd fd{listener_, POLLIN, 0};
    if (poll(&fd, 1, kPollMillis) <= 0) continue;
    int socket = accept(listener_, nullptr, nullptr);
    if (socket < 0) continue;
    ++connections_;
    Session(socket);
    close(socket);
  }
}

void FakeSmtpServer::Session(int socket) {
  Behaviour behaviour = behaviour_;
  if (behaviour == Behaviour::kCloseAtOnce) return;
  LineReader lines(socket, stopping_);
  if (behaviour == Behaviour::kSilent) {
    while (lines.Next()) {
    }
    return;
  }
  if (behaviour == Behaviour::kRefuseService) {
    Reply(socket, "554 5.7.1 no service for you");
    while (lines.Next()) {
    }
    return;
  }
  Reply(socket, "220 fake.test ESMTP ready");
  ReceivedMail mail;
  while (std::optional<std::string> line = lines.Next()) {
    if (StartsWithIgnoringCase(*line, "EHLO")) {
      mail.helo = line->substr(std::min<size_t>(5, line->size()));
      if (advertise_auth_) {
        Reply(socket, "250-fake.test");
        Reply(socket, "250 AUTH PLAIN");
      } else {
        Reply(socket, "250 fake.test");
      }
    } else if (StartsWithIgnoringCase(*line, "HELO")) {
      mail.helo = line->substr(std::min<size_t>(5, line->size()));
      Reply(socket, "250 fake.test");
    } else if (StartsWithIgnoringCase(*line, "AUTH PLAIN")) {
      std::string response = line->size() > 11 ? line->substr(11) : std::string();
      if (response.empty()) {
        Reply(socket, "334 ");
        std::optional<std::string> next = lines.Next();
        if (!next) return;
        response = *next;
      }
      mail.auth = DecodeBase64(response);
      Reply(socket, "235 2.7.0 authenticated");
    } else if (StartsWithIgnoringCase(*line, "MAIL FROM:")) {
      if (behaviour == Behaviour::kTemporaryFailure) {
        Reply(socket, "451 4.3.0 try again later");
        continue;
      }
      mail.mail_from = line->substr(10);
      mail.recipients.clear();
      Reply(socket, "250 2.1.0 ok");
    } else if (StartsWithIgnoringCase(*line, "RCPT TO:")) {
      if (behaviour == Behaviour::kRejectRecipient) {
        Reply(socket, "550 5.1.1 no such user");
        continue;
      }
      mail.recipients.push_back(line->substr(8));
      Reply(socket, "250 2.1.5 ok");
    } else if (StartsWithIgnoringCase(*line, "DATA")) {
      Reply(socket, "354 end with <CRLF>.<CRLF>");
      std::string data;
      while (true) {
        std::optional<std::string> text = lines.Next();
        if (!text) return;
        if (*text == ".") break;
        data += (text->starts_with("..") ? text->substr(1) : *text) + "\r\n";
      }
      if (behaviour == Behaviour::kRejectMessage) {
        Reply(socket, "554 5.6.0 message refused");
        continue;
      }
      mail.data = std::move(data);
      {
        std::lock_guard lock(mutex_);
        received_.push_back(mail);
      }
      Reply(socket, "250 2.0.0 queued");
    } else if (StartsWithIgnoringCase(*line, "RSET")) {
      mail = ReceivedMail{mail.helo, mail.auth, {}, {}, {}};
      Reply(socket, "250 2.0.0 ok");
    } else if (StartsWithIgnoringCase(*line, "NOOP")) {
      Reply(socket, "250 2.0.0 ok");
    } else if (StartsWithIgnoringCase(*line, "QUIT")) {
      Reply(socket, "221 2.0.0 bye");
      return;
    } else {
      Reply(socket, "502 5.5.2 command not recognised");
    }
  }
}

}  // namespace enishi::smtp::testing
