// Claims to 失业保险金 (issue #16 §1) over a Db, SQLite and PostgreSQL alike.
// Tables (migrations 900..999, store/migrations.h):
//   benefit_claims    one row per application, granted or refused:
//                     the decision (with the count and clause when refused),
//                     the duration, the amounts, months paid, the last month
//                     paid ("YYYY-MM"), status active → stopped | ended, the
//                     stop reason and month, and the 核查比对 flag. UNIQUE
//                     (county_code, person_id, applied_on); indexes lead with
//                     county_code (sharding by county), one by person.
//   benefit_payments  one row per claim and month paid, PRIMARY KEY
//                     (county_code, claim_id, month): with the ledger's
//                     UNIQUE once-only keys, a month is paid at most once.
//   benefit_runs      one row per monthly run (region prefix, month, counts).
// Status: "active" (在领), "stopped" (停止领取: a StopReason other than 期满),
// "ended" (期满: every month of the duration paid), "refused" (不予核准),
// "undetermined" (待核实: a condition the registry holds no fact for, e.g.
// how the last employment ended; not paid, the person may apply again).
//
// A person may hold one active claim at a time. The person's county is the
// persons row's (the owning county). Not safe for concurrent use (borrows
// one Db); the monthly run (monthly_run.h) writes through its own code.
#ifndef QJY_BENEFITS_BENEFIT_STORE_H_
#define QJY_BENEFITS_BENEFIT_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "benefits/entitlement.h"
#include "core/date.h"
#include "core/error.h"
#include "policy/params.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::benefits {

std::span<const store::Migration> BenefitMigrations();  // 900..999

// Why payment stops (《失业保险条例》第十五条; 期满 第十七条).
enum class StopReason { kReemployed, kRefusedWork, kMovedAway, kEnlisted, kDeath, kExpired };
inline constexpr StopReason kAllStopReasons[] = {StopReason::kReemployed, StopReason::kRefusedWork,
                                                 StopReason::kMovedAway,  StopReason::kEnlisted,
                                                 StopReason::kDeath,      StopReason::kExpired};
std::string_view StopReasonCode(StopReason r);   // "reemployed", ...
std::string_view StopReasonLabel(StopReason r);  // "再就业", "拒绝介绍的适当工作", "迁出", "应征服兵役", "死亡", "期满"
std::optional<StopReason> ParseStopReason(std::string_view code_or_label);

struct Claim {
  int64_t claim_id = 0;
  std::string county_code;
  int64_t person_id = 0;
  Date applied_on;
  int32_t first_month = 0;  // registry::MonthIndex of the first benefit month
  bool granted = false;
  std::string decision_text;  // Chinese: the count, the step and the clause
  int contribution_months = 0;
  int duration_months = 0;
  int64_t monthly_fen = 0, medical_fen = 0;
  int months_paid = 0;
  std::optional<int32_t> last_paid_month;
  std::string status;                  // active | stopped | ended | refused | undetermined
  std::string stop_reason;             // Chinese label, "" while active
  std::optional<int32_t> stopped_month;
  std::string flag;                    // 核查比对 finding, "" when none
  std::string created_by;
  std::string name, id_masked;  // the person's (persons row), for listings
};

struct ClaimFilter {
  std::string region;  // county-code prefix ("" all)
  std::string status;  // "" all
  int64_t person_id = 0;
  int limit = 1000;
  int64_t after_id = 0;
};

// The months a claim covers for R8: from first_month through `through`
// (inclusive) — active: the whole duration; stopped: the month before the
// stop; ended: the last month paid.
struct BenefitSpan {
  int32_t from = 0, through = 0;
};

class BenefitStore {
 public:
  explicit BenefitStore(store::Db& db) : db_(db) {}
  // The policy ledger's tables and the benefit tables; after the registry's
  // (reads persons, contributions, contracts). Outside a transaction.
  Result<void> Migrate();

  // Decides an application on `applied_on` (first benefit month = its month)
  // from the person's stored contribution months and their latest earlier
  // granted claim (第十七条, PriorClaimOf) and stores it, granted or
  // refused. kNotFound for an unknown person; kConflict when the person
  // already holds an active claim or applied on that day.
  Result<Claim> Apply(int64_t person_id, Date applied_on, const policy::ParameterSet& params,
                      const std::string& actor);
  Result<std::optional<Claim>> Find(int64_t claim_id);
  // The person's latest granted claim that stopped or ended with its first
  // month before `before_month`, as 第十七条 reads it; nullopt when none.
  Result<std::optional<PriorClaim>> PriorClaimOf(int64_t person_id, int32_t before_month);
  Result<std::vector<Claim>> List(const ClaimFilter& f);
  // Stops an active claim from `month` on (that month is not paid). 期满 ends it.
  // kNotFound / kConflict (not active, or `month` already paid).
  Result<Claim> Stop(int64_t claim_id, StopReason reason, int32_t month, const std::string& actor,
                     const std::string& note = "");

  // R8's fact: the benefit months of the person's granted claims, or
  // nullopt when unknown — the benefit tables are not migrated, or the
  // person's county has neither a claim nor a monthly run on record (the
  // county does not keep benefits here yet).
  Result<std::optional<std::vector<BenefitSpan>>> SpansOf(int64_t person_id);

 private:
  store::Db& db_;
};

std::string ClaimStatusLabel(std::string_view status);  // "在领" ...
// A claim for listings and the API (amounts in fen, months "YYYY-MM",
// the ID number masked).
nlohmann::json ClaimJson(const Claim& c);

}  // namespace qjy::benefits

#endif  // QJY_BENEFITS_BENEFIT_STORE_H_
