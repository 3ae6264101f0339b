// R16 社会保险补贴 for employers hiring the hard-to-employ (A3(六)3), per
// month; R17 充分就业社区 one-time award (A4(十五)).
#include <cstdio>

#include "policy/rules/rules.h"
#include "registry/contribution.h"

namespace qjy::policy::rules {
namespace {
constexpr char kMissingCommunityRecognition[] = "充分就业社区的认定级别和认定日期（社区名录未登记）";
}  // namespace

void R16(const Ctx& ctx, const registry::Contract& c, Out& out) {
  const registry::Person* gate = ctx.world.PersonOf(c);
  if (SweepSkips(ctx, gate && ctx.world.EverIn(*gate, registry::Group::kHardToEmploy))) return;
  const registry::Employer* e = ctx.world.EmployerOf(c);
  Eval ev(ctx, "R16", "社会保险补贴（单位招用就业困难人员）", e ? e->county_code : c.county_code);
  ev.Check("market_entity", "A3(六)3", "各类市场主体",
           e && e->type != registry::EmployerType::kPublicInstitution,
           [&] { return e ? std::string("已登记") : std::string("未登记"); }, "须为登记的市场主体");
  const registry::Person* p = ctx.world.PersonOf(c);
  ev.Check("hard_to_employ", "A3(六)3", "招用就业困难人员（招用时已认定）",
           p && InGroup(*p, registry::Group::kHardToEmploy, c.start_on),
           [&] { return p ? GroupsText(*p, c.start_on) : std::string("未登记"); }, "被招用人须为已认定的就业困难人员");
  if (ev.Dead()) return;
  char month[16];
  std::snprintf(month, sizeof month, "%04d-%02d", ctx.date.year(), ctx.date.month());
  ev.SetSubject("E:" + c.employer_credit_code, c.person_id, c.employer_credit_code, month);
  if (e) EmployerInJurisdiction(ev, *e, "r16.payee_insured_region");
  ev.Check("employed_now", "A3(六)3", "决定日劳动合同在履行", c.start_on <= ctx.date && (!c.end_on || ctx.date <= *c.end_on),
           [&] { return ContractTerm(c); }, "决定日须在合同期内");
  // Months this employer paid insurance for the person since the hire, up
  // to the decision month (the insurance system's records).
  MonthQuery q;
  q.payer = &c.employer_credit_code;
  q.from_month = registry::MonthOf(c.start_on);
  q.through_month = registry::MonthOf(ctx.date);
  const std::optional<int> months = ctx.world.InsuredMonths(c.person_id, q);
  auto seen = [&] {
    return "本单位 " + registry::MonthText(q.from_month) + " 至 " + registry::MonthText(q.through_month) + " 为其缴费 " +
           std::to_string(months.value_or(0)) + " 个月";
  };
  ev.CheckKnown("si_paid", "A3(六)3", "缴纳社会保险费", months ? std::optional<bool>(*months > 0) : std::nullopt, seen,
                "须为其缴纳社会保险费", kMissingContributions);
  if (auto max = ev.Param("r16.max_months")) {
    if (months) {
      ev.Check("within_max_months", "A3(六)3", "补贴期限内（假定最长36个月）", *months <= *max, seen, "补贴期限已满");
    }
  }
  auto amount = ev.Param("r16.monthly_amount");
  if (amount) ev.Step([&] { return std::string("每人每月 " + FormatYuan(*amount) + "（假定标准）"); });
  out.push_back(ev.Finish(amount.value_or(0), Fund::kEmploymentSubsidy));
}

// R17 reads the recognition officials recorded in the community registry
// (level and date), never a generated tier: nothing recorded is unknown.
void R17(const Ctx& ctx, const registry::ServiceSite& s, Out& out) {
  if (s.kind != registry::SiteKind::kFullEmploymentCommunity) return;
  const CommunityRecognition* rec = ctx.world.RecognitionOf(s.site_id);
  const std::string level = rec ? rec->level : std::string();
  const bool national = level == "national";
  const bool provincial = level == "province";
  if (SweepSkips(ctx, national || provincial)) return;
  Eval ev(ctx, "R17", "充分就业社区一次性补助", s.county_code);
  ev.SetSubject("S:" + std::to_string(s.site_id), 0, "", "once");
  const char* text = "认定为国家级或省级充分就业社区";
  if (level.empty()) {
    // Not assessed (network/community_store.h sets the recognition when an
    // assessment concludes) nor recorded from a notice: unknown, never "not
    // recognised".
    const std::string state = ctx.world.recognitions_known ? "未经评估认定，认定级别未登记" : "的认定名录未导入";
    ev.UnknownFact("recognised", "A4(十五)", text, "未知：「" + s.name + "」" + state,
                   "请在充分就业社区名录中完成申报评估，或登记其认定级别和认定日期", kMissingCommunityRecognition);
  } else {
    ev.Check("recognised", "A4(十五)", text, national || provincial,
             [&] {
               if (level == "prefecture") return std::string("市州级充分就业社区（原文对市州级未规定一次性补助）");
               if (level == "none") return std::string("未认定");
               return std::string(national ? "国家级" : "省级") + "充分就业社区";
             },
             "须被认定为国家级或省级充分就业社区");
  }
  const std::optional<Date> on = rec ? rec->recognised_on : std::nullopt;
  if (!level.empty() && level != "none") {
    ev.Check("recognised_by_date", "A4(十五)", "认定日期不晚于决定日", on && *on <= ctx.date,
             [&] { return on ? on->ToString() : std::string("无认定日期"); }, "须已完成认定");
    if (auto start = ev.Param("common.policy_start")) {
      ev.Check("recognised_in_period", "A4(十五)", "认定日期不早于政策发布日", on && on->days() >= *start,
               [&] { return on ? on->ToString() : std::string("无"); }, "须在政策发布后认定");
    }
  }
  std::optional<int64_t> amount;
  if (national) amount = ev.Param("r17.amount_national");
  if (provincial) amount = ev.Param("r17.amount_provincial");
  if (amount) ev.Step([&] { return std::string(std::string(national ? "国家级 " : "省级 ") + FormatYuan(*amount)); });
  out.push_back(ev.Finish(amount.value_or(0), Fund::kEmploymentSubsidy));
}

}  // namespace qjy::policy::rules
