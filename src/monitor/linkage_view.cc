#include "monitor/linkage_view.h"

#include <cstdio>

namespace qjy::monitor {
namespace {

std::string MonthKeyText(int year, int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::string MonthWords(const std::string& month) {
  return month.substr(0, 4) + " 年 " + std::to_string(std::stoi(month.substr(5, 2))) + " 月";
}

const char* ShareStatusLabel(Status s) {
  switch (s) {
    case Status::kGreen: return "达到要求";
    case Status::kAmber: return "略低于要求";
    case Status::kRed: return "明显偏低";
    case Status::kNoTarget: return "无数据";
    case Status::kNotDue: return "无数据";  // not used by the shares
  }
  return "";
}

const LinkageMeasureSpec* MeasureSpecOf(const LinkageSpec& spec, const std::string& code) {
  for (const auto& m : spec.measures) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

}  // namespace

std::string ShareText(int64_t bp) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%lld%%", static_cast<long long>(bp / 100),
                static_cast<long long>((bp % 100) / 10));
  return buf;
}

std::optional<int64_t> LinkageMeasureOf(const linkage::LinkageMonthCounts& c, std::string_view code) {
  if (code == "workers") return c.workers;
  if (code == "employed") return c.employed;
  if (code == "unemployed") return c.unemployed;
  if (code == "insured") return c.insured;
  if (code == "returned") return c.returned;
  if (code == "followups") return c.followups;
  if (code == "due") return c.done_in_time + c.done_late + c.open_overdue;
  if (code == "done_in_time") return c.done_in_time;
  if (code == "done_late") return c.done_late;
  if (code == "open_overdue") return c.open_overdue;
  if (code == "open_pending") return c.open_pending;
  if (code == "poverty_flags") return c.poverty_flags;
  if (code == "poverty_closed") return c.poverty_closed;
  if (code == "benefit_flags") return c.benefit_flags;
  if (code == "benefit_closed") return c.benefit_closed;
  return std::nullopt;
}

LinkagePoint EvaluateLinkage(const LinkageSpec& spec, std::span<const linkage::LinkageMonthCounts> counts,
                             const std::string& region, const std::string& month) {
  LinkagePoint p;
  p.values.assign(spec.measures.size(), std::nullopt);
  for (const auto& c : counts) {
    if (c.month != month || !c.county_code.starts_with(region)) continue;
    for (size_t i = 0; i < spec.measures.size(); ++i) {
      if (auto v = LinkageMeasureOf(c, spec.measures[i].code)) p.values[i] = p.values[i].value_or(0) + *v;
    }
  }
  const std::string when = MonthWords(month);
  bool any = false;
  for (const auto& v : p.values) any = any || v.has_value();
  if (!spec.share) {
    p.status_label = ShareStatusLabel(Status::kNoTarget);
    p.reason = any ? when + "比对结果见各项计数（文件未规定数量要求）" : when + "无比对数据（未知）";
    return p;
  }
  const LinkageShare& s = *spec.share;
  std::optional<int64_t> num, den;
  for (size_t i = 0; i < spec.measures.size(); ++i) {
    if (spec.measures[i].code == s.numerator) num = p.values[i];
    if (spec.measures[i].code == s.denominator) den = p.values[i];
  }
  const std::string num_label = MeasureSpecOf(spec, s.numerator)->label;
  const std::string den_label = MeasureSpecOf(spec, s.denominator)->label;
  if (!den || !num) {
    p.status_label = ShareStatusLabel(Status::kNoTarget);
    p.reason = when + "无比对数据，" + s.label + "未知";
    return p;
  }
  if (*den == 0) {
    p.status_label = ShareStatusLabel(Status::kNoTarget);
    p.reason = when + den_label + " 0" + spec.unit + "，无需计算" + s.label;
    return p;
  }
  p.share_bp = (*num * 20000 + *den) / (2 * *den);  // round half up
  const double share = static_cast<double>(*num) / static_cast<double>(*den);
  p.status = share >= s.green_at ? Status::kGreen : share >= s.amber_at ? Status::kAmber : Status::kRed;
  p.status_label = ShareStatusLabel(p.status);
  p.reason = when + s.label + " " + ShareText(*p.share_bp) + "（" + num_label + " " + std::to_string(*num) +
             spec.unit + " ÷ " + den_label + " " + std::to_string(*den) + spec.unit + "）；要求不低于 " +
             ShareText(static_cast<int64_t>(s.green_at * 10000 + 0.5)) + "（假设）";
  return p;
}

LinkageView BuildLinkageView(const LinkageSpec& spec, std::span<const linkage::LinkageMonthCounts> counts,
                             const std::string& region, const std::vector<std::string>& children, int year,
                             int month) {
  LinkageView v;
  v.spec = &spec;
  v.region = region;
  v.month = MonthKeyText(year, month);
  v.point = EvaluateLinkage(spec, counts, region, v.month);
  v.months.assign(spec.measures.size(), {});
  for (int m = 1; m <= month && m <= 12; ++m) {
    const LinkagePoint p = EvaluateLinkage(spec, counts, region, MonthKeyText(year, m));
    for (size_t i = 0; i < spec.measures.size(); ++i) v.months[i][m - 1] = p.values[i];
    v.share_months[m - 1] = p.share_bp;
  }
  for (const auto& c : children) v.children.push_back({c, EvaluateLinkage(spec, counts, c, v.month)});
  return v;
}

}  // namespace qjy::monitor
