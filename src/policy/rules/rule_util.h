// What every rule file uses: the evaluation context, the Decision builder
// that records conditions and parameters, and the date readings of
// POLICY-NOTES §0 shared by several rules. Internal to src/policy.
#ifndef QJY_POLICY_RULES_RULE_UTIL_H_
#define QJY_POLICY_RULES_RULE_UTIL_H_

#include <array>
#include <climits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "policy/decision.h"
#include "policy/facts.h"
#include "policy/params.h"
#include "registry/model.h"

namespace qjy::policy::rules {

// A memo of parameter values on one decision date, for sweeps: an open
// addressing table keyed by the name's text (hashed, then compared), so a
// lookup costs a short hash instead of a map search. Names with regional
// overrides are resolved each time (their value depends on the region).
// Unknown names are not memoised. One per thread.
class ParamCache {
 public:
  std::optional<int64_t> Get(const ParameterSet& params, std::string_view name, Date date, std::string_view region);
  // The province-wide value of a parameter without regional overrides (the
  // value for every region); null when unknown or regional.
  const std::optional<int64_t>* Uniform(const ParameterSet& params, std::string_view name, Date date);

 private:
  struct Entry {
    const std::string* name = nullptr;  // the parameter's name (owned by the set); null: free slot
    bool regional = false;
    std::optional<int64_t> value;
  };
  Entry* Find(const ParameterSet& params, std::string_view name, Date date);
  static constexpr size_t kSlots = 512;
  std::vector<Entry> slots_ = std::vector<Entry>(kSlots);
};

// The hire dates a rule can pay for, as days (inclusive), resolved once
// per sweep: from common.policy_start to the earlier of the decision date
// and the rule's valid-until, each bound only when its parameter has no
// regional override (otherwise left open). Indexed by rule number.
struct HireWindow {
  int32_t from = INT32_MIN;
  int32_t to = INT32_MAX;
};
using HireWindows = std::array<HireWindow, 19>;
HireWindows ResolveHireWindows(const ParameterSet& params, ParamCache& cache, Date date);

struct Ctx {
  const ParameterSet& params;
  const World& world;
  Date date;             // the decision date: only parameters in force on it are used
  bool explain = true;   // false in sweeps: refusals are dropped, so no condition is recorded
  ParamCache* cache = nullptr;  // sweeps: per-thread memo of parameter values (not explaining only)
  const HireWindows* windows = nullptr;  // sweeps: hire-date gates (not explaining only)
};

// Builds one Decision. Conditions are recorded in order; the decision is
// eligible when every condition passed and every parameter was in force.
class Eval {
 public:
  Eval(const Ctx& ctx, const char* rule, const char* title, std::string region);

  // Records a condition; `seen` is only called when explaining.
  template <class SeenFn>
  bool Check(const char* id, const char* clause, const char* text, bool pass, SeenFn&& seen,
             const char* fix) {
    if (!pass) ok_ = false;
    if (ctx_.explain) d_.conditions.push_back(Condition{id, clause, text, std::string(seen()), pass, pass ? "" : fix});
    return pass;
  }
  // A condition that depends on a fact the registry may not hold: `pass`
  // nullopt records it as unknown (failed, `unknown` set, `missing` named
  // in seen and in Decision::missing_data), never as false.
  template <class SeenFn>
  bool CheckKnown(const char* id, const char* clause, const char* text, std::optional<bool> pass,
                  SeenFn&& seen, const char* fix, const char* missing) {
    if (pass) return Check(id, clause, text, *pass, std::forward<SeenFn>(seen), fix);
    Unknown(id, clause, text, missing);
    return false;
  }
  void Unknown(const char* id, const char* clause, const char* text, const char* missing);
  // The same with the explanation's own words: `seen` and `fix` as shown,
  // `missing` named in Decision::missing_data.
  void UnknownFact(const char* id, std::string clause, std::string text, std::string seen, std::string fix,
                   std::string_view missing);
  // Adds another missing fact to Decision::missing_data (explaining only).
  void NoteMissing(std::string_view missing);
  // The parameter's value in force on the decision date for the region; a
  // missing value fails the decision with a condition naming the parameter.
  std::optional<int64_t> Param(std::string_view name);
  // The jurisdiction of Guizhou's funds (#12 §2): `place` — the fact named
  // by `what`, e.g. "单位参保地" or "户籍地" — must lie within the region
  // that parameter `param` holds on the decision date ("52" = Guizhou). A
  // place outside fails condition "jurisdiction" (seen "参保地不在本省：…",
  // the parameter's clause); an empty place is unknown and fails condition
  // "jurisdiction_unknown" as unknown (not known to fail), naming the
  // missing data in Decision::missing_data: no automatic payment.
  bool Jurisdiction(std::string_view param, std::string_view what, std::string_view place);
  // In a sweep (no explanations) a failed decision is dropped, so a rule
  // may stop evaluating as soon as this is true.
  bool Dead() const { return !ctx_.explain && !ok_; }
  // Records a step of the amount's computation; `text` is only called when
  // explaining (a sweep builds no text).
  template <class TextFn>
  void Step(TextFn&& text) {
    if (ctx_.explain) d_.amount_steps.push_back(text());
  }
  void SetSubject(std::string beneficiary, int64_t person_id, std::string employer_code,
                  std::string period);
  bool ok() const { return ok_; }
  // Finishes: amount counts only when eligible.
  Decision Finish(int64_t amount_fen, Fund fund, bool loan = false);

 private:
  const Ctx& ctx_;
  const char* title_;
  std::string region_;
  Decision d_;
  bool ok_ = true;
};

// Jurisdiction of an employer paid by a rule: its 参保地 (insured_region).
bool EmployerInJurisdiction(Eval& ev, const registry::Employer& e, std::string_view param);
// Jurisdiction of a person paid by a rule: the household registration
// (registry::HomeRegion) for *.payee_hukou_region parameters, the person's
// 参保地 for *.payee_insured_region ones.
bool PersonInJurisdiction(Eval& ev, const registry::Person& p, std::string_view param);

std::string Str(Date d);
std::string Str(const std::optional<Date>& d);  // "无固定期限" when empty
std::string Bp(int64_t bp);                     // "55.00%"

// "签订1年以上劳动合同" (inclusive): open-ended, or end_on >= start + years - 1 day.
bool ContractAtLeastYears(const registry::Contract& c, int years);
std::string ContractTerm(const registry::Contract& c);
// "稳定就业3个月及以上" on `date`: start + months <= date and the contract did
// not end before start + months - 1 day.
bool StableMonths(const registry::Contract& c, int months, Date date);
// Is the person a member of `g` on `date` (valid_from <= date <= valid_to)?
bool InGroup(const registry::Person& p, registry::Group g, Date date);
// Sweep gates: in a sweep (no explanations) a refusal is dropped, so a rule
// returns before building its decision when a necessary condition — checked
// again, with its explanation, below — already fails. True: skip.
inline bool SweepSkips(const Ctx& ctx, bool may_qualify) { return !ctx.explain && !may_qualify; }
// Sweep gate for a hire on `day` (days) under `rule`: false when it
// certainly fails the hire-date conditions — outside ctx.windows[rule];
// true when it may pass or when unsure (explaining, no windows).
bool SweepHireMayPass(const Ctx& ctx, int32_t day, int rule);
// The registration active on `date`, if any.
const Registration* ActiveRegistration(const World& w, int64_t person_id, Date date);
// The same for a person record (fast when it is held in `w`).
const Registration* ActiveRegistration(const World& w, const registry::Person& p, Date date);
// Full calendar months from `from` to `to` (from + n months <= to).
int FullMonths(Date from, Date to);
bool IsSmallOrMicro(const registry::Employer& e);
// The missing-data names of the insurance facts (Decision::missing_data).
inline constexpr char kMissingContributions[] =
    "该人员的社会保险缴费月份（社保经办系统缴费记录未导入）";
inline constexpr char kMissingUiBenefit[] = "失业保险金领取记录（登记库未记录是否领取失业保险金）";
std::string GroupsText(const registry::Person& p, Date date);

}  // namespace qjy::policy::rules

#endif  // QJY_POLICY_RULES_RULE_UTIL_H_
