// Counters kept by triggers (counters.h): migration 1502, rebuild, reads.
#include "supervision/counters.h"

#include <set>

#include "policy/decision.h"
#include "supervision/fact_counters.h"

namespace qjy::supervision {

using store::Value;

namespace {

constexpr char kDead[] = "'withdrawn', 'improper', 'reversed'";

std::string Upsert(const std::string& key, const std::string& sets) {
  return " ON CONFLICT (" + key + ") DO UPDATE SET " + sets + ";\n";
}

std::string AddAmount() {
  return Upsert("county_code, kind, year",
                "amount_fen = supervision_county_amounts.amount_fen + excluded.amount_fen");
}

// A counter statement and the condition on the row under which it runs
// (a WHEN clause of its own SQLite trigger, an IF in PostgreSQL), so that
// a row that touches no counter costs no statement.
struct Step {
  std::string when, sql;
};

// The steps adding (sign "") or removing (sign "-") entitlement row `x`
// (NEW or OLD) to or from the counters; `num` the dialect's integer type.
constexpr char kFolded[] = "(SELECT value FROM supervision_counter_state WHERE name = 'entitlements')";

std::vector<Step> EntitlementRow(const std::string& x, const std::string& sign, const std::string& num) {
  const std::string folded = x + ".entitlement_id <= " + kFolded + " AND ";
  return {
      {folded + x + ".person_id <> 0 AND " + x + ".status NOT IN (" + kDead + ")",
       "INSERT INTO supervision_person_counts (county_code, person_id, phone_hash, live_n, cause_n) SELECT " + x +
           ".county_code, " + x + ".person_id, (SELECT p.phone_hash FROM persons p WHERE p.person_id = " + x +
           ".person_id), " + sign + "1, " + sign + "(CASE WHEN " + x +
           ".rule IN (SELECT rule FROM supervision_cause_rules) THEN 1 ELSE 0 END) WHERE 1 = 1" +
           Upsert("person_id, county_code",
                  "live_n = supervision_person_counts.live_n + excluded.live_n, cause_n = "
                  "supervision_person_counts.cause_n + excluded.cause_n")},
      {folded + x + ".loan = 0 AND " + x + ".status NOT IN (" + kDead + ", 'paid')",
       "INSERT INTO supervision_county_amounts (county_code, kind, year, amount_fen) SELECT " + x +
           ".county_code, 'unpaid', 0, " + sign + "(" + x + ".amount_fen) WHERE 1 = 1" + AddAmount()},
      {folded + x + ".loan = 0 AND " + x + ".status = 'paid'",
       "INSERT INTO supervision_county_amounts (county_code, kind, year, amount_fen) SELECT " + x +
           ".county_code, 'paid', CAST(SUBSTR(p.created_at, 1, 4) AS " + num + "), " + sign + "(" + x +
           ".amount_fen) FROM policy_payments p WHERE p.once_key = " + x + ".once_key" + AddAmount()},
  };
}

// The steps adding or removing entitlement row `x` to or from the cause
// tables of 1505: per (county, person, cause) its live claims and those
// matching any period, per (county, person, cause, period) a period
// cause's live claims of a period other than "once". The rule's cause from
// supervision_cause_rules (no row: a rule of no cause, nothing counted).
// `changed`: a further condition of both steps (the update trigger's: the
// row's cause key or liveness changed).
std::vector<Step> CauseRow(const std::string& x, const std::string& sign, const std::string& changed = "") {
  const std::string live = x + ".entitlement_id <= " + kFolded + " AND " + x + ".person_id <> 0 AND " + x +
                           ".status NOT IN (" + kDead + ")" + changed;
  return {
      {live,
       "INSERT INTO supervision_cause_totals (county_code, person_id, cause, n, any_n) SELECT " + x + ".county_code, " +
           x + ".person_id, r.cause, " + sign +
           "1, " + sign + "(CASE WHEN r.any_period <> 0 OR " + x +
           ".period = 'once' THEN 1 ELSE 0 END) FROM supervision_cause_rules r WHERE 1 = 1 AND r.rule = " + x + ".rule" +
           Upsert("county_code, person_id, cause",
                  "n = supervision_cause_totals.n + excluded.n, any_n = supervision_cause_totals.any_n + excluded.any_n")},
      {live + " AND " + x + ".period <> 'once'",
       "INSERT INTO supervision_cause_periods (county_code, person_id, cause, period, n) SELECT " + x +
           ".county_code, " + x + ".person_id, r.cause, " + x + ".period, " + sign +
           "1 FROM supervision_cause_rules r WHERE 1 = 1 AND r.rule = " + x + ".rule AND r.any_period = 0" +
           Upsert("county_code, person_id, cause, period", "n = supervision_cause_periods.n + excluded.n")},
  };
}

std::vector<Step> PaymentRow(const std::string& num) {
  const std::string year = "CAST(SUBSTR(NEW.created_at, 1, 4) AS " + num + ")";
  return {{"1 = 1",
           "INSERT INTO supervision_county_amounts (county_code, kind, year, amount_fen) SELECT e.county_code, "
           "'payments', " + year + ", NEW.amount_fen FROM policy_entitlements e WHERE e.once_key = NEW.once_key AND "
           "e.entitlement_id <= " + kFolded +
               AddAmount() +
               "INSERT INTO supervision_county_amounts (county_code, kind, year, amount_fen) SELECT e.county_code, "
               "'paid', " + year + ", e.amount_fen FROM policy_entitlements e WHERE e.once_key = NEW.once_key AND "
               "e.loan = 0 AND e.status = 'paid' AND e.entitlement_id <= " + kFolded + AddAmount()}};
}

std::vector<Step> PersonRow(const std::string& x, const std::string& sign, bool phone) {
  std::string s = "INSERT INTO supervision_county_persons (county_code, n) SELECT " + x + ".county_code, " + sign +
                  "1 WHERE 1 = 1" + Upsert("county_code", "n = supervision_county_persons.n + excluded.n");
  if (phone) {
    s += "UPDATE supervision_person_counts SET phone_hash = " + (sign.empty() ? x + ".phone_hash" : std::string("NULL")) +
         " WHERE person_id = " + x + ".person_id;\n";
  }
  return {{"1 = 1", s}};
}

std::vector<Step> Both(std::vector<Step> a, const std::vector<Step>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

struct Trigger {
  std::string name, event;
  std::vector<Step> sqlite, pg;
};

std::vector<Trigger> Triggers() {
  const std::string si = "INTEGER", pi = "BIGINT";
  return {
      {"supervision_ent_upd", "AFTER UPDATE OF status, amount_fen, rule, person_id, county_code, loan ON "
                              "policy_entitlements",
       Both(EntitlementRow("OLD", "-", si), EntitlementRow("NEW", "", si)),
       Both(EntitlementRow("OLD", "-", pi), EntitlementRow("NEW", "", pi))},
      {"supervision_ent_del", "AFTER DELETE ON policy_entitlements", EntitlementRow("OLD", "-", si),
       EntitlementRow("OLD", "-", pi)},
      {"supervision_pay_ins", "AFTER INSERT ON policy_payments", PaymentRow(si), PaymentRow(pi)},
      {"supervision_person_ins", "AFTER INSERT ON persons", PersonRow("NEW", "", true), PersonRow("NEW", "", true)},
      {"supervision_person_upd", "AFTER UPDATE OF county_code, phone_hash ON persons",
       Both(PersonRow("OLD", "-", false), PersonRow("NEW", "", true)),
       Both(PersonRow("OLD", "-", false), PersonRow("NEW", "", true))},
      {"supervision_person_del", "AFTER DELETE ON persons", PersonRow("OLD", "-", true), PersonRow("OLD", "-", true)},
  };
}

constexpr char kTables[] = R"sql(
CREATE TABLE supervision_counter_state (
  name TEXT NOT NULL PRIMARY KEY,
  value {int} NOT NULL
);
INSERT INTO supervision_counter_state (name, value) VALUES ('entitlements', 0);
CREATE TABLE supervision_cause_rules (
  rule TEXT NOT NULL PRIMARY KEY
);
CREATE TABLE supervision_person_counts (
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  phone_hash {blob},
  live_n {int} NOT NULL,
  cause_n {int} NOT NULL,
  PRIMARY KEY (person_id, county_code)
){sqlite: WITHOUT ROWID};
CREATE INDEX supervision_person_counts_phone ON supervision_person_counts (phone_hash, person_id);
CREATE TABLE supervision_county_amounts (
  county_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  year {int} NOT NULL,
  amount_fen {int} NOT NULL,
  PRIMARY KEY (county_code, kind, year)
);
CREATE TABLE supervision_county_persons (
  county_code TEXT NOT NULL PRIMARY KEY,
  n {int} NOT NULL
);
)sql";

// SQLite: one trigger per step, named <name>_<i>, with its WHEN clause.
// PostgreSQL: one function per trigger, each step under an IF.
std::string MigrationSql() {
  std::string sqlite, pg;
  for (const auto& t : Triggers()) {
    for (size_t i = 0; i < t.sqlite.size(); ++i) {
      sqlite += "CREATE TRIGGER " + t.name + "_" + std::to_string(i) + " " + t.event + " FOR EACH ROW WHEN " +
                t.sqlite[i].when + " BEGIN\n" + t.sqlite[i].sql + "END;\n";
    }
    pg += "CREATE FUNCTION " + t.name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n";
    for (const auto& step : t.pg) pg += "IF " + step.when + " THEN\n" + step.sql + "END IF;\n";
    pg += "RETURN NULL; END $$;\nCREATE TRIGGER " + t.name + " " + t.event + " FOR EACH ROW EXECUTE FUNCTION " + t.name +
          "();\n";
  }
  return std::string(kTables) + "{sqlite:" + sqlite + "}\n{pg:" + pg + "}\n";
}

// The counters computed from the ledger and the registry, as SELECTs with
// the counter tables' columns.
std::string Num(store::Db& db) { return db.dialect() == store::Dialect::kPostgres ? "BIGINT" : "INTEGER"; }

// `range`: a condition on e.entitlement_id (with two ? for a fold), or "1 = 1".
std::string PersonsFromLedger(const std::string& range = "1 = 1") {
  return "SELECT e.county_code, e.person_id, (SELECT p.phone_hash FROM persons p WHERE p.person_id = e.person_id), "
         "COUNT(*), SUM(CASE WHEN e.rule IN (SELECT rule FROM supervision_cause_rules) THEN 1 ELSE 0 END) FROM "
         "policy_entitlements e WHERE " + range + " AND e.person_id <> 0 AND e.status NOT IN (" + kDead +
         ") GROUP BY e.person_id, e.county_code";
}

std::string AmountsFromLedger(const std::string& num, const std::string& range = "1 = 1") {
  const std::string year = "CAST(SUBSTR(p.created_at, 1, 4) AS " + num + ")";
  return "SELECT e.county_code, 'unpaid', 0, SUM(e.amount_fen) FROM policy_entitlements e WHERE " + range +
         " AND e.loan = 0 AND e.status NOT IN (" + kDead +
         ", 'paid') GROUP BY e.county_code UNION ALL SELECT e.county_code, 'paid', " + year +
         ", SUM(e.amount_fen) FROM policy_entitlements e JOIN policy_payments p ON p.once_key = e.once_key WHERE " +
         range + " AND e.loan = 0 AND e.status = 'paid' GROUP BY e.county_code, " + year +
         " UNION ALL SELECT e.county_code, 'payments', " + year +
         ", SUM(p.amount_fen) FROM policy_payments p JOIN policy_entitlements e ON e.once_key = p.once_key WHERE " +
         range + " GROUP BY e.county_code, " + year;
}

// The cause tables of 1505 computed from the ledger (`range` as above).
std::string CauseTotalsFromLedger(const std::string& range = "1 = 1") {
  return "SELECT e.county_code, e.person_id, r.cause, COUNT(*), SUM(CASE WHEN r.any_period <> 0 OR e.period = 'once' "
         "THEN 1 ELSE 0 END) FROM policy_entitlements e JOIN supervision_cause_rules r ON r.rule = e.rule WHERE " +
         range + " AND e.person_id <> 0 AND e.status NOT IN (" + kDead + ") GROUP BY e.county_code, e.person_id, r.cause";
}

std::string CausePeriodsFromLedger(const std::string& range = "1 = 1") {
  return "SELECT e.county_code, e.person_id, r.cause, e.period, COUNT(*) FROM policy_entitlements e JOIN "
         "supervision_cause_rules r ON r.rule = e.rule WHERE " + range + " AND e.person_id <> 0 AND e.status NOT IN (" +
         kDead + ") AND r.any_period = 0 AND e.period <> 'once' GROUP BY e.county_code, e.person_id, r.cause, e.period";
}

// Adds the cause tables' rows of the entitlements in `range` (params `ps`).
Result<void> FoldCauses(store::Db& db, const std::string& range, const std::vector<Value>& ps) {
  auto t = db.Exec("INSERT INTO supervision_cause_totals (county_code, person_id, cause, n, any_n) " +
                       CauseTotalsFromLedger(range) +
                       Upsert("county_code, person_id, cause",
                              "n = supervision_cause_totals.n + excluded.n, any_n = supervision_cause_totals.any_n + "
                              "excluded.any_n"),
                   ps);
  if (!t) return std::unexpected(t.error());
  auto p = db.Exec("INSERT INTO supervision_cause_periods (county_code, person_id, cause, period, n) " +
                       CausePeriodsFromLedger(range) +
                       Upsert("county_code, person_id, cause, period", "n = supervision_cause_periods.n + excluded.n"),
                   ps);
  if (!p) return std::unexpected(p.error());
  return {};
}

constexpr char kRange[] = "e.entitlement_id > ? AND e.entitlement_id <= ?";

// Adds the entitlements after the watermark to the counters and moves it
// (inside the caller's transaction).
Result<int64_t> FoldIn(store::Db& db) {
  if (db.dialect() == store::Dialect::kPostgres) {
    // No insert or status change in flight below the new watermark. The
    // payments first: a payment in flight (Ledger::Approve writes it, then
    // the entitlement) finishes before the fold touches any counter.
    if (auto r = db.Exec("LOCK TABLE policy_payments, policy_entitlements IN SHARE MODE", {}); !r) {
      return std::unexpected(r.error());
    }
  }
  auto st = db.Query(std::string("SELECT ") + kFolded + ", (SELECT COALESCE(MAX(entitlement_id), 0) FROM "
                     "policy_entitlements)");
  if (!st) return std::unexpected(st.error());
  const int64_t from = (*st)[0].Int(0), to = (*st)[0].Int(1);
  if (to <= from) return int64_t{0};
  const std::vector<Value> r2 = {Value{from}, Value{to}};
  const std::vector<Value> r6 = {Value{from}, Value{to}, Value{from}, Value{to}, Value{from}, Value{to}};
  auto p = db.Exec("INSERT INTO supervision_person_counts (county_code, person_id, phone_hash, live_n, cause_n) " +
                       PersonsFromLedger(kRange) +
                       Upsert("person_id, county_code",
                              "live_n = supervision_person_counts.live_n + excluded.live_n, cause_n = "
                              "supervision_person_counts.cause_n + excluded.cause_n"),
                   r2);
  if (!p) return std::unexpected(p.error());
  auto a = db.Exec("INSERT INTO supervision_county_amounts (county_code, kind, year, amount_fen) " +
                       AmountsFromLedger(Num(db), kRange) + AddAmount(),
                   r6);
  if (!a) return std::unexpected(a.error());
  if (auto c = FoldCauses(db, kRange, r2); !c) return std::unexpected(c.error());
  auto u = db.Exec("UPDATE supervision_counter_state SET value = ? WHERE name = 'entitlements'", std::vector<Value>{to});
  if (!u) return std::unexpected(u.error());
  return to - from;
}

constexpr char kPersonsFromRegistry[] = "SELECT county_code, COUNT(*) FROM persons GROUP BY county_code";

std::string Hex(const Blob& b) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (auto c : b) {
    out.push_back(kDigits[(static_cast<unsigned>(c) >> 4) & 15]);
    out.push_back(kDigits[static_cast<unsigned>(c) & 15]);
  }
  return out;
}

Result<CounterSnapshot> Snapshot(store::Db& db, const std::string& persons, const std::string& amounts,
                                 const std::string& county_persons, const std::string& fact_holders,
                                 const std::string& cause_totals, const std::string& cause_periods) {
  CounterSnapshot s;
  auto p = db.Query(persons);
  if (!p) return std::unexpected(p.error());
  for (const auto& r : *p) {
    if (r.Int(3) == 0 && r.Int(4) == 0) continue;
    s.persons[{r.Text(0), r.Int(1)}] = {Hex(r.Bytes(2)), r.Int(3), r.Int(4)};
  }
  auto a = db.Query(amounts);
  if (!a) return std::unexpected(a.error());
  for (const auto& r : *a) {
    if (r.Int(3) != 0) s.amounts[{r.Text(0), r.Text(1), r.Int(2)}] = r.Int(3);
  }
  auto c = db.Query(county_persons);
  if (!c) return std::unexpected(c.error());
  for (const auto& r : *c) {
    if (r.Int(1) != 0) s.county_persons[r.Text(0)] = r.Int(1);
  }
  auto f = db.Query(fact_holders);
  if (!f) return std::unexpected(f.error());
  for (const auto& r : *f) {
    if (r.Int(2) != 0) s.fact_holders[{r.Text(0), Hex(r.Bytes(1))}] = r.Int(2);
  }
  auto t = db.Query(cause_totals);
  if (!t) return std::unexpected(t.error());
  for (const auto& r : *t) {
    if (r.Int(3) != 0 || r.Int(4) != 0) s.cause_totals[{r.Text(0), r.Int(1), r.Text(2)}] = {r.Int(3), r.Int(4)};
  }
  auto cp = db.Query(cause_periods);
  if (!cp) return std::unexpected(cp.error());
  for (const auto& r : *cp) {
    if (r.Int(4) != 0) s.cause_periods[{r.Text(0), r.Int(1), r.Text(2), r.Text(3)}] = r.Int(4);
  }
  return s;
}

Result<void> RebuildIn(store::Db& db) {
  for (const char* sql : {"DELETE FROM supervision_person_counts", "DELETE FROM supervision_county_amounts",
                          "DELETE FROM supervision_county_persons", "DELETE FROM supervision_fact_holders",
                          "DELETE FROM supervision_cause_totals", "DELETE FROM supervision_cause_periods",
                          "UPDATE supervision_counter_state SET value = 0 WHERE name = 'entitlements'"}) {
    if (auto r = db.Exec(sql, {}); !r) return std::unexpected(r.error());
  }
  if (auto r = db.Exec(std::string("INSERT INTO supervision_county_persons (county_code, n) ") + kPersonsFromRegistry,
                       {});
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = db.Exec("INSERT INTO supervision_fact_holders (kind, hash, holders) " + FactHoldersFromRegistry(), {});
      !r) {
    return std::unexpected(r.error());
  }
  if (auto f = FoldIn(db); !f) return std::unexpected(f.error());
  return {};
}

// Migration 1503: the update trigger skips a change that moves no counter.
// An entitlement counts by its person, county, rule, amount, loan flag and
// status class (dead: withdrawn / improper / reversed; paid; else live and
// unpaid); a change that keeps all of them — proposed ↔ held (a screen's
// holds, a release) — removed OLD and added NEW back, four upserts and two
// phone look-ups per row for nothing. `same` is the condition under which
// the 1502 steps cancel exactly. PostgreSQL: the trigger gets NOT same as
// its WHEN (the function is not called). SQLite: the six triggers of one
// step each become one trigger with NOT same as its WHEN and the six steps
// as its statements, each under its own condition (its 1502 WHEN) in its
// WHERE — a trigger costs per row even when its WHEN is false (measured:
// 40,000 proposed → held, 0.7 s CPU with six triggers, 0.1 s with one).
// The condition under which an update moves no counter (`eq`: the
// dialect's null-safe equality); `period`: the entitlement's period counts
// too (the cause tables of 1505).
std::string SameCounters(const std::string& eq, bool period) {
  auto cls = [](const std::string& x) {
    return "(CASE WHEN " + x + ".status IN (" + kDead + ") THEN 0 WHEN " + x + ".status = 'paid' THEN 1 ELSE 2 END)";
  };
  std::string s;
  for (const char* col : {"person_id", "county_code", "rule", "amount_fen", "loan", "period"}) {
    if (!period && std::string(col) == "period") continue;
    s += std::string("OLD.") + col + " " + eq + " NEW." + col + " AND ";
  }
  return s + cls("OLD") + " = " + cls("NEW");
}

// A step as a statement of a SQLite trigger with several: each step is
// "INSERT ... SELECT ... WHERE <w> ON CONFLICT ...", its condition joins <w>.
std::string MergedStep(const Step& st) {
  std::string step = st.sql;
  const std::string w = " WHERE 1 = 1", p = " WHERE p.once_key";
  if (auto at = step.find(w); at != std::string::npos) {
    step.replace(at, w.size(), " WHERE (" + st.when + ")");
  } else if (at = step.find(p); at != std::string::npos) {
    step.replace(at, p.size(), " WHERE (" + st.when + ") AND p.once_key");
  } else {
    step = "unexpected counter step;\n";  // not SQL: the migration fails (CountersTest) rather than drop a condition
  }
  return step;
}

std::string SkipNoOpsSql() {
  std::string sqlite, pg;
  for (const auto& t : Triggers()) {
    if (t.name != "supervision_ent_upd") continue;
    std::string body;
    for (size_t i = 0; i < t.sqlite.size(); ++i) {
      sqlite += "DROP TRIGGER " + t.name + "_" + std::to_string(i) + ";\n";
      body += MergedStep(t.sqlite[i]);
    }
    sqlite += "CREATE TRIGGER " + t.name + " " + t.event + " FOR EACH ROW WHEN NOT (" + SameCounters("IS", false) +
              ") BEGIN\n" + body + "END;\n";
    pg += "DROP TRIGGER " + t.name + " ON policy_entitlements;\nCREATE TRIGGER " + t.name + " " + t.event +
          " FOR EACH ROW WHEN (NOT (" + SameCounters("IS NOT DISTINCT FROM", false) + ")) EXECUTE FUNCTION " + t.name +
          "();\n";
  }
  return "{sqlite:" + sqlite + "}\n{pg:" + pg + "}\n";
}

// Migration 1505: the cause tables (counters.h), the cause of each rule,
// the backfill from the folded rows (every rule pooled into one cause that
// matches any period until SyncCauseRules writes the causes: the earlier
// "two claims of a cause", a superset of what can match), and the
// entitlement triggers of 1502/1503 with the cause steps added. The update
// trigger also fires on a changed period.
std::string CauseSpellsSql() {
  const std::string si = "INTEGER", pi = "BIGINT";
  const std::string upd_event =
      "AFTER UPDATE OF status, amount_fen, rule, person_id, county_code, loan, period ON policy_entitlements";
  const std::string folded = std::string("e.entitlement_id <= ") + kFolded;
  std::string sql = R"sql(
ALTER TABLE supervision_cause_rules ADD COLUMN cause TEXT NOT NULL DEFAULT '';
ALTER TABLE supervision_cause_rules ADD COLUMN any_period {int} NOT NULL DEFAULT 1;
CREATE TABLE supervision_cause_totals (
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  cause TEXT NOT NULL,
  n {int} NOT NULL,
  any_n {int} NOT NULL,
  PRIMARY KEY (county_code, person_id, cause)
){sqlite: WITHOUT ROWID};
CREATE INDEX supervision_cause_totals_many ON supervision_cause_totals (person_id) WHERE any_n > 0 AND n > 1;
CREATE TABLE supervision_cause_periods (
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  cause TEXT NOT NULL,
  period TEXT NOT NULL,
  n {int} NOT NULL,
  PRIMARY KEY (county_code, person_id, cause, period)
){sqlite: WITHOUT ROWID};
CREATE INDEX supervision_cause_periods_many ON supervision_cause_periods (person_id) WHERE n > 1;
)sql";
  sql += "INSERT INTO supervision_cause_totals (county_code, person_id, cause, n, any_n) " +
         CauseTotalsFromLedger(folded) + ";\n";
  sql += "INSERT INTO supervision_cause_periods (county_code, person_id, cause, period, n) " +
         CausePeriodsFromLedger(folded) + ";\n";
  // SQLite: the update trigger of 1503 again with the cause steps; a
  // delete trigger of its own for them.
  // The cause steps of an update run only when the row's cause key or
  // liveness changed (a payment, proposed → paid, moves amounts only).
  auto moved = [](const std::string& eq) {
    return " AND NOT (OLD.person_id " + eq + " NEW.person_id AND OLD.county_code " + eq + " NEW.county_code AND OLD.rule " +
           eq + " NEW.rule AND OLD.period " + eq + " NEW.period AND (OLD.status IN (" + kDead + ")) = (NEW.status IN (" +
           kDead + ")))";
  };
  const auto upd = Both(Both(EntitlementRow("OLD", "-", si), CauseRow("OLD", "-", moved("IS"))),
                        Both(EntitlementRow("NEW", "", si), CauseRow("NEW", "", moved("IS"))));
  std::string body;
  for (const auto& st : upd) body += MergedStep(st);
  std::string sqlite = "DROP TRIGGER supervision_ent_upd;\nCREATE TRIGGER supervision_ent_upd " + upd_event +
                       " FOR EACH ROW WHEN NOT (" + SameCounters("IS", true) + ") BEGIN\n" + body + "END;\n";
  std::string del;
  for (const auto& st : CauseRow("OLD", "-")) del += MergedStep(st);
  sqlite += "CREATE TRIGGER supervision_ent_del_causes AFTER DELETE ON policy_entitlements FOR EACH ROW BEGIN\n" + del +
            "END;\n";
  // PostgreSQL: the functions of 1502 with the cause steps, the update
  // trigger with the period.
  auto function = [](const std::string& name, const std::vector<Step>& steps) {
    std::string f = "CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n";
    for (const auto& step : steps) f += "IF " + step.when + " THEN\n" + step.sql + "END IF;\n";
    return f + "RETURN NULL; END $$;\n";
  };
  const std::string pg_moved = moved("IS NOT DISTINCT FROM");
  std::string pg = function("supervision_ent_upd",
                            Both(Both(EntitlementRow("OLD", "-", pi), CauseRow("OLD", "-", pg_moved)),
                                 Both(EntitlementRow("NEW", "", pi), CauseRow("NEW", "", pg_moved))));
  pg += function("supervision_ent_del", Both(EntitlementRow("OLD", "-", pi), CauseRow("OLD", "-")));
  pg += "DROP TRIGGER supervision_ent_upd ON policy_entitlements;\nCREATE TRIGGER supervision_ent_upd " + upd_event +
        " FOR EACH ROW WHEN (NOT (" + SameCounters("IS NOT DISTINCT FROM", true) +
        ")) EXECUTE FUNCTION supervision_ent_upd();\n";
  return sql + "{sqlite:" + sqlite + "}\n{pg:" + pg + "}\n";
}

}  // namespace

const store::Migration& CountersSkipNoOpsMigration() {
  static const store::Migration m{1503, "supervision_counters_skip_no_ops", SkipNoOpsSql()};
  return m;
}

const store::Migration& CauseSpellsMigration() {
  static const store::Migration m{1505, "supervision_cause_spells", CauseSpellsSql()};
  return m;
}

std::vector<CauseRule> CauseRulesOf(const Causes& causes) {
  std::vector<CauseRule> out;
  for (const auto& c : causes.all()) {
    for (const auto& r : c.rules) out.push_back({r, c.code, c.contract_spell});
  }
  return out;
}

const store::Migration& CountersMigration() {
  static const store::Migration m{1502, "supervision_counters", MigrationSql()};
  return m;
}

Result<CounterSnapshot> ReadCounters(store::Db& db) {
  return Snapshot(db, "SELECT county_code, person_id, phone_hash, live_n, cause_n FROM supervision_person_counts",
                  "SELECT county_code, kind, year, amount_fen FROM supervision_county_amounts",
                  "SELECT county_code, n FROM supervision_county_persons",
                  "SELECT kind, hash, holders FROM supervision_fact_holders",
                  "SELECT county_code, person_id, cause, n, any_n FROM supervision_cause_totals",
                  "SELECT county_code, person_id, cause, period, n FROM supervision_cause_periods");
}

Result<CounterSnapshot> CountFromLedger(store::Db& db) {
  return Snapshot(db, PersonsFromLedger(), AmountsFromLedger(Num(db)), kPersonsFromRegistry, FactHoldersFromRegistry(),
                  CauseTotalsFromLedger(), CausePeriodsFromLedger());
}

Result<void> RebuildCounters(store::Db& db) {
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  if (auto r = RebuildIn(db); !r) return r;
  return tx->Commit();
}

Result<int64_t> FoldNewEntitlements(store::Db& db) {
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto n = FoldIn(db);
  if (!n) return n;
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  return n;
}

Result<void> ProposalFold::Before(store::Db& db) {
  if (db.dialect() == store::Dialect::kPostgres) {
    // Payments first, in the order FoldIn and Ledger::Approve take them.
    for (const char* sql : {"LOCK TABLE policy_payments IN SHARE MODE",
                            "LOCK TABLE policy_entitlements IN SHARE ROW EXCLUSIVE MODE"}) {
      if (auto r = db.Exec(sql, {}); !r) return std::unexpected(r.error());
    }
  }
  // Rows proposed without this observer since the last fold (none when
  // every writer passes one).
  if (auto f = FoldIn(db); !f) return std::unexpected(f.error());
  return {};
}

Result<void> ProposalFold::Added(store::Db& db, const std::vector<const policy::Decision*>& added) {
  if (added.empty()) return {};
  std::map<std::string, std::pair<std::string, bool>> cause_of;  // rule → (cause, any period)
  auto cr = db.Query("SELECT rule, cause, any_period FROM supervision_cause_rules");
  if (!cr) return std::unexpected(cr.error());
  for (const auto& r : *cr) cause_of[r.Text(0)] = {r.Text(1), r.Int(2) != 0};
  // A new row is "proposed": live and, unless a loan, unpaid.
  std::map<std::pair<int64_t, std::string>, std::pair<int64_t, int64_t>> persons;  // → (live, cause)
  // (county, person, cause) → (n, any); (county, person, cause, period) → n
  std::map<std::tuple<std::string, int64_t, std::string>, std::pair<int64_t, int64_t>> totals;
  std::map<std::tuple<std::string, int64_t, std::string, std::string>, int64_t> periods;
  std::map<std::string, int64_t> unpaid;
  for (const policy::Decision* d : added) {
    if (d->person_id != 0) {
      auto& [live, cause] = persons[{d->person_id, d->county_code}];
      ++live;
      if (auto it = cause_of.find(d->rule); it != cause_of.end()) {
        ++cause;
        const bool any = it->second.second || d->period == "once";
        auto& [n, any_n] = totals[{d->county_code, d->person_id, it->second.first}];
        ++n;
        any_n += any ? 1 : 0;
        if (!any) ++periods[{d->county_code, d->person_id, it->second.first, d->period}];
      }
    }
    if (!d->loan) unpaid[d->county_code] += d->amount_fen;
  }
  for (const auto& [key, n] : persons) {
    auto r = db.Exec(
        "INSERT INTO supervision_person_counts (county_code, person_id, phone_hash, live_n, cause_n) SELECT ?, ?, "
        "(SELECT p.phone_hash FROM persons p WHERE p.person_id = ?), ?, ? WHERE 1 = 1" +
            Upsert("person_id, county_code",
                   "live_n = supervision_person_counts.live_n + excluded.live_n, cause_n = "
                   "supervision_person_counts.cause_n + excluded.cause_n"),
        std::vector<Value>{key.second, key.first, key.first, n.first, n.second});
    if (!r) return std::unexpected(r.error());
  }
  for (const auto& [key, n] : totals) {
    auto r = db.Exec("INSERT INTO supervision_cause_totals (county_code, person_id, cause, n, any_n) VALUES (?, ?, ?, ?, "
                     "?)" + Upsert("county_code, person_id, cause",
                                   "n = supervision_cause_totals.n + excluded.n, any_n = supervision_cause_totals.any_n "
                                   "+ excluded.any_n"),
                     std::vector<Value>{std::get<0>(key), std::get<1>(key), std::get<2>(key), n.first, n.second});
    if (!r) return std::unexpected(r.error());
  }
  for (const auto& [key, n] : periods) {
    auto r = db.Exec("INSERT INTO supervision_cause_periods (county_code, person_id, cause, period, n) VALUES (?, ?, ?, ?, "
                     "?)" + Upsert("county_code, person_id, cause, period", "n = supervision_cause_periods.n + excluded.n"),
                     std::vector<Value>{std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key), n});
    if (!r) return std::unexpected(r.error());
  }
  for (const auto& [county, fen] : unpaid) {
    auto r = db.Exec("INSERT INTO supervision_county_amounts (county_code, kind, year, amount_fen) VALUES (?, "
                     "'unpaid', 0, ?)" + AddAmount(),
                     std::vector<Value>{county, fen});
    if (!r) return std::unexpected(r.error());
  }
  // Writers are excluded since Before(): every id above the watermark is
  // one of `added`.
  auto u = db.Exec("UPDATE supervision_counter_state SET value = (SELECT COALESCE(MAX(entitlement_id), 0) FROM "
                   "policy_entitlements) WHERE name = 'entitlements'",
                   {});
  if (!u) return std::unexpected(u.error());
  folded_ += static_cast<int64_t>(added.size());
  return {};
}

Result<bool> SyncCauseRules(store::Db& db, const std::vector<CauseRule>& rules) {
  const std::set<CauseRule> want(rules.begin(), rules.end());
  auto have = db.Query("SELECT rule, cause, any_period FROM supervision_cause_rules");
  if (!have) return std::unexpected(have.error());
  std::set<CauseRule> got;
  for (const auto& r : *have) got.insert({r.Text(0), r.Text(1), r.Int(2) != 0});
  if (got == want) return false;
  // The same rules (the person and county counters stand): only the cause
  // tables are counted again.
  auto rules_of = [](const std::set<CauseRule>& xs) {
    std::set<std::string> out;
    for (const auto& x : xs) out.insert(x.rule);
    return out;
  };
  const bool causes_only = rules_of(got) == rules_of(want);
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  if (auto r = db.Exec("DELETE FROM supervision_cause_rules", {}); !r) return std::unexpected(r.error());
  for (const auto& rule : want) {
    if (auto r = db.Exec("INSERT INTO supervision_cause_rules (rule, cause, any_period) VALUES (?, ?, ?)",
                         std::vector<Value>{rule.rule, rule.cause, int64_t{rule.any_period}});
        !r) {
      return std::unexpected(r.error());
    }
  }
  if (causes_only) {
    for (const char* sql : {"DELETE FROM supervision_cause_totals", "DELETE FROM supervision_cause_periods"}) {
      if (auto r = db.Exec(sql, {}); !r) return std::unexpected(r.error());
    }
    if (auto r = FoldCauses(db, std::string("e.entitlement_id <= ") + kFolded, {}); !r) return std::unexpected(r.error());
  } else if (auto r = RebuildIn(db); !r) {
    return std::unexpected(r.error());
  }
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  return true;
}

}  // namespace qjy::supervision
