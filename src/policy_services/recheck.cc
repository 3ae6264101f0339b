#include "policy_services/recheck.h"

#include <memory>
#include <optional>

#include "policy/world_loader.h"

namespace qjy::policy_services {
namespace {

bool EmployerRule(const std::string& rule) {
  return rule == "R1" || rule == "R11" || rule == "R15" || rule == "R18" || rule == "R19";
}

// A decision that is not eligible because the engine no longer lists the key.
policy::Decision Gone(const policy::Entitlement& e, const std::string& why) {
  policy::Decision d;
  d.rule = e.rule;
  d.title = e.title;
  d.date = e.decided_on;
  d.eligible = false;
  d.beneficiary = e.beneficiary;
  d.person_id = e.person_id;
  d.employer_code = e.employer_code;
  d.period = e.period;
  d.county_code = e.county_code;
  d.once_key = e.once_key;
  policy::Condition c;
  c.id = "still_listed";
  c.text = "按现行规则重新判断仍产生该享受资格";
  c.seen = why;
  c.pass = false;
  c.fix = "按现行规则重新查找（qjy policy eval）";
  d.conditions.push_back(std::move(c));
  return d;
}

// The decision on `e` in `w`; the engine's kNotFound when `w` does not hold
// its subject, for the caller to decide what that means.
Result<policy::Decision> DecideIn(const policy::Engine& engine, const policy::World& w,
                                  const policy::Entitlement& e) {
  auto date = Date::Parse(e.decided_on);
  if (!date) return std::unexpected(date.error());
  Result<std::vector<policy::Decision>> ds;
  if (e.rule == "R17") {
    int64_t site = 0;
    try {
      site = std::stoll(e.beneficiary.substr(e.beneficiary.find(':') + 1));
    } catch (const std::exception&) {
      return Gone(e, "享受对象无效：" + e.beneficiary);
    }
    ds = engine.EvaluateSite(w, site, *date);
  } else if (EmployerRule(e.rule)) {
    ds = engine.EvaluateEmployer(w, e.employer_code, *date);
  } else {
    ds = engine.EvaluatePerson(w, e.person_id, *date);
  }
  if (!ds) return std::unexpected(ds.error());
  for (auto& d : *ds) {
    if (d.once_key == e.once_key) return std::move(d);
  }
  return Gone(e, "现行规则在 " + e.decided_on + " 不再产生该享受资格");
}

}  // namespace

Result<policy::Decision> DecideAgain(const policy::Engine& engine, const policy::World& w,
                                     const policy::Entitlement& e) {
  auto d = DecideIn(engine, w, e);
  if (!d && d.error().code == ErrorCode::kNotFound) return Gone(e, d.error().message);
  return d;
}

Recheck StoreRecheck(const policy::Engine& engine, store::Db& db, store::RegistryStore& registry,
                     policy::RegistrationSource& registrations) {
  // The county world of the entitlement's county (a batch is one county's,
  // so one load), kept until an entitlement of another county comes; its
  // subjects decided as in a sweep's pass (PassRecheck).
  struct State {
    policy::FactsStore facts;
    bool migrated = false;
    std::string county;
    std::optional<policy::World> world;
    std::optional<Recheck> pass;  // borrows `world`: declared after it, so destroyed first
  };
  auto st = std::make_shared<State>(State{.facts = policy::FactsStore(db)});
  return Recheck(
      [&engine, &db, &registry, &registrations, st](const policy::Entitlement& e) -> Result<policy::Decision> {
        if (!st->world || st->county != e.county_code) {
          st->pass.reset();
          st->world.reset();
          if (!st->migrated) {
            if (auto m = st->facts.Migrate(); !m) return std::unexpected(m.error());
            st->migrated = true;
          }
          auto w = policy::LoadCountyWorld(db, registry, registrations, e.county_code, st->facts);
          if (!w) return std::unexpected(w.error());
          st->world = std::move(*w);
          st->county = e.county_code;
          st->pass = PassRecheck(engine, *st->world, registry, registrations, st->facts);
        }
        return (*st->pass)(e);
      },
      [st]() -> const policy::DecisionRecorder* { return st->pass ? st->pass->Recorder() : nullptr; });
}

Recheck WorldRecheck(const policy::Engine& engine, const policy::World& w) {
  auto recorder = std::make_shared<std::optional<policy::DecisionRecorder>>();
  return Recheck([&engine, &w](const policy::Entitlement& e) { return DecideAgain(engine, w, e); },
                 [&engine, &w, recorder]() -> const policy::DecisionRecorder* {
                   if (!recorder->has_value()) recorder->emplace(engine.params(), w);
                   return &**recorder;
                 });
}

Recheck PassRecheck(const policy::Engine& engine, const policy::World& w, store::RegistryStore& registry,
                    policy::RegistrationSource& registrations, policy::FactsStore& facts) {
  // The subject's own world of the last entitlement decided on it (kept for
  // the recorder, which ApplyRecheck asks for right after the decision).
  struct State {
    std::optional<policy::DecisionRecorder> pass_recorder;
    std::optional<policy::World> own;
    std::optional<policy::DecisionRecorder> own_recorder;  // borrows `own`: declared after it, so destroyed first
    bool last_own = false;
  };
  auto st = std::make_shared<State>();
  return Recheck(
      [&engine, &w, &registry, &registrations, &facts, st](const policy::Entitlement& e) -> Result<policy::Decision> {
        st->last_own = false;
        auto d = DecideIn(engine, w, e);
        if (d || d.error().code != ErrorCode::kNotFound) return d;
        if (e.rule == "R17") return Gone(e, d.error().message);  // sites do not change county
        st->own_recorder.reset();
        st->own.reset();
        auto own = EmployerRule(e.rule) ? policy::LoadEmployerWorld(registry, registrations, e.employer_code, &facts)
                                        : policy::LoadPersonWorld(registry, registrations, e.person_id, &facts);
        if (!own) {
          if (own.error().code == ErrorCode::kNotFound) return Gone(e, d.error().message);  // gone from the registry
          return std::unexpected(own.error());
        }
        st->own = std::move(*own);
        st->last_own = true;
        return DecideAgain(engine, *st->own, e);
      },
      [&engine, &w, st]() -> const policy::DecisionRecorder* {
        if (st->last_own && st->own) {
          if (!st->own_recorder) st->own_recorder.emplace(engine.params(), *st->own);
          return &*st->own_recorder;
        }
        if (!st->pass_recorder) st->pass_recorder.emplace(engine.params(), w);
        return &*st->pass_recorder;
      });
}

std::string RecheckReason(const policy::Entitlement& e, const policy::Decision& now) {
  if (now.eligible) {
    return "金额由 " + policy::FormatYuan(e.amount_fen) + " 变为 " + policy::FormatYuan(now.amount_fen);
  }
  std::string why;
  for (const auto& c : now.conditions) {
    if (c.pass) continue;
    why += why.empty() ? "" : "；";
    why += (c.clause.empty() ? "" : c.clause + " ") + c.text + "（" + c.seen + "）";
  }
  if (why.empty()) why = "按现行规则不符合";
  return why;
}

}  // namespace qjy::policy_services
