// The monthly 失业保险金 run (issue #16 §1): for a month M and a region,
// every active claim whose first month is <= M and whose last paid month is
// before M is either
//   - stopped with reason 再就业 and flagged, not paid, when the registry's
//     employment facts of M say the person works (employment_check.h; the
//     常态化核查比对 of 附件3（四）, done in the SQL that selects the claims), or
//   - paid M: the benefit and the medical-insurance fee paid on the person's
//     behalf (正文（十）) as two payments of the policy ledger (policy_payments,
//     once-only keys "ui_benefit|<person>|<YYYY-MM>" and
//     "ui_medical|<person>|<YYYY-MM>", entitlement_id = the claim id, fund
//     unemployment_insurance) with two double entries each, the
//     benefit_payments row and the claim's months paid / last month / status
//     (期满 after the last month).
// Transactions: county by county (the run never writes two counties in one
// transaction, so a store sharded by county keeps it on one shard), up to
// RunOptions::batch_claims claims per transaction in claim order; a claim
// is never split across transactions.
// Exactly once: a crash (kill -9) leaves whole batches of whole claims paid
// and the rest untouched; a rerun selects only claims whose last paid month
// is before M, and the claim UPDATE is guarded the same way, so no month is
// paid twice (the UNIQUE once-only keys are the last line: a batch that hits
// a taken key is rolled back and redone one claim per transaction, the
// claim that holds the key counted as skipped). `qjy ledger check`
// reconciles these payments with the subsidies'.
// Accounts: debit "失业保险金支出:unemployment_insurance" /
// "代缴医疗保险费支出:unemployment_insurance", credit
// "资金专户:unemployment_insurance".
#ifndef QJY_BENEFITS_MONTHLY_RUN_H_
#define QJY_BENEFITS_MONTHLY_RUN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "auth/clock.h"
#include "benefits/subsidy_store.h"
#include "core/error.h"
#include "store/db.h"

namespace qjy::benefits {

struct RunItem {
  int64_t claim_id = 0;
  int64_t person_id = 0;
  std::string county_code;
  std::string outcome;  // "paid", "ended" (paid, last month), "stopped" (再就业), "skipped" (paid by another run)
  int64_t amount_fen = 0, medical_fen = 0;
  std::string finding;  // the 核查比对 finding for a stopped claim
};

struct RunReport {
  int64_t run_id = 0;
  int32_t month = 0;
  int64_t paid = 0, stopped = 0, ended = 0, skipped = 0;
  int64_t paid_fen = 0, medical_fen = 0;
  std::vector<RunItem> items;
  // 失业补助金 and 一次性生活补助 paid (or stopped) in the same run, after
  // the 失业保险金 claims (subsidy_store.h).
  SubsidyRunReport subsidies;
};

// One payment of the policy ledger from the unemployment-insurance fund:
// the policy_payments row (UNIQUE once_key: kAlreadyExists when taken) and
// its double entry (debit "<expense>:unemployment_insurance", credit
// "资金专户:unemployment_insurance"). Inside the caller's transaction.
Result<void> PayFromUiFund(store::Db& db, const std::string& once_key, int64_t claim_id, int64_t amount,
                          const std::string& expense, const std::string& actor, const std::string& now);

struct RunOptions {
  // Claims per transaction (>= 1). 500 commits 200,000 claims in ~400
  // transactions instead of 200,000 (each a sync to disk).
  int batch_claims = 500;
  // Tests: runs after the i-th claim's writes (0-based, in run order),
  // inside its transaction, before that transaction commits.
  std::function<void(int)> hook;
};

// After the 失业保险金 claims the run pays the living subsidies of the month
// (RunSubsidyMonth, same run id).
Result<RunReport> RunMonth(store::Db& db, int32_t month, const std::string& region, const std::string& actor,
                           const auth::Clock& clock, const RunOptions& options = {});

}  // namespace qjy::benefits

#endif  // QJY_BENEFITS_MONTHLY_RUN_H_
