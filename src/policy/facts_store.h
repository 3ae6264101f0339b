// Repository of the facts R11–R13 and R18 read that the registry does not
// hold (tables of migration 201, ledger_schema.h): internships (就业见习,
// A1(十二)), start-ups (创业, A3(九)) and outbound placements organised by
// agencies (A2(四)). Written once over store::Db (SQLite and PostgreSQL).
//
// Each row carries the county that pays (host / venture / agency county).
// Put* upserts by natural key — (person, host, start) for internships,
// (person, credit code) for ventures, (agency, person, start) for
// placements — so recording a retention again or correcting a date updates
// the row. Put* validates only what the row itself can tell (dates in
// order, ids present); that the person and employer exist is the caller's
// check (facts_import.h). Not safe for concurrent use (like the Db).
#ifndef QJY_POLICY_FACTS_STORE_H_
#define QJY_POLICY_FACTS_STORE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "policy/facts.h"
#include "store/db.h"

namespace qjy::policy {

class FactsStore {
 public:
  explicit FactsStore(store::Db& db) : db_(db) {}

  // The policy migrations (ledger and facts). Outside a transaction.
  Result<void> Migrate();

  // kInvalidArgument: end before start, retention before start, empty codes,
  // person id <= 0, a county code that is not 6 digits.
  Result<void> PutInternship(const Internship& in, std::string_view county_code, std::string_view actor);
  Result<void> PutVenture(const Venture& v, std::string_view county_code, std::string_view actor);
  Result<void> PutPlacement(const Placement& p, std::string_view county_code, std::string_view actor);

  // Appends every row to the world's vectors (call World::Index after).
  Result<void> LoadAll(World& w);
  // Rows concerning these persons (as trainee, founder or placed person).
  Result<void> LoadForPersons(std::span<const int64_t> person_ids, World& w);
  // Rows of this employer as host, venture or agency.
  Result<void> LoadForEmployer(const std::string& credit_code, World& w);

  // What a county's sweep reads (world_loader.h LoadCountyWorld): the
  // internships and placements whose host / agency is an employer of
  // `county` (employers.county_code), and the ventures of the county's
  // persons (persons.county_code). Set-based, one read per table.
  Result<void> LoadForCounty(std::string_view county, World& w);
  // The same for a set of counties (a streamed sweep's pass; never empty).
  Result<void> LoadForCounties(std::span<const std::string> counties, World& w);
  // Row counts (internships, ventures, placements) of a region prefix.
  struct Counts {
    int64_t internships = 0, ventures = 0, placements = 0;
  };
  Result<Counts> Count(std::string_view region_prefix);

 private:
  Result<void> Load(const std::string& where, const std::vector<store::Value>& params, World& w, int which);
  store::Db& db_;
};

}  // namespace qjy::policy

#endif  // QJY_POLICY_FACTS_STORE_H_
