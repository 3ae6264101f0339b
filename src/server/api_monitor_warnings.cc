// GET /api/monitor/warnings?region=R&month=YYYY-MM : the risk warnings of
// 正文（十九）(规模性失业风险) in a region for a month — mass layoffs at one
// employer, registration surges per county against the seasonal baseline,
// outbound work of poverty-alleviated labour falling year on year, the
// on-time service rate falling (monitor/warnings.h, thresholds in
// policy/warnings). Each warning names its region and employer (names, not
// codes), its level, the measured value against the threshold with the
// threshold's source or assumption, a reason citing the clause, and the
// persons behind it: only for officers, only those whose region lies in the
// officer's scope, ID numbers masked, at most kMaxPersons listed. Officers
// see their region (a township officer the county's warnings, with the
// county's persons filtered to the township); auditors the province, without
// persons. Without month: the current month (China time). The current
// month is judged from the facts of the monitoring snapshot (monitor_cache.h:
// the province's, read once in the background and kept; `snapshot` in the
// answer says when they were read and whether newer ones are being read);
// another month, or before the first snapshot, from facts read for the
// request.
#include <algorithm>
#include <memory>
#include <optional>

#include "monitor/warning_sources.h"
#include "monitor/warnings.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_monitor.h"
#include "server/services_contexts.h"
#include "services/services_store.h"
#include "store/person_keys.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxPersons = 50;

json LevelJson(const monitor::LevelThresholds& l) {
  return {{"values", l.values}, {"source", l.source}, {"assumed", l.assumed}, {"note", l.note}};
}

}  // namespace

HttpResponse Api::MonitorWarnings(Call& c) {
  const auth::Account& a = c.account();
  if (a.role != auth::Role::kOfficer && a.role != auth::Role::kAuditor) {
    Audit(c, "monitor.warnings", "warnings", "denied");
    return Forbidden();
  }
  HttpResponse error;
  const auto* specs_ptr = MonitorWarningSpecList(error);
  if (!specs_ptr) return error;
  const auto& specs = *specs_ptr;
  const bool officer = a.role == auth::Role::kOfficer;
  const std::string scope = officer ? a.region_code : std::string();
  std::string region = QueryText(c.query, "region");
  if (region.empty()) region = scope.empty() ? "52" : scope;
  if (!scope.empty() && !RegionCovers(scope, region)) return Forbidden();
  const int level = auth::RegionLevel(region);
  if (level == 0 || !region.starts_with("52")) return BadRequest("区划代码须为贵州省内 2/4/6/9/12 位数字");
  std::string note;
  if (level > 3) {
    note = "预警按县（市、区）研判，显示所在县的情况；名单只列您辖区内的人员";
    region = region.substr(0, 6);
  }

  const Date today = Date::InChina(clock_.Now());
  int year = today.year(), month = today.month();
  if (const std::string m = QueryText(c.query, "month"); !m.empty()) {
    auto d = Date::Parse(m + "-01");
    if (m.size() != 7 || !d) return BadRequest("月份须为 YYYY-MM");
    year = d->year();
    month = d->month();
    if (year < 2000 || year > 2100) return BadRequest("年份须在 2000–2100 之间");
  }
  const Date first = *Date::FromYmd(year, month, 1);
  const Date as_of = std::min(first.AddMonths(1).AddDays(-1), today);
  if (first > today) return BadRequest("月份不能晚于本月");

  // The current month from the kept snapshot's facts of the province
  // (MonitorSnapshot::warnings: read once, not per request) when it is of
  // today; another month, or no such snapshot yet, reads its own.
  store::RegistryStore registry(*c.db, vault_);
  json snapshot_json = nullptr;
  std::shared_ptr<const MonitorSnapshot> snap;
  if (as_of == today) {
    snap = TodaysSnapshot(monitor_specs_->cache.get(), today,
                          [](const MonitorSnapshot& s) { return s.warnings.has_value(); }, snapshot_json);
  }
  std::optional<monitor::WarningFacts> own;
  if (!snap) {
    auto ctx = services_contexts_->Get(*c.db, pool_.url());
    if (!ctx) return HttpResponse::Error(503, "unavailable", "服务包、参数或节假日日历无法加载：" + ctx.error().message);
    services::ServicesStore services(*c.db);
    auto facts = monitor::LoadWarningFacts(specs, services, registry, (*ctx)->engine(), region, as_of);
    if (!facts) return StoreError(facts.error(), *log_);
    own = std::move(*facts);
  }
  const monitor::WarningFacts& facts = snap ? *snap->warnings : *own;
  auto warnings = monitor::ComputeWarnings(specs, facts, region, year, month,
                                           [this](std::string_view code) { return RegionName(std::string(code)); });

  // The names and masked ID numbers of the persons listed (at most
  // kMaxPersons per warning, in the officer's scope), read in one batch:
  // the stored masks, nothing decrypted.
  std::vector<int64_t> listed;
  if (officer) {
    for (const auto& w : warnings) {
      size_t n = 0;
      for (const auto& p : w.persons) {
        if (n >= kMaxPersons) break;
        if (!RegionCovers(scope, p.region_code)) continue;
        listed.push_back(p.person_id);
        ++n;
      }
    }
  }
  auto cards = store::PersonCardsById(*c.db, listed);
  if (!cards) return StoreError(cards.error(), *log_);

  json list = json::array();
  size_t shown_persons = 0;
  for (const auto& w : warnings) {
    const monitor::LevelThresholds& th = w.level == monitor::WarningLevel::kRed ? w.spec->red : w.spec->amber;
    json persons = json::array();
    size_t in_scope = 0;
    if (officer) {
      for (const auto& p : w.persons) {
        if (!RegionCovers(scope, p.region_code)) continue;
        ++in_scope;
        if (persons.size() >= kMaxPersons) continue;
        json j = {{"person_id", p.person_id}, {"region", p.region_code}, {"region_name", RegionName(p.region_code)},
                  {"detail", p.detail}};
        if (auto card = cards->find(p.person_id); card != cards->end()) {
          j["name"] = card->second.name;
          j["id_number"] = card->second.id_masked;
        }
        persons.push_back(std::move(j));
      }
    }
    shown_persons += persons.size();
    std::string persons_note;
    if (!officer) {
      persons_note = "人员名单仅向辖区经办人员显示";
    } else if (in_scope < w.persons.size()) {
      persons_note = "另有 " + std::to_string(w.persons.size() - in_scope) + " 人不在您的辖区内，未列出";
    }
    if (in_scope > persons.size()) {
      persons_note += (persons_note.empty() ? "" : "；") + std::string("仅列出前 ") + std::to_string(kMaxPersons) + " 人";
    }
    json item = {{"id", w.spec->id},
                 {"kind", monitor::WarningKindCode(w.spec->kind)},
                 {"name", w.spec->name},
                 {"clause", w.spec->clause},
                 {"definition", w.spec->definition},
                 {"level", monitor::WarningLevelCode(w.level)},
                 {"level_label", monitor::WarningLevelLabel(w.level)},
                 {"region", w.region},
                 {"region_name", RegionName(w.region)},
                 {"employer",
                  w.employer_credit_code.empty()
                      ? json(nullptr)
                      : json({{"credit_code", w.employer_credit_code}, {"name", w.employer_name}})},
                 {"value", w.value},
                 {"threshold", w.threshold},
                 {"baseline", w.baseline},
                 {"measure", w.measure},
                 {"reason", w.reason},
                 {"threshold_basis", LevelJson(th)},
                 {"persons_total", w.persons.size()},
                 {"persons_note", persons_note}};
    item["persons"] = std::move(persons);  // not copied: a province's lists are long
    list.push_back(std::move(item));
  }
  if (shown_persons > 0) {
    Audit(c, "monitor.warnings", region, "ok", std::to_string(shown_persons) + " persons listed");
  }
  json defs = json::array();
  for (const auto& s : specs) {
    defs.push_back({{"id", s.id}, {"kind", monitor::WarningKindCode(s.kind)}, {"name", s.name},
                    {"clause", s.clause}, {"definition", s.definition}, {"amber", LevelJson(s.amber)},
                    {"red", LevelJson(s.red)}});
  }
  char period[8];
  std::snprintf(period, sizeof period, "%04d-%02d", year, month);
  return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"month", period},
                 {"as_of", as_of.ToString()}, {"note", note}, {"warnings", list}, {"definitions", defs},
                 {"snapshot", snapshot_json}});
}

}  // namespace qjy::server
