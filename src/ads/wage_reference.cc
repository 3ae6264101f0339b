#include "ads/wage_reference.h"

#include <algorithm>
#include <vector>

namespace qjy::ads {
namespace {

// The median of sorted values (mean of the two middle ones when even).
int64_t Median(const std::vector<int64_t>& v) {
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

WageReference WageReference::Build(std::span<const WageSample> samples,
                                   const std::function<std::string(std::string_view)>& name, std::string as_of) {
  // Every (employer, wage) under each code and each of its groups
  // (prefixes ending before a '-'); a sample without an employer gets a
  // key of its own.
  using Pairs = std::vector<std::pair<std::string, int64_t>>;
  std::unordered_map<std::string, Pairs, Hash, std::equal_to<>> wages;
  WageReference out;
  for (const WageSample& s : samples) {
    if (s.occupation_code.empty() || s.wage_max_fen <= 0) continue;
    const std::string employer =
        s.employer.empty() ? "\x01" + std::to_string(out.samples_) : s.employer;
    ++out.samples_;
    const std::string& code = s.occupation_code;
    for (size_t end = code.find('-'); ; end = code.find('-', end + 1)) {
      const std::string_view prefix(code.data(), end == std::string::npos ? code.size() : end);
      auto it = wages.find(prefix);
      if (it == wages.end()) it = wages.emplace(std::string(prefix), Pairs{}).first;
      it->second.emplace_back(employer, s.wage_max_fen);
      if (end == std::string::npos) break;
    }
  }
  out.by_code_.reserve(wages.size());
  std::vector<int64_t> own, per_employer;
  for (auto& [code, v] : wages) {
    std::sort(v.begin(), v.end());  // by employer, then wage
    per_employer.clear();
    for (size_t i = 0; i < v.size();) {
      own.clear();
      size_t j = i;
      for (; j < v.size() && v[j].first == v[i].first; ++j) own.push_back(v[j].second);
      per_employer.push_back(Median(own));
      i = j;
    }
    std::sort(per_employer.begin(), per_employer.end());
    const size_t n = per_employer.size();
    WageStats st;
    st.count = static_cast<int>(v.size());
    st.employers = static_cast<int>(n);
    st.median_fen = Median(per_employer);
    st.p75_fen = per_employer[(3 * n + 3) / 4 - 1];  // nearest rank: ceil(0.75 n)
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
