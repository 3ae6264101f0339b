#include "monitor/report.h"

#include <charconv>

#include <fmt/format.h>

#include "core/clock.h"
#include "monitor/allocation.h"
#include "monitor/view.h"

namespace qjy::monitor {
namespace {

constexpr const char* kQuarterNames[] = {"一", "二", "三", "四"};

std::string BeijingTime(int64_t unix_seconds) {
  const ChinaTime t = InChina(unix_seconds);
  return fmt::format("{}年{}月{}日 {:02}:{:02}（北京时间）", t.date.year(), t.date.month(), t.date.day(), t.hour,
                     t.minute);
}

ReportRow MakeRow(const IndicatorSpec& spec, const CountySeries& counties,
                  const std::map<std::string, int64_t>& targets, const std::string& code, std::string name,
                  std::string parent_name, int depth, Quarter q) {
  ReportRow r;
  r.code = code;
  r.name = std::move(name);
  r.parent_name = std::move(parent_name);
  r.depth = depth;
  const Series s = RegionSeries(counties, code);
  if (auto it = s.by_year.find(q.year); it != s.by_year.end()) r.months = it->second;
  if (auto it = s.by_year.find(q.year - 1); it != s.by_year.end()) r.months_last_year = it->second;
  for (int m = q.FirstMonth(); m <= q.LastMonth(); ++m) {
    r.quarter += r.months[m - 1];
    r.quarter_last_year += r.months_last_year[m - 1];
  }
  r.ytd = Evaluate(spec, s, RegionTarget(spec, q.year, code, targets), q.year, q.LastMonth());
  return r;
}

}  // namespace

std::string Quarter::Code() const { return fmt::format("{}Q{}", year, number); }
std::string Quarter::Label() const { return fmt::format("{}年第{}季度", year, kQuarterNames[number - 1]); }

Result<Quarter> ParseQuarter(std::string_view text) {
  const auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                "季度格式有误：“" + std::string(text) + "”，应为 年份Q季度，如 2025Q2");
  };
  if (text.size() != 6 || (text[4] != 'Q' && text[4] != 'q')) return bad();
  Quarter q;
  auto [p, ec] = std::from_chars(text.data(), text.data() + 4, q.year);
  if (ec != std::errc() || p != text.data() + 4) return bad();
  if (text[5] < '1' || text[5] > '4') return bad();
  q.number = text[5] - '0';
  if (q.year < 2000 || q.year > 2100) return Fail(ErrorCode::kInvalidArgument, "季度的年份须在 2000–2100 之间：" + std::string(text));
  return q;
}

Result<ReportScope> ResolveReportScope(const RegionIndex& regions, std::string_view region) {
  const Region* r = regions.Find(region);
  if (!r || !r->code.starts_with("52") || r->level > RegionLevel::kCounty) {
    return Fail(ErrorCode::kInvalidArgument, "区划代码“" + std::string(region) +
                                                 "”不是贵州省、市（州）或县（市、区）的代码");
  }
  ReportScope s;
  s.region = r->code;
  s.name = r->name;
  s.all_counties = GuizhouCounties(regions);
  if (r->level != RegionLevel::kCounty) {
    for (const auto& k : regions.Children(r->code).value_or(std::vector<Region>{})) s.children.push_back(k.code);
  }
  for (const auto& c : s.all_counties) {
    if (c.starts_with(s.region)) s.counties.push_back(c);
  }
  return s;
}

std::string QuarterlyReport::PeriodNote() const {
  if (!data_through) return "本季度暂无数据";
  const Date end = *Date::FromYmd(quarter.year, quarter.LastMonth(), 1);
  if (*data_through >= end) return fmt::format("统计期：{}年1—{}月", quarter.year, quarter.LastMonth());
  return fmt::format("统计期：{}年1—{}月；数据截至{}年{}月，本季度数据尚不完整", quarter.year,
                     quarter.LastMonth(), data_through->year(), data_through->month());
}

Result<QuarterlyReport> BuildQuarterlyReport(const std::vector<IndicatorSpec>& specs, const MonitorData& data,
                                             const ReportScope& scope, const RegionIndex& regions, Quarter quarter,
                                             int64_t generated_unix, const WarningsProvider& warnings) {
  const Date start = *Date::FromYmd(quarter.year, quarter.FirstMonth(), 1);
  if (start > Date::InChina(generated_unix) && (!data.latest || start > *data.latest)) {
    return Fail(ErrorCode::kInvalidArgument, quarter.Label() + "尚未开始，无法生成分析报告");
  }
  const auto name_of = [&](const std::string& code) {
    const Region* r = regions.Find(code);
    return r ? r->name : code;
  };
  QuarterlyReport rep;
  rep.scope = scope;
  rep.quarter = quarter;
  rep.title = fmt::format("《{}{}就业形势分析》", scope.name, quarter.Label());
  rep.generated = BeijingTime(generated_unix);
  rep.data_through = data.latest;
  for (size_t i = 0; i < specs.size() && i < data.series.size(); ++i) {
    const auto& spec = specs[i];
    const auto targets = AllocateTargets(spec, quarter.year, data.series[i], data.persons, scope.all_counties);
    ReportIndicator ind;
    ind.spec = &spec;
    ind.rows.push_back(MakeRow(spec, data.series[i], targets, scope.region, scope.name, "", 0, quarter));
    for (const auto& child : scope.children) {
      const std::string child_name = name_of(child);
      ind.rows.push_back(MakeRow(spec, data.series[i], targets, child, child_name, scope.name, 1, quarter));
      if (child.size() >= 6) continue;  // children are counties already
      for (const auto& c : scope.counties) {
        if (c.starts_with(child)) {
          ind.rows.push_back(MakeRow(spec, data.series[i], targets, c, name_of(c), child_name, 2, quarter));
        }
      }
    }
    rep.indicators.push_back(std::move(ind));
  }
  if (warnings) rep.warnings = warnings(rep);
  return rep;
}

}  // namespace qjy::monitor
