#include "policy_services/sweep_pass.h"

#include <iterator>
#include <map>

#include "policy/decision_record.h"
#include "policy_services/recheck.h"

namespace qjy::policy_services {

std::vector<std::string> RevisitScopes(const std::string& region, const std::vector<std::string>& counties) {
  if (!counties.empty() && region.size() > counties.front().size()) return {region};
  return counties;
}

Result<PassWritten> PassWriter::Write(const policy::World& world, const std::vector<policy::Decision>& ds,
                                      const std::string& region, const std::vector<std::string>& counties) const {
  PassWritten out;
  // Each new entitlement keeps what replays it (qjy policy replay).
  const policy::DecisionRecorder recorder(engine.params(), world);
  std::map<std::string, std::vector<policy::Decision>> by_county;
  for (const auto& d : ds) by_county[d.county_code].push_back(d);
  for (const auto& [county, decisions] : by_county) {
    auto n = ledger.Propose(decisions, actor, &recorder, observer);
    if (!n) return std::unexpected(n.error());
    out.added += *n;
    if (auto r = proposers.RecordProposers(decisions, actor); !r) return std::unexpected(r.error());
  }
  out.counties_written = static_cast<int64_t>(by_county.size());
  for (const auto& scope : RevisitScopes(region, counties)) {
    auto rv = revisit.Revisit(scope, PassRecheck(engine, world, registry, registrations, facts), actor, ds);
    if (!rv) return std::unexpected(rv.error());
    out.revisited.checked += rv->checked;
    std::move(rv->changed.begin(), rv->changed.end(), std::back_inserter(out.revisited.changed));
  }
  return out;
}

}  // namespace qjy::policy_services
