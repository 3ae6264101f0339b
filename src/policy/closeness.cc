#include "policy/closeness.h"

namespace qjy::policy {

Closeness ClosenessOf(const Decision& d) {
  if (d.eligible) return Closeness::kEligible;
  int failed = 0, unknown = 0;
  for (const auto& c : d.conditions) {
    if (c.pass) continue;
    if (c.unknown) {
      ++unknown;
    } else {
      ++failed;
    }
  }
  if (failed == 1 && unknown == 0) return Closeness::kNear;
  if (failed == 0 && unknown > 0) return Closeness::kNear;
  return Closeness::kFar;
}

std::string_view ClosenessCode(Closeness c) {
  switch (c) {
    case Closeness::kEligible: return "eligible";
    case Closeness::kNear: return "near";
    case Closeness::kFar: return "far";
  }
  return "far";
}

std::string_view DeliveryLabel(const Decision& d) { return d.loan ? "向经办银行申请" : "免申即享"; }

}  // namespace qjy::policy
