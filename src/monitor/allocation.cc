#include "monitor/allocation.h"

#include <algorithm>

namespace qjy::monitor {

std::map<std::string, int64_t> AllocateTargets(const IndicatorSpec& spec, int year, const CountySeries& actuals,
                                               const std::map<std::string, int64_t>& persons,
                                               const std::vector<std::string>& counties) {
  std::map<std::string, int64_t> out;
  auto target = spec.TargetFor(year);
  if (!target) return out;
  int64_t rest = *target;
  std::vector<std::string> shared;
  for (const auto& c : counties) {
    auto it = spec.overrides.find({c, year});
    if (it != spec.overrides.end()) {
      out[c] = it->second;
      rest -= it->second;
    } else {
      shared.push_back(c);
    }
  }
  rest = std::max<int64_t>(rest, 0);
  auto base_of = [&](const std::string& c, bool last_year) -> int64_t {
    if (last_year) {
      auto it = actuals.find(c);
      return it == actuals.end() ? 0 : it->second.Total(year - 1);
    }
    auto it = persons.find(c);
    return it == persons.end() ? 0 : it->second;
  };
  bool last_year = spec.allocation == AllocationBase::kPreviousYearActual;
  int64_t total = 0;
  for (const auto& c : shared) total += base_of(c, last_year);
  if (total == 0 && last_year) {
    last_year = false;
    for (const auto& c : shared) total += base_of(c, false);
  }
  if (shared.empty()) return out;
  // Largest remainder: floor shares, then one more to the largest remainders.
  std::vector<std::pair<int64_t, size_t>> remainders;  // (remainder numerator, index)
  int64_t given = 0;
  for (size_t i = 0; i < shared.size(); ++i) {
    const __int128 num = total > 0 ? static_cast<__int128>(rest) * base_of(shared[i], last_year) : rest;
    const int64_t den = total > 0 ? total : static_cast<int64_t>(shared.size());
    const int64_t q = static_cast<int64_t>(num / den);
    out[shared[i]] = q;
    given += q;
    remainders.push_back({static_cast<int64_t>(num % den), i});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < rest && k < remainders.size(); ++k, ++given) ++out[shared[remainders[k].second]];
  return out;
}

}  // namespace qjy::monitor
