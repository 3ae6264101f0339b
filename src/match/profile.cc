#include "match/profile.h"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

#include "match/occupation.h"
#include "core/install_paths.h"

namespace qjy::match {
namespace {

struct SkillTable {
  std::vector<std::string> names;
  std::unordered_map<std::string, std::string> code;
};

const SkillTable& Skills() {
  static const SkillTable table = [] {
    SkillTable t;
    std::ifstream in(ShippedPath("src/match/data/skills.csv"));
    std::string line;
    bool header = false;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      if (!header) {
        header = true;
        continue;
      }
      auto comma = line.find(',');
      if (comma == std::string::npos) continue;
      std::string name = line.substr(0, comma), code = line.substr(comma + 1);
      if (!code.empty() && code.back() == '\r') code.pop_back();
      if (!t.code.contains(name)) t.names.push_back(name);
      t.code[name] = code;
    }
    return t;
  }();
  return table;
}

}  // namespace

const char* PlaceScopeCode(PlaceScope s) {
  switch (s) {
    case PlaceScope::kCounty: return "county";
    case PlaceScope::kPrefecture: return "prefecture";
    case PlaceScope::kProvince: return "province";
  }
  return "";
}

Result<PlaceScope> ParsePlaceScope(std::string_view s) {
  if (s == "county") return PlaceScope::kCounty;
  if (s == "prefecture") return PlaceScope::kPrefecture;
  if (s == "province") return PlaceScope::kProvince;
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("接受的工作地点范围“{}”无效，应为 county（本县）、prefecture（本市州）或 province（全省）", s));
}

std::string OccupationOfSkill(std::string_view skill) {
  const auto& t = Skills();
  auto it = t.code.find(std::string(skill));
  return it == t.code.end() ? "" : it->second;
}

std::string SkillOfOccupation(std::string_view code) {
  const auto& t = Skills();
  std::string best, best_code;
  for (const auto& name : t.names) {
    const std::string& c = t.code.at(name);
    const bool ancestor = c == code || (code.size() > c.size() && code.starts_with(c) && code[c.size()] == '-');
    if (!ancestor) continue;
    if (c.size() > best_code.size() || (c.size() == best_code.size() && name.size() > best.size())) {
      best = name;
      best_code = c;
    }
  }
  return best;
}

const std::vector<std::string>& KnownSkills() { return Skills().names; }

JobRequirements DeriveRequirements(const registry::Job& job) {
  using registry::Education;
  JobRequirements r;
  const std::string& t = job.requirements;
  auto has = [&](std::string_view s) { return t.find(s) != std::string::npos; };
  if (has("博士")) r.min_education = Education::kDoctor;
  else if (has("硕士")) r.min_education = Education::kMaster;
  else if (has("本科")) r.min_education = Education::kBachelor;
  else if (has("大专")) r.min_education = Education::kJuniorCollege;
  else if (has("高中") || has("中专")) r.min_education = Education::kSeniorHigh;
  else if (has("初中")) r.min_education = Education::kJuniorHigh;
  if (has("无学历要求")) r.min_education = Education::kUnknown;
  for (const auto& s : KnownSkills()) {
    if (job.title.find(s) != std::string::npos) r.skills.push_back(s);
  }
  return r;
}

SeekerProfile DeriveProfile(const registry::Person& p, Date today) {
  SeekerProfile s;
  s.person_id = p.person_id;
  s.county_code = p.county_code;
  s.derived = true;
  s.education = p.education;
  auto add_skill = [&](const std::string& name) {
    if (name.empty()) return;
    if (std::find(s.skills.begin(), s.skills.end(), name) == s.skills.end()) s.skills.push_back(name);
    std::string occ = OccupationOfSkill(name);
    if (!occ.empty() && s.desired_occupations.size() < 3 &&
        std::find(s.desired_occupations.begin(), s.desired_occupations.end(), occ) ==
            s.desired_occupations.end()) {
      s.desired_occupations.push_back(occ);
    }
  };
  for (const auto& c : p.certificates) add_skill(c.name);
  for (const auto& k : p.skills) add_skill(k);
  const std::string& res = p.residence_region.size() >= 6 ? p.residence_region : p.county_code;
  s.home_county = res.substr(0, 6);
  s.scope = PlaceScope::kProvince;
  s.work_type = registry::JobType::kFullTime;
  s.available_from = today;
  return s;
}

Result<void> ValidateProfile(const SeekerProfile& p) {
  if (p.desired_occupations.size() > 3) {
    return Fail(ErrorCode::kInvalidArgument, "期望职业（desired_occupations）最多 3 个");
  }
  for (const auto& o : p.desired_occupations) {
    auto c = ParseOccCode(o);
    if (!c) return Fail(ErrorCode::kInvalidArgument, "期望职业（desired_occupations）：" + c.error().message);
  }
  if (p.home_county.size() != 6 || p.home_county.find_first_not_of("0123456789") != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("常住县（home_county）“{}”应为 6 位区划代码", p.home_county));
  }
  for (const auto& pr : p.outbound_provinces) {
    if (pr.size() != 2 || pr.find_first_not_of("0123456789") != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("意向外出省份（outbound_provinces）“{}”应为 2 位省级代码，如 44（广东）", pr));
    }
  }
  if (p.expected_wage_fen < 0 || p.expected_wage_fen > 100'000'000) {
    return Fail(ErrorCode::kInvalidArgument, "期望月薪（expected_wage_fen）应在 0–1,000,000 元之间（单位：分）");
  }
  if (p.experience_years < 0 || p.experience_years > 60) {
    return Fail(ErrorCode::kInvalidArgument, "工作年限（experience_years）应在 0–60 之间");
  }
  if (p.skills.size() > 50) return Fail(ErrorCode::kInvalidArgument, "技能证书（skills）最多 50 项");
  return {};
}

}  // namespace qjy::match
