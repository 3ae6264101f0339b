#include "network/outbound_share.h"

#include <fmt/format.h>

namespace qjy::network {
namespace {

// Hundredths of a percent as "68.25%".
std::string PercentBp(int64_t bp100) { return fmt::format("{}.{:02}%", bp100 / 100, bp100 % 100); }

}  // namespace

int64_t OrganisedShareBp(const OutboundTally& t) {
  const int64_t known = t.outbound - t.unrecorded;
  return known <= 0 ? -1 : t.organised * 10000 / known;
}

void OutboundDuty(const RegionIndex& regions, const std::string& scope, const Duty& d,
                  std::span<const OutboundTally> tallies, DutyResult& r) {
  r.outbound_share = true;
  if (scope.size() > 6) {  // a township: the share is the county's
    r.requirement = "以县为单位统计，乡级区划不适用";
    r.status = Status::kInfo;
    r.applicable = false;
    return;
  }
  for (const auto& t : tallies) {
    if (!t.county.starts_with(scope)) continue;
    r.outbound += t.outbound;
    r.organised += t.organised;
    r.unrecorded += t.unrecorded;
    r.outbound_counties.push_back(t);
    const int64_t bp = OrganisedShareBp(t);
    const std::string name = regions.FullName(t.county).value_or(t.county);
    const std::string counts =
        fmt::format("外出务工 {} 人，有组织输出 {} 人，组织方式未记录 {} 人", t.outbound, t.organised, t.unrecorded);
    if (bp < 0) {
      if (t.outbound > 0) {
        ++r.gap_count;
        if (r.gaps.size() < 500) r.gaps.push_back({t.county, name, counts + "；无法判定"});
      }
      continue;
    }
    ++r.places;
    if (bp >= d.share_bp) {
      ++r.covered;
      continue;
    }
    ++r.gap_count;
    if (r.gaps.size() < 500) r.gaps.push_back({t.county, name, fmt::format("{}；组织化程度 {}", counts, PercentBp(bp))});
  }
  r.required = r.places;
  const OutboundTally total{scope, r.outbound, r.organised, r.unrecorded};
  const int64_t bp = OrganisedShareBp(total);
  r.requirement = fmt::format(
      "以县为单位，外出务工人员中有组织输出的占比达到 {}%（组织方式未记录者不计入分母）；本区划外出务工 {} 人，有组织 {} 人，"
      "未记录 {} 人，组织化程度 {}",
      d.share_bp / 100.0, r.outbound, r.organised, r.unrecorded, bp < 0 ? std::string("—") : PercentBp(bp));
  r.status = r.places == 0 ? Status::kInfo : (r.covered == r.places ? Status::kMet : Status::kMissing);
}

}  // namespace qjy::network
