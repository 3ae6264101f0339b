#include "registry/codes.h"

#include <array>

namespace qjy::registry {
namespace {

template <class E>
struct Entry {
  E value;
  std::string_view code;
  std::string_view label;
  std::string_view aliases;  // '|'-separated, may be empty
};

constexpr Entry<Sex> kSex[] = {
    {Sex::kMale, "male", "男", "m|男性"},
    {Sex::kFemale, "female", "女", "f|女性"},
};

constexpr Entry<Education> kEducation[] = {
    {Education::kUnknown, "unknown", "不详", "未知"},
    {Education::kNone, "none", "未上过学", "文盲|无"},
    {Education::kPrimary, "primary", "小学", ""},
    {Education::kJuniorHigh, "junior_high", "初中", "初级中学"},
    {Education::kSeniorHigh, "senior_high", "高中", "普通高中"},
    {Education::kSecondaryVocational, "secondary_vocational", "中专/中技/职高",
     "中专|中技|职高|技校|中等职业教育"},
    {Education::kJuniorCollege, "junior_college", "大专", "专科|大学专科|高职"},
    {Education::kBachelor, "bachelor", "本科", "大学本科|大学"},
    {Education::kMaster, "master", "硕士研究生", "硕士|研究生"},
    {Education::kDoctor, "doctor", "博士研究生", "博士"},
};

constexpr Entry<Group> kGroup[] = {
    {Group::kCollegeGraduate, "college_graduate", "高校毕业生", "大学毕业生"},
    {Group::kRuralLabour, "rural_labour", "农村劳动力", ""},
    {Group::kReturnedRuralLabour, "returned_rural_labour", "返乡农村劳动力", "返乡人员"},
    {Group::kPovertyAlleviated, "poverty_alleviated", "脱贫人口", "脱贫劳动力"},
    {Group::kMonitoringObject, "monitoring_object", "防止返贫监测对象", "监测对象"},
    {Group::kRelocated, "relocated", "易地扶贫搬迁群众", "易地搬迁群众|易地搬迁"},
    {Group::kDibao, "dibao", "农村低保对象", "低保对象|低保"},
    {Group::kTekun, "tekun", "特困人员", "特困"},
    {Group::kZeroEmploymentFamily, "zero_employment_family", "零就业家庭成员", "零就业家庭"},
    {Group::kDisabled, "disabled", "残疾人", ""},
    {Group::kVeteran, "veteran", "退役军人", ""},
    {Group::kHardToEmploy, "hard_to_employ", "就业困难人员", ""},
    {Group::kReleasedPrisoner, "released_prisoner", "刑满释放人员", ""},
    {Group::kReturnedOverseasStudent, "returned_overseas_student", "留学回国人员", ""},
};

constexpr Entry<EmployerType> kEmployerType[] = {
    {EmployerType::kEnterprise, "enterprise", "企业", ""},
    {EmployerType::kCooperative, "cooperative", "农民专业合作社", "合作社"},
    {EmployerType::kFamilyFarm, "family_farm", "家庭农场", ""},
    {EmployerType::kLargeGrower, "large_grower", "种养大户", ""},
    {EmployerType::kAssistanceWorkshop, "assistance_workshop", "就业帮扶车间", "帮扶车间"},
    {EmployerType::kSocialOrganisation, "social_organisation", "社会组织", ""},
    {EmployerType::kFoundation, "foundation", "基金会", ""},
    {EmployerType::kLawFirm, "law_firm", "律师事务所", ""},
    {EmployerType::kAccountingFirm, "accounting_firm", "会计师事务所", ""},
    {EmployerType::kIndividualBusiness, "individual_business", "个体工商户", "个体户"},
    {EmployerType::kPublicInstitution, "public_institution", "事业单位", ""},
    {EmployerType::kHrAgency, "hr_agency", "人力资源服务机构", ""},
    {EmployerType::kLabourBroker, "labour_broker", "劳务经纪人", ""},
};

constexpr Entry<SizeClass> kSizeClass[] = {
    {SizeClass::kLarge, "large", "大型", "大"},
    {SizeClass::kMedium, "medium", "中型", "中"},
    {SizeClass::kSmall, "small", "小型", "小"},
    {SizeClass::kMicro, "micro", "微型", "微"},
};

constexpr Entry<JobType> kJobType[] = {
    {JobType::kFullTime, "full_time", "全职", "全日制"},
    {JobType::kPartTime, "part_time", "兼职", "非全日制"},
    {JobType::kGig, "gig", "零工", "灵活用工"},
    {JobType::kInternship, "internship", "见习", "就业见习|实习"},
    {JobType::kPublicWelfare, "public_welfare", "公益性岗位", "公益岗"},
};

constexpr Entry<SiteKind> kSiteKind[] = {
    {SiteKind::kEmploymentOffice, "employment_office", "公共就业服务机构", ""},
    {SiteKind::kGigMarket, "gig_market", "零工市场", ""},
    {SiteKind::kLabourStation, "labour_station", "劳务协作站", ""},
    {SiteKind::kHrAgency, "hr_agency", "人力资源服务机构", ""},
    {SiteKind::kFullEmploymentCommunity, "full_employment_community", "充分就业社区", ""},
};

template <class E>
struct Table;
template <> struct Table<Sex> { static constexpr std::span<const Entry<Sex>> kAll = kSex; };
template <> struct Table<Education> {
  static constexpr std::span<const Entry<Education>> kAll = kEducation;
};
template <> struct Table<Group> { static constexpr std::span<const Entry<Group>> kAll = kGroup; };
template <> struct Table<EmployerType> {
  static constexpr std::span<const Entry<EmployerType>> kAll = kEmployerType;
};
template <> struct Table<SizeClass> {
  static constexpr std::span<const Entry<SizeClass>> kAll = kSizeClass;
};
template <> struct Table<JobType> {
  static constexpr std::span<const Entry<JobType>> kAll = kJobType;
};
template <> struct Table<SiteKind> {
  static constexpr std::span<const Entry<SiteKind>> kAll = kSiteKind;
};

template <class E>
const Entry<E>& Find(E v) {
  for (const auto& e : Table<E>::kAll) {
    if (e.value == v) return e;
  }
  return Table<E>::kAll.front();  // unreachable for valid enumerators
}

std::string_view Trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  // Full-width space (U+3000) as officers' spreadsheets often carry it.
  constexpr std::string_view kIdeoSpace = "\xE3\x80\x80";
  while (s.starts_with(kIdeoSpace)) s.remove_prefix(kIdeoSpace.size());
  while (s.ends_with(kIdeoSpace)) s.remove_suffix(kIdeoSpace.size());
  return s;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool MatchesAlias(std::string_view aliases, std::string_view text) {
  while (!aliases.empty()) {
    size_t bar = aliases.find('|');
    std::string_view one = aliases.substr(0, bar);
    if (EqualsIgnoreAsciiCase(one, text)) return true;
    if (bar == std::string_view::npos) break;
    aliases.remove_prefix(bar + 1);
  }
  return false;
}

template <class E>
std::array<E, Table<E>::kAll.size()> Values() {
  std::array<E, Table<E>::kAll.size()> out{};
  for (size_t i = 0; i < out.size(); ++i) out[i] = Table<E>::kAll[i].value;
  return out;
}

}  // namespace

template <class E>
std::optional<E> Parse(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  for (const auto& e : Table<E>::kAll) {
    if (EqualsIgnoreAsciiCase(e.code, text) || e.label == text || MatchesAlias(e.aliases, text)) {
      return e.value;
    }
  }
  return std::nullopt;
}

template <class E>
std::span<const E> AllValues() {
  static const auto kValues = Values<E>();
  return kValues;
}

#define QJY_CODES_INSTANTIATE(E)                                          \
  std::string_view Code(E v) { return Find(v).code; }                     \
  std::string_view Label(E v) { return Find(v).label; }                   \
  template std::optional<E> Parse<E>(std::string_view text);              \
  template std::span<const E> AllValues<E>();

QJY_CODES_INSTANTIATE(Sex)
QJY_CODES_INSTANTIATE(Education)
QJY_CODES_INSTANTIATE(Group)
QJY_CODES_INSTANTIATE(EmployerType)
QJY_CODES_INSTANTIATE(SizeClass)
QJY_CODES_INSTANTIATE(JobType)
QJY_CODES_INSTANTIATE(SiteKind)

#undef QJY_CODES_INSTANTIATE

}  // namespace qjy::registry
