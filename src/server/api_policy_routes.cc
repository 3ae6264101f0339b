// Routes /api/policy/... (issue #5) into PolicyApi with the access rules:
//   GET  /api/policy/params        every logged-in user (public policy text)
//   GET  /api/policy/eval          an officer for a person/employer in scope,
//                                  an employer for itself, a seeker for self
//   POST /api/policy/sweep, GET /api/policy/entitlements,
//   POST /api/policy/batches, GET /api/policy/batches[/{id}]
//                                  officers, within their region
//   POST /api/policy/batches/{id}/approve
//                                  officers holding the grant "approve_payment",
//                                  two-person rule (policy_services/payment_batch.h)
// Out-of-scope subjects answer 404 like every other record read.
#include <charconv>
#include <memory>
#include <mutex>

#include "policy/engine.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "policy_services/payment_batch.h"
#include "policy_services/store_registrations.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_policy.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

// The engine over the shipped parameters, loaded once per process. A
// parameter set that does not load makes every policy route answer 503
// with the loader's message (the engine never guesses).
struct PolicyContext {
  std::unique_ptr<policy::Engine> engine;
  std::string error;
};

PolicyContext& Context() {
  static PolicyContext ctx;
  static std::once_flag once;
  std::call_once(once, [] {
    auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
    if (!params) {
      ctx.error = params.error().message;
      return;
    }
    auto engine = policy::Engine::Create(std::move(*params));
    if (!engine) {
      ctx.error = engine.error().message;
      return;
    }
    ctx.engine = std::make_unique<policy::Engine>(std::move(*engine));
  });
  return ctx;
}

}  // namespace

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
  } else if (path != "/api/policy/params" && !officer) {
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
  PolicyContext& ctx = Context();
  if (!ctx.engine) {
    return HttpResponse::Error(503, "unavailable", "政策参数无法加载：" + ctx.error);
  }
  store::RegistryStore registry(*c.db, vault_);
  policy_services::StoreRegistrations registrations(*c.db);  // the services store (issue #4)
  PolicyApi api(*ctx.engine, registrations, audit_, clock_);
  return api.Handle(c.req, *c.db, registry, a.username, officer ? a.region_code : std::string(),
                    officer && a.HasGrant(policy_services::kApproveGrant));
}

}  // namespace qjy::server
