// The system clock's present time as a stored timestamp, for rows whose
// creation time is bookkeeping (created_at, changes.at) rather than a fact a
// decision reads; decisions take their date from an injected Clock
// (core/clock.h).
#ifndef QJY_CORE_NOW_ISO_H_
#define QJY_CORE_NOW_ISO_H_

#include <string>

namespace qjy {

// "2024-05-01T08:30:00Z": IsoUtc(TheSystemClock().Now()).
std::string NowIsoUtc();

}  // namespace qjy

#endif  // QJY_CORE_NOW_ISO_H_
