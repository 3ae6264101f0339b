// Validation of registry records against the reference data, before they
// are stored (imports, forms, APIs). Each problem is one FieldError naming
// the field by its Chinese column name (the import/export header, see
// `field::` below), the offending value (identity values masked with
// core/mask.h) and a reason in Chinese. Validation is pure: it reads the
// record, the region index and the injected `today`, nothing else, and is
// safe to call concurrently.
//
// What is checked (POLICY-NOTES §1):
//   person   — resident ID (GB 11643 check digit, possible birth date not in
//              the future) and that sex / birth date match it; name; phone
//              (11 digits starting with 1); region codes known and at
//              county level or finer (any Chinese county; Guizhou
//              townships and villages); owning county; school leaving date
//              not before age 14 nor in the future; certificates (level
//              0..5, issue date between birth and today); group periods
//              (end not before start, start not before birth) without
//              overlapping repeats.
//   employer — credit code (GB 32100), name, region, headcounts ≥ 0, years
//              (1990..this year, unique, premiums ≥ 0).
//   job      — credit code, title, occupation code form, headcount ≥ 1,
//              wage range not upside down, place, open date not in the
//              future, close ≥ open.
//   contract — ID number, credit code, start not before the person's 16th
//              birthday, end ≥ start, insured months 0..600, work region.
#ifndef QJY_REGISTRY_VALIDATE_H_
#define QJY_REGISTRY_VALIDATE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/regions.h"
#include "registry/model.h"

namespace qjy::registry {

// Chinese column names: the headers of import and export files.
namespace field {
// persons
inline constexpr std::string_view kIdNumber = "身份证号";
inline constexpr std::string_view kName = "姓名";
inline constexpr std::string_view kSex = "性别";
inline constexpr std::string_view kBirthDate = "出生日期";
inline constexpr std::string_view kEthnicity = "民族";
inline constexpr std::string_view kPhone = "手机号";
inline constexpr std::string_view kHukou = "户籍地";
inline constexpr std::string_view kResidence = "常住地";
inline constexpr std::string_view kWorkRegion = "工作地";
inline constexpr std::string_view kInsuredRegion = "参保地";
inline constexpr std::string_view kEducation = "文化程度";
inline constexpr std::string_view kSchoolLeftOn = "毕业(离校)日期";
inline constexpr std::string_view kSkills = "技能";
inline constexpr std::string_view kCertificates = "职业资格证书";
inline constexpr std::string_view kGroups = "人员类别";
inline constexpr std::string_view kCountyCode = "所属县";
// employers
inline constexpr std::string_view kCreditCode = "统一社会信用代码";
inline constexpr std::string_view kEmployerName = "单位名称";
inline constexpr std::string_view kEmployerType = "单位类型";
inline constexpr std::string_view kSize = "规模";
inline constexpr std::string_view kEmployerRegion = "所在地";
inline constexpr std::string_view kInsuredHeadcount = "参保人数";
inline constexpr std::string_view kKeyEnterprise = "重点企业";
inline constexpr std::string_view kEmployerInsuredRegion = "参保地";
inline constexpr std::string_view kYear = "年度";
inline constexpr std::string_view kYearHeadcount = "年末参保人数";
inline constexpr std::string_view kLayoffs = "裁员人数";
inline constexpr std::string_view kUiPremium = "失业保险费(元)";
// jobs
inline constexpr std::string_view kTitle = "岗位名称";
inline constexpr std::string_view kOccupationCode = "职业编码";
inline constexpr std::string_view kHeadcount = "招聘人数";
inline constexpr std::string_view kWageMin = "最低月薪(元)";
inline constexpr std::string_view kWageMax = "最高月薪(元)";
inline constexpr std::string_view kPlace = "工作地点";
inline constexpr std::string_view kJobType = "岗位类型";
inline constexpr std::string_view kRequirements = "岗位要求";
inline constexpr std::string_view kOpenOn = "发布日期";
inline constexpr std::string_view kCloseOn = "截止日期";
// contracts
inline constexpr std::string_view kStartOn = "合同开始日期";
inline constexpr std::string_view kEndOn = "合同结束日期";
inline constexpr std::string_view kInsuredMonths = "参保月数";
inline constexpr std::string_view kContractWorkPlace = "工作地点";
inline constexpr std::string_view kFlexible = "灵活就业";
inline constexpr std::string_view kNewForm = "新就业形态";
inline constexpr std::string_view kOrganisedVia = "外出组织方式";
// (contracts reuse kIdNumber and kCreditCode)
}  // namespace field

struct FieldError {
  std::string field;   // Chinese column name
  std::string value;   // as given; masked for identity fields
  std::string reason;  // Chinese
  friend bool operator==(const FieldError&, const FieldError&) = default;
};
using FieldErrors = std::vector<FieldError>;

struct ValidationContext {
  const RegionIndex& regions;
  Date today;
};

// Each appends the record's problems to `out` and returns true when it
// appended none.
bool ValidatePerson(const Person& p, const ValidationContext& ctx, FieldErrors& out);
bool ValidateEmployer(const Employer& e, const ValidationContext& ctx, FieldErrors& out);
bool ValidateJob(const Job& j, const ValidationContext& ctx, FieldErrors& out);
bool ValidateContract(const Contract& c, const ValidationContext& ctx, FieldErrors& out);

// Checks a resident ID number and, when it is valid, sets the person's
// sex and birth date from it; otherwise appends the problem. Used by
// importers before ValidatePerson.
bool DeriveFromIdNumber(Person& p, Date today, FieldErrors& out);

// A region code usable for a registry record: known, at county level or
// finer. Appends a FieldError for `field` otherwise.
bool CheckRegion(std::string_view field, std::string_view code, const RegionIndex& regions,
                 FieldErrors& out);

}  // namespace qjy::registry

#endif  // QJY_REGISTRY_VALIDATE_H_
