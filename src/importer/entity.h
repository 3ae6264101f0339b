// The kinds of officer files and their columns. A file's first row
// holds Chinese headers in any order; required columns must be present
// (and filled in every row), optional ones may be left out entirely.
// The same headers are written by exports and templates, so an export can
// be imported again.
//
// Employers are one row per employer and year: the employer's columns plus
// (optionally) 年度 / 年末参保人数 / 裁员人数 / 失业保险费(元). Several rows
// may carry the same credit code with different years; their employer
// columns must agree. A row without 年度 describes the employer only.
// Years already stored but absent from the file are kept.
#ifndef QJY_IMPORTER_ENTITY_H_
#define QJY_IMPORTER_ENTITY_H_

#include <optional>
#include <span>
#include <string_view>

namespace qjy::importer {

enum class Entity { kPersons, kEmployers, kJobs, kContracts, kContributions, kSeparations };

std::string_view EntityName(Entity e);   // "persons", ...
std::string_view EntityLabel(Entity e);  // "人员", "单位", "岗位", "劳动合同"
std::optional<Entity> ParseEntity(std::string_view text);  // name or label

struct ColumnSpec {
  std::string_view name;     // Chinese header
  bool required = false;     // header present and value filled in every row
  bool identity = false;     // masked in errors and exports
  std::string_view format;   // how to fill it (Chinese), for the template notes
  std::string_view example;
  double width = 14;         // template / export column width
  std::string_view aliases;  // other headers accepted on import, "|"-separated
};

// In file order. Indices into this span are the column ids below.
std::span<const ColumnSpec> Columns(Entity e);

// Column ids: positions in Columns(entity).
enum class PersonCol {
  kIdNumber, kName, kEthnicity, kPhone, kHukou, kResidence, kWorkRegion, kInsuredRegion,
  kEducation, kSchoolLeftOn, kSkills, kCertificates, kGroups, kBankAccount, kAddress, kCount
};
enum class EmployerCol {
  kCreditCode, kName, kType, kSize, kRegion, kInsuredHeadcount, kKeyEnterprise, kYear,
  kYearHeadcount, kLayoffs, kUiPremium, kInsuredRegion, kCount
};
enum class JobCol {
  kCreditCode, kTitle, kOccupationCode, kHeadcount, kWageMin, kWageMax, kPlace, kType,
  kRequirements, kOpenOn, kCloseOn, kCount
};
enum class ContractCol {
  kIdNumber, kCreditCode, kStartOn, kEndOn, kInsuredMonths, kFlexible, kNewForm, kWorkRegion,
  kOrganisedVia, kCount
};

// Columns files used to carry that are now derived (#12): 跨县, 跨省 of a
// contract come from the household registration and the place of work. An
// import naming one is refused with this reason, so nothing hand-set is
// silently dropped.
inline constexpr std::string_view kRetiredContractColumns[] = {"跨县", "跨省"};
inline constexpr std::string_view kRetiredColumnReason =
    "不再导入：跨县、跨省由人员户籍地与合同工作地点推算，请删除该列并填写“工作地点”";

// Social-insurance contribution months, as the insurance system exports
// them: one row per person, payer and month. An empty 单位统一社会信用代码 is
// a month paid as an individual (灵活就业).
enum class ContributionCol { kIdNumber, kCreditCode, kMonth, kKinds, kBase, kCount };
namespace contribution_field {
inline constexpr std::string_view kCreditCode = "单位统一社会信用代码";
inline constexpr std::string_view kMonth = "缴费年月";
inline constexpr std::string_view kKinds = "险种";
inline constexpr std::string_view kBase = "缴费基数";
}  // namespace contribution_field

// Separations (离职记录): who left which employer on which day and why
// (registry/employment.h). The person must hold a contract with that
// employer begun on or before the day.
enum class SeparationCol { kIdNumber, kCreditCode, kSeparatedOn, kReason, kCount };
namespace separation_field {
inline constexpr std::string_view kSeparatedOn = "离职日期";
inline constexpr std::string_view kReason = "离职原因";
}  // namespace separation_field

// The column a rejects file adds (and an import ignores).
inline constexpr std::string_view kErrorColumn = "错误原因";

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_ENTITY_H_
