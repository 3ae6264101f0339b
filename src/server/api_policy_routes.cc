// Routes /api/policy/... (issue #5) into PolicyApi with the access rules:
//   GET  /api/policy/params        every logged-in user (public policy text)
//   GET  /api/policy/eval          an officer for a person/employer in scope,
//                                  an employer for itself, a seeker for self
//   POST /api/policy/sweep (a background job, api_policy_sweep_job.cc),
//   GET /api/policy/entitlements,
//   POST /api/policy/batches, GET /api/policy/batches[/{id}]
//                                  officers, within their region
//   POST /api/policy/batches/{id}/approve
//                                  officers holding the grant "approve_payment",
//                                  two-person rule (policy_services/payment_batch.h)
//   GET, POST /api/policy/param-changes, POST …/{id}/approve|reject
//                                  parameter changes (api_policy_params.cc)
// Out-of-scope subjects answer 404 like every other record read.
#include <charconv>
#include <map>
#include <memory>
#include <mutex>

#include "policy/engine.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "policy/param_changes.h"
#include "policy_services/param_change_store.h"
#include "policy_services/payment_batch.h"
#include "policy_services/store_registrations.h"
#include "server/access.h"
#include "server/api_context.h"
#include "server/api_internal.h"
#include "server/api_param_changes.h"
#include "server/api_policy.h"
#include "server/api_policy_sweep_job.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

// The engine over the shipped parameters (loaded at start, api_context.h)
// and the parameter changes approved in the database (policy_services/
// param_change_store.h), rebuilt when another change is approved.
struct LayeredEngine {
  int64_t revision = -1;
  std::shared_ptr<const policy::Engine> engine;
};

}  // namespace

struct PolicyEngines {
  std::mutex mu;
  std::map<std::string, LayeredEngine> by_database;  // GUARDED_BY(mu): pool URL → engine
};

std::shared_ptr<PolicyEngines> NewPolicyEngines() { return std::make_shared<PolicyEngines>(); }

namespace {

Result<std::shared_ptr<const policy::Engine>> EngineFor(PolicyEngines& engines, const policy::ParameterSet& base,
                                                        const std::string& database, store::Db& db) {
  policy_services::ParamChangeStore changes(db);
  auto revision = changes.Revision();
  if (!revision) return std::unexpected(revision.error());
  std::lock_guard lock(engines.mu);
  LayeredEngine& cached = engines.by_database[database];
  if (cached.engine && cached.revision == *revision) return cached.engine;
  auto approved = changes.Approved();
  if (!approved) return std::unexpected(approved.error());
  auto layered = policy::WithChanges(base, *approved);
  if (!layered) return std::unexpected(layered.error());
  auto engine = policy::Engine::Create(std::move(*layered));
  if (!engine) return std::unexpected(engine.error());
  cached.engine = std::make_shared<const policy::Engine>(std::move(*engine));
  cached.revision = *revision;
  return cached.engine;
}

}  // namespace

const policy::ParameterSet* Api::ShippedPolicyParams(std::string& /*error*/) const {
  return context_->policy_params.get();
}

HttpResponse Api::Policy(Call& c) {
  const auth::Account& a = c.account();
  const std::string path = c.req.Path();
  const bool officer = a.role == auth::Role::kOfficer;
  if (path == "/api/policy/eval") {
    store::RegistryStore registry(*c.db, vault_);
    const std::string person = QueryText(c.query, "person");
    const std::string employer = QueryText(c.query, "employer");
    if (!person.empty()) {
      int64_t id = 0;
      try {
        id = std::stoll(person);
      } catch (const std::exception&) {
        return BadRequest("人员编号无效");
      }
      auto p = registry.GetPerson(id);
      if (!p) return StoreError(p.error(), *log_);
      if (!*p || !MayReadPerson(a, **p, vault_)) {
        Audit(c, "policy.eval", "person:" + person, "denied");
        return NotFound();
      }
      Audit(c, "policy.eval", "person:" + person, "ok");
    } else if (!employer.empty()) {
      auto e = registry.FindEmployer(employer);
      if (!e) return StoreError(e.error(), *log_);
      if (!*e || !MayReadEmployer(a, (*e)->credit_code, (*e)->region, (*e)->county_code)) {
        return NotFound();
      }
    }
  } else if (path != "/api/policy/params" && !path.starts_with("/api/policy/param-changes") && !officer) {
    Audit(c, "policy", path, "denied");
    return Forbidden();
  } else if (path == "/api/policy/entitlements" && !QueryText(c.query, "person").empty()) {
    // One person's entitlements (their page): the person must be in scope.
    const std::string person = QueryText(c.query, "person");
    int64_t id = 0;
    auto [end, ec] = std::from_chars(person.data(), person.data() + person.size(), id);
    if (ec != std::errc() || end != person.data() + person.size() || id <= 0) return BadRequest("人员编号无效");
    store::RegistryStore registry(*c.db, vault_);
    auto p = registry.GetPerson(id);
    if (!p) return StoreError(p.error(), *log_);
    if (!*p || !MayReadPerson(a, **p, vault_)) {
      Audit(c, "policy.entitlements", "person:" + person, "denied");
      return NotFound();
    }
    Audit(c, "policy.entitlements", "person:" + person, "ok");
  }
  if (c.req.method == "GET" && path.starts_with("/api/policy/sweep/")) {
    return PolicySweepJob(imports_, c.params.at(0), a, regions_);
  }
  if (c.req.method == "GET" && path == "/api/policy/sweep") {
    return PolicySweepList(imports_, QueryText(c.query, "region"), a, regions_);
  }
  if (auto m = EnsureMigrated(pool_.url() + "#param_changes", c.db, &policy_services::ParamChangeStore::Migrate); !m) {
    return StoreError(m.error(), *log_);
  }
  auto engine = EngineFor(*policy_engines_, *context_->policy_params, pool_.url(), *c.db);
  if (!engine) {
    if (engine.error().code == ErrorCode::kStore) return StoreError(engine.error(), *log_);
    return HttpResponse::Error(503, "unavailable", "政策参数无法加载：" + engine.error().message);
  }
  if (path.starts_with("/api/policy/param-changes")) {
    auto answer = HandleParamChanges(c.req, c.params, *c.db, a, *context_->policy_params, Date::InChina(clock_.Now()),
                                     clock_.Now(), *log_);
    if (answer.audit) Audit(c, answer.audit->action, answer.audit->target, answer.audit->result, answer.audit->detail);
    return answer.response;
  }
  if (c.req.method == "POST" && path == "/api/policy/sweep") {
    auto answer = StartPolicySweep(c.req, a, imports_, *engine, vault_, audit_, clock_);
    if (answer.audit) Audit(c, "policy.sweep", answer.audit->target, answer.audit->result, answer.audit->detail);
    return answer.response;
  }
  store::RegistryStore registry(*c.db, vault_);
  policy_services::StoreRegistrations registrations(*c.db);  // the services store (issue #4)
  PolicyApi api(**engine, registrations, audit_, clock_);
  api.set_region_name([this](const std::string& code) { return RegionName(code); });
  return api.Handle(c.req, *c.db, registry, a.username, officer ? a.region_code : std::string(),
                    officer && a.HasGrant(policy_services::kApproveGrant));
}

}  // namespace qjy::server
