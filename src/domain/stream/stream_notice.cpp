#include "domain/stream/stream_notice.hpp"

#include <algorithm>

#include "domain/cluster/change_feed.hpp"

namespace enishi::stream {

std::vector<std::string> EncodeStreamNotices(std::span<const MemberId> members) {
  std::vector<MemberId> unique;
  unique.reserve(members.size());
  for (MemberId member : members) {
    if (member.valid()) unique.push_back(member);
  }
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());

  std::vector<std::string> notices;
  for (MemberId member : unique) {
    std::string id = member.ToString();
    if (notices.empty() ||
        notices.back().size() + 1 + id.size() > cluster::ChangeFeed::kMaxMessageBytes) {
      notices.push_back(std::move(id));
    } else {
      notices.back() += ' ';
      notices.back() += id;
    }
  }
  return notices;
}

std::vector<MemberId> DecodeStreamNotice(std::string_view notice) {
  std::vector<MemberId> members;
  while (!notice.empty()) {
    size_t end = notice.find(' ');
    std::string_view token = notice.substr(0, end);
    if (auto member = MemberId::Parse(token); member && member->valid()) {
      members.push_back(*member);
    }
    if (end == std::string_view::npos) break;
    notice.remove_prefix(end + 1);
  }
  return members;
}

}  // namespace enishi::stream
