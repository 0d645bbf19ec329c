#pragma once
// notifications::LocalTime over ICU's time-zone database: the only code, with the rest of
// src/intl/, that includes ICU headers (enforced by tools/check_layering.sh). A zone is known
// when ICU lists it as a system zone under exactly that spelling: the IANA names and their
// links ("US/Eastern"), plus the few legacy ids ICU keeps ("PST"). Custom offsets
// ("GMT+05:00"), ICU's "Etc/Unknown", other casings, names longer than kMaxZoneNameLength or
// with characters outside [A-Za-z0-9/_+-] are not.
//
// Thread-safety: every method may be called concurrently from any thread. Each known zone is
// loaded from ICU once, on first use, and kept for the object's life (there are about 640, so
// the cache is bounded; unknown names are never cached). Calls on one zone are serialised by
// that zone's mutex; different zones do not contend.

#include <memory>
#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "domain/notifications/local_time.hpp"

namespace enishi::intl {

class IcuLocalTime final : public notifications::LocalTime {
 public:
  // The longest id ICU 72 knows is 32 characters ("America/Argentina/ComodRivadavia").
  static constexpr size_t kMaxZoneNameLength = 64;

  IcuLocalTime();
  ~IcuLocalTime() override;
  IcuLocalTime(const IcuLocalTime&) = delete;
  IcuLocalTime& operator=(const IcuLocalTime&) = delete;

  // See notifications::LocalTime.
  std::optional<notifications::LocalMoment> At(std::string_view time_zone,
                                               Timestamp at) const override;
  bool IsKnownZone(std::string_view time_zone) const override;

 private:
  class Zone;
  class Zones;

  // nullptr when `time_zone` is not known.
  Zone* Find(std::string_view time_zone) const;

  const std::unique_ptr<Zones> zones_;
};

}  // namespace enishi::intl
