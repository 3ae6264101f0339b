// One-time hiring subsidies paid to the employer per person hired:
// R2 A1(一), R3 A3(六)3 + main(七), R4 A2(八) + main(九), R5 A2(十四) + main(九).
// Each is paid once per (employer, person): the period of the key is "once".
#include <algorithm>

#include "policy/rules/rules.h"
#include "policy/rules/workshop_facts.h"
#include "registry/codes.h"
#include "registry/contribution.h"

namespace qjy::policy::rules {
namespace {

using registry::EmployerType;
using registry::Group;

// Checks common to the hiring subsidies: hire within [policy start,
// valid-until] (valid-until inclusive; an empty name: no end), contract term.
void CheckHire(Eval& ev, const Ctx& ctx, const registry::Contract& c, const char* clause,
               const std::string& valid_until_param, const std::string& years_param) {
  if (auto start = ev.Param("common.policy_start")) {
    const Date s = Date::FromDays(static_cast<int32_t>(*start));
    ev.Check("hired_in_period", clause, "招用日期不早于政策发布日", c.start_on >= s,
             [&] { return c.start_on.ToString() + "（政策自 " + s.ToString() + "）"; }, "招用须在政策发布之后");
  }
  if (!valid_until_param.empty()) {
    if (auto until = ev.Param(valid_until_param)) {
      const Date u = Date::FromDays(static_cast<int32_t>(*until));
      ev.Check("hired_by_valid_until", clause, "招用日期不晚于政策实施期限（含当日）", c.start_on <= u,
               [&] { return c.start_on.ToString() + "（期限 " + u.ToString() + "）"; },
               "招用须在政策实施期限内，或期限被延长");
    }
  }
  ev.Check("hired_by_decision_date", clause, "劳动合同已开始履行", c.start_on <= ctx.date,
           [&] { return c.start_on.ToString(); }, "须待合同开始履行");
  if (auto years = ev.Param(years_param)) {
    ev.Check("contract_1yr", clause, "签订1年以上劳动合同（含1年）", ContractAtLeastYears(c, static_cast<int>(*years)),
             [&] { return ContractTerm(c); }, "劳动合同期限须至少1年");
  }
}

// "缴纳社会保险费N个月": the months this employer paid any insurance kind
// for the person, from the hire's month to the decision date's month, as
// the insurance system recorded them (never the contract's length).
// Unknown when the registry holds no contribution month of the person.
void CheckSocialInsurance(Eval& ev, const Ctx& ctx, const registry::Contract& c, const char* clause,
                          const std::string& param, const char* text) {
  if (auto m = ev.Param(param)) {
    MonthQuery q;
    q.payer = &c.employer_credit_code;
    q.from_month = registry::MonthOf(c.start_on);
    q.through_month = registry::MonthOf(ctx.date);
    const std::optional<int> months = ctx.world.InsuredMonths(c.person_id, q);
    ev.CheckKnown("si_months", clause, text, months ? std::optional<bool>(*months >= *m) : std::nullopt,
                  [&] {
                    return "本单位 " + registry::MonthText(q.from_month) + " 至 " + registry::MonthText(q.through_month) +
                           " 为其缴费 " + std::to_string(months.value_or(0)) + " 个月";
                  },
                  "社会保险费缴纳月数须达到要求", kMissingContributions);
  }
}

// The employer, which must be registered and insured within the rule's
// jurisdiction (`jurisdiction`: its *.payee_insured_region parameter).
const registry::Employer* EmployerOf(Eval& ev, const Ctx& ctx, const registry::Contract& c,
                                     const char* clause, const char* jurisdiction) {
  const registry::Employer* e = ctx.world.EmployerOf(c);
  ev.Check("employer_known", clause, "用人单位在登记库中", e != nullptr,
           [&] { return c.employer_credit_code; }, "用人单位须先登记");
  if (e) EmployerInJurisdiction(ev, *e, jurisdiction);
  return e;
}

std::string EmployerRegion(const registry::Employer* e, const registry::Contract& c) {
  return e ? e->county_code : c.county_code;
}

}  // namespace

void R2(const Ctx& ctx, const registry::Contract& c, Out& out) {
  const registry::Person* gate = ctx.world.PersonOf(c);
  if (SweepSkips(ctx, SweepHireMayPass(ctx, ctx.world.StartDayOf(c), 2) && gate &&
                          ((ctx.world.EverIn(*gate, Group::kCollegeGraduate) && gate->school_left_on) ||
                           !ctx.world.RegistrationsOf(*gate).empty()))) {
    return;
  }
  const registry::Employer* e = ctx.world.EmployerOf(c);
  Eval ev(ctx, "R2", "一次性吸纳就业补贴（高校毕业生和青年）", EmployerRegion(e, c));
  EmployerOf(ev, ctx, c, "A1(一)", "r2.payee_insured_region");
  if (e) {
    ev.Check("employer_enterprise", "A1(一)", "招用单位为企业",
             e->type == EmployerType::kEnterprise || e->type == EmployerType::kHrAgency,
             [&] { return std::string(registry::Label(e->type)); }, "招用单位须为企业");
  }
  const registry::Person* p = ctx.world.PersonOf(c);
  auto grad_years = ev.Param("r2.graduate_years");
  auto min_age = ev.Param("r2.youth_min_age");
  auto max_age = ev.Param("r2.youth_max_age");
  if (p && grad_years && min_age && max_age) {
    const bool graduate = InGroup(*p, Group::kCollegeGraduate, c.start_on) && p->school_left_on.has_value();
    const bool graduation_year = graduate && p->school_left_on->year() == c.start_on.year();
    bool within_years = false;
    if (graduate && !graduation_year && c.start_on <= p->school_left_on->AddYears(static_cast<int>(*grad_years))) {
      // "离校2年内未就业": no other contract began between leaving school and this hire.
      within_years = std::none_of(ctx.world.ContractsOf(*p).begin(),
                                  ctx.world.ContractsOf(*p).end(), [&](uint32_t i) {
                                    const auto& o = ctx.world.contracts[i];
                                    return &o != &c && o.start_on >= *p->school_left_on && o.start_on < c.start_on;
                                  });
    }
    const int age = c.start_on.YearsSince(p->birth_date);
    const bool youth = age >= *min_age && age <= *max_age &&
                       ActiveRegistration(ctx.world, *p, c.start_on) != nullptr;
    ev.Check("target_group", "A1(一)",
             "毕业年度或离校2年内未就业高校毕业生，或登记失业的16—24岁青年（含16岁、24岁）",
             graduation_year || within_years || youth,
             [&] {
               std::string s = "招用时 " + std::to_string(age) + " 岁";
               s += ActiveRegistration(ctx.world, *p, c.start_on) ? "，登记失业" : "，未登记失业";
               if (graduate) s += "，高校毕业生，离校 " + p->school_left_on->ToString();
               if (graduation_year) s += "（毕业年度）";
               if (within_years) s += "（离校2年内未就业）";
               return s;
             },
             "被招用人须为毕业年度/离校2年内未就业的高校毕业生，或招用时已登记失业且年满16周岁未满25周岁");
  } else if (!p) {
    ev.Check("person_known", "A1(一)", "被招用人在登记库中", false, [&] { return std::to_string(c.person_id); },
             "被招用人须先登记");
  }
  if (ev.Dead()) return;
  ev.SetSubject("E:" + c.employer_credit_code, c.person_id, c.employer_credit_code, "once");
  CheckHire(ev, ctx, c, "A1(一)", "r2.valid_until", "r2.contract_min_years");
  auto amount = ev.Param("r2.amount");
  if (amount) ev.Step([&] { return std::string("每人 " + FormatYuan(*amount)); });
  out.push_back(ev.Finish(amount.value_or(0), Fund::kEmploymentSubsidy));
}

void R3(const Ctx& ctx, const registry::Contract& c, Out& out) {
  const registry::Person* gate = ctx.world.PersonOf(c);
  if (SweepSkips(ctx, SweepHireMayPass(ctx, ctx.world.StartDayOf(c), 3) &&
                          (gate ? !ctx.world.RegistrationsOf(*gate).empty() : !ctx.world.RegistrationsOf(c.person_id).empty()))) {
    return;
  }
  const registry::Employer* e = ctx.world.EmployerOf(c);
  Eval ev(ctx, "R3", "一次性吸纳就业补贴（登记失业半年以上人员）", EmployerRegion(e, c));
  EmployerOf(ev, ctx, c, "A3(六)3", "r3.payee_insured_region");
  if (e) {
    ev.Check("employer_enterprise", "A3(六)3", "招用单位为企业",
             e->type == EmployerType::kEnterprise || e->type == EmployerType::kHrAgency,
             [&] { return std::string(registry::Label(e->type)); }, "招用单位须为企业");
  }
  if (auto months = ev.Param("r3.min_registered_months")) {
    const registry::Person* person = ctx.world.PersonOf(c);
    const Registration* r = person ? ActiveRegistration(ctx.world, *person, c.start_on)
                                   : ActiveRegistration(ctx.world, c.person_id, c.start_on);
    // "登记失业半年以上" includes exactly six calendar months.
    const bool ok = r && r->registered_on.AddMonths(static_cast<int>(*months)) <= c.start_on;
    ev.Check("registered_6m", "A3(六)3", "招用时登记失业半年以上（含6个月）", ok,
             [&] { return r ? "自 " + r->registered_on.ToString() + " 登记失业，已 " +
                                  std::to_string(FullMonths(r->registered_on, c.start_on)) + " 个月"
                            : std::string("招用时未登记失业"); },
             "被招用人须在招用时已连续登记失业满6个月");
  }
  if (ev.Dead()) return;
  ev.SetSubject("E:" + c.employer_credit_code, c.person_id, c.employer_credit_code, "once");
  CheckHire(ev, ctx, c, "A3(六)3", "r3.valid_until", "r3.contract_min_years");
  CheckSocialInsurance(ev, ctx, c, "A3(六)3", "r3.min_si_months", "缴纳社会保险费3个月以上（含3个月）");
  auto amount = ev.Param("r3.amount");
  if (amount) ev.Step([&] { return std::string("每人 " + FormatYuan(*amount)); });
  out.push_back(ev.Finish(amount.value_or(0), Fund::kEmploymentSubsidy));
}

void R4(const Ctx& ctx, const registry::Contract& c, Out& out) {
  const registry::Person* gate = ctx.world.PersonOf(c);
  if (SweepSkips(ctx, SweepHireMayPass(ctx, ctx.world.StartDayOf(c), 4) && gate &&
                          ctx.world.EverIn(*gate, Group::kReturnedRuralLabour))) {
    return;
  }
  const registry::Employer* e = ctx.world.EmployerOf(c);
  Eval ev(ctx, "R4", "一次性吸纳就业补贴（新返乡农村劳动力）", EmployerRegion(e, c));
  EmployerOf(ev, ctx, c, "A2(八)", "r4.payee_insured_region");
  if (e) {
    // "各类生产经营主体": not public institutions, social organisations or foundations.
    const bool business = e->type != EmployerType::kPublicInstitution &&
                          e->type != EmployerType::kSocialOrganisation && e->type != EmployerType::kFoundation;
    ev.Check("employer_business", "A2(八)", "各类生产经营主体", business,
             [&] { return std::string(registry::Label(e->type)); }, "招用单位须为生产经营主体");
  }
  const registry::Person* p = ctx.world.PersonOf(c);
  ev.Check("returned_rural", "A2(八)", "被招用人为新返乡农村劳动力（招用时）",
           p && InGroup(*p, Group::kReturnedRuralLabour, c.start_on),
           [&] { return p ? GroupsText(*p, c.start_on) : std::string("未登记"); },
           "被招用人须在招用时为新返乡农村劳动力");
  if (ev.Dead()) return;
  ev.SetSubject("E:" + c.employer_credit_code, c.person_id, c.employer_credit_code, "once");
  CheckHire(ev, ctx, c, "A2(八)", "r4.valid_until", "r4.contract_min_years");
  CheckSocialInsurance(ev, ctx, c, "A2(八)", "r4.min_si_months", "缴纳社会保险费3个月（含3个月）");
  auto amount = ev.Param("r4.amount");
  if (amount) ev.Step([&] { return std::string("每人 " + FormatYuan(*amount)); });
  out.push_back(ev.Finish(amount.value_or(0), Fund::kEmploymentSubsidy));
}

void R5(const Ctx& ctx, const registry::Contract& c, Out& out) {
  const registry::Person* gate = ctx.world.PersonOf(c);
  if (SweepSkips(ctx, SweepHireMayPass(ctx, ctx.world.StartDayOf(c), 5) && gate &&
                          (ctx.world.EverIn(*gate, Group::kPovertyAlleviated) ||
                           ctx.world.EverIn(*gate, Group::kMonitoringObject)))) {
    return;
  }
  const registry::Employer* e = ctx.world.EmployerOf(c);
  Eval ev(ctx, "R5", "一次性吸纳就业补贴（脱贫人口）", EmployerRegion(e, c));
  EmployerOf(ev, ctx, c, "A2(十四)", "r5.payee_insured_region");
  if (e) {
    // A 就业帮扶车间 is one the county's workshop registry shows recognised
    // on the decision date, not an employer registered as one.
    const bool kind = e->type == EmployerType::kCooperative || e->type == EmployerType::kLargeGrower ||
                      e->type == EmployerType::kFamilyFarm || IsSmallOrMicro(*e);
    const Workshop* ws = kind ? nullptr : RecognisedWorkshopOf(ctx.world, e->credit_code, ctx.date);
    const char* text = "农民专业合作社、种养大户、家庭农场、就业帮扶车间（经认定）、小微企业等";
    auto seen = [&] {
      std::string s = std::string(registry::Label(e->type)) + "，" + std::string(registry::Label(e->size));
      if (ws) return s + "；运营已认定的就业帮扶车间「" + ws->name + "」（" + WorkshopStatusText(*ws) + "）";
      for (uint32_t i : ctx.world.WorkshopsOfOperator(e->credit_code)) {
        s += "；就业帮扶车间「" + ctx.world.workshops[i].name + "」" + WorkshopStatusText(ctx.world.workshops[i]);
      }
      return s;
    };
    if (!kind && !ws && !ctx.world.workshops_known && e->type == EmployerType::kAssistanceWorkshop) {
      // Registered as a workshop, but the recognition registry is not here.
      ev.CheckKnown("employer_kind", "A2(十四)", text, std::nullopt, seen, "", kMissingWorkshopRegistry);
    } else {
      ev.Check("employer_kind", "A2(十四)", text, kind || ws != nullptr, seen,
               "招用单位须为合作社、种养大户、家庭农场、经认定的就业帮扶车间或小微企业");
    }
  }
  const registry::Person* p = ctx.world.PersonOf(c);
  // main(九): 脱贫人口含监测对象.
  ev.Check("poverty_alleviated", "A2(十四)", "被招用人为脱贫人口（含监测对象）",
           p && (InGroup(*p, Group::kPovertyAlleviated, c.start_on) || InGroup(*p, Group::kMonitoringObject, c.start_on)),
           [&] { return p ? GroupsText(*p, c.start_on) : std::string("未登记"); }, "被招用人须为脱贫人口或监测对象");
  if (ev.Dead()) return;
  ev.SetSubject("E:" + c.employer_credit_code, c.person_id, c.employer_credit_code, "once");
  CheckHire(ev, ctx, c, "A2(十四)", "", "r5.contract_min_years");
  if (auto m = ev.Param("r5.min_stable_months")) {
    ev.Check("stable_3m", "A2(十四)", "稳定就业3个月以上（含3个月）", StableMonths(c, static_cast<int>(*m), ctx.date),
             [&] { return ContractTerm(c) + "，至 " + ctx.date.ToString() + " 满 " +
                          std::to_string(FullMonths(c.start_on, ctx.date)) + " 个月"; },
             "须稳定就业满3个月");
  }
  CheckSocialInsurance(ev, ctx, c, "A2(十四)", "r5.min_si_months", "缴纳社会保险费");
  auto amount = ev.Param("r5.amount");
  if (amount) ev.Step([&] { return std::string("每人 " + FormatYuan(*amount)); });
  out.push_back(ev.Finish(amount.value_or(0), Fund::kLinkage));
}

}  // namespace qjy::policy::rules
