// Start-ups: R12 一次性自主创业补贴 and R13 场所租赁补贴 (A3(九), A1(二)),
// R14 个人创业担保贷款 (A3(七), main(五)), R15 小微企业创业担保贷款 (A3(十)).
#include "policy/rules/rules.h"
#include "registry/codes.h"

namespace qjy::policy::rules {
namespace {

using registry::Group;

// Founders the start-up subsidies cover: registered unemployed at founding,
// graduates within N years of leaving school (A1(二)), returned overseas
// students (A1(二)), returned rural labour (A2(七)), the hard-to-employ and
// the poverty-alleviated.
bool EligibleFounder(const Ctx& ctx, const registry::Person& p, Date on, int64_t grad_years) {
  if (ActiveRegistration(ctx.world, p, on)) return true;
  if (InGroup(p, Group::kCollegeGraduate, on) && p.school_left_on &&
      on <= p.school_left_on->AddYears(static_cast<int>(grad_years))) {
    return true;
  }
  for (Group g : {Group::kReturnedOverseasStudent, Group::kReturnedRuralLabour, Group::kHardToEmploy,
                  Group::kPovertyAlleviated, Group::kMonitoringObject}) {
    if (InGroup(p, g, on)) return true;
  }
  return false;
}

// The conditions R12 and R13 share; returns the venture's employer.
void CheckVenture(Eval& ev, const Ctx& ctx, const registry::Person& p, const Venture& v) {
  const registry::Employer* e = ctx.world.Employer(v.credit_code);
  ev.Check("first_time", "A3(九)", "首次创办小微企业或从事个体经营", v.first_time,
           [&] { return v.first_time ? std::string("首次创业") : std::string("非首次创业"); }, "须为首次创业");
  ev.Check("small_micro", "A3(九)", "创办的是小微企业或个体工商户",
           e && (IsSmallOrMicro(*e) || e->type == registry::EmployerType::kIndividualBusiness),
           [&] { return e ? std::string(registry::Label(e->type)) + "，" + std::string(registry::Label(e->size))
                          : "未登记的主体 " + v.credit_code; },
           "须为小微企业或个体工商户");
  if (auto years = ev.Param("r12.min_operating_years")) {
    // "正常经营1年以上" includes exactly one year.
    ev.Check("operating_1yr", "A3(九)", "正常经营1年以上（含1年）",
             v.founded_on.AddYears(static_cast<int>(*years)) <= ctx.date,
             [&] { return "成立于 " + v.founded_on.ToString(); }, "须正常经营满1年");
  }
  if (auto gy = ev.Param("r12.graduate_years")) {
    ev.Check("founder_group", "A1(二)",
             "创业者为登记失业人员、离校5年内高校毕业生、留学回国人员、返乡入乡人员、就业困难人员或脱贫人口",
             EligibleFounder(ctx, p, v.founded_on, *gy), [&] { return GroupsText(p, v.founded_on); },
             "创业者须属于补贴对象");
  }
}

}  // namespace

void R12(const Ctx& ctx, const registry::Person& p, Out& out) {
  if (!ctx.explain && !ctx.world.HasVentures(p)) return;  // sweep gate: no record read
  const auto& idx = ctx.world.VenturesOf(p.person_id);
  if (idx.empty()) {
    if (!ctx.explain) return;
    Eval ev(ctx, "R12", "一次性自主创业补贴", p.county_code);
    ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, "", "none");
    ev.Check("venture", "A3(九)", "创办小微企业或从事个体经营", false, [] { return std::string("无创业记录"); },
             "须创办小微企业或从事个体经营");
    out.push_back(ev.Finish(0, Fund::kNone));
    return;
  }
  for (uint32_t i : idx) {
    const Venture& v = ctx.world.ventures[i];
    Eval ev(ctx, "R12", "一次性自主创业补贴", p.county_code);
    ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, v.credit_code, "once");
    PersonInJurisdiction(ev, p, "r12.payee_hukou_region");
    CheckVenture(ev, ctx, p, v);
    auto amount = ev.Param("r12.amount");
    if (amount) ev.Step([&] { return std::string("每户一次 " + FormatYuan(*amount) + "（假定标准）"); });
    out.push_back(ev.Finish(amount.value_or(0), Fund::kEmploymentSubsidy));
  }
}

void R13(const Ctx& ctx, const registry::Person& p, Out& out) {
  if (!ctx.explain && !ctx.world.HasVentures(p)) return;  // sweep gate: no record read
  for (uint32_t i : ctx.world.VenturesOf(p.person_id)) {
    const Venture& v = ctx.world.ventures[i];
    Eval ev(ctx, "R13", "创业场所租赁补贴", p.county_code);
    ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, v.credit_code, std::to_string(ctx.date.year()));
    PersonInJurisdiction(ev, p, "r13.payee_hukou_region");
    CheckVenture(ev, ctx, p, v);
    if (auto max = ev.Param("r13.max_years")) {
      const int year_index = ctx.date.year() - v.founded_on.year() + 1;
      ev.Check("within_years", "A3(九)", "自成立起补贴年限内（假定最长3年）", year_index <= *max,
               [&] { return "成立第 " + std::to_string(year_index) + " 个年度"; }, "补贴年限已满");
    }
    auto amount = ev.Param("r13.amount_per_year");
    if (amount) ev.Step([&] { return std::string("每年 " + FormatYuan(*amount) + "（假定标准）"); });
    out.push_back(ev.Finish(amount.value_or(0), Fund::kEmploymentSubsidy));
  }
}

void R14(const Ctx& ctx, const registry::Person& p, Out& out) {
  if (SweepSkips(ctx, !ctx.world.RegistrationsOf(p).empty() || ctx.world.HasVentures(p))) return;
  Eval ev(ctx, "R14", "个人创业担保贷款", p.county_code);
  const bool registered = ActiveRegistration(ctx.world, p, ctx.date) != nullptr;
  bool founder = false;
  if (auto gy = ctx.params.ValueAt("r12.graduate_years", ctx.date)) {
    for (uint32_t i : ctx.world.VenturesOf(p.person_id)) {
      founder |= EligibleFounder(ctx, p, ctx.world.ventures[i].founded_on, *gy);
    }
  }
  ev.Check("borrower", "A3(七)", "登记失业人员或其他符合条件的创业者", registered || founder,
           [&] { return std::string(registered ? "登记失业" : "未登记失业") + (founder ? "，符合条件的创业者" : ""); },
           "须为登记失业人员，或属于创业补贴对象的创业者");
  if (ev.Dead()) return;
  ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, "", std::to_string(ctx.date.year()));
  PersonInJurisdiction(ev, p, "r14.payee_hukou_region");
  auto cap = ev.Param("r14.max_loan_no_counter_guarantee");
  if (cap) ev.Step([&] { return std::string("免除反担保的贷款额度上限 " + FormatYuan(*cap) + "（10万元及以下）"); });
  out.push_back(ev.Finish(cap.value_or(0), Fund::kGuaranteedLoan, /*loan=*/true));
}

void R15(const Ctx& ctx, const registry::Employer& e, Out& out) {
  const std::span<const uint32_t> contracts = ctx.world.ContractsOf(e);
  const std::span<const int32_t> start_days = ctx.world.ContractStartDays();
  auto start_day = [&](uint32_t i) {
    return i < start_days.size() ? start_days[i] : ctx.world.contracts[i].start_on.days();
  };
  // "当年": hired from 1 January of the decision year up to the decision date.
  const Date year_start = Date::FromYmd(ctx.date.year(), 1, 1).value_or(ctx.date);
  // Sweep gate: a small or micro firm with staff, and enough hires this
  // year (counted from the start-day column) to reach the ratio even if
  // every one of them qualified.
  if (SweepSkips(ctx, IsSmallOrMicro(e) && e.insured_headcount > 0 && !contracts.empty())) return;
  if (!ctx.explain && ctx.cache) {
    const auto* ratio = ctx.cache->Uniform(ctx.params, "r15.new_hire_ratio_bp", ctx.date);
    const auto* threshold = ctx.cache->Uniform(ctx.params, "r15.large_staff_threshold", ctx.date);
    const auto* large_ratio = ctx.cache->Uniform(ctx.params, "r15.large_new_hire_ratio_bp", ctx.date);
    if (ratio && threshold && large_ratio && *ratio && *threshold && *large_ratio) {
      const int64_t need = e.insured_headcount > **threshold ? **large_ratio : **ratio;
      int64_t in_year = 0;
      for (uint32_t i : contracts) {
        const int32_t day = start_day(i);
        in_year += day >= year_start.days() && day <= ctx.date.days();
      }
      if (in_year * 10000 < need * e.insured_headcount) return;
    }
  }
  Eval ev(ctx, "R15", "小微企业创业担保贷款", e.county_code);
  ev.SetSubject("E:" + e.credit_code, 0, e.credit_code, std::to_string(ctx.date.year()));
  EmployerInJurisdiction(ev, e, "r15.payee_insured_region");
  ev.Check("small_micro", "A3(十)", "小微企业", IsSmallOrMicro(e),
           [&] { return std::string(registry::Label(e.size)); }, "须为小微企业");
  auto years = ev.Param("r15.contract_min_years");
  auto gy = ev.Param("r12.graduate_years");
  int hires = 0;
  if (years && gy) {
    // Groups that can make a founder (EligibleFounder); a person never in
    // one of them and never registered is skipped without reading the record.
    constexpr uint64_t kFounderGroups =
        (uint64_t{1} << static_cast<unsigned>(Group::kCollegeGraduate)) |
        (uint64_t{1} << static_cast<unsigned>(Group::kReturnedOverseasStudent)) |
        (uint64_t{1} << static_cast<unsigned>(Group::kReturnedRuralLabour)) |
        (uint64_t{1} << static_cast<unsigned>(Group::kHardToEmploy)) |
        (uint64_t{1} << static_cast<unsigned>(Group::kPovertyAlleviated)) |
        (uint64_t{1} << static_cast<unsigned>(Group::kMonitoringObject));
    for (uint32_t i : contracts) {
      const int32_t day = start_day(i);
      if (day < year_start.days() || day > ctx.date.days()) continue;
      const auto& c = ctx.world.contracts[i];
      if (!ContractAtLeastYears(c, static_cast<int>(*years))) continue;
      const registry::Person* p = ctx.world.PersonOf(c);
      if (!p || ((ctx.world.GroupsEver(*p) & kFounderGroups) == 0 && ctx.world.RegistrationsOf(*p).empty())) continue;
      if (EligibleFounder(ctx, *p, c.start_on, *gy)) ++hires;
    }
  }
  auto ratio = ev.Param("r15.new_hire_ratio_bp");
  auto threshold = ev.Param("r15.large_staff_threshold");
  auto large_ratio = ev.Param("r15.large_new_hire_ratio_bp");
  if (ratio && threshold && large_ratio) {
    const int staff = e.insured_headcount;
    // "超过100人" excludes 100: a firm of exactly 100 needs 15 %.
    const int64_t need = staff > *threshold ? *large_ratio : *ratio;
    ev.Check("new_hires_ratio", "A3(十)", "当年新招用符合条件人员达到现有职工15%（超过100人的达到8%），且签订1年以上劳动合同",
             staff > 0 && static_cast<int64_t>(hires) * 10000 >= need * staff,
             [&] { return "新招用 " + std::to_string(hires) + " 人 / 现有职工 " + std::to_string(staff) + " 人，须达 " + Bp(need); },
             "当年新招用符合创业担保贷款条件的人数须达到比例");
  }
  auto cap = ev.Param("r15.max_loan");
  if (cap) ev.Step([&] { return std::string("贷款额度上限 " + FormatYuan(*cap)); });
  out.push_back(ev.Finish(cap.value_or(0), Fund::kGuaranteedLoan, /*loan=*/true));
}

}  // namespace qjy::policy::rules
