#include "training/recommend.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace qjy::training {
namespace {

const char* kLevelShort[] = {"", "一级", "二级", "三级", "四级", "五级"};

std::string LevelShort(int level) { return level >= 1 && level <= 5 ? kLevelShort[level] : ""; }

}  // namespace

int RequiredCertLevel(std::string_view text) {
  // The lowest level named is the one accepted ("四级及以上" → 4).
  static const std::pair<const char*, int> kNames[] = {
      {"五级", 5}, {"初级工", 5}, {"四级", 4}, {"中级工", 4}, {"三级", 3}, {"高级工", 3},
      {"二级", 2}, {"一级", 1},   {"高级技师", 1},
  };
  for (const auto& [name, level] : kNames) {
    if (text.find(name) != std::string_view::npos) return level;
  }
  // 技师 alone (not 高级技师, matched above).
  if (text.find("技师") != std::string_view::npos) return 2;
  if (text.find("证书") != std::string_view::npos || text.find("持证") != std::string_view::npos) return 0;
  return -1;
}

bool RelatedOccupations(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  if (a.size() > b.size()) std::swap(a, b);
  return b.starts_with(a) && (b.size() == a.size() || b[a.size()] == '-');
}

std::vector<Gap> SkillGaps(const std::vector<Held>& held, const std::vector<NearbyJob>& jobs) {
  // (occupation, required level, certificate) → gap
  std::map<std::tuple<std::string, int, bool>, Gap> by_key;
  for (const auto& j : jobs) {
    if (j.occupation_code.empty()) continue;
    const int req = RequiredCertLevel(j.requirements + " " + j.title);
    bool any = false, certified = false;
    for (const auto& h : held) {
      if (!RelatedOccupations(h.occupation_code, j.occupation_code)) continue;
      any = true;
      if (h.level >= 0 && (req <= 0 || (h.level >= 1 && h.level <= req))) certified = true;
    }
    if (any && (req < 0 || certified)) continue;  // met
    const bool cert_gap = req >= 0;
    Gap& g = by_key[{j.occupation_code, cert_gap ? req : -1, !any}];
    g.occupation_code = j.occupation_code;
    g.occupation_name = j.occupation_name.empty() ? j.title : j.occupation_name;
    g.required_level = cert_gap ? req : -1;
    g.certificate = cert_gap;
    ++g.jobs;
    g.headcount += std::max(1, j.headcount);
  }
  std::vector<Gap> out;
  for (auto& [k, g] : by_key) out.push_back(std::move(g));
  std::stable_sort(out.begin(), out.end(), [](const Gap& a, const Gap& b) {
    return a.jobs != b.jobs ? a.jobs > b.jobs : a.headcount > b.headcount;
  });
  return out;
}

namespace {

bool Closes(const Course& c, const Gap& g) {
  if (c.kind == "startup") return false;
  if (!RelatedOccupations(c.occupation_code, g.occupation_code)) return false;
  if (!g.certificate) return true;
  return c.level >= 1 && (g.required_level == 0 || c.level <= g.required_level);
}

// Read by the person and by officers on the person's page alike: "本人",
// never "您" (trial 3: the officer was addressed as the person).
std::string GapText(const Gap& g) {
  const std::string n = std::to_string(g.jobs);
  std::string s;
  if (g.certificate) {
    s = "附近 " + n + " 个岗位要求 " + g.occupation_name + " " +
        (g.required_level > 0 ? LevelShort(g.required_level) + "证书" : std::string("职业资格或技能等级证书"));
    s += "，本人尚无该证书";
  } else {
    s = "附近 " + n + " 个" + g.occupation_name + "岗位在招（共招 " + std::to_string(g.headcount) +
        " 人），本人尚无该职业的技能或证书";
  }
  return s;
}

}  // namespace

std::vector<Recommendation> RecommendCourses(const std::vector<Gap>& gaps, const std::vector<Course>& courses,
                                             const std::function<std::string(const std::string&)>& occupation_name,
                                             size_t limit) {
  std::vector<Recommendation> out;
  std::set<int64_t> taken;
  for (const auto& g : gaps) {
    for (const auto& c : courses) {
      if (out.size() >= limit) return out;
      if (taken.contains(c.course_id) || !Closes(c, g) || c.enrolled >= c.capacity) continue;
      taken.insert(c.course_id);
      std::string occ = occupation_name ? occupation_name(c.occupation_code) : std::string();
      if (occ.empty()) occ = c.title;
      std::string reason = GapText(g) + "；本课程「" + c.title + "」（" + c.provider_name + "，" +
                           c.start_on.ToString() + " 开课，余 " + std::to_string(c.capacity - c.enrolled) +
                           " 个名额）";
      reason += c.level > 0 ? "结业可考取 " + occ + " " + LevelLabel(c.level) + " 证书"
                            : "结业即具备 " + occ + " 职业技能";
      out.push_back({c, g, std::move(reason)});
    }
  }
  return out;
}

nlohmann::json GapJson(const Gap& g) {
  return {{"occupation_code", g.occupation_code}, {"occupation_name", g.occupation_name},
          {"required_level", g.required_level},   {"certificate", g.certificate},
          {"jobs", g.jobs},                       {"headcount", g.headcount},
          {"text", GapText(g)}};
}

nlohmann::json RecommendationJson(const Recommendation& r) {
  return {{"course", CourseJson(r.course)}, {"gap", GapJson(r.gap)}, {"reason", r.reason}};
}

}  // namespace qjy::training
