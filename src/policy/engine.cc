#include "policy/engine.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <thread>
#include <unordered_map>

#include "core/first_exception.h"
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
  rules::R19(ctx, e, out);
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

// A decision with its rule number and the first 8 bytes of its county
// (big-endian, zero-padded: compares as the text does), for sorting by
// pointer without reading the strings in the common case.
struct Ranked {
  int rule;
  uint64_t county8;
  Decision* d;
};

uint64_t Prefix8(const std::string& s) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
  return v;
}

bool RankedLess(const Ranked& a, const Ranked& b) {
  if (a.rule != b.rule) return a.rule < b.rule;
  if (a.county8 != b.county8) return a.county8 < b.county8;
  const std::string& ca = a.d->county_code;
  const std::string& cb = b.d->county_code;
  // Equal prefixes: the counties are equal when both fit in 8 bytes with the
  // same length (the usual 6-digit codes); otherwise compare the texts.
  if (!(ca.size() <= 8 && ca.size() == cb.size())) {
    const int county = ca.compare(cb);
    if (county != 0) return county < 0;
  }
  return a.d->once_key < b.d->once_key;
}

// The decisions in rule, county, key order (stable: equal keys keep their order).
std::vector<Ranked> RankAll(std::deque<Decision>& ds) {
  std::vector<Ranked> v;
  v.reserve(ds.size());
  for (auto& d : ds) v.push_back({RuleNumber(d.rule), Prefix8(d.county_code), &d});
  std::stable_sort(v.begin(), v.end(), RankedLess);
  return v;
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

Result<std::vector<Decision>> Engine::EvaluateSite(const World& w, int64_t site_id, Date date) const {
  Ctx ctx{params_, w, date, true};
  std::vector<Decision> out;
  for (const auto& s : w.sites) {
    if (s.site_id == site_id) rules::R17(ctx, s, out);
  }
  if (out.empty()) return Fail(ErrorCode::kNotFound, "没有该充分就业社区：" + std::to_string(site_id));
  return out;
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
  // Subjects are numbered employers, contracts, persons, sites; threads take
  // chunks of them from a shared counter, so a thread slowed by other load
  // on the machine simply takes fewer chunks.
  const size_t ne = w.employers.size(), nc = ne + w.contracts.size(), np = nc + w.persons.size(),
               total = np + w.sites.size();
  constexpr size_t kChunk = 4096;
  std::atomic<size_t> next{0};
  // Each thread keeps its entitlements (a deque: no moves while growing) and
  // sorts them, by pointer, in the output order.
  std::vector<std::deque<Decision>> found(threads);
  std::vector<std::vector<Ranked>> order(threads);
  std::vector<std::string> bound = options.counties;
  std::sort(bound.begin(), bound.end());
  const bool ranged = !bound.empty();
  auto in_region = [&](const std::string& county) {
    return county.starts_with(options.region) && (!ranged || std::binary_search(bound.begin(), bound.end(), county));
  };
  // Whether `e` runs a workshop of the region (R19 decides in the workshop's
  // county, or the operator's when the workshop names none).
  auto OperatesIn = [&](const registry::Employer& e) {
    for (uint32_t k : w.WorkshopsOfOperator(e.credit_code)) {
      const std::string& county = w.workshops[k].county_code;
      if (county.empty() ? in_region(e.county_code) : in_region(county)) return true;
    }
    return false;
  };
  auto work = [&](int t) {
    rules::ParamCache cache;
    const rules::HireWindows windows = rules::ResolveHireWindows(params_, cache, date);
    Ctx ctx{params_, w, date, options.explain, options.explain ? nullptr : &cache, &windows};
    std::vector<Decision> local;
    std::deque<Decision>& all = found[t];
    for (size_t begin; (begin = next.fetch_add(kChunk, std::memory_order_relaxed)) < total;) {
      const size_t end = std::min(total, begin + kChunk);
      for (size_t i = begin; i < end; ++i) {
        // A subject none of whose decisions can fall in the region is not
        // evaluated (the county worlds of a streamed sweep hold many: the
        // persons hired from elsewhere, with their contracts): a decision's
        // county is the person's, the employer's (the contract's own when
        // its employer is not held), the site's, or a workshop's (R19).
        if (i < ne) {
          const registry::Employer& e = w.employers[i];
          if (in_region(e.county_code) || OperatesIn(e)) EmployerRules(ctx, e, local);
        } else if (i < nc) {
          const registry::Contract& c = w.contracts[i - ne];
          const registry::Employer* e = w.EmployerOf(c);
          if (in_region(e ? e->county_code : c.county_code)) ContractRules(ctx, c, local);
        } else if (i < np) {
          const registry::Person& p = w.persons[i - nc];
          if (in_region(p.county_code)) PersonRules(ctx, p, local);
        } else {
          const registry::ServiceSite& s = w.sites[i - np];
          if (in_region(s.county_code)) rules::R17(ctx, s, local);
        }
        for (auto& d : local) {
          if (d.eligible && in_region(d.county_code)) all.push_back(std::move(d));
        }
        local.clear();
      }
    }
    order[t] = RankAll(all);
  };
  // A worker's exception is rethrown here, after the join, for the caller's
  // boundary to catch; it must not leave its thread (std::terminate).
  FirstException failure;
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back([&, t] { failure.Run([&] { work(t); }); });
  failure.Run([&] { work(0); });
  for (auto& th : pool) th.join();
  failure.Rethrow();
  // Merge the sorted runs; a once-only key's decisions are then adjacent
  // (the key begins with the rule and names the beneficiary, whose county
  // every decision of that key carries), and the first is kept.
  std::vector<Ranked> merged;
  for (auto& o : order) {
    const auto mid = static_cast<std::ptrdiff_t>(merged.size());
    merged.insert(merged.end(), o.begin(), o.end());
    std::inplace_merge(merged.begin(), merged.begin() + mid, merged.end(), RankedLess);
  }
  std::vector<Decision> out;
  out.reserve(merged.size());
  for (const Ranked& r : merged) {
    if (!out.empty() && out.back().once_key == r.d->once_key) continue;
    out.push_back(std::move(*r.d));
  }
  return out;
}

}  // namespace qjy::policy
