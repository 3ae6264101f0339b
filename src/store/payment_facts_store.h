// A person's payment facts in the store (issue #17 §1; registry migration
// 41, table person_payment_facts): keyed hashes (the registry's
// Vault::Index) of the normalised bank account and address, and the
// account's last four digits for display. Never the account or the
// address themselves, so nothing can be read back but the hashes.
// Written by the person import (importer/import.h, beside each batch's
// upsert, same transaction) and by the generator's bulk load.
#ifndef QJY_STORE_PAYMENT_FACTS_STORE_H_
#define QJY_STORE_PAYMENT_FACTS_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/vault.h"
#include "registry/model.h"
#include "registry/payment_facts.h"
#include "store/db.h"

namespace qjy::store {

inline constexpr char kPaymentFactColumns[] = "person_id, county_code, bank_hash, bank_last4, address_hash, updated_at";

// A row of kPaymentFactColumns; nullopt when `f` is empty;
// kInvalidArgument for an account that is not 12-30 digits.
Result<std::optional<std::vector<Value>>> PaymentFactValues(int64_t person_id, const std::string& county_code,
                                                            const registry::PaymentFacts& f, const Vault& vault,
                                                            const std::string& now);

// Upserts the facts of persons[i] (ids filled) from facts[i] (same
// length), inside the caller's transaction. A fact not given keeps what is
// stored; the row takes the person's county.
Result<void> WritePaymentFacts(Db& db, const Vault& vault, std::span<const registry::Person> persons,
                               std::span<const registry::PaymentFacts> facts, const std::string& now);

struct StoredPaymentFacts {
  int64_t person_id = 0;
  std::string county_code, bank_last4;
  Blob bank_hash, address_hash;  // empty: not given
};
Result<std::optional<StoredPaymentFacts>> GetPaymentFacts(Db& db, int64_t person_id);

}  // namespace qjy::store

#endif  // QJY_STORE_PAYMENT_FACTS_STORE_H_
