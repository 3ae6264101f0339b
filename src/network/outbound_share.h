// The organised share of outbound work (附件2（四）: "以县为单位将农村劳动
// 力外出务工组织化程度稳定在70%左右"): per county, of its workers with an
// employment spell outside Guizhou on the report date, the share whose
// spell was organised (registry/organised.h). Workers whose way out is not
// recorded are left out of the share (neither organised nor not) and
// counted apart; a county where none is recorded cannot be judged and is
// listed, not counted. Pure; safe to call concurrently.
#ifndef QJY_NETWORK_OUTBOUND_SHARE_H_
#define QJY_NETWORK_OUTBOUND_SHARE_H_

#include <span>
#include <string>

#include "core/regions.h"
#include "network/coverage.h"
#include "network/duties.h"

namespace qjy::network {

// organised ÷ (outbound − unrecorded) in basis points (rounded down);
// -1 when no worker's way out is recorded.
int64_t OrganisedShareBp(const OutboundTally& t);

// Fills `r` for duty `d` (kind outbound) from the tallies of the counties
// under `scope`: places = counties with a recorded worker, covered = those
// at or above d.share_bp, a gap per county below (or not judgeable) with
// its numbers; outbound/organised/unrecorded the scope's totals. Status
// met when every judged county reaches the share, missing otherwise,
// 仅统计 when none can be judged.
void OutboundDuty(const RegionIndex& regions, const std::string& scope, const Duty& d,
                  std::span<const OutboundTally> tallies, DutyResult& r);

}  // namespace qjy::network

#endif  // QJY_NETWORK_OUTBOUND_SHARE_H_
