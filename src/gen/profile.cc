#include "gen/profile.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <sstream>

#include "core/refdata.h"
#include "registry/codes.h"
#include "core/install_paths.h"

namespace qjy::gen {
namespace {

// Lines of a project CSV without '#' comments and blank lines; the first
// remaining line is the header and is dropped.
Result<std::vector<std::vector<std::string>>> ReadCsv(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text) return std::unexpected(text.error());
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(*text);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    rows.push_back(SplitCsvLine(line));
  }
  return rows;
}

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

template <size_t N>
std::array<uint64_t, N> Array(const YAML::Node& n) {
  std::array<uint64_t, N> a{};
  if (!n.IsSequence() || n.size() != N) throw YAML::Exception(n.Mark(), "wrong list length");
  for (size_t i = 0; i < N; ++i) a[i] = n[i].as<uint64_t>();
  return a;
}

Result<void> LoadYaml(const std::string& path, Profile& p) {
  auto text = ReadWholeFile(path);
  if (!text) return std::unexpected(text.error());
  try {
    YAML::Node y = YAML::Load(*text);
    auto as_of = Date::Parse(y["as_of_default"].as<std::string>());
    if (!as_of) return std::unexpected(as_of.error());
    p.as_of_default = *as_of;
    for (const auto& n : y["prefectures"]) {
      PrefectureProfile pp;
      pp.code = n["code"].as<std::string>();
      pp.name = n["name"].as<std::string>();
      pp.population = n["population_2020"].as<uint64_t>();
      pp.avg_wage_yuan = n["avg_wage_2022_yuan"].as<int64_t>();
      for (const auto& e : y["ethnicity"][pp.code])
        pp.ethnicity.emplace_back(e.first.as<std::string>(), e.second.as<uint64_t>());
      if (pp.ethnicity.empty()) throw YAML::Exception(n.Mark(), "no ethnicity for " + pp.code);
      p.prefectures.push_back(std::move(pp));
    }
    p.province_avg_wage_yuan = y["province_avg_wage_2022_yuan"].as<int64_t>();
    for (const auto& e : y["county_kinds"])
      p.county_kinds[e.first.as<std::string>()] =
          CountyKind{e.second["weight"].as<uint64_t>(),
                     e.second["rural_labour_per_mille"].as<uint32_t>()};
    p.other_ethnicities = y["other_ethnicities"].as<std::vector<std::string>>();
    for (const auto& n : y["age_bands"])
      p.age_bands.push_back(
          {n["from"].as<int>(), n["to"].as<int>(), n["per_mille"].as<uint64_t>()});
    p.male_per_mille = y["male_per_mille"].as<uint32_t>();
    p.education_young = Array<9>(y["education_young"]);
    p.education_old = Array<9>(y["education_old"]);
    for (const auto& e : y["groups"]) p.groups[e.first.as<std::string>()] = e.second.as<uint32_t>();
    for (const auto& e : y["employment"]) {
      if (e.second.IsScalar())
        p.employment[e.first.as<std::string>()] = e.second.as<uint32_t>();
    }
    const auto d = y["employment"]["unemployed_duration_per_mille"];
    p.unemployed_duration = {d["under_1"].as<uint64_t>(), d["m1_6"].as<uint64_t>(),
                             d["m6_12"].as<uint64_t>(), d["over_12"].as<uint64_t>()};
    for (const auto& e : y["migrant_destinations"])
      p.migrant_destinations.emplace_back(e.first.as<std::string>(), e.second.as<uint64_t>());
    p.employer_outside_per_mille = y["employer_outside_per_mille"].as<uint32_t>();
    for (const auto& e : y["employer_types"]) {
      auto t = registry::Parse<registry::EmployerType>(e.first.as<std::string>());
      if (!t) throw YAML::Exception(e.first.Mark(), "unknown employer type");
      p.employer_types.emplace_back(*t, e.second.as<uint64_t>());
    }
    const auto& sizes = y["employer_sizes"];
    const auto& heads = y["size_headcount"];
    const char* size_names[] = {"large", "medium", "small", "micro"};
    for (int i = 0; i < 4; ++i) {
      p.employer_sizes[i] = sizes[size_names[i]].as<uint64_t>();
      p.size_headcount[i] = {heads[size_names[i]][0].as<int>(), heads[size_names[i]][1].as<int>()};
    }
    p.key_enterprise_per_mille = y["key_enterprise_per_mille_of_large_medium"].as<uint32_t>();
    p.ui_rate_per_10000 = y["ui_rate_per_10000"].as<uint32_t>();
    p.employer_years = y["employer_years"].as<std::vector<int>>();
    for (const auto& e : y["job_types"]) {
      auto t = registry::Parse<registry::JobType>(e.first.as<std::string>());
      if (!t) throw YAML::Exception(e.first.Mark(), "unknown job type");
      p.job_types.emplace_back(*t, e.second.as<uint64_t>());
    }
    p.job_outside_per_mille = y["job_outside_per_mille"].as<uint32_t>();
    p.outside_wage_factor_per_mille = y["outside_wage_factor_per_mille"].as<uint32_t>();
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, "生成器配置文件有误：" + path + "：" + e.what());
  }
  if (p.prefectures.empty() || p.age_bands.empty() || p.employer_types.empty())
    return Fail(ErrorCode::kInvalidArgument, "生成器配置文件不完整：" + path);
  return {};
}

}  // namespace

uint32_t Profile::Group(const std::string& key) const {
  auto it = groups.find(key);
  return it == groups.end() ? 0 : it->second;
}

uint32_t Profile::Employment(const std::string& key) const {
  auto it = employment.find(key);
  return it == employment.end() ? 0 : it->second;
}

std::string DefaultProfileDir() {
  const char* env = std::getenv("QJY_GEN_DATA");
  if (env && *env) return env;
  return ShippedPath("src/gen/data").string();
}

Result<Profile> LoadProfile(const std::string& dir) {
  Profile p;
  if (auto r = LoadYaml(dir + "/profile.yaml", p); !r) return std::unexpected(r.error());
  auto bad = [](const std::string& file) {
    return Fail(ErrorCode::kInvalidArgument, "生成器数据文件格式有误：" + file);
  };
  const std::string surnames = dir + "/surnames.csv";
  auto rows = ReadCsv(surnames);
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) {
    if (r.size() != 2) return bad(surnames);
    p.surnames.emplace_back(r[0], std::stoull(r[1]));
  }
  const std::string chars = dir + "/given_chars.csv";
  rows = ReadCsv(chars);
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) {
    if (r.size() != 2) return bad(chars);
    auto list = SplitSpaces(r[1]);
    if (r[0] == "m") p.male_chars = list;
    else if (r[0] == "f") p.female_chars = list;
    else p.neutral_chars = list;
  }
  const std::string occ = dir + "/occupations.csv";
  rows = ReadCsv(occ);
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) {
    if (r.size() != 5) return bad(occ);
    p.occupations.push_back({r[0], r[1], std::stoll(r[2]), std::stoll(r[3]), std::stoull(r[4])});
  }
  if (p.surnames.empty() || p.male_chars.empty() || p.female_chars.empty() ||
      p.neutral_chars.empty() || p.occupations.empty())
    return Fail(ErrorCode::kInvalidArgument, "生成器数据文件不完整：" + dir);
  return p;
}

}  // namespace qjy::gen
