// Screening of imported jobs (issue #17 §3): the importer's job_hold hook
// (importer/import.h) over the ad desk (ads/ad_desk.h). A job row with
// discriminatory or fraudulent content is queued for the review of the
// officers of its county (job_ads, pending) instead of entering jobs, and
// the import result lists it with its column, the matched text and the
// reason in Chinese (category, clause as 正文（十八）, suggestion, review
// number). Used by the web import (import_runner.cc) and `qjy import`.
#ifndef QJY_SERVER_IMPORT_SCREENING_H_
#define QJY_SERVER_IMPORT_SCREENING_H_

#include <memory>
#include <string>

#include "core/error.h"
#include "ads/wage_reference.h"
#include "core/vault.h"
#include "importer/import.h"
#include "store/db.h"

namespace qjy::server {

// Loads the screening rules (ads::Screener::LoadDefault) and applies the
// ads migrations to `db` (outside a transaction). The hook borrows `db` and
// `vault`, the importer's, which must outlive it; it writes through `db`
// between the importer's batches. `wages` (may be null): posted pay per
// occupation for the pay-bait check (the server's, from the match index;
// null = the screener's flat ceiling, e.g. `qjy import`, which holds no
// index). Errors: rules that do not load, a failed migration.
Result<importer::ImportOptions::JobHold> MakeImportJobHold(
    store::Db& db, const Vault& vault, std::string actor,
    std::shared_ptr<const ads::WageReference> wages = nullptr);

}  // namespace qjy::server

#endif  // QJY_SERVER_IMPORT_SCREENING_H_
