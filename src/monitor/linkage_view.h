// One comparison indicator (linkage_spec.h) in one region and month: each
// measure summed over the region's counties (nullopt — shown 未知 — when
// no county of the region holds that fact for the month), the share with
// its status and reason in Chinese, the twelve months of the year per
// measure (for the chart), and each child region. Pure.
#ifndef QJY_MONITOR_LINKAGE_VIEW_H_
#define QJY_MONITOR_LINKAGE_VIEW_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "linkage/indicator_counts.h"
#include "monitor/linkage_spec.h"
#include "monitor/progress.h"

namespace qjy::monitor {

// One measure of one county and month; nullopt when the count does not
// hold that fact (a partner file without statuses or insured months).
std::optional<int64_t> LinkageMeasureOf(const linkage::LinkageMonthCounts& c, std::string_view code);

struct LinkagePoint {
  std::vector<std::optional<int64_t>> values;  // per spec measure
  std::optional<int64_t> share_bp;             // numerator ÷ denominator in basis points
  Status status = Status::kNoTarget;
  std::string status_label;                    // 达到要求 / 略低于要求 / 明显偏低 / 无数据
  std::string reason;
};

// Sums the counties under `region` (a code prefix) for `month` (YYYY-MM).
LinkagePoint EvaluateLinkage(const LinkageSpec& spec, std::span<const linkage::LinkageMonthCounts> counts,
                             const std::string& region, const std::string& month);

struct LinkageChild {
  std::string code;
  LinkagePoint point;
};

struct LinkageView {
  const LinkageSpec* spec = nullptr;
  std::string region;
  std::string month;
  LinkagePoint point;
  // [measure][month 0..11] of the year, nullopt after `month` or unknown.
  std::vector<std::array<std::optional<int64_t>, 12>> months;
  std::array<std::optional<int64_t>, 12> share_months{};  // basis points
  std::vector<LinkageChild> children;
};

LinkageView BuildLinkageView(const LinkageSpec& spec, std::span<const linkage::LinkageMonthCounts> counts,
                             const std::string& region, const std::vector<std::string>& children, int year,
                             int month);

// "87.5%" for 8750 basis points.
std::string ShareText(int64_t bp);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_LINKAGE_VIEW_H_
