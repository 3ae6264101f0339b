#include "monitor/warnings.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <unordered_set>

namespace qjy::monitor {
namespace {

int MonthIndex(Date d) { return d.year() * 12 + d.month() - 1; }
int MonthIndex(int year, int month) { return year * 12 + month - 1; }
Date WarningsFirstDay(int index) { return *Date::FromYmd(index / 12, index % 12 + 1, 1); }
Date LastDay(int index) { return WarningsFirstDay(index + 1).AddDays(-1); }
std::string MonthText(int index) { return std::to_string(index / 12) + " 年 " + std::to_string(index % 12 + 1) + " 月"; }

std::string WarningsPct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
  return buf;
}
std::string Fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

bool Within(std::string_view code, std::string_view region) { return !code.empty() && code.starts_with(region); }

// The units a per-county kind is evaluated over: each county of the region
// seen in `codes`, and the region itself when it is above a county.
std::vector<std::string> Units(const std::string& region, const std::set<std::string>& counties, bool with_region) {
  std::vector<std::string> out;
  if (with_region && region.size() < 6) out.push_back(region);
  for (const auto& c : counties) {
    if (Within(c, region)) out.push_back(c);
  }
  return out;
}

// The facts of a unit (Units): a county's from `by_county` (its facts in
// their order, grouped once), the region's own by one pass over all — so a
// province of 88 counties reads its facts twice, not 89 times.
template <typename Fact>
class FactsByUnit {
 public:
  explicit FactsByUnit(const std::vector<Fact>& all) : all_(all) {
    for (const auto& x : all) by_county_[x.county_code].push_back(&x);
  }
  template <typename Fn>
  void ForEach(const std::string& unit, Fn&& fn) const {
    if (unit.size() < 6) {
      for (const auto& x : all_) {
        if (Within(x.county_code, unit)) fn(x);
      }
      return;
    }
    if (auto it = by_county_.find(unit); it != by_county_.end()) {
      for (const Fact* x : it->second) fn(*x);
    }
  }
  std::set<std::string> Counties() const {
    std::set<std::string> out;
    for (const auto& [county, list] : by_county_) out.insert(county);
    return out;
  }

 private:
  const std::vector<Fact>& all_;
  std::map<std::string, std::vector<const Fact*>> by_county_;
};

const char* kRisk = "，存在规模性失业风险，须按正文（十九）“定期分析研判就业形势……应对处置规模性失业风险”研判处置";

std::string Lead(const WarningSpec& s, WarningLevel level) {
  return std::string("【") + WarningLevelLabel(level) + "】" + s.name + "：";
}

void MassLayoff(const WarningSpec& s, const WarningFacts& f, const std::string& region, int month,
                const RegionNamer& name, std::vector<Warning>& out) {
  const int window = static_cast<int>(s.Param("window_months"));
  const int64_t min_count = static_cast<int64_t>(s.Param("min_count"));
  const Date from = WarningsFirstDay(month - window + 1);
  const Date to = LastDay(month);
  std::map<std::string, std::vector<const SeparationFact*>> by_employer;
  for (const auto& x : f.separations) {
    if (x.on < from || x.on > to) continue;
    if (std::find(s.reasons.begin(), s.reasons.end(), x.reason) == s.reasons.end()) continue;
    by_employer[x.employer_credit_code].push_back(&x);
  }
  // Only the employers with separations in the window (not an index of
  // every employer of the province per request).
  std::map<std::string, const EmployerFact*> employers;
  for (const auto& e : f.employers) {
    if (by_employer.contains(e.credit_code)) employers[e.credit_code] = &e;
  }
  std::string reasons;
  for (auto r : s.reasons) reasons += (reasons.empty() ? "" : "、") + std::string(registry::SeparationReasonLabel(r));
  for (const auto& [code, list] : by_employer) {
    auto it = employers.find(code);
    if (it == employers.end() || !Within(it->second->county_code, region)) continue;
    const EmployerFact& e = *it->second;
    const auto count = static_cast<int64_t>(list.size());
    const double share = e.insured_headcount > 0 ? static_cast<double>(count) / e.insured_headcount : 0;
    std::optional<WarningLevel> level;
    double threshold = 0;
    bool by_share = false;
    for (auto [l, t] : {std::pair{WarningLevel::kRed, &s.red}, {WarningLevel::kAmber, &s.amber}}) {
      if (count >= t->at("count")) {
        level = l;
        threshold = t->at("count");
      } else if (e.insured_headcount > 0 && count >= min_count && share >= t->at("share")) {
        level = l;
        threshold = t->at("share");
        by_share = true;
      }
      if (level) break;
    }
    if (!level) continue;
    Warning w;
    w.spec = &s;
    w.region = e.county_code;
    w.employer_credit_code = code;
    w.employer_name = e.name;
    w.level = *level;
    w.value = by_share ? share : static_cast<double>(count);
    w.threshold = threshold;
    w.baseline = e.insured_headcount;
    const std::string window_text = MonthText(month - window + 1) + "至" + MonthText(month);
    w.measure = window_text + reasons + " " + std::to_string(count) + " 人，占参保人数 " +
                std::to_string(e.insured_headcount) + " 人的 " + (e.insured_headcount > 0 ? WarningsPct(share) : "—") +
                "；阈值：" + (by_share ? "占比 " + WarningsPct(threshold) : Fixed(threshold, 0) + " 人");
    w.reason = Lead(s, *level) + name(e.county_code) + e.name + "在" + window_text + "因" + reasons + "离职 " +
               std::to_string(count) + " 人" +
               (by_share ? "，占参保人数的 " + WarningsPct(share) + "，达到 " + WarningsPct(threshold)
                         : "，达到 " + Fixed(threshold, 0) + " 人") +
               kRisk + "。";
    for (const auto* x : list) {
      w.persons.push_back({x->person_id, x->county_code,
                           x->on.ToString() + " " + std::string(registry::SeparationReasonLabel(x->reason))});
    }
    out.push_back(std::move(w));
  }
}

void RegistrationSurge(const WarningSpec& s, const WarningFacts& f, const std::string& region, int month,
                       const RegionNamer& name, std::vector<Warning>& out) {
  const int years = static_cast<int>(s.Param("baseline_years"));
  const int64_t min_count = static_cast<int64_t>(s.Param("min_count"));
  // county -> month index -> count; plus the month's registrations.
  std::map<std::string, std::map<int, int64_t>> counts;
  std::map<std::string, std::set<int>> years_held;
  std::map<std::string, std::vector<const RegistrationFact*>> now;
  for (const auto& r : f.registrations) {
    if (!Within(r.county_code, region)) continue;
    const int m = MonthIndex(r.on);
    counts[r.county_code][m]++;
    years_held[r.county_code].insert(r.on.year());
    if (m == month) now[r.county_code].push_back(&r);
  }
  for (const auto& [county, list] : now) {
    const auto count = static_cast<int64_t>(list.size());
    if (count < min_count) continue;
    int64_t sum = 0;
    int n = 0;
    for (int k = 1; k <= years; ++k) {
      const int y = month / 12 - k;
      if (!years_held[county].contains(y)) continue;
      auto it = counts[county].find(month - 12 * k);
      sum += it == counts[county].end() ? 0 : it->second;
      ++n;
    }
    if (n == 0) continue;
    const double baseline = static_cast<double>(sum) / n;
    const double ratio = baseline > 0 ? count / baseline : std::numeric_limits<double>::infinity();
    std::optional<WarningLevel> level;
    double threshold = 0;
    for (auto [l, t] : {std::pair{WarningLevel::kRed, &s.red}, {WarningLevel::kAmber, &s.amber}}) {
      if (ratio >= t->at("factor")) {
        level = l;
        threshold = t->at("factor");
        break;
      }
    }
    if (!level) continue;
    Warning w;
    w.spec = &s;
    w.region = county;
    w.level = *level;
    w.value = std::isinf(ratio) ? 0 : ratio;
    w.threshold = threshold;
    w.baseline = baseline;
    const std::string ratio_text = std::isinf(ratio) ? "（基线为 0）" : " " + Fixed(ratio, 2) + " 倍";
    w.measure = MonthText(month) + "登记 " + std::to_string(count) + " 人，前 " + std::to_string(n) +
                " 年同月平均 " + Fixed(baseline, 1) + " 人，为" + ratio_text + "；阈值 " + Fixed(threshold, 2) + " 倍";
    w.reason = Lead(s, *level) + name(county) + MonthText(month) + "失业登记 " + std::to_string(count) +
               " 人，为此前 " + std::to_string(n) + " 年同月平均（" + Fixed(baseline, 1) + " 人）的" + ratio_text +
               "，达到 " + Fixed(threshold, 2) + " 倍" + kRisk + "。";
    for (const auto* r : list) w.persons.push_back({r->person_id, r->region_code, r->on.ToString() + " 登记失业"});
    out.push_back(std::move(w));
  }
}

void PovertyOutbound(const WarningSpec& s, const WarningFacts& f, const std::string& region, int month,
                     const RegionNamer& name, std::vector<Warning>& out) {
  const int64_t min_base = static_cast<int64_t>(s.Param("min_base"));
  // The month's and the month a year earlier's first and last days, once.
  const std::pair<Date, Date> days[2] = {{WarningsFirstDay(month), LastDay(month)},
                                         {WarningsFirstDay(month - 12), LastDay(month - 12)}};
  auto working = [&days](const OutboundSpellFact& x, int months_back) {
    const auto& [a, b] = days[months_back == 0 ? 0 : 1];
    const bool spell = x.start <= b && (!x.end || *x.end >= a);
    const bool group = x.group_from <= b && (!x.group_to || *x.group_to >= a);
    return spell && group;
  };
  const FactsByUnit<OutboundSpellFact> facts(f.outbound);
  for (const auto& unit : Units(region, facts.Counties(), true)) {
    // Persons working outside now; those a year ago, in person order, with
    // their county (the fact's, which outlives this call).
    std::unordered_set<int64_t> now;
    std::map<int64_t, const std::string*> before;
    facts.ForEach(unit, [&](const OutboundSpellFact& x) {
      if (working(x, 0)) now.insert(x.person_id);
      if (working(x, 12)) before[x.person_id] = &x.county_code;
    });
    const auto base = static_cast<int64_t>(before.size());
    if (base == 0 || base < min_base) continue;
    const auto count = static_cast<int64_t>(now.size());
    const double fall = static_cast<double>(base - count) / base;
    std::optional<WarningLevel> level;
    double threshold = 0;
    for (auto [l, t] : {std::pair{WarningLevel::kRed, &s.red}, {WarningLevel::kAmber, &s.amber}}) {
      if (fall >= t->at("fall")) {
        level = l;
        threshold = t->at("fall");
        break;
      }
    }
    if (!level) continue;
    Warning w;
    w.spec = &s;
    w.region = unit;
    w.level = *level;
    w.value = fall;
    w.threshold = threshold;
    w.baseline = static_cast<double>(base);
    w.measure = MonthText(month) + "省外务工 " + std::to_string(count) + " 人，上年同月 " + std::to_string(base) +
                " 人，下降 " + WarningsPct(fall) + "；阈值 " + WarningsPct(threshold);
    w.reason = Lead(s, *level) + name(unit) + "脱贫人口在省外务工 " + std::to_string(count) + " 人，比上年同月（" +
               std::to_string(base) + " 人）下降 " + WarningsPct(fall) + "，达到 " + WarningsPct(threshold) +
               "，与正文（二）“脱贫劳动力外出务工规模保持稳定”相背" + kRisk + "。";
    // Behind it: those who worked outside a year ago and do not now.
    for (const auto& [person, county] : before) {
      if (!now.contains(person)) w.persons.push_back({person, *county, MonthText(month - 12) + "在省外务工，本月未在省外务工"});
    }
    out.push_back(std::move(w));
  }
}

void OnTimeRate(const WarningSpec& s, const WarningFacts& f, const std::string& region, int month,
                const RegionNamer& name, std::vector<Warning>& out) {
  const int64_t min_decided = static_cast<int64_t>(s.Param("min_decided"));
  using Outcome = ObligationFact::Outcome;
  const FactsByUnit<ObligationFact> facts(f.obligations);
  for (const auto& unit : Units(region, facts.Counties(), true)) {
    int64_t on_time[2] = {0, 0}, decided[2] = {0, 0};
    std::vector<const ObligationFact*> missed;
    facts.ForEach(unit, [&](const ObligationFact& o) {
      const int m = MonthIndex(o.deadline);
      if (m != month && m != month - 1) return;
      if (o.outcome == Outcome::kPending || o.outcome == Outcome::kLapsed) return;
      const int i = m == month ? 0 : 1;
      ++decided[i];
      if (o.outcome == Outcome::kOnTime) {
        ++on_time[i];
      } else if (i == 0) {
        missed.push_back(&o);
      }
    });
    if (decided[0] == 0 || decided[0] < min_decided) continue;
    const double rate = static_cast<double>(on_time[0]) / decided[0];
    const std::optional<double> last =
        decided[1] > 0 ? std::optional<double>(static_cast<double>(on_time[1]) / decided[1]) : std::nullopt;
    const double drop = last ? *last - rate : 0;
    std::optional<WarningLevel> level;
    double threshold = 0;
    bool by_floor = false;
    for (auto [l, t] : {std::pair{WarningLevel::kRed, &s.red}, {WarningLevel::kAmber, &s.amber}}) {
      if (rate < t->at("floor")) {
        level = l;
        threshold = t->at("floor");
        by_floor = true;
      } else if (last && drop >= t->at("drop") - 1e-12) {
        level = l;
        threshold = t->at("drop");
      }
      if (level) break;
    }
    if (!level) continue;
    Warning w;
    w.spec = &s;
    w.region = unit;
    w.level = *level;
    w.value = rate;
    w.threshold = threshold;
    w.baseline = last.value_or(0);
    const std::string last_text = last ? "上月 " + WarningsPct(*last) : "上月无到期义务";
    w.measure = MonthText(month) + "到期 " + std::to_string(decided[0]) + " 项，按时完成 " + std::to_string(on_time[0]) +
                " 项（" + WarningsPct(rate) + "），" + last_text + "；阈值：" +
                (by_floor ? "低于 " + WarningsPct(threshold) : "下降 " + Fixed(threshold * 100, 1) + " 个百分点");
    w.reason = Lead(s, *level) + name(unit) + MonthText(month) + "就业服务按时完成率 " + WarningsPct(rate) + "（" + last_text +
               "），" +
               (by_floor ? "低于 " + WarningsPct(threshold)
                         : "下降 " + Fixed(drop * 100, 1) + " 个百分点，达到 " + Fixed(threshold * 100, 1) + " 个百分点") +
               kRisk + "。";
    for (const auto* o : missed) {
      w.persons.push_back({o->person_id, o->region_code, o->title + " 截止 " + o->deadline.ToString() + " 未按时完成"});
    }
    out.push_back(std::move(w));
  }
}

}  // namespace

std::vector<Warning> ComputeWarnings(const std::vector<WarningSpec>& specs, const WarningFacts& facts,
                                     const std::string& region, int year, int month, const RegionNamer& name) {
  std::vector<Warning> out;
  const int m = MonthIndex(year, month);
  for (const auto& s : specs) {
    switch (s.kind) {
      case WarningKind::kMassLayoff: MassLayoff(s, facts, region, m, name, out); break;
      case WarningKind::kRegistrationSurge: RegistrationSurge(s, facts, region, m, name, out); break;
      case WarningKind::kPovertyOutboundFall: PovertyOutbound(s, facts, region, m, name, out); break;
      case WarningKind::kOnTimeRateFall: OnTimeRate(s, facts, region, m, name, out); break;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Warning& a, const Warning& b) {
    if (a.level != b.level) return a.level == WarningLevel::kRed;
    return false;
  });
  return out;
}

}  // namespace qjy::monitor
