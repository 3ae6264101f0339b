// The unemployed-persons ledger (失业人员台账, main(十)) as an XLSX workbook:
// sheet 1 one row per registration in the layout officers keep (who, where,
// when registered, level and category as of the date, services delivered by
// kind, open and overdue items); sheet 2 one row per obligation with its
// clause, window and status.
#ifndef QJY_SERVICES_LEDGER_H_
#define QJY_SERVICES_LEDGER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "core/date.h"
#include "core/error.h"
#include "services/caseload.h"
#include "services/obligations.h"

namespace qjy::services {

struct PersonLabel {
  std::string name;
  std::string id_masked;  // never the plaintext ID number
};
using PersonLabeler = std::function<PersonLabel(int64_t person_id)>;

struct LedgerStats {
  int64_t registrations = 0;
  int64_t obligations = 0;
};

// Registrations open on `as_of` or closed within the 12 months before it.
Result<LedgerStats> WriteLedger(const std::string& path, const Caseload& caseload,
                                const ObligationEngine& engine, Date as_of,
                                const PersonLabeler& labeler);

}  // namespace qjy::services

#endif  // QJY_SERVICES_LEDGER_H_
