// One decision of the engine: a rule applied to a beneficiary (and the
// person it concerns) on a date, with its explanation clause by clause.
// "Not eligible" is a Decision with eligible == false, never an error.
#ifndef QJY_POLICY_DECISION_H_
#define QJY_POLICY_DECISION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace qjy::policy {

// Which fund pays (POLICY-NOTES §3).
enum class Fund {
  kNone,
  kEmploymentSubsidy,      // 就业补助资金
  kUnemploymentInsurance,  // 失业保险基金
  kLinkage,                // 财政衔接推进乡村振兴补助资金（衔接资金）
  kGuaranteedLoan,         // 创业担保贷款（经办银行放贷，财政贴息）
};
std::string_view FundCode(Fund f);   // "employment_subsidy", ...
std::string_view FundLabel(Fund f);  // "就业补助资金", ...
Fund ParseFund(std::string_view code_or_label);  // kNone when unknown

struct Condition {
  std::string id;      // stable, for tests: "contract_1yr"
  std::string clause;  // "A1(一)"
  std::string text;    // the condition as the document states it
  std::string seen;    // the value seen in the data
  bool pass = false;
  std::string fix;     // for a failed condition: what would have to change
  // The registry does not hold the data to judge it (pass is false, but
  // the condition is not known to fail): `seen` names the missing data.
  bool unknown = false;
};

struct Decision {
  std::string rule;     // "R2"
  std::string title;    // "一次性吸纳就业补贴（青年）"
  std::string date;     // evaluation date YYYY-MM-DD
  bool eligible = false;
  bool loan = false;    // a loan entitlement is referred to a bank, not paid
  int64_t amount_fen = 0;
  Fund fund = Fund::kNone;
  std::string beneficiary;    // "E:<credit code>", "P:<person id>", "S:<site id>"
  int64_t person_id = 0;      // the person concerned (0: none)
  std::string employer_code;  // the employer concerned (may be empty)
  std::string period;         // what the once-only key counts: "once", "2023", "2023-10", a start date
  std::string county_code;    // county that pays (the beneficiary's)
  std::string once_key;       // rule|beneficiary|person|period: paid at most once
  std::vector<Condition> conditions;
  std::vector<std::string> amount_steps;  // how the amount was computed
  std::vector<std::string> params_used;   // "r2.amount = 100000 fen（A1(一)）"
  // Facts the registry does not hold that the decision needed (each named
  // once, in Chinese): such a decision is not eligible, and it says so
  // instead of treating the fact as false.
  std::vector<std::string> missing_data;

  // The failed conditions' fixes ("why not").
  std::vector<std::string> WhyNot() const;
};

nlohmann::json ToJson(const Decision& d);
// A readable Chinese block: rule, verdict, amount, every condition.
std::string ToText(const Decision& d);
// "1,000.00元"
std::string FormatYuan(int64_t fen);

}  // namespace qjy::policy

#endif  // QJY_POLICY_DECISION_H_
