// GET /api/monitor/linkage?region=R&year=Y&month=M : what the comparison
// with partner provinces found (issue #18), as the monitoring indicators of
// policy/indicators/linkage — outbound workers employed / unemployed /
// insured / returned (附件4（五）、附件2（一）), returned-unemployed persons served
// in time (附件2（一）), 脱贫人口 found unemployed (附件4（九）), benefit
// recipients found employed elsewhere (附件3（四）) — for the region and
// month, each measure of the year month by month, and the children
// (prefectures of the province, counties of a prefecture). Facts not held
// are null (shown 未知), never 0. Scoped like /api/monitor/indicators
// (officers their region, a township officer its county; auditors the
// province); counts only, no persons. Read through the linkage store
// (linkage/indicator_counts.h) on each request — not from the kept
// snapshot — so an officer's decision shows at once. Without year/month:
// the current month (China time).
#include <fmt/format.h>

#include "linkage/followup.h"
#include "linkage/indicator_counts.h"
#include "linkage/link_store.h"
#include "monitor/linkage_view.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_monitor.h"
#include "server/services_contexts.h"

namespace qjy::server {
namespace {

using nlohmann::json;

json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json PointJson(const monitor::LinkagePoint& p) {
  json values = json::array();
  for (const auto& v : p.values) values.push_back(Opt(v));
  return {{"values", values}, {"share_bp", Opt(p.share_bp)}, {"status", monitor::StatusCode(p.status)},
          {"status_label", p.status_label}, {"reason", p.reason}};
}

}  // namespace

const std::vector<monitor::LinkageSpec>* LinkageSpecList(MonitorSpecs& s, HttpResponse& error) {
  const auto& specs = LinkageSpecsOf(s);
  if (!specs) {
    error = HttpResponse::Error(503, "unavailable", "比对指标文件无法加载：" + specs.error().message);
    return nullptr;
  }
  return &*specs;
}

std::optional<std::vector<linkage::LinkageMonthCounts>> LinkageCountsFor(const LinkageReader& r,
                                                                         const std::string& region,
                                                                         const std::string& first,
                                                                         const std::string& last,
                                                                         HttpResponse& error) {
  linkage::LinkStore links(r.db, r.vault);
  if (auto m = links.Migrate(); !m) {
    error = StoreError(m.error(), r.log);
    return std::nullopt;
  }
  auto policy = linkage::LoadFollowupPolicy(linkage::DefaultFollowupPolicyFile());
  if (!policy) {
    error = HttpResponse::Error(503, "unavailable", "跟踪服务参数无法加载：" + policy.error().message);
    return std::nullopt;
  }
  auto ctx = r.contexts.Get(r.db, r.db_url);
  if (!ctx) {
    error = HttpResponse::Error(503, "unavailable", "节假日日历无法加载：" + ctx.error().message);
    return std::nullopt;
  }
  auto counts = linkage::LinkageIndicatorCounts(r.db, region, first, last, *policy, (*ctx)->workdays(), r.today);
  if (!counts) {
    error = counts.error().code == ErrorCode::kInvalidArgument ? BadRequest(counts.error().message)
                                                                : StoreError(counts.error(), r.log);
    return std::nullopt;
  }
  return std::move(*counts);
}

HttpResponse MonitorLinkageResponse(const LinkageReader& r, MonitorSpecs& monitor_specs, const RegionIndex& regions,
                                    const std::function<std::string(const std::string&)>& region_name,
                                    const auth::Account& a, const std::map<std::string, std::string>& query) {
  HttpResponse error;
  const auto* specs = LinkageSpecList(monitor_specs, error);
  if (!specs) return error;
  // Follow-ups and flags are county tasks: a township reads its county.
  auto req = ScopeMonitorRequest(a, query, 3, error);
  if (!req) return error;
  const std::string region = req->region;
  if (!req->note.empty()) req->note = "跨省比对的跟踪服务和比对提示按县（市、区）统计，显示所在县的情况";
  const int level = auth::RegionLevel(region);
  auto year = QueryInt(query, "year", r.today.year(), 0, 10000, error);
  if (!year) return error;
  if (*year < 2000 || *year > 2100) return BadRequest("年份须在 2000–2100 之间");
  auto month = QueryInt(query, "month", *year == r.today.year() ? r.today.month() : 12, 0, 100, error);
  if (!month) return error;
  if (*month < 1 || *month > 12) return BadRequest("月份须为 1–12");
  std::vector<std::string> children;
  if (level <= 2) {
    for (const auto& k : regions.Children(region).value_or(std::vector<Region>{})) children.push_back(k.code);
  }
  auto counts = LinkageCountsFor(r, region, fmt::format("{:04d}-01", *year),
                                 fmt::format("{:04d}-{:02d}", *year, *month), error);
  if (!counts) return error;

  json list = json::array();
  for (const auto& spec : *specs) {
    const monitor::LinkageView v = monitor::BuildLinkageView(spec, *counts, region, children,
                                                             static_cast<int>(*year), static_cast<int>(*month));
    json measures = json::array();
    for (size_t i = 0; i < spec.measures.size(); ++i) {
      json months = json::array();
      for (const auto& m : v.months[i]) months.push_back(Opt(m));
      measures.push_back({{"code", spec.measures[i].code}, {"label", spec.measures[i].label},
                          {"value", Opt(v.point.values[i])}, {"months", months}});
    }
    json kids = json::array();
    for (const auto& k : v.children) {
      json kj = PointJson(k.point);
      kj["code"] = k.code;
      kj["name"] = region_name(k.code);
      kids.push_back(kj);
    }
    json share = nullptr;
    if (spec.share) {
      json months = json::array();
      for (const auto& m : v.share_months) months.push_back(Opt(m));
      share = {{"label", spec.share->label}, {"numerator", spec.share->numerator},
               {"denominator", spec.share->denominator}, {"green_at", spec.share->green_at},
               {"amber_at", spec.share->amber_at}, {"assumed", spec.share->assumed},
               {"note", spec.share->note}, {"months", months}};
    }
    json ind = PointJson(v.point);
    ind.update(json{{"id", spec.id}, {"name", spec.name}, {"clause", spec.clause},
                    {"target_text", spec.target_text}, {"definition", spec.definition},
                    {"source", spec.source}, {"assumed", spec.assumed}, {"note", spec.note},
                    {"unit", spec.unit}, {"measures", measures}, {"share", share}, {"children", kids}});
    list.push_back(std::move(ind));
  }
  return JsonOk({{"region", region}, {"region_name", region_name(region)}, {"level", level}, {"year", *year},
                 {"month", *month}, {"note", req->note}, {"indicators", list}});
}

}  // namespace qjy::server
