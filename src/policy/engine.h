// The policy engine: rules R1–R18 over a World on a date.
//   企业找政策: EvaluatePerson / EvaluateEmployer — every rule, eligible or
//   not, with its explanation.
//   政策找企业 / 免申即享: Sweep — every entitlement (eligible decisions) of
//   a region, one per once-only key.
//
// Create() refuses a parameter set that lacks a parameter a rule reads.
// Thread-safety: const methods may be called concurrently.
#ifndef QJY_POLICY_ENGINE_H_
#define QJY_POLICY_ENGINE_H_

#include <functional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "policy/decision.h"
#include "policy/facts.h"
#include "policy/params.h"

namespace qjy::policy {

struct SweepOptions {
  std::string region;   // code prefix of the beneficiary's county; empty = province
  int threads = 2;
  bool explain = true;  // build condition texts (false: faster, failed conditions only)
  // When not empty, also only these counties (any order): a streamed
  // sweep's pass over several counties.
  std::vector<std::string> counties;
};

class Engine {
 public:
  static Result<Engine> Create(ParameterSet params);

  const ParameterSet& params() const { return params_; }

  // Every rule concerning the person: person rules, and the hiring rules of
  // each of their contracts (paid to the employer).
  Result<std::vector<Decision>> EvaluatePerson(const World& w, int64_t person_id, Date date) const;
  // Employer rules, and the hiring rules of each of its contracts.
  Result<std::vector<Decision>> EvaluateEmployer(const World& w, const std::string& credit_code,
                                                 Date date) const;
  // R17 for one service site (a full-employment community) of the world.
  Result<std::vector<Decision>> EvaluateSite(const World& w, int64_t site_id, Date date) const;
  // Every decision for every subject of the world (scenario runner).
  std::vector<Decision> EvaluateAll(const World& w, Date date, bool explain = true) const;
  // Eligible decisions in the region, deduplicated by once-only key, in
  // rule, county, key order.
  std::vector<Decision> Sweep(const World& w, Date date, const SweepOptions& options) const;

 private:
  explicit Engine(ParameterSet params) : params_(std::move(params)) {}
  ParameterSet params_;
};

// Keeps, for each once-only key, the first eligible decision (or the first
// one when none is eligible).
std::vector<Decision> DedupeByKey(std::vector<Decision> decisions);

}  // namespace qjy::policy

#endif  // QJY_POLICY_ENGINE_H_
