#include "store/payment_facts_store.h"

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
    auto r = db.Exec(std::string("INSERT INTO person_payment_facts (") + kPaymentFactColumns +
                         ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET county_code = "
                         "excluded.county_code, bank_hash = COALESCE(excluded.bank_hash, person_payment_facts.bank_hash), "
                         "bank_last4 = CASE WHEN excluded.bank_hash IS NULL THEN person_payment_facts.bank_last4 ELSE "
                         "excluded.bank_last4 END, address_hash = COALESCE(excluded.address_hash, "
                         "person_payment_facts.address_hash), updated_at = excluded.updated_at",
                     **v);
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
