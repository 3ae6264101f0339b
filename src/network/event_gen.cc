#include "network/event_gen.h"

#include <algorithm>
#include <random>
#include <set>

#include <fmt/format.h>

namespace qjy::network {
namespace {

constexpr const char* kVisits[] = {"进校园", "进社区", "进企业"};

// 就业创业服务团队活动 (A4(十七)): the province's team about 2–3 visits a
// year, each prefecture's 4–6, with realistic gaps (some years a team falls
// short). A random stream of its own, so the recruitment events above stay
// as they were for a given seed.
void AddServiceTeamVisits(const std::vector<Region>& prefectures, uint64_t seed, Date from, Date to,
                          std::vector<EventInput>& out) {
  std::mt19937_64 rng(seed ^ 0x7365727669636574ULL);  // "servicet"
  auto below = [&](uint64_t n) { return static_cast<int64_t>(rng() % n); };
  std::vector<std::pair<std::string, std::string>> organisers = {{"52", "贵州省"}};
  for (const auto& p : prefectures) organisers.emplace_back(p.code, p.name);
  for (int year = from.year(); year <= to.year(); ++year) {
    const Date jan1 = *Date::FromYmd(year, 1, 1);
    for (const auto& [code, name] : organisers) {
      const bool province = code.size() == 2;
      const int64_t usual = province ? 2 + below(2) : 4 + below(3);
      const int64_t n = below(6) == 0 ? usual - 1 - below(2) : usual;  // one team-year in six falls short
      for (int64_t k = 0; k < n; ++k) {
        EventInput e;
        e.region = code;
        e.kind = "service_team";
        e.held_on = jan1.AddDays(static_cast<int>(below(365)));
        if (e.held_on < from || e.held_on > to) continue;
        const char* visit = kVisits[below(std::size(kVisits))];
        e.title = fmt::format("{}就业创业服务团队{}服务活动", name, visit);
        e.place = std::string(visit) == "进校园" ? name + "高校" : std::string(visit) == "进社区" ? name + "社区" : name + "工业园区";
        e.employers = std::string(visit) == "进企业" ? 5 + below(20) : 0;
        e.attendance = 50 + below(400);
        out.push_back(std::move(e));
      }
    }
  }
}

constexpr const char* kCountyTitles[] = {"周周招聘", "春风行动专场招聘会", "就业援助月专场招聘", "民营企业招聘周",
                                         "返乡农民工专场招聘", "高校毕业生专场招聘", "零工市场对接会"};

}  // namespace

std::vector<EventInput> GenerateEvents(const RegionIndex& regions, uint64_t seed, Date from, Date to) {
  std::mt19937_64 rng(seed ^ 0x6e6574776f726bULL);  // "network"
  auto below = [&](uint64_t n) { return static_cast<int64_t>(rng() % n); };
  std::vector<EventInput> out;
  auto prefectures = regions.Children("52").value_or(std::vector<Region>{});
  std::vector<Region> counties;
  for (const auto& p : prefectures) {
    for (const auto& c : regions.Children(p.code).value_or(std::vector<Region>{})) counties.push_back(c);
  }
  // About one county in ten holds events irregularly.
  std::set<std::string> weak;
  for (const auto& c : counties) {
    if (below(10) == 0) weak.insert(c.code);
  }
  const Date first_monday = from.AddDays((8 - from.iso_weekday()) % 7);
  for (const auto& c : counties) {
    const int per_mille = weak.contains(c.code) ? 700 : 985;
    for (Date monday = first_monday; monday <= to; monday = monday.AddDays(7)) {
      if (below(1000) >= per_mille) continue;
      EventInput e;
      e.region = c.code;
      e.held_on = monday.AddDays(static_cast<int>(below(5)));
      if (e.held_on > to) continue;
      e.kind = below(10) < 3 ? "comprehensive" : "special";
      e.title = fmt::format("{}{}", c.name, kCountyTitles[below(std::size(kCountyTitles))]);
      e.online = below(5) == 0;
      e.place = e.online ? "贵州公共招聘网" : c.name + "人力资源市场";
      e.employers = 10 + below(60);
      e.jobs = e.employers * (8 + below(25));
      e.attendance = 100 + below(900);
      e.hires = e.attendance * (5 + below(20)) / 100;
      out.push_back(std::move(e));
    }
  }
  for (const auto& p : prefectures) {
    Date month = *Date::FromYmd(from.year(), from.month(), 1);
    for (; month <= to; month = month.AddMonths(1)) {
      const int n = below(20) == 0 ? 1 : 2;
      const int days = month.AddMonths(1).days() - month.days();
      for (int k = 0; k < n; ++k) {
        EventInput e;
        e.region = p.code;
        e.kind = "comprehensive";
        e.held_on = month.AddDays(k * (days / 2) + static_cast<int>(below(days / 2)));
        if (e.held_on < from || e.held_on > to) continue;
        e.title = fmt::format("{}{}月综合性招聘会", p.name, month.month());
        e.place = p.name + "人才市场";
        e.employers = 80 + below(200);
        e.jobs = e.employers * (10 + below(30));
        e.attendance = 1000 + below(5000);
        e.hires = e.attendance * (5 + below(15)) / 100;
        out.push_back(std::move(e));
      }
    }
  }
  AddServiceTeamVisits(prefectures, seed, from, to, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const EventInput& a, const EventInput& b) { return a.held_on < b.held_on; });
  return out;
}

}  // namespace qjy::network
