// What the policy rules may read about 失业保险金 (R8's "领取失业保险金人员",
// main(十)), loaded once for a set of persons (or all of them):
//   - nullopt (unknown) when the benefit tables are not migrated, or when
//     the person's county keeps no benefits here yet (no claim of the
//     county, no monthly run whose region covers it) and the person has no
//     claim: a fact the platform does not hold is never false;
//   - else the person's benefit spans (benefit_store.h BenefitSpan), empty
//     = known to receive none.
// Immutable after loading.
#ifndef QJY_BENEFITS_BENEFIT_FACTS_H_
#define QJY_BENEFITS_BENEFIT_FACTS_H_

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "benefits/benefit_store.h"
#include "core/error.h"
#include "store/db.h"

namespace qjy::benefits {

class BenefitFacts {
 public:
  // `person_ids` empty: every person's claims.
  static Result<BenefitFacts> Load(store::Db& db, std::span<const int64_t> person_ids);

  // `county`: the county the person is known by (owning county or the
  // registration's); the person's own claims count as known too.
  std::optional<std::vector<BenefitSpan>> SpansOf(int64_t person_id, std::string_view county) const;
  bool migrated() const { return migrated_; }

 private:
  bool migrated_ = false;
  std::set<std::string, std::less<>> counties_;  // counties with a claim
  std::vector<std::string> run_regions_;          // regions of monthly runs
  std::unordered_map<int64_t, std::vector<BenefitSpan>> spans_;
};

}  // namespace qjy::benefits

#endif  // QJY_BENEFITS_BENEFIT_FACTS_H_
