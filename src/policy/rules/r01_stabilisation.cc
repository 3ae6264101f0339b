// R1 失业保险稳岗返还, main(七).
#include "policy/rules/rules.h"
#include "registry/codes.h"

namespace qjy::policy::rules {

void R1(const Ctx& ctx, const registry::Employer& e, Out& out) {
  Eval ev(ctx, "R1", "失业保险稳岗返还", e.county_code);
  const int last_year = ctx.date.year() - 1;
  ev.SetSubject("E:" + e.credit_code, 0, e.credit_code, std::to_string(last_year));
  EmployerInJurisdiction(ev, e, "r1.payee_insured_region");
  // Insured units: enterprises, and by reference social organisations,
  // foundations, law and accounting firms, individual businesses insured as
  // units; public institutions are not named.
  ev.Check("insured_unit_type", "main(七)", "参保企业或参照实施的社会组织、律师/会计师事务所、个体工商户",
           e.type != registry::EmployerType::kPublicInstitution,
           [&] { return std::string(registry::Label(e.type)); }, "单位类型须为企业或参照实施的单位");
  const registry::EmployerYear* y = nullptr;
  for (const auto& yr : e.years) {
    if (yr.year == last_year) y = &yr;
  }
  ev.Check("insured_last_year", "main(七)", "上年度参加失业保险（有参保职工）", y && y->insured_headcount > 0,
           [&] { return y ? std::to_string(last_year) + "年参保 " + std::to_string(y->insured_headcount) + " 人"
                          : std::to_string(last_year) + "年无参保记录"; },
           "上年度须有失业保险参保职工");
  auto valid_until = ev.Param("r1.valid_until");
  auto limit = ev.Param("r1.layoff_rate_limit_bp");
  auto small_staff = ev.Param("r1.small_employer_max_staff");
  auto small_limit = ev.Param("r1.small_employer_layoff_rate_limit_bp");
  const bool sme = e.size != registry::SizeClass::kLarge;
  auto rate = ev.Param(sme ? "r1.refund_rate_sme_bp" : "r1.refund_rate_large_bp");
  if (valid_until) {
    const Date until = Date::FromDays(static_cast<int32_t>(*valid_until));
    ev.Check("within_period", "main(七)", "申请日期不晚于政策实施期限（含当日）", ctx.date <= until,
             [&] { return ctx.date.ToString() + "（期限 " + until.ToString() + "）"; },
             "政策实施期限须延长至申请日期");
  }
  if (y && y->insured_headcount > 0 && limit && small_staff && small_limit) {
    // "30人(含)以下" includes 30; "不高于" includes the limit itself.
    const bool small = y->insured_headcount <= *small_staff;
    const int64_t lim = small ? *small_limit : *limit;
    const bool ok = static_cast<int64_t>(y->layoffs) * 10000 <= lim * y->insured_headcount;
    ev.Check("layoff_rate", "main(七)",
             small ? "30人(含)以下企业裁员率不高于参保职工总数20%" : "未裁员或裁员率不高于全国城镇调查失业率控制目标",
             ok,
             [&] { return "裁员 " + std::to_string(y->layoffs) + " 人 / 参保 " + std::to_string(y->insured_headcount) +
                          " 人，上限 " + Bp(lim); },
             "裁员人数须降至参保职工总数的上限比例以内");
  }
  int64_t amount = 0;
  if (y && rate) {
    ev.Check("premium_paid", "main(七)", "上年度实际缴纳失业保险费", y->ui_premium_fen > 0,
             [&] { return FormatYuan(y->ui_premium_fen); }, "上年度须实际缴纳失业保险费");
    amount = y->ui_premium_fen * *rate / 10000;  // floor to fen
    ev.Step([&] { return std::string(FormatYuan(y->ui_premium_fen) + " × " + Bp(*rate) + (sme ? "（中小微企业）" : "（大型企业）") +
            " = " + FormatYuan(amount) + "（向下取整到分）"); });
  }
  out.push_back(ev.Finish(amount, Fund::kUnemploymentInsurance));
}

}  // namespace qjy::policy::rules
