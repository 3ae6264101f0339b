#include "services/params.h"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include "core/refdata.h"
#include "services/package.h"

namespace qjy::services {
namespace {

Result<AgeRule> ParseAgeRule(const YAML::Node& n) {
  AgeRule r;
  if (!n || !n["base_age_years"]) return Fail(ErrorCode::kInvalidArgument, "缺少 base_age_years");
  r.base_age_years = n["base_age_years"].as<int>();
  if (n["delay_from_birth"]) {
    auto d = Date::Parse(n["delay_from_birth"].as<std::string>());
    if (!d) return std::unexpected(d.error());
    r.delay_from_birth = *d;
    r.birth_months_per_step = n["birth_months_per_step"] ? n["birth_months_per_step"].as<int>() : 0;
    r.max_delay_months = n["max_delay_months"] ? n["max_delay_months"].as<int>() : 0;
    if (r.birth_months_per_step < 1) {
      return Fail(ErrorCode::kInvalidArgument, "birth_months_per_step 须为正整数");
    }
  }
  return r;
}

std::unexpected<Error> Bad(std::string_view source, const std::string& what) {
  return Fail(ErrorCode::kInvalidArgument, "参数文件 " + std::string(source) + "：" + what);
}

}  // namespace

Result<ServiceParams> ServiceParams::Parse(std::string_view yaml_text, std::string_view source) {
  ServiceParams p;
  try {
    YAML::Node root = YAML::Load(std::string(yaml_text));
    const YAML::Node& ret = root["retirement"];
    if (!ret || !ret["rules"] || !ret["rules"].IsSequence()) return Bad(source, "缺少 retirement.rules");
    if (!ret["clause"]) return Bad(source, "retirement 缺少条款出处 clause");
    for (const auto& n : ret["rules"]) {
      RetirementRule r;
      auto from = Date::Parse(n["valid_from"] ? n["valid_from"].as<std::string>() : "");
      if (!from) return Bad(source, "retirement.rules valid_from：" + from.error().message);
      r.valid_from = *from;
      auto m = ParseAgeRule(n["male"]);
      if (!m) return Bad(source, "retirement.rules male：" + m.error().message);
      auto f = ParseAgeRule(n["female"]);
      if (!f) return Bad(source, "retirement.rules female：" + f.error().message);
      r.male = *m;
      r.female = *f;
      p.retirement.push_back(r);
    }
    std::sort(p.retirement.begin(), p.retirement.end(),
              [](const auto& a, const auto& b) { return a.valid_from < b.valid_from; });
    if (ret["minimum_age_years"]) p.minimum_age_years = ret["minimum_age_years"].as<int>();

    const YAML::Node& w = root["welfare_post_exit"];
    if (!w || !w["clause"]) return Bad(source, "缺少 welfare_post_exit 或其条款出处");
    p.welfare_consecutive_months = w["consecutive_months"].as<int>();
    p.welfare_task_working_days = w["task_working_days"].as<int>();
    if (p.welfare_consecutive_months < 1) return Bad(source, "consecutive_months 须为正整数");
    for (const auto& n : w["monitoring_line"]) {
      MonitoringLine l;
      auto from = Date::Parse(n["valid_from"] ? n["valid_from"].as<std::string>() : "");
      if (!from) return Bad(source, "monitoring_line valid_from：" + from.error().message);
      l.valid_from = *from;
      l.region = n["region"].as<std::string>();
      l.annual_fen = n["annual_fen"].as<int64_t>();
      if (l.annual_fen <= 0) return Bad(source, "annual_fen 须为正数（分）");
      p.monitoring_lines.push_back(l);
    }
    std::sort(p.monitoring_lines.begin(), p.monitoring_lines.end(),
              [](const auto& a, const auto& b) { return a.valid_from < b.valid_from; });
  } catch (const YAML::Exception& e) {
    return Bad(source, std::string("YAML 格式错误：") + e.what());
  }
  return p;
}

Result<ServiceParams> ServiceParams::Load(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text) return std::unexpected(text.error());
  return Parse(*text, path);
}

Result<ServiceParams> ServiceParams::LoadDefault() {
  return Load(ServicesDataDir() + "/service_params.yaml");
}

Date ServiceParams::RetirementDate(registry::Sex sex, Date birth, Date on) const {
  const RetirementRule* rule = nullptr;
  for (const auto& r : retirement) {
    if (r.valid_from <= on) rule = &r;
  }
  if (rule == nullptr && !retirement.empty()) rule = &retirement.front();
  AgeRule a = rule ? (sex == registry::Sex::kMale ? rule->male : rule->female) : AgeRule{};
  int delay = 0;
  if (a.delay_from_birth && birth >= *a.delay_from_birth) {
    int months = (birth.year() - a.delay_from_birth->year()) * 12 +
                 (birth.month() - a.delay_from_birth->month());
    delay = std::min(a.max_delay_months, months / a.birth_months_per_step + 1);
  }
  return birth.AddYears(a.base_age_years).AddMonths(delay);
}

std::optional<int64_t> ServiceParams::MonitoringLineFen(std::string_view region, Date on) const {
  std::optional<int64_t> best;
  size_t best_len = 0;
  for (const auto& l : monitoring_lines) {
    if (l.valid_from > on || !region.starts_with(l.region)) continue;
    if (!best || l.region.size() >= best_len) {
      best = l.annual_fen;
      best_len = l.region.size();
    }
  }
  return best;
}

}  // namespace qjy::services
