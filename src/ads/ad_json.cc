#include "ads/ad_json.h"

#include <fmt/format.h>

#include "core/clause_display.h"
#include "registry/codes.h"

namespace qjy::ads {
namespace {

using nlohmann::json;

// Typed field readers: a present field of the wrong type is an error.
struct Reader {
  const json& j;
  std::string error;

  std::string Text(const char* key, const char* label) {
    if (!j.contains(key) || j[key].is_null()) return {};
    if (!j[key].is_string()) {
      if (error.empty()) error = fmt::format("{}（{}）应为文字", label, key);
      return {};
    }
    return j[key].get<std::string>();
  }
  int64_t Int(const char* key, const char* label, int64_t fallback) {
    if (!j.contains(key) || j[key].is_null()) return fallback;
    if (!j[key].is_number_integer()) {
      if (error.empty()) error = fmt::format("{}（{}）应为整数", label, key);
      return fallback;
    }
    return j[key].get<int64_t>();
  }
};

}  // namespace

json AdToJson(const JobAd& ad) {
  const registry::Job& jb = ad.job;
  json j = {{"county_code", jb.county_code},
            {"employer_credit_code", jb.employer_credit_code},
            {"title", jb.title},
            {"occupation_code", jb.occupation_code},
            {"headcount", jb.headcount},
            {"wage_min_fen", jb.wage_min_fen},
            {"wage_max_fen", jb.wage_max_fen},
            {"place_region", jb.place_region},
            {"type", std::string(registry::Code(jb.type))},
            {"requirements", jb.requirements},
            {"open_on", jb.open_on.ToString()},
            {"close_on", jb.close_on ? json(jb.close_on->ToString()) : json(nullptr)},
            {"sex", ad.req.sex},
            {"age_min", ad.req.age_min},
            {"age_max", ad.req.age_max},
            {"hukou", ad.req.hukou},
            {"ethnicity", ad.req.ethnicity},
            {"marital", ad.req.marital},
            {"school_tier", ad.req.school_tier},
            {"min_education", std::string(registry::Code(ad.req.min_education))}};
  // Only when given: an ad without a contact keeps the stored form it had
  // before contacts existed (HoldIfFlagged compares stored texts).
  if (!ad.contact_name.empty()) j["contact_name"] = ad.contact_name;
  if (!ad.contact_phone.empty()) j["contact_phone"] = ad.contact_phone;
  return j;
}

Result<JobAd> AdFromJson(const json& j, Date today) {
  if (!j.is_object()) return Fail(ErrorCode::kInvalidArgument, "请求体应为 JSON 对象");
  Reader r{j, {}};
  JobAd ad;
  registry::Job& jb = ad.job;
  jb.county_code = r.Text("county_code", "所属县");
  jb.employer_credit_code = r.Text("employer_credit_code", "统一社会信用代码");
  jb.title = r.Text("title", "岗位名称");
  jb.occupation_code = r.Text("occupation_code", "职业编码");
  jb.headcount = static_cast<int>(r.Int("headcount", "招聘人数", 1));
  jb.wage_min_fen = r.Int("wage_min_fen", "最低月薪（分）", 0);
  jb.wage_max_fen = r.Int("wage_max_fen", "最高月薪（分）", 0);
  jb.place_region = r.Text("place_region", "工作地点");
  jb.requirements = r.Text("requirements", "岗位要求");
  std::string type = r.Text("type", "岗位类型");
  std::string open_on = r.Text("open_on", "发布日期");
  std::string close_on = r.Text("close_on", "截止日期");
  ad.req.sex = r.Text("sex", "性别要求");
  ad.req.age_min = static_cast<int>(r.Int("age_min", "年龄下限", 0));
  ad.req.age_max = static_cast<int>(r.Int("age_max", "年龄上限", 0));
  ad.req.hukou = r.Text("hukou", "户籍要求");
  ad.req.ethnicity = r.Text("ethnicity", "民族要求");
  ad.req.marital = r.Text("marital", "婚育要求");
  ad.req.school_tier = r.Text("school_tier", "院校要求");
  ad.contact_name = r.Text("contact_name", "联系人");
  ad.contact_phone = r.Text("contact_phone", "联系电话");
  std::string education = r.Text("min_education", "最低学历");
  if (!r.error.empty()) return Fail(ErrorCode::kInvalidArgument, r.error);
  if (!type.empty()) {
    auto t = registry::Parse<registry::JobType>(type);
    if (!t) return Fail(ErrorCode::kInvalidArgument, fmt::format("岗位类型「{}」无效", type));
    jb.type = *t;
  }
  if (!education.empty()) {
    auto e = registry::Parse<registry::Education>(education);
    if (!e) return Fail(ErrorCode::kInvalidArgument, fmt::format("最低学历「{}」无效", education));
    ad.req.min_education = *e;
  }
  jb.open_on = today;
  if (!open_on.empty()) {
    auto d = Date::Parse(open_on);
    if (!d) return Fail(ErrorCode::kInvalidArgument, fmt::format("发布日期「{}」无效", open_on));
    jb.open_on = *d;
  }
  if (!close_on.empty()) {
    auto d = Date::Parse(close_on);
    if (!d) return Fail(ErrorCode::kInvalidArgument, fmt::format("截止日期「{}」无效", close_on));
    jb.close_on = *d;
  }
  return ad;
}

json FindingsToJson(const std::vector<Finding>& findings) {
  json out = json::array();
  for (const auto& f : findings) {
    out.push_back({{"category", f.category},
                   {"label", f.label},
                   {"clause", f.clause},
                   {"clause_text", DisplayClause(f.clause)},
                   {"field", f.field},
                   {"matched", f.matched},
                   {"suggestion", f.suggestion},
                   {"kind", f.kind}});
  }
  return out;
}

std::vector<Finding> FindingsFromJson(const json& j) {
  std::vector<Finding> out;
  if (!j.is_array()) return out;
  for (const auto& f : j) {
    out.push_back(Finding{f.value("category", ""), f.value("label", ""), f.value("clause", ""),
                          f.value("field", ""), f.value("matched", ""), f.value("suggestion", ""),
                          f.value("kind", "discrimination")});
  }
  return out;
}

}  // namespace qjy::ads
