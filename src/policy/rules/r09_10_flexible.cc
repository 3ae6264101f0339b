// Flexible and new-form work: R9 accident-insurance subsidy (main(十一),
// opt-in per locality), R10 flexible-employment social-insurance subsidy
// (A3(十二), main(十一)), paid per month: the key's period is YYYY-MM.
#include <cstdio>

#include "policy/rules/rules.h"
#include "registry/contribution.h"

namespace qjy::policy::rules {
namespace {

using registry::Group;

const registry::Contract* ActiveContract(const Ctx& ctx, const registry::Person& p, bool (*pred)(const registry::Contract&)) {
  for (uint32_t i : ctx.world.ContractsOf(p)) {
    const auto& c = ctx.world.contracts[i];
    if (pred(c) && c.start_on <= ctx.date && (!c.end_on || ctx.date <= *c.end_on)) return &c;
  }
  return nullptr;
}

std::string Month(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year(), d.month());
  return buf;
}

}  // namespace

void R9(const Ctx& ctx, const registry::Person& p, Out& out) {
  // Sweep gate: a new-form contract (flag column) in force on the date.
  const registry::Contract* c = ctx.explain || ctx.world.AnyContractWith(p, World::kNewForm)
                                    ? ActiveContract(ctx, p, [](const registry::Contract& c) { return c.new_form; })
                                    : nullptr;
  if (SweepSkips(ctx, c != nullptr)) return;
  Eval ev(ctx, "R9", "新就业形态劳动者意外伤害保险补贴", p.county_code);
  ev.Check("new_form_worker", "main(十一)", "新就业形态劳动者（决定日在平台从业）", c != nullptr,
           [&] { return c ? "平台用工 " + ContractTerm(*c) : std::string("无在履行的新就业形态用工记录"); },
           "须为在平台从业的新就业形态劳动者");
  if (ev.Dead()) return;
  ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, "", std::to_string(ctx.date.year()));
  PersonInJurisdiction(ev, p, "r9.payee_hukou_region");
  // The province value is null: only localities that opt in set a value.
  auto amount = ev.Param("r9.amount_per_year");
  if (amount) ev.Step([&] { return std::string("本地标准每人每年 " + FormatYuan(*amount) + "（不超过100元）"); });
  out.push_back(ev.Finish(amount.value_or(0), Fund::kEmploymentSubsidy));
}

void R10(const Ctx& ctx, const registry::Person& p, Out& out) {
  // Gate: a target group ever, and a flexible contract in force on the date.
  if (SweepSkips(ctx, (ctx.world.EverIn(p, Group::kHardToEmploy) || (ctx.world.EverIn(p, Group::kCollegeGraduate) && p.school_left_on)) &&
                          ctx.world.AnyContractWith(p, World::kFlexible) &&
                          ActiveContract(ctx, p, [](const registry::Contract& c) { return c.flexible; }) != nullptr)) {
    return;
  }
  Eval ev(ctx, "R10", "灵活就业社会保险补贴", p.county_code);
  auto grad_years = ev.Param("r10.graduate_years");
  const bool hard = InGroup(p, Group::kHardToEmploy, ctx.date);
  const bool graduate = grad_years && InGroup(p, Group::kCollegeGraduate, ctx.date) && p.school_left_on &&
                        ctx.date <= p.school_left_on->AddYears(static_cast<int>(*grad_years));
  ev.Check("target_group", "A3(十二)", "就业困难人员，或离校2年内高校毕业生（正文（十一））", hard || graduate,
           [&] { return GroupsText(p, ctx.date) + (p.school_left_on ? "，离校 " + p.school_left_on->ToString() : ""); },
           "须为就业困难人员或离校2年内的高校毕业生");
  if (ev.Dead()) return;
  ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, "", Month(ctx.date));
  PersonInJurisdiction(ev, p, "r10.payee_insured_region");
  const registry::Contract* c = ActiveContract(ctx, p, [](const registry::Contract& c) { return c.flexible; });
  // Months of 养老 or 医疗 paid since the flexible work began, as an
  // individual or through the platform, up to the decision month.
  std::optional<int> months;
  MonthQuery q;
  if (c) {
    q.kinds = registry::Bit(registry::InsuranceKind::kPension) | registry::Bit(registry::InsuranceKind::kMedical);
    q.payer = &c->employer_credit_code;
    q.individual_too = true;
    q.from_month = registry::MonthOf(c->start_on);
    q.through_month = registry::MonthOf(ctx.date);
    months = ctx.world.InsuredMonths(p.person_id, q);
  }
  auto seen = [&] {
    return c ? "灵活就业 " + ContractTerm(*c) + "，" + registry::MonthText(q.from_month) + " 至 " +
                   registry::MonthText(q.through_month) + " 缴纳养老/医疗保险 " + std::to_string(months.value_or(0)) + " 个月"
             : std::string("决定日无灵活就业记录");
  };
  std::optional<bool> insured = !c ? std::optional<bool>(false) : months ? std::optional<bool>(*months > 0) : std::nullopt;
  ev.CheckKnown("flexible_insured", "A3(十二)", "灵活就业后缴纳社会保险费", insured, seen,
                "须在决定日灵活就业并已缴纳社会保险费", kMissingContributions);
  if (auto max = ev.Param("r10.max_months")) {
    if (months) {
      ev.Check("within_max_months", "A3(十二)", "补贴期限内（假定最长36个月）", *months <= *max, seen, "补贴期限已满");
    }
  }
  auto wage = ev.Param("r10.avg_wage_prev_year");
  auto base = ev.Param("r10.base_percent_bp");
  auto rate = ev.Param("r10.contribution_rate_bp");
  auto num = ev.Param("r10.share_numerator");
  auto den = ev.Param("r10.share_denominator");
  int64_t amount = 0;
  if (wage && base && rate && num && den && *den > 0) {
    const int64_t annual_base = *wage * *base / 10000;
    const int64_t monthly = annual_base * *rate / (10000 * 12);
    amount = monthly * *num / *den;
    ev.Step([&] { return std::string("缴费基数 " + FormatYuan(*wage) + " × " + Bp(*base) + " = " + FormatYuan(annual_base) + "/年"); });
    ev.Step([&] { return std::string("月缴费 " + FormatYuan(annual_base) + " × " + Bp(*rate) + " ÷ 12 = " + FormatYuan(monthly) + "（向下取整到分）"); });
    ev.Step([&] { return std::string("补贴 " + FormatYuan(monthly) + " × " + std::to_string(*num) + "/" + std::to_string(*den) + " = " +
            FormatYuan(amount) + "/月（向下取整到分）"); });
  }
  out.push_back(ev.Finish(amount, Fund::kEmploymentSubsidy));
}

}  // namespace qjy::policy::rules
