// The monthly 失业保险金 run at scale (issue #16 §1 "Speed"): N active
// claims over a generated province, the run of a month with its
// 常态化核查比对 (benefits/monthly_run.h: the cross-check in the selecting
// SQL; per county, --batch claims per transaction (default 500; 1 = one
// transaction per claim, the way it was first written), each claim writing
// the payment, two ledger payments and four entries), and in the same run the SQL form of the cross-check
// alone (one statement counting the beneficiaries the employment facts
// show working that month).
//
// benefits_bench --db PROVINCE.sqlite [--claims 200000] [--month 2025-04] [--runs 3] [--batch 500] [--scratch DIR]
//
// PROVINCE.sqlite: a province from `qjy gen --db …` (persons, contracts,
// separations, contribution months). It is copied to the scratch folder
// (default var/bench) and the copy is used. The claims are inserted with
// SQL (not through BenefitStore::Apply: the application path is not what is
// timed): the persons without a pension/UI contribution month in --month
// first, then the others, up to --claims; first month --month, 24 months. Run r pays
// month --month + r (the ledger is append-only; each run pays a new month
// for every claim still open), so each timed run does the whole month.
#include <filesystem>

#include "auth/clock.h"
#include "bench_util.h"
#include "benefits/benefit_store.h"
#include "benefits/employment_check.h"
#include "benefits/monthly_run.h"
#include "registry/contribution.h"
#include "store/db.h"

int main(int argc, char** argv) {
  using namespace qjy;
  using namespace qjy::bench;
  Args a(argc, argv);
  const std::string src = a.Get("--db");
  if (src.empty()) Die("usage: benefits_bench --db PROVINCE.sqlite [--claims N] [--month YYYY-MM] [--runs R]");
  const int64_t want = a.Int("--claims", 200000);
  const int runs = static_cast<int>(a.Int("--runs", 3));
  const int batch = static_cast<int>(a.Int("--batch", 500));
  const auto month = registry::ParseMonth(a.Get("--month", "2025-04"));
  if (!month) Die("--month: YYYY-MM");
  const std::filesystem::path dir = a.Get("--scratch", "var/bench");
  std::filesystem::create_directories(dir);
  const std::filesystem::path copy = dir / "benefits_bench.sqlite";
  std::filesystem::remove(copy);
  std::filesystem::remove(copy.string() + "-wal");
  std::filesystem::remove(copy.string() + "-shm");
  Stopwatch copy_sw;
  std::filesystem::copy_file(src, copy);
  std::fprintf(stderr, "copied %s in %.1f s\n", src.c_str(), copy_sw.Seconds());
  auto db = Must(store::OpenDb(copy.string()), "open");
  Must(benefits::BenefitStore(*db).Migrate(), "migrate");

  const std::string m = registry::MonthText(*month);
  auto persons = Must(db->Query("SELECT COUNT(*) FROM persons"), "count persons");
  const int64_t n_persons = persons.front().Int(0);
  auto idle = Must(db->Query("SELECT COUNT(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM contributions k WHERE "
                             "k.county_code = p.county_code AND k.person_id = p.person_id AND k.month = ? AND (k.kinds & 3) <> 0)",
                             std::vector<store::Value>{m}),
                   "count idle");
  const int64_t n_idle = idle.front().Int(0);
  // Claims on the persons without a contribution in the month first (the
  // run pays them: the costly path), then on the others up to N (the
  // cross-check stops those the facts show working).
  Stopwatch ins_sw;
  Must(db->Begin(), "begin");
  auto ins = db->Exec(
      "INSERT INTO benefit_claims (county_code, person_id, applied_on, first_month, granted, decision_text, "
      "contribution_months, duration_months, monthly_fen, medical_fen, status, created_by) "
      "SELECT p.county_code, p.person_id, ?, ?, 1, 'bench', 24, 24, 170100, 18000, 'active', 'bench' FROM persons p "
      "ORDER BY EXISTS (SELECT 1 FROM contributions k WHERE k.county_code = p.county_code AND k.person_id = p.person_id "
      "AND k.month = ? AND (k.kinds & 3) <> 0), p.person_id LIMIT ?",
      std::vector<store::Value>{m + "-01", m, m, want});
  if (!ins) Die("insert claims: " + ins.error().message);
  Must(db->Commit(), "commit");
  const int64_t claims = *ins;
  std::fprintf(stderr, "%lld persons, %lld without a contribution in %s, %lld claims inserted in %.1f s\n",
               static_cast<long long>(n_persons), static_cast<long long>(n_idle), m.c_str(),
               static_cast<long long>(claims), ins_sw.Seconds());

  std::vector<double> run_s, sql_s;
  int64_t paid = 0, stopped = 0, employed_sql = 0;
  auth::ManualClock clock(1746057600);  // 2025-05-01
  for (int r = 0; r < runs; ++r) {
    const int32_t mm = *month + r;
    const std::string ms = registry::MonthText(mm);
    const Date first = *Date::FromYmd(mm / 12, mm % 12 + 1, 1);
    const std::string first_s = first.ToString(), last_s = first.AddMonths(1).AddDays(-1).ToString();
    // The SQL form of the cross-check: the open claims of the month whose
    // holder the employment facts show working.
    Stopwatch sql_sw;
    auto q = db->Query(std::string("SELECT COUNT(*) FROM benefit_claims c WHERE c.status = 'active' AND c.county_code "
                                   "LIKE '52%' AND c.first_month <= ? AND (") +
                           benefits::kContributedInMonthSql + " OR " + benefits::kContractInMonthSql + ")",
                       std::vector<store::Value>{ms, ms, last_s, first_s, first_s});
    if (!q) Die("sql cross-check: " + q.error().message);
    sql_s.push_back(sql_sw.Seconds());
    employed_sql = q->front().Int(0);
    Stopwatch sw;
    const double cpu0 = CpuSeconds();
    auto rep = benefits::RunMonth(*db, mm, "52", "bench", clock, {.batch_claims = batch, .hook = {}});
    if (!rep) Die("run: " + rep.error().message);
    run_s.push_back(sw.Seconds());
    paid = rep->paid;
    stopped = rep->stopped;
    if (stopped != employed_sql) {
      std::fprintf(stderr, "warning: run stopped %lld, SQL cross-check found %lld\n", static_cast<long long>(stopped),
                   static_cast<long long>(employed_sql));
    }
    std::fprintf(stderr, "run %d (%s): %.1f s (%s), paid %lld, stopped %lld; SQL cross-check %.2f s, %lld employed\n",
                 r + 1, ms.c_str(), run_s.back(), Cpu(CpuSeconds() - cpu0).c_str(), static_cast<long long>(paid),
                 static_cast<long long>(stopped), sql_s.back(), static_cast<long long>(employed_sql));
  }
  const std::string note = std::to_string(n_persons) + " persons; batch " + std::to_string(batch) + "; last run paid " + std::to_string(paid) +
                           ", stopped " + std::to_string(stopped);
  Report("benefit_monthly_run", Median(run_s), claims, runs, note);
  Report("benefit_crosscheck_sql", Median(sql_s), claims, runs, "employed " + std::to_string(employed_sql));
  return 0;
}
