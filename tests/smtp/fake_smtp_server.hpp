#pragma once
// A tiny SMTP server on 127.0.0.1 (ephemeral port) for tests: it speaks just enough SMTP
// (greeting, EHLO/HELO, AUTH PLAIN, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT) to accept mail
// from libcurl, and records what it accepted. Its behaviour can be switched to fail in the
// ways real servers do. One connection at a time, on a background thread; every wait is
// bounded, so a broken client fails the test instead of hanging it. Thread-safe.

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace enishi::smtp::testing {

struct ReceivedMail {
  std::string helo;
  std::string auth;  // The decoded AUTH PLAIN response ("\0user\0password"), if any.
  std::string mail_from;
  std::vector<std::string> recipients;
  std::string data;  // As sent, dot-stuffing undone, without the final ".".
};

class FakeSmtpServer {
 public:
  enum class Behaviour {
    kAccept,
    kTemporaryFailure,  // 451 to MAIL FROM: try again later.
    kRejectRecipient,   // 550 to RCPT TO: no such user.
    kRejectMessage,     // 554 after DATA: refused.
    kRefuseService,     // 554 instead of a greeting: this client is not served here.
    kCloseAtOnce,       // Accepts the connection and closes it.
    kSilent,            // Accepts the connection and never says a word.
  };

  // Listens at once; check port() != 0.
  explicit FakeSmtpServer(bool advertise_auth = false);
  ~FakeSmtpServer();
  FakeSmtpServer(const FakeSmtpServer&) = delete;
  FakeSmtpServer& operator=(const FakeSmtpServer&) = delete;

  int port() const { return port_; }
  void set_behaviour(Behaviour behaviour) { behaviour_ = behaviour; }
  // Mail accepted so far (250 after DATA), in order.
  std::vector<ReceivedMail> received() const;
  int connections() const { return connections_; }

 private:
  void Serve();
  void Session(int socket);

  int listener_ = -1;
  int port_ = 0;
  bool advertise_auth_;
  std::atomic<Behaviour> behaviour_{Behaviour::kAccept};
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  mutable std::mutex mutex_;
  std::vector<ReceivedMail> received_;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

// Decodes base64 (whitespace skipped); stops at the first character that is not base64.
std::string DecodeBase64(std::string_view text);

}  // namespace enishi::smtp::testing
