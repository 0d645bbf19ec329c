#pragma once
// Conversion between Beast messages and the plain api::Request / api::Response structs, and
// the JSON error responses the server produces itself. Internal to http/. Stateless and
// thread-safe.

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/file.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/optional/optional.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/request.hpp"
#include "http/trusted_proxies.hpp"

namespace enishi::http {

// The body of every response the server writes: text held in memory, or a file streamed from
// disk. A single body type keeps Beast's write algorithm to one instantiation per stream
// type, which is most of the compile time of the session TU.
struct ResponseBody {
  struct value_type {
    std::string text;
    boost::beast::file file;  // When open, the body is the file's `file_size` bytes instead.
    uint64_t file_size = 0;
  };

  static uint64_t size(const value_type& body) {
    return body.file.is_open() ? body.file_size : body.text.size();
  }

  // Beast's BodyWriter: hands the serializer the text, or the file in chunks.
  class writer {
   public:
    using const_buffers_type = boost::asio::const_buffer;

    template <bool kIsRequest, class Fields>
    writer(boost::beast::http::header<kIsRequest, Fields>& /*header*/, value_type& body)
        : body_(body), remaining_(size(body)) {}
    void init(boost::beast::error_code& ec) { ec = {}; }
    boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec);

   private:
    value_type& body_;
    uint64_t remaining_;
    char chunk_[16 * 1024];
  };
};

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<ResponseBody>;

// The connection a request arrived on.
struct ConnectionInfo {
  std::string peer_ip;  // Canonical text form of the socket peer's address.
  bool tls = false;
};

api::Method ToApiMethod(boost::beast::http::verb verb);

// Header names are lowercased; client_ip and secure follow ServerOptions::trusted_proxies.
// request_id is left empty for the caller to assign.
api::Request ToApiRequest(BeastRequest&& request, const ConnectionInfo& connection,
                          const TrustedProxies& trusted_proxies);

// How the response must be framed for the request it answers.
struct ReplyContext {
  unsigned version = 11;        // HTTP version of the request (11 = HTTP/1.1).
  bool keep_alive = false;      // False adds "Connection: close".
  bool head = false;            // HEAD: headers with the real Content-Length, no body.
  std::string_view request_id;  // Echoed as X-Request-Id.
};

// Adds Server, Date, X-Request-Id and framing headers. A set file_path is opened here (and
// streamed while the response is written); a file that has vanished becomes a 404 error. Throws
// std::invalid_argument when the handler produced an impossible status (the per-request safety net
// answers 500).
BeastResponse ToBeastResponse(api::Response&& response, const ReplyContext& context);

// Adds `headers` (a handler's; any that could split the response are dropped and logged), then
// Server, Date and X-Request-Id: what every answer the server writes carries, a WebSocket
// handshake's 101 included.
void AddResponseHeaders(boost::beast::http::fields& out,
                        const std::vector<std::pair<std::string, std::string>>& headers,
                        std::string_view request_id);

// {"error":{"code":code,"message":message}} with Content-Type application/json.
api::Response ErrorResponse(int status, std::string_view code, std::string_view message);

}  // namespace enishi::http
