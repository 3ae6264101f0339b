// GET /api/monitor/indicators?region=R&year=Y&month=M : the document's
// targets (正文（二）) in a region — each indicator's definition and source,
// the region's target (allocated from the province's), the actual so far,
// the pace against the seasonal profile, a red/amber/green status with its
// reason, this year's and last year's months, and the same for each child
// region (prefectures of the province, counties of a prefecture, townships
// of a county: the part of the county's events placed in a township, no
// target, and "unplaced" the rest). A township shows its township-placed
// events. Officers see their region (a township officer also its county);
// auditors the province. Without year/month: the latest month
// with data, not after today. "monthly": the month-end indicators (the
// registered unemployment rate beside the surveyed one officials enter,
// monitoring objects employed; api_monitor_rates.cc).
// The counts come from the kept snapshot (monitor_cache.h), not from a read
// of the facts per request: "snapshot": {as_of, stale} says when its facts
// were read; {"preparing": true, "message"} while the first one is counted.
//
// GET /api/monitor/report?quarter=&region= and /api/monitor/report/annex:
// the quarterly analysis (正文（二十）) as PDF and its XLSX annex, scoped
// the same way (see MonitorReport below).
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include <fmt/format.h>

#include "monitor/allocation.h"
#include "monitor/indicator_spec.h"
#include "monitor/monitor_data.h"
#include "monitor/report.h"
#include "monitor/report_annex.h"
#include "monitor/report_coverage.h"
#include "monitor/report_html.h"
#include "monitor/report_linkage.h"
#include "monitor/report_pdf.h"
#include "monitor/report_warnings.h"
#include "monitor/warning_sources.h"
#include "monitor/view.h"
#include "network/base_store.h"
#include "network/duties.h"
#include "network/outbound_query.h"
#include "network/network_store.h"
#include "network/programme_store.h"
#include "registry/place.h"
#include "server/access.h"
#include "server/api_monitor.h"
#include "server/api_internal.h"
#include "server/services_contexts.h"
#include "services/services_store.h"
#include "store/registry_store.h"
#include "store/shard_readers.h"

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

std::optional<MonitorRequest> ScopeMonitorRequest(const auth::Account& a, const std::map<std::string, std::string>& q,
                                                  int finest_level, HttpResponse& error) {
  const std::string scope = a.role == auth::Role::kOfficer ? a.region_code : std::string();
  MonitorRequest r;
  r.region = QueryText(q, "region");
  if (r.region.empty()) r.region = scope.empty() ? "52" : scope;
  // Aggregate counts of the county are not personal data: an officer of a
  // township or village may look at the county that contains it.
  const bool own_county = !scope.empty() && auth::RegionLevel(scope) > 3 && r.region.size() == 6 &&
                          scope.starts_with(r.region);
  if (!scope.empty() && !RegionCovers(scope, r.region) && !own_county) {
    error = Forbidden();
    return std::nullopt;
  }
  const int level = auth::RegionLevel(r.region);
  if (level == 0 || !r.region.starts_with("52")) {
    error = BadRequest("区划代码须为贵州省内 2/4/6/9/12 位数字");
    return std::nullopt;
  }
  if (level > finest_level) {
    if (finest_level == 3) {
      r.note = "报告按县（市、区）编制，显示所在县的情况";
      r.region = r.region.substr(0, 6);
    } else {
      r.note = "指标最细统计到乡镇（街道），显示所在乡镇的情况";
      r.region = r.region.substr(0, 9);
    }
  }
  return r;
}

const std::vector<monitor::IndicatorSpec>* Api::MonitorSpecList(HttpResponse& error) {
  if (!IndicatorSpecsOf(*monitor_specs_)) {
    error = HttpResponse::Error(503, "unavailable", "指标文件无法加载：" + monitor_specs_->specs.error().message);
    return nullptr;
  }
  return &*monitor_specs_->specs;
}

const std::vector<monitor::WarningSpec>* Api::MonitorWarningSpecList(HttpResponse& error) {
  if (!WarningSpecsOf(*monitor_specs_)) {
    error = HttpResponse::Error(503, "unavailable", "预警文件无法加载：" + monitor_specs_->warnings.error().message);
    return nullptr;
  }
  return &*monitor_specs_->warnings;
}

const Result<std::vector<monitor::IndicatorSpec>>& IndicatorSpecsOf(MonitorSpecs& s) {
  std::call_once(s.once, [&s] { s.specs = monitor::LoadIndicators(monitor::DefaultIndicatorsDir()); });
  return s.specs;
}

const Result<std::vector<monitor::LinkageSpec>>& LinkageSpecsOf(MonitorSpecs& s) {
  std::call_once(s.linkage_once,
                 [&s] { s.linkage = monitor::LoadLinkageIndicators(monitor::DefaultLinkageIndicatorsDir()); });
  return s.linkage;
}

const Result<std::vector<monitor::WarningSpec>>& WarningSpecsOf(MonitorSpecs& s) {
  std::call_once(s.warnings_once, [&s] { s.warnings = monitor::LoadWarnings(monitor::DefaultWarningsDir()); });
  return s.warnings;
}

const Result<std::vector<monitor::MonthlySpec>>& MonthlySpecsOf(MonitorSpecs& s) {
  std::call_once(s.monthly_once,
                 [&s] { s.monthly = monitor::LoadMonthlyIndicators(monitor::DefaultMonthlyIndicatorsDir()); });
  return s.monthly;
}

void StartMonitorCache(MonitorSpecs& s, std::string db_url, const Vault& vault, const auth::Clock& clock,
                       std::shared_ptr<ServicesContexts> contexts) {
  // The builder reads `s` (not the Api): the cache is a member of `s`,
  // destroyed — its thread joined — before the specs.
  auto build = [&s, db_url = std::move(db_url), &vault, contexts = std::move(contexts)](Date today) -> Result<MonitorSnapshot> {
    const auto& specs = IndicatorSpecsOf(s);
    if (!specs) return std::unexpected(specs.error());
    const auto& monthly_specs = MonthlySpecsOf(s);
    if (!monthly_specs) return std::unexpected(monthly_specs.error());
    // A connection of its own: the read of a large province takes seconds
    // and must not hold one of the pool's.
    auto db = store::OpenDb(db_url);
    if (!db) return std::unexpected(db.error());
    services::ServicesStore services(**db);
    if (auto m = services.Migrate(); !m) return std::unexpected(m.error());
    store::RegistryStore registry(**db, vault);
    // A registry across shard servers is read shard by shard, concurrently,
    // each shard on a connection straight to it (none when unsharded).
    auto readers = store::OpenShardReaders(**db, vault);
    if (!readers) return std::unexpected(readers.error());
    const std::vector<monitor::RegistryPart> parts = monitor::PartsOf(*readers);
    MonitorSnapshot snap;
    auto data = monitor::LoadMonitorData(*specs, services, registry, today, parts);
    if (!data) return std::unexpected(data.error());
    snap.data = std::move(*data);
    auto monthly = monitor::LoadMonthlyData(*monthly_specs, services, registry, monitor::MonthKey(today), parts);
    if (!monthly) return std::unexpected(monthly.error());
    snap.monthly = std::move(*monthly);
    // The warnings' facts of the province (see MonitorSnapshot::warnings).
    // Not an error of the snapshot when they cannot be read: the warnings
    // requests then read their own and report why.
    const auto& warning_specs = WarningSpecsOf(s);
    if (warning_specs && contexts) {
      if (auto ctx = contexts->Get(**db, db_url)) {
        auto facts = monitor::LoadWarningFacts(*warning_specs, services, registry, (*ctx)->engine(),
                                               registry::kGuizhouProvince, today);
        if (facts) snap.warnings = std::move(*facts);
      }
    }
    // The outbound workers of the province today (MonitorSnapshot::outbound);
    // like the warnings, requests read their own when this fails.
    if (auto outbound = network::OutboundTallies(**db, registry::kGuizhouProvince, today)) {
      snap.outbound = std::move(*outbound);
    }
    return snap;
  };
  s.cache = std::make_shared<MonitorCache>(std::move(build), clock);
}

std::shared_ptr<const MonitorSnapshot> TodaysSnapshot(MonitorCache* cache, Date today,
                                                      bool (*has)(const MonitorSnapshot&),
                                                      nlohmann::json& snapshot_json) {
  snapshot_json = nullptr;
  if (cache == nullptr) return nullptr;
  auto view = cache->Get(std::chrono::milliseconds(0));
  if (!view || !view->snapshot || view->snapshot->today != today || !has(*view->snapshot)) return nullptr;
  snapshot_json = {{"as_of", IsoUtc(view->snapshot->built_at)}, {"stale", view->stale}};
  return view->snapshot;
}

bool WritesMonitorFacts(const std::string& method, const std::string& pattern) {
  if (method != "POST" && method != "PUT" && method != "PATCH" && method != "DELETE") return false;
  return pattern.starts_with("/api/services/") || pattern == "/api/me/registration" ||
         pattern.starts_with("/api/gig/bookings/") || pattern.starts_with("/api/linkage/");
}

ImportRunner InvalidatingRunner(ImportRunner runner, std::function<void()> after) {
  if (!runner) return runner;
  return [runner = std::move(runner), after = std::move(after)](store::Db& db, const Vault& vault,
                                                                const ImportRequest& request,
                                                                ImportProgress& progress) {
    auto r = runner(db, vault, request, progress);
    after();
    return r;
  };
}

namespace {

// The snapshot for a dashboard request: null with the answer in `error`
// (still preparing: 200 {"preparing": true, "message"}; a failed build: 503).
MonitorCache::View SnapshotFor(MonitorCache& cache, spdlog::logger& log, HttpResponse& error) {
  auto view = cache.Get();
  if (!view) {
    log.warn("monitor snapshot: {}", view.error().message);
    error = HttpResponse::Error(503, "unavailable", "监测数据暂无法准备，请稍后再试");
    return {};
  }
  if (!view->snapshot) {
    error = JsonOk({{"preparing", true}, {"message", "正在准备监测数据（首次读取全省数据需要一些时间），请稍候…"}});
  }
  return *view;
}

// The snapshot's as-of fields: when its facts were read, and whether a
// newer one is being prepared.
json SnapshotJson(const MonitorCache::View& v) {
  return {{"as_of", IsoUtc(v.snapshot->built_at)}, {"stale", v.stale}};
}

}  // namespace

HttpResponse Api::Monitor(Call& c) {
  const auth::Account& a = c.account();
  const bool linkage = c.req.Path() == "/api/monitor/linkage";
  if (a.role != auth::Role::kOfficer && a.role != auth::Role::kAuditor) {
    Audit(c, "monitor.read", linkage ? "linkage" : "indicators", "denied");
    return Forbidden();
  }
  // GET /api/monitor/linkage: the comparison's indicators, read through the
  // linkage store on each request (api_monitor_linkage.cc).
  if (linkage) {
    const LinkageReader reader{*c.db, vault_, *services_contexts_, pool_.url(), Date::InChina(clock_.Now()), *log_};
    return MonitorLinkageResponse(reader, *monitor_specs_, regions_,
                                  [this](const std::string& code) { return RegionName(code); }, a, c.query);
  }
  HttpResponse error;
  const auto* specs_ptr = MonitorSpecList(error);
  if (!specs_ptr) return error;
  const auto& specs = *specs_ptr;
  auto req = ScopeMonitorRequest(a, c.query, 4, error);
  if (!req) return error;
  const std::string region = req->region;
  const int level = auth::RegionLevel(region);

  const std::vector<std::string> counties = monitor::GuizhouCounties(regions_);
  // Children: prefectures of the province, counties of a prefecture,
  // townships of a county (on the township-placed series, no targets).
  std::vector<std::string> children;
  if (level <= 3) {
    for (const auto& k : regions_.Children(region).value_or(std::vector<Region>{})) children.push_back(k.code);
  }
  const Date today = Date::InChina(clock_.Now());
  const MonitorCache::View view = SnapshotFor(*monitor_specs_->cache, *log_, error);
  if (!view.snapshot) return error;
  const monitor::MonitorData* data = &view.snapshot->data;
  const std::optional<Date> latest = data->latest;
  const Date period = latest ? *latest : today;
  auto year = QueryInt(c.query, "year", period.year(), 0, 10000, error);
  if (!year) return error;
  if (*year < 2000 || *year > 2100) return BadRequest("年份须在 2000–2100 之间");
  auto month = QueryInt(c.query, "month", *year == period.year() ? period.month() : 12, 0, 100, error);
  if (!month) return error;
  if (*month < 1 || *month > 12) return BadRequest("月份须为 1–12");

  json list = json::array();
  for (size_t i = 0; i < specs.size(); ++i) {
    const auto& spec = specs[i];
    auto targets = monitor::AllocateTargets(spec, static_cast<int>(*year), data->series[i], data->persons, counties);
    const auto& townships = data->townships[i];
    monitor::IndicatorView v =
        level == 4 ? monitor::BuildView(spec, townships, targets, region, {}, static_cast<int>(*year),
                                        static_cast<int>(*month))
                   : monitor::BuildView(spec, data->series[i], targets, region, children, static_cast<int>(*year),
                                        static_cast<int>(*month), level == 3 ? &townships : nullptr);
    json kids = json::array();
    int64_t placed = 0;
    for (const auto& k : v.children) {
      json kj = ProgressJson(k.progress);
      kj["code"] = k.code;
      kj["name"] = RegionName(k.code);
      kids.push_back(kj);
      placed += k.progress.actual;
    }
    // A county's events that the data does not place in a township
    // (registered at the county, no township of work, natural attrition).
    json unplaced = level == 3 ? json(v.progress.actual - placed) : json(nullptr);
    list.push_back({{"id", spec.id}, {"name", spec.name}, {"clause", spec.clause},
                    {"target_text", spec.target_text}, {"definition", spec.definition},
                    {"source", spec.source}, {"assumed", spec.assumed}, {"note", spec.note},
                    {"unit", spec.unit}, {"allocation_note", spec.allocation_note},
                    {"status_note", spec.status_note}, {"progress", ProgressJson(v.progress)},
                    {"this_year", v.this_year}, {"last_year", v.last_year}, {"children", kids},
                    {"unplaced", unplaced}});
  }
  // The month-end indicators are kept per county: a township shows its
  // county's.
  const std::string monthly_region = level == 4 ? region.substr(0, 6) : region;
  services::ServicesStore services(*c.db);
  store::RegistryStore registry(*c.db, vault_);
  auto monthly = MonitorMonthly(c, services, registry, monthly_region, level <= 2 ? children : std::vector<std::string>{},
                                static_cast<int>(*year), static_cast<int>(*month), error);
  if (!monthly) return error;
  std::string township_note;
  if (level == 3) {
    township_note = "各乡镇（街道）只计入登记地或工作地点细化到乡镇的部分（目标分解到县，乡镇不设目标）；"
                    "其余（登记在县、工作地点只到县、自然减员）列为“未落到乡镇”";
  } else if (level == 4) {
    township_note = "本乡镇只计入登记地或工作地点细化到本乡镇的部分；目标分解到县，乡镇不设目标；"
                    "月末指标显示所在县（" + RegionName(monthly_region) + "）的情况";
  }
  return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"level", level}, {"year", *year},
                 {"month", *month}, {"data_through", latest ? json(latest->ToString().substr(0, 7)) : json(nullptr)},
                 {"note", req->note}, {"township_note", township_note}, {"monthly_region", monthly_region},
                 {"report_region", region.substr(0, std::min<size_t>(region.size(), 6))},
                 {"indicators", list}, {"monthly", *monthly}, {"snapshot", SnapshotJson(view)}});
}

// GET /api/monitor/report?quarter=2025Q2&region=R : the quarterly analysis
// (正文（二十）) as PDF; GET /api/monitor/report/annex : its XLSX data annex.
// Scoped like the indicators; without quarter, the quarter of the latest
// month with data. The PDF is printed by chromium in the request's thread
// (a few seconds); chromium missing answers 503 with the reason.
HttpResponse Api::MonitorReport(Call& c) {
  const auth::Account& a = c.account();
  const bool annex = c.req.Path().ends_with("/annex");
  if (a.role != auth::Role::kOfficer && a.role != auth::Role::kAuditor) {
    Audit(c, "monitor.report", annex ? "annex" : "report", "denied");
    return Forbidden();
  }
  HttpResponse error;
  const auto* specs = MonitorSpecList(error);
  if (!specs) return error;
  auto req = ScopeMonitorRequest(a, c.query, 3, error);
  if (!req) return error;
  auto scope = monitor::ResolveReportScope(regions_, req->region);
  if (!scope) return BadRequest(scope.error().message);

  services::ServicesStore services(*c.db);
  if (auto m = services.Migrate(); !m) return StoreError(m.error(), *log_);
  store::RegistryStore registry(*c.db, vault_);
  const int64_t now = clock_.Now();
  // A report is printed in seconds anyway: it waits for the first snapshot.
  auto view = monitor_specs_->cache->Get(std::chrono::minutes(5));
  if (!view) return StoreError(view.error(), *log_);
  if (!view->snapshot) return HttpResponse::Error(503, "unavailable", "监测数据仍在准备，请稍后再试");
  const monitor::MonitorData* data = &view->snapshot->data;
  std::string qtext = QueryText(c.query, "quarter");
  if (qtext.empty()) {
    const Date d = data->latest ? *data->latest : Date::InChina(now);
    qtext = std::to_string(d.year()) + "Q" + std::to_string((d.month() + 2) / 3);
  }
  auto quarter = monitor::ParseQuarter(qtext);
  if (!quarter) return BadRequest(quarter.error().message);
  // The warnings of 正文（十九） for each month of the quarter (no persons).
  const auto* warning_specs = MonitorWarningSpecList(error);
  if (!warning_specs) return error;
  auto ctx = services_contexts_->Get(*c.db, pool_.url());
  if (!ctx) return HttpResponse::Error(503, "unavailable", "服务包、参数或节假日日历无法加载：" + ctx.error().message);
  const Date today = Date::InChina(now);
  auto facts = monitor::LoadWarningFacts(*warning_specs, services, registry, (*ctx)->engine(), scope->region,
                                         monitor::QuarterWarningsAsOf(*quarter, today));
  if (!facts) return StoreError(facts.error(), *log_);
  monitor::WarningsProvider provider = [&](const monitor::QuarterlyReport& r) {
    return std::optional(monitor::QuarterWarnings(*warning_specs, *facts, r.scope.region, r.quarter, today,
                                                  [this](std::string_view code) { return RegionName(std::string(code)); }));
  };
  auto report = monitor::BuildQuarterlyReport(*specs, *data, *scope, regions_, *quarter, now, provider);
  if (!report) return BadRequest(report.error().message);
  // The service network's duties (附件4) at the quarter's end, from the
  // coverage computation of /api/network/coverage (report_coverage.h).
  if (auto duties = network::LoadDuties(network::DefaultDutiesFile()); !duties) {
    log_->warn("monitor report: duties: {}", duties.error().message);
  } else {
    network::NetworkStore network_store(*c.db, regions_);
    if (auto m = network_store.Migrate(); !m) return StoreError(m.error(), *log_);
    network::ProgrammeStore programmes(*c.db, regions_);
    if (auto m = programmes.Migrate(); !m) return StoreError(m.error(), *log_);
    network::BaseStore bases(*c.db, regions_);
    if (auto m = bases.Migrate(); !m) return StoreError(m.error(), *log_);
    auto coverage = monitor::LoadReportCoverage(network_store, &programmes, regions_, *duties, scope->region,
                                                *quarter, today, &*c.db, &bases);
    if (!coverage) return StoreError(coverage.error(), *log_);
    report->coverage = std::move(*coverage);
  }
  // What the comparison with partner provinces found (issue #18), month by
  // month in the quarter up to today (report_linkage.h).
  if (const auto* linkage_specs = LinkageSpecList(*monitor_specs_, error); !linkage_specs) {
    log_->warn("monitor report: linkage indicators: {}", error.body);
  } else {
    const std::string first = fmt::format("{:04d}-{:02d}", quarter->year, quarter->FirstMonth());
    const std::string last = fmt::format("{:04d}-{:02d}", quarter->year, quarter->LastMonth());
    const std::string now_month = today.ToString().substr(0, 7);
    const std::string through = std::min(last, now_month);
    if (through >= first) {
      const LinkageReader reader{*c.db, vault_, *services_contexts_, pool_.url(), today, *log_};
      auto counts = LinkageCountsFor(reader, scope->region, first, through, error);
      if (!counts) return error;
      report->linkage = monitor::BuildReportLinkage(*linkage_specs, *counts, scope->region, *quarter, through);
    } else {
      report->linkage = monitor::ReportLinkage{};
    }
  }

  auto body = RenderToBytes(annex ? "annex.xlsx" : "report.pdf",
                            [&](const std::filesystem::path& file) -> Result<void> {
    if (annex) return monitor::WriteReportAnnex(*report, file.string());
    auto assets = monitor::LoadReportAssets(options_.web_root / "vendor");
    if (!assets) return std::unexpected(assets.error());
    const std::string html = monitor::RenderReportHtml(*report, *assets);
    std::lock_guard lock(monitor_specs_->printing);
    return monitor::PrintHtmlToPdf(html, file);
  });
  if (!body) {
    log_->warn("monitor report: {}", body.error().message);
    Audit(c, "monitor.report", annex ? "annex" : "report", "error", body.error().message);
    return HttpResponse::Error(503, "unavailable", body.error().message);
  }
  const std::string target = "region:" + scope->region + " " + quarter->Code();
  Audit(c, "monitor.report", target, "ok", annex ? "annex" : "pdf");
  HttpResponse r;
  r.status = 200;
  r.content_type = annex ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/pdf";
  r.body = std::move(*body);
  // ASCII fallback name, then the Chinese one (RFC 6266 / 5987).
  const std::string ascii = "report-" + scope->region + "-" + quarter->Code() + (annex ? "-annex.xlsx" : ".pdf");
  const std::string chinese = scope->name + quarter->Label() + (annex ? "就业形势分析数据附件.xlsx" : "就业形势分析.pdf");
  std::string encoded;
  for (unsigned char ch : chinese) {
    if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_') {
      encoded += static_cast<char>(ch);
    } else {
      static const char* hex = "0123456789ABCDEF";
      encoded += '%';
      encoded += hex[ch >> 4];
      encoded += hex[ch & 15];
    }
  }
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  return r;
}

}  // namespace qjy::server
