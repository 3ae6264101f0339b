#include "gen/names.h"

#include <array>
#include <string_view>

namespace qjy::gen {
namespace {

using registry::EmployerType;
using registry::SizeClass;

constexpr std::array<std::string_view, 48> kTradeChars = {
    "鑫", "盛", "华", "源", "达", "丰", "泰", "恒", "隆", "宏", "信", "诚", "黔", "乌", "江", "苗",
    "岭", "山", "水", "云", "贵", "筑", "安", "顺", "兴", "旺", "富", "康", "瑞", "祥", "和", "美",
    "新", "创", "博", "远", "正", "大", "金", "银", "绿", "森", "湘", "凯", "仁", "德", "明", "宇"};

constexpr std::array<std::string_view, 16> kIndustries = {
    "科技", "建筑工程", "食品", "农业开发", "物流", "电子", "服装", "酒业",
    "茶业", "矿业", "商贸", "餐饮管理", "物业服务", "劳务", "旅游开发", "新材料"};

constexpr std::array<std::string_view, 8> kProducts = {"茶叶", "蔬菜", "中药材", "生猪",
                                                       "肉牛", "食用菌", "精品水果", "辣椒"};

constexpr std::array<std::string_view, 8> kShops = {"商行", "餐馆", "便利店", "五金店",
                                                    "理发店", "汽修店", "农资店", "小吃店"};

constexpr std::array<std::string_view, 6> kAssociations = {"个体劳动者协会", "餐饮行业协会",
                                                           "家政服务协会", "养老服务中心",
                                                           "社会工作服务中心", "志愿者协会"};

constexpr std::array<std::string_view, 6> kInstitutions = {"人民医院", "中医院", "第一中学",
                                                           "职业技术学校", "疾病预防控制中心",
                                                           "农业技术推广站"};

template <size_t N>
std::string_view Any(Rng& rng, const std::array<std::string_view, N>& a) {
  return a[rng.Below(N)];
}

std::string_view Any(Rng& rng, const std::vector<std::string>& v) { return v[rng.Below(v.size())]; }

}  // namespace

std::string PersonName(Rng& rng, const Tables& t, registry::Sex sex) {
  const auto& p = t.profile;
  std::string name = p.surnames[t.surname.Pick(rng)].first;
  const auto& own = sex == registry::Sex::kMale ? p.male_chars : p.female_chars;
  const int n = rng.PerMillion(250'000) ? 1 : 2;
  for (int i = 0; i < n; ++i) {
    // The last character carries the sex; the first is often a neutral one.
    const bool neutral = n == 2 && i == 0 && rng.PerMillion(500'000);
    name += Any(rng, neutral ? p.neutral_chars : own);
  }
  return name;
}

std::string TradeName(Rng& rng) {
  std::string s(Any(rng, kTradeChars));
  std::string_view second;
  do second = Any(rng, kTradeChars);
  while (s == second);
  return s + std::string(second);
}

std::string ShortPlace(const std::string& name) {
  // Strip one trailing kind character when at least two characters remain
  // (UTF-8 CJK characters are 3 bytes).
  for (std::string_view suffix : {"自治县", "特区", "区", "县", "市"}) {
    if (name.size() >= suffix.size() + 6 && name.ends_with(suffix))
      return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

std::string EmployerName(Rng& rng, const Tables& t, EmployerType type, SizeClass size,
                         const std::string& place, const std::string& township) {
  const std::string trade = TradeName(rng);
  const std::string where = ShortPlace(place);
  const std::string town = township.empty() ? where : township;
  switch (type) {
    case EmployerType::kEnterprise: {
      std::string_view suffix = size == SizeClass::kLarge && rng.PerMillion(400'000)
                                    ? "股份有限公司"
                                    : (rng.PerMillion(500'000) ? "有限公司" : "有限责任公司");
      return (rng.PerMillion(300'000) ? std::string("贵州") : where) + trade +
             std::string(Any(rng, kIndustries)) + std::string(suffix);
    }
    case EmployerType::kCooperative:
      return town + std::string(Any(rng, kProducts)) + "种植养殖农民专业合作社";
    case EmployerType::kFamilyFarm:
      return where + PersonName(rng, t, registry::Sex::kMale) + "家庭农场";
    case EmployerType::kLargeGrower:
      return town + PersonName(rng, t, registry::Sex::kMale) + std::string(Any(rng, kProducts)) +
             "种养大户";
    case EmployerType::kAssistanceWorkshop:
      return town + trade + "就业帮扶车间";
    case EmployerType::kSocialOrganisation:
      return where + std::string(Any(rng, kAssociations));
    case EmployerType::kFoundation:
      return "贵州省" + trade + "慈善基金会";
    case EmployerType::kLawFirm:
      return "贵州" + trade + "律师事务所";
    case EmployerType::kAccountingFirm:
      return "贵州" + trade + "会计师事务所有限公司";
    case EmployerType::kIndividualBusiness:
      return where + trade + std::string(Any(rng, kShops));
    case EmployerType::kPublicInstitution:
      return where + std::string(Any(rng, kInstitutions));
    case EmployerType::kHrAgency:
      return where + trade + "人力资源服务有限公司";
    case EmployerType::kLabourBroker:
      return where + trade + "劳务经纪服务部";
  }
  return where + trade;
}

}  // namespace qjy::gen
