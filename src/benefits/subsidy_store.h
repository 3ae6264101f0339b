// Claims to 失业补助金 and 失业农民工一次性生活补助 (living_subsidy.h) over a
// Db, SQLite and PostgreSQL alike, and their monthly payment.
// Tables (migration 950, after the benefit tables):
//   living_subsidy_claims    one row per application: kind, outcome
//                            (granted | refused | undetermined), the
//                            conditions as JSON (name, state, detail), the
//                            decision sentence, the payments due (months; 1
//                            for the lump sum), the amount per payment, months
//                            paid, last month paid, status (active → ended |
//                            stopped; refused; undetermined), the spell key
//                            (the last employment's employer|last day: one
//                            lump sum per ended contract, one 失业补助金 per
//                            spell). UNIQUE (county_code, person_id, kind,
//                            applied_on); indexes lead with county_code.
//   living_subsidy_payments  one row per claim and month paid, PRIMARY KEY
//                            (county_code, claim_id, month), UNIQUE once_key.
// Paying (RunSubsidyMonth): in the monthly run of month M, every active
// claim with first month <= M and last month paid < M: a lump sum is paid
// once ("migrant_lump|<person>|<employer>|<last day>"), a 失业补助金 month
// ("ui_subsidy|<person>|<YYYY-MM>") unless the 核查比对 finds the person
// employed in M (stopped 再就业, flagged) — each claim in one transaction,
// through the policy ledger (fund unemployment_insurance, expense accounts
// 失业补助金支出 / 一次性生活补助支出), as monthly_run.h does for 失业保险金.
#ifndef QJY_BENEFITS_SUBSIDY_STORE_H_
#define QJY_BENEFITS_SUBSIDY_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/clock.h"
#include "benefits/living_subsidy.h"
#include "core/date.h"
#include "core/error.h"
#include "policy/params.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::benefits {

std::span<const store::Migration> SubsidyMigrations();  // 950

struct SubsidyClaim {
  int64_t claim_id = 0;
  std::string county_code;
  int64_t person_id = 0;
  SubsidyKind kind = SubsidyKind::kUiSubsidy;
  Date applied_on;
  int32_t first_month = 0;
  std::string outcome;  // granted | refused | undetermined
  nlohmann::json conditions = nlohmann::json::array();
  std::string decision_text;
  int months = 0;
  int64_t amount_fen = 0;  // per payment
  int months_paid = 0;
  std::optional<int32_t> last_paid_month;
  std::string status;  // active | ended | stopped | refused | undetermined
  std::string stop_reason;
  std::optional<int32_t> stopped_month;
  std::string flag;
  std::string spell_key;
  std::string created_by;
  std::string name, id_masked;
};

struct SubsidyFilter {
  std::string region;
  std::string status;
  int64_t person_id = 0;
  int limit = 1000;
  int64_t after_id = 0;
};

class SubsidyStore {
 public:
  explicit SubsidyStore(store::Db& db) : db_(db) {}
  // After BenefitStore::Migrate.
  Result<void> Migrate();
  // Gathers the facts (living_subsidy.h), decides and stores the claim,
  // whatever the outcome. kNotFound for an unknown person; kConflict for a
  // second application of the same kind on the same day.
  Result<SubsidyClaim> Apply(SubsidyKind kind, int64_t person_id, Date applied_on,
                             const policy::ParameterSet& params, const std::string& actor);
  Result<std::optional<SubsidyClaim>> Find(int64_t claim_id);
  Result<std::vector<SubsidyClaim>> List(const SubsidyFilter& f);

 private:
  Result<SubsidyFacts> Gather(SubsidyKind kind, int64_t person_id, const std::string& county, Date on);
  store::Db& db_;
};

std::string SubsidyStatusLabel(std::string_view status);
nlohmann::json SubsidyClaimJson(const SubsidyClaim& c);

struct SubsidyRunReport {
  int64_t paid = 0, stopped = 0, ended = 0, skipped = 0;
  int64_t paid_fen = 0;
  std::vector<std::string> findings;  // Chinese, one per stopped claim
};

// `hook(i)` (tests) runs inside the i-th claim's transaction before commit.
Result<SubsidyRunReport> RunSubsidyMonth(store::Db& db, int32_t month, const std::string& region,
                                         const std::string& actor, const auth::Clock& clock, int64_t run_id,
                                         const std::function<void(int)>& hook = {});

}  // namespace qjy::benefits

#endif  // QJY_BENEFITS_SUBSIDY_STORE_H_
