#include "supervision/supervision_schema.h"

#include <vector>

#include "policy_services/payment_batch.h"
#include "store/registry_schema.h"
#include "supervision/counters.h"
#include "supervision/fact_counters.h"

namespace qjy::supervision {
namespace {

// supervision_holds: one row per (entitlement, check) hit. status held →
// released (支付放行, reason required) or improper (认定违规). `was_paid`:
// the hit concerns money already paid (then "improper" posts a recovery).
// supervision_status_facts: deaths, emigration, imprisonment of persons
// (subject "P:<id>") and deregistration of employers ("E:<credit code>"),
// imported from files; until_on NULL = open-ended.
// supervision_budgets: the budget of a fund for a county and year (fen).
// supervision_recoveries: the amount to recover (kind "due", posted when a
// paid entitlement is confirmed improper) and each amount recovered
// ("received", with its receipt reference); each with its ledger entries.
// supervision_officer_hashes: officers' own identity-number and phone
// hashes (the registry's keyed Vault::Index, never the numbers), matched
// against beneficiaries for conflicts of interest.
constexpr char kCore[] = R"sql(
CREATE TABLE supervision_holds (
  hold_id {id},
  county_code TEXT NOT NULL,
  once_key TEXT NOT NULL,
  check_code TEXT NOT NULL,
  clause TEXT NOT NULL,
  rule TEXT NOT NULL,
  fund TEXT NOT NULL,
  amount_fen {int} NOT NULL,
  was_paid {int} NOT NULL,
  summary TEXT NOT NULL,
  evidence TEXT NOT NULL,
  status TEXT NOT NULL,
  batch_id {int} NOT NULL,
  found_by TEXT NOT NULL,
  found_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  reason TEXT
);
CREATE UNIQUE INDEX supervision_holds_key ON supervision_holds (county_code, once_key, check_code);
CREATE INDEX supervision_holds_status ON supervision_holds (county_code, status);
CREATE INDEX supervision_holds_batch ON supervision_holds (batch_id);
CREATE TABLE supervision_status_facts (
  fact_id {id},
  county_code TEXT NOT NULL,
  subject TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_on TEXT NOT NULL,
  until_on TEXT,
  source TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX supervision_status_facts_key ON supervision_status_facts (county_code, subject, kind, from_on);
CREATE INDEX supervision_status_facts_subject ON supervision_status_facts (subject);
CREATE TABLE supervision_budgets (
  county_code TEXT NOT NULL,
  fund TEXT NOT NULL,
  year {int} NOT NULL,
  amount_fen {int} NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL,
  PRIMARY KEY (county_code, fund, year)
);
CREATE TABLE supervision_recoveries (
  recovery_id {id},
  county_code TEXT NOT NULL,
  once_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  fund TEXT NOT NULL,
  amount_fen {int} NOT NULL,
  ref TEXT NOT NULL,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE supervision_officer_hashes (
  county_code TEXT NOT NULL,
  username TEXT NOT NULL,
  kind TEXT NOT NULL,
  hash {blob} NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (county_code, username, kind)
);
CREATE UNIQUE INDEX supervision_recoveries_key ON supervision_recoveries (county_code, once_key, kind, ref);
)sql";

// The cross-checks' scans of the review list (supervisor_screen.cc): which
// persons hold two claims of a cause, which beneficiaries share a phone, the
// year's amounts per county, read from this index alone (not the rows with
// their explanations).
constexpr char kScanIndex[] = R"sql(
CREATE INDEX supervision_entitlements_scan ON policy_entitlements (person_id, rule, status, county_code, loan, amount_fen);
)sql";

}  // namespace

std::span<const store::Migration> SupervisionMigrations() {
  static const std::vector<store::Migration> kMigrations = {
      {1500, "supervision_core", kCore},
      {1501, "supervision_entitlements_scan", kScanIndex},
      CountersMigration(),  // 1502, counters.h
      CountersSkipNoOpsMigration(),  // 1503, counters.h
      FactCountersMigration(),  // 1504, fact_counters.h
      CauseSpellsMigration(),  // 1505, counters.h
  };
  return kMigrations;
}

Result<void> MigrateSupervision(store::Db& db) {
  // The counters' triggers (1502) are on persons too.
  if (auto r = store::ApplyMigrations(db, store::RegistryMigrations()); !r) return r;
  if (auto r = policy_services::PaymentBatches::Migrate(db); !r) return r;
  return store::ApplyMigrations(db, SupervisionMigrations());
}

}  // namespace qjy::supervision
