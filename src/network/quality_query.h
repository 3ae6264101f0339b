// The facts the quality and quota duties read, added to the coverage
// inputs: each market HR agency's ratings (agency_rating_store.h, graded by
// policy/network/agency_grades.yaml), each institution's years evaluated
// (evaluation_store.h), and the counts of the 附件1 quotas the registry
// can count (kQuota duties; today internships_started: the policy facts'
// internships begun in the year, table policy_internships of migration 201).
#ifndef QJY_NETWORK_QUALITY_QUERY_H_
#define QJY_NETWORK_QUALITY_QUERY_H_

#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "network/coverage.h"
#include "network/duties.h"
#include "store/db.h"

namespace qjy::network {

// Migrates the rating and evaluation tables, loads the grading scheme
// (DefaultAgencyGradesFile) and attaches ratings and evaluations under
// `scope` to `sites`; appends a QuotaCount per kQuota duty whose facts are
// held (a quota counts up to as_of; none when the policy facts' tables are
// not migrated in `db`). Errors: the store's, or the grading file's.
Result<void> AddQualityFacts(store::Db& db, const RegionIndex& regions, const Duties& duties, std::string_view scope,
                             Date as_of, std::vector<Site>& sites, std::vector<QuotaCount>& quotas);

}  // namespace qjy::network

#endif  // QJY_NETWORK_QUALITY_QUERY_H_
