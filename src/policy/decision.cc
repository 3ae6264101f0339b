#include "policy/decision.h"

#include <cstdio>

#include "core/clause_display.h"
#include "policy/closeness.h"

namespace qjy::policy {

std::string_view FundCode(Fund f) {
  switch (f) {
    case Fund::kNone: return "none";
    case Fund::kEmploymentSubsidy: return "employment_subsidy";
    case Fund::kUnemploymentInsurance: return "unemployment_insurance";
    case Fund::kLinkage: return "linkage";
    case Fund::kGuaranteedLoan: return "guaranteed_loan";
  }
  return "none";
}

std::string_view FundLabel(Fund f) {
  switch (f) {
    case Fund::kNone: return "无";
    case Fund::kEmploymentSubsidy: return "就业补助资金";
    case Fund::kUnemploymentInsurance: return "失业保险基金";
    case Fund::kLinkage: return "衔接资金";
    case Fund::kGuaranteedLoan: return "创业担保贷款";
  }
  return "无";
}

Fund ParseFund(std::string_view s) {
  for (Fund f : {Fund::kEmploymentSubsidy, Fund::kUnemploymentInsurance, Fund::kLinkage,
                 Fund::kGuaranteedLoan, Fund::kNone}) {
    if (s == FundCode(f) || s == FundLabel(f)) return f;
  }
  return Fund::kNone;
}

std::vector<std::string> Decision::WhyNot() const {
  std::vector<std::string> out;
  for (const auto& c : conditions) {
    if (!c.pass) out.push_back(c.fix.empty() ? c.text : c.fix);
  }
  return out;
}

std::string FormatYuan(int64_t fen) {
  const bool neg = fen < 0;
  if (neg) fen = -fen;
  std::string yuan = std::to_string(fen / 100);
  for (int i = static_cast<int>(yuan.size()) - 3; i > 0; i -= 3) yuan.insert(i, ",");
  char cents[8];
  std::snprintf(cents, sizeof cents, ".%02d", static_cast<int>(fen % 100));
  return (neg ? "-" : "") + yuan + cents + "元";
}

nlohmann::json ToJson(const Decision& d) {
  nlohmann::json conds = nlohmann::json::array();
  for (const auto& c : d.conditions) {
    conds.push_back({{"id", c.id}, {"clause", c.clause}, {"clause_text", DisplayClause(c.clause)}, {"text", c.text}, {"seen", c.seen},
                     {"pass", c.pass}, {"fix", c.fix}, {"unknown", c.unknown}});
  }
  return {{"rule", d.rule},
          {"title", d.title},
          {"date", d.date},
          {"eligible", d.eligible},
          {"loan", d.loan},
          {"amount_fen", d.amount_fen},
          {"amount", FormatYuan(d.amount_fen)},
          {"fund", FundCode(d.fund)},
          {"fund_label", FundLabel(d.fund)},
          {"beneficiary", d.beneficiary},
          {"person_id", d.person_id},
          {"employer_code", d.employer_code},
          {"period", d.period},
          {"county_code", d.county_code},
          {"once_key", d.once_key},
          {"conditions", conds},
          {"amount_steps", d.amount_steps},
          {"params_used", d.params_used},
          {"missing_data", d.missing_data},
          {"why_not", d.WhyNot()},
          {"closeness", ClosenessCode(ClosenessOf(d))},
          {"delivery", DeliveryLabel(d)}};
}

std::string ToText(const Decision& d) {
  std::string s = d.rule + " " + d.title + "：" + (d.eligible ? "符合" : "不符合");
  if (d.eligible) {
    s += "，" + std::string(d.loan ? "可贷额度 " : "金额 ") + FormatYuan(d.amount_fen) + "，资金：" +
         std::string(FundLabel(d.fund));
  }
  s += "\n  对象 " + d.beneficiary;
  if (d.person_id) s += "，人员 " + std::to_string(d.person_id);
  s += "，期间 " + d.period + "\n";
  for (const auto& c : d.conditions) {
    s += std::string("  [") + (c.pass ? "✓" : c.unknown ? "?" : "✗") + "] " + DisplayClause(c.clause) + " " + c.text + "；实际：" + c.seen;
    if (!c.pass && !c.fix.empty()) s += "；需：" + c.fix;
    s += "\n";
  }
  for (const auto& a : d.amount_steps) s += "  计算：" + a + "\n";
  for (const auto& m : d.missing_data) s += "  缺少数据：" + m + "\n";
  return s;
}

}  // namespace qjy::policy
