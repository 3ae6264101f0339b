#include "gen/employer_directory.h"

#include <algorithm>
#include <cstring>

namespace qjy::gen {

EmployerDirectory::EmployerDirectory(size_t counties, size_t prefectures,
                                     std::vector<int> prefecture_of_county)
    : prefecture_of_county_(std::move(prefecture_of_county)),
      by_county_(counties),
      by_prefecture_(prefectures) {}

void EmployerDirectory::Add(const GeneratedEmployer& g) {
  Entry e{};
  std::memcpy(e.code.data(), g.employer.credit_code.data(),
              std::min<size_t>(18, g.employer.credit_code.size()));
  e.county = g.county;
  e.outside = g.outside;
  e.township = g.township;
  e.headcount = static_cast<uint32_t>(std::max(1, g.employer.insured_headcount));
  const auto id = static_cast<uint32_t>(entries_.size());
  entries_.push_back(e);
  if (g.county >= 0) {
    by_county_[g.county].ids.push_back(id);
    by_prefecture_[prefecture_of_county_[g.county]].ids.push_back(id);
    local_.ids.push_back(id);
  } else {
    outside_.ids.push_back(id);
  }
}

void EmployerDirectory::Finish() {
  auto finish = [&](List& l) {
    std::vector<uint64_t> w;
    w.reserve(l.ids.size());
    for (uint32_t id : l.ids) w.push_back(entries_[id].headcount);
    l.picker = WeightedPicker(w);
  };
  for (auto& l : by_county_) finish(l);
  for (auto& l : by_prefecture_) finish(l);
  finish(local_);
  finish(outside_);
}

std::optional<uint32_t> EmployerDirectory::PickFrom(const List& l, Rng& rng) const {
  if (l.ids.empty()) return std::nullopt;
  return l.ids[l.picker.Pick(rng)];
}

std::optional<uint32_t> EmployerDirectory::PickLocal(Rng& rng, int county) const {
  const uint64_t r = rng.Below(100);
  if (r < 70) {
    if (auto e = PickFrom(by_county_[county], rng)) return e;
  }
  if (r < 90) {
    if (auto e = PickFrom(by_prefecture_[prefecture_of_county_[county]], rng)) return e;
  }
  return PickFrom(local_, rng);
}

std::optional<uint32_t> EmployerDirectory::PickOutside(Rng& rng) const {
  return PickFrom(outside_, rng);
}

}  // namespace qjy::gen
