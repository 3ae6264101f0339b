// qjy stats rebuild --db URL: recounts the region counters of the officers'
// home pages (store/region_counts.h) from the registry. The counters are kept
// by every registry write and filled once when a database is migrated; this
// is for a database changed behind the application's back (rows edited by
// hand, a partial restore). Writers wait while it runs; readers do not.
// qjy stats check --db URL --region CODE [--repeat N]: reads the region's
// counts from the counters and recounts them from the tables (what the home
// page did on every request before), N times each; prints both timings
// (p50/p95, ms) and whether they agree (exit 1 when not).
#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/stats_cmd.h"
#include "cli/registry_handle.h"
#include "store/region_counts.h"

namespace qjy::cli {
namespace {

struct StatsArgs {
  std::string db;
  std::string region = "52";
  int repeat = 5;
};

double Ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

std::string P50P95(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
  std::ostringstream o;
  o << std::fixed << std::setprecision(1) << "p50 " << at(0.5) << " ms, p95 " << at(0.95) << " ms";
  return o.str();
}

// The children's length below `region` (2→4→6→9→12).
size_t ChildLength(const std::string& region) {
  return region.size() == 6 ? 9 : region.size() == 9 ? 12 : region.size() + 2;
}

Result<bool> RunCheck(const StatsArgs& a) {
  if (a.repeat < 1) return Fail(ErrorCode::kInvalidArgument, "--repeat 须为正整数");
  auto h = OpenRegistry(a.db);
  if (!h) return std::unexpected(h.error());
  namespace rc = store::region_counts;
  std::vector<double> counters_ms, recount_ms;
  rc::Counts kept, recounted;
  std::map<std::string, int64_t> kept_kids, recounted_kids;
  for (int i = 0; i < a.repeat; ++i) {
    auto t = std::chrono::steady_clock::now();
    auto r = rc::RecountHukou(*h->db, a.region, ChildLength(a.region));
    if (!r) return std::unexpected(r.error());
    auto c = rc::Recount(*h->db, a.region);
    if (!c) return std::unexpected(c.error());
    recount_ms.push_back(Ms(t));
    recounted = *c;
    recounted_kids = std::move(*r);
    std::vector<std::string> kids;
    for (const auto& [k, n] : recounted_kids) kids.push_back(k);
    t = std::chrono::steady_clock::now();
    auto k = rc::Read(*h->db, a.region);
    if (!k) return std::unexpected(k.error());
    auto kk = rc::ReadHukou(*h->db, kids);
    if (!kk) return std::unexpected(kk.error());
    counters_ms.push_back(Ms(t));
    kept = *k;
    kept_kids = std::move(*kk);
  }
  const bool same = kept.persons == recounted.persons && kept.employers == recounted.employers &&
                    kept.jobs == recounted.jobs && kept_kids == recounted_kids;
  std::cout << "区划 " << a.region << "：人员 " << kept.persons << "，用人单位 " << kept.employers
            << "，岗位 " << kept.jobs << "，下级 " << kept_kids.size() << " 个\n"
            << "计数表读取（" << a.repeat << " 次）：" << P50P95(counters_ms) << "\n"
            << "逐行重新计数（" << a.repeat << " 次）：" << P50P95(recount_ms) << "\n"
            << (same ? "两者一致" : "两者不一致：请运行 qjy stats rebuild") << "\n";
  return same;
}

Result<void> RunRebuild(const StatsArgs& a) {
  auto h = OpenRegistry(a.db);
  if (!h) return std::unexpected(h.error());
  const auto start = std::chrono::steady_clock::now();
  QJY_TRY(store::region_counts::Rebuild(*h->db));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto c = store::region_counts::Read(*h->db, a.region);
  if (!c) return std::unexpected(c.error());
  std::cout << "已重建区划计数（" << seconds << " 秒）。区划 " << a.region << "：人员 "
            << c->persons << "，用人单位 " << c->employers << "，岗位 " << c->jobs << "\n";
  return {};
}

}  // namespace

void AddStatsCommands(CLI::App& app, int& exit_code) {
  auto* stats = app.add_subcommand("stats", "首页区划计数 / region counters of the home pages");
  stats->require_subcommand(1);
  auto a = std::make_shared<StatsArgs>();
  auto* cmd = stats->add_subcommand(
      "rebuild", "按登记数据重新计数（写入暂停，查询不受影响）/ recount from the registry");
  cmd->add_option("--db", a->db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
  cmd->add_option("--region", a->region, "重建后显示其计数的区划代码，默认 52 / region to print");
  cmd->callback([a, &exit_code] {
    auto r = RunRebuild(*a);
    if (!r) {
      std::cerr << "错误：" << r.error().message << "\n";
      exit_code = 1;
      return;
    }
    exit_code = 0;
  });
  auto* check = stats->add_subcommand(
      "check", "比较计数表与逐行重新计数的结果和耗时 / counters against a recount, timed");
  check->add_option("--db", a->db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
  check->add_option("--region", a->region, "区划代码，默认 52 / region");
  check->add_option("--repeat", a->repeat, "各重复次数，默认 5 / repetitions");
  check->callback([a, &exit_code] {
    auto r = RunCheck(*a);
    if (!r) {
      std::cerr << "错误：" << r.error().message << "\n";
      exit_code = 1;
      return;
    }
    exit_code = *r ? 0 : 1;
  });
}

}  // namespace qjy::cli
