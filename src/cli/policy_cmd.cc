// qjy policy test|eval|sweep|replay|review|submit|approve|reverse|params, qjy ledger
// check: the policy engine of 黔府发〔2023〕12号 from the command line
// (src/policy).

#include <chrono>
#include <ctime>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <iostream>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clause_display.h"
#include "audit/audit_schema.h"
#include "auth/auth_schema.h"
#include "auth/clock.h"
#include "auth/session_manager.h"
#include "cli/cmd_support.h"
#include "cli/commands.h"
#include "loans/loan_check.h"
#include "loans/loan_schema.h"
#include "cli/param_changes_cmd.h"
#include "cli/registry_handle.h"
#include "policy/decision_record.h"
#include "cli/signer.h"
#include "policy/engine.h"
#include "policy_services/sweep_pass.h"
#include "policy/facts_store.h"
#include "policy/entitlement_replay.h"
#include "policy/ledger.h"
#include "policy/ledger_schema.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/scenario.h"
#include "policy/world_loader.h"
#include "policy_services/facts_gen.h"
#include "policy_services/facts_import.h"
#include "policy_services/param_change_store.h"
#include "policy_services/payment_batch.h"
#include "policy_services/recheck.h"
#include "policy_services/store_registrations.h"
#include "store/pg_shards.h"
#include "supervision/counters.h"
#include "supervision/supervisor.h"

namespace qjy::cli {
namespace {

Result<policy::ParameterSet> LoadParams(const std::string& dir) {
  return policy::ParameterSet::LoadDir(dir.empty() ? policy::DefaultParamsDir() : std::filesystem::path(dir));
}

// With `db`: the parameter changes approved in it laid over the files
// (policy_services/param_change_store.h), as the server reads them.
Result<policy::Engine> LoadEngine(const std::string& dir, store::Db* db = nullptr) {
  auto params = LoadParams(dir);
  if (!params) return std::unexpected(params.error());
  if (db) {
    auto layered = policy_services::WithApprovedChanges(*db, *params);
    if (!layered) return std::unexpected(layered.error());
    return policy::Engine::Create(std::move(*layered));
  }
  return policy::Engine::Create(std::move(*params));
}

// Runs `body`; an error goes to stderr in Chinese (its message alone, without
// cmd_support.h's "错误：") and sets exit code 1.
template <class Body>
void RunPolicy(int& exit_code, Body body) {
  Result<void> r = body();
  if (!r) {
    std::cerr << r.error().message << "\n";
    exit_code = 1;
    return;
  }
  exit_code = 0;
}

struct PolicyCmdCommon {
  std::string db, params, date;
  bool json = false;
};

void AddCommon(CLI::App* cmd, PolicyCmdCommon& c, bool needs_date = true) {
  cmd->add_option("--db", c.db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
  cmd->add_option("--params", c.params, "参数目录（默认 policy/params）/ parameter directory");
  if (needs_date) cmd->add_option("--date", c.date, "决定日期 YYYY-MM-DD / decision date")->required();
  cmd->add_flag("--json", c.json, "输出 JSON / JSON output");
}

// The process's peak resident set so far in kB (/proc/self/status
// VmHWM; 0 where there is none): the sweep's passes' peak, taken before
// fund supervision's screen maps the database file (its mapped pages count
// as resident too).
int64_t PeakRssKb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("VmHWM:")) return std::atoll(line.c_str() + 6);
  }
  return 0;
}

// The process's CPU seconds so far (all threads): per-pass figures that a
// shared machine's load does not stretch as it does wall time.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Fund supervision's cross-checks over `region` (supervision/supervisor.h).
// `mapped` false: the screen reads through SQLite's page cache, not a map of
// the file (a streamed sweep's bound on memory: mapped pages count as the
// process's resident set).
Result<supervision::ScreenReport> Screen(store::Db& db, audit::AuditLog* audit, const auth::Clock& clock,
                                         const std::string& region, const std::string& actor, bool mapped = true) {
  std::string error;
  const supervision::SupervisionConfig* config = supervision::ShippedSupervisionConfig(error);
  if (!config) return Fail(ErrorCode::kInvalidArgument, "资金监管参数无法加载：" + error);
  if (auto m = supervision::Supervisor::Migrate(db); !m) return std::unexpected(m.error());
  supervision::Supervisor sup(db, *config, audit, clock);
  sup.set_mapped_reads(mapped);
  return sup.ScreenSweep(region, actor);
}

Result<RegistryHandle> OpenAll(const std::string& db) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  if (auto r = policy::MigratePolicy(*h->db); !r) return std::unexpected(r.error());
  if (auto r = audit::MigrateAudit(*h->db); !r) return std::unexpected(r.error());
  return h;
}

void PrintDecisions(const std::vector<policy::Decision>& ds, bool json) {
  if (json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& d : ds) arr.push_back(policy::ToJson(d));
    std::cout << arr.dump(2) << "\n";
    return;
  }
  int eligible = 0;
  for (const auto& d : ds) {
    std::cout << policy::ToText(d);
    if (!d.eligible) {
      for (const auto& w : d.WhyNot()) std::cout << "  为何不符合 → " << w << "\n";
    }
    std::cout << "\n";
    eligible += d.eligible;
  }
  std::cout << "共 " << ds.size() << " 项政策，符合 " << eligible << " 项\n";
}

void PrintBatch(const policy_services::PaymentBatch& b) {
  const char* status = b.status == "paid" ? "已审批支付" : b.status == "approving" ? "审批支付中" : "待审批";
  std::cout << "支付批次 " << b.batch_id << "（区域 " << b.county_code << "，" << status << "，提交人 "
            << b.submitted_by << "）：共 " << b.count << " 项\n";
  for (const auto& f : b.funds) {
    std::cout << "  " << (f.loan ? "[贷款，转经办银行] " : "") << f.fund_label << "：" << f.count << " 笔，合计 "
              << policy::FormatYuan(f.amount_fen) << "\n";
  }
  std::cout << "  补贴合计 " << policy::FormatYuan(b.subsidy_fen) << "（" << b.subsidy_count << " 笔）";
  if (b.loan_count > 0) {
    std::cout << "；贷款另计 " << policy::FormatYuan(b.loan_fen) << "（" << b.loan_count << " 笔）";
  }
  std::cout << "\n";
}

}  // namespace

void AddPolicyCommands(CLI::App& app, int& exit_code) {
  auto* policy = app.add_subcommand("policy", "政策引擎（黔府发〔2023〕12号 R1–R18）/ policy engine");
  policy->require_subcommand(1);

  // qjy policy test FILE...
  auto* test = policy->add_subcommand(
      "test", "运行政策情景测试，输出 “N passed, N failed” / run policy scenario tests");
  auto files = std::make_shared<std::vector<std::string>>();
  auto test_params = std::make_shared<std::string>();
  auto verbose = std::make_shared<bool>(false);
  test->add_option("FILE", *files, "情景文件 policy/tests/*.yaml / scenario files")->required();
  test->add_option("--params", *test_params, "参数目录（默认 policy/params）/ parameter directory");
  test->add_flag("-v,--verbose", *verbose, "列出通过的用例 / list passing cases");
  test->callback([files, test_params, verbose, &exit_code] {
    auto params = LoadParams(*test_params);
    if (!params) {
      std::cerr << "参数集无效，拒绝运行：" << params.error().message << "\n";
      exit_code = 1;
      return;
    }
    std::vector<std::filesystem::path> paths(files->begin(), files->end());
    const int failed = policy::RunScenarioFiles(*params, paths, std::cout, *verbose);
    exit_code = failed == 0 ? 0 : 1;
  });

  // qjy policy params [propose|approve|reject|list]
  auto* params_cmd = policy->add_subcommand("params", "列出参数及其条款和历史 / list parameters with clause and history");
  auto p_dir = std::make_shared<std::string>();
  auto p_json = std::make_shared<bool>(false);
  params_cmd->add_option("--params", *p_dir, "参数目录 / parameter directory");
  params_cmd->add_flag("--json", *p_json, "输出 JSON");
  AddParamChangeCommands(params_cmd, exit_code);  // … propose|approve|reject|list
  params_cmd->callback([params_cmd, p_dir, p_json, &exit_code] {
    if (!params_cmd->get_subcommands().empty()) return;  // a parameter change, not the listing
    RunPolicy(exit_code, [&]() -> Result<void> {
      auto set = LoadParams(*p_dir);
      if (!set) return std::unexpected(set.error());
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& [name, p] : set->all()) {
        auto values = [&](const std::vector<policy::DatedValue>& vs) {
          nlohmann::json a = nlohmann::json::array();
          for (const auto& v : vs) {
            nlohmann::json val = nullptr;
            if (v.value) {
              val = p.unit == policy::Unit::kDate ? nlohmann::json(Date::FromDays(static_cast<int32_t>(*v.value)).ToString())
                                                  : nlohmann::json(*v.value);
            }
            a.push_back({{"from", v.from.ToString()}, {"value", val}});
          }
          return a;
        };
        nlohmann::json o = {{"name", name}, {"description", p.description}, {"unit", policy::UnitName(p.unit)},
                            {"reference", p.reference}, {"reference_text", DisplayClause(p.reference)}, {"interpretation", p.interpretation}, {"assumed", p.assumed},
                            {"note", p.note}, {"overridable", p.overridable}, {"file", p.file},
                            {"values", values(p.values)}, {"overrides", nlohmann::json::object()}};
        for (const auto& [region, vs] : p.overrides) o["overrides"][region] = values(vs);
        arr.push_back(o);
        if (!*p_json) {
          std::cout << name << "  [" << DisplayClause(p.reference) << "] " << p.description << (p.assumed ? "（假定）" : "") << "\n";
          for (const auto& v : o["values"]) std::cout << "    自 " << v["from"].get<std::string>() << "：" << v["value"].dump() << " " << policy::UnitName(p.unit) << "\n";
        }
      }
      if (*p_json) std::cout << arr.dump(2) << "\n";
      return {};
    });
  });

  // qjy policy eval --db --person|--employer --date
  auto* eval = policy->add_subcommand("eval", "企业找政策：某人或某单位的全部政策及理由 / every policy for a person or employer");
  auto ec = std::make_shared<PolicyCmdCommon>();
  auto person = std::make_shared<int64_t>(0);
  auto employer = std::make_shared<std::string>();
  AddCommon(eval, *ec);
  auto* po = eval->add_option("--person", *person, "人员编号 / person id");
  auto* eo = eval->add_option("--employer", *employer, "统一社会信用代码 / credit code");
  po->excludes(eo);
  eval->callback([ec, person, employer, &exit_code] {
    RunPolicy(exit_code, [&]() -> Result<void> {
      if (*person == 0 && employer->empty()) return Fail(ErrorCode::kInvalidArgument, "须指定 --person 或 --employer");
      auto date = Date::Parse(ec->date);
      if (!date) return std::unexpected(date.error());
      auto h = OpenAll(ec->db);
      if (!h) return std::unexpected(h.error());
      auto engine = LoadEngine(ec->params, h->db.get());
      if (!engine) return std::unexpected(engine.error());
      policy_services::StoreRegistrations regs(*h->db);
      policy::FactsStore facts(*h->db);
      auto world = *person ? policy::LoadPersonWorld(*h->registry, regs, *person, &facts)
                           : policy::LoadEmployerWorld(*h->registry, regs, *employer, &facts);
      if (!world) return std::unexpected(world.error());
      auto ds = *person ? engine->EvaluatePerson(*world, *person, *date)
                        : engine->EvaluateEmployer(*world, *employer, *date);
      if (!ds) return std::unexpected(ds.error());
      PrintDecisions(*ds, ec->json);
      return {};
    });
  });

  // qjy policy sweep --db --date [--region] [--in-memory | --stream [--stream-budget N]]
  // Goes in passes of consecutive counties by default (--stream;
  // policy::SweepPasses, LoadCountiesWorld), each pass's persons (a county's
  // persons or, where more, its employers' contracts) within --stream-budget
  // (250,000: ~80 passes at 20 M persons; a larger county is a pass alone):
  // one pass's world in memory at a time, its review list written county by
  // county, its counties' earlier proposals revisited against it, fund
  // supervision's screen reading through SQLite's cache rather than a map of
  // the file. --in-memory loads the whole registry into one world
  // (policy::LoadWorld; ~15 GB at 20 M persons). The same decisions; at
  // 300,000 persons in passes shaped as at 20 M (107 passes), medians of 5:
  // 1.17x the whole load's wall time, 1.29x its CPU, 0.14x its peak memory
  // (bench/sweep_stream.sh, bench/README.md "Fifth pass"). --json logs each
  // pass (pass_log) and the peak RSS before fund supervision's screen.
  // --per-shard (implies --stream) on a registry partitioned across shard
  // servers (qjy db shard, store/pg_shards.h): the passes are made shard by
  // shard (SweepPasses' shard_of: each pass's counties on one shard, its
  // `county_code IN (…)` reads pruned to it), and one worker per shard, on
  // its own connection to the coordinator, loads and evaluates that shard's
  // passes (their county-bounded reads go to that shard alone), the workers
  // concurrently; each pass's writes (review list, proposers, revisit) are
  // made one pass at a time on the command's connection, as in --stream, so
  // the review list and its once-only keys are the same as one worker's.
  // Unsharded: one worker, the same as --stream.
  auto* sweep = policy->add_subcommand(
      "sweep", "政策找企业/免申即享：找出辖区内全部享受资格，写入待审核清单 / find every entitlement, write the review list");
  auto sc = std::make_shared<PolicyCmdCommon>();
  auto region = std::make_shared<std::string>();
  auto threads = std::make_shared<int>(2);
  auto in_memory = std::make_shared<bool>(false);
  auto stream = std::make_shared<bool>(false);
  auto budget = std::make_shared<int64_t>(policy::kSweepPassBudget);
  auto per_shard = std::make_shared<bool>(false);
  AddCommon(sweep, *sc);
  sweep->add_option("--region", *region, "区划代码前缀 / region code prefix");
  sweep->add_option("--threads", *threads, "线程数 / threads");
  auto* whole_opt = sweep->add_flag(
      "--in-memory", *in_memory, "一次载入全部登记数据（内存随人数增长，2000 万人约 15 GB）/ load the whole registry at once");
  auto* stream_opt = sweep->add_flag(
      "--stream", *stream, "按县分批载入与写入（默认；内存受限）/ county by county, bounded memory (default)");
  auto* budget_opt = sweep->add_option("--stream-budget", *budget,
                    "按县分批时每批人员数上限（各县按本县人员数或本县单位的劳动合同数（取较大者）计；默认 250000；超出的单个县自成一批）/ persons per streamed pass")
      ->check(CLI::PositiveNumber);
  auto* shard_opt = sweep->add_flag("--per-shard", *per_shard,
                  "按分片并行：每个分片一个工作线程（各自的数据库连接）载入并评估本分片各县，结果合并（含 --stream）/ one worker per shard, concurrently");
  whole_opt->excludes(stream_opt)->excludes(shard_opt)->excludes(budget_opt);
  // Every option's target is captured, read or not: CLI11 writes through
  // the reference after this function returns (`stream` uncaptured was a
  // write to freed memory and a crash at exit).
  sweep->callback([sc, region, threads, in_memory, stream, budget, per_shard, &exit_code] {
    RunPolicy(exit_code, [&]() -> Result<void> {
      auto date = Date::Parse(sc->date);
      if (!date) return std::unexpected(date.error());
      auto h = OpenAll(sc->db);
      if (!h) return std::unexpected(h.error());
      auto engine = LoadEngine(sc->params, h->db.get());
      if (!engine) return std::unexpected(engine.error());
      policy_services::StoreRegistrations regs(*h->db);
      auth::SystemClock clock;
      audit::AuditLog audit(clock, sc->db);
      policy::Ledger ledger(*h->db, &audit, clock);
      // Fund supervision's counters take the new entitlements in the same
      // transactions (supervision/counters.h ProposalFold).
      std::string serr;
      const supervision::SupervisionConfig* sconfig = supervision::ShippedSupervisionConfig(serr);
      if (!sconfig) return Fail(ErrorCode::kInvalidArgument, "资金监管参数无法加载：" + serr);
      if (auto m = supervision::Supervisor::Migrate(*h->db); !m) return m;
      if (auto s = supervision::Supervisor(*h->db, *sconfig, nullptr, clock).SyncCounters(); !s) {
        return std::unexpected(s.error());
      }
      if (auto m = policy_services::PaymentBatches::Migrate(*h->db); !m) return m;
      policy::FactsStore facts(*h->db);
      if (auto m = facts.Migrate(); !m) return m;
      supervision::ProposalFold fold;
      policy_services::PaymentBatches batches(*h->db, nullptr, clock);
      policy_services::PaymentBatches revisit(*h->db, &audit, clock);
      // Per pass (the whole world, or one county's): its worlds' sweep, the
      // review list county by county, proposers, and the revisit of the
      // earlier proposals of `scope`.
      std::map<std::tuple<int, std::string, std::string>, std::pair<int64_t, int64_t>> groups;
      int64_t entitlements = 0, added_n = 0;
      policy_services::RecheckSummary revisited;
      double load_s = 0, eval_s = 0;
      int64_t last_held = 0;  // persons in the last pass's world
      nlohmann::json pass_log = nlohmann::json::array();
      nlohmann::json shard_log = nlohmann::json::array();  // --per-shard: one entry per worker
      const auto t0 = std::chrono::steady_clock::now();
      // `bound` (empty: no bound) narrows `scope` to a pass's counties;
      // `counties` ({scope} for the whole load) are those whose earlier
      // proposals it revisits (policy_services::RevisitScopes).
      // Loading and evaluating run on the caller's thread and connection
      // (`load`); everything after, on h->db, holds `write_mu` (per-shard
      // workers call this concurrently). Returns the pass's load and
      // evaluation seconds and the persons its world held.
      std::mutex write_mu;
      struct PassFigures {
        double load_s = 0, eval_s = 0;
        int64_t held = 0;
      };
      auto pass = [&](const std::string& scope, const std::vector<std::string>& bound,
                      const std::vector<std::string>& counties, auto load) -> Result<PassFigures> {
        const auto a = std::chrono::steady_clock::now();
        Result<policy::World> world = load();
        if (!world) return std::unexpected(world.error());
        const auto b = std::chrono::steady_clock::now();
        auto ds = engine->Sweep(*world, *date,
                                {.region = scope, .threads = *threads, .explain = true, .counties = bound});
        const PassFigures fig{.load_s = std::chrono::duration<double>(b - a).count(),
                              .eval_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - b).count(),
                              .held = static_cast<int64_t>(world->persons.size())};
        const std::lock_guard lock(write_mu);
        last_held = fig.held;
        eval_s += fig.eval_s;
        load_s += fig.load_s;
        // The review list county by county, proposers, the revisit.
        const policy_services::PassWriter writer{.engine = *engine, .ledger = ledger, .proposers = batches,
                                                 .revisit = revisit, .registry = *h->registry,
                                                 .registrations = regs, .facts = facts, .observer = &fold,
                                                 .actor = Actor()};
        auto written = writer.Write(*world, ds, scope, counties);
        if (!written) return std::unexpected(written.error());
        added_n += written->added;
        revisited.checked += written->revisited.checked;
        std::move(written->revisited.changed.begin(), written->revisited.changed.end(),
                  std::back_inserter(revisited.changed));
        for (const auto& d : ds) {
          auto& g = groups[{std::atoi(d.rule.c_str() + 1), std::string(policy::FundLabel(d.fund)), d.county_code}];
          ++g.first;
          g.second += d.amount_fen;
        }
        entitlements += static_cast<int64_t>(ds.size());
        return fig;
      };
      int64_t counties_n = 0, passes_n = 0;
      if (*in_memory) {
        if (auto r = pass(*region, {}, {*region}, [&] { return policy::LoadWorld(*h->db, *h->registry, regs); }); !r) {
          return std::unexpected(r.error());
        }
      } else if (*per_shard) {
        auto counties = policy::SweepCounties(*h->db, *region);
        if (!counties) return std::unexpected(counties.error());
        auto shard_of = store::ShardOfCounties(*h->db, *counties);
        if (!shard_of) return std::unexpected(shard_of.error());
        auto passes = policy::SweepPasses(*h->db, *region, *budget, &*shard_of);
        if (!passes) return std::unexpected(passes.error());
        auto shared = policy::LoadSweepShared(*h->db);
        if (!shared) return std::unexpected(shared.error());
        std::map<std::string, std::vector<const policy::SweepPass*>> by_shard;
        for (const auto& ps : *passes) by_shard[ps.shard].push_back(&ps);
        // Each worker's own connection (and vault, registry), opened here,
        // one after another (OpenRegistry checks the migrations).
        struct Worker {
          std::string shard;
          std::vector<const policy::SweepPass*> passes;
          RegistryHandle h;
          double seconds = 0, load_s = 0, eval_s = 0;
          Result<void> result;
        };
        std::vector<Worker> workers;
        for (auto& [shard, ps] : by_shard) {
          auto wh = OpenRegistry(sc->db);
          if (!wh) return std::unexpected(wh.error());
          workers.push_back({.shard = shard, .passes = std::move(ps), .h = std::move(*wh)});
        }
        std::atomic<bool> stop{false};
        auto run = [&](Worker& wk) {
          const auto wa = std::chrono::steady_clock::now();
          policy_services::StoreRegistrations wregs(*wk.h.db);
          policy::FactsStore wfacts(*wk.h.db);
          for (const policy::SweepPass* ps : wk.passes) {
            if (stop.load()) break;
            const auto pa = std::chrono::steady_clock::now();
            const std::string& first = ps->counties.front();
            const std::string& last = ps->counties.back();
            auto r = pass(*region, ps->counties, ps->counties, [&] {
              return policy::LoadCountiesWorld(*wk.h.db, *wk.h.registry, wregs, ps->counties, wfacts, &*shared);
            });
            if (!r) {
              wk.result = std::unexpected(r.error());
              stop = true;
              break;
            }
            wk.load_s += r->load_s;
            wk.eval_s += r->eval_s;
            const std::lock_guard lock(write_mu);
            pass_log.push_back({{"first", first}, {"last", last}, {"counties", ps->counties.size()},
                                {"county_codes", ps->counties},
                                {"shard", ps->shard}, {"own_persons", ps->own_persons}, {"held_persons", r->held},
                                {"load_seconds", r->load_s}, {"eval_seconds", r->eval_s},
                                {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - pa).count()}});
            counties_n += static_cast<int64_t>(ps->counties.size());
            ++passes_n;
          }
          wk.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wa).count();
        };
        {
          std::vector<std::jthread> threads_run;
          for (auto& wk : workers) threads_run.emplace_back(run, std::ref(wk));
        }
        for (auto& wk : workers) {
          if (!wk.result) return wk.result;
          shard_log.push_back({{"shard", wk.shard}, {"passes", wk.passes.size()}, {"seconds", wk.seconds},
                               {"load_seconds", wk.load_s}, {"eval_seconds", wk.eval_s}});
        }
      } else {
        auto passes = policy::SweepPasses(*h->db, *region, *budget);
        if (!passes) return std::unexpected(passes.error());
        auto shared = policy::LoadSweepShared(*h->db);  // once for every pass
        if (!shared) return std::unexpected(shared.error());
        for (const auto& ps : *passes) {
          const auto pa = std::chrono::steady_clock::now();
          const double load0 = load_s, eval0 = eval_s, cpu0 = CpuSeconds();
          const std::string& first = ps.counties.front();
          const std::string& last = ps.counties.back();
          // A region below the county keeps its own (narrower) prefix (its
          // one county is a pass of its own; RevisitScopes).
          auto r = pass(*region, ps.counties, ps.counties,
                        [&] { return policy::LoadCountiesWorld(*h->db, *h->registry, regs, ps.counties, facts, &*shared); });
          if (!r) return std::unexpected(r.error());
          // Per pass, for the benchmark's fixed-cost-per-pass argument
          // (bench/README.md): its counties, own persons, held persons and
          // seconds (load, evaluate, all of it: writing included).
          pass_log.push_back({{"first", first}, {"last", last}, {"counties", ps.counties.size()},
                              {"county_codes", ps.counties},
                              {"own_persons", ps.own_persons}, {"held_persons", last_held},
                              {"load_seconds", load_s - load0}, {"eval_seconds", eval_s - eval0},
                              {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - pa).count()},
                              {"cpu_seconds", CpuSeconds() - cpu0}});
          counties_n += static_cast<int64_t>(ps.counties.size());
          ++passes_n;
        }
      }
      const int64_t passes_peak_kb = PeakRssKb();
      const int64_t* added = &added_n;
      // Fund supervision's cross-checks over the region's review list.
      auto screened = Screen(*h->db, &audit, clock, *region, Actor(), /*mapped=*/*in_memory);
      if (!screened) return std::unexpected(screened.error());
      const auto t3 = std::chrono::steady_clock::now();
      if (sc->json) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& [k, v] : groups) {
          arr.push_back({{"rule", "R" + std::to_string(std::get<0>(k))}, {"fund", std::get<1>(k)},
                         {"county_code", std::get<2>(k)}, {"count", v.first}, {"amount_fen", v.second}});
        }
        std::cout << nlohmann::json{{"groups", arr}, {"entitlements", entitlements}, {"added_to_review", *added},
                                    {"mode", *in_memory ? "in_memory" : *per_shard ? "per_shard" : "streamed"}, {"counties", counties_n}, {"passes", passes_n}, {"pass_log", pass_log},
                                    {"shard_log", shard_log},
                                    {"peak_rss_kb_before_screen", passes_peak_kb},
                                    {"revisited", revisited.checked}, {"withdrawn", revisited.Withdrawn()},
                                    {"reproposed", revisited.Reproposed()}, {"notice", revisited.Notice()},
                                    {"load_seconds", load_s}, {"eval_seconds", eval_s},
                                    {"total_seconds", std::chrono::duration<double>(t3 - t0).count()},
                                    {"supervision", {{"screened", screened->screened}, {"new_holds", screened->new_holds},
                                                     {"held", screened->held}, {"held_fen", screened->held_fen},
                                                     {"seconds", screened->seconds}}}}.dump(2)
                  << "\n";
      } else {
        std::cout << "规则\t资金\t县\t人次\t金额/额度\n";
        for (const auto& [k, v] : groups) {
          std::cout << "R" << std::get<0>(k) << "\t" << std::get<1>(k) << "\t" << std::get<2>(k) << "\t" << v.first
                    << "\t" << policy::FormatYuan(v.second) << "\n";
        }
        std::cout << "享受资格 " << entitlements << " 项，新增待审核 " << *added << " 项；载入 " << load_s << " 秒，评估 "
                  << eval_s << " 秒";
        if (!*in_memory) std::cout << "（按县分批 " << counties_n << " 个县（市、区），" << passes_n << " 批）";
        std::cout << "\n";
        if (!revisited.changed.empty()) std::cout << "复核原有待审核 " << revisited.checked << " 项：" << revisited.Notice() << "\n";
        std::cout << "资金监管核查 " << screened->screened << " 项，用时 " << screened->seconds << " 秒；暂停支付 "
                  << screened->held << " 项 " << policy::FormatYuan(screened->held_fen) << "，新增核查记录 "
                  << screened->new_holds << " 条\n";
      }
      return {};
    });
  });

  // qjy policy replay --db ID [--date TODAY]
  auto* replay = policy->add_subcommand(
      "replay", "复核/申诉：按存档的事实和参数重放一项享受资格的决定，并列出按现行参数的差异 / replay a stored decision");
  auto pc = std::make_shared<PolicyCmdCommon>();
  auto rid = std::make_shared<int64_t>(0);
  AddCommon(replay, *pc, false);
  replay->add_option("--date", pc->date, "现行参数的日期（默认今天）/ the day whose parameter values apply");
  replay->add_option("id", *rid, "享受资格编号 / entitlement id (DECISION_ID)")->required();
  replay->callback([pc, rid, &exit_code] {
    RunPolicy(exit_code, [&]() -> Result<void> {
      auth::SystemClock clock;
      Date today = Date::InChina(clock.Now());
      if (!pc->date.empty()) {
        auto d = Date::Parse(pc->date);
        if (!d) return Fail(ErrorCode::kInvalidArgument, "--date 日期无效，应为 YYYY-MM-DD");
        today = *d;
      }
      auto h = OpenAll(pc->db);
      if (!h) return std::unexpected(h.error());
      auto engine = LoadEngine(pc->params, h->db.get());
      if (!engine) return std::unexpected(engine.error());
      auto r = policy::ReplayEntitlement(*h->db, *rid, "", engine->params(), today);
      if (!r) return std::unexpected(r.error());
      audit::AuditLog audit(clock, pc->db);
      audit::AuditEntry a;
      a.actor = Actor();
      a.role = "officer";
      a.action = "policy.replay";
      a.target = "entitlement:" + std::to_string(*rid);
      a.result = r->replay.reproduced ? "reproduced" : "mismatch";
      a.client = "cli";
      (void)audit.Append(*h->db, std::move(a));
      if (pc->json) {
        nlohmann::json j = policy::ToJson(r->replay);
        j["id"] = *rid;
        j["redecided_since"] = r->redecided_since;
        std::cout << j.dump(2) << "\n";
        return {};
      }
      std::cout << "享受资格 #" << *rid << "（" << r->entitlement.title << "，" << r->entitlement.county_code << "）\n";
      if (r->redecided_since) std::cout << "注意：该享受资格在提出后经复核改写，以下重放的是提出时的决定。\n";
      std::cout << policy::ToText(r->replay);
      return {};
    });
  });

  // qjy policy import --db --kind internship|venture|placement FILE
  auto* imp = policy->add_subcommand(
      "import", "录入见习、创业、外出务工组织记录（CSV，全部成功才写入）/ record internships, start-ups, placements");
  auto ic = std::make_shared<PolicyCmdCommon>();
  auto kind = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto scope = std::make_shared<std::string>();
  AddCommon(imp, *ic, false);
  imp->add_option("--kind", *kind, "internship|venture|placement（见习/创业/外出务工）")->required();
  imp->add_option("--region", *scope, "经办人区划代码前缀（超出范围的行被拒绝）/ officer's region");
  imp->add_option("file", *file, "CSV 文件")->required();
  imp->callback([ic, kind, file, scope, &exit_code] {
    RunPolicy(exit_code, [&]() -> Result<void> {
      auto k = policy_services::ParseFactKind(*kind);
      if (!k) return std::unexpected(k.error());
      std::ifstream in(*file, std::ios::binary);
      if (!in) return Fail(ErrorCode::kNotFound, "无法打开文件：" + *file);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto h = OpenAll(ic->db);
      if (!h) return std::unexpected(h.error());
      auto n = policy_services::ImportFacts(*h->db, *h->registry, *k, *file, text, *scope, Actor());
      if (!n) return std::unexpected(n.error());
      std::cout << "已写入 " << n->rows << " 条记录\n";
      return {};
    });
  });

  // qjy policy gen-facts --db [--seed]
  auto* gf = policy->add_subcommand(
      "gen-facts", "为生成的省份数据补充见习、创业、外出务工组织记录 / generate internships, start-ups, placements");
  auto gc = std::make_shared<PolicyCmdCommon>();
  auto seed = std::make_shared<uint64_t>(2023);
  AddCommon(gf, *gc, false);
  gf->add_option("--seed", *seed, "随机种子 / seed");
  gf->callback([gc, seed, &exit_code] {
    RunPolicy(exit_code, [&]() -> Result<void> {
      auto h = OpenAll(gc->db);
      if (!h) return std::unexpected(h.error());
      auto n = policy_services::GenerateFacts(*h->db, *h->registry, *seed);
      if (!n) return std::unexpected(n.error());
      // Sharded tables' statistics after the bulk write (AnalyzePartitioned).
      if (auto a = store::AnalyzePartitioned(*h->db); !a) return std::unexpected(a.error());
      std::cout << "见习 " << n->internships << " 条，创业 " << n->ventures << " 条，外出务工组织 " << n->placements
                << " 条\n";
      return {};
    });
  });

  // qjy policy review --db [--status] [--region]
  auto* review = policy->add_subcommand("review", "查看待审核清单 / list the review list");
  auto rc = std::make_shared<PolicyCmdCommon>();
  auto rf = std::make_shared<policy::ReviewFilter>();
  AddCommon(review, *rc, false);
  review->add_option("--status", rf->status, "proposed|paid|approved|reversed|withdrawn");
  review->add_option("--region", rf->region, "区划代码前缀");
  review->add_option("--rule", rf->rule, "规则 R1..R18");
  review->add_option("--limit", rf->limit, "条数");
  review->callback([rc, rf, &exit_code] {
    RunPolicy(exit_code, [&]() -> Result<void> {
      auto h = OpenAll(rc->db);
      if (!h) return std::unexpected(h.error());
      auth::SystemClock clock;
      policy::Ledger ledger(*h->db, nullptr, clock);
      auto list = ledger.List(*rf);
      if (!list) return std::unexpected(list.error());
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& e : *list) {
        if (rc->json) {
          arr.push_back({{"once_key", e.once_key}, {"rule", e.rule}, {"title", e.title}, {"amount_fen", e.amount_fen},
                         {"fund", e.fund}, {"county_code", e.county_code}, {"status", e.status}});
        } else {
          std::cout << e.entitlement_id << "\t" << e.once_key << "\t" << policy::FormatYuan(e.amount_fen) << "\t"
                    << e.fund << "\t" << e.county_code << "\t" << e.status << "\n";
        }
      }
      if (rc->json) std::cout << arr.dump(2) << "\n";
      return {};
    });
  });

  // qjy policy submit --db --user U (--key K... | --all [--region] [--rule])
  // qjy policy approve --db --batch N --user U [--yes]
  // Payments go through a batch signed by two named accounts (issue #14,
  // policy_services/payment_batch.h); the password comes from QJY_PASSWORD,
  // --password-file or the terminal, and is checked like a web login.
  auto* submit = policy->add_subcommand("submit", "提交审批：把待审核享受资格冻结为支付批次 / submit a payment batch");
  auto bc = std::make_shared<PolicyCmdCommon>();
  auto sa = std::make_shared<Signer>();
  auto sel = std::make_shared<policy_services::BatchSelection>();
  AddCommon(submit, *bc, false);
  AddSigner(submit, *sa);
  submit->add_option("--key", sel->once_keys, "享受资格键 once_key");
  submit->add_flag("--all", sel->all, "全部待审核 / every proposed entitlement");
  submit->add_option("--region", sel->region, "区划代码前缀（默认本账号辖区）");
  submit->add_option("--rule", sel->rule, "规则");
  submit->callback([bc, sa, sel, &exit_code] {
    RunPolicy(exit_code, [&]() -> Result<void> {
      if (sel->once_keys.empty() && !sel->all) return Fail(ErrorCode::kInvalidArgument, "须指定 --key 或 --all");
      auto h = OpenAll(bc->db);
      if (!h) return std::unexpected(h.error());
      auth::SystemClock clock;
      auto account = SignIn(*h->db, bc->db, *sa, clock);
      if (!account) return std::unexpected(account.error());
      audit::AuditLog audit(clock, bc->db);
      policy_services::PaymentBatches batches(*h->db, &audit, clock);
      // Each entitlement is decided again with today's facts and rules
      // before it is frozen (policy_services/recheck.h).
      auto engine = LoadEngine(bc->params);
      if (!engine) return std::unexpected(engine.error());
      policy_services::StoreRegistrations regs(*h->db);
      // Fund supervision first: what it holds is not proposed, so not frozen.
      auto screened = Screen(*h->db, &audit, clock, sel->region.empty() ? account->region_code : sel->region,
                             account->username);
      if (!screened) return std::unexpected(screened.error());
      if (screened->held > 0) {
        std::cout << "资金监管核查暂停支付 " << screened->held << " 项，合计 " << policy::FormatYuan(screened->held_fen)
                  << "，未列入批次，待监管人员核查\n";
      }
      auto b = batches.Submit(*sel, account->username, account->region_code,
                              policy_services::StoreRecheck(*engine, *h->db, *h->registry, regs));
      if (!b) return std::unexpected(b.error());
      if (!b->recheck.changed.empty()) std::cout << b->recheck.Notice() << "\n";
      PrintBatch(*b);
      std::cout << "已提交审批，须由另一名有审批支付权限的人员执行：qjy policy approve --batch " << b->batch_id
                << " --user 账号\n";
      return {};
    });
  });

  auto* approve = policy->add_subcommand("approve", "审批支付一个批次（两人审批，每个享受资格只付一次）/ approve a payment batch");
  auto ac = std::make_shared<PolicyCmdCommon>();
  auto aa = std::make_shared<Signer>();
  auto batch_id = std::make_shared<int64_t>(0);
  auto yes = std::make_shared<bool>(false);
  AddCommon(approve, *ac, false);
  AddSigner(approve, *aa);
  approve->add_option("--batch", *batch_id, "批次编号 / batch id")->required();
  approve->add_flag("--yes", *yes, "确认支付（不加时只显示批次汇总）/ confirm; without it only the summary is shown");
  approve->callback([ac, aa, batch_id, yes, &exit_code] {
    RunPolicy(exit_code, [&]() -> Result<void> {
      auto h = OpenAll(ac->db);
      if (!h) return std::unexpected(h.error());
      auth::SystemClock clock;
      auto account = SignIn(*h->db, ac->db, *aa, clock);
      if (!account) return std::unexpected(account.error());
      audit::AuditLog audit(clock, ac->db);
      policy_services::PaymentBatches batches(*h->db, &audit, clock);
      if (!account->HasGrant(policy_services::kApproveGrant)) {
        audit::AuditEntry e;
        e.actor = account->username;
        e.role = "officer";
        e.action = "policy.batch_approve";
        e.target = "payment-batch:" + std::to_string(*batch_id);
        e.result = "denied";
        e.client = "cli";
        e.detail = "没有审批支付权限";
        (void)audit.Append(*h->db, std::move(e));
        return Fail(ErrorCode::kPermissionDenied, "账号 " + account->username + " 没有审批支付权限（approve_payment）");
      }
      auto params = LoadParams(ac->params);
      if (!params) return std::unexpected(params.error());
      auto single_max = policy_services::SingleOfficerMaxFen(*params, Date::InChina(clock.Now()));
      if (!single_max) return std::unexpected(single_max.error());
      auto b = batches.Get(*batch_id, account->region_code);
      if (!b) return std::unexpected(b.error());
      if (!*b) return Fail(ErrorCode::kNotFound, "本账号辖区内没有该支付批次");
      PrintBatch(**b);
      if (!*yes) {
        std::cout << "未支付：核对以上汇总后加 --yes 执行审批支付\n";
        return {};
      }
      std::string serr;
      const supervision::SupervisionConfig* config = supervision::ShippedSupervisionConfig(serr);
      if (!config) return Fail(ErrorCode::kInvalidArgument, "资金监管参数无法加载：" + serr);
      if (auto m = supervision::Supervisor::Migrate(*h->db); !m) return m;
      supervision::Supervisor sup(*h->db, *config, &audit, clock);
      auto r = batches.Approve(*batch_id, account->username, account->region_code, *single_max,
                               [&](int64_t id) -> Result<void> {
                                 auto s = sup.ScreenBatch(id, account->username);
                                 if (!s) return std::unexpected(s.error());
                                 return {};
                               });
      if (!r) return std::unexpected(r.error());
      if (!r->held.empty()) {
        std::cout << "资金监管核查暂停支付并移出本批次 " << r->held.size() << " 笔，合计 "
                  << policy::FormatYuan(r->held_fen) << "，待监管人员核查\n";
      }
      int paid = 0, dup = 0, referred = 0;
      int64_t sum = 0;
      for (const auto& x : r->results) {
        if (x.outcome == policy::PayOutcome::kPaid) {
          ++paid;
          sum += x.amount_fen;
        }
        dup += x.outcome == policy::PayOutcome::kAlreadyPaid;
        referred += x.outcome == policy::PayOutcome::kReferred;
      }
      std::cout << "审批人 " << account->username << "：支付 " << paid << " 笔，合计 " << policy::FormatYuan(sum)
                << "；此前已支付 " << dup << " 笔；创业担保贷款转经办银行 " << referred << " 笔\n";
      return {};
    });
  });

  // qjy policy reverse --db --key --reason
  auto* reverse = policy->add_subcommand("reverse", "冲正一笔支付（不修改原记录）/ reverse a payment");
  auto vc = std::make_shared<PolicyCmdCommon>();
  auto vkey = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  AddCommon(reverse, *vc, false);
  reverse->add_option("--key", *vkey, "享受资格键")->required();
  reverse->add_option("--reason", *reason, "原因")->required();
  reverse->callback([vc, vkey, reason, &exit_code] {
    RunPolicy(exit_code, [&]() -> Result<void> {
      auto h = OpenAll(vc->db);
      if (!h) return std::unexpected(h.error());
      auth::SystemClock clock;
      audit::AuditLog audit(clock, vc->db);
      policy::Ledger ledger(*h->db, &audit, clock);
      if (auto r = ledger.Reverse(*vkey, Actor(), *reason); !r) return r;
      std::cout << "已冲正 " << *vkey << "\n";
      return {};
    });
  });

  // qjy ledger check --db
  auto* ledger_cmd = app.add_subcommand("ledger", "补贴支付账本 / subsidy payment ledger");
  ledger_cmd->require_subcommand(1);
  auto* check = ledger_cmd->add_subcommand("check", "对账：借贷平衡、重复支付、缺失分录（含创业担保贷款贴息、代偿、核销）/ reconcile");
  auto kc = std::make_shared<PolicyCmdCommon>();
  AddCommon(check, *kc, false);
  check->callback([kc, &exit_code] {
    auto h = OpenAll(kc->db);
    if (!h) {
      std::cerr << h.error().message << "\n";
      exit_code = 1;
      return;
    }
    auth::SystemClock clock;
    policy::Ledger ledger(*h->db, nullptr, clock);
    auto rep = ledger.Check();
    if (!rep) {
      std::cerr << rep.error().message << "\n";
      exit_code = 1;
      return;
    }
    std::cout << "支付 " << rep->payments << " 笔（" << policy::FormatYuan(rep->paid_fen) << "），冲正 " << rep->reversals
              << " 笔（" << policy::FormatYuan(rep->reversed_fen) << "），分录 " << rep->entries << " 条，借方 "
              << policy::FormatYuan(rep->debit_fen) << "，贷方 " << policy::FormatYuan(rep->credit_fen) << "\n";
    for (const auto& p : rep->problems) std::cout << "问题[" << p.kind << "] " << p.what << "\n";
    // Guaranteed loans: interest subsidies, compensations, recoveries, write-offs.
    if (auto m = loans::MigrateLoans(*h->db); !m) {
      std::cerr << m.error().message << "\n";
      exit_code = 1;
      return;
    }
    auto lrep = loans::CheckLoanLedger(*h->db);
    if (!lrep) {
      std::cerr << lrep.error().message << "\n";
      exit_code = 1;
      return;
    }
    std::cout << "创业担保贷款 " << lrep->loans << " 笔：贴息 " << lrep->subsidy_months << " 个月（"
              << policy::FormatYuan(lrep->subsidy_fen) << "），代偿 " << lrep->compensations << " 笔（"
              << policy::FormatYuan(lrep->compensation_fen) << "），追偿回款 " << lrep->recoveries << " 笔（"
              << policy::FormatYuan(lrep->recovery_fen) << "），核销 " << lrep->write_offs << " 笔（"
              << policy::FormatYuan(lrep->write_off_fen) << "）\n";
    for (const auto& p : lrep->problems) std::cout << "问题[" << p.kind << "] " << p.what << "\n";
    const bool ok = rep->ok() && lrep->ok();
    std::cout << (ok ? "账本一致" : "账本不一致") << "\n";
    exit_code = ok ? 0 : 1;
  });
}

}  // namespace qjy::cli
