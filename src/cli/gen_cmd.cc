// qjy gen     : generates the synthetic Guizhou province (src/gen) into a
//               database and/or import files.
// qjy summary : a Chinese summary of what a database holds (what `make run`
//               prints until the HTTP server exists).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "auth/clock.h"
#include "auth/demo_marker.h"
#include "cli/registry_handle.h"
#include "core/date.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "gen/csv_sink.h"
#include "gen/generator.h"
#include "gen/geography.h"
#include "gen/profile.h"
#include "gen/programme_gen.h"
#include "gen/network_work_gen.h"
#include "gen/quality_gen.h"
#include "gen/store_sink.h"
#include "gen/tables.h"
#include "registry/codes.h"
#include "store/pg_shards.h"
#include "store/registry_profile.h"

namespace qjy::cli {
namespace {

struct GenArgs {
  std::string db, key_file, out_dir, format = "csv", as_of, data_dir;
  int64_t persons = 0, employers = 0, jobs = 0;
  uint64_t seed = 2023;
  double contracts_per_person = 1.6;
  int batch = 10'000;
  bool quiet = false;
};

std::string Grouped(int64_t n) {
  std::string s = std::to_string(n), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0 && s[i - 1] != '-') out += ',';
    out += s[i];
  }
  return out;
}

int Fail(const std::string& what, const Error& e) {
  std::cerr << what << "：" << e.message << "\n";
  return 1;
}

int RunGen(const GenArgs& a) {
  if (a.db.empty() && a.out_dir.empty()) {
    std::cerr << "请至少指定 --db 或 --out-dir / give --db and/or --out-dir\n";
    return 2;
  }
  if (a.format != "csv") {
    std::cerr << "--format 目前只支持 csv / only csv is supported\n";
    return 2;
  }
  if (a.persons < 0 || a.employers < 0 || a.jobs < 0 || a.contracts_per_person < 0) {
    std::cerr << "数量不能为负数 / counts must not be negative\n";
    return 2;
  }
  if (a.jobs > 0 && a.jobs > 52 * a.employers) {
    std::cerr << "岗位数最多为用人单位数的 52 倍（每个单位每周一个岗位）/ "
                 "at most 52 jobs per employer\n";
    return 2;
  }
  auto profile = gen::LoadProfile(a.data_dir.empty() ? gen::DefaultProfileDir() : a.data_dir);
  if (!profile) return Fail("读取生成器配置失败", profile.error());
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) return Fail("读取行政区划失败", regions.error());
  auto rows = gen::RegionRowsFrom(*regions, *profile);
  if (!rows) return Fail("读取行政区划失败", rows.error());
  auto geo = gen::Geography::Build(*rows, *profile);
  if (!geo) return Fail("建立区划索引失败", geo.error());

  gen::GenOptions o;
  o.seed = a.seed;
  o.persons = a.persons;
  o.employers = a.employers;
  o.jobs = a.jobs;
  o.contracts_per_person = a.contracts_per_person;
  o.as_of = profile->as_of_default;
  if (!a.as_of.empty()) {
    auto d = Date::Parse(a.as_of);
    if (!d) {
      std::cerr << "--as-of：" << d.error().message << "\n";
      return 2;
    }
    o.as_of = *d;
  }
  if (o.persons > 0 && o.employers == 0)
    std::cerr << "提示：没有用人单位，人员将没有劳动合同 / no employers: persons get no contracts\n";

  std::vector<gen::Sink*> sinks;
  std::unique_ptr<gen::StoreSink> store_sink;
  std::unique_ptr<gen::CsvSink> csv_sink;
  RegistryHandle handle;
  gen::IdBase base;
  if (!a.db.empty()) {
    auto h = OpenRegistry(a.db, a.key_file);
    if (!h) return Fail("打开数据库失败", h.error());
    handle = std::move(*h);
    auto counts = handle.registry->Counts();
    if (!counts) return Fail("读取数据库失败", counts.error());
    if (counts->persons > 0 || counts->employers > 0) {
      std::cerr << "数据库中已有人员或单位数据，生成的身份证号会与之冲突；请使用新的数据库。\n"
                   "The database already holds persons or employers; generate into a new one.\n";
      return 1;
    }
    // The province it generates becomes the demo (marker below), where the
    // published demo logins may be created: never a database that already
    // has accounts of its own (a real one being set up). Read only: a
    // database without the accounts table has none.
    auto accounts = handle.db->Query("SELECT COUNT(*) FROM accounts");
    if (accounts && !accounts->empty() && (*accounts)[0].Int(0) > 0) {
      std::cerr << "数据库中已有 " << (*accounts)[0].Int(0)
                << " 个登录账号，不是新建的数据库：生成的演示数据会把它标记为演示库（可创建公开的演示账号）。"
                   "请生成到新的数据库。\n"
                   "The database already has accounts; generate the demo into a new one.\n";
      return 1;
    }
    for (auto [entity, slot] : {std::pair{"job", &base.job}, std::pair{"contract", &base.contract},
                                std::pair{"site", &base.site}}) {
      auto m = handle.registry->MaxId(entity);
      if (!m) return Fail("读取数据库失败", m.error());
      *slot = *m;
    }
    store_sink = std::make_unique<gen::StoreSink>(*handle.db, *handle.registry);
    store_sink->set_vault(handle.vault.get());
    sinks.push_back(store_sink.get());
  }
  if (!a.out_dir.empty()) {
    auto c = gen::CsvSink::Open(a.out_dir);
    if (!c) return Fail("创建导入文件失败", c.error());
    csv_sink = std::move(*c);
    sinks.push_back(csv_sink.get());
  }

  gen::Tables tables(*profile, *geo, o);
  gen::Progress progress(a.quiet ? nullptr : &std::cerr, isatty(2) != 0);
  gen::RunOptions run;
  run.batch_size = a.batch;
  run.progress = &progress;
  const auto start = std::chrono::steady_clock::now();
  auto counts = gen::Generate(tables, base, sinks, run);
  if (!counts) return Fail("生成失败", counts.error());
  gen::ProgrammeCounts programmes;
  gen::QualityCounts quality;
  gen::NetworkWorkCounts work;
  if (handle.db) {
    // The programmes officials keep (就业帮扶车间, community recognitions, …)
    // from what was just generated.
    auto p = gen::GenerateProgrammes(*handle.db, *regions, a.seed, o.as_of);
    if (!p) return Fail("生成就业帮扶车间等项目失败", p.error());
    programmes = *p;
    // HR-agency ratings and the institutions' annual evaluations.
    auto q = gen::GenerateQuality(*handle.db, *regions, a.seed, o.as_of);
    if (!q) return Fail("生成机构评级和年度评估失败", q.error());
    quality = *q;
    // Agency licences, stations' monthly work, community applications.
    auto w = gen::GenerateNetworkWork(*handle.db, *regions, a.seed, o.as_of);
    if (!w) return Fail("生成许可证、协作站工作和社区申报失败", w.error());
    work = *w;
  }
  if (handle.db) {
    // The planner's statistics of sharded tables (autovacuum never
    // analyzes foreign partitions); nothing on SQLite or one server.
    auto analyzed = store::AnalyzePartitioned(*handle.db);
    if (!analyzed) return Fail("更新分片表统计信息失败", analyzed.error());
    if (!analyzed->empty() && !a.quiet) std::cerr << "已更新 " << analyzed->size() << " 张分片表的统计信息\n";
  }
  if (handle.db) {
    // A generated province is synthetic: mark it as the demo, the only kind
    // of database `qjy demo-accounts` serves.
    if (auto m = auth::MarkDemoDatabase(*handle.db, "qjy gen", auth::SystemClock().Now()); !m) {
      return Fail("写入演示库标记失败", m.error());
    }
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char took[32];
  std::snprintf(took, sizeof took, "%.1f", secs);
  std::cout << "已生成（种子 " << a.seed << "，基准日 " << o.as_of.ToString() << "，用时 " << took
            << " 秒）：人员 " << Grouped(counts->persons) << "，劳动合同 "
            << Grouped(counts->contracts) << "，社保缴费月份 " << Grouped(counts->contributions)
            << "，用人单位 " << Grouped(counts->employers)
            << "，岗位 " << Grouped(counts->jobs) << "，服务网点 " << Grouped(counts->sites)
            << "\n";
  if (handle.db) {
    std::cout << "项目登记：就业帮扶车间 " << Grouped(programmes.workshops) << "（已认定 "
              << Grouped(programmes.workshops_recognised) << "），充分就业社区认定 "
              << Grouped(programmes.recognitions) << "，劳务品牌 " << Grouped(programmes.brands)
              << "，以工代赈项目 " << Grouped(programmes.relief_projects) << "，人力资源机构评级 "
              << Grouped(quality.agency_ratings) << "，机构年度评估 " << Grouped(quality.evaluations)
              << "，人力资源服务许可证 " << Grouped(work.licences) << "，劳务协作站月度工作 "
              << Grouped(work.station_months) << "，充分就业社区申报 " << Grouped(work.community_applications)
              << "（已评估 " << Grouped(work.community_assessed) << "）\n";
  }
  if (!a.db.empty()) std::cout << "数据库：" << a.db << "\n";
  if (!a.out_dir.empty()) std::cout << "导入文件目录：" << a.out_dir << "\n";
  return 0;
}

// ---- summary ----

void Line(const std::string& label, int64_t n, int64_t of = 0) {
  std::cout << "  " << label << "：" << Grouped(n);
  if (of > 0) {
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.1f%%", 100.0 * n / of);
    std::cout << "（" << pct << "）";
  }
  std::cout << "\n";
}

int RunSummary(const std::string& db_url, const std::string& key_file, const std::string& as_of_text) {
  auto h = OpenRegistry(db_url, key_file);
  if (!h) return Fail("打开数据库失败", h.error());
  store::Db& db = *h->db;
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) return Fail("读取行政区划失败", regions.error());
  Date as_of = *Date::FromYmd(2025, 6, 30);
  if (!as_of_text.empty()) {
    auto d = Date::Parse(as_of_text);
    if (!d) return Fail("--as-of", d.error());
    as_of = *d;
  }
  auto counts = h->registry->Counts();
  if (!counts) return Fail("读取数据库失败", counts.error());
  auto name_of = [&](const std::string& code) {
    const Region* r = regions->Find(code);
    return r ? r->name : code;
  };

  std::cout << "黔就业 数据库概况 / registry summary: " << db_url << "\n";
  std::cout << "总量：\n";
  Line("人员", counts->persons);
  Line("用人单位", counts->employers);
  Line("岗位", counts->jobs);
  Line("劳动合同", counts->contracts);
  Line("服务网点", counts->sites);
  Line("变更记录", counts->changes);
  const int64_t persons = counts->persons;
  auto profile = store::ProfileRegistry(db, as_of);
  if (!profile) return Fail("查询失败", profile.error());

  std::cout << "按市州分人员（户籍所属县）：\n";
  for (const auto& [code, n] : profile->persons_by_prefecture) Line(name_of(code), n, persons);
  std::cout << "重点群体（曾属于或现属于）：\n";
  for (const auto& [code, n] : profile->persons_by_group) {
    auto g = registry::Parse<registry::Group>(code);
    Line(g ? std::string(registry::Label(*g)) : code, n, persons);
  }

  // Employment situation on the as-of date, from the contracts.
  const store::RegistryProfile& e = *profile;
  const int64_t unemployed = e.ended_1m + e.ended_6m + e.ended_12m + e.ended_longer;
  std::cout << "就业状况（基准日 " << as_of.ToString() << "，按劳动合同推算）：\n";
  Line("有在职劳动合同", e.employed, persons);
  Line("  其中在省外务工", e.employed_outside, persons);
  Line("合同已终止、尚无新合同（失业）", unemployed, e.employed + unemployed);
  Line("  短期（1个月以内）", e.ended_1m);
  Line("  中短期（1至6个月）", e.ended_6m);
  Line("  中长期（6至12个月）", e.ended_12m);
  Line("  长期（12个月以上）", e.ended_longer);

  std::cout << "用人单位类型：\n";
  for (auto t : registry::AllValues<registry::EmployerType>()) {
    auto it = e.employers_by_type.find(std::string(registry::Code(t)));
    if (it != e.employers_by_type.end()) Line(std::string(registry::Label(t)), it->second, counts->employers);
  }
  std::cout << "用人单位规模：\n";
  for (auto sc : registry::AllValues<registry::SizeClass>()) {
    auto it = e.employers_by_size.find(std::string(registry::Code(sc)));
    Line(std::string(registry::Label(sc)), it == e.employers_by_size.end() ? 0 : it->second, counts->employers);
  }

  std::cout << "岗位类型（岗位数 / 招聘人数）：\n";
  for (const auto& j : e.jobs_by_type) {
    auto t = registry::Parse<registry::JobType>(j.type);
    std::cout << "  " << (t ? std::string(registry::Label(*t)) : j.type) << "：" << Grouped(j.posts) << " / "
              << Grouped(j.headcount) << "\n";
  }

  static const std::map<std::string, std::string> kTier = {
      {"province", "省级"}, {"prefecture", "市州级"}, {"county", "县级"},
      {"township", "乡镇级"}, {"village", "村级"}};
  std::cout << "服务网点：\n";
  for (const auto& site : e.sites) {
    auto k = registry::Parse<registry::SiteKind>(site.kind);
    auto tier = kTier.find(site.tier);
    Line((k ? std::string(registry::Label(*k)) : site.kind) + "（" +
             (tier != kTier.end() ? tier->second : site.tier) + "）",
         site.count);
  }
  std::cout << "  设有零工市场的县（市、区）：" << e.counties_with_gig_market << " / "
            << regions->Count(RegionLevel::kCounty, "52") << "\n";
  return 0;
}

}  // namespace

void AddGenCommands(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<GenArgs>();
  auto* gen = app.add_subcommand(
      "gen",
      "生成贵州省模拟数据（确定性：同一种子得到相同数据），写入数据库和/或导入文件。\n"
      "Generate a deterministic synthetic Guizhou province into a database and/or import files.");
  gen->add_option("--db", a->db, "数据库：SQLite 文件路径或 postgresql:// 地址 / SQLite path or PostgreSQL URL");
  gen->add_option("--key-file", a->key_file, "密钥文件，默认在数据库旁 / key file (default next to the database)");
  gen->add_option("--persons", a->persons, "人员数 / number of persons")->required();
  gen->add_option("--employers", a->employers, "用人单位数 / number of employers")->required();
  gen->add_option("--jobs", a->jobs, "岗位数 / number of job posts")->required();
  gen->add_option("--seed", a->seed, "随机种子，默认 2023 / random seed (default 2023)");
  gen->add_option("--contracts-per-person", a->contracts_per_person,
                  "有合同者平均合同数（含历史），默认 1.6 / mean contracts per person with any (default 1.6)");
  gen->add_option("--as-of", a->as_of, "数据基准日，默认 2025-06-30 / the as-of date (default 2025-06-30)");
  gen->add_option("--out-dir", a->out_dir,
                  "同时写出导入文件（人员、单位、岗位、劳动合同）的目录 / also write import files here");
  gen->add_option("--format", a->format, "导入文件格式：csv / import file format: csv");
  gen->add_option("--batch", a->batch, "每批（每个事务）记录数，默认 10000 / records per batch (transaction)");
  gen->add_option("--data-dir", a->data_dir, "生成器配置目录，默认 src/gen/data / generator profile directory");
  gen->add_flag("--quiet", a->quiet, "不显示进度 / no progress on stderr");
  gen->callback([a, &exit_code] { exit_code = RunGen(*a); });

  auto db = std::make_shared<std::string>();
  auto key = std::make_shared<std::string>();
  auto as_of = std::make_shared<std::string>();
  auto* summary = app.add_subcommand(
      "summary", "数据库概况（中文）：人员、单位、岗位、合同、网点、群体和就业状况。\n"
                 "Summary of a registry database (in Chinese).");
  summary->add_option("--db", *db, "数据库：SQLite 文件路径或 postgresql:// 地址 / database")->required();
  summary->add_option("--key-file", *key, "密钥文件 / key file");
  summary->add_option("--as-of", *as_of, "就业状况的基准日，默认 2025-06-30 / as-of date for employment status");
  summary->callback([db, key, as_of, &exit_code] { exit_code = RunSummary(*db, *key, *as_of); });
}

}  // namespace qjy::cli
