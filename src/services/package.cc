#include "services/package.h"

#include <cstdlib>
#include <set>

#include <yaml-cpp/yaml.h>

#include "core/refdata.h"
#include "core/install_paths.h"

namespace qjy::services {
namespace {

std::unexpected<Error> Bad(std::string_view source, const std::string& where,
                           const std::string& what) {
  return Fail(ErrorCode::kInvalidArgument,
              "服务包文件 " + std::string(source) + (where.empty() ? "" : " " + where) + "：" + what);
}

Result<Trigger> ParseTrigger(const std::string& text) {
  Trigger t;
  if (text == "found") return t;
  if (text == "reemployed") {
    t.kind = TriggerKind::kReemployed;
    return t;
  }
  if (text.starts_with("level:")) {
    auto l = ParseLevel(text.substr(6));
    if (!l) return std::unexpected(l.error());
    t.kind = TriggerKind::kLevel;
    t.level = *l;
    return t;
  }
  if (text.starts_with("flag:")) {
    auto f = ParseFlag(text.substr(5));
    if (!f) return std::unexpected(f.error());
    t.kind = TriggerKind::kFlag;
    t.flag = *f;
    return t;
  }
  return Fail(ErrorCode::kInvalidArgument, "未知的触发条件：" + text);
}

Result<Date> ParseDateNode(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return Fail(ErrorCode::kInvalidArgument, "缺少日期");
  return Date::Parse(n.as<std::string>());
}

Result<Package> ParsePackage(const YAML::Node& n) {
  Package p;
  if (!n.IsMap()) return Fail(ErrorCode::kInvalidArgument, "服务包须为映射");
  if (!n["id"]) return Fail(ErrorCode::kInvalidArgument, "缺少 id");
  p.id = n["id"].as<std::string>();
  p.name = n["name"] ? n["name"].as<std::string>() : p.id;
  if (!n["clause"] || n["clause"].as<std::string>().empty()) {
    return Fail(ErrorCode::kInvalidArgument, "缺少条款出处 clause");
  }
  p.clause = n["clause"].as<std::string>();
  p.note = n["note"] ? n["note"].as<std::string>() : "";
  p.assumed = n["assumed"] && n["assumed"].as<bool>();
  p.once_per_person = n["once_per_person"] && n["once_per_person"].as<bool>();
  auto from = ParseDateNode(n["valid_from"]);
  if (!from) return Fail(ErrorCode::kInvalidArgument, "valid_from：" + from.error().message);
  p.valid_from = *from;
  if (n["valid_to"] && !n["valid_to"].IsNull()) {
    auto to = ParseDateNode(n["valid_to"]);
    if (!to) return Fail(ErrorCode::kInvalidArgument, "valid_to：" + to.error().message);
    p.valid_to = *to;
  }
  if (!n["trigger"]) return Fail(ErrorCode::kInvalidArgument, "缺少触发条件 trigger");
  auto trig = ParseTrigger(n["trigger"].as<std::string>());
  if (!trig) return std::unexpected(trig.error());
  p.trigger = *trig;

  const YAML::Node& dl = n["deadline"];
  if (!dl || !dl.IsMap()) return Fail(ErrorCode::kInvalidArgument, "缺少期限 deadline");
  if (dl["level_end"] && dl["level_end"].as<bool>()) {
    if (p.trigger.kind != TriggerKind::kLevel) {
      return Fail(ErrorCode::kInvalidArgument, "level_end 期限只能用于 level 触发的服务包");
    }
    p.deadline_kind = DeadlineKind::kLevelEnd;
  } else if (dl["working_days"]) {
    p.working_days = dl["working_days"].as<int>();
    if (p.working_days < 1) return Fail(ErrorCode::kInvalidArgument, "working_days 须为正整数");
  } else {
    return Fail(ErrorCode::kInvalidArgument, "deadline 须为 {working_days: N} 或 {level_end: true}");
  }

  if (const YAML::Node& pr = n["priority"]) {
    Priority prio;
    auto f = ParseFlag(pr["flag"] ? pr["flag"].as<std::string>() : "");
    if (!f) return std::unexpected(f.error());
    prio.flag = *f;
    prio.working_days = pr["working_days"] ? pr["working_days"].as<int>() : 0;
    if (prio.working_days < 1) return Fail(ErrorCode::kInvalidArgument, "priority.working_days 须为正整数");
    if (!pr["clause"]) return Fail(ErrorCode::kInvalidArgument, "priority 缺少条款出处 clause");
    prio.clause = pr["clause"].as<std::string>();
    prio.assumed = pr["assumed"] && pr["assumed"].as<bool>();
    prio.note = pr["note"] ? pr["note"].as<std::string>() : "";
    p.priority = prio;
  }

  const YAML::Node& items = n["items"];
  if (!items || !items.IsSequence() || items.size() == 0) {
    return Fail(ErrorCode::kInvalidArgument, "缺少服务项目 items");
  }
  for (const auto& it : items) {
    PackageItem item;
    const YAML::Node& s = it["service"];
    if (!s) return Fail(ErrorCode::kInvalidArgument, "服务项目缺少 service");
    std::vector<std::string> names;
    if (s.IsSequence()) {
      for (const auto& x : s) names.push_back(x.as<std::string>());
    } else {
      names.push_back(s.as<std::string>());
    }
    for (const auto& name : names) {
      auto k = ParseServiceKind(name);
      if (!k) return std::unexpected(k.error());
      item.kinds.push_back(*k);
    }
    item.count = it["count"] ? it["count"].as<int>() : 1;
    if (item.count < 1) return Fail(ErrorCode::kInvalidArgument, "count 须为正整数");
    item.distinct_jobs = it["distinct_jobs"] && it["distinct_jobs"].as<bool>();
    p.items.push_back(std::move(item));
  }
  return p;
}

}  // namespace

std::string Package::ItemsText() const {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += "、";
    out += std::to_string(item.count) + "次";
    for (size_t i = 0; i < item.kinds.size(); ++i) {
      if (i) out += "或";
      out += ServiceKindLabel(item.kinds[i]);
    }
  }
  return out;
}

Result<PackageCatalog> PackageCatalog::Parse(std::string_view yaml_text, std::string_view source) {
  PackageCatalog cat;
  try {
    YAML::Node root = YAML::Load(std::string(yaml_text));
    if (!root.IsMap()) return Bad(source, "", "须为 YAML 映射");
    cat.document_ = root["document"] ? root["document"].as<std::string>() : "";
    const YAML::Node& list = root["packages"];
    if (!list || !list.IsSequence()) return Bad(source, "", "缺少 packages 列表");
    std::set<std::string> ids;
    for (size_t i = 0; i < list.size(); ++i) {
      std::string where = "第 " + std::to_string(i + 1) + " 个服务包";
      if (list[i]["id"]) where += "（" + list[i]["id"].as<std::string>() + "）";
      auto p = ParsePackage(list[i]);
      if (!p) return Bad(source, where, p.error().message);
      if (!ids.insert(p->id).second) return Bad(source, where, "id 重复");
      cat.packages_.push_back(std::move(*p));
    }
  } catch (const YAML::Exception& e) {
    return Bad(source, "", std::string("YAML 格式错误：") + e.what());
  }
  return cat;
}

Result<PackageCatalog> PackageCatalog::Load(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text) return std::unexpected(text.error());
  return Parse(*text, path);
}

Result<PackageCatalog> PackageCatalog::LoadDefault() {
  return Load(ServicesDataDir() + "/service_packages.yaml");
}

const Package* PackageCatalog::Find(std::string_view id) const {
  for (const auto& p : packages_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::string ServicesDataDir() {
  const char* env = std::getenv("QJY_SERVICES_DATA");
  if (env != nullptr && *env != '\0') return env;
  return ShippedPath("src/services/data").string();
}

}  // namespace qjy::services
