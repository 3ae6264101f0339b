// Importing an officer's file into the registry.
//
//   auto r = Import(Entity::kPersons, "人员.csv", registry, db, options);
//
// Reads the file (table_source.h), maps its Chinese headers (entity.h),
// parses and validates every row (rows.h, registry/validate.h), rejects a
// row whose natural key already appeared earlier in the file (naming that
// row), and upserts the valid rows in batches of `batch_size`, each batch
// one transaction. A crash at any moment therefore leaves every row either
// fully stored (with its groups, certificates, years) or absent, and since
// upserts are idempotent, importing the same file again completes it;
// importing an unchanged file again reports every row unchanged.
//
// When a batch hits a database error, it is rolled back and replayed one
// row per transaction so that only the failing rows are rejected.
//
// Rejected rows go to a rejects file next to the input,
// "<stem>.rejects.csv" (UTF-8 with BOM) or "<stem>.rejects.xlsx": the
// original header and cells plus a 错误原因 column. The officer corrects it
// and imports it as is (the 错误原因 column is ignored on import). A stale
// rejects file from an earlier run is removed when no row is rejected.
//
// The header may sit below title rows, and a notes/signature block below
// the table is ignored and counted (table_source.h has the rules).
//
// A file-level problem (unreadable, empty, binary, unknown or missing
// headers) is an error result (Chinese message) and nothing is written.
// No exception leaves Import(), from any of its threads: one becomes a
// kInternal error (batches committed before it stay; re-importing the same
// file completes the import).
//
// Contribution months (Entity::kContributions) follow the same rules: each
// row is stored whole or rejected on its own (with its reason in Chinese,
// naming the row and the column), never half; the good rows of a file with
// bad ones are stored. A row is rejected when its person (身份证号) or its
// payer (单位统一社会信用代码) is not in the registry, when its month is
// after the month of ImportOptions::today, or when the same person, payer
// and month appeared on an earlier row of the file. A month already stored
// is updated (kinds, base) or unchanged, so re-importing a file is idempotent.
//
// Separations (Entity::kSeparations) likewise: a row is rejected when its
// person or employer is unknown, the person has no contract with that
// employer begun on or before the day, the day is after `today`, or the
// same person, employer and day appeared earlier in the file.
//
// Jobs are screened before they are stored (ImportOptions::job_hold, issue
// #17 §3): a job row with discriminatory or fraudulent content is neither
// stored in jobs nor rejected but held — the caller has queued it for an
// officer's review — and listed in the result with its row, column, the
// matched text and the reason in Chinese. A held row is not in the rejects
// file (there is nothing to correct in the file's form; the officer's
// review decides). Updates of an existing job are screened the same way:
// a held update leaves the stored job as it was.
//
// Counts are rows: rows == inserted + updated + unchanged + rejected + held.
// For employers, every row of one employer gets that employer's outcome.
#ifndef QJY_IMPORTER_IMPORT_H_
#define QJY_IMPORTER_IMPORT_H_

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/vault.h"
#include "core/error.h"
#include "core/regions.h"
#include "importer/entity.h"
#include "registry/contribution.h"
#include "registry/employment.h"
#include "registry/model.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::importer {

struct RowError {
  int64_t row = 0;       // as the officer sees it: header = 1
  std::string column;    // Chinese header; empty for the whole row
  std::string value;     // masked for identity columns
  std::string reason;    // Chinese
};

struct ImportOptions {
  Date today;                       // injected: "not in the future" checks
  const RegionIndex* regions = nullptr;  // required
  std::string region_within;        // optional scope for region names
  std::string actor;                // change-history actor; default "import:<file name>"
  std::string source_name;          // file name for the history; default that of the path
  size_t batch_size = 5000;
  size_t max_record_bytes = 1 << 20;  // longer CSV records are row errors
  size_t max_errors = 1000;         // errors listed in the result (all go to rejects)
  bool write_rejects = true;
  // The registry's key: the persons file's 银行账号 and 住址 are stored as
  // its keyed hashes (store/payment_facts_store.h), beside each batch in
  // the same transaction. Unset: a row carrying either is rejected.
  const Vault* vault = nullptr;
  std::ostream* progress = nullptr; // e.g. &std::cerr: rows done and rate
  // Called after each committed batch with the number of data rows read so
  // far (tests use it to stop an import part-way).
  std::function<void(int64_t)> after_batch;
  // Optional per-row check (e.g. the caller's region scope), called with
  // each record that parsed and validated without error, before it is
  // stored. Returns "" to accept the row, or a Chinese reason to reject it
  // (a whole-row error, the row goes to the rejects file). Unset = accept.
  // The persons check runs on the importer's reading thread, so it must not
  // use the importer's database connection; the others run on the calling
  // thread between batches and may read through the RegistryStore.
  struct RowFilter {
    std::function<std::string(const registry::Person&)> person;
    std::function<std::string(const registry::Employer&)> employer;
    std::function<std::string(const registry::Job&)> job;
    std::function<std::string(const registry::Contract&)> contract;
    // Contribution months: called with county_code and person_id filled.
    std::function<std::string(const registry::Contribution&)> contribution;
    // Separations: called with county_code and person_id filled.
    std::function<std::string(const registry::Separation&)> separation;
  };
  RowFilter row_filter;

  // Jobs: screening before storing (see above). Called on the calling
  // thread, with no transaction of the importer open, with each job row
  // that passed every other check and its row number. Returns the reasons
  // the row is held (column = Chinese header, value = the matched text,
  // reason in Chinese; `row` is filled in by the importer), having queued
  // the job for review itself; none = store it as usual. An error stops the
  // import like a store error. Unset = no screening.
  using JobHold = std::function<Result<std::vector<RowError>>(const registry::Job&, int64_t row)>;
  JobHold job_hold;
};


struct ImportResult {
  std::string file;
  std::string encoding;  // "utf-8", "utf-8-bom", "gb18030", "mixed", "xlsx"
  int64_t rows = 0;
  int64_t inserted = 0, updated = 0, unchanged = 0, rejected = 0;
  int64_t held = 0;              // jobs held for review (job_hold)
  std::vector<RowError> errors;  // at most ImportOptions::max_errors
  std::vector<RowError> held_rows;  // one per reason of a held row, at most max_errors
  int64_t errors_omitted = 0;
  std::string rejects_file;      // empty when nothing was rejected
  int64_t header_row = 1;        // rows above it were titles (TableSource)
  // The notes/signature block below the table (TableSource::SetTailRule):
  // not counted in `rows`, neither imported nor rejected.
  int64_t tail_rows = 0, first_tail_row = 0;

  // {"file","rows","inserted","updated","unchanged","rejected","errors":[...]}
  // plus "held" and "held_rows":[{"row","column","value","reason"}] and a
  // "held_note" for a jobs import with screening,
  // plus "encoding", "rejects_file" and "errors_omitted" when relevant,
  // "header_row"/"header_note" when title rows were skipped and
  // "tail_rows_ignored"/"tail_note" ("表尾说明 N 行…，已忽略") for a notes block.
  // Every string in it is valid UTF-8 (invalid bytes become U+FFFD).
  nlohmann::ordered_json ToJson() const;
};

Result<ImportResult> Import(Entity entity, const std::string& path, store::RegistryStore& registry,
                            store::Db& db, const ImportOptions& options);

// "dir/人员.csv" → "dir/人员.rejects.csv".
std::string RejectsPathFor(const std::string& input_path);

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_IMPORT_H_
