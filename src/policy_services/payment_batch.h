// Safe payment (issue #14): proposed entitlements are paid only as a
// payment batch signed by two people.
//
//   Submit   an officer (提交审批) freezes the selected proposed
//            entitlements (by once-only keys, or every proposed one of a
//            region/rule) into a batch with its count and total per fund,
//            loans (referred to the lending bank) apart from subsidies.
//            An entitlement is in at most one batch (UNIQUE once_key).
//   Approve  an officer holding the grant kApproveGrant (审批支付) pays the
//            batch through policy::Ledger, so each entitlement is still paid
//            exactly once. Two-person rule: neither the submitter (who
//            reviewed the batch) nor an officer whose sweep proposed one of
//            its entitlements (RecordProposers) may approve it, unless its
//            total (subsidies + loans) is at or below the parameter
//            `payment.single_officer_max` (fen) in force on the day;
//            otherwise kPermissionDenied with the reason.
//
// States: submitted → approving (claimed by one approver with a conditional
// UPDATE, so two approvers racing cannot both pay) → paid, all three steps
// and every payment of the batch in one transaction: an approval that
// fails part-way (a full disk: an error store::IsNoSpace recognises, whose
// Chinese message says nothing was paid; a crash) pays nothing, writes no
// ledger entry and leaves the batch "submitted", and approving it again
// once the cause is gone pays each entitlement exactly once. A batch left
// "approving" by an earlier version is resumed by the same approver.
//
// Every step is audited (submit, approve, denied) when an AuditLog is given.
// Tables policy_payment_batches / policy_payment_batch_items (migration 210)
// and policy_entitlement_proposers (211), policy range, carry county_code: the batch's region prefix and each item's
// paying county. A PaymentBatches borrows one connection: one per thread.
#ifndef QJY_POLICY_SERVICES_PAYMENT_BATCH_H_
#define QJY_POLICY_SERVICES_PAYMENT_BATCH_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "auth/clock.h"
#include "core/date.h"
#include "core/error.h"
#include "policy/ledger.h"
#include "policy/params.h"
#include "policy_services/recheck.h"
#include "store/db.h"

namespace qjy::policy_services {

// The account grant that lets an officer approve (pay) a batch.
inline constexpr char kApproveGrant[] = "approve_payment";
// The parameter of the two-person rule (policy/params/payment.yaml).
inline constexpr char kSingleOfficerMaxParam[] = "payment.single_officer_max";

struct FundTotal {
  std::string fund;        // FundCode
  std::string fund_label;  // 就业补助资金, ...
  bool loan = false;
  int64_t count = 0;
  int64_t amount_fen = 0;
};

// A proposed entitlement a re-check took out of the review list or changed.
struct Rechecked {
  std::string once_key, rule, title, county_code;
  int64_t old_amount_fen = 0, new_amount_fen = 0;
  bool withdrawn = false;  // false: re-proposed with new_amount_fen
  std::string reason;      // Chinese (RecheckReason)
};

struct RecheckSummary {
  int64_t checked = 0;
  std::vector<Rechecked> changed;
  int64_t Withdrawn() const;
  int64_t Reproposed() const;
  // Empty when nothing changed; else e.g. "已撤回 5 项按现行规则不再符合的
  // 享受资格（R7 1 项、R8 2 项、R16 2 项），未列入批次：……".
  std::string Notice() const;
};

struct PaymentBatch {
  int64_t batch_id = 0;
  std::string county_code;  // region prefix the batch covers ("52" = province)
  std::string rule;         // the rule filter, empty for all / by keys
  std::string status;       // submitted | approving | paid
  std::string submitted_by, submitted_at, approved_by, approved_at;
  int64_t count = 0, subsidy_count = 0, loan_count = 0;
  int64_t subsidy_fen = 0, loan_fen = 0;
  std::vector<FundTotal> funds;  // subsidies first, then loans; by fund code
  std::vector<std::string> proposed_by;  // who ran the sweeps that proposed its items
  RecheckSummary recheck;  // Submit only: what the re-check left out
};

struct BatchSelection {
  std::vector<std::string> once_keys;  // or:
  bool all = false;                    // every proposed entitlement of region/rule
  std::string region;                  // county-code prefix; empty = the caller's scope
  std::string rule;
};

struct ApprovalOutcome {
  PaymentBatch batch;
  std::vector<policy::PayResult> results;
  // Items held by fund supervision (entitlement status "held" or
  // "improper"): taken out of the batch unpaid, its totals reduced.
  std::vector<std::string> held;
  int64_t held_fen = 0;
};

// Names, in Chinese, why fund supervision stopped the selected entitlements
// `stopped` (status "held" or "improper"), e.g. "1 笔被交叉核查暂扣：同一事由
// 重复享受（另一笔已支付）"; the server builds it from their holds
// (supervision::Supervisor::StoppingHolds), which this library cannot read.
using StoppedNote = std::function<Result<std::string>(const std::vector<policy::Entitlement>& stopped)>;

// Runs before a batch pays (after the two-person rule): fund supervision's
// cross-checks (src/supervision), which may hold some of its entitlements.
using BatchScreen = std::function<Result<void>(int64_t batch_id)>;

// The two-person threshold in force on `date` (fen); kInvalidArgument when
// the parameter is missing or has no value that day (then nobody pays alone).
Result<int64_t> SingleOfficerMaxFen(const policy::ParameterSet& params, Date date);

class PaymentBatches {
 public:
  // `audit` may be null (tests of the batches alone).
  PaymentBatches(store::Db& db, audit::AuditLog* audit, const auth::Clock& clock)
      : db_(db), audit_(audit), clock_(clock) {}

  // Migrates the policy tables and the batch tables.
  static Result<void> Migrate(store::Db& db);

  // Records `actor` as the proposer of the eligible decisions of a sweep
  // (call after policy::Ledger::Propose); a key keeps its first proposer,
  // as the review list keeps its first row.
  Result<void> RecordProposers(const std::vector<policy::Decision>& decisions, const std::string& actor);

  // `scope`: the submitter's region prefix ("" = province); every selected
  // entitlement must lie in it (kPermissionDenied otherwise); unknown keys
  // are kNotFound; keys not proposed or already in a batch are skipped.
  // Each remaining one is decided again by `recheck` (recheck.h): one no
  // longer granted is withdrawn, one granted with another amount is
  // re-proposed with it; neither goes into the batch (batch.recheck says
  // which and why). Nothing left to submit is kInvalidArgument, whose
  // message then names the withdrawn ones (they stay withdrawn) and those
  // fund supervision stopped: the selected keys held or improper, or (for
  // `all`) the held ones of the region/rule, by `stopped_note` (without
  // it: their count).
  // An empty `recheck` skips the re-check (tests of the batches alone).
  Result<PaymentBatch> Submit(const BatchSelection& sel, const std::string& actor, const std::string& scope,
                              const Recheck& recheck = {}, const StoppedNote& stopped_note = {});

  // Applies a re-check to `entitlements` (all "proposed"): withdraws or
  // re-proposes the changed ones (policy::Ledger, audited) and returns the
  // unchanged ones in `kept`.
  Result<RecheckSummary> ApplyRecheck(std::vector<policy::Entitlement> entitlements, const Recheck& recheck,
                                      const std::string& actor, std::vector<policy::Entitlement>* kept = nullptr);

  // A new sweep revisits the review list: every proposed entitlement of
  // `region` not yet in a batch, except those in `fresh` (keys the sweep
  // just decided with the same amount on their own decision date), is
  // re-checked as above.
  Result<RecheckSummary> Revisit(const std::string& region, const Recheck& recheck, const std::string& actor,
                                 const std::vector<policy::Decision>& fresh);

  // nullopt for an unknown batch or one outside `scope`.
  Result<std::optional<PaymentBatch>> Get(int64_t batch_id, const std::string& scope);
  // The batch's entitlements (with their explanations), by entitlement id.
  Result<std::vector<policy::Entitlement>> Items(int64_t batch_id);
  // once_key → batch id for those of `once_keys` already in a batch.
  Result<std::map<std::string, int64_t>> BatchesOf(const std::vector<std::string>& once_keys);
  // Newest first; `status` empty for all.
  Result<std::vector<PaymentBatch>> List(const std::string& scope, const std::string& status, int limit = 100);

  // Pays the batch (see the contract above). The caller checks that the
  // approver holds kApproveGrant. kNotFound (unknown/out of scope),
  // kPermissionDenied (two-person rule), kConflict (already paid, or being
  // approved by someone else).
  // `screen`, when given, runs after the two-person rule and before the
  // payment transaction; an item then held is not paid (see ApprovalOutcome).
  Result<ApprovalOutcome> Approve(int64_t batch_id, const std::string& approver, const std::string& scope,
                                  int64_t single_officer_max_fen, const BatchScreen& screen = {});

 private:
  Result<void> LoadFunds(PaymentBatch& b);  // and proposed_by
  void AuditRow(const std::string& actor, const std::string& action, int64_t batch_id, const std::string& result,
                const std::string& detail);

  store::Db& db_;
  audit::AuditLog* audit_;
  const auth::Clock& clock_;
};

}  // namespace qjy::policy_services

#endif  // QJY_POLICY_SERVICES_PAYMENT_BATCH_H_
