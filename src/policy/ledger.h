// The review list and the payment ledger: 免申即享 entitlements found by a
// sweep are proposed, an officer approves them, and each is paid exactly
// once into an append-only double-entry ledger.
//
// Exactly once: the payment row is keyed by the decision's once-only key
// (rule|beneficiary|person|period) under a UNIQUE index, and the payment,
// its two ledger entries and the entitlement's status are written in one
// transaction. A retry, a concurrent approval or a re-run after a crash
// finds the key taken and pays nothing (kAlreadyPaid). An API idempotency
// key, when given, is stored UNIQUE with the payment: the same key for a
// different entitlement is a conflict.
//
// Accounts: paying debits "补贴支出:<fund>" and credits "资金专户:<fund>";
// a reversal posts the opposite entries. Loans (R14, R15) are not paid:
// approval marks them "approved" (referred to the lending bank).
//
// Payments, reversals and approvals are written to the audit log after the
// transaction commits. A Ledger borrows one connection: use one per thread.
#ifndef QJY_POLICY_LEDGER_H_
#define QJY_POLICY_LEDGER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "auth/clock.h"
#include "core/error.h"
#include "policy/decision.h"
#include "store/db.h"

namespace qjy::policy {

class DecisionRecorder;  // policy/decision_record.h

// Work done inside Ledger::Propose's transaction by a module the ledger
// does not know (fund supervision keeps its counters current this way):
// Before() runs ahead of the first insert, Added() with the decisions
// whose rows were added (not those already listed), before the commit.
// An error from either rolls the whole Propose back.
class ProposeObserver {
 public:
  virtual ~ProposeObserver() = default;
  virtual Result<void> Before(store::Db& db) = 0;
  virtual Result<void> Added(store::Db& db, const std::vector<const Decision*>& added) = 0;
};

struct Entitlement {
  int64_t entitlement_id = 0;
  std::string once_key, rule, title, beneficiary, employer_code, period, fund, county_code;
  int64_t person_id = 0;
  int64_t amount_fen = 0;
  bool loan = false;
  std::string decided_on, status, explanation_json, decided_by, decided_at;
};

enum class PayOutcome { kPaid, kAlreadyPaid, kReferred };

struct PayResult {
  PayOutcome outcome = PayOutcome::kPaid;
  std::string once_key;
  int64_t amount_fen = 0;
};

struct ReviewFilter {
  std::string status;  // empty: all
  std::string region;  // county-code prefix
  std::string rule;
  int64_t person_id = 0;  // 0: all
  int limit = 1000;
  int64_t after_id = 0;
};

struct LedgerProblem {
  std::string kind;  // "imbalance", "duplicate", "missing_entries", "orphan_entries", "status"
  std::string what;  // Chinese description
};

struct LedgerReport {
  int64_t payments = 0, reversals = 0, entries = 0;
  int64_t debit_fen = 0, credit_fen = 0, paid_fen = 0, reversed_fen = 0;
  std::vector<LedgerProblem> problems;
  bool ok() const { return problems.empty(); }
};

class Ledger {
 public:
  // `audit` may be null (no audit rows; tests of the ledger alone).
  Ledger(store::Db& db, audit::AuditLog* audit, const auth::Clock& clock)
      : db_(db), audit_(audit), clock_(clock) {}

  // Writes the eligible decisions of a sweep to the review list as
  // "proposed"; keys already listed are left as they are. Returns rows added.
  // With `recorder` (the sweep's parameters and World), each row added also
  // gets its decision record (decision_record.h, replay.h) in the same
  // transaction, and the parameter set is stored under its hash. With
  // `observer`, its Before() and Added() run in the same transaction.
  Result<int64_t> Propose(const std::vector<Decision>& decisions, const std::string& actor,
                          const DecisionRecorder* recorder = nullptr, ProposeObserver* observer = nullptr);
  Result<std::vector<Entitlement>> List(const ReviewFilter& f);
  Result<std::optional<Entitlement>> Find(const std::string& once_key);
  Result<std::optional<Entitlement>> FindById(int64_t entitlement_id);

  // Approves and pays one proposed entitlement (see the contract above).
  // Retries on kConflict (busy database) a few times. kNotFound for an
  // unknown key; kConflict for a reversed one or a reused idempotency key.
  Result<PayResult> Approve(const std::string& once_key, const std::string& actor,
                            const std::string& idempotency_key = "");
  // Approves every proposed entitlement matching `f`, each in its own
  // transaction; `hook(i)` (tests) runs inside the i-th payment transaction
  // after its ledger entries are written.
  Result<std::vector<PayResult>> ApproveAll(const ReviewFilter& f, const std::string& actor,
                                            const std::function<void(int)>& hook = {});
  // The work of Approve inside the caller's open transaction (no retry, no
  // audit row): a batch of payments that must be stored whole or not at
  // all (policy_services/payment_batch.h). An error leaves the transaction
  // to be rolled back.
  Result<PayResult> PayInTransaction(const std::string& once_key, const std::string& actor,
                                     const std::string& idempotency_key = "",
                                     const std::function<void()>& hook = {});
  // A proposed entitlement that today's rules no longer grant (decision
  // `now`, not eligible): status "withdrawn" (已撤回, never paid), its
  // explanation replaced by `now`'s, audited with `reason`. kConflict when
  // it is no longer "proposed". With a `recorder` (the world and parameters
  // `now` was decided on), `now` is stored as the entitlement's next
  // decision record in the same transaction, so a replay reproduces the
  // re-check.
  Result<void> Withdraw(const std::string& once_key, const Decision& now, const std::string& actor,
                        const std::string& reason, const DecisionRecorder* recorder = nullptr);
  // A proposed entitlement granted today with another amount: it stays
  // "proposed" with `now`'s amount, fund and explanation, audited; recorded
  // as Withdraw.
  Result<void> Repropose(const std::string& once_key, const Decision& now, const std::string& actor,
                         const std::string& reason, const DecisionRecorder* recorder = nullptr);
  // Reverses a payment: opposite ledger entries, once per key.
  Result<void> Reverse(const std::string& once_key, const std::string& actor, const std::string& reason);

  // Reconciliation: debits = credits overall and per transaction, each
  // payment has its two entries and no key is paid twice. Transactions
  // "loan:..." (interest subsidies, compensations, write-offs of guaranteed
  // loans) are reconciled against their postings by loans/loan_check.h;
  // "sup:..." (recoveries, 追回) belong to supervision/supervisor.h.
  // Entitlements "held" or "improper" (fund supervision) are not paid.
  Result<LedgerReport> Check();

 private:
  Result<PayResult> ApproveOnce(const std::string& once_key, const std::string& actor,
                                const std::string& idempotency_key, const std::function<void()>& hook);
  std::string Now() const;
  // Stores `now` (explanation `explanation`) as the next decision record
  // of `once_key` when `recorder` is set (inside the caller's transaction).
  Result<void> RecordRedecision(const std::string& once_key, const Decision& now, const std::string& explanation,
                                const DecisionRecorder* recorder);
  void AuditRow(const std::string& actor, const std::string& action, const std::string& target,
                const std::string& result, const std::string& detail);

  store::Db& db_;
  audit::AuditLog* audit_;
  const auth::Clock& clock_;
};

}  // namespace qjy::policy

#endif  // QJY_POLICY_LEDGER_H_
