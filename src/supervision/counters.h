// Counters the cross-checks read instead of re-reading the whole review
// list on every sweep (issue #17 "Speed": ≤ 10 s added on ~2 M
// entitlements). Migration 1502 keeps them with triggers on
// policy_entitlements, policy_payments and persons, so every writer (the
// ledger, the supervisor, imports, raw SQL) updates them in its own
// transaction, on SQLite and PostgreSQL alike:
//   supervision_person_counts (county_code, person_id): per entitlement
//     county and person, live claims (status not withdrawn / improper /
//     reversed), live claims of a cause (rule in supervision_cause_rules)
//     and the person's phone hash (registry copy, kept on phone changes);
//   supervision_county_amounts (county_code, kind, year): "unpaid" (year 0)
//     amounts of live claims not yet paid, "paid" amounts of paid claims by
//     payment year, "payments" every payment by year (history, never
//     lowered); loans excluded from unpaid and paid, as the checks do;
//   supervision_county_persons (county_code): registered persons.
// Migration 1505 adds, per entitlement county and person, what the
// duplicate-cause check can match (causes.yaml): live claims of a cause
// with how many of them match any other claim of it (a contract cause's,
// whose spells are judged by the contracts, or period "once") in
// supervision_cause_totals (county_code, person_id, cause), and live claims
// of a period cause per period other than "once" in
// supervision_cause_periods (county_code, person_id, cause, period). Within
// one county a person can hold a duplicate cause only with a totals row
// any_n > 0 AND n > 1 or a periods row n > 1 (partial indexes *_many);
// across counties only with claims of a cause in two of them
// (supervision_person_counts cause_n); so the claims of a monthly cause's
// claimants of different months are not read. Keyed by county first, so
// that a sweep's county transaction writes one stretch of each table.
// supervision_cause_rules holds the rules of causes.yaml the cause counts
// use, with their cause and whether they match any period; SyncCauseRules
// replaces it and rebuilds everything when the rules changed, only the
// cause tables when only their causes did (1505's backfill pooled every
// rule into one cause matching any period: the earlier "two claims of a
// cause" until the first sync).
// Rows whose counts fall to zero stay (zeros); readers ignore them.
#ifndef QJY_SUPERVISION_COUNTERS_H_
#define QJY_SUPERVISION_COUNTERS_H_

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/error.h"
#include "policy/ledger.h"
#include "supervision/causes.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::supervision {

// Migration 1502 (tables, indexes, triggers of both dialects).
const store::Migration& CountersMigration();
// Migration 1503: the update trigger of 1502 fires only when the change
// moves a counter (person, county, rule, amount, loan or status class
// changed); proposed ↔ held changes none.
const store::Migration& CountersSkipNoOpsMigration();
// Migration 1505: the cause tables above, their columns of
// supervision_cause_rules, backfilled from the ledger's folded rows; the
// update trigger of 1503 also moves them (and fires on a changed period).
const store::Migration& CauseSpellsMigration();

// A rule of a cause (causes.yaml) as the counters key it.
struct CauseRule {
  std::string rule, cause;
  bool any_period = false;  // its claims match any claim of the cause (spell: contract)
  auto operator<=>(const CauseRule&) const = default;
};
// Every rule of `causes`.
std::vector<CauseRule> CauseRulesOf(const Causes& causes);

// The counters' non-zero rows, comparable with ==.
struct CounterSnapshot {
  // (county, person) → (phone hash hex, live, of a cause)
  std::map<std::pair<std::string, int64_t>, std::tuple<std::string, int64_t, int64_t>> persons;
  // (county, kind, year) → fen
  std::map<std::tuple<std::string, std::string, int64_t>, int64_t> amounts;
  std::map<std::string, int64_t> county_persons;
  // (kind, hash hex) → registered persons holding it (fact_counters.h, 1504)
  std::map<std::pair<std::string, std::string>, int64_t> fact_holders;
  // (county, person, cause) → (live claims of the cause, of them matching
  // any period); (county, person, cause, period) → live claims (1505)
  std::map<std::tuple<std::string, int64_t, std::string>, std::pair<int64_t, int64_t>> cause_totals;
  std::map<std::tuple<std::string, int64_t, std::string, std::string>, int64_t> cause_periods;
  bool operator==(const CounterSnapshot&) const = default;
};

// What the counters hold now.
Result<CounterSnapshot> ReadCounters(store::Db& db);
// The same figures computed from the ledger and the registry (full scans).
Result<CounterSnapshot> CountFromLedger(store::Db& db);
// Folds the entitlements above the watermark in (one transaction, outside
// any other); returns how many ids it moved over.
Result<int64_t> FoldNewEntitlements(store::Db& db);
// Recomputes every counter from the ledger (and the payment-fact holders
// from the registry, fact_counters.h) in one transaction (must be
// called outside a transaction).
Result<void> RebuildCounters(store::Db& db);
// Makes supervision_cause_rules equal to `rules` and rebuilds the counters
// when it was not (outside a transaction): all of them when the set of
// rules changed, the cause tables (1505) when only a rule's cause or
// any_period did. Returns whether it rebuilt.
Result<bool> SyncCauseRules(store::Db& db, const std::vector<CauseRule>& rules);

// Folds a sweep's proposals into the counters inside the proposing
// transaction (pass it to policy::Ledger::Propose), from the decisions
// in memory, so that the screen that follows finds the counters current
// and reads no new row back. Before(): on PostgreSQL takes
// `LOCK TABLE policy_payments IN SHARE MODE` and `policy_entitlements IN
// SHARE ROW EXCLUSIVE MODE` (proposals of two counties, approvals and
// holds wait for one another during one county's write; SQLite's BEGIN
// IMMEDIATE already excludes writers), then folds any entitlements above
// the watermark the usual way (rows proposed without this observer).
// Added(): adds the new rows per (person, county), per county and, for
// the claims of a cause, per (person, cause) and (person, cause, period)
// (Decision::period), with one phone-hash lookup per new (person, county),
// and moves the watermark over them. Requires the supervision migrations.
class ProposalFold : public policy::ProposeObserver {
 public:
  Result<void> Before(store::Db& db) override;
  Result<void> Added(store::Db& db, const std::vector<const policy::Decision*>& added) override;
  // Entitlements folded from memory so far (every Propose).
  int64_t folded() const { return folded_; }

 private:
  int64_t folded_ = 0;
};

}  // namespace qjy::supervision

#endif  // QJY_SUPERVISION_COUNTERS_H_
