#pragma once
// Reads back what smtp::FormatMessage wrote, the way a mail client would: unfolds headers,
// decodes RFC 2047 encoded words and the base64 body. Independent of the code under test.

#include <map>
#include <regex>
#include <string>

#include "smtp/fake_smtp_server.hpp"

namespace enishi::smtp::testing {

struct ParsedMail {
  std::map<std::string, std::string> headers;  // Unfolded, as written (encoded words kept).
  std::vector<std::string> header_lines;       // Physical lines, before unfolding.
  std::string raw_body;
  std::string body;  // Decoded from base64.
};

// Decodes =?UTF-8?B?...?= words; whitespace between two encoded words is dropped (RFC 2047 §6.2).
inline std::string DecodeHeader(const std::string& value) {
  static const std::regex kWord(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");
  std::string out;
  auto begin = std::sregex_iterator(value.begin(), value.end(), kWord);
  size_t last = 0;
  bool previous_was_word = false;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    std::string between = value.substr(last, static_cast<size_t>(it->position()) - last);
    bool blank = between.find_first_not_of(" \t\r\n") == std::string::npos;
    if (!(previous_was_word && blank)) out += between;
    out += DecodeBase64((*it)[1].str());
    last = static_cast<size_t>(it->position() + it->length());
    previous_was_word = true;
  }
  return out + value.substr(last);
}

inline ParsedMail ParseMail(const std::string& data) {
  ParsedMail mail;
  size_t blank = data.find("\r\n\r\n");
  std::string head = data.substr(0, blank);
  mail.raw_body = blank == std::string::npos ? "" : data.substr(blank + 4);
  std::string name;
  size_t start = 0;
  while (start <= head.size()) {
    size_t end = head.find("\r\n", start);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(start, end - start);
    mail.header_lines.push_back(line);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      mail.headers[name] += line;
    } else if (size_t colon = line.find(':'); colon != std::string::npos) {
      name = line.substr(0, colon);
      mail.headers[name] =
          line.substr(colon + 1 + (line.size() > colon + 1 && line[colon + 1] == ' '));
    }
    start = end + 2;
  }
  mail.body = DecodeBase64(mail.raw_body);
  return mail;
}

}  // namespace enishi::smtp::testing
