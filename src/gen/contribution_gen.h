// Social-insurance contribution months of generated contracts (issue #12):
// the months a contract ran, up to the as-of date, over the last
// kContributionHistoryMonths months, with the gaps real records show:
//   - regular contracts: 5 % never insured, 12 % insured 1–3 months late,
//     3 % insured 4–12 months late, 5 % with a 1–3-month gap mid-way;
//     all four kinds, paid by the employer, a base fixed per contract;
//   - flexible work: paid as an individual (养老 and 医疗 only) when the
//     contract's draw says the worker pays (social_insurance_months > 0),
//     else nothing.
// Deterministic: its own random stream per contract (Stream::kContribution,
// the contract id), so the other draws of the generator do not move.
#ifndef QJY_GEN_CONTRIBUTION_GEN_H_
#define QJY_GEN_CONTRIBUTION_GEN_H_

#include <cstdint>
#include <vector>

#include "core/date.h"
#include "registry/contribution.h"
#include "registry/model.h"

namespace qjy::gen {

inline constexpr int kContributionHistoryMonths = 36;

// Appends the months of `c` (person_id, county_code, employer set) to `out`.
void GenerateContributions(const registry::Contract& c, Date as_of, uint64_t seed,
                           std::vector<registry::Contribution>& out);

}  // namespace qjy::gen

#endif  // QJY_GEN_CONTRIBUTION_GEN_H_
