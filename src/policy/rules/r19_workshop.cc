// R19 就业帮扶车间（基地）一次性奖补 (main(九), A2(十四)): paid once per
// workshop the county's registry recognised, when it meets the "基本标准" —
// the number of 脱贫人口（含监测对象） it employs — on the decision date.
// Evaluated per employer, one decision per workshop it runs.
#include "policy/rules/rules.h"
#include "policy/rules/workshop_facts.h"

namespace qjy::policy::rules {

void R19(const Ctx& ctx, const registry::Employer& e, Out& out) {
  for (uint32_t i : ctx.world.WorkshopsOfOperator(e.credit_code)) {
    const Workshop& ws = ctx.world.workshops[i];
    if (SweepSkips(ctx, ws.RecognisedOn(ctx.date))) continue;
    Eval ev(ctx, "R19", "就业帮扶车间一次性奖补", ws.county_code.empty() ? e.county_code : ws.county_code);
    ev.SetSubject("W:" + std::to_string(ws.workshop_id), 0, e.credit_code, "once");
    ev.Check("recognised", "A2(十四)", "经认定的就业帮扶车间（基地）（决定日认定有效）", ws.RecognisedOn(ctx.date),
             [&] { return "「" + ws.name + "」" + WorkshopStatusText(ws); }, "须经县级人力资源社会保障部门认定为就业帮扶车间");
    if (auto start = ev.Param("common.policy_start")) {
      const Date s = Date::FromDays(static_cast<int32_t>(*start));
      ev.Check("recognised_in_period", "A2(十四)", "认定日期不早于政策发布日",
               ws.recognised_on && *ws.recognised_on >= s,
               [&] { return ws.recognised_on ? ws.recognised_on->ToString() : std::string("无认定日期"); },
               "须在政策发布后认定");
    }
    if (auto min = ev.Param("r19.min_poverty_employed")) {
      const PovertyEmployed n = CountPovertyEmployed(ctx.world, ws, ctx.date);
      const std::string text = "基本标准：吸纳脱贫人口（含监测对象）就业不少于 " + std::to_string(*min) + " 人（假定标准）";
      if (n.count) {
        ev.Check("basic_standard", "A2(十四)", "基本标准：吸纳脱贫人口（含监测对象）就业人数达到认定标准",
                 *n.count >= *min, [&] { return n.seen + "；" + text; }, "吸纳脱贫人口就业人数未达到认定的基本标准");
      } else {
        ev.UnknownFact("basic_standard", "A2(十四)", "基本标准：吸纳脱贫人口（含监测对象）就业人数达到认定标准",
                       "未知：" + n.seen + "；" + text, "请录入车间吸纳脱贫人口人数及来源，或导入其劳动合同",
                       kMissingWorkshopCount);
      }
    }
    if (ev.Dead()) continue;
    EmployerInJurisdiction(ev, e, "r19.payee_insured_region");
    auto amount = ev.Param("r19.amount");
    if (amount) ev.Step([&] { return "每个车间一次 " + FormatYuan(*amount) + "（假定标准）"; });
    out.push_back(ev.Finish(amount.value_or(0), Fund::kLinkage));
  }
}

}  // namespace qjy::policy::rules
