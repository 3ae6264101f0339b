#include "match/weights.h"

#include <algorithm>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/install_paths.h"

namespace qjy::match {

int Weights::MaxRest() const {
  return skills + std::max(wage_meets, wage_near) + work_type + education + std::max(fresh, recent);
}

int64_t Weights::MaxTotal() const {
  return int64_t{std::max({occ_same, occ_minor, occ_medium, occ_major})} +
         std::max({place_county, place_prefecture, place_province, place_outbound}) + skills +
         std::max(wage_meets, wage_near) + work_type + education + std::max(fresh, recent);
}

Result<Weights> LoadWeights(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("无法读取评分权重文件 {}：{}", path, e.what()));
  }
  Weights w;
  std::string bad;
  auto get = [&](int& out, const char* a, const char* b = nullptr) {
    if (!bad.empty()) return;
    std::string key = b ? fmt::format("{}.{}", a, b) : a;
    try {
      YAML::Node n = b ? root[a][b] : root[a];
      if (!n || !n.IsScalar()) {
        bad = fmt::format("{}：缺少 {}", path, key);
        return;
      }
      int v = n.as<int>();
      if (v < 0 || v > 1000) {
        bad = fmt::format("{}：{} 应在 0–1000 之间", path, key);
        return;
      }
      out = v;
    } catch (const std::exception&) {
      bad = fmt::format("{}：{} 应为整数", path, key);
    }
  };
  if (!root["valid_from"] || !root["source"]) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：缺少 valid_from 或 source（须注明日期与依据）", path));
  }
  get(w.occ_same, "occupation", "same");
  get(w.occ_minor, "occupation", "minor");
  get(w.occ_medium, "occupation", "medium");
  get(w.occ_major, "occupation", "major");
  get(w.skills, "skills");
  get(w.place_county, "place", "county");
  get(w.place_prefecture, "place", "prefecture");
  get(w.place_province, "place", "province");
  get(w.place_outbound, "place", "outbound");
  get(w.wage_meets, "wage", "meets");
  get(w.wage_near, "wage", "near");
  get(w.wage_near_per_mille, "wage", "near_per_mille");
  get(w.work_type, "work_type");
  get(w.education, "education");
  get(w.fresh_days, "recency", "fresh_days");
  get(w.fresh, "recency", "fresh");
  get(w.recent_days, "recency", "recent_days");
  get(w.recent, "recency", "recent");
  if (!bad.empty()) return Fail(ErrorCode::kInvalidArgument, bad);
  return w;
}

Result<Weights> LoadDefaultWeights() {
  return LoadWeights(ShippedPath("src/match/data/weights.yaml").string());
}

}  // namespace qjy::match
