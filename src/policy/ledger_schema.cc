#include "policy/ledger_schema.h"

namespace qjy::policy {
namespace {

constexpr char kLedger[] = R"sql(
CREATE TABLE policy_entitlements (
  entitlement_id {id},
  once_key TEXT NOT NULL,
  rule TEXT NOT NULL,
  title TEXT NOT NULL,
  beneficiary TEXT NOT NULL,
  person_id {int} NOT NULL,
  employer_code TEXT NOT NULL,
  period TEXT NOT NULL,
  fund TEXT NOT NULL,
  county_code TEXT NOT NULL,
  amount_fen {int} NOT NULL,
  loan {int} NOT NULL,
  decided_on TEXT NOT NULL,
  explanation TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT
);
CREATE UNIQUE INDEX policy_entitlements_key ON policy_entitlements (once_key);
CREATE INDEX policy_entitlements_status ON policy_entitlements (status, county_code);
CREATE TABLE policy_payments (
  payment_id {id},
  once_key TEXT NOT NULL,
  entitlement_id {int} NOT NULL,
  fund TEXT NOT NULL,
  amount_fen {int} NOT NULL,
  idempotency_key TEXT,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX policy_payments_key ON policy_payments (once_key);
CREATE UNIQUE INDEX policy_payments_idem ON policy_payments (idempotency_key);
CREATE TABLE ledger_entries (
  entry_id {id},
  txn TEXT NOT NULL,
  once_key TEXT NOT NULL,
  account TEXT NOT NULL,
  debit_fen {int} NOT NULL,
  credit_fen {int} NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ledger_entries_txn ON ledger_entries (txn);
CREATE TABLE policy_reversals (
  reversal_id {id},
  once_key TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX policy_reversals_key ON policy_reversals (once_key);
{sqlite:CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;
CREATE TRIGGER policy_payments_no_update BEFORE UPDATE ON policy_payments
BEGIN SELECT RAISE(ABORT, 'policy_payments is append-only'); END;
CREATE TRIGGER policy_payments_no_delete BEFORE DELETE ON policy_payments
BEGIN SELECT RAISE(ABORT, 'policy_payments is append-only'); END;
CREATE TRIGGER policy_reversals_no_update BEFORE UPDATE ON policy_reversals
BEGIN SELECT RAISE(ABORT, 'policy_reversals is append-only'); END;
CREATE TRIGGER policy_reversals_no_delete BEFORE DELETE ON policy_reversals
BEGIN SELECT RAISE(ABORT, 'policy_reversals is append-only'); END;}
{pg:CREATE FUNCTION policy_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
FOR EACH ROW EXECUTE FUNCTION policy_append_only();
CREATE TRIGGER policy_payments_append_only BEFORE UPDATE OR DELETE ON policy_payments
FOR EACH ROW EXECUTE FUNCTION policy_append_only();
CREATE TRIGGER policy_reversals_append_only BEFORE UPDATE OR DELETE ON policy_reversals
FOR EACH ROW EXECUTE FUNCTION policy_append_only();}
)sql";

// Facts the registry does not hold (facts_store.h): internships (就业见习),
// start-ups (创业) and outbound placements by agencies (R18). county_code is
// the paying county (the host's, the venture's, the agency's) and leads an
// index; each row's natural key is UNIQUE so re-recording updates it.
constexpr char kFacts[] = R"sql(
CREATE TABLE policy_internships (
  internship_id {id},
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  host_code TEXT NOT NULL,
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL,
  retained_on TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL DEFAULT ({now}),
  CHECK (end_on >= start_on)
);
CREATE UNIQUE INDEX policy_internships_key ON policy_internships (person_id, host_code, start_on);
CREATE INDEX policy_internships_host ON policy_internships (county_code, host_code);
CREATE TABLE policy_ventures (
  venture_id {id},
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  credit_code TEXT NOT NULL,
  founded_on TEXT NOT NULL,
  first_time {int} NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL DEFAULT ({now})
);
CREATE UNIQUE INDEX policy_ventures_key ON policy_ventures (person_id, credit_code);
CREATE INDEX policy_ventures_county ON policy_ventures (county_code, credit_code);
CREATE TABLE policy_placements (
  placement_id {id},
  county_code TEXT NOT NULL,
  agency_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  start_on TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL DEFAULT ({now})
);
CREATE UNIQUE INDEX policy_placements_key ON policy_placements (agency_code, person_id, start_on);
CREATE INDEX policy_placements_county ON policy_placements (county_code, agency_code);
CREATE INDEX policy_placements_person ON policy_placements (person_id);
)sql";

// A person's entitlements and payments on their page (#14), by key.
constexpr char kEntitlementsByPerson[] = R"sql(
CREATE INDEX policy_entitlements_person ON policy_entitlements (person_id, county_code);
)sql";

// What a streamed sweep's pass reads by its counties (issue #19 §2): the
// internships hosted by the pass's employers by host (the county-led index
// cannot serve `host_code IN (...)`: it was a scan of the whole table each
// pass), and each county's proposals in id order (the review list's
// revisit pages through them; SQLite's (status, county_code) index holds
// the rowid already, PostgreSQL's needs the id to avoid a sort per page).
constexpr char kSweepPassIndexes[] = R"sql(
CREATE INDEX policy_internships_host_code ON policy_internships (host_code);
{pg:CREATE INDEX policy_entitlements_status_id ON policy_entitlements (status, county_code, entitlement_id);}
)sql";

// What replays a stored decision (decision_record.h, issue #17 §2): each
// parameter set once, keyed by its hash (append-only: the hash is a
// reference that cannot change), and per entitlement the records of its
// decision, keyed by county, once-only key and version (1 when proposed,
// the next when a re-check re-decided it; the shard key leads).
constexpr char kDecisionRecords[] = R"sql(
CREATE TABLE policy_param_sets (
  params_hash TEXT NOT NULL,
  params TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX policy_param_sets_key ON policy_param_sets (params_hash);
CREATE TABLE policy_decision_records (
  county_code TEXT NOT NULL,
  once_key TEXT NOT NULL,
  version {int} NOT NULL,
  rule_version TEXT NOT NULL,
  params_hash TEXT NOT NULL,
  params_read TEXT NOT NULL,
  facts TEXT NOT NULL,
  decision TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX policy_decision_records_key ON policy_decision_records (county_code, once_key, version);
{sqlite:CREATE TRIGGER policy_param_sets_no_update BEFORE UPDATE ON policy_param_sets
BEGIN SELECT RAISE(ABORT, 'policy_param_sets is append-only'); END;
CREATE TRIGGER policy_param_sets_no_delete BEFORE DELETE ON policy_param_sets
BEGIN SELECT RAISE(ABORT, 'policy_param_sets is append-only'); END;
CREATE TRIGGER policy_decision_records_no_update BEFORE UPDATE ON policy_decision_records
BEGIN SELECT RAISE(ABORT, 'policy_decision_records is append-only'); END;
CREATE TRIGGER policy_decision_records_no_delete BEFORE DELETE ON policy_decision_records
BEGIN SELECT RAISE(ABORT, 'policy_decision_records is append-only'); END;}
{pg:CREATE TRIGGER policy_param_sets_append_only BEFORE UPDATE OR DELETE ON policy_param_sets
FOR EACH ROW EXECUTE FUNCTION policy_append_only();
CREATE TRIGGER policy_decision_records_append_only BEFORE UPDATE OR DELETE ON policy_decision_records
FOR EACH ROW EXECUTE FUNCTION policy_append_only();}
)sql";

const store::Migration kMigrations[] = {
    {200, "policy_ledger", kLedger},
    {201, "policy_facts", kFacts},
    {250, "policy_entitlements_person", kEntitlementsByPerson},
    {260, "policy_decision_records", kDecisionRecords},
    {270, "policy_sweep_pass_indexes", kSweepPassIndexes},
};

}  // namespace

std::span<const store::Migration> PolicyMigrations() { return kMigrations; }

Result<void> MigratePolicy(store::Db& db) { return store::ApplyMigrations(db, PolicyMigrations()); }

}  // namespace qjy::policy
