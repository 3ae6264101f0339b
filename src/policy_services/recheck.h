// Re-checking listed entitlements (upgrade hazard: proposals made by an
// older release, or under facts that changed since, must not be paid on
// their stale decision). Each proposed entitlement is decided again by the
// rules engine, with today's facts and parameters, as of its own decision
// date (decided_on: the date the sweep used, so that the once-only key's
// period is the same):
//   - its subject is the one the key names: the employer for R1/R11/R15/R18,
//     the site for R17, otherwise the person (person rules and the hiring
//     rules of the person's contracts);
//   - the world is the county world of the entitlement's county, loaded
//     on first use (StoreRecheck), or one the caller already holds (a
//     sweep's pass: PassRecheck);
//   - a key the engine no longer produces (subject gone, period moved) is
//     a decision that is not eligible, with a condition saying so.
// ApplyRecheck (payment_batch.h) withdraws what is no longer granted and
// re-proposes what is granted with another amount, each with a new decision
// record (version n + 1) when the Recheck has a recorder.
#ifndef QJY_POLICY_SERVICES_RECHECK_H_
#define QJY_POLICY_SERVICES_RECHECK_H_

#include <functional>
#include <optional>
#include <type_traits>
#include <string>

#include "core/error.h"
#include "policy/decision.h"
#include "policy/decision_record.h"
#include "policy/engine.h"
#include "policy/facts.h"
#include "policy/facts_store.h"
#include "policy/ledger.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::policy_services {

// The current decision on a listed entitlement, and what records it
// (decision_record.h: rule version, parameter-set hash, the facts read), so
// that a re-check that changes an entitlement stores a new decision record
// and `qjy policy replay` reproduces the re-check too. A Recheck built from
// a bare function (tests) records nothing.
struct Recheck {
  using Decide = std::function<Result<policy::Decision>(const policy::Entitlement&)>;
  Decide decide;
  // The recorder of the world and parameters `decide` used, or nullptr;
  // called after `decide` (the world may be loaded on first use).
  std::function<const policy::DecisionRecorder*()> recorder;

  Recheck() = default;
  template <typename F>
    requires std::is_invocable_r_v<Result<policy::Decision>, F, const policy::Entitlement&>
  Recheck(F f) : decide(std::move(f)) {}  // NOLINT(google-explicit-constructor): a bare function is a Recheck
  Recheck(Decide d, std::function<const policy::DecisionRecorder*()> r) : decide(std::move(d)), recorder(std::move(r)) {}

  Result<policy::Decision> operator()(const policy::Entitlement& e) const { return decide(e); }
  explicit operator bool() const { return static_cast<bool>(decide); }
  const policy::DecisionRecorder* Recorder() const { return recorder ? recorder() : nullptr; }
};

// The decision on `e` in the world `w` (see above).
Result<policy::Decision> DecideAgain(const policy::Engine& engine, const policy::World& w,
                                     const policy::Entitlement& e);

// A Recheck over the registry in the store: each entitlement decided on
// the county world of its county (policy::LoadCountyWorld, as a sweep's
// pass: memory bounded by the county, not the province; one load for a
// batch, which is one county's), a payee that moved since decided on its
// own world (PassRecheck), with the recorder of the world used. The
// returned function borrows every argument.
Recheck StoreRecheck(const policy::Engine& engine, store::Db& db, store::RegistryStore& registry,
                     policy::RegistrationSource& registrations);

// A Recheck over a world the caller holds (borrowed), with its recorder.
Recheck WorldRecheck(const policy::Engine& engine, const policy::World& w);

// A Recheck over one pass of a streamed sweep (`w`, borrowed, as
// WorldRecheck): an entitlement whose subject the pass's world does not hold
// — its payee moved to a county of another pass since it was proposed, so
// the review list keeps it under the old county while its decision now falls
// in the new one's pass — is decided on the subject's own world
// (LoadPersonWorld / LoadEmployerWorld with `facts`), not withdrawn for
// being absent; and recorded with that world. A subject gone from the
// registry is decided as DecideAgain does. Borrows every argument.
Recheck PassRecheck(const policy::Engine& engine, const policy::World& w, store::RegistryStore& registry,
                    policy::RegistrationSource& registrations, policy::FactsStore& facts);

// Why `now` differs from the listed entitlement, in Chinese: the failed or
// unknown conditions of a decision not eligible, or the old and new amount.
std::string RecheckReason(const policy::Entitlement& e, const policy::Decision& now);

}  // namespace qjy::policy_services

#endif  // QJY_POLICY_SERVICES_RECHECK_H_
