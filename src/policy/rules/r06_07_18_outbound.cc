// Outbound work: R6 and R7 one-time transport subsidies (A2(四), main(九)),
// R18 one-time tracking-service subsidy to the organising agency (A2(四)).
// Cross-county / cross-province work is derived from the person's household
// registration and the contract's place of work (World::PlaceOf,
// registry/place.h); an unknown place of work is the unknown condition
// "work_place_known" (not known to fail), naming the missing data.
#include "policy/rules/rules.h"
#include "registry/codes.h"
#include "registry/place.h"

namespace qjy::policy::rules {
namespace {

using registry::Group;

// Evaluates `one` for each of the person's contracts and keeps the first
// eligible decision, else the last one (its refusal explains the latest
// contract); with no contract, `none` explains the refusal.
template <class One, class None>
void FirstEligible(const Ctx& ctx, const registry::Person& p, Out& out, One one, None none) {
  const auto& idx = ctx.world.ContractsOf(p);
  if (idx.empty()) {
    if (ctx.explain) out.push_back(none());
    return;
  }
  std::optional<Decision> last;
  for (uint32_t i : idx) {
    Decision d = one(ctx.world.contracts[i]);
    if (d.eligible) {
      out.push_back(std::move(d));
      return;
    }
    last = std::move(d);
  }
  out.push_back(std::move(*last));
}

using registry::WorkPlace;

// The place condition of an outbound rule: `pass` on the derived place, or
// a refusal naming the missing place of work when it is unknown.
void CheckPlace(Eval& ev, const char* id, const char* text, WorkPlace place, bool pass, const char* fix) {
  if (place == WorkPlace::kUnknown) {
    ev.UnknownFact("work_place_known", "A2(四)", text, "未知：缺少数据“工作地点”（劳动合同未登记工作地点）",
                   "补录劳动合同的工作地点后重新审核", "劳动合同的工作地点");
    return;
  }
  ev.Check(id, "A2(四)", text, pass, [&] { return std::string(registry::Label(place)); }, fix);
}

// 农民工 (A2): rural labour, including the rural groups R6 names.
bool RuralLabour(const registry::Person& p, Date date) {
  for (Group g : {Group::kRuralLabour, Group::kReturnedRuralLabour, Group::kPovertyAlleviated, Group::kMonitoringObject,
                  Group::kRelocated, Group::kDibao, Group::kTekun}) {
    if (InGroup(p, g, date)) return true;
  }
  return false;
}

bool PolicyStarted(Eval& ev, const registry::Contract& c, const char* clause) {
  auto start = ev.Param("common.policy_start");
  if (!start) return false;
  const Date s = Date::FromDays(static_cast<int32_t>(*start));
  return ev.Check("work_started_in_period", clause, "务工开始不早于政策发布日", c.start_on >= s,
                  [&] { return c.start_on.ToString(); }, "须为政策发布后开始的务工");
}

}  // namespace

void R6(const Ctx& ctx, const registry::Person& p, Out& out) {
  if (SweepSkips(ctx, (ctx.world.EverIn(p, Group::kPovertyAlleviated) || ctx.world.EverIn(p, Group::kMonitoringObject) ||
                       ctx.world.EverIn(p, Group::kRelocated) || ctx.world.EverIn(p, Group::kDibao) || ctx.world.EverIn(p, Group::kTekun)) &&
                          ctx.world.AnyContractWith(p, World::kCrossCounty | World::kCrossProvince))) {
    return;
  }
  const char* kTitle = "一次性交通补助（脱贫人口、易地搬迁人口、农村低收入人口）";
  auto one = [&](const registry::Contract& c) {
    Eval ev(ctx, "R6", kTitle, p.county_code);
    ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, "", "once");
    PersonInJurisdiction(ev, p, "r6.payee_hukou_region");
    const bool poverty = InGroup(p, Group::kPovertyAlleviated, c.start_on) || InGroup(p, Group::kMonitoringObject, c.start_on);
    const bool other = InGroup(p, Group::kRelocated, c.start_on) || InGroup(p, Group::kDibao, c.start_on) ||
                       InGroup(p, Group::kTekun, c.start_on);
    ev.Check("target_group", "A2(四)", "脱贫人口（含监测对象）、易地搬迁人口或农村低收入人口（低保、特困）",
             poverty || other, [&] { return GroupsText(p, c.start_on); }, "须为脱贫人口、易地搬迁人口或农村低收入人口");
    if (ev.Dead()) return ev.Finish(0, Fund::kNone);
    const WorkPlace place = ctx.world.PlaceOf(c);
    CheckPlace(ev, "cross_county", "跨县务工（工作地点在户籍县以外）", place,
               place == WorkPlace::kCrossCounty || place == WorkPlace::kCrossProvince, "须在户籍县以外务工");
    PolicyStarted(ev, c, "A2(四)");
    if (auto m = ev.Param("r6.min_stable_months")) {
      ev.Check("stable_3m", "A2(四)", "稳定就业3个月及以上", StableMonths(c, static_cast<int>(*m), ctx.date),
               [&] { return ContractTerm(c) + "，至 " + ctx.date.ToString() + " 满 " +
                            std::to_string(FullMonths(c.start_on, ctx.date)) + " 个月"; },
               "须稳定就业满3个月");
    }
    auto amount = ev.Param("r6.amount");
    // The poverty-alleviated are paid from the linkage fund; relocated,
    // 低保 and 特困 from the employment subsidy fund (A2(四)).
    const Fund fund = poverty ? Fund::kLinkage : Fund::kEmploymentSubsidy;
    if (amount) ev.Step([&] { return std::string("每人一次 " + FormatYuan(*amount) + "（“不超过500元”按上限发放），资金：" + std::string(FundLabel(fund))); });
    return ev.Finish(amount.value_or(0), fund);
  };
  auto none = [&] {
    Eval ev(ctx, "R6", kTitle, p.county_code);
    ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, "", "once");
    ev.Check("cross_county", "A2(四)", "跨县务工", false, [] { return std::string("无务工合同记录"); }, "须有跨县务工记录");
    return ev.Finish(0, Fund::kNone);
  };
  FirstEligible(ctx, p, out, one, none);
}

void R7(const Ctx& ctx, const registry::Person& p, Out& out) {
  if (SweepSkips(ctx, (ctx.world.EverIn(p, Group::kRuralLabour) || ctx.world.EverIn(p, Group::kReturnedRuralLabour)) &&
                          ctx.world.AnyContractWith(p, World::kCrossProvince))) {
    return;
  }
  const char* kTitle = "一次性交通补助（其他农村劳动力跨省务工）";
  auto one = [&](const registry::Contract& c) {
    Eval ev(ctx, "R7", kTitle, p.county_code);
    ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, "", "once");
    PersonInJurisdiction(ev, p, "r7.payee_hukou_region");
    const bool r6_group = InGroup(p, Group::kPovertyAlleviated, c.start_on) || InGroup(p, Group::kMonitoringObject, c.start_on) ||
                          InGroup(p, Group::kRelocated, c.start_on) || InGroup(p, Group::kDibao, c.start_on) ||
                          InGroup(p, Group::kTekun, c.start_on);
    ev.Check("other_rural", "A2(四)", "其他农村劳动力（不属于脱贫、搬迁、低收入人口）",
             (InGroup(p, Group::kRuralLabour, c.start_on) || InGroup(p, Group::kReturnedRuralLabour, c.start_on)) && !r6_group,
             [&] { return GroupsText(p, c.start_on); }, "须为农村劳动力（脱贫、搬迁、低收入人口另按“一次性交通补助（脱贫人口、易地搬迁人口、农村低收入人口）”办理）");
    if (ev.Dead()) return ev.Finish(0, Fund::kNone);
    const WorkPlace place = ctx.world.PlaceOf(c);
    CheckPlace(ev, "cross_province", "新跨省务工（工作地点在户籍省以外）", place, place == WorkPlace::kCrossProvince,
               "须为跨省务工");
    PolicyStarted(ev, c, "A2(四)");
    if (auto m = ev.Param("r7.min_stable_months")) {
      ev.Check("stable_3m", "A2(四)", "稳定就业3个月及以上", StableMonths(c, static_cast<int>(*m), ctx.date),
               [&] { return ContractTerm(c) + "，至 " + ctx.date.ToString() + " 满 " +
                            std::to_string(FullMonths(c.start_on, ctx.date)) + " 个月"; },
               "须稳定就业满3个月");
    }
    auto amount = ev.Param("r7.amount");
    if (amount) ev.Step([&] { return std::string("每人一次 " + FormatYuan(*amount)); });
    return ev.Finish(amount.value_or(0), Fund::kEmploymentSubsidy);
  };
  auto none = [&] {
    Eval ev(ctx, "R7", kTitle, p.county_code);
    ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, "", "once");
    ev.Check("cross_province", "A2(四)", "新跨省务工", false, [] { return std::string("无务工合同记录"); }, "须有跨省务工记录");
    return ev.Finish(0, Fund::kNone);
  };
  FirstEligible(ctx, p, out, one, none);
}

void R18(const Ctx& ctx, const registry::Employer& e, Out& out) {
  for (uint32_t i : ctx.world.PlacementsOfAgency(e.credit_code)) {
    const Placement& pl = ctx.world.placements[i];
    Eval ev(ctx, "R18", "一次性跟踪服务补贴", e.county_code);
    ev.SetSubject("E:" + e.credit_code, pl.person_id, e.credit_code, "once");
    EmployerInJurisdiction(ev, e, "r18.payee_insured_region");
    // 劳务公司 is an enterprise, 劳务合作社 a cooperative; 劳务经纪人 is a
    // kind of its own (registry::EmployerType::kLabourBroker).
    const bool kind = e.type == registry::EmployerType::kHrAgency || e.type == registry::EmployerType::kCooperative ||
                      e.type == registry::EmployerType::kEnterprise || e.type == registry::EmployerType::kLabourBroker;
    ev.Check("agency_kind", "A2(四)", "人力资源服务机构、劳务公司、劳务合作社、劳务经纪人", kind,
             [&] { return std::string(registry::Label(e.type)); },
             "组织者须为人力资源服务机构、劳务公司、劳务合作社或劳务经纪人");
    const registry::Person* p = ctx.world.Person(pl.person_id);
    ev.Check("rural_labour", "A2(四)", "被组织者为农民工（农村劳动力，含脱贫、搬迁、农村低收入人口）",
             p && RuralLabour(*p, pl.start_on), [&] { return p ? GroupsText(*p, pl.start_on) : std::string("未登记"); },
             "被组织外出者须为农村劳动力");
    const registry::Contract* c = nullptr;
    for (uint32_t k : ctx.world.ContractsOfPerson(pl.person_id)) {
      if (ctx.world.contracts[k].start_on == pl.start_on) c = &ctx.world.contracts[k];
    }
    if (c) {
      const WorkPlace place = ctx.world.PlaceOf(*c);
      CheckPlace(ev, "outbound", "组织农民工外出（跨县或跨省）就业", place,
                 place == WorkPlace::kCrossCounty || place == WorkPlace::kCrossProvince,
                 "须在户籍县以外务工");
    } else {
      ev.Check("outbound", "A2(四)", "组织农民工外出（跨县或跨省）就业", false,
               [] { return std::string("无对应劳动合同"); }, "须有自组织之日起的外出务工劳动合同");
    }
    // Organised before the document date: not under this policy (README).
    if (auto start = ev.Param("common.policy_start")) {
      const Date s = Date::FromDays(static_cast<int32_t>(*start));
      ev.Check("work_started_in_period", "A2(四)", "组织外出务工不早于政策发布日", pl.start_on >= s,
               [&] { return pl.start_on.ToString(); }, "须为政策发布后组织的外出务工");
    }
    if (auto m = ev.Param("r18.min_stable_months")) {
      ev.Check("stable_3m", "A2(四)", "外出稳定就业（3个月及以上，假定）", c && StableMonths(*c, static_cast<int>(*m), ctx.date),
               [&] { return c ? ContractTerm(*c) : std::string("无"); }, "须稳定就业满3个月");
    }
    auto amount = ev.Param("r18.amount");
    if (amount) ev.Step([&] { return std::string("每人一次 " + FormatYuan(*amount) + "（假定标准）"); });
    out.push_back(ev.Finish(amount.value_or(0), Fund::kEmploymentSubsidy));
  }
}

}  // namespace qjy::policy::rules
