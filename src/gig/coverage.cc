#include "gig/coverage.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/install_paths.h"

namespace qjy::gig {

std::string GigDataDir() {
  const char* env = std::getenv("QJY_GIG_DATA");
  if (env != nullptr && *env != '\0') return env;
  return ShippedPath("src/gig/data").string();
}

Result<MarketTarget> MarketTarget::Parse(std::string_view yaml, std::string_view source) {
  MarketTarget t;
  try {
    YAML::Node n = YAML::Load(std::string(yaml));
    t.document = n["document"].as<std::string>("");
    t.clause = n["clause"].as<std::string>("");
    t.min_per_county = n["min_markets_per_county"].as<int>(0);
    t.online_counts = n["online_counts"].as<bool>(true);
    std::string deadline = n["deadline"].as<std::string>("");
    auto d = Date::Parse(deadline);
    if (!d) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：deadline「{}」不是有效日期", source, deadline));
    t.deadline = *d;
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：YAML 格式错误：{}", source, e.what()));
  }
  if (t.document.empty() || t.clause.empty() || t.min_per_county < 1) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}：document、clause 不能为空，min_markets_per_county 至少为 1", source));
  }
  return t;
}

Result<MarketTarget> MarketTarget::LoadDefault() {
  const std::string path = GigDataDir() + "/gig_markets.yaml";
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, fmt::format("无法读取零工市场要求文件 {}", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

std::vector<CountyCoverage> Coverage(const RegionIndex& regions, std::string_view scope,
                                     const std::vector<Market>& markets, const MarketTarget& target) {
  std::map<std::string, CountyCoverage> by_county;
  auto prefectures = regions.Children("52");
  if (!prefectures) return {};
  for (const auto& p : *prefectures) {
    auto counties = regions.Children(p.code);
    if (!counties) continue;
    for (const auto& c : *counties) {
      // A scope at or above the county covers it; a township scope sees its county.
      if (!c.code.starts_with(scope) && !scope.starts_with(c.code)) continue;
      CountyCoverage cc;
      cc.county_code = c.code;
      cc.county_name = c.name;
      cc.prefecture_code = p.code;
      cc.prefecture_name = p.name;
      by_county.emplace(c.code, std::move(cc));
    }
  }
  for (const auto& m : markets) {
    auto it = by_county.find(m.county_code);
    if (it == by_county.end()) continue;
    CountyCoverage& cc = it->second;
    ++cc.markets;
    ++(m.online ? cc.online : cc.offline);
    if (m.online && !target.online_counts) continue;
    if (m.opened_on && *m.opened_on <= target.deadline) ++cc.by_deadline;
  }
  std::vector<CountyCoverage> out;
  for (auto& [code, cc] : by_county) {
    const int counting = target.online_counts ? cc.markets : cc.offline;
    if (cc.by_deadline >= target.min_per_county) {
      cc.status = "met";
      cc.status_label = "按期达标";
    } else if (counting >= target.min_per_county) {
      cc.status = "late";
      cc.status_label = "逾期建成";
    } else {
      cc.status = "missing";
      cc.status_label = "未达标";
    }
    out.push_back(std::move(cc));
  }
  return out;
}

}  // namespace qjy::gig
