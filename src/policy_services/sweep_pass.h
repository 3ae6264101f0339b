// Writing one pass of a streamed sweep (qjy policy sweep and the server's
// sweep job, which load and evaluate the pass themselves: policy::
// SweepPasses, LoadCountiesWorld, Engine::Sweep with the pass's counties).
// The pass's decisions go into the review list county by county, one
// transaction each (no transaction spans counties), each new entitlement
// with its decision record and the observer's fold (fund supervision's
// counters); their proposers are recorded; and the earlier proposals of the
// pass's scopes are revisited against the pass's world (PassRecheck: a
// payee that moved to another pass's county is decided on its own world).
#ifndef QJY_POLICY_SERVICES_SWEEP_PASS_H_
#define QJY_POLICY_SERVICES_SWEEP_PASS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "policy/decision.h"
#include "policy/engine.h"
#include "policy/facts.h"
#include "policy/facts_store.h"
#include "policy/ledger.h"
#include "policy_services/payment_batch.h"
#include "store/registry_store.h"

namespace qjy::policy_services {

// The scopes whose earlier proposals a pass over `counties` (never empty)
// of a sweep of `region` revisits: `region` itself when it lies below the
// county (a township's sweep: its one county is the pass, and only the
// township's proposals are its own), else the pass's counties.
std::vector<std::string> RevisitScopes(const std::string& region, const std::vector<std::string>& counties);

struct PassWritten {
  int64_t added = 0;             // rows added to the review list
  int64_t counties_written = 0;  // counties with at least one decision
  RecheckSummary revisited;
};

// What the pass writes and revisits (see above); the objects are the
// caller's, on the connection the writes go to.
struct PassWriter {
  const policy::Engine& engine;
  policy::Ledger& ledger;
  PaymentBatches& proposers;  // RecordProposers
  PaymentBatches& revisit;    // Revisit (audited)
  store::RegistryStore& registry;
  policy::RegistrationSource& registrations;
  policy::FactsStore& facts;
  policy::ProposeObserver* observer = nullptr;
  std::string actor;

  // `ds`: the decisions of the sweep of `world` over the pass's `counties`
  // of `region`.
  Result<PassWritten> Write(const policy::World& world, const std::vector<policy::Decision>& ds,
                            const std::string& region, const std::vector<std::string>& counties) const;
};

}  // namespace qjy::policy_services

#endif  // QJY_POLICY_SERVICES_SWEEP_PASS_H_
