// The registry at a glance (`qjy gen summary`): persons per prefecture and
// per key group, the employment situation on a date as the contracts show
// it, employers by type and size, jobs by type, service sites by kind and
// tier, and the counties with a gig market. Codes, not labels: the caller
// names them. One read-only pass of GROUP BY queries, the same on SQLite
// and PostgreSQL.
#ifndef QJY_STORE_REGISTRY_PROFILE_H_
#define QJY_STORE_REGISTRY_PROFILE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "store/db.h"

namespace qjy::store {

struct RegistryProfile {
  // (prefecture code of the owning county, persons), by code.
  std::vector<std::pair<std::string, int64_t>> persons_by_prefecture;
  // (group code, persons ever in it), most first.
  std::vector<std::pair<std::string, int64_t>> persons_by_group;

  // On `as_of`: persons with a contract in force (and of them, working
  // outside Guizhou), and persons whose contracts have all ended, by how
  // long ago the last one ended: within a month, 1–6 months, 6–12 months,
  // longer. Persons without any contract are in none of these.
  int64_t employed = 0, employed_outside = 0;
  int64_t ended_1m = 0, ended_6m = 0, ended_12m = 0, ended_longer = 0;

  std::map<std::string, int64_t> employers_by_type, employers_by_size;  // code -> employers
  struct Jobs {
    std::string type;
    int64_t posts = 0, headcount = 0;
  };
  std::vector<Jobs> jobs_by_type;
  struct Sites {
    std::string kind, tier;
    int64_t count = 0;
  };
  std::vector<Sites> sites;  // by kind, then tier
  int64_t counties_with_gig_market = 0;  // Guizhou counties
};

Result<RegistryProfile> ProfileRegistry(Db& db, Date as_of);

// The first person and employer registered (lowest ids), e.g. to bind the
// demo's seeker and employer logins; nullopt / empty when there are none.
struct FirstRecords {
  std::optional<int64_t> person_id;
  std::string employer_credit_code;
};
Result<FirstRecords> FirstRegistered(Db& db);

}  // namespace qjy::store

#endif  // QJY_STORE_REGISTRY_PROFILE_H_
