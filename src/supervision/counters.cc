// Counters kept by triggers (counters.h): migration 1502, rebuild, reads.
#include "supervision/counters.h"

#include <set>

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

// The statements adding (sign "") or removing (sign "-") entitlement row
// `x` (NEW or OLD) to or from the counters; `num` the dialect's integer type.
std::string EntitlementRow(const std::string& x, const std::string& sign, const std::string& num) {
  std::string s;
  s += "INSERT INTO supervision_person_counts (county_code, person_id, phone_hash, live_n, cause_n) SELECT " + x +
       ".county_code, " + x + ".person_id, (SELECT p.phone_hash FROM persons p WHERE p.person_id = " + x +
       ".person_id), " + sign + "1, " + sign + "(CASE WHEN " + x +
       ".rule IN (SELECT rule FROM supervision_cause_rules) THEN 1 ELSE 0 END) WHERE " + x + ".person_id <> 0 AND " +
       x + ".status NOT IN (" + kDead + ")" +
       Upsert("person_id, county_code",
              "live_n = supervision_person_counts.live_n + excluded.live_n, cause_n = supervision_person_counts.cause_n "
              "+ excluded.cause_n");
  s += "INSERT INTO supervision_county_amounts (county_code, kind, year, amount_fen) SELECT " + x +
       ".county_code, 'unpaid', 0, " + sign + "(" + x + ".amount_fen) WHERE " + x + ".loan = 0 AND " + x +
       ".status NOT IN (" + kDead + ", 'paid')" + AddAmount();
  s += "INSERT INTO supervision_county_amounts (county_code, kind, year, amount_fen) SELECT " + x +
       ".county_code, 'paid', CAST(SUBSTR(p.created_at, 1, 4) AS " + num + "), " + sign + "(" + x +
       ".amount_fen) FROM policy_payments p WHERE p.once_key = " + x + ".once_key AND " + x + ".loan = 0 AND " + x +
       ".status = 'paid'" + AddAmount();
  return s;
}

std::string PaymentRow(const std::string& num) {
  const std::string year = "CAST(SUBSTR(NEW.created_at, 1, 4) AS " + num + ")";
  return "INSERT INTO supervision_county_amounts (county_code, kind, year, amount_fen) SELECT e.county_code, "
         "'payments', " + year + ", NEW.amount_fen FROM policy_entitlements e WHERE e.once_key = NEW.once_key" +
         AddAmount() +
         "INSERT INTO supervision_county_amounts (county_code, kind, year, amount_fen) SELECT e.county_code, 'paid', " +
         year + ", e.amount_fen FROM policy_entitlements e WHERE e.once_key = NEW.once_key AND e.loan = 0 AND "
         "e.status = 'paid'" + AddAmount();
}

std::string PersonRow(const std::string& x, const std::string& sign, bool phone) {
  std::string s = "INSERT INTO supervision_county_persons (county_code, n) SELECT " + x + ".county_code, " + sign +
                  "1 WHERE 1 = 1" + Upsert("county_code", "n = supervision_county_persons.n + excluded.n");
  if (phone) {
    s += "UPDATE supervision_person_counts SET phone_hash = " + (sign.empty() ? x + ".phone_hash" : std::string("NULL")) +
         " WHERE person_id = " + x + ".person_id;\n";
  }
  return s;
}

struct Trigger {
  std::string name, when, body_sqlite, body_pg;
};

std::vector<Trigger> Triggers() {
  const std::string si = "INTEGER", pi = "BIGINT";
  return {
      {"supervision_ent_ins", "AFTER INSERT ON policy_entitlements", EntitlementRow("NEW", "", si),
       EntitlementRow("NEW", "", pi)},
      {"supervision_ent_upd", "AFTER UPDATE OF status, amount_fen, rule, person_id, county_code, loan ON "
                              "policy_entitlements",
       EntitlementRow("OLD", "-", si) + EntitlementRow("NEW", "", si),
       EntitlementRow("OLD", "-", pi) + EntitlementRow("NEW", "", pi)},
      {"supervision_ent_del", "AFTER DELETE ON policy_entitlements", EntitlementRow("OLD", "-", si),
       EntitlementRow("OLD", "-", pi)},
      {"supervision_pay_ins", "AFTER INSERT ON policy_payments", PaymentRow(si), PaymentRow(pi)},
      {"supervision_person_ins", "AFTER INSERT ON persons", PersonRow("NEW", "", true), PersonRow("NEW", "", true)},
      {"supervision_person_upd", "AFTER UPDATE OF county_code, phone_hash ON persons",
       PersonRow("OLD", "-", false) + PersonRow("NEW", "", true), PersonRow("OLD", "-", false) + PersonRow("NEW", "", true)},
      {"supervision_person_del", "AFTER DELETE ON persons", PersonRow("OLD", "-", true), PersonRow("OLD", "-", true)},
  };
}

constexpr char kTables[] = R"sql(
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

std::string MigrationSql() {
  std::string sqlite, pg;
  for (const auto& t : Triggers()) {
    sqlite += "CREATE TRIGGER " + t.name + " " + t.when + " FOR EACH ROW BEGIN\n" + t.body_sqlite + "END;\n";
    pg += "CREATE FUNCTION " + t.name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n" + t.body_pg +
          "RETURN NULL; END $$;\nCREATE TRIGGER " + t.name + " " + t.when + " FOR EACH ROW EXECUTE FUNCTION " + t.name +
          "();\n";
  }
  return std::string(kTables) + "{sqlite:" + sqlite + "}\n{pg:" + pg + "}\n";
}

// The counters computed from the ledger and the registry, as SELECTs with
// the counter tables' columns.
std::string PersonsFromLedger() {
  return std::string(
             "SELECT e.county_code, e.person_id, (SELECT p.phone_hash FROM persons p WHERE p.person_id = e.person_id), "
             "COUNT(*), SUM(CASE WHEN e.rule IN (SELECT rule FROM supervision_cause_rules) THEN 1 ELSE 0 END) FROM "
             "policy_entitlements e WHERE e.person_id <> 0 AND e.status NOT IN (") +
         kDead + ") GROUP BY e.county_code, e.person_id";
}

std::string AmountsFromLedger(const std::string& num) {
  const std::string year = "CAST(SUBSTR(p.created_at, 1, 4) AS " + num + ")";
  return std::string("SELECT county_code, 'unpaid', 0, SUM(amount_fen) FROM policy_entitlements WHERE loan = 0 AND "
                     "status NOT IN (") +
         kDead + ", 'paid') GROUP BY county_code UNION ALL SELECT e.county_code, 'paid', " + year +
         ", SUM(e.amount_fen) FROM policy_entitlements e JOIN policy_payments p ON p.once_key = e.once_key WHERE "
         "e.loan = 0 AND e.status = 'paid' GROUP BY e.county_code, " + year +
         " UNION ALL SELECT e.county_code, 'payments', " + year +
         ", SUM(p.amount_fen) FROM policy_payments p JOIN policy_entitlements e ON e.once_key = p.once_key GROUP BY "
         "e.county_code, " + year;
}

constexpr char kPersonsFromRegistry[] = "SELECT county_code, COUNT(*) FROM persons GROUP BY county_code";

std::string Num(store::Db& db) { return db.dialect() == store::Dialect::kPostgres ? "BIGINT" : "INTEGER"; }

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
                                 const std::string& county_persons) {
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
  return s;
}

Result<void> RebuildIn(store::Db& db) {
  for (const char* t : {"supervision_person_counts", "supervision_county_amounts", "supervision_county_persons"}) {
    if (auto r = db.Exec(std::string("DELETE FROM ") + t, {}); !r) return std::unexpected(r.error());
  }
  const std::string ins[] = {
      "INSERT INTO supervision_person_counts (county_code, person_id, phone_hash, live_n, cause_n) " +
          PersonsFromLedger(),
      "INSERT INTO supervision_county_amounts (county_code, kind, year, amount_fen) " + AmountsFromLedger(Num(db)),
      std::string("INSERT INTO supervision_county_persons (county_code, n) ") + kPersonsFromRegistry,
  };
  for (const auto& sql : ins) {
    if (auto r = db.Exec(sql, {}); !r) return std::unexpected(r.error());
  }
  return {};
}

}  // namespace

const store::Migration& CountersMigration() {
  static const store::Migration m{1502, "supervision_counters", MigrationSql()};
  return m;
}

Result<CounterSnapshot> ReadCounters(store::Db& db) {
  return Snapshot(db, "SELECT county_code, person_id, phone_hash, live_n, cause_n FROM supervision_person_counts",
                  "SELECT county_code, kind, year, amount_fen FROM supervision_county_amounts",
                  "SELECT county_code, n FROM supervision_county_persons");
}

Result<CounterSnapshot> CountFromLedger(store::Db& db) {
  return Snapshot(db, PersonsFromLedger(), AmountsFromLedger(Num(db)), kPersonsFromRegistry);
}

Result<void> RebuildCounters(store::Db& db) {
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  if (auto r = RebuildIn(db); !r) return r;
  return tx->Commit();
}

Result<bool> SyncCauseRules(store::Db& db, const std::vector<std::string>& rules) {
  const std::set<std::string> want(rules.begin(), rules.end());
  auto have = db.Query("SELECT rule FROM supervision_cause_rules");
  if (!have) return std::unexpected(have.error());
  std::set<std::string> got;
  for (const auto& r : *have) got.insert(r.Text(0));
  if (got == want) return false;
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  if (auto r = db.Exec("DELETE FROM supervision_cause_rules", {}); !r) return std::unexpected(r.error());
  for (const auto& rule : want) {
    if (auto r = db.Exec("INSERT INTO supervision_cause_rules (rule) VALUES (?)", std::vector<Value>{rule}); !r) {
      return std::unexpected(r.error());
    }
  }
  if (auto r = RebuildIn(db); !r) return std::unexpected(r.error());
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  return true;
}

}  // namespace qjy::supervision
