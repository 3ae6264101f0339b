#include "gig/point_match.h"

#include <algorithm>

namespace qjy::gig {

PointMatch MatchPoint(const GigPost& post, const Availability& a) {
  PointMatch m;
  if (post.status != "open" || post.booked >= post.headcount) {
    m.why_not = "岗位已满员或已关闭";
    return m;
  }
  if (post.work_date != a.work_date) {
    m.why_not = "日期不同";
    return m;
  }
  if (a.start_min > post.start_min || a.end_min < post.end_min) {
    m.why_not = "空闲时间不能覆盖工作时间";
    return m;
  }
  if (!post.place_region.starts_with(a.area_region)) {
    m.why_not = "工作地点不在意向区域";
    return m;
  }
  const int64_t pay = post.DayPayFen();
  if (pay < a.min_day_pay_fen) {
    m.why_not = "报酬低于期望";
    return m;
  }
  m.feasible = true;
  m.reasons = {"日期相同", "时间可覆盖"};
  if (post.county_code == a.county_code) {
    m.score += 30;
    m.reasons.push_back("同县");
  } else {
    m.reasons.push_back("在意向区域内");
  }
  if (a.min_day_pay_fen > 0) {
    int64_t pct = (pay - a.min_day_pay_fen) * 100 / a.min_day_pay_fen;
    m.score += static_cast<int>(std::min<int64_t>(pct, 50));
    m.reasons.push_back(pay > a.min_day_pay_fen ? "报酬高于期望" : "报酬符合期望");
  } else {
    m.score += 25;
    m.reasons.push_back("报酬符合期望");
  }
  const int spare = (a.end_min - a.start_min) - (post.end_min - post.start_min);
  m.score += std::max(0, 20 - spare / 30);
  return m;
}

}  // namespace qjy::gig
