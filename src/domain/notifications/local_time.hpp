#pragma once
// The port that turns an instant into the wall-clock time of a member's IANA time zone: what
// quiet hours and the per-local-day alert budget are measured in. Implemented outside the
// domain (intl::IcuLocalTime); the domain never reads a time-zone database itself.
//
// Thread-safety: implementations may be called concurrently from any thread. Never fails
// except as documented: an unknown zone is a value, not an error.

#include <optional>
#include <string_view>

#include "core/clock.hpp"

namespace enishi::notifications {

// Where an instant falls in its local day.
struct LocalMoment {
  // Wall-clock minutes after local midnight, 0..1439. In a repeated hour (the clocks went
  // back) both passes read the same minutes; in a skipped hour none do.
  int minute_of_day = 0;
  // The first instant of that local day: the instant of local midnight, or, when the clocks
  // jumped over midnight, the instant of the jump. A local day need not last 24 hours.
  Timestamp day_start;
  friend bool operator==(const LocalMoment&, const LocalMoment&) = default;
};

class LocalTime {
 public:
  virtual ~LocalTime() = default;

  // Where `at` falls in the local day of `time_zone`, an IANA name spelt exactly ("UTC" and
  // "Etc/UTC" are known; "utc" and offsets such as "GMT+5" are not). nullopt for a name that
  // is not a known zone, and for an `at` within two days of Timestamp's limits.
  virtual std::optional<LocalMoment> At(std::string_view time_zone, Timestamp at) const = 0;
  // Whether At accepts `time_zone`: what settings check before saving a zone.
  virtual bool IsKnownZone(std::string_view time_zone) const = 0;
};

}  // namespace enishi::notifications
