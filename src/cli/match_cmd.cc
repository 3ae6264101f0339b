// qjy match batch: batch job recommendations for the registered unemployed
// (src/match/batch.h), optionally recorded as 岗位推荐 service records
// (src/services, the kind the "131"/"1311" packages count).
#include <fstream>
#include <iostream>
#include <tuple>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "importer/csv_reader.h"
#include "match/batch.h"
#include "match/batch_record.h"
#include "match/load.h"
#include "match/profile_store.h"
#include "services/services_store.h"
#include "store/db.h"

namespace qjy::cli {
namespace {

struct BatchArgs {
  std::string db, date, region, out, officer = "批量推荐";
  bool record = false;
};

// Writes the per-seeker list (CSV, UTF-8): one row per recommendation, or one
// row with the reason when a person got fewer than owed.
Result<void> WriteList(const std::string& path, const match::MatchIndex& index, const match::BatchResult& r) {
  std::ofstream out(path);
  if (!out) return Fail(ErrorCode::kInvalidArgument, "无法写入文件：" + path);
  out << "person_id,county_code,rank,job_id,job_title,score,reasons,shortfall\n";
  auto quote = [](const std::string& s) {  // employers' titles: no formula may run (core/csv_cell.h)
    std::string q;
    importer::AppendCsvField(q, s);
    return q;
  };
  for (const auto& s : r.seekers) {
    const match::SeekerInfo info = index.Seeker(s.seeker);
    int rank = 0;
    for (const auto& j : s.jobs) {
      const match::JobInfo job = index.Job(j.job);
      out << info.person_id << ',' << info.county_code << ',' << ++rank << ',' << job.job_id << ','
          << quote(job.title) << ',' << j.score << ',' << quote(j.reasons) << ",\n";
    }
    if (!s.shortfall.empty()) {
      out << info.person_id << ',' << info.county_code << ",,,,,," << quote(s.shortfall) << "\n";
    }
  }
  if (!out.flush()) return Fail(ErrorCode::kInternal, "写入文件失败：" + path);
  return {};
}

Result<void> RunBatchCmd(const BatchArgs& a) {
  auto date = Date::Parse(a.date);
  if (!date) return Fail(ErrorCode::kInvalidArgument, "日期无效：" + a.date);
  auto h = OpenRegistry(a.db);
  if (!h) return std::unexpected(h.error());
  if (auto m = services::ServicesStore(*h->db).Migrate(); !m) return std::unexpected(m.error());
  if (auto m = match::ProfileStore(*h->db).Migrate(); !m) return std::unexpected(m.error());
  auto tree = match::OccupationTree::LoadDefault();
  if (!tree) return std::unexpected(tree.error());
  auto weights = match::LoadDefaultWeights();
  if (!weights) return std::unexpected(weights.error());
  auto params = match::LoadDefaultBatchParams();
  if (!params) return std::unexpected(params.error());
  match::MatchIndex index(std::move(*tree), *weights, *date);
  auto loaded = match::LoadIndex(*h->db, index);
  if (!loaded) return std::unexpected(loaded.error());
  match::BatchOptions o;
  o.params = *params;
  o.region_prefix = a.region;
  auto r = match::RunBatch(index, o);
  if (!r) return std::unexpected(r.error());
  if (!a.out.empty()) {
    if (auto w = WriteList(a.out, index, *r); !w) return w;
  }
  std::uint64_t recorded = 0;
  if (a.record) {
    const auto rows = match::BatchRows(index, *r);
    auto n = match::RecordBatch(*h->db, rows, *date, a.officer, a.region);
    if (!n) return std::unexpected(n.error());
    recorded = n->added;
  }
  std::cout << fmt::format(
      "{{\"date\":\"{}\",\"region\":\"{}\",\"seekers\":{},\"open_jobs\":{},\"recommendations\":{},"
      "\"owed\":{},\"short_seekers\":{},\"short_few_feasible\":{},\"short_capacity\":{},"
      "\"second_round_seekers\":{},\"second_round_placed\":{},\"total_score\":{},"
      "\"multiple\":{},\"jobs_used\":{},\"jobs_over_capacity\":{},\"max_load\":{},"
      "\"naive_jobs_used\":{},\"naive_jobs_over_capacity\":{},\"naive_max_load\":{},\"recorded\":{}}}\n",
      date->ToString(), a.region, r->seekers.size(), loaded->jobs, r->totals.served, r->totals.demand,
      r->totals.short_seekers, r->short_few_feasible, r->short_capacity, r->second_round_seekers,
      r->second_round_placed, r->totals.score, o.params.multiple,
      r->spread.jobs_used, r->spread.jobs_over_capacity, r->spread.max_load, r->naive.jobs_used,
      r->naive.jobs_over_capacity, r->naive.max_load, recorded);
  return {};
}

}  // namespace

void AddMatchCommands(CLI::App& app, int& exit_code) {
  auto* match = app.add_subcommand("match", "人岗匹配 / person-job matching");
  match->require_subcommand(1);
  auto a = std::make_shared<BatchArgs>();
  auto* cmd = match->add_subcommand(
      "batch", "为登记失业人员批量推荐岗位（每岗位不超过招聘人数的倍数）/ batch recommendations within capacity");
  cmd->add_option("--db", a->db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
  cmd->add_option("--date", a->date, "推荐日期 YYYY-MM-DD / date")->required();
  cmd->add_option("--region", a->region, "只推荐该区划代码下的人员 / region code prefix");
  cmd->add_option("--out", a->out, "逐人推荐清单 CSV / per-person list");
  cmd->add_option("--officer", a->officer, "记录的经办人 / officer on the records");
  cmd->add_flag("--record", a->record, "记为岗位推荐服务记录（重复运行不重复记录）/ record as services");
  cmd->callback([a, &exit_code] {
    auto r = RunBatchCmd(*a);
    if (!r) {
      std::cerr << "错误：" << r.error().message << "\n";
      exit_code = 1;
      return;
    }
    exit_code = 0;
  });
}

}  // namespace qjy::cli
