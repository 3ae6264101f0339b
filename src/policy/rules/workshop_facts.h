// What the rules read of the 就业帮扶车间 registry (World::workshops): the
// recognised workshop an employer runs, and the number of 脱贫人口（含监测
// 对象） a workshop employs — the document's "基本标准" of recognition
// (A2(十四)). Internal to src/policy.
#ifndef QJY_POLICY_RULES_WORKSHOP_FACTS_H_
#define QJY_POLICY_RULES_WORKSHOP_FACTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"
#include "policy/facts.h"

namespace qjy::policy::rules {

// The missing-data names of the workshop facts (Decision::missing_data).
inline constexpr char kMissingWorkshopRegistry[] = "就业帮扶车间认定名录（车间登记库未导入）";
inline constexpr char kMissingWorkshopCount[] =
    "就业帮扶车间吸纳脱贫人口（含监测对象）人数（登记库无其劳动合同，也未录入台账人数）";

// The first workshop `code` runs that is recognised and not revoked on
// `date`; null when none (or the registry is not loaded).
const Workshop* RecognisedWorkshopOf(const World& w, const std::string& code, Date date);

// 脱贫人口（含监测对象） employed by the workshop on `date`, and how it was
// known. From the registry when it holds the operator with at least one
// contract: the distinct persons with a contract of the operator in force
// on `date` who are 脱贫人口 or 监测对象 on that day (the registry does not
// say which of an operator's sites a contract is for, so an operator's
// workers count for each workshop it runs). Otherwise the number officials
// entered, with its source. Otherwise unknown (count empty).
struct PovertyEmployed {
  std::optional<int64_t> count;
  std::string seen;  // Chinese: the number and its source
};
PovertyEmployed CountPovertyEmployed(const World& w, const Workshop& ws, Date date);

// "已认定（2023-05-01）", "申报中", … for explanations.
std::string WorkshopStatusText(const Workshop& ws);

}  // namespace qjy::policy::rules

#endif  // QJY_POLICY_RULES_WORKSHOP_FACTS_H_
