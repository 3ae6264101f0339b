// 失业补助金 and 失业农民工一次性生活补助 (附件3（二）, 正文（十）): the
// conditions, each decided met / not met / unknown with its explanation, and
// the amounts, from facts gathered by subsidy_store.cc. Pure; thread-safe.
//
// 失业补助金 (ui_subsidy; 人社部发〔2020〕40号 as read in benefits.yaml):
//   1 参保失业人员: at least one UI contribution month before the first month;
//   2 不符合领取失业保险金条件或领取期满: fewer UI months than
//     benefits.min_contribution_months, or an earlier 失业保险金 claim ended
//     (期满) or refused;
//   3 已中断就业: no contribution or contract in force in the first month;
//   4 未在领取失业保险金: no active 失业保险金 claim;
//   5 已办理失业登记 (附件3（二）: served as registered unemployed, see
//     README): an open unemployment registration — unknown when the
//     registrations are not kept in this database;
//   6 本次失业未领取过失业补助金: no granted ui_subsidy claim applied for
//     after the last employment ended.
//   Amount: benefits.subsidy_months months of
//   floor(失业保险金月标准 × benefits.subsidy_share_bp).
// 失业农民工一次性生活补助 (migrant_lump; 《失业保险条例》第二十一条):
//   1 农民合同制工人: the person is in the registry's group 农村劳动力 /
//     返乡农村劳动力 on the date — else unknown (the registry holds no
//     household type, so absence is not proof);
//   2 劳动合同期满未续订或者提前解除: the last employment ended (any reason
//     but retirement or death) — unknown without a record;
//   3 在本单位连续工作满 benefits.migrant_min_work_months 个月: the ended
//     contract's start + N months <= the day after the last day — unknown
//     when no contract row matches the separation;
//   4 本单位已缴纳失业保险费: UI months paid by that employer >= 1;
//   5 已中断就业, 6 未在领取失业保险金, 7 已办理失业登记 as above;
//   8 该次合同终止未领取过: no granted migrant_lump claim for the same
//     employer and last day.
//   Amount (paid once): min(full years worked, benefits.migrant_max_years) ×
//   benefits.migrant_per_year_fen.
// Outcome: any condition not met → refused; else any unknown → undetermined
// (待核实, nothing paid); else granted.
#ifndef QJY_BENEFITS_LIVING_SUBSIDY_H_
#define QJY_BENEFITS_LIVING_SUBSIDY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "benefits/employment_check.h"
#include "benefits/entitlement.h"
#include "core/date.h"

namespace qjy::benefits {

enum class SubsidyKind { kUiSubsidy, kMigrantLump };
std::string_view SubsidyKindCode(SubsidyKind k);   // "ui_subsidy" | "migrant_lump"
std::string_view SubsidyKindLabel(SubsidyKind k);  // "失业补助金" | "失业农民工一次性生活补助"
std::optional<SubsidyKind> ParseSubsidyKind(std::string_view code_or_label);

enum class Tri { kMet, kNotMet, kUnknown };
std::string_view TriCode(Tri t);   // "met" | "not_met" | "unknown"
std::string_view TriLabel(Tri t);  // "符合" | "不符合" | "无法判断"

struct Condition {
  std::string name;    // Chinese, with the clause
  Tri state = Tri::kUnknown;
  std::string detail;  // Chinese: the fact found or missing
};

// What the registry and the platform's records say (gathered by the store).
struct SubsidyFacts {
  Date on;                                 // application date
  int ui_months = 0;                       // distinct UI months before the first month
  std::optional<std::string> employed;     // the first month's employment finding
  std::optional<EmploymentEnd> end;        // how the last employment ended
  int64_t active_ui_claim = 0;             // an active 失业保险金 claim id, 0 none
  std::string ui_claim_over;               // "" or "失业保险金已于 2025-02 期满（申请编号 3）" / refused
  std::optional<bool> registered;          // open unemployment registration; nullopt unknown
  bool rural = false;                      // in group rural_labour / returned_rural_labour on `on`
  int employer_ui_months = 0;              // UI months paid by end->employer
  int64_t duplicate_claim = 0;             // a granted claim of the same kind for this spell, 0 none
};

struct SubsidyDecision {
  std::string outcome;  // granted | refused | undetermined
  std::vector<Condition> conditions;
  int months = 0;           // payments: subsidy months, 1 for the lump sum
  int64_t monthly_fen = 0;  // per payment
  std::string text;         // one Chinese sentence for listings
  std::vector<std::string> params_used;
};

SubsidyDecision DecideSubsidy(SubsidyKind kind, const BenefitParams& p, const SubsidyFacts& f);

// Full years (and the months counted) from `start` to `last_day` inclusive.
int FullMonthsWorked(Date start, Date last_day);

nlohmann::json ConditionsJson(const std::vector<Condition>& cs);

}  // namespace qjy::benefits

#endif  // QJY_BENEFITS_LIVING_SUBSIDY_H_
