#include "server/region_search.h"

#include <algorithm>
#include <climits>

#include "core/pinyin.h"

namespace qjy::server {

RegionSearch::RegionSearch(const RegionIndex& regions, const std::string& root) {
  const Region* r = regions.Find(root);
  if (!r) return;
  std::vector<Region> stack = {*r};
  while (!stack.empty()) {
    Region cur = std::move(stack.back());
    stack.pop_back();
    auto kids = regions.Children(cur.code);
    entries_.push_back({cur.code, cur.name, PinyinInitials(cur.name, false), cur.level});
    if (!kids) continue;
    for (auto it = kids->rbegin(); it != kids->rend(); ++it) stack.push_back(*it);
  }
}

std::vector<std::string> RegionSearch::Search(std::string_view raw, std::string_view scope, RegionLevel deepest,
                                              size_t limit) const {
  std::string_view q = raw;
  while (!q.empty() && q.front() == ' ') q.remove_prefix(1);
  while (!q.empty() && q.back() == ' ') q.remove_suffix(1);
  if (q.empty() || scope.empty()) return {};
  std::string lower(q);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool initials = LooksLikeInitials(q);
  const bool digits = std::all_of(q.begin(), q.end(), [](char c) { return c >= '0' && c <= '9'; });
  struct Hit {
    int rank;
    int level;
    size_t index;
  };
  std::vector<Hit> hits;
  for (size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    if (static_cast<int>(e.level) > static_cast<int>(deepest) || !e.code.starts_with(scope)) continue;
    int rank = INT_MAX;
    if (digits) {
      if (e.code.starts_with(q)) rank = e.code == q ? 0 : 1;
    } else if (e.name.starts_with(q)) {
      rank = e.name == q ? 0 : 1;
    } else if (e.name.find(q) != std::string::npos) {
      rank = 2;
    } else if (initials && e.initials.starts_with(lower)) {
      rank = e.initials == lower ? 3 : 4;
    }
    if (rank != INT_MAX) hits.push_back({rank, static_cast<int>(e.level), i});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.level != b.level) return a.level < b.level;
    return a.index < b.index;
  });
  std::vector<std::string> out;
  for (const Hit& h : hits) {
    if (out.size() >= limit) break;
    out.push_back(entries_[h.index].code);
  }
  return out;
}

}  // namespace qjy::server
