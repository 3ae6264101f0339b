#include "gen/geography.h"

#include <algorithm>
#include <functional>

namespace qjy::gen {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string KindOf(const std::string& name) {
  for (const char* k : {"特区", "区", "市", "县"})
    if (EndsWith(name, k)) return k;
  return "县";
}

}  // namespace

Result<Geography> Geography::Build(std::span<const RegionRow> regions, const Profile& profile) {
  Geography g;
  std::unordered_map<std::string, int> prefecture_index;
  for (const auto& pp : profile.prefectures) {
    prefecture_index[pp.code] = static_cast<int>(g.prefectures_.size());
    g.prefectures_.push_back({pp.code, pp.name, {}, pp.avg_wage_yuan});
  }
  std::unordered_map<std::string, std::string> parent_of;
  std::unordered_map<std::string, const RegionRow*> by_code;
  for (const auto& r : regions) {
    g.names_[r.code] = r.name;
    by_code[r.code] = &r;
  }
  std::unordered_map<std::string, uint64_t> dest_weight;
  for (const auto& [code, w] : profile.migrant_destinations) dest_weight[code] = w;
  std::unordered_map<std::string, int> dest_index;
  std::vector<uint64_t> dest_weights;
  for (const auto& r : regions) {
    if (r.level != "county") continue;
    if (r.code.starts_with("52")) {
      auto it = prefecture_index.find(r.parent);
      if (it == prefecture_index.end())
        return Fail(ErrorCode::kInvalidArgument, "区划数据中的市州不在生成器配置中：" + r.parent);
      County c;
      c.code = r.code;
      c.name = r.name;
      c.prefecture = it->second;
      const std::string kind = KindOf(r.name);
      c.urban = kind == "区";
      auto k = profile.county_kinds.find(kind);
      if (k != profile.county_kinds.end()) c.kind = k->second;
      g.county_index_[c.code] = static_cast<int>(g.counties_.size());
      g.prefectures_[c.prefecture].counties.push_back(static_cast<int>(g.counties_.size()));
      g.counties_.push_back(std::move(c));
    } else if (dest_weight.contains(r.parent)) {
      OutsideCounty o{r.code, r.name, r.parent, g.names_[r.parent], r.parent.substr(0, 2),
                      g.names_[r.parent.substr(0, 2)]};
      auto [it, fresh] = dest_index.try_emplace(r.parent, static_cast<int>(dest_weights.size()));
      if (fresh) {
        dest_weights.push_back(dest_weight[r.parent]);
        g.outside_by_prefecture_.emplace_back();
      }
      g.outside_by_prefecture_[it->second].push_back(static_cast<int>(g.outside_.size()));
      g.outside_.push_back(std::move(o));
    }
  }
  // Townships and villages (rows come parent-first or not: index them by parent).
  std::unordered_map<std::string, std::pair<int, int>> township_pos;  // code -> (county, idx)
  for (const auto& r : regions) {
    if (r.level != "township" || !r.code.starts_with("52")) continue;
    auto it = g.county_index_.find(r.parent);
    if (it == g.county_index_.end()) continue;
    auto& ts = g.counties_[it->second].townships;
    township_pos[r.code] = {it->second, static_cast<int>(ts.size())};
    ts.push_back({r.code, r.name, {}, {}});
  }
  for (const auto& r : regions) {
    if (r.level != "village" || !r.code.starts_with("52")) continue;
    auto it = township_pos.find(r.parent);
    if (it == township_pos.end()) continue;
    auto& t = g.counties_[it->second.first].townships[it->second.second];
    t.villages.push_back(r.code);
    t.village_names.push_back(r.name);
  }
  if (g.counties_.empty()) return Fail(ErrorCode::kInvalidArgument, "区划数据中没有贵州省的县级区划");
  if (g.outside_.empty()) return Fail(ErrorCode::kInvalidArgument, "区划数据中没有劳务输出目的地的县级区划");
  for (const auto& c : g.counties_)
    if (c.townships.empty())
      return Fail(ErrorCode::kInvalidArgument, "区划数据中县级区划没有乡镇：" + c.code);

  // County weight = prefecture population × county kind weight / Σ kinds in the prefecture.
  g.county_weights_.assign(g.counties_.size(), 0);
  for (size_t p = 0; p < g.prefectures_.size(); ++p) {
    uint64_t kinds = 0;
    for (int ci : g.prefectures_[p].counties) kinds += g.counties_[ci].kind.weight;
    if (kinds == 0) continue;
    for (int ci : g.prefectures_[p].counties)
      g.county_weights_[ci] = profile.prefectures[p].population * g.counties_[ci].kind.weight / kinds;
  }
  g.county_picker_ = WeightedPicker(g.county_weights_);
  g.outside_prefecture_picker_ = WeightedPicker(dest_weights);
  return g;
}

int Geography::PickOutside(Rng& rng) const {
  const auto& list = outside_by_prefecture_[outside_prefecture_picker_.Pick(rng)];
  return list[rng.Below(list.size())];
}

int Geography::CountyIndex(const std::string& code) const {
  auto it = county_index_.find(code);
  return it == county_index_.end() ? -1 : it->second;
}

std::string Geography::Name(const std::string& code) const {
  auto it = names_.find(code);
  return it == names_.end() ? std::string() : it->second;
}

Result<std::vector<RegionRow>> RegionRowsFrom(const RegionIndex& index, const Profile& profile) {
  std::vector<RegionRow> rows;
  // Depth-first below `code`, down to `depth` levels.
  std::function<Result<void>(const std::string&, int)> walk =
      [&](const std::string& code, int depth) -> Result<void> {
    if (depth == 0) return {};
    auto children = index.Children(code);
    if (!children) return std::unexpected(children.error());
    for (const auto& c : *children) {
      rows.push_back({c.code, c.name, RegionLevelName(c.level), c.parent_code});
      if (auto r = walk(c.code, depth - 1); !r) return r;
    }
    return {};
  };
  auto add = [&](const std::string& code) -> Result<void> {
    auto r = index.Lookup(code);
    if (!r) return std::unexpected(r.error());
    rows.push_back({r->code, r->name, RegionLevelName(r->level), r->parent_code});
    return {};
  };
  if (auto r = add("52"); !r) return std::unexpected(r.error());
  if (auto r = walk("52", 4); !r) return std::unexpected(r.error());
  for (const auto& [prefecture, weight] : profile.migrant_destinations) {
    if (auto r = add(prefecture.substr(0, 2)); !r) return std::unexpected(r.error());
    if (auto r = add(prefecture); !r) return std::unexpected(r.error());
    if (auto r = walk(prefecture, 1); !r) return std::unexpected(r.error());
  }
  return rows;
}

}  // namespace qjy::gen
