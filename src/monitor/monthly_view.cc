#include "monitor/monthly_view.h"

#include <cstdio>

namespace qjy::monitor {

std::optional<int64_t> MonthlyValue(const MonthlySpec& spec, MonthCount c) {
  if (spec.kind == MonthlyKind::kRate) {
    if (c.den <= 0) return std::nullopt;
    return (c.num * 20000 + c.den) / (2 * c.den);  // round half up
  }
  if (c.num == 0 && c.den == 0) return std::nullopt;
  return c.num;
}

std::string RateText(int64_t bp) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld%%", static_cast<long long>(bp / 100), static_cast<long long>(bp % 100));
  return buf;
}

const char* MonthlyStatusLabel(const MonthlySpec& spec, Status s) {
  const bool rate = spec.kind == MonthlyKind::kRate;
  switch (s) {
    case Status::kGreen: return rate ? "未超过目标" : "保持稳定";
    case Status::kAmber: return rate ? "略高于目标" : "略有下降";
    case Status::kRed: return rate ? "明显高于目标" : "明显下降";
    case Status::kNoTarget: return rate ? "无数据" : "无上年数据";
    case Status::kNotDue: return "";  // not used by month-end values
  }
  return "";
}

Status RateStatus(const MonthlySpec& spec, int64_t bp) {
  if (bp <= spec.target_bp) return Status::kGreen;
  if (bp <= spec.amber_to_bp) return Status::kAmber;
  return Status::kRed;
}

std::string RateReason(const MonthlySpec& spec, const std::string& what, int64_t bp) {
  const Status s = RateStatus(spec, bp);
  std::string r = what + " " + RateText(bp) + "，目标 " + RateText(spec.target_bp) + " 左右";
  if (s == Status::kGreen) return r + "，未超过目标";
  if (s == Status::kAmber) return r + "，高于目标但不超过 " + RateText(spec.amber_to_bp);
  return r + "，高于 " + RateText(spec.amber_to_bp);
}

MonthlyPoint EvaluateMonthly(const MonthlySpec& spec, const MonthlyCounts& counts, const std::string& region,
                             int year, int month) {
  MonthlyPoint p;
  p.count = RegionCount(counts, region, MonthKey(year, month));
  p.value = MonthlyValue(spec, p.count);
  p.last_year = MonthlyValue(spec, RegionCount(counts, region, MonthKey(year - 1, month)));
  const std::string when = std::to_string(year) + " 年 " + std::to_string(month) + " 月末";
  if (spec.kind == MonthlyKind::kRate) {
    if (!p.value) {
      p.reason = when + "无登记失业或从业数据";
      return p;
    }
    p.status = RateStatus(spec, *p.value);
    p.reason = RateReason(spec, when + spec.name, *p.value) + "（登记失业 " + std::to_string(p.count.num) +
               " 人，从业与登记失业合计 " + std::to_string(p.count.den) + " 人）";
    if (p.last_year) p.reason += "；上年同月 " + RateText(*p.last_year);
    return p;
  }
  const int64_t now = p.value.value_or(0);
  p.reason = when + spec.name + " " + std::to_string(now) + spec.unit;
  if (!p.last_year || *p.last_year <= 0) {
    p.reason += "，上年同月无数据，无法比较";
    return p;
  }
  const double ratio = static_cast<double>(now) / static_cast<double>(*p.last_year);
  p.status = ratio >= spec.green_at ? Status::kGreen : ratio >= spec.amber_at ? Status::kAmber : Status::kRed;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f%%", ratio * 100.0);
  p.reason += "，上年同月 " + std::to_string(*p.last_year) + spec.unit + "，为上年同月的 " + buf;
  return p;
}

MonthlyView BuildMonthlyView(const MonthlySpec& spec, const MonthlyCounts& counts, const std::string& region,
                             const std::vector<std::string>& children, int year, int month) {
  MonthlyView v;
  v.spec = &spec;
  v.region = region;
  v.point = EvaluateMonthly(spec, counts, region, year, month);
  for (int m = 1; m <= 12; ++m) {
    v.this_year[m - 1] = m <= month ? MonthlyValue(spec, RegionCount(counts, region, MonthKey(year, m))) : std::nullopt;
    v.last_year[m - 1] = MonthlyValue(spec, RegionCount(counts, region, MonthKey(year - 1, m)));
  }
  for (const auto& c : children) v.children.push_back({c, EvaluateMonthly(spec, counts, c, year, month)});
  return v;
}

}  // namespace qjy::monitor
