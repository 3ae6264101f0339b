#include "importer/entity.h"

#include "registry/payment_facts.h"
#include "registry/validate.h"

namespace qjy::importer {
namespace {

namespace f = registry::field;

constexpr ColumnSpec kPersons[] = {
    {f::kIdNumber, true, true, "18 位居民身份证号码，末位可为 X；请将单元格设为文本格式",
     "520102199003070014", 22},
    {f::kName, true, false, "姓名", "张三", 10},
    {f::kEthnicity, false, false, "民族全称", "苗族", 8},
    {f::kPhone, false, true, "11 位手机号，以 1 开头", "13800001234", 14},
    {f::kHukou, true, false, "行政区划代码或名称，精确到县级或更细", "520102 或 贵阳市南明区", 22},
    {f::kResidence, false, false, "行政区划代码或名称；不填则同户籍地", "520103", 22},
    {f::kWorkRegion, false, false, "行政区划代码或名称", "440305", 22},
    {f::kInsuredRegion, false, false, "行政区划代码或名称", "440305", 22},
    {f::kEducation, false, false,
     "未上过学/小学/初中/高中/中专/大专/本科/硕士研究生/博士研究生；不填为不详", "本科", 10},
    {f::kSchoolLeftOn, false, false, "日期，格式 YYYY-MM-DD", "2023-07-01", 14},
    {f::kSkills, false, false, "多个用分号 ; 隔开", "焊接;电工", 18},
    {f::kCertificates, false, false,
     "证书名称:等级:发证日期，多个用分号隔开；等级 1 高级技师 … 5 初级工，0 无等级",
     "焊工:4:2022-05-01;电工:5:2021-03-02", 30},
    {f::kGroups, false, false,
     "类别[@开始日期~结束日期]，多个用分号隔开；不写日期则自出生之日起长期有效",
     "高校毕业生;脱贫人口@2021-01-01~2025-12-31", 36},
    {f::kBankAccount, false, true,
     "补贴发放银行账号（社会保障卡或本人银行卡），12-30 位数字，可含空格；仅保存其散列与尾号，导出时为空；不填则保留原有",
     "6222 0212 3456 7890 123", 24, "银行卡号|开户账号|银行账户"},
    {f::kAddress, false, false, "现住址，写到门牌号；仅保存其散列，导出时为空；不填则保留原有",
     "贵阳市南明区花果园B区3栋1单元", 30, "现住址|居住地址|家庭住址"},
};

constexpr ColumnSpec kEmployers[] = {
    {f::kCreditCode, true, false, "18 位统一社会信用代码", "91520102MA6DKQ8X2B", 22},
    {f::kEmployerName, true, false, "单位全称", "贵阳某某科技有限公司", 28},
    {f::kEmployerType, true, false,
     "企业/农民专业合作社/家庭农场/种养大户/就业帮扶车间/社会组织/基金会/律师事务所/"
     "会计师事务所/个体工商户/事业单位/人力资源服务机构/劳务经纪人",
     "企业", 14},
    {f::kSize, true, false, "大型/中型/小型/微型", "小型", 8},
    {f::kEmployerRegion, true, false, "行政区划代码或名称，精确到县级或更细", "520102", 22},
    {f::kInsuredHeadcount, false, false, "当前参保人数，整数；不填为 0", "35", 10},
    {f::kKeyEnterprise, false, false, "是/否；不填为否", "否", 8},
    {f::kYear, false, false, "年度数据所属年份（一行一年，同一单位可多行）", "2022", 8},
    {f::kYearHeadcount, false, false, "该年度年末参保人数", "33", 12},
    {f::kLayoffs, false, false, "该年度裁员人数", "1", 10},
    {f::kUiPremium, false, false, "该年度实缴失业保险费，元，最多两位小数", "12345.67", 14},
    {f::kEmployerInsuredRegion, false, false,
     "社会保险参保地：贵州省内县级或更细的代码或名称，省外填省或更细；不填为未知（不能自动发放补贴）",
     "520102", 22},
};

constexpr ColumnSpec kJobs[] = {
    {f::kCreditCode, true, false, "发布单位的统一社会信用代码（单位须已导入）",
     "91520102MA6DKQ8X2B", 22},
    {f::kTitle, true, false, "岗位名称", "焊工", 16},
    {f::kOccupationCode, false, false, "2022 年版职业分类大典编码", "6-18-02-04", 12},
    {f::kHeadcount, true, false, "整数，至少 1", "5", 10},
    {f::kWageMin, false, false, "元/月，最多两位小数；不填为面议", "4000", 12},
    {f::kWageMax, false, false, "元/月，不低于最低月薪；不填同最低月薪", "6000", 12},
    {f::kPlace, true, false, "行政区划代码或名称，精确到县级或更细", "520102", 22},
    {f::kJobType, false, false, "全职/兼职/零工/见习/公益性岗位；不填为全职", "全职", 10},
    {f::kRequirements, false, false, "自由文本", "持焊工证，2 年以上经验", 30},
    {f::kOpenOn, true, false, "日期，格式 YYYY-MM-DD", "2023-06-01", 12},
    {f::kCloseOn, false, false, "日期，不早于发布日期；不填为长期", "2023-12-31", 12},
};

constexpr ColumnSpec kContracts[] = {
    {f::kIdNumber, true, true, "劳动者身份证号（人员须已导入）", "520102199003070014", 22},
    {f::kCreditCode, true, false, "用人单位统一社会信用代码（单位须已导入）",
     "91520102MA6DKQ8X2B", 22},
    {f::kStartOn, true, false, "日期，格式 YYYY-MM-DD", "2023-03-01", 14},
    {f::kEndOn, false, false, "日期，不早于开始日期；无固定期限不填", "2026-02-28", 14},
    {f::kInsuredMonths, false, false, "已缴社会保险月数，整数", "6", 10},
    {f::kFlexible, false, false, "是/否", "否", 10},
    {f::kNewForm, false, false, "是/否（平台就业等）", "否", 12},
    {f::kContractWorkPlace, false, false,
     "工作地点：省内填县级或乡级代码或名称，省外填省或更细（如 广东省）；跨县、跨省据此与户籍地推算；不填为未知",
     "520102", 22, "工作地|就业地"},
    {f::kOrganisedVia, false, false,
     "外出务工的组织方式（附件2（四））：劳务协作站/稳岗就业基地/人力资源服务机构/政府组织/自主外出；不填为未记录（不等于自主外出）",
     "劳务协作站", 16, "组织方式|有组织输出"},
};

namespace cf = contribution_field;
constexpr ColumnSpec kContributions[] = {
    {f::kIdNumber, true, true, "参保人身份证号（人员须已导入）", "520102199003070014", 22},
    {cf::kCreditCode, false, false, "缴费单位统一社会信用代码（单位须已导入）；以个人身份缴费（灵活就业）不填",
     "91520102MA6DKQ8X2B", 22},
    {cf::kMonth, true, false, "年月，格式 YYYY-MM，不晚于导入当月", "2023-07", 10},
    {cf::kKinds, true, false, "养老/失业/医疗/工伤，多个用分号隔开；“全部”为四项", "养老;失业;医疗;工伤", 20},
    {cf::kBase, true, false, "月缴费基数，元，最多两位小数", "4500", 12},
};

namespace sf = separation_field;
constexpr ColumnSpec kSeparations[] = {
    {f::kIdNumber, true, true, "离职人员身份证号（人员须已导入）", "520102199003070014", 22},
    {f::kCreditCode, true, false, "原单位统一社会信用代码（须有该单位的劳动合同）", "91520102MA6DKQ8X2B", 22},
    {sf::kSeparatedOn, true, false, "最后在岗日，格式 YYYY-MM-DD，不晚于导入日", "2024-03-10", 14},
    {sf::kReason, true, false, "辞职/解除/终止/裁员/退休/死亡", "裁员", 10},
};

static_assert(std::size(kPersons) == static_cast<size_t>(PersonCol::kCount));
static_assert(std::size(kEmployers) == static_cast<size_t>(EmployerCol::kCount));
static_assert(std::size(kJobs) == static_cast<size_t>(JobCol::kCount));
static_assert(std::size(kContracts) == static_cast<size_t>(ContractCol::kCount));
static_assert(std::size(kContributions) == static_cast<size_t>(ContributionCol::kCount));
static_assert(std::size(kSeparations) == static_cast<size_t>(SeparationCol::kCount));

}  // namespace

std::string_view EntityName(Entity e) {
  switch (e) {
    case Entity::kPersons: return "persons";
    case Entity::kEmployers: return "employers";
    case Entity::kJobs: return "jobs";
    case Entity::kContracts: return "contracts";
    case Entity::kContributions: return "contributions";
    case Entity::kSeparations: return "separations";
  }
  return "?";
}

std::string_view EntityLabel(Entity e) {
  switch (e) {
    case Entity::kPersons: return "人员";
    case Entity::kEmployers: return "单位";
    case Entity::kJobs: return "岗位";
    case Entity::kContracts: return "劳动合同";
    case Entity::kContributions: return "社保缴费";
    case Entity::kSeparations: return "离职记录";
  }
  return "?";
}

std::optional<Entity> ParseEntity(std::string_view text) {
  for (Entity e : {Entity::kPersons, Entity::kEmployers, Entity::kJobs, Entity::kContracts,
                   Entity::kContributions, Entity::kSeparations}) {
    if (text == EntityName(e) || text == EntityLabel(e)) return e;
  }
  return std::nullopt;
}

std::span<const ColumnSpec> Columns(Entity e) {
  switch (e) {
    case Entity::kPersons: return kPersons;
    case Entity::kEmployers: return kEmployers;
    case Entity::kJobs: return kJobs;
    case Entity::kContracts: return kContracts;
    case Entity::kContributions: return kContributions;
    case Entity::kSeparations: return kSeparations;
  }
  return {};
}

}  // namespace qjy::importer
