// The month-end indicators of the 目标监测 page (policy/indicators/monthly)
// and the surveyed unemployment rate officials enter beside the registered
// one.
//   GET  /api/monitor/indicators  its "monthly" list (MonitorMonthly below)
//   POST /api/monitor/surveyed-rate {"region": "52" | "52xx", "month":
//        "YYYY-MM", "rate_bp": 530, "source": "…", "note": "…"?}: the
//        statistics bureau's 城镇调查失业率 of a month, in basis points
//        (530 = 5.30 %), with its source. Province-level officers enter the
//        province and any prefecture, prefecture-level officers their
//        prefecture; everyone else 403. A correction is a new row (the
//        latest is in force; history kept); audited as monitor.surveyed_rate.
#include "monitor/monitor_data.h"
#include "monitor/monthly_sources.h"
#include "monitor/monthly_spec.h"
#include "monitor/monthly_view.h"
#include "monitor/surveyed_rate_store.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_monitor.h"
#include "services/services_store.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;

json ApiMonitorRatesOpt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json SurveyedJson(const monitor::SurveyedRate& r) {
  return {{"entry_id", r.entry_id}, {"region", r.region_code}, {"month", r.Month()}, {"rate_bp", r.rate_bp},
          {"source", r.source}, {"note", r.note}, {"entered_by", r.entered_by}, {"entered_at", r.entered_at}};
}

// Whether an officer may enter the surveyed rate of `region`.
bool MayEnterSurveyed(const auth::Account& a, std::string_view region) {
  if (a.role != auth::Role::kOfficer) return false;
  const int level = auth::RegionLevel(a.region_code);
  return (level == 1 || level == 2) && RegionCovers(a.region_code, region);
}

}  // namespace

const std::vector<monitor::MonthlySpec>* Api::MonitorMonthlySpecList(HttpResponse& error) {
  if (!MonthlySpecsOf(*monitor_specs_)) {
    error = HttpResponse::Error(503, "unavailable", "指标文件无法加载：" + monitor_specs_->monthly.error().message);
    return nullptr;
  }
  return &*monitor_specs_->monthly;
}

std::optional<json> Api::MonitorMonthly(Call& c, services::ServicesStore& services, store::RegistryStore& registry,
                                        const std::string& region, const std::vector<std::string>& children,
                                        int year, int month, HttpResponse& error) {
  const auto* specs = MonitorMonthlySpecList(error);
  if (!specs) return std::nullopt;
  monitor::SurveyedRateStore surveyed(*c.db);
  if (auto m = surveyed.Migrate(); !m) {
    error = StoreError(m.error(), *log_);
    return std::nullopt;
  }
  const auth::Account& a = c.account();
  json list = json::array();
  // The month-end counts of the kept snapshot (monitor_cache.h) — the one
  // the indicators of this request came from, unless a rebuild was
  // published in between (then the newer one).
  (void)services;
  (void)registry;
  auto view = monitor_specs_->cache->Get();
  if (!view || !view->snapshot) {
    error = HttpResponse::Error(503, "unavailable", "监测数据暂无法准备，请稍后再试");
    return std::nullopt;
  }
  const std::vector<monitor::MonthlyCounts>& all_counts = view->snapshot->monthly;
  for (size_t i = 0; i < specs->size(); ++i) {
    const monitor::MonthlySpec& spec = (*specs)[i];
    const monitor::MonthlyView v = monitor::BuildMonthlyView(spec, all_counts[i], region, children, year, month);
    json kids = json::array();
    for (const auto& k : v.children) {
      kids.push_back({{"code", k.code}, {"name", RegionName(k.code)}, {"value", ApiMonitorRatesOpt(k.point.value)},
                      {"last_year", ApiMonitorRatesOpt(k.point.last_year)}, {"status", monitor::StatusCode(k.point.status)},
                      {"status_label", monitor::MonthlyStatusLabel(spec, k.point.status)}, {"reason", k.point.reason}});
    }
    json this_year = json::array(), last_year = json::array();
    for (int m = 0; m < 12; ++m) {
      this_year.push_back(ApiMonitorRatesOpt(v.this_year[m]));
      last_year.push_back(ApiMonitorRatesOpt(v.last_year[m]));
    }
    json item = {{"id", spec.id}, {"name", spec.name},
                 {"kind", spec.kind == monitor::MonthlyKind::kRate ? "rate" : "stock"},
                 {"clause", spec.clause}, {"target_text", spec.target_text}, {"definition", spec.definition},
                 {"source", spec.source}, {"assumed", spec.assumed}, {"note", spec.note}, {"unit", spec.unit},
                 {"target_bp", spec.kind == monitor::MonthlyKind::kRate ? json(spec.target_bp) : json(nullptr)},
                 {"status_note", spec.status_note}, {"value", ApiMonitorRatesOpt(v.point.value)},
                 {"last_year_value", ApiMonitorRatesOpt(v.point.last_year)}, {"numerator", v.point.count.num},
                 {"denominator", v.point.count.den}, {"status", monitor::StatusCode(v.point.status)},
                 {"status_label", monitor::MonthlyStatusLabel(spec, v.point.status)}, {"reason", v.point.reason},
                 {"this_year", this_year}, {"last_year", last_year}, {"children", kids}};
    if (spec.surveyed) {
      // The survey is published for the province and the prefectures: a
      // county shows its prefecture's figure.
      const std::string at = region.size() > 4 ? region.substr(0, 4) : region;
      auto rows = surveyed.OfRegion(at);
      if (!rows) {
        error = StoreError(rows.error(), *log_);
        return std::nullopt;
      }
      const auto latest = monitor::LatestPerMonth(*rows);
      json s = {{"name", spec.surveyed->name}, {"definition", spec.surveyed->definition},
                {"source", spec.surveyed->source}, {"region", at}, {"region_name", RegionName(at)},
                {"note", at == region ? "" : "调查失业率按全省和市（州）发布，显示所在市（州）的数据"}};
      json sy = json::array(), sl = json::array();
      for (int m = 1; m <= 12; ++m) {
        auto it = latest.find(monitor::MonthKey(year, m));
        sy.push_back(it != latest.end() && m <= month ? json(it->second.rate_bp) : json(nullptr));
        auto lt = latest.find(monitor::MonthKey(year - 1, m));
        sl.push_back(lt != latest.end() ? json(lt->second.rate_bp) : json(nullptr));
      }
      s["this_year"] = sy;
      s["last_year"] = sl;
      json history = json::array();
      for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
        if (it->year == year && it->month == month) history.push_back(SurveyedJson(*it));
      }
      s["history"] = history;
      if (auto it = latest.find(monitor::MonthKey(year, month)); it != latest.end()) {
        const auto st = monitor::RateStatus(spec, it->second.rate_bp);
        s["value"] = it->second.rate_bp;
        s["entry"] = SurveyedJson(it->second);
        s["status"] = monitor::StatusCode(st);
        s["status_label"] = monitor::MonthlyStatusLabel(spec, st);
        s["reason"] = monitor::RateReason(spec, std::to_string(year) + " 年 " + std::to_string(month) + " 月" +
                                                    spec.surveyed->name,
                                          it->second.rate_bp) +
                      "（" + it->second.source + "）";
      } else {
        s["value"] = nullptr;
        s["entry"] = nullptr;
        s["status"] = monitor::StatusCode(monitor::Status::kNoTarget);
        s["status_label"] = "未录入";
        s["reason"] = std::to_string(year) + " 年 " + std::to_string(month) + " 月尚未录入统计部门发布的" +
                      spec.surveyed->name;
      }
      // Where this caller may enter a figure: the viewed region's chain.
      json may = json::array();
      if (MayEnterSurveyed(a, "52")) may.push_back({{"code", "52"}, {"name", RegionName("52")}});
      for (const auto& p : regions_.Children("52").value_or(std::vector<Region>{})) {
        if (MayEnterSurveyed(a, p.code)) may.push_back({{"code", p.code}, {"name", p.name}});
      }
      s["may_enter"] = may;
      item["surveyed"] = s;
    }
    list.push_back(item);
  }
  return list;
}

HttpResponse Api::MonitorSurveyedRate(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  const std::string region = body->value("region", std::string());
  const std::string target = "surveyed_rate:" + region;
  if (a.role != auth::Role::kOfficer) {
    Audit(c, "monitor.surveyed_rate", target, "denied");
    return Forbidden();
  }
  const int level = auth::RegionLevel(a.region_code);
  if (level != 1 && level != 2) {
    Audit(c, "monitor.surveyed_rate", target, "denied");
    return HttpResponse::Error(403, "forbidden", "调查失业率由省级、市（州）级经办人员按统计部门发布的数据录入");
  }
  if (region.empty()) return BadRequest("请选择区域（region）");
  if (!RegionCovers(a.region_code, region)) {
    Audit(c, "monitor.surveyed_rate", target, "denied");
    return Forbidden();
  }
  const std::string month = body->value("month", std::string());
  auto first = month.size() == 7 ? Date::Parse(month + "-01") : Result<Date>(Fail(ErrorCode::kInvalidArgument, ""));
  if (!first) return BadRequest("月份格式应为 YYYY-MM");
  const Date today = Date::InChina(clock_.Now());
  if (monitor::MonthKey(*first) > monitor::MonthKey(today)) return BadRequest("不能录入未来月份的调查失业率");
  auto rate = body->find("rate_bp");
  if (rate == body->end() || !rate->is_number_integer()) {
    return BadRequest("请填写调查失业率（rate_bp，万分点整数，5.30% 即 530）");
  }
  monitor::SurveyedRate r;
  r.region_code = region;
  r.year = first->year();
  r.month = first->month();
  r.rate_bp = rate->get<int64_t>();
  r.source = body->value("source", std::string());
  r.note = body->value("note", std::string());
  r.entered_by = a.username;
  r.entered_at = auth::IsoUtc(clock_.Now());
  monitor::SurveyedRateStore store(*c.db);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto added = store.Add(r);
  if (!added) {
    Audit(c, "monitor.surveyed_rate", target + " " + month, "rejected", added.error().message);
    if (added.error().code == ErrorCode::kInvalidArgument) return BadRequest(added.error().message);
    return StoreError(added.error(), *log_);
  }
  Audit(c, "monitor.surveyed_rate", target + " " + month, "ok",
        monitor::RateText(r.rate_bp) + "；来源：" + r.source + (r.note.empty() ? "" : "；说明：" + r.note));
  json out = SurveyedJson(r);
  out["region_name"] = RegionName(region);
  return JsonOk(out, 201);
}

}  // namespace qjy::server
