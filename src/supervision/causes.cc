#include "supervision/causes.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "core/install_paths.h"

namespace qjy::supervision {

Result<Causes> Causes::Parse(std::string_view yaml, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, file + "：YAML 格式错误：" + e.what());
  }
  if (!root.IsMap()) return Fail(ErrorCode::kInvalidArgument, file + "：应为事由的映射");
  Causes out;
  std::set<std::string> seen_rules;
  for (const auto& kv : root) {
    Cause c;
    c.code = kv.first.as<std::string>();
    const YAML::Node& n = kv.second;
    if (!n.IsMap()) return Fail(ErrorCode::kInvalidArgument, file + "：" + c.code + " 应为映射");
    for (const auto& f : n) {
      const std::string key = f.first.as<std::string>();
      if (key != "label" && key != "rules" && key != "spell" && key != "reference" && key != "note") {
        return Fail(ErrorCode::kInvalidArgument, file + "：" + c.code + " 有未知字段 " + key);
      }
    }
    if (!n["label"] || !n["rules"] || !n["spell"] || !n["reference"]) {
      return Fail(ErrorCode::kInvalidArgument, file + "：" + c.code + " 须有 label、rules、spell、reference");
    }
    c.label = n["label"].as<std::string>();
    c.reference = n["reference"].as<std::string>();
    if (n["note"]) c.note = n["note"].as<std::string>();
    const std::string spell = n["spell"].as<std::string>();
    if (spell != "contract" && spell != "period") {
      return Fail(ErrorCode::kInvalidArgument, file + "：" + c.code + " 的 spell 应为 contract 或 period");
    }
    c.contract_spell = spell == "contract";
    for (const auto& r : n["rules"]) {
      std::string rule = r.as<std::string>();
      if (!seen_rules.insert(rule).second) {
        return Fail(ErrorCode::kInvalidArgument, file + "：规则 " + rule + " 列在两个事由中");
      }
      c.rules.push_back(std::move(rule));
    }
    out.causes_.push_back(std::move(c));
  }
  return out;
}

const Cause* Causes::Of(std::string_view rule) const {
  for (const auto& c : causes_) {
    for (const auto& r : c.rules) {
      if (r == rule) return &c;
    }
  }
  return nullptr;
}

bool Causes::IsHiring(std::string_view rule) const {
  const Cause* c = Of(rule);
  return c && c->code == "hiring";
}

std::filesystem::path DefaultSupervisionDir() {
  if (const char* env = std::getenv("QJY_SUPERVISION_DIR"); env && *env) return env;
  return ShippedPath("policy/supervision");
}

Result<SupervisionConfig> LoadSupervisionConfig(const std::filesystem::path& dir) {
  auto params = policy::ParameterSet::LoadDir(dir / "params");
  if (!params) return std::unexpected(params.error());
  std::ifstream in(dir / "causes.yaml");
  if (!in) return Fail(ErrorCode::kNotFound, "无法读取 " + (dir / "causes.yaml").string());
  std::stringstream ss;
  ss << in.rdbuf();
  auto causes = Causes::Parse(ss.str(), "causes.yaml");
  if (!causes) return std::unexpected(causes.error());
  return SupervisionConfig{std::move(*params), std::move(*causes)};
}

const SupervisionConfig* ShippedSupervisionConfig(std::string& error) {
  static std::once_flag once;
  static std::unique_ptr<SupervisionConfig> config;
  static std::string load_error;
  std::call_once(once, [] {
    auto c = LoadSupervisionConfig(DefaultSupervisionDir());
    if (!c) {
      load_error = c.error().message;
      return;
    }
    config = std::make_unique<SupervisionConfig>(std::move(*c));
  });
  error = load_error;
  return config.get();
}

}  // namespace qjy::supervision
