// Point-to-point matching of a day-labour post and a worker's availability
// (A3(十一) "点对点"对接). Feasible when: same date; the worker's hours
// cover the post's; the post's place lies in the worker's area (code
// prefix); the day's pay reaches the worker's minimum; the post still has
// room. Score (higher first): same county +30, pay margin up to +50 (1 point
// per 1 % above the minimum), shorter spare time +20 at most. Reasons in
// Chinese. Pure.
#ifndef QJY_GIG_POINT_MATCH_H_
#define QJY_GIG_POINT_MATCH_H_

#include <string>
#include <vector>

#include "gig/gig.h"

namespace qjy::gig {

struct PointMatch {
  bool feasible = false;
  int score = 0;
  std::vector<std::string> reasons;  // e.g. {"日期相同", "时间可覆盖", "同县", "日薪高于期望"}
  std::string why_not;               // first failed condition, when infeasible
};

PointMatch MatchPoint(const GigPost& post, const Availability& a);

}  // namespace qjy::gig

#endif  // QJY_GIG_POINT_MATCH_H_
