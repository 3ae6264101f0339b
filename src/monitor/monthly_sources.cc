#include "monitor/monthly_sources.h"

#include <algorithm>
#include <vector>

#include "registry/place.h"

namespace qjy::monitor {
namespace {

std::string MonthlySourcesCountyOf(std::string_view code, std::string_view fallback) {
  if (code.size() >= 6 && code.starts_with(registry::kGuizhouProvince)) return std::string(code.substr(0, 6));
  return std::string(fallback);
}

// Difference array per county -> running counts for each month up to `through`.
void AddDiff(std::map<std::string, std::map<int, int64_t>>& diff, const std::string& county, MonthSpan s) {
  auto& d = diff[county];
  d[s.first] += 1;
  d[s.last + 1] -= 1;
}

void Accumulate(const std::map<std::string, std::map<int, int64_t>>& diff, MonthlyCounts& out, bool to_den,
                int through) {
  for (const auto& [county, d] : diff) {
    if (d.empty()) continue;
    int64_t run = 0;
    auto it = d.begin();
    for (int m = d.begin()->first; m <= through; ++m) {
      while (it != d.end() && it->first == m) run += (it++)->second;
      if (run == 0 && it == d.end()) break;
      if (run == 0) continue;
      MonthCount& c = out[county][m];
      (to_den ? c.den : c.num) += run;
    }
  }
}

}  // namespace

Date MonthEnd(int key) {
  const int y = key / 12, m = key % 12 + 1;
  return Date::FromYmd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1)->AddDays(-1);
}

std::optional<MonthSpan> MonthEndsCovered(Date from, std::optional<Date> to, int through) {
  MonthSpan s;
  s.first = MonthKey(from);  // from ≤ its own month's end
  if (to) {
    if (*to < from) return std::nullopt;
    s.last = MonthKey(*to);
    if (*to < MonthEnd(s.last)) --s.last;  // not in force at that month's end
  } else {
    s.last = through;
  }
  s.last = std::min(s.last, through);
  if (s.last < s.first) return std::nullopt;
  return s;
}

MonthCount RegionCount(const MonthlyCounts& counts, std::string_view region, int month) {
  MonthCount sum;
  for (auto it = counts.lower_bound(std::string(region)); it != counts.end(); ++it) {
    if (!it->first.starts_with(region)) break;
    if (auto m = it->second.find(month); m != it->second.end()) {
      sum.num += m->second.num;
      sum.den += m->second.den;
    }
  }
  return sum;
}

void ForEachPersonRun(std::vector<PersonSpan> spans,
                      const std::function<void(const std::string& county, MonthSpan run)>& fn) {
  std::sort(spans.begin(), spans.end(), [](const PersonSpan& a, const PersonSpan& b) {
    return a.person_id != b.person_id ? a.person_id < b.person_id : a.span.first < b.span.first;
  });
  for (size_t i = 0; i < spans.size();) {
    size_t j = i;
    // Merge this person's spells: a run of overlapping or adjacent spans.
    MonthSpan cur = spans[i].span;
    const std::string* county = &spans[i].county;
    for (++j; j < spans.size() && spans[j].person_id == spans[i].person_id; ++j) {
      if (spans[j].span.first <= cur.last + 1) {
        cur.last = std::max(cur.last, spans[j].span.last);
      } else {
        fn(*county, cur);
        cur = spans[j].span;
        county = &spans[j].county;
      }
    }
    fn(*county, cur);
    i = j;
  }
}

void AddPersonMonths(std::vector<PersonSpan> spans, MonthlyCounts& out, bool to_den, int through) {
  std::map<std::string, std::map<int, int64_t>> diff;
  ForEachPersonRun(std::move(spans), [&](const std::string& county, MonthSpan run) { AddDiff(diff, county, run); });
  Accumulate(diff, out, to_den, through);
}

Result<MonthlyCounts> LoadMonthlyCounts(MonthlyComputation c, services::ServicesStore& services,
                                        store::RegistryStore& registry, int through) {
  MonthlyCounts out;
  switch (c) {
    case MonthlyComputation::kRegisteredUnemploymentRate: {
      auto regs = services.ListRegistrations("");
      if (!regs) return std::unexpected(regs.error());
      std::vector<PersonSpan> unemployed;
      for (const auto& r : *regs) {
        std::optional<Date> last;
        if (r.closed_on) last = r.closed_on->AddDays(-1);  // closed that day
        if (auto s = MonthEndsCovered(r.registered_on, last, through)) {
          unemployed.push_back({r.person_id, r.county_code, *s});
        }
      }
      std::vector<PersonSpan> employed;
      auto ok = registry.ForEachSpell([&](const store::RegistryStore::Spell& k) {
        std::string county;
        if (k.work_region.size() >= 6) {
          if (!k.work_region.starts_with(registry::kGuizhouProvince)) return;  // outside Guizhou
          county = k.work_region.substr(0, 6);
        } else {
          county = k.county_code;
        }
        if (auto s = MonthEndsCovered(k.start, k.end, through)) employed.push_back({k.person_id, county, *s});
      });
      if (!ok) return std::unexpected(ok.error());
      AddPersonMonths(unemployed, out, false, through);
      AddPersonMonths(unemployed, out, true, through);
      AddPersonMonths(std::move(employed), out, true, through);
      return out;
    }
    case MonthlyComputation::kMonitoringObjectsEmployed: {
      // One row per contract and membership: the months both employed and
      // a monitoring object, in the county of household registration.
      std::vector<PersonSpan> employed;
      auto ok = registry.ForEachGroupSpell(
          registry::Group::kMonitoringObject, "", [&](const store::RegistryStore::GroupSpell& x) {
            auto s = MonthEndsCovered(x.start, x.end, through);
            auto m = MonthEndsCovered(x.group_from, x.group_to, through);
            if (!s || !m) return;
            MonthSpan both{std::max(s->first, m->first), std::min(s->last, m->last)};
            if (both.first <= both.last) {
              employed.push_back({x.person_id, MonthlySourcesCountyOf(x.home_region, x.county_code), both});
            }
          });
      if (!ok) return std::unexpected(ok.error());
      AddPersonMonths(std::move(employed), out, false, through);
      return out;
    }
  }
  return out;
}

}  // namespace qjy::monitor
