// How near a decision is to paying, and how an eligible one is paid: the
// one classification behind the seeker's and the employer's policy page
// (issue #14), carried by ToJson(Decision) as "closeness" and "delivery".
#ifndef QJY_POLICY_CLOSENESS_H_
#define QJY_POLICY_CLOSENESS_H_

#include <string_view>

#include "policy/decision.h"

namespace qjy::policy {

// kEligible; kNear when not eligible but only one condition is known to
// fail (none unknown), or no condition is known to fail and only facts the
// registry lacks stand in the way — the person can act on it: change the
// one thing or supply the data; kFar otherwise (several failures, a failure
// with unknowns besides, or a refusal with no failed condition such as a
// parameter no longer in force).
enum class Closeness { kEligible, kNear, kFar };
Closeness ClosenessOf(const Decision& d);
std::string_view ClosenessCode(Closeness c);  // "eligible", "near", "far"

// How an eligible decision reaches the beneficiary: every eligible subsidy
// is found by the sweep and proposed for payment without an application
// (免申即享, main(十五), A2(八)); a loan is referred to the handling bank,
// where the borrower applies.
std::string_view DeliveryLabel(const Decision& d);  // "免申即享" / "向经办银行申请"

}  // namespace qjy::policy

#endif  // QJY_POLICY_CLOSENESS_H_
