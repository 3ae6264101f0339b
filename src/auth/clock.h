// The clock lives in core (core/clock.h); these names keep the callers that
// grew up with auth::Clock compiling.
#ifndef QJY_AUTH_CLOCK_H_
#define QJY_AUTH_CLOCK_H_

#include "core/clock.h"

namespace qjy::auth {

using qjy::Clock;
using qjy::IsoUtc;
using qjy::ManualClock;
using qjy::OffsetClock;
using qjy::SystemClock;

}  // namespace qjy::auth

#endif  // QJY_AUTH_CLOCK_H_
