// Migration 1504 (fact_counters.h): per payment-fact hash, its holders.
#include "supervision/fact_counters.h"

#include <tuple>
#include <utility>
#include <vector>

namespace qjy::supervision {

namespace {

// The two hash columns of person_payment_facts and their kinds.
const std::pair<const char*, const char*> kColumns[] = {{"bank_hash", "bank"}, {"address_hash", "address"}};

std::string Add(const std::string& x, const char* col, const char* kind) {
  return std::string("INSERT INTO supervision_fact_holders (kind, hash, holders) SELECT '") + kind + "', " + x + "." +
         col + ", 1 WHERE " + x + "." + col +
         " IS NOT NULL ON CONFLICT (kind, hash) DO UPDATE SET holders = supervision_fact_holders.holders + 1;\n";
}

std::string Remove(const std::string& x, const char* col, const char* kind) {
  return std::string("UPDATE supervision_fact_holders SET holders = holders - 1 WHERE kind = '") + kind +
         "' AND hash = " + x + "." + col + ";\n";
}

// A statement and the row condition under which it must run (an IF on
// PostgreSQL; on SQLite the statements carry their own conditions).
std::string Sql() {
  std::string ins, del, upd, pg_ins, pg_del, pg_upd;
  for (const auto& [col, kind] : kColumns) {
    ins += Add("NEW", col, kind);
    del += Remove("OLD", col, kind);
    // SQLite: the statements of a changed column only, guarded in WHERE.
    const std::string changed = std::string("OLD.") + col + " IS NOT NEW." + col;
    upd += std::string("UPDATE supervision_fact_holders SET holders = holders - 1 WHERE kind = '") + kind +
           "' AND hash = OLD." + col + " AND " + changed + ";\n";
    upd += std::string("INSERT INTO supervision_fact_holders (kind, hash, holders) SELECT '") + kind + "', NEW." + col +
           ", 1 WHERE NEW." + col + " IS NOT NULL AND " + changed +
           " ON CONFLICT (kind, hash) DO UPDATE SET holders = supervision_fact_holders.holders + 1;\n";
    pg_upd += std::string("IF OLD.") + col + " IS DISTINCT FROM NEW." + col + " THEN\n" + Remove("OLD", col, kind) +
              Add("NEW", col, kind) + "END IF;\n";
  }
  pg_ins = ins;
  pg_del = del;
  std::string backfill = "INSERT INTO supervision_fact_holders (kind, hash, holders) " + FactHoldersFromRegistry() + ";\n";
  const std::string same = "OLD.bank_hash IS NOT DISTINCT FROM NEW.bank_hash AND OLD.address_hash IS NOT DISTINCT "
                           "FROM NEW.address_hash";
  std::string pg;
  for (const auto& [name, event, body, when] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
           {"supervision_facts_ins", "AFTER INSERT", pg_ins, ""},
           {"supervision_facts_del", "AFTER DELETE", pg_del, ""},
           {"supervision_facts_upd", "AFTER UPDATE OF bank_hash, address_hash", pg_upd, " WHEN (NOT (" + same + "))"}}) {
    pg += "CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n" + body +
          "RETURN NULL; END $$;\nCREATE TRIGGER " + name + " " + event + " ON person_payment_facts FOR EACH ROW" +
          when + " EXECUTE FUNCTION " + name + "();\n";
  }
  const std::string sqlite =
      "CREATE TRIGGER supervision_facts_ins AFTER INSERT ON person_payment_facts FOR EACH ROW BEGIN\n" + ins +
      "END;\nCREATE TRIGGER supervision_facts_del AFTER DELETE ON person_payment_facts FOR EACH ROW BEGIN\n" + del +
      "END;\nCREATE TRIGGER supervision_facts_upd AFTER UPDATE OF bank_hash, address_hash ON person_payment_facts FOR "
      "EACH ROW WHEN NOT (OLD.bank_hash IS NEW.bank_hash AND OLD.address_hash IS NEW.address_hash) BEGIN\n" + upd +
      "END;\n";
  return R"sql(
CREATE TABLE supervision_fact_holders (
  kind TEXT NOT NULL,
  hash {blob} NOT NULL,
  holders {int} NOT NULL,
  PRIMARY KEY (kind, hash)
){sqlite: WITHOUT ROWID};
CREATE INDEX supervision_fact_holders_many ON supervision_fact_holders (kind, holders) WHERE holders > 1;
)sql" + backfill + "{sqlite:" + sqlite + "}\n{pg:" + pg + "}\n";
}

}  // namespace

std::string FactKind(const std::string& column) { return column == "bank_hash" ? "bank" : "address"; }

std::string FactHoldersFromRegistry() {
  return "SELECT 'bank', bank_hash, COUNT(*) FROM person_payment_facts WHERE bank_hash IS NOT NULL GROUP BY bank_hash "
         "UNION ALL SELECT 'address', address_hash, COUNT(*) FROM person_payment_facts WHERE address_hash IS NOT NULL "
         "GROUP BY address_hash";
}

const store::Migration& FactCountersMigration() {
  static const store::Migration m{1504, "supervision_fact_holders", Sql()};
  return m;
}

}  // namespace qjy::supervision
