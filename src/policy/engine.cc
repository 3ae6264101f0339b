#include "policy/engine.h"

#include <algorithm>
#include <thread>
#include <unordered_map>

#include "policy/rules/rules.h"

namespace qjy::policy {
namespace {

using rules::Ctx;

void ContractRules(const Ctx& ctx, const registry::Contract& c, std::vector<Decision>& out) {
  rules::R2(ctx, c, out);
  rules::R3(ctx, c, out);
  rules::R4(ctx, c, out);
  rules::R5(ctx, c, out);
  rules::R16(ctx, c, out);
}

void PersonRules(const Ctx& ctx, const registry::Person& p, std::vector<Decision>& out) {
  rules::R6(ctx, p, out);
  rules::R7(ctx, p, out);
  rules::R8(ctx, p, out);
  rules::R9(ctx, p, out);
  rules::R10(ctx, p, out);
  rules::R12(ctx, p, out);
  rules::R13(ctx, p, out);
  rules::R14(ctx, p, out);
}

void EmployerRules(const Ctx& ctx, const registry::Employer& e, std::vector<Decision>& out) {
  rules::R1(ctx, e, out);
  rules::R11(ctx, e, out);
  rules::R15(ctx, e, out);
  rules::R18(ctx, e, out);
}

int RuleNumber(const std::string& id) { return std::atoi(id.c_str() + 1); }

void SortDecisions(std::vector<Decision>& v) {
  std::sort(v.begin(), v.end(), [](const Decision& a, const Decision& b) {
    const int ra = RuleNumber(a.rule), rb = RuleNumber(b.rule);
    if (ra != rb) return ra < rb;
    if (a.county_code != b.county_code) return a.county_code < b.county_code;
    return a.once_key < b.once_key;
  });
}

}  // namespace

std::vector<Decision> DedupeByKey(std::vector<Decision> decisions) {
  std::unordered_map<std::string, size_t> seen;
  std::vector<Decision> out;
  out.reserve(decisions.size());
  for (auto& d : decisions) {
    auto it = seen.find(d.once_key);
    if (it == seen.end()) {
      seen.emplace(d.once_key, out.size());
      out.push_back(std::move(d));
    } else if (d.eligible && !out[it->second].eligible) {
      out[it->second] = std::move(d);
    }
  }
  return out;
}

Result<Engine> Engine::Create(ParameterSet params) {
  std::string missing;
  for (const char* name : rules::RequiredParameters()) {
    if (!params.Find(name)) missing += std::string(missing.empty() ? "" : "、") + name;
  }
  if (!missing.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "参数集不完整，引擎拒绝启动；缺少：" + missing);
  }
  return Engine(std::move(params));
}

Result<std::vector<Decision>> Engine::EvaluatePerson(const World& w, int64_t person_id, Date date) const {
  const registry::Person* p = w.Person(person_id);
  if (!p) return Fail(ErrorCode::kNotFound, "没有该人员：" + std::to_string(person_id));
  Ctx ctx{params_, w, date, true};
  std::vector<Decision> out;
  PersonRules(ctx, *p, out);
  for (uint32_t i : w.ContractsOfPerson(person_id)) ContractRules(ctx, w.contracts[i], out);
  auto deduped = DedupeByKey(std::move(out));
  SortDecisions(deduped);
  return deduped;
}

Result<std::vector<Decision>> Engine::EvaluateEmployer(const World& w, const std::string& code, Date date) const {
  const registry::Employer* e = w.Employer(code);
  if (!e) return Fail(ErrorCode::kNotFound, "没有该单位：" + code);
  Ctx ctx{params_, w, date, true};
  std::vector<Decision> out;
  EmployerRules(ctx, *e, out);
  for (uint32_t i : w.ContractsOfEmployer(code)) ContractRules(ctx, w.contracts[i], out);
  auto deduped = DedupeByKey(std::move(out));
  SortDecisions(deduped);
  return deduped;
}

std::vector<Decision> Engine::EvaluateAll(const World& w, Date date, bool explain) const {
  Ctx ctx{params_, w, date, explain};
  std::vector<Decision> out;
  for (const auto& e : w.employers) EmployerRules(ctx, e, out);
  for (const auto& c : w.contracts) ContractRules(ctx, c, out);
  for (const auto& p : w.persons) PersonRules(ctx, p, out);
  for (const auto& s : w.sites) rules::R17(ctx, s, out);
  auto deduped = DedupeByKey(std::move(out));
  SortDecisions(deduped);
  return deduped;
}

std::vector<Decision> Engine::Sweep(const World& w, Date date, const SweepOptions& options) const {
  const int threads = std::max(1, options.threads);
  std::vector<std::vector<Decision>> parts(threads);
  auto in_region = [&](const std::string& county) { return county.starts_with(options.region); };
  auto work = [&](int t) {
    rules::ParamCache cache;
    Ctx ctx{params_, w, date, options.explain, options.explain ? nullptr : &cache};
    std::vector<Decision> local, all;
    auto keep = [&] {
      for (auto& d : local) {
        if (d.eligible && in_region(d.county_code)) all.push_back(std::move(d));
      }
      local.clear();
    };
    for (size_t i = t; i < w.employers.size(); i += threads) {
      EmployerRules(ctx, w.employers[i], local);
      keep();
    }
    for (size_t i = t; i < w.contracts.size(); i += threads) {
      ContractRules(ctx, w.contracts[i], local);
      keep();
    }
    for (size_t i = t; i < w.persons.size(); i += threads) {
      PersonRules(ctx, w.persons[i], local);
      keep();
    }
    for (size_t i = t; i < w.sites.size(); i += threads) {
      rules::R17(ctx, w.sites[i], local);
      keep();
    }
    parts[t] = std::move(all);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  std::vector<Decision> merged;
  for (auto& p : parts) {
    for (auto& d : p) merged.push_back(std::move(d));
  }
  auto deduped = DedupeByKey(std::move(merged));
  SortDecisions(deduped);
  return deduped;
}

}  // namespace qjy::policy
