// Officers record internships, start-ups and outbound placements from a CSV
// file (qjy policy import): the facts R11–R13 and R18 read, stored by
// policy::FactsStore. UTF-8 CSV, header row naming the columns (any order,
// extra columns ignored):
//   internship  id_number, host_code, start_on, end_on[, retained_on]
//   venture     id_number, credit_code, founded_on[, first_time (1/0, default 1)]
//   placement   agency_code, id_number, start_on
// Dates YYYY-MM-DD. The person (by resident ID number) and the employer (by
// credit code) must be in the registry; the row's county is the host's,
// the venture's or the agency's. `region_scope` (an officer's region
// prefix, "" = province) rejects rows whose county lies outside it.
//
// All or nothing: every row is checked first; any bad row fails the whole
// file with one line per error in Chinese — "文件 F 第 N 行 字段 X：why" —
// and nothing is written. Re-importing a row updates it (natural keys,
// facts_store.h).
#ifndef QJY_POLICY_SERVICES_FACTS_IMPORT_H_
#define QJY_POLICY_SERVICES_FACTS_IMPORT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "policy/facts_store.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::policy_services {

enum class FactKind { kInternship, kVenture, kPlacement };
// "internship" / "venture" / "placement" (or 见习 / 创业 / 外出务工).
Result<FactKind> ParseFactKind(std::string_view s);

struct ImportedFacts {
  int64_t rows = 0;
};

// `file_name` only names the file in messages. Runs its own transaction:
// call outside one.
Result<ImportedFacts> ImportFacts(store::Db& db, store::RegistryStore& registry, FactKind kind,
                                  std::string_view file_name, std::string_view csv_text,
                                  std::string_view region_scope, std::string_view actor);

}  // namespace qjy::policy_services

#endif  // QJY_POLICY_SERVICES_FACTS_IMPORT_H_
