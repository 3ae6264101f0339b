// GET /api/monitor/indicators?region=R&year=Y&month=M : the document's
// targets (正文（二）) in a region — each indicator's definition and source,
// the region's target (allocated from the province's), the actual so far,
// the pace against the seasonal profile, a red/amber/green status with its
// reason, this year's and last year's months, and the same for each child
// region (prefectures of the province, counties of a prefecture). Officers
// see their region (a township officer their county: the counts are kept
// per county); auditors the province. Without year/month: the latest month
// with data, not after today.
#include <algorithm>
#include <mutex>

#include "monitor/allocation.h"
#include "monitor/indicator_spec.h"
#include "monitor/sources.h"
#include "monitor/view.h"
#include "server/access.h"
#include "server/api_monitor.h"
#include "server/api_internal.h"
#include "services/services_store.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;

json ProgressJson(const monitor::Progress& p) {
  return {{"target", p.target ? json(*p.target) : json(nullptr)}, {"actual", p.actual},
          {"expected", p.expected}, {"attainment", p.attainment}, {"pace", p.pace},
          {"last_year", p.last_year ? json(*p.last_year) : json(nullptr)},
          {"profile", p.profile.Describe()}, {"status", monitor::StatusCode(p.status)},
          {"status_label", monitor::StatusLabel(p.status)}, {"reason", p.reason}};
}

}  // namespace

std::shared_ptr<MonitorSpecs> NewMonitorSpecs() { return std::make_shared<MonitorSpecs>(); }

HttpResponse Api::Monitor(Call& c) {
  const auth::Account& a = c.account();
  if (a.role != auth::Role::kOfficer && a.role != auth::Role::kAuditor) {
    Audit(c, "monitor.read", "indicators", "denied");
    return Forbidden();
  }
  std::call_once(monitor_specs_->once,
                 [this] { monitor_specs_->specs = monitor::LoadIndicators(monitor::DefaultIndicatorsDir()); });
  if (!monitor_specs_->specs) {
    return HttpResponse::Error(503, "unavailable", "指标文件无法加载：" + monitor_specs_->specs.error().message);
  }
  const auto& specs = *monitor_specs_->specs;
  const std::string scope = a.role == auth::Role::kOfficer ? a.region_code : std::string();
  std::string region = QueryText(c.query, "region");
  if (region.empty()) region = scope.empty() ? "52" : scope;
  if (!scope.empty() && !RegionCovers(scope, region)) return Forbidden();
  const int level = auth::RegionLevel(region);
  if (level == 0 || !region.starts_with("52")) return BadRequest("区划代码须为贵州省内 2/4/6/9/12 位数字");
  std::string note;
  if (level > 3) {
    note = "指标按县（市、区）统计，显示所在县的情况";
    region = region.substr(0, 6);
  }

  services::ServicesStore services(*c.db);
  if (auto m = services.Migrate(); !m) return StoreError(m.error(), *log_);
  store::RegistryStore registry(*c.db, vault_);
  auto persons = registry.PersonsPerCounty();
  if (!persons) return StoreError(persons.error(), *log_);
  std::vector<std::string> counties;
  for (const auto& p : regions_.Children("52").value_or(std::vector<Region>{})) {
    for (const auto& k : regions_.Children(p.code).value_or(std::vector<Region>{})) counties.push_back(k.code);
  }
  std::vector<std::string> children;
  if (level <= 2) {
    for (const auto& k : regions_.Children(region).value_or(std::vector<Region>{})) children.push_back(k.code);
  }

  std::vector<monitor::CountySeries> series;
  Date latest = Date::FromDays(0);
  const Date today = Date::InChina(clock_.Now());
  for (const auto& spec : specs) {
    auto s = monitor::LoadSeries(spec.computation, services, registry);
    if (!s) return StoreError(s.error(), *log_);
    for (const auto& [county, ser] : *s) {
      for (const auto& [year, months] : ser.by_year) {
        for (int m = 0; m < 12; ++m) {
          if (months[m] == 0) continue;
          auto d = Date::FromYmd(year, m + 1, 1);
          if (d && *d <= today && *d > latest) latest = *d;
        }
      }
    }
    series.push_back(std::move(*s));
  }
  Date period = latest.days() > 0 ? latest : today;
  HttpResponse error;
  auto year = QueryInt(c.query, "year", period.year(), 0, 10000, error);
  if (!year) return error;
  if (*year < 2000 || *year > 2100) return BadRequest("年份须在 2000–2100 之间");
  auto month = QueryInt(c.query, "month", *year == period.year() ? period.month() : 12, 0, 100, error);
  if (!month) return error;
  if (*month < 1 || *month > 12) return BadRequest("月份须为 1–12");

  json list = json::array();
  for (size_t i = 0; i < specs.size(); ++i) {
    const auto& spec = specs[i];
    auto targets = monitor::AllocateTargets(spec, static_cast<int>(*year), series[i], *persons, counties);
    monitor::IndicatorView v = monitor::BuildView(spec, series[i], targets, region, children,
                                                  static_cast<int>(*year), static_cast<int>(*month));
    json kids = json::array();
    for (const auto& k : v.children) {
      json kj = ProgressJson(k.progress);
      kj["code"] = k.code;
      kj["name"] = RegionName(k.code);
      kids.push_back(kj);
    }
    list.push_back({{"id", spec.id}, {"name", spec.name}, {"clause", spec.clause},
                    {"target_text", spec.target_text}, {"definition", spec.definition},
                    {"source", spec.source}, {"assumed", spec.assumed}, {"note", spec.note},
                    {"unit", spec.unit}, {"allocation_note", spec.allocation_note},
                    {"status_note", spec.status_note}, {"progress", ProgressJson(v.progress)},
                    {"this_year", v.this_year}, {"last_year", v.last_year}, {"children", kids}});
  }
  return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"year", *year}, {"month", *month},
                 {"data_through", latest.days() > 0 ? json(latest.ToString().substr(0, 7)) : json(nullptr)},
                 {"note", note}, {"indicators", list}});
}

}  // namespace qjy::server
