#include "store/payment_facts_store.h"

#include <variant>
#include <vector>

namespace qjy::store {

Result<std::optional<std::vector<Value>>> PaymentFactValues(int64_t person_id, const std::string& county_code,
                                                            const registry::PaymentFacts& f, const Vault& vault,
                                                            const std::string& now) {
  if (f.empty()) return std::optional<std::vector<Value>>();
  Value bank = std::monostate{}, address = std::monostate{};
  std::string last4;
  if (!f.bank_account.empty()) {
    // Normalised again: a caller other than the importer may pass spaces.
    auto digits = registry::NormaliseBankAccount(f.bank_account);
    if (!digits) return Fail(ErrorCode::kInvalidArgument, "银行账号应为 12-30 位数字");
    bank = vault.Index(registry::BankHashInput(*digits));
    last4 = registry::BankLast4(*digits);
  }
  if (!f.address.empty()) {
    const std::string norm = registry::NormaliseAddress(f.address);
    if (!norm.empty()) address = vault.Index(registry::AddressHashInput(norm));
  }
  return std::optional<std::vector<Value>>(std::vector<Value>{person_id, county_code, bank, last4, address, now});
}

Result<void> WritePaymentFacts(Db& db, const Vault& vault, std::span<const registry::Person> persons,
                               std::span<const registry::PaymentFacts> facts, const std::string& now) {
  if (facts.size() != persons.size()) return Fail(ErrorCode::kInternal, "付款信息与人员数不符");
  for (size_t i = 0; i < persons.size(); ++i) {
    if (persons[i].person_id == 0 || facts[i].empty()) continue;
    auto v = PaymentFactValues(persons[i].person_id, persons[i].county_code, facts[i], vault, now);
    if (!v) return std::unexpected(v.error());
    // Update, else insert: not INSERT ... ON CONFLICT, which PostgreSQL does
    // not run on a table whose partitions are foreign (a sharded registry,
    // store/pg_shards.h). A fact not given keeps what is stored.
    const auto& row = **v;  // person_id, county_code, bank_hash, bank_last4, address_hash, updated_at
    std::string set = "county_code = ?, updated_at = ?";
    std::vector<Value> params = {row[1], row[5]};
    if (!std::holds_alternative<std::monostate>(row[2])) {
      set += ", bank_hash = ?, bank_last4 = ?";
      params.push_back(row[2]);
      params.push_back(row[3]);
    }
    if (!std::holds_alternative<std::monostate>(row[4])) {
      set += ", address_hash = ?";
      params.push_back(row[4]);
    }
    params.push_back(row[0]);
    auto updated = db.Exec("UPDATE person_payment_facts SET " + set + " WHERE person_id = ?", params);
    if (!updated) return std::unexpected(updated.error());
    if (*updated > 0) continue;
    auto r = db.Exec(std::string("INSERT INTO person_payment_facts (") + kPaymentFactColumns +
                         ") VALUES (?, ?, ?, ?, ?, ?)",
                     row);
    if (!r) return std::unexpected(r.error());
  }
  return {};
}

Result<std::optional<StoredPaymentFacts>> GetPaymentFacts(Db& db, int64_t person_id) {
  const Value id[] = {person_id};
  auto rows = db.Query(
      "SELECT person_id, county_code, bank_hash, bank_last4, address_hash FROM person_payment_facts WHERE person_id = ?",
      id);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<StoredPaymentFacts>();
  const Row& r = rows->front();
  StoredPaymentFacts f;
  f.person_id = r.Int(0);
  f.county_code = r.Text(1);
  f.bank_hash = r.Bytes(2);
  f.bank_last4 = r.Text(3);
  f.address_hash = r.Bytes(4);
  return std::optional<StoredPaymentFacts>(std::move(f));
}

}  // namespace qjy::store
