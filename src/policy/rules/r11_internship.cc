// R11 见习留用补助 and 剩余期限见习补贴, A1(十二). Per retained trainee:
// 1000 yuan once, plus — when the contract is signed before the internship
// ends and the locality grants it — the remaining full months at 80 % of the
// minimum wage if the host's retention rate that year is 50 % or more, else
// at the local standard monthly subsidy.
#include "policy/rules/rules.h"

namespace qjy::policy::rules {

void R11(const Ctx& ctx, const registry::Employer& e, Out& out) {
  const auto& idx = ctx.world.InternshipsOfHost(e.credit_code);
  for (uint32_t i : idx) {
    const Internship& in = ctx.world.internships[i];
    // Retention rate of the host among internships starting the same year
    // that have ended or been retained by the decision date.
    int done = 0, retained = 0;
    for (uint32_t j : idx) {
      const Internship& o = ctx.world.internships[j];
      if (o.start_on.year() != in.start_on.year()) continue;
      const bool kept = o.retained_on && *o.retained_on <= ctx.date;
      if (kept || o.end_on < ctx.date) ++done;
      retained += kept;
    }
    Eval ev(ctx, "R11", "见习留用补助及剩余期限见习补贴", e.county_code);
    ev.SetSubject("E:" + e.credit_code, in.person_id, e.credit_code, in.start_on.ToString());
    EmployerInJurisdiction(ev, e, "r11.payee_insured_region");
    const bool kept = in.retained_on && *in.retained_on <= ctx.date;
    ev.Check("retained", "A1(十二)", "见习单位留用见习人员（签订劳动合同）", kept,
             [&] { return in.retained_on ? "留用 " + in.retained_on->ToString() : std::string("未留用"); },
             "见习单位须与见习人员签订劳动合同");
    if (auto until = ev.Param("r11.valid_until"); until && kept) {
      const Date u = Date::FromDays(static_cast<int32_t>(*until));
      ev.Check("retained_by_valid_until", "A1(十二)", "留用日期不晚于政策实施期限（含当日）", *in.retained_on <= u,
               [&] { return in.retained_on->ToString() + "（期限 " + u.ToString() + "）"; }, "须在政策实施期限内留用");
    }
    if (auto start = ev.Param("common.policy_start"); start && kept) {
      ev.Check("retained_in_period", "A1(十二)", "留用日期不早于政策发布日", in.retained_on->days() >= *start,
               [&] { return in.retained_on->ToString(); }, "须在政策发布后留用");
    }
    auto once = ev.Param("r11.retain_amount");
    auto threshold = ev.Param("r11.retention_rate_bp");
    auto share = ev.Param("r11.subsidy_rate_bp");
    auto min_wage = ev.Param("r11.min_wage_monthly");
    auto standard = ev.Param("r11.standard_monthly");
    auto enabled = ev.Param("r11.remaining_months_enabled");
    int64_t amount = 0;
    if (once && threshold && share && min_wage && standard && enabled) {
      amount = *once;
      ev.Step([&] { return std::string("一次性留用补助 " + FormatYuan(*once)); });
      const bool high = done > 0 && static_cast<int64_t>(retained) * 10000 >= *threshold * done;
      if (ctx.explain) {
        ev.Step([&] { return std::string("本年度留用率 " + std::to_string(retained) + "/" + std::to_string(done) +
                (high ? "，达到50%以上（含50%）" : "，未达到50%")); });
      }
      if (kept && *in.retained_on < in.end_on && *enabled) {
        const int months = FullMonths(*in.retained_on, in.end_on);
        const int64_t monthly = high ? *min_wage * *share / 10000 : *standard;
        amount += months * monthly;
        ev.Step([&] { return std::string("剩余期限 " + std::to_string(months) + " 个整月 × " + FormatYuan(monthly) +
                (high ? "（最低工资标准×80%，向下取整到分）" : "（本地见习补贴标准）")); });
      }
    }
    out.push_back(ev.Finish(amount, Fund::kEmploymentSubsidy));
  }
}

}  // namespace qjy::policy::rules
