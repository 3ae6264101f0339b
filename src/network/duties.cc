#include "network/duties.h"
#include "network/network_store.h"

#include <cstdlib>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/install_paths.h"
#include "core/refdata.h"

namespace qjy::network {
namespace {

struct Ctx {
  std::string_view source;
  std::string where;  // "duty offices_county" or "duty #3"
  Error Bad(std::string_view field, std::string_view why) const {
    return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{} 的 {} {}", source, where, field, why)};
  }
};

Result<Date> DateField(const YAML::Node& n, std::string_view key, const Ctx& c) {
  const std::string text = n[std::string(key)].as<std::string>("");
  auto d = Date::Parse(text);
  if (!d) return std::unexpected(c.Bad(key, fmt::format("「{}」不是有效日期（YYYY-MM-DD）", text)));
  return *d;
}

Result<Duty> ParseDuty(const YAML::Node& n, const Ctx& c) {
  static const std::set<std::string> kKeys = {
      "id", "title", "clause", "quote", "kind", "site_kind", "tier", "unit", "share_bp",
      "min_per_place", "deadline", "event_kind", "period", "min_per_period", "from", "min_count", "measure",
      "assumed", "rating", "tiers", "due_days", "year", "source"};
  for (const auto& kv : n) {
    const auto key = kv.first.as<std::string>();
    if (!kKeys.contains(key)) return std::unexpected(c.Bad(key, "是未知字段"));
  }
  Duty d;
  d.id = n["id"].as<std::string>("");
  d.title = n["title"].as<std::string>("");
  d.clause = n["clause"].as<std::string>("");
  d.quote = n["quote"].as<std::string>("");
  for (auto [field, value] : {std::pair{"id", &d.id}, {"title", &d.title}, {"clause", &d.clause},
                              {"quote", &d.quote}}) {
    if (value->empty()) return std::unexpected(c.Bad(field, "不能为空"));
  }
  const std::string kind = n["kind"].as<std::string>("");
  if (kind == "sites") d.kind = DutyKind::kSites;
  else if (kind == "events") d.kind = DutyKind::kEvents;
  else if (kind == "count") d.kind = DutyKind::kCount;
  else if (kind == "projects") d.kind = DutyKind::kProjects;
  else if (kind == "evaluations") d.kind = DutyKind::kEvaluations;
  else if (kind == "quota") d.kind = DutyKind::kQuota;
  else if (kind == "outbound") d.kind = DutyKind::kOutbound;
  else return std::unexpected(c.Bad("kind", fmt::format("「{}」须为 sites、events、count、projects、evaluations、quota 或 outbound", kind)));
  d.assumed = n["assumed"].as<std::string>("");
  d.site_kind = n["site_kind"].as<std::string>("");
  d.tier = n["tier"].as<std::string>("");
  if ((d.kind == DutyKind::kSites || d.kind == DutyKind::kCount || d.kind == DutyKind::kEvaluations) && d.site_kind.empty()) {
    return std::unexpected(c.Bad("site_kind", "不能为空"));
  }
  d.rating = n["rating"].as<std::string>("");
  if (!d.rating.empty() && (d.rating != "quality" || d.kind != DutyKind::kSites)) {
    return std::unexpected(c.Bad("rating", "只能用于 kind: sites，且须为 quality"));
  }
  if (d.kind == DutyKind::kEvaluations) {
    auto unit = ParseRegionLevel(n["unit"].as<std::string>(""));
    if (!unit || *unit == RegionLevel::kProvince) return std::unexpected(c.Bad("unit", "须为 prefecture、county 或 township"));
    d.unit = *unit;
    if (!n["tiers"].IsSequence() || n["tiers"].size() == 0) return std::unexpected(c.Bad("tiers", "须为非空列表"));
    for (const auto& t : n["tiers"]) {
      const std::string tier = t.as<std::string>("");
      if (!ParseRegionLevel(tier)) return std::unexpected(c.Bad("tiers", fmt::format("「{}」不是层级", tier)));
      d.tiers.push_back(tier);
    }
    d.due_days = n["due_days"].as<int>(-1);
    if (d.due_days < 0 || d.due_days > 366) return std::unexpected(c.Bad("due_days", "须在 0—366 之间"));
    auto from = DateField(n, "from", c);
    if (!from) return std::unexpected(from.error());
    d.from = *from;
  }
  if (d.kind == DutyKind::kQuota) {
    d.quota_measure = n["measure"].as<std::string>("");
    if (d.quota_measure != "internships_started") {
      return std::unexpected(c.Bad("measure", "须为 internships_started（登记库可统计的指标）"));
    }
    d.year = n["year"].as<int>(0);
    if (d.year < 2000) return std::unexpected(c.Bad("year", "须为指标年度（如 2023）"));
    d.min_count = n["min_count"].as<int64_t>(0);
    if (d.min_count < 1) return std::unexpected(c.Bad("min_count", "至少为 1"));
    d.source = n["source"].as<std::string>("");
    if (d.source.empty()) return std::unexpected(c.Bad("source", "须说明统计的是登记库中的哪些记录"));
  }
  if (d.kind == DutyKind::kSites || d.kind == DutyKind::kEvents) {
    auto unit = ParseRegionLevel(n["unit"].as<std::string>(""));
    if (!unit || (*unit == RegionLevel::kProvince && d.kind != DutyKind::kEvents)) {
      return std::unexpected(c.Bad("unit", d.kind == DutyKind::kEvents ? "须为 province、prefecture、county、township 或 village"
                                                                         : "须为 prefecture、county、township 或 village"));
    }
    d.unit = *unit;
  }
  if (d.kind == DutyKind::kSites || d.kind == DutyKind::kCount) {
    auto deadline = DateField(n, "deadline", c);
    if (!deadline) return std::unexpected(deadline.error());
    d.deadline = *deadline;
  }
  if (d.kind == DutyKind::kSites) {
    d.share_bp = n["share_bp"].as<int64_t>(10000);
    d.min_per_place = n["min_per_place"].as<int>(1);
    if (d.share_bp < 1 || d.share_bp > 10000) return std::unexpected(c.Bad("share_bp", "须在 1—10000 之间（万分比）"));
    if (d.min_per_place < 1) return std::unexpected(c.Bad("min_per_place", "至少为 1"));
  }
  if (d.kind == DutyKind::kEvents) {
    d.event_kind = n["event_kind"].as<std::string>("");
    if (!d.event_kind.empty() && EventKindLabel(d.event_kind).empty()) {
      return std::unexpected(c.Bad("event_kind", "须为 comprehensive、special 或 service_team"));
    }
    const std::string period = n["period"].as<std::string>("");
    if (period == "week") d.period = Period::kWeek;
    else if (period == "month") d.period = Period::kMonth;
    else if (period == "year") d.period = Period::kYear;
    else return std::unexpected(c.Bad("period", "须为 week、month 或 year"));
    d.min_per_period = n["min_per_period"].as<int>(0);
    if (d.min_per_period < 1) return std::unexpected(c.Bad("min_per_period", "至少为 1"));
    auto from = DateField(n, "from", c);
    if (!from) return std::unexpected(from.error());
    d.from = *from;
  }
  if (d.kind == DutyKind::kProjects) {
    const std::string measure = n["measure"].as<std::string>("");
    if (measure == "labour_share") d.measure = Measure::kLabourShare;
    else if (measure == "relocated_share") d.measure = Measure::kRelocatedShare;
    else return std::unexpected(c.Bad("measure", "须为 labour_share 或 relocated_share"));
    d.share_bp = n["share_bp"].as<int64_t>(0);
    if (d.share_bp < 1 || d.share_bp > 10000) return std::unexpected(c.Bad("share_bp", "须在 1—10000 之间（万分比）"));
  }
  if (d.kind == DutyKind::kOutbound) {
    d.unit = RegionLevel::kCounty;  // "以县为单位"
    d.share_bp = n["share_bp"].as<int64_t>(0);
    if (d.share_bp < 1 || d.share_bp > 10000) return std::unexpected(c.Bad("share_bp", "须在 1—10000 之间（万分比）"));
  }
  if (d.kind == DutyKind::kCount) {
    d.min_count = n["min_count"].as<int64_t>(0);
    if (d.min_count < 1) return std::unexpected(c.Bad("min_count", "至少为 1"));
  }
  return d;
}

}  // namespace

Result<Duties> ParseDuties(std::string_view yaml, std::string_view source) {
  Duties out;
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    out.document = root["document"].as<std::string>("");
    if (out.document.empty()) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：document 不能为空", source));
    Ctx top{source, "文件"};
    auto vf = DateField(root, "valid_from", top);
    if (!vf) return std::unexpected(vf.error());
    out.valid_from = *vf;
    if (!root["duties"].IsSequence()) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：duties 须为列表", source));
    }
    std::set<std::string> ids;
    int i = 0;
    for (const auto& n : root["duties"]) {
      ++i;
      const std::string id = n["id"].as<std::string>("");
      Ctx c{source, id.empty() ? fmt::format("第 {} 项职责", i) : fmt::format("职责 {}", id)};
      auto d = ParseDuty(n, c);
      if (!d) return std::unexpected(d.error());
      if (!ids.insert(d->id).second) return std::unexpected(c.Bad("id", "重复"));
      out.duties.push_back(std::move(*d));
    }
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：第 {} 行 YAML 格式错误：{}", source, e.mark.line + 1, e.msg));
  }
  return out;
}

Result<Duties> LoadDuties(const std::filesystem::path& file) {
  auto text = ReadWholeFile(file.string());
  if (!text) return std::unexpected(text.error());
  return ParseDuties(*text, file.filename().string());
}

std::filesystem::path DefaultDutiesFile() {
  if (const char* env = std::getenv("QJY_NETWORK_DUTIES"); env != nullptr && *env != '\0') return env;
  return ShippedPath("policy/network/duties.yaml");
}

}  // namespace qjy::network
