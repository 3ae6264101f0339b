#include "monitor/progress.h"

#include <cmath>
#include <cstdio>

namespace qjy::monitor {
namespace {

std::string Percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v * 100.0);
  return buf;
}

}  // namespace

const char* StatusCode(Status s) {
  switch (s) {
    case Status::kGreen: return "green";
    case Status::kAmber: return "amber";
    case Status::kRed: return "red";
    case Status::kNoTarget: return "no_target";
    case Status::kNotDue: return "not_due";
  }
  return "no_target";
}

const char* StatusLabel(Status s) {
  switch (s) {
    case Status::kGreen: return "进度正常";
    case Status::kAmber: return "略有滞后";
    case Status::kRed: return "明显滞后";
    case Status::kNoTarget: return "无目标";
    case Status::kNotDue: return "尚未到考核进度";
  }
  return "无目标";
}

std::string Profile::Describe() const {
  if (years.empty()) return thin ? "按均匀进度（往年数据过少）" : "按均匀进度（无往年数据）";
  if (years.size() == 1) return "按 " + std::to_string(years.front()) + " 年月度进度";
  return "按 " + std::to_string(years.front()) + "–" + std::to_string(years.back()) + " 年月度进度";
}

Profile SeasonalProfile(const Series& series, int year) {
  Profile p;
  std::array<int64_t, 12> cum{};
  int64_t total = 0;
  for (const auto& [y, months] : series.by_year) {
    if (y >= year) break;
    int64_t t = 0;
    for (int64_t v : months) t += v;
    if (t <= 0) continue;
    p.years.push_back(y);
    int64_t run = 0;
    for (int m = 0; m < 12; ++m) {
      run += months[m];
      cum[m] += run;
    }
    total += t;
  }
  if (total > 0 && total < kMinProfileEvents) {
    p.years.clear();
    p.thin = true;
    total = 0;
  }
  for (int m = 0; m < 12; ++m) {
    p.cumulative_share[m] = total > 0 ? static_cast<double>(cum[m]) / static_cast<double>(total)
                                      : static_cast<double>(m + 1) / 12.0;
  }
  return p;
}

Progress Evaluate(const IndicatorSpec& spec, const Series& series, std::optional<int64_t> target, int year,
                  int month) {
  Progress r;
  r.year = year;
  r.month = month;
  r.target = target;
  r.actual = series.CumulativeTo(year, month);
  if (series.HasYear(year - 1)) r.last_year = series.CumulativeTo(year - 1, month);
  r.profile = SeasonalProfile(series, year);
  if (!target || *target <= 0) {
    // A target of 0 (an allocation with nothing to share out) is none.
    r.status = Status::kNoTarget;
    r.reason = std::to_string(year) + " 年无目标";
    return r;
  }
  const double share = r.profile.cumulative_share[month - 1];
  r.expected = static_cast<int64_t>(std::llround(static_cast<double>(*target) * share));
  r.attainment = static_cast<double>(r.actual) / static_cast<double>(*target);
  const std::string done = "截至 " + std::to_string(month) + " 月完成 " + std::to_string(r.actual) + spec.unit + "，" +
                           r.profile.Describe() + "应完成 " + std::to_string(r.expected) + spec.unit + "（全年目标 " +
                           std::to_string(*target) + spec.unit + "），";
  if (r.expected == 0) {
    // Nothing due yet by the profile: the pace is not known. Something
    // done is ahead of it; nothing done is not yet judged — not "normal".
    r.pace = r.actual > 0 ? 1.0 : 0.0;
    r.status = r.actual > 0 ? Status::kGreen : Status::kNotDue;
    r.reason = done + (r.actual > 0 ? "已超过应完成数" : "尚未到考核进度") + "，完成全年目标 " + Percent(r.attainment);
  } else {
    r.pace = static_cast<double>(r.actual) / static_cast<double>(r.expected);
    r.status = r.pace >= spec.green_at ? Status::kGreen : r.pace >= spec.amber_at ? Status::kAmber : Status::kRed;
    r.reason = done + "进度 " + Percent(r.pace) + "，完成全年目标 " + Percent(r.attainment);
  }
  if (r.last_year) {
    r.reason += "；上年同期 " + std::to_string(*r.last_year) + spec.unit;
  }
  return r;
}

}  // namespace qjy::monitor
