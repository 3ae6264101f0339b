// Counters of the registry's payment facts for the shared-account and
// shared-address checks (issue #17 "Speed"): migration 1504 keeps, per
// keyed hash of a bank account (kind "bank") or an address (kind
// "address"), how many registered persons hold it
// (`supervision_fact_holders (kind, hash, holders)`, a partial index on
// (kind, holders) WHERE holders > 1: only shared hashes are in it, so a
// hash held by one person costs no index entry), by triggers on `person_payment_facts` (insert, delete, a
// changed hash; SQLite and PostgreSQL), so the screen reads the hashes
// held by more persons than a parameter allows from that index instead of
// a GROUP BY over every registered person's facts. A hash is a
// province-wide figure (one account shared across counties counts once
// across them), so the table is keyed by the hash, not by a county; rows
// whose count falls to zero stay (readers ask for holders > N and ignore
// zeros). A reader uses the index only with the literal term
// `holders > 1` in its WHERE (N ≥ 1). Not kept on a sharded registry (store/pg_shards.h drops
// the triggers of a partitioned table, as for 1502's on persons).
#ifndef QJY_SUPERVISION_FACT_COUNTERS_H_
#define QJY_SUPERVISION_FACT_COUNTERS_H_

#include <string>

#include "store/migrations.h"

namespace qjy::supervision {

// Migration 1504: the table, its index, the backfill and the triggers.
const store::Migration& FactCountersMigration();

// The kind of a person_payment_facts hash column in supervision_fact_holders
// ("bank_hash" → "bank", "address_hash" → "address").
std::string FactKind(const std::string& column);

// SELECT kind, hash, holders computed from person_payment_facts (a rebuild,
// and the reference the counters are compared with).
std::string FactHoldersFromRegistry();

}  // namespace qjy::supervision

#endif  // QJY_SUPERVISION_FACT_COUNTERS_H_
