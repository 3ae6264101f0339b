#include "policy/ledger_entries.h"

#include <vector>

namespace qjy::policy {

using store::Value;

Result<void> PostEntries(store::Db& db, const std::string& txn, const std::string& once_key,
                         const std::string& debit_account, const std::string& credit_account, int64_t amount_fen,
                         const std::string& now) {
  for (const auto& [account, debit, credit] :
       {std::tuple{debit_account, amount_fen, int64_t{0}}, std::tuple{credit_account, int64_t{0}, amount_fen}}) {
    auto r = db.Exec(
        "INSERT INTO ledger_entries (txn, once_key, account, debit_fen, credit_fen, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        std::vector<Value>{txn, once_key, account, debit, credit, now});
    if (!r) return std::unexpected(r.error());
  }
  return {};
}

}  // namespace qjy::policy
