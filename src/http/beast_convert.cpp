#include "http/beast_convert.hpp"

#include <algorithm>
#include <boost/beast/core/string.hpp>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/log.hpp"

namespace enishi::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

std::string Lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 9110 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), built by hand because strftime's
// day and month names follow the process locale.
std::string HttpDate(Timestamp now) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day = std::chrono::floor<std::chrono::days>(now);
  std::chrono::year_month_day date(day);
  std::chrono::hh_mm_ss time(std::chrono::floor<std::chrono::seconds>(now - day));
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02u %s %04d %02d:%02d:%02d GMT",
                kDays[std::chrono::weekday(day).c_encoding()], static_cast<unsigned>(date.day()),
                kMonths[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

// A CR or LF in a header would let a handler split the response; such headers are dropped.
bool IsSafeHeader(const std::string& name, const std::string& value) {
  auto unsafe = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
  return !name.empty() && std::none_of(name.begin(), name.end(), unsafe) &&
         std::none_of(value.begin(), value.end(), unsafe);
}

bool StatusForbidsBody(int status) { return status < 200 || status == 204 || status == 304; }

}  // namespace

// Beast already parsed the method into an enum; mapping it avoids re-parsing the text (and
// keeps http/ independent of the api library, which owns api::ParseMethod).
api::Method ToApiMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
      return api::Method::kGet;
    case bhttp::verb::head:
      return api::Method::kHead;
    case bhttp::verb::post:
      return api::Method::kPost;
    case bhttp::verb::put:
      return api::Method::kPut;
    case bhttp::verb::patch:
      return api::Method::kPatch;
    case bhttp::verb::delete_:
      return api::Method::kDelete;
    case bhttp::verb::options:
      return api::Method::kOptions;
    default:
      return api::Method::kOther;
  }
}

api::Request ToApiRequest(BeastRequest&& request, const ConnectionInfo& connection,
                          const TrustedProxies& trusted_proxies) {
  api::Request out;
  out.method = ToApiMethod(request.method());
  out.target = std::string(request.target());
  out.headers.reserve(static_cast<size_t>(std::distance(request.begin(), request.end())));
  std::string forwarded_for;
  std::string_view forwarded_proto;
  for (const auto& field : request) {
    std::string name = Lowercase(field.name_string());
    if (name == "x-forwarded-for") {
      if (!forwarded_for.empty()) forwarded_for += ',';
      forwarded_for += field.value();
    } else if (name == "x-forwarded-proto") {
      forwarded_proto = field.value();
    }
    out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  out.body = std::move(request.body());
  out.client_ip = trusted_proxies.ClientIp(connection.peer_ip, forwarded_for);
  // Like X-Forwarded-For, the rightmost scheme is the one the trusted peer vouches for.
  std::string_view scheme = forwarded_proto.substr(forwarded_proto.rfind(',') + 1);
  bool proxied_https =
      trusted_proxies.Contains(connection.peer_ip) && beast::iequals(TrimSpaces(scheme), "https");
  out.secure = connection.tls || proxied_https;
  return out;
}

void AddResponseHeaders(bhttp::fields& out,
                        const std::vector<std::pair<std::string, std::string>>& headers,
                        std::string_view request_id) {
  for (const auto& [name, value] : headers) {
    if (!IsSafeHeader(name, value)) {
      log::Error("unsafe_response_header_dropped", {{"header", name}});
      continue;
    }
    out.insert(name, value);
  }
  out.set(bhttp::field::server, "enishi");
  out.set(bhttp::field::date, HttpDate(SystemClock().Now()));
  out.set("X-Request-Id", request_id);
}

boost::optional<std::pair<ResponseBody::writer::const_buffers_type, bool>>
ResponseBody::writer::get(beast::error_code& ec) {
  ec = {};
  if (remaining_ == 0) return boost::none;
  if (!body_.file.is_open()) {
    remaining_ = 0;
    return {{boost::asio::buffer(body_.text), false}};
  }
  size_t amount = static_cast<size_t>(std::min<uint64_t>(remaining_, sizeof chunk_));
  size_t read = body_.file.read(chunk_, amount, ec);
  if (ec) return boost::none;
  if (read == 0) {
    ec = bhttp::error::short_read;  // The file shrank while being sent.
    return boost::none;
  }
  remaining_ -= read;
  return {{boost::asio::const_buffer(chunk_, read), remaining_ > 0}};
}

BeastResponse ToBeastResponse(api::Response&& response, const ReplyContext& context) {
  if (response.status < 100 || response.status > 599) {
    throw std::invalid_argument("handler returned HTTP status " + std::to_string(response.status));
  }
  BeastResponse out(static_cast<bhttp::status>(response.status), context.version);
  if (!response.file_path.empty()) {
    beast::error_code ec;
    out.body().file.open(response.file_path.c_str(), beast::file_mode::scan, ec);
    if (!ec) out.body().file_size = out.body().file.size(ec);
    if (ec) {
      log::Warn("response_file_missing", {{"path", response.file_path}, {"error", ec.message()}});
      return ToBeastResponse(ErrorResponse(404, "not_found", "not found"), context);
    }
  } else {
    out.body().text = std::move(response.body);
  }
  AddResponseHeaders(out, response.headers, context.request_id);
  out.keep_alive(context.keep_alive);
  // Beast throws if a 1xx, 204 or 304 response has a body; such a body can only be a mistake.
  bool body_forbidden = StatusForbidsBody(response.status);
  if (body_forbidden) out.body() = {};
  if (context.head && !body_forbidden) {
    out.content_length(ResponseBody::size(out.body()));
    out.body() = {};  // Closes the file: HEAD sends the headers only.
  } else {
    out.prepare_payload();
  }
  return out;
}

api::Response ErrorResponse(int status, std::string_view code, std::string_view message) {
  api::Response response;
  response.status = status;
  response.body = "{\"error\":{\"code\":\"";
  log::AppendJsonEscaped(response.body, code);
  response.body += "\",\"message\":\"";
  log::AppendJsonEscaped(response.body, message);
  response.body += "\"}}";
  response.SetHeader("Content-Type", "application/json");
  return response;
}

}  // namespace enishi::http
