#include "ads/validate.h"

#include <fstream>

#include <fmt/format.h>

#include "core/mask.h"

namespace qjy::ads {

Result<OccupationList> OccupationList::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, fmt::format("无法读取职业分类文件 {}", path));
  std::unordered_set<std::string> codes;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string code = line.substr(0, line.find(','));
    while (!code.empty() && (code.back() == '\r' || code.back() == ' ')) code.pop_back();
    if (code.empty() || code == "code") continue;
    codes.insert(code);
  }
  if (codes.empty()) return Fail(ErrorCode::kInvalidArgument, fmt::format("职业分类文件 {} 没有编码", path));
  return FromCodes(std::move(codes));
}

OccupationList OccupationList::FromCodes(std::unordered_set<std::string> codes) {
  OccupationList l;
  l.codes_ = std::move(codes);
  return l;
}

bool OccupationList::Known(std::string_view code) const {
  if (codes_.contains(std::string(code))) return true;
  return code.size() > 4 && codes_.contains(std::string(code.substr(0, 4)));
}

bool ContactPhoneValid(std::string_view p) {
  auto digits = [](std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; };
  if (p.size() == 11 && p[0] == '1') return digits(p);
  if (p.empty() || p[0] != '0') return false;
  const size_t hyphen = p.find('-');
  if (hyphen != std::string_view::npos) {
    const auto area = p.substr(0, hyphen), local = p.substr(hyphen + 1);
    return area.size() >= 3 && area.size() <= 4 && digits(area) && local.size() >= 7 && local.size() <= 8 &&
           digits(local);
  }
  return p.size() >= 10 && p.size() <= 12 && digits(p);
}

bool ValidateAd(const JobAd& ad, const registry::ValidationContext& ctx,
                const OccupationKnown& occupation_known, registry::FieldErrors& out) {
  const size_t before = out.size();
  const size_t bytes = ad.job.title.size() + ad.job.requirements.size();
  if (bytes > kMaxAdTextBytes) {
    // Nothing else is looked at: the text is not echoed back.
    out.push_back({std::string(registry::field::kRequirements), fmt::format("{} 字节", bytes),
                   fmt::format("招聘信息过长（上限 {} 字节），请精简后重新发布", kMaxAdTextBytes)});
    return false;
  }
  registry::ValidateJob(ad.job, ctx, out);
  if (ad.job.occupation_code.empty()) {
    out.push_back({std::string(registry::field::kOccupationCode), "", "职业编码不能为空"});
  } else if (occupation_known && !occupation_known(ad.job.occupation_code)) {
    bool form_error = false;
    for (size_t i = before; i < out.size(); ++i) {
      form_error |= out[i].field == registry::field::kOccupationCode;
    }
    if (!form_error) {
      out.push_back({std::string(registry::field::kOccupationCode), ad.job.occupation_code,
                     "职业分类大典（2022 年版）中没有该职业编码"});
    }
  }
  if (!ad.contact_phone.empty() && !ContactPhoneValid(ad.contact_phone)) {
    // Not echoed: the poster sees what was typed, and a masked echo of
    // one's own input ("1**") only puzzles (trial 3).
    out.push_back({"联系电话", "", "应为 11 位手机号码（1 开头）或带区号的固定电话（如 0851-86801234）"});
  }
  if (ad.contact_name.size() > 60) out.push_back({"联系人", "", "联系人过长（上限 60 字节）"});
  const AdRequirements& r = ad.req;
  if (r.age_min < 0 || r.age_min > 70) {
    out.push_back({"年龄下限", std::to_string(r.age_min), "年龄下限应在 0（不限）到 70 之间"});
  }
  if (r.age_max < 0 || r.age_max > 70) {
    out.push_back({"年龄上限", std::to_string(r.age_max), "年龄上限应在 0（不限）到 70 之间"});
  }
  if (r.age_min > 0 && r.age_min < 16) {
    out.push_back({"年龄下限", std::to_string(r.age_min), "不得招用未满 16 周岁的未成年人"});
  }
  if (r.age_max > 0 && r.age_min > r.age_max) {
    out.push_back({"年龄上限", std::to_string(r.age_max), "年龄上限低于年龄下限"});
  }
  for (const auto* s : {&r.sex, &r.hukou, &r.ethnicity, &r.marital, &r.school_tier}) {
    if (s->size() > 100) out.push_back({"岗位条件", s->substr(0, 30), "条件文字过长（上限 100 字节）"});
  }
  return out.size() == before;
}

std::string JoinFieldErrors(const registry::FieldErrors& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "；";
    out += e.value.empty() ? fmt::format("{}：{}", e.field, e.reason)
                           : fmt::format("{}「{}」：{}", e.field, e.value, e.reason);
  }
  return out;
}

}  // namespace qjy::ads
