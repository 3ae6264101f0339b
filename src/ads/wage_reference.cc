#include "ads/wage_reference.h"

#include <algorithm>
#include <vector>

namespace qjy::ads {

WageReference WageReference::Build(std::span<const WageSample> samples,
                                   const std::function<std::string(std::string_view)>& name, std::string as_of) {
  // Every wage under each code and each of its groups (prefixes ending
  // before a '-').
  std::unordered_map<std::string, std::vector<int64_t>, Hash, std::equal_to<>> wages;
  WageReference out;
  for (const WageSample& s : samples) {
    if (s.occupation_code.empty() || s.wage_max_fen <= 0) continue;
    ++out.samples_;
    const std::string& code = s.occupation_code;
    for (size_t end = code.find('-'); ; end = code.find('-', end + 1)) {
      const std::string_view prefix(code.data(), end == std::string::npos ? code.size() : end);
      auto it = wages.find(prefix);
      if (it == wages.end()) it = wages.emplace(std::string(prefix), std::vector<int64_t>{}).first;
      it->second.push_back(s.wage_max_fen);
      if (end == std::string::npos) break;
    }
  }
  out.by_code_.reserve(wages.size());
  for (auto& [code, v] : wages) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    WageStats st;
    st.count = static_cast<int>(n);
    st.median_fen = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    st.p75_fen = v[(3 * n + 3) / 4 - 1];  // nearest rank: ceil(0.75 n)
    st.name = name ? name(code) : std::string();
    out.by_code_.emplace(code, std::move(st));
  }
  out.as_of_ = std::move(as_of);
  return out;
}

const WageStats* WageReference::Find(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &it->second;
}

}  // namespace qjy::ads
