#include "services/employment_events.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "registry/contribution.h"

namespace qjy::services {

std::vector<registry::EmploymentEvent> DeriveEvents(std::span<const registry::Contract> contracts,
                                                    std::span<const registry::Separation> separations,
                                                    Date as_of) {
  using registry::EmploymentEvent;
  using registry::EventKind;
  std::vector<EmploymentEvent> out;
  for (const auto& s : separations) {
    if (s.separated_on > as_of) continue;
    out.push_back({EventKind::kSeparation, s.separated_on, s.county_code, s.person_id, s.employer_credit_code,
                   s.reason, false});
  }
  // Recorded separations by (person, employer), for the contracts' check.
  std::multimap<std::pair<int64_t, std::string>, Date> recorded;
  for (const auto& s : separations) recorded.emplace(std::make_pair(s.person_id, s.employer_credit_code), s.separated_on);
  for (const auto& c : contracts) {
    if (c.start_on <= as_of) {
      out.push_back({EventKind::kHire, c.start_on, c.county_code, c.person_id, c.employer_credit_code, std::nullopt,
                     false});
    }
    if (!c.end_on || *c.end_on >= as_of) continue;
    bool has_record = false;
    auto [lo, hi] = recorded.equal_range({c.person_id, c.employer_credit_code});
    for (auto it = lo; it != hi; ++it) has_record |= it->second >= c.start_on && it->second <= *c.end_on;
    if (has_record) continue;
    out.push_back({EventKind::kSeparation, *c.end_on, c.county_code, c.person_id, c.employer_credit_code,
                   registry::SeparationReason::kExpired, true});
  }
  std::sort(out.begin(), out.end(), [](const EmploymentEvent& a, const EmploymentEvent& b) {
    return std::tie(a.on, a.county_code, a.person_id, a.kind) < std::tie(b.on, b.county_code, b.person_id, b.kind);
  });
  return out;
}

std::vector<FlowCount> CountFlows(std::span<const registry::EmploymentEvent> events, int32_t from_month,
                                  int32_t to_month, std::string_view region_prefix) {
  std::map<std::pair<std::string, int32_t>, FlowCount> cells;
  for (const auto& e : events) {
    const int32_t m = registry::MonthOf(e.on);
    if (m < from_month || m > to_month) continue;
    if (!e.county_code.starts_with(region_prefix)) continue;
    FlowCount& f = cells[{e.county_code, m}];
    f.county_code = e.county_code;
    f.month = m;
    if (e.kind == registry::EventKind::kHire) {
      ++f.hires;
    } else {
      ++f.separations;
      if (e.reason) {
        for (size_t i = 0; i < std::size(registry::kAllSeparationReasons); ++i) {
          if (registry::kAllSeparationReasons[i] == *e.reason) ++f.by_reason[i];
        }
      }
    }
  }
  std::vector<FlowCount> out;
  out.reserve(cells.size());
  for (auto& [k, v] : cells) out.push_back(std::move(v));
  return out;
}

}  // namespace qjy::services
