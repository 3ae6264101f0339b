// qjy report quarterly: the quarterly analysis of the employment situation
// (正文（二十）) for a region, as a PDF (src/monitor/report_html.h printed by
// chromium, report_pdf.h) and an optional XLSX data annex. Progress on
// stderr; errors in Chinese. qjy report indicators: the province's
// monitoring figures as JSON, read shard by shard where sharded.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/clock.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "linkage/followup.h"
#include "linkage/indicator_counts.h"
#include "linkage/link_store.h"
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
#include "network/base_store.h"
#include "network/duties.h"
#include "network/network_store.h"
#include "network/programme_store.h"
#include "services/calendar_update.h"
#include "services/services_store.h"
#include "store/shard_readers.h"
#include "registry/place.h"
#include "monitor/monthly_spec.h"
#include "monitor/series.h"
#include "core/install_paths.h"

namespace qjy::cli {
namespace {

struct ReportArgs {
  std::string db, quarter, region = "52", out, annex, web_root;
};

Result<void> RunQuarterly(const ReportArgs& a) {
  auto quarter = monitor::ParseQuarter(a.quarter);
  if (!quarter) return std::unexpected(quarter.error());
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) return std::unexpected(regions.error());
  auto scope = monitor::ResolveReportScope(*regions, a.region);
  if (!scope) return std::unexpected(scope.error());
  const bool html_only = a.out.ends_with(".html") || a.out.ends_with(".htm");
  if (!html_only && !a.out.ends_with(".pdf")) {
    return Fail(ErrorCode::kInvalidArgument, "--out 应为 .pdf 文件（或 .html 以查看版式）：" + a.out);
  }
  const std::string web = a.web_root.empty() ? ShippedPath("web").string() : a.web_root;
  auto assets = monitor::LoadReportAssets(std::filesystem::path(web) / "vendor");
  if (!assets) return std::unexpected(assets.error());
  std::cerr << "读取指标文件…\n";
  auto specs = monitor::LoadIndicators(monitor::DefaultIndicatorsDir());
  if (!specs) return std::unexpected(specs.error());
  std::cerr << "读取数据库…\n";
  auto h = OpenRegistry(a.db);
  if (!h) return std::unexpected(h.error());
  services::ServicesStore services(*h->db);
  if (auto m = services.Migrate(); !m) return std::unexpected(m.error());
  const int64_t now = TheSystemClock().Now();
  auto readers = store::OpenShardReaders(*h->db, *h->vault);  // none unsharded
  if (!readers) return std::unexpected(readers.error());
  auto data = monitor::LoadMonitorData(*specs, services, *h->registry, Date::InChina(now), monitor::PartsOf(*readers));
  if (!data) return std::unexpected(data.error());
  std::cerr << "计算" << scope->name << quarter->Label() << "各项指标…\n";
  std::cerr << "研判风险预警…\n";
  auto warning_specs = monitor::LoadWarnings(monitor::DefaultWarningsDir());
  if (!warning_specs) return std::unexpected(warning_specs.error());
  auto ctx = services::LoadDefaultContextFor(*h->db);
  if (!ctx) return std::unexpected(ctx.error());
  const Date today = Date::InChina(now);
  auto facts = monitor::LoadWarningFacts(*warning_specs, services, *h->registry, (*ctx)->engine(), scope->region,
                                         monitor::QuarterWarningsAsOf(*quarter, today));
  if (!facts) return std::unexpected(facts.error());
  monitor::WarningsProvider provider = [&](const monitor::QuarterlyReport& r) {
    return std::optional(monitor::QuarterWarnings(*warning_specs, *facts, r.scope.region, r.quarter, today,
                                                  [&](std::string_view code) {
                                                    const Region* found = regions->Find(code);
                                                    return found ? found->name : std::string(code);
                                                  }));
  };
  auto report = monitor::BuildQuarterlyReport(*specs, *data, *scope, *regions, *quarter, now, provider);
  if (!report) return std::unexpected(report.error());
  std::cerr << "核查服务网络达标情况（附件4）…\n";
  auto duties = network::LoadDuties(network::DefaultDutiesFile());
  if (!duties) return std::unexpected(duties.error());
  network::NetworkStore network_store(*h->db, *regions);
  if (auto m = network_store.Migrate(); !m) return std::unexpected(m.error());
  network::ProgrammeStore programmes(*h->db, *regions);
  if (auto m = programmes.Migrate(); !m) return std::unexpected(m.error());
  network::BaseStore bases(*h->db, *regions);
  if (auto m = bases.Migrate(); !m) return std::unexpected(m.error());
  auto coverage = monitor::LoadReportCoverage(network_store, &programmes, *regions, *duties, scope->region,
                                              *quarter, today, h->db.get(), &bases);
  if (!coverage) return std::unexpected(coverage.error());
  report->coverage = std::move(*coverage);
  std::cerr << "汇总跨省比对结果（附件4（五）、附件2（一）、附件4（九）、附件3（四））…\n";
  auto linkage_specs = monitor::LoadLinkageIndicators(monitor::DefaultLinkageIndicatorsDir());
  if (!linkage_specs) return std::unexpected(linkage_specs.error());
  if (auto m = linkage::LinkStore(*h->db, *h->vault).Migrate(); !m) return m;
  auto followup_policy = linkage::LoadFollowupPolicy(linkage::DefaultFollowupPolicyFile());
  if (!followup_policy) return std::unexpected(followup_policy.error());
  const std::string first = fmt::format("{:04d}-{:02d}", quarter->year, quarter->FirstMonth());
  const std::string through =
      std::min(fmt::format("{:04d}-{:02d}", quarter->year, quarter->LastMonth()), today.ToString().substr(0, 7));
  report->linkage = monitor::ReportLinkage{};
  if (through >= first) {
    auto counts = linkage::LinkageIndicatorCounts(*h->db, scope->region, first, through, *followup_policy,
                                                  (*ctx)->workdays(), today);
    if (!counts) return std::unexpected(counts.error());
    report->linkage = monitor::BuildReportLinkage(*linkage_specs, *counts, scope->region, *quarter, through);
  }
  const std::string html = monitor::RenderReportHtml(*report, *assets);
  if (html_only) {
    std::ofstream out(a.out, std::ios::binary);
    out << html;
    if (!out.flush()) return Fail(ErrorCode::kIo, "无法写入文件：" + a.out);
  } else {
    std::cerr << "用 Chromium 生成 PDF…\n";
    if (auto p = monitor::PrintHtmlToPdf(html, a.out); !p) return p;
  }
  std::cerr << "已写入 " << a.out << "\n";
  if (!a.annex.empty()) {
    if (auto w = monitor::WriteReportAnnex(*report, a.annex); !w) return w;
    std::cerr << "已写入数据附件 " << a.annex << "\n";
  }
  return {};
}

struct IndicatorsArgs {
  std::string db;
  bool whole = false;
};

// qjy report indicators: the province's monitoring figures as the dashboard
// reads them (LoadMonitorData and LoadMonthlyData): each indicator's
// province totals by year and each monthly indicator at the latest month
// with data, with the seconds the reads took, as JSON on stdout.
// On a registry across shard servers the facts are read shard by shard
// concurrently (store/shard_readers.h) unless --whole (one connection: the
// baseline of bench/shards_bench.sh's indicator modes).
Result<void> RunIndicators(const IndicatorsArgs& a) {
  auto specs = monitor::LoadIndicators(monitor::DefaultIndicatorsDir());
  if (!specs) return std::unexpected(specs.error());
  auto monthly_specs = monitor::LoadMonthlyIndicators(monitor::DefaultMonthlyIndicatorsDir());
  if (!monthly_specs) return std::unexpected(monthly_specs.error());
  auto h = OpenRegistry(a.db);
  if (!h) return std::unexpected(h.error());
  services::ServicesStore services(*h->db);
  if (auto m = services.Migrate(); !m) return std::unexpected(m.error());
  const Date today = Date::InChina(TheSystemClock().Now());
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<store::ShardReader> readers;
  if (!a.whole) {
    auto opened = store::OpenShardReaders(*h->db, *h->vault);
    if (!opened) return std::unexpected(opened.error());
    readers = std::move(*opened);
  }
  const std::vector<monitor::RegistryPart> parts = monitor::PartsOf(readers);
  const auto t1 = std::chrono::steady_clock::now();
  auto data = monitor::LoadMonitorData(*specs, services, *h->registry, today, parts);
  if (!data) return std::unexpected(data.error());
  const auto t2 = std::chrono::steady_clock::now();
  const int through = monitor::MonthKey(today);
  auto monthly = monitor::LoadMonthlyData(*monthly_specs, services, *h->registry, through, parts);
  if (!monthly) return std::unexpected(monthly.error());
  const auto t3 = std::chrono::steady_clock::now();
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  nlohmann::json flows = nlohmann::json::array();
  for (size_t i = 0; i < specs->size(); ++i) {
    const monitor::Series province = monitor::RegionSeries(data->series[i], registry::kGuizhouProvince);
    nlohmann::json by_year = nlohmann::json::object();
    for (const auto& [year, months] : province.by_year) by_year[std::to_string(year)] = province.Total(year);
    flows.push_back({{"id", (*specs)[i].id}, {"name", (*specs)[i].name}, {"by_year", by_year},
                     {"counties", data->series[i].size()}});
  }
  nlohmann::json stocks = nlohmann::json::array();
  const int last = data->latest ? monitor::MonthKey(*data->latest) : through;
  for (size_t i = 0; i < monthly_specs->size(); ++i) {
    const monitor::MonthCount c = monitor::RegionCount((*monthly)[i], registry::kGuizhouProvince, last);
    stocks.push_back({{"id", (*monthly_specs)[i].id}, {"name", (*monthly_specs)[i].name},
                      {"month", fmt::format("{:04d}-{:02d}", last / 12, last % 12 + 1)}, {"num", c.num}, {"den", c.den}});
  }
  nlohmann::json shards = nlohmann::json::array();
  for (const auto& r : readers) shards.push_back({{"shard", r.shard}, {"counties", r.counties.size()}});
  std::cout << nlohmann::json{{"mode", parts.empty() ? "whole" : "per_shard"}, {"shards", shards},
                              {"flows", flows}, {"stocks", stocks},
                              {"open_seconds", secs(t0, t1)}, {"flows_seconds", secs(t1, t2)},
                              {"stocks_seconds", secs(t2, t3)}, {"total_seconds", secs(t0, t3)}}
                   .dump(1)
            << "\n";
  return {};
}

}  // namespace

void AddReportCommands(CLI::App& app, int& exit_code) {
  auto* report = app.add_subcommand("report", "分析报告 / reports");
  report->require_subcommand(1);
  auto a = std::make_shared<ReportArgs>();
  auto* cmd = report->add_subcommand(
      "quarterly", "季度就业形势分析（正文（二十））：PDF 报告与 XLSX 数据附件 / quarterly analysis");
  cmd->add_option("--db", a->db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
  cmd->add_option("--quarter", a->quarter, "季度，如 2025Q2 / quarter")->required();
  cmd->add_option("--region", a->region, "区划代码：全省 52、市（州）或县（市、区），默认全省 / region");
  cmd->add_option("--out", a->out, "报告文件 .pdf（.html 仅输出版式）/ report file")->required();
  cmd->add_option("--annex", a->annex, "数据附件 .xlsx / data annex");
  cmd->add_option("--web-root", a->web_root, "网页目录（图表库在其 vendor/ 下），默认源码的 web / web root");
  cmd->callback([a, &exit_code] {
    auto r = RunQuarterly(*a);
    if (!r) {
      std::cerr << "错误：" << r.error().message << "\n";
      exit_code = 1;
      return;
    }
    exit_code = 0;
  });
  auto ia = std::make_shared<IndicatorsArgs>();
  auto* ind = report->add_subcommand(
      "indicators", "全省监测指标核算（各年合计与最近有数据月末），跨分片时按分片并行读取 / the province's indicators, read per shard");
  ind->add_option("--db", ia->db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
  ind->add_flag("--whole", ia->whole, "跨分片时也只用一个连接整体读取（基准）/ one connection even when sharded");
  ind->callback([ia, &exit_code] {
    auto r = RunIndicators(*ia);
    if (!r) {
      std::cerr << "错误：" << r.error().message << "\n";
      exit_code = 1;
      return;
    }
    exit_code = 0;
  });
}

}  // namespace qjy::cli
