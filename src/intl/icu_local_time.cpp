#include "intl/icu_local_time.hpp"

#include <unicode/basictz.h>
#include <unicode/stringpiece.h>
#include <unicode/timezone.h>
#include <unicode/tztrans.h>
#include <unicode/ucal.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <limits>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace enishi::intl {
namespace {

constexpr int64_t kMicrosPerMilli = 1'000;
constexpr int64_t kMicrosPerMinute = 60'000'000;
constexpr int64_t kMicrosPerDay = 86'400'000'000;
// No zone is a day or more away from UTC, so an instant this far inside Timestamp's range can
// have an offset added and be rounded down to its local midnight without overflowing.
constexpr int64_t kEdgeMicros = 2 * kMicrosPerDay;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

UDate ToUDate(int64_t micros) { return static_cast<UDate>(FloorDiv(micros, kMicrosPerMilli)); }

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Every id ICU knows passes; anything else is refused before ICU sees it. ICU reads some names
// only up to an embedded NUL ("Asia/Tokyo\0junk" is "Asia/Tokyo" to getCanonicalID), and a
// megabyte of garbage should cost a length check, not a conversion to UTF-16.
bool IsPlausibleName(std::string_view name) {
  if (name.empty() || name.size() > IcuLocalTime::kMaxZoneNameLength) return false;
  for (char c : name) {
    if (!IsAsciiAlnum(c) && c != '/' && c != '_' && c != '+' && c != '-') return false;
  }
  return true;
}

}  // namespace

class IcuLocalTime::Zone {
 public:
  explicit Zone(std::unique_ptr<icu::BasicTimeZone> zone) : zone_(std::move(zone)) {}
  Zone(const Zone&) = delete;
  Zone& operator=(const Zone&) = delete;

  // nullptr when ICU does not list `name` as a system zone under exactly that spelling.
  static std::unique_ptr<Zone> Load(std::string_view name) {
    icu::UnicodeString id = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    icu::UnicodeString canonical;
    UBool is_system = false;
    UErrorCode status = U_ZERO_ERROR;
    // Refuses unknown names and custom offsets ("GMT+05:00"), both of which createTimeZone
    // would accept: unknown names silently become "Etc/Unknown", a zone at UTC.
    icu::TimeZone::getCanonicalID(id, canonical, is_system, status);
    if (U_FAILURE(status) || !is_system) return nullptr;
    std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
    if (zone == nullptr) return nullptr;
    icu::UnicodeString created;
    icu::UnicodeString unknown;
    zone->getID(created);
    icu::TimeZone::getUnknown().getID(unknown);
    if (created != id || created == unknown) return nullptr;
    auto* basic = dynamic_cast<icu::BasicTimeZone*>(zone.get());
    if (basic == nullptr) return nullptr;
    zone.release();
    return std::make_unique<Zone>(std::unique_ptr<icu::BasicTimeZone>(basic));
  }

  std::optional<notifications::LocalMoment> At(Timestamp at) {
    const int64_t at_micros = ToMicros(at);
    if (at_micros < std::numeric_limits<int64_t>::min() + kEdgeMicros ||
        at_micros > std::numeric_limits<int64_t>::max() - kEdgeMicros) {
      return std::nullopt;
    }
    std::lock_guard lock(mutex_);
    const std::optional<int64_t> offset = OffsetAt(at_micros);
    if (!offset) return std::nullopt;
    const int64_t local = at_micros + *offset;
    const int64_t midnight = FloorDiv(local, kMicrosPerDay) * kMicrosPerDay;
    const std::optional<int64_t> day_start = FirstInstantOfDay(midnight);
    if (!day_start) return std::nullopt;
    return notifications::LocalMoment{static_cast<int>((local - midnight) / kMicrosPerMinute),
                                      FromMicros(*day_start)};
  }

 private:
  // UTC offset in microseconds at the instant `utc_micros`. REQUIRES: mutex_ held.
  std::optional<int64_t> OffsetAt(int64_t utc_micros) const {
    int32_t raw = 0;
    int32_t dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    zone_->getOffset(ToUDate(utc_micros), false, raw, dst, status);
    if (U_FAILURE(status)) return std::nullopt;
    return (int64_t{raw} + dst) * kMicrosPerMilli;
  }

  // The first instant whose wall clock reads `local_midnight` or later on that local day.
  // REQUIRES: mutex_ held.
  std::optional<int64_t> FirstInstantOfDay(int64_t local_midnight) const {
    int32_t raw = 0;
    int32_t dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    // FORMER for both: a repeated midnight resolves to its first pass; a skipped one to the
    // offset in force before the jump, which lands at or after the jump and is fixed below.
    zone_->getOffsetFromLocal(ToUDate(local_midnight), UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER,
                              raw, dst, status);
    if (U_FAILURE(status)) return std::nullopt;
    const int64_t start = local_midnight - (int64_t{raw} + dst) * kMicrosPerMilli;
    const std::optional<int64_t> offset = OffsetAt(start);
    if (!offset) return std::nullopt;
    if (start + *offset == local_midnight) return start;
    // Midnight never showed on the clock: the day began when the clocks jumped over it.
    icu::TimeZoneTransition jump;
    if (!zone_->getPreviousTransition(ToUDate(start), true, jump)) return std::nullopt;
    return static_cast<int64_t>(jump.getTime()) * kMicrosPerMilli;
  }

  // OlsonTimeZone builds its transition rules lazily on first use, which has raced in other
  // programs that share one zone between threads; a zone's calls here take microseconds.
  std::mutex mutex_;
  const std::unique_ptr<icu::BasicTimeZone> zone_;  // Guarded by mutex_.
};

class IcuLocalTime::Zones {
 public:
  // nullptr when `name` is not a known zone. The Zone lives as long as this object.
  Zone* Find(std::string_view name) {
    if (!IsPlausibleName(name)) return nullptr;
    const std::string key(name);
    {
      std::shared_lock lock(mutex_);
      if (auto it = zones_.find(key); it != zones_.end()) return it->second.get();
    }
    // Loaded outside the lock so that one slow load does not stall lookups; when two threads
    // load the same zone, the first one stored wins.
    std::unique_ptr<Zone> loaded = Zone::Load(name);
    if (loaded == nullptr) return nullptr;
    std::unique_lock lock(mutex_);
    return zones_.try_emplace(key, std::move(loaded)).first->second.get();
  }

 private:
  std::shared_mutex mutex_;
  // Known zones only, by the name asked for; never erased, so Zone pointers stay valid.
  std::unordered_map<std::string, std::unique_ptr<Zone>> zones_;  // Guarded by mutex_.
};

IcuLocalTime::IcuLocalTime() : zones_(std::make_unique<Zones>()) {}

IcuLocalTime::~IcuLocalTime() = default;

std::optional<notifications::LocalMoment> IcuLocalTime::At(std::string_view time_zone,
                                                           Timestamp at) const {
  Zone* zone = Find(time_zone);
  if (zone == nullptr) return std::nullopt;
  return zone->At(at);
}

bool IcuLocalTime::IsKnownZone(std::string_view time_zone) const {
  return Find(time_zone) != nullptr;
}

IcuLocalTime::Zone* IcuLocalTime::Find(std::string_view time_zone) const {
  return zones_->Find(time_zone);
}

}  // namespace enishi::intl
