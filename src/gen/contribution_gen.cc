#include "gen/contribution_gen.h"

#include <algorithm>

#include "gen/rng.h"
#include "gen/tables.h"

namespace qjy::gen {

void GenerateContributions(const registry::Contract& c, Date as_of, uint64_t seed,
                           std::vector<registry::Contribution>& out) {
  Rng rng = Rng::ForRecord(seed, static_cast<uint64_t>(Stream::kContribution), static_cast<uint64_t>(c.contract_id));
  const int32_t now = registry::MonthOf(as_of);
  int32_t first = registry::MonthOf(c.start_on);
  const int32_t last = std::min(now, c.end_on ? registry::MonthOf(*c.end_on) : now);
  registry::Contribution m;
  m.county_code = c.county_code;
  m.person_id = c.person_id;
  int32_t gap_from = 0, gap_to = -1;
  if (c.flexible) {
    if (c.social_insurance_months <= 0) return;  // the worker does not pay
    m.kinds = registry::Bit(registry::InsuranceKind::kPension) | registry::Bit(registry::InsuranceKind::kMedical);
    m.base_fen = rng.Between(300, 600) * 1000;  // 3,000–6,000 yuan in steps of 10
  } else {
    const uint64_t u = rng.Below(1000);
    if (u < 50) return;  // never insured
    if (u < 170) {
      first += static_cast<int32_t>(rng.Between(1, 3));
    } else if (u < 200) {
      first += static_cast<int32_t>(rng.Between(4, 12));
    }
    if (rng.Below(100) < 5 && last - first >= 6) {
      gap_from = first + static_cast<int32_t>(rng.Between(1, last - first - 4));
      gap_to = gap_from + static_cast<int32_t>(rng.Between(1, 3)) - 1;
    }
    m.employer_credit_code = c.employer_credit_code;
    m.kinds = registry::kAllInsuranceKinds;
    m.base_fen = rng.Between(300, 1200) * 1000;  // 3,000–12,000 yuan
  }
  first = std::max(first, now - kContributionHistoryMonths + 1);
  for (int32_t month = first; month <= last; ++month) {
    if (month >= gap_from && month <= gap_to) continue;
    m.month = month;
    out.push_back(m);
  }
}

}  // namespace qjy::gen
