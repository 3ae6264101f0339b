#include "registry/validate.h"
#include "registry/organised.h"

#include <string>

#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/mask.h"
#include "core/utf8.h"

namespace qjy::registry {
namespace {

using std::string_view;

void Add(FieldErrors& out, string_view field, string_view value, string_view reason) {
  out.push_back(FieldError{std::string(field), std::string(value), std::string(reason)});
}

bool IsDigits(string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == string_view::npos;
}

void CheckText(FieldErrors& out, string_view field, string_view value, size_t max_chars,
               bool required) {
  if (value.empty()) {
    if (required) Add(out, field, value, "必填，不能为空");
    return;
  }
  if (Utf8Length(value) > max_chars) {
    Add(out, field, Utf8Prefix(value, 60), "过长：最多 " + std::to_string(max_chars) + " 个字");
  }
}

// A place that may lie outside Guizhou (place of work, 参保地): within
// Guizhou a county or finer, as everywhere; outside, any known level (a
// province is enough: the insurance system of another province is all the
// rules need to know). Empty is "unknown" and passes.
void CheckOptionalRegion(FieldErrors& out, string_view field, string_view code,
                         const RegionIndex& regions) {
  if (code.empty()) return;
  if (!code.starts_with("52")) {
    if (regions.Find(code) == nullptr) Add(out, field, code, "未知的行政区划代码");
    return;
  }
  CheckRegion(field, code, regions, out);
}

void CheckCounty(FieldErrors& out, string_view code, const RegionIndex& regions) {
  const Region* r = regions.Find(code);
  if (r == nullptr || r->level != RegionLevel::kCounty) {
    Add(out, field::kCountyCode, code, "所属县必须是已知的县级行政区划代码");
  }
}

struct IdFacts {
  bool female = false;
  Date birth_date;
};

// What validation needs of core/id_number.h; the error is the Chinese reason.
std::expected<IdFacts, std::string> ParseIdNumber(string_view id, Date today) {
  ResidentIdCheck check = CheckResidentId(id, today);
  if (!check.valid) return std::unexpected(std::move(check.reason));
  return IdFacts{check.sex == "女", *check.birth_date};
}

void CheckCreditCode(FieldErrors& out, string_view code) {
  CreditCodeCheck check = qjy::CheckCreditCode(code);
  if (!check.valid) Add(out, field::kCreditCode, code, check.reason);
}

}  // namespace

bool CheckRegion(string_view field, string_view code, const RegionIndex& regions,
                 FieldErrors& out) {
  if (code.empty()) {
    Add(out, field, code, "必填，不能为空");
    return false;
  }
  const Region* r = regions.Find(code);
  if (r == nullptr) {
    Add(out, field, code, "未知的行政区划代码");
    return false;
  }
  if (r->level == RegionLevel::kProvince || r->level == RegionLevel::kPrefecture) {
    Add(out, field, code,
        std::string("行政区划需精确到县级或更细，") + r->name + " 是" +
            RegionLevelLabel(r->level) + "区划");
    return false;
  }
  return true;
}

bool DeriveFromIdNumber(Person& p, Date today, FieldErrors& out) {
  auto facts = ParseIdNumber(p.id_number, today);
  if (!facts) {
    Add(out, field::kIdNumber, MaskValue(p.id_number), facts.error());
    return false;
  }
  p.sex = facts->female ? Sex::kFemale : Sex::kMale;
  p.birth_date = facts->birth_date;
  return true;
}

bool ValidatePerson(const Person& p, const ValidationContext& ctx, FieldErrors& out) {
  const size_t before = out.size();
  auto facts = ParseIdNumber(p.id_number, ctx.today);
  if (!facts) {
    Add(out, field::kIdNumber, MaskValue(p.id_number), facts.error());
  } else {
    if ((p.sex == Sex::kFemale) != facts->female) {
      Add(out, field::kSex, p.sex == Sex::kFemale ? "女" : "男", "性别与身份证号不符");
    }
    if (p.birth_date != facts->birth_date) {
      Add(out, field::kBirthDate, p.birth_date.ToString(), "出生日期与身份证号不符");
    }
  }
  CheckText(out, field::kName, p.name, 30, true);
  CheckText(out, field::kEthnicity, p.ethnicity, 10, false);
  if (!p.phone.empty() && !(p.phone.size() == 11 && IsDigits(p.phone) && p.phone[0] == '1')) {
    Add(out, field::kPhone, MaskValue(p.phone), "手机号应为以 1 开头的 11 位数字");
  }
  CheckRegion(field::kHukou, p.hukou_region, ctx.regions, out);
  CheckRegion(field::kResidence, p.residence_region, ctx.regions, out);
  CheckOptionalRegion(out, field::kWorkRegion, p.work_region, ctx.regions);
  CheckOptionalRegion(out, field::kInsuredRegion, p.insured_region, ctx.regions);
  if (!p.county_code.empty() || out.size() == before) CheckCounty(out, p.county_code, ctx.regions);

  if (p.school_left_on) {
    Date d = *p.school_left_on;
    if (d > ctx.today) {
      Add(out, field::kSchoolLeftOn, d.ToString(), "毕业(离校)日期不能晚于今天");
    } else if (facts && d < facts->birth_date.AddYears(14)) {
      Add(out, field::kSchoolLeftOn, d.ToString(), "毕业(离校)日期早于 14 周岁，不可能");
    }
  }
  for (const auto& s : p.skills) CheckText(out, field::kSkills, s, 50, false);
  for (const auto& c : p.certificates) {
    std::string shown = c.name + ":" + std::to_string(c.level) + ":" + c.issued_on.ToString();
    if (c.name.empty()) Add(out, field::kCertificates, shown, "证书名称不能为空");
    if (c.level < 0 || c.level > 5) {
      Add(out, field::kCertificates, shown, "证书等级应为 0（无等级）或 1（高级技师）至 5（初级工）");
    }
    if (c.issued_on > ctx.today) {
      Add(out, field::kCertificates, shown, "发证日期不能晚于今天");
    } else if (facts && c.issued_on < facts->birth_date) {
      Add(out, field::kCertificates, shown, "发证日期早于出生日期，不可能");
    }
  }
  for (size_t i = 0; i < p.groups.size(); ++i) {
    const GroupMembership& g = p.groups[i];
    std::string shown = g.valid_from.ToString() + "~" + (g.valid_to ? g.valid_to->ToString() : "");
    if (g.valid_to && *g.valid_to < g.valid_from) {
      Add(out, field::kGroups, shown, "人员类别的结束日期早于开始日期");
    }
    if (facts && g.valid_from < facts->birth_date) {
      Add(out, field::kGroups, shown, "人员类别的开始日期早于出生日期");
    }
    for (size_t k = 0; k < i; ++k) {
      const GroupMembership& h = p.groups[k];
      if (h.group != g.group) continue;
      bool disjoint = (h.valid_to && *h.valid_to < g.valid_from) ||
                      (g.valid_to && *g.valid_to < h.valid_from);
      if (!disjoint) Add(out, field::kGroups, shown, "同一人员类别的有效期重叠");
    }
  }
  return out.size() == before;
}

bool ValidateEmployer(const Employer& e, const ValidationContext& ctx, FieldErrors& out) {
  const size_t before = out.size();
  CheckCreditCode(out, e.credit_code);
  CheckText(out, field::kEmployerName, e.name, 100, true);
  bool region_ok = CheckRegion(field::kEmployerRegion, e.region, ctx.regions, out);
  if (region_ok) CheckCounty(out, e.county_code, ctx.regions);
  CheckOptionalRegion(out, field::kEmployerInsuredRegion, e.insured_region, ctx.regions);
  if (e.insured_headcount < 0) {
    Add(out, field::kInsuredHeadcount, std::to_string(e.insured_headcount), "参保人数不能为负数");
  }
  for (size_t i = 0; i < e.years.size(); ++i) {
    const EmployerYear& y = e.years[i];
    if (y.year < 1990 || y.year > ctx.today.year()) {
      Add(out, field::kYear, std::to_string(y.year),
          "年度应在 1990 年至 " + std::to_string(ctx.today.year()) + " 年之间");
    }
    for (size_t k = 0; k < i; ++k) {
      if (e.years[k].year == y.year) Add(out, field::kYear, std::to_string(y.year), "年度重复");
    }
    if (y.insured_headcount < 0) {
      Add(out, field::kYearHeadcount, std::to_string(y.insured_headcount), "不能为负数");
    }
    if (y.layoffs < 0) Add(out, field::kLayoffs, std::to_string(y.layoffs), "不能为负数");
    if (y.ui_premium_fen < 0) {
      Add(out, field::kUiPremium, std::to_string(y.ui_premium_fen), "失业保险费不能为负数");
    }
  }
  return out.size() == before;
}

bool ValidateJob(const Job& j, const ValidationContext& ctx, FieldErrors& out) {
  const size_t before = out.size();
  CheckCreditCode(out, j.employer_credit_code);
  CheckText(out, field::kTitle, j.title, 60, true);
  if (!j.occupation_code.empty()) {
    // 2022 classification: "6", "6-18", "6-18-02", "6-18-02-04".
    string_view c = j.occupation_code;
    bool ok = c.size() >= 1 && c[0] >= '1' && c[0] <= '8';
    static constexpr size_t kLens[] = {1, 4, 7, 10};
    bool len_ok = false;
    for (size_t n : kLens) len_ok |= c.size() == n;
    for (size_t i = 1; ok && i < c.size(); ++i) {
      bool dash = i == 1 || i == 4 || i == 7;
      ok = dash ? c[i] == '-' : (c[i] >= '0' && c[i] <= '9');
    }
    if (!ok || !len_ok) {
      Add(out, field::kOccupationCode, c, "职业编码格式应为 6-18-02-04（2022 年版职业分类大典）");
    }
  }
  if (j.headcount < 1) Add(out, field::kHeadcount, std::to_string(j.headcount), "招聘人数至少为 1");
  if (j.wage_min_fen < 0) Add(out, field::kWageMin, std::to_string(j.wage_min_fen), "不能为负数");
  if (j.wage_max_fen < j.wage_min_fen) {
    Add(out, field::kWageMax, std::to_string(j.wage_max_fen / 100), "最高月薪低于最低月薪");
  }
  bool place_ok = CheckRegion(field::kPlace, j.place_region, ctx.regions, out);
  if (place_ok && !j.county_code.empty()) CheckCounty(out, j.county_code, ctx.regions);
  CheckText(out, field::kRequirements, j.requirements, 2000, false);
  if (j.open_on > ctx.today) Add(out, field::kOpenOn, j.open_on.ToString(), "发布日期不能晚于今天");
  if (j.close_on && *j.close_on < j.open_on) {
    Add(out, field::kCloseOn, j.close_on->ToString(), "截止日期早于发布日期");
  }
  return out.size() == before;
}

bool ValidateContract(const Contract& c, const ValidationContext& ctx, FieldErrors& out) {
  const size_t before = out.size();
  auto facts = ParseIdNumber(c.person_id_number, ctx.today);
  if (!facts) Add(out, field::kIdNumber, MaskValue(c.person_id_number), facts.error());
  CheckCreditCode(out, c.employer_credit_code);
  if (facts && c.start_on < facts->birth_date.AddYears(16)) {
    Add(out, field::kStartOn, c.start_on.ToString(), "合同开始时本人未满 16 周岁");
  }
  if (c.end_on && *c.end_on < c.start_on) {
    Add(out, field::kEndOn, c.end_on->ToString(), "合同结束日期早于开始日期");
  }
  if (c.social_insurance_months < 0 || c.social_insurance_months > 600) {
    Add(out, field::kInsuredMonths, std::to_string(c.social_insurance_months),
        "参保月数应在 0 到 600 之间");
  }
  CheckOptionalRegion(out, field::kContractWorkPlace, c.work_region, ctx.regions);
  if (auto via = ParseOrganisedVia(c.organised_via); !via || *via != c.organised_via) {
    Add(out, field::kOrganisedVia, c.organised_via, "应为劳务协作站、稳岗就业基地、人力资源服务机构、政府组织或自主外出；不填为未记录");
  }
  return out.size() == before;
}

}  // namespace qjy::registry
