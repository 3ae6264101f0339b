// What a batch recommendation run (match/batch.h) leaves for the officers'
// work: its recommendations as plain rows that outlive the index they came
// from, recorded as 岗位推荐 service records (the kind the "131"/"1311"
// packages count) and exported as a workbook.
#ifndef QJY_MATCH_BATCH_RECORD_H_
#define QJY_MATCH_BATCH_RECORD_H_

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "match/batch.h"
#include "match/index.h"
#include "store/db.h"

namespace qjy::match {

struct BatchRow {
  struct Job {
    int64_t job_id = 0;
    std::string title, employer_credit_code;
    int32_t score = 0;
    std::string reasons;
  };
  int64_t person_id = 0;
  std::string county_code;
  std::vector<Job> jobs;  // score descending
  std::string shortfall;  // empty when the owed number was given
};

// Every seeker of `r`, in the run's order.
std::vector<BatchRow> BatchRows(const MatchIndex& index, const BatchResult& r);

struct RecordOutcome {
  uint64_t added = 0;           // service records written
  uint64_t already = 0;         // recommendations the registration already had
  uint64_t not_registered = 0;  // persons without an open registration (nothing written)
};

// Records each recommendation as a job_recommendation service record on the
// person's open registration, unless that registration already has one for
// the job (so a second call adds nothing). Only persons whose county code
// starts with `region_prefix` are recorded. One transaction per county: no
// transaction spans two counties, and a failure leaves earlier counties
// recorded and the failing one untouched.
Result<RecordOutcome> RecordBatch(store::Db& db, std::span<const BatchRow> rows, Date on,
                                  const std::string& officer, const std::string& region_prefix);

// The rows as an .xlsx workbook (one row per recommendation, or one row with
// the reason for a person given fewer than owed). `person_names` and
// `employer_names` map ids and credit codes to names; a missing one is
// written as "未登记". No identity number or phone is written.
Result<void> WriteBatchXlsx(std::span<const BatchRow> rows, const std::map<int64_t, std::string>& person_names,
                            const std::map<std::string, std::string>& employer_names,
                            const std::map<std::string, std::string>& county_names, const std::string& path);

}  // namespace qjy::match

#endif  // QJY_MATCH_BATCH_RECORD_H_
