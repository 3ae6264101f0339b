#include "benefits/living_subsidy.h"

#include <algorithm>

#include "policy/decision.h"

namespace qjy::benefits {

std::string_view SubsidyKindCode(SubsidyKind k) {
  return k == SubsidyKind::kUiSubsidy ? "ui_subsidy" : "migrant_lump";
}
std::string_view SubsidyKindLabel(SubsidyKind k) {
  return k == SubsidyKind::kUiSubsidy ? "失业补助金" : "失业农民工一次性生活补助";
}
std::optional<SubsidyKind> ParseSubsidyKind(std::string_view s) {
  for (SubsidyKind k : {SubsidyKind::kUiSubsidy, SubsidyKind::kMigrantLump}) {
    if (s == SubsidyKindCode(k) || s == SubsidyKindLabel(k)) return k;
  }
  if (s == "一次性生活补助") return SubsidyKind::kMigrantLump;
  return std::nullopt;
}

std::string_view TriCode(Tri t) {
  switch (t) {
    case Tri::kMet: return "met";
    case Tri::kNotMet: return "not_met";
    case Tri::kUnknown: return "unknown";
  }
  return "";
}
std::string_view TriLabel(Tri t) {
  switch (t) {
    case Tri::kMet: return "符合";
    case Tri::kNotMet: return "不符合";
    case Tri::kUnknown: return "无法判断";
  }
  return "";
}

int FullMonthsWorked(Date start, Date last_day) {
  const Date after = last_day.AddDays(1);
  if (after <= start) return 0;
  int n = (after.year() - start.year()) * 12 + (after.month() - start.month());
  while (n > 0 && after < start.AddMonths(n)) --n;
  return std::max(n, 0);
}

nlohmann::json ConditionsJson(const std::vector<Condition>& cs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : cs) {
    out.push_back({{"name", c.name}, {"state", TriCode(c.state)}, {"state_label", TriLabel(c.state)},
                   {"detail", c.detail}});
  }
  return out;
}

namespace {

Condition Unemployed(const SubsidyFacts& f) {
  if (f.employed) return {"已中断就业", Tri::kNotMet, "申请当月" + *f.employed};
  return {"已中断就业", Tri::kMet, "申请当月无社会保险缴费，无在履行的劳动合同"};
}
Condition NoActiveUi(const SubsidyFacts& f) {
  if (f.active_ui_claim != 0) {
    return {"未在领取失业保险金", Tri::kNotMet,
            "正在领取失业保险金（申请编号 " + std::to_string(f.active_ui_claim) + "），不能同时领取"};
  }
  return {"未在领取失业保险金", Tri::kMet, "无在领的失业保险金"};
}
// `served_as`: the A3(二) category the registration should carry.
Condition Registered(const SubsidyFacts& f, const std::string& served_as) {
  const std::string name = "已办理失业登记（附件3（二）参照登记失业人员服务）";
  if (!f.registered) return {name, Tri::kUnknown, "本库未保存失业登记记录，无法核实"};
  if (!*f.registered) {
    return {name, Tri::kNotMet,
            "无未注销的失业登记：请先办理失业登记（服务对象类别“" + served_as + "”）后再申请"};
  }
  return {name, Tri::kMet, "有未注销的失业登记"};
}

}  // namespace

SubsidyDecision DecideSubsidy(SubsidyKind kind, const BenefitParams& p, const SubsidyFacts& f) {
  SubsidyDecision d;
  d.params_used = p.used;
  auto& cs = d.conditions;
  if (kind == SubsidyKind::kUiSubsidy) {
    cs.push_back({"参保失业人员", f.ui_months > 0 ? Tri::kMet : Tri::kNotMet,
                  "申请前累计缴纳失业保险费" + std::to_string(f.ui_months) + "个月"});
    if (!f.ui_claim_over.empty()) {
      cs.push_back({"不符合领取失业保险金条件或领取期满", Tri::kMet, f.ui_claim_over});
    } else if (f.ui_months < p.min_months) {
      cs.push_back({"不符合领取失业保险金条件或领取期满", Tri::kMet,
                    "累计缴费" + std::to_string(f.ui_months) + "个月，不足" + std::to_string(p.min_months) +
                        "个月，不符合领取失业保险金条件（《失业保险条例》第十四条）"});
    } else {
      cs.push_back({"不符合领取失业保险金条件或领取期满", Tri::kNotMet,
                    "累计缴费" + std::to_string(f.ui_months) + "个月，已满" + std::to_string(p.min_months) +
                        "个月，应申领失业保险金"});
    }
    cs.push_back(Unemployed(f));
    cs.push_back(NoActiveUi(f));
    cs.push_back(Registered(f, "领取失业补助金人员"));
    cs.push_back(f.duplicate_claim != 0
                     ? Condition{"本次失业未领取过失业补助金", Tri::kNotMet,
                                 "本次失业已核准失业补助金（申请编号 " + std::to_string(f.duplicate_claim) + "）"}
                     : Condition{"本次失业未领取过失业补助金", Tri::kMet, "无"});
    d.months = p.subsidy_months;
    d.monthly_fen = p.MonthlyBenefitFen() * p.subsidy_share_bp / 10000;
  } else {
    cs.push_back(f.rural ? Condition{"农民合同制工人（《失业保险条例》第二十一条）", Tri::kMet, "登记为农村劳动力"}
                         : Condition{"农民合同制工人（《失业保险条例》第二十一条）", Tri::kUnknown,
                                     "登记库未记录其为农村劳动力，户籍性质无法核实"});
    int worked = -1;
    if (!f.end) {
      cs.push_back({"劳动合同期满未续订或者提前解除", Tri::kUnknown, "登记库中没有最近一次劳动合同终止或解除的记录"});
    } else if (f.end->reason == "retired" || f.end->reason == "death") {
      cs.push_back({"劳动合同期满未续订或者提前解除", Tri::kNotMet, EndText(*f.end)});
    } else {
      cs.push_back({"劳动合同期满未续订或者提前解除", Tri::kMet, EndText(*f.end)});
    }
    const std::string need = "在本单位连续工作满" + std::to_string(p.migrant_min_work_months) + "个月";
    if (!f.end || !f.end->start_on) {
      cs.push_back({need, Tri::kUnknown, "登记库中没有该单位劳动合同的开始日期"});
    } else {
      worked = FullMonthsWorked(*f.end->start_on, f.end->on);
      cs.push_back({need, worked >= p.migrant_min_work_months ? Tri::kMet : Tri::kNotMet,
                    f.end->start_on->ToString() + " 至 " + f.end->on.ToString() + "，连续工作满" +
                        std::to_string(worked) + "个月"});
    }
    if (f.end) {
      cs.push_back({"本单位已缴纳失业保险费", f.employer_ui_months > 0 ? Tri::kMet : Tri::kNotMet,
                    "单位 " + f.end->employer + " 为其缴纳失业保险费" + std::to_string(f.employer_ui_months) + "个月"});
    } else {
      cs.push_back({"本单位已缴纳失业保险费", Tri::kUnknown, "不知道最后的用人单位"});
    }
    cs.push_back(Unemployed(f));
    cs.push_back(NoActiveUi(f));
    cs.push_back(Registered(f, "领取一次性生活补助的失业农民工"));
    cs.push_back(f.duplicate_claim != 0
                     ? Condition{"该次合同终止未领取过一次性生活补助", Tri::kNotMet,
                                 "已核准（申请编号 " + std::to_string(f.duplicate_claim) + "）"}
                     : Condition{"该次合同终止未领取过一次性生活补助", Tri::kMet, "无"});
    d.months = 1;
    const int years = std::min(worked < 0 ? 0 : worked / 12, p.migrant_max_years);
    d.monthly_fen = years * p.migrant_per_year_fen;
  }
  const bool no = std::any_of(cs.begin(), cs.end(), [](const Condition& c) { return c.state == Tri::kNotMet; });
  const bool unknown = std::any_of(cs.begin(), cs.end(), [](const Condition& c) { return c.state == Tri::kUnknown; });
  d.outcome = no ? "refused" : unknown ? "undetermined" : "granted";
  std::string why;
  for (const auto& c : cs) {
    if ((no && c.state == Tri::kNotMet) || (!no && unknown && c.state == Tri::kUnknown)) {
      why += (why.empty() ? "" : "；") + c.name + "：" + c.detail;
    }
  }
  const std::string label(SubsidyKindLabel(kind));
  if (d.outcome == "granted") {
    d.text = kind == SubsidyKind::kUiSubsidy
                 ? label + "：各项条件均符合，按月发放" + std::to_string(d.months) + "个月，每月" +
                       policy::FormatYuan(d.monthly_fen) + "（附件3（二））"
                 : label + "：各项条件均符合，一次性发放" + policy::FormatYuan(d.monthly_fen) + "（《失业保险条例》第二十一条）";
  } else if (d.outcome == "refused") {
    d.text = label + "不予核准：" + why;
  } else {
    d.text = label + "待核实：" + why;
  }
  if (d.outcome != "granted") d.monthly_fen = 0, d.months = kind == SubsidyKind::kUiSubsidy ? 0 : 1;
  return d;
}

}  // namespace qjy::benefits
