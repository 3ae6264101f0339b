#include "core/now_iso.h"

#include "core/clock.h"

namespace qjy {

std::string NowIsoUtc() { return IsoUtc(TheSystemClock().Now()); }

}  // namespace qjy
