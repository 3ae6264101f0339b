// The rules R1–R18 of POLICY-NOTES §3. Each function evaluates one rule for
// one subject on ctx.date and appends its decision(s) to `out`. Amounts,
// rates, limits and valid-until dates come from parameters (params.h); the
// readings taken are written next to each parameter in policy/params.
#ifndef QJY_POLICY_RULES_RULES_H_
#define QJY_POLICY_RULES_RULES_H_

#include <span>
#include <vector>

#include "policy/decision.h"
#include "policy/rules/rule_util.h"

namespace qjy::policy::rules {

enum class Subject {
  kEmployer,  // evaluated once per employer
  kContract,  // once per contract, paid to the employer for the person hired
  kPerson,    // once per person
  kSite,      // once per service site
};

struct RuleInfo {
  const char* id;
  const char* title;
  const char* clause;
  Subject subject;
};

// Every rule, R1..R19 in order.
std::span<const RuleInfo> Catalogue();
const RuleInfo* FindRule(std::string_view id);

using Out = std::vector<Decision>;
void R1(const Ctx& ctx, const registry::Employer& e, Out& out);
void R2(const Ctx& ctx, const registry::Contract& c, Out& out);
void R3(const Ctx& ctx, const registry::Contract& c, Out& out);
void R4(const Ctx& ctx, const registry::Contract& c, Out& out);
void R5(const Ctx& ctx, const registry::Contract& c, Out& out);
void R6(const Ctx& ctx, const registry::Person& p, Out& out);
void R7(const Ctx& ctx, const registry::Person& p, Out& out);
void R8(const Ctx& ctx, const registry::Person& p, Out& out);
void R9(const Ctx& ctx, const registry::Person& p, Out& out);
void R10(const Ctx& ctx, const registry::Person& p, Out& out);
void R11(const Ctx& ctx, const registry::Employer& e, Out& out);
void R12(const Ctx& ctx, const registry::Person& p, Out& out);
void R13(const Ctx& ctx, const registry::Person& p, Out& out);
void R14(const Ctx& ctx, const registry::Person& p, Out& out);
void R15(const Ctx& ctx, const registry::Employer& e, Out& out);
void R16(const Ctx& ctx, const registry::Contract& c, Out& out);
void R17(const Ctx& ctx, const registry::ServiceSite& s, Out& out);
void R18(const Ctx& ctx, const registry::Employer& e, Out& out);
// 就业帮扶车间一次性奖补: one decision per workshop the employer runs.
void R19(const Ctx& ctx, const registry::Employer& e, Out& out);

// The parameter names the rules read; the engine refuses to start when one
// is not defined.
std::span<const char* const> RequiredParameters();

}  // namespace qjy::policy::rules

#endif  // QJY_POLICY_RULES_RULES_H_
