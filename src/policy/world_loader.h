// Builds a World from the registry store (persons, employers, contracts,
// full-employment communities), a RegistrationSource (the services store:
// policy_services::StoreRegistrations) and the policy's own facts tables
// (internships, start-ups, placements: facts_store.h), and the
// social-insurance contribution months of store/contribution_store.h
// (coalesced into World::insurance runs).
#ifndef QJY_POLICY_WORLD_LOADER_H_
#define QJY_POLICY_WORLD_LOADER_H_

#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "policy/facts.h"
#include "policy/facts_store.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::policy {

// A source with no registrations (tests, worlds without a services store).
// The store's source is policy_services::StoreRegistrations.
class NoRegistrations final : public RegistrationSource {
 public:
  Result<void> ForEach(const std::function<void(const Registration&)>&) override { return {}; }
};

// Everything (sweeps), facts tables included (migrates them first: call
// outside a transaction). Indexed on return.
Result<World> LoadWorld(store::Db& db, store::RegistryStore& registry, RegistrationSource& registrations);

// Just what one person's or one employer's evaluation needs. Indexed.
// `facts` (migrated) adds the person's internships, ventures and
// placements with the employers they name, or the employer's as host,
// venture or agency with the persons and contracts R18 reads; null: none.
Result<World> LoadPersonWorld(store::RegistryStore& registry, RegistrationSource& registrations, int64_t person_id,
                              FactsStore* facts = nullptr);
Result<World> LoadEmployerWorld(store::RegistryStore& registry, RegistrationSource& registrations,
                                const std::string& credit_code, FactsStore* facts = nullptr);

// Everything the evaluation of every person, employer, contract and site
// *of county `county_code`* needs, so that a sweep of this world restricted
// to the county (SweepOptions::region) makes exactly the decisions the sweep
// of LoadWorld makes for that county (a decision's county is its payee's:
// the person's, the employer's — the contract's own when its employer is not
// registered —, the site's or the workshop's). It holds:
//   - the county's persons, with every contract, registration, insurance run
//     and venture of theirs, and the employers those name;
//   - the county's employers and the operators of the county's workshops,
//     with every contract of theirs and the persons on them (who may live
//     elsewhere), those persons' own contracts, registrations and insurance
//     (R2 reads the other contracts), the internships they host and the
//     placements they made with the placed persons and their contracts;
//   - the contracts whose own county is this one, with their persons;
//   - the county's full-employment communities; every workshop (small).
// Subjects of other counties held here are evaluated with partial facts and
// must be filtered out by the sweep's region. `facts` migrated. Indexed;
// contracts, persons and employers in id order (as LoadWorld).
Result<World> LoadCountyWorld(store::Db& db, store::RegistryStore& registry, RegistrationSource& registrations,
                              const std::string& county_code, FactsStore& facts);
// What every pass of a streamed sweep reads alike, read once before the
// passes: the 就业帮扶车间 registry (all of it: small, and a pass's
// workshops may be operated from elsewhere).
struct SweepShared {
  bool workshops_known = false;  // World::workshops_known
  std::vector<Workshop> workshops;
};
Result<SweepShared> LoadSweepShared(store::Db& db);

// The same for a set of counties (any order, duplicates ignored; empty:
// kInvalidArgument): the union of their county worlds, read at once (a
// streamed sweep's pass over several counties: SweepPasses). A sweep of it
// restricted to those counties (SweepOptions::counties) makes exactly the
// decisions the whole sweep makes for them. The county-bounded reads are
// `county_code IN (…)`, which a registry partitioned by county
// (store/pg_shards.h) prunes to the shards holding them. `shared`
// (LoadSweepShared, read earlier) is copied in; null: read here. Every
// read is bounded by the counties through an index (county_code leads
// it, or ids/codes read from the county's rows): a pass costs its own
// rows, not the province's.
Result<World> LoadCountiesWorld(store::Db& db, store::RegistryStore& registry, RegistrationSource& registrations,
                                std::span<const std::string> counties, FactsStore& facts,
                                const SweepShared* shared = nullptr);

// The county codes a streamed sweep of `region` (a code prefix; "" = all;
// one longer than a county code: its county) visits, in order: those of
// persons, employers, contracts, communities, workshops and the review
// list (policy_entitlements).
Result<std::vector<std::string>> SweepCounties(store::Db& db, const std::string& region);

// SweepCounties cut into passes of consecutive counties: a county joins the
// current pass while the pass's weight stays within `persons_budget`; a
// county above the budget is a pass of its own. A county weighs its persons
// (persons.county_code) or, where more, the contracts of its employers
// (employers.county_code): a county outside the province has no persons but
// holds, for its employers' contracts, the province's persons they hire. (A pass's
// world also holds the persons hired from elsewhere, ~0.2–0.3x more in the
// generated province.) Every county is in exactly one pass, in order.
//
// `shard_of` (store::ShardOfCounties; null or empty: unsharded) groups the
// counties by shard first: each shard's counties (code order, not
// consecutive in the province's order, since counties hash to shards) are
// cut into passes by the same budget, so that each pass's counties are all
// on one shard (its `shard`) and its county-bounded reads (`county_code IN
// (…)`, pruned) go to that shard alone: a per-shard sweep runs each shard's
// passes next to each other. The passes come shard by shard.
// The default budget of own persons a pass (`qjy policy sweep
// --stream-budget`, the server's sweep job): ~80 passes at 20 M persons,
// ~0.8 GB a pass (bench/README.md, "Fourth pass").
inline constexpr int64_t kSweepPassBudget = 250000;

struct SweepPass {
  std::vector<std::string> counties;  // code order, never empty (consecutive when unsharded)
  int64_t own_persons = 0;             // persons.county_code in them
  std::string shard;                   // the shard of every county ("" unsharded)
};
Result<std::vector<SweepPass>> SweepPasses(store::Db& db, const std::string& region, int64_t persons_budget,
                                           const std::map<std::string, std::string>* shard_of = nullptr);

}  // namespace qjy::policy

#endif  // QJY_POLICY_WORLD_LOADER_H_
