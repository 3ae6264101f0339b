// Classification (四级三类) and obligation status of N registered
// unemployed people as of a date (issue 4 point 8: 1,000,000 in <= 5 s on
// 2 cores). Registrations and service records are generated in memory,
// deterministically; the timed part is Classify + SummarizeObligations over
// the whole caseload, median of --runs runs.
//
// services_bench [--n 1000000] [--threads 2] [--runs 3] [--as-of 2025-07-01] [--seed 7]
#include <cstdint>

#include "bench_util.h"
#include "services/caseload.h"
#include "services/context.h"

int main(int argc, char** argv) {
  using namespace qjy;
  using namespace qjy::bench;
  using namespace qjy::services;
  Args a(argc, argv);
  const int64_t n = a.Int("--n", 1000000);
  const int threads = static_cast<int>(a.Int("--threads", 2));
  const int runs = static_cast<int>(a.Int("--runs", 3));
  const Date as_of = Must(Date::Parse(a.Get("--as-of", "2025-07-01")), "--as-of");
  uint64_t state = static_cast<uint64_t>(a.Int("--seed", 7)) * 0x9E3779B97F4A7C15ull + 1;
  auto next = [&state](uint64_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % bound;
  };
  auto ctx = Must(ServicesContext::LoadDefault(), "load services context");

  Stopwatch gen_sw;
  const Date first = Must(Date::Parse("2023-07-01"), "date");
  const int span_days = as_of.days() - first.days();
  std::vector<Registration> regs;
  std::vector<ServiceRecord> recs;
  std::vector<Assessment> assessments;
  regs.reserve(n);
  recs.reserve(n * 4);
  int64_t record_id = 0;
  for (int64_t i = 0; i < n; ++i) {
    Registration r;
    r.registration_id = i + 1;
    r.person_id = i + 1;
    r.registered_on = first.AddDays(static_cast<int>(next(span_days)));
    r.found_on = r.registered_on.AddDays(-static_cast<int>(next(3)));
    r.region_code = "5201020" + std::to_string(10 + next(20));
    r.county_code = "520102";
    r.officer = "officer" + std::to_string(next(50));
    uint64_t f = next(100);
    if (f < 12) r.flags |= static_cast<uint32_t>(Flag::kGraduate);
    if (f < 2) r.flags |= static_cast<uint32_t>(Flag::kGraduateDifficulty);
    if (f >= 95) r.flags |= static_cast<uint32_t>(Flag::kVeteran);
    if (f >= 90 && f < 93) r.flags |= static_cast<uint32_t>(Flag::kHardToEmploy);
    r.suggested_category = static_cast<Category>(next(3));
    if (next(10) < 3) {
      r.closed_on = r.registered_on.AddDays(10 + static_cast<int>(next(200)));
      r.close_reason = next(2) ? CloseReason::kReemployed : CloseReason::kWithdrawn;
      if (*r.closed_on > as_of) {
        r.closed_on.reset();
        r.close_reason.reset();
      }
    }
    int k = static_cast<int>(next(7));
    for (int j = 0; j < k; ++j) {
      ServiceRecord s;
      s.record_id = ++record_id;
      s.registration_id = r.registration_id;
      s.person_id = r.person_id;
      s.kind = kAllServiceKinds[next(5)];
      s.delivered_on = r.found_on.AddDays(static_cast<int>(next(40)));
      if (r.closed_on && s.delivered_on > *r.closed_on) s.delivered_on = *r.closed_on;
      if (s.kind == ServiceKind::kJobRecommendation) s.job_id = 1 + static_cast<int64_t>(next(5000));
      recs.push_back(s);
    }
    if (next(4) == 0) {
      Assessment as;
      as.registration_id = r.registration_id;
      as.assessed_on = r.registered_on.AddDays(1);
      as.category = static_cast<Category>(next(3));
      as.suggested_category = r.suggested_category;
      assessments.push_back(as);
    }
    regs.push_back(std::move(r));
  }
  Caseload load(std::move(regs), std::move(assessments), std::move(recs));
  std::fprintf(stderr, "generated %lld registrations, %lld records in %.2f s\n",
               static_cast<long long>(load.size()), static_cast<long long>(record_id), gen_sw.Seconds());

  std::vector<double> times;
  ObligationTotals totals;
  ClassificationCounts counts;
  for (int run = 0; run < runs; ++run) {
    Stopwatch sw;
    counts = Classify(load, as_of);
    totals = Must(SummarizeObligations(load, ctx->engine(), as_of, threads), "summarize");
    times.push_back(sw.Seconds());
    std::fprintf(stderr, "run %d: %.3f s\n", run + 1, times.back());
  }
  std::fprintf(stderr,
               "open on %s: %lld (short %lld, mid-short %lld, mid-long %lld, long %lld); "
               "obligations %lld: met %lld, met late %lld, due %lld, overdue %lld, lapsed %lld\n",
               as_of.ToString().c_str(), static_cast<long long>(counts.Total()),
               static_cast<long long>(counts.cells[0][0] + counts.cells[0][1] + counts.cells[0][2]),
               static_cast<long long>(counts.cells[1][0] + counts.cells[1][1] + counts.cells[1][2]),
               static_cast<long long>(counts.cells[2][0] + counts.cells[2][1] + counts.cells[2][2]),
               static_cast<long long>(counts.cells[3][0] + counts.cells[3][1] + counts.cells[3][2]),
               static_cast<long long>(totals.obligations), static_cast<long long>(totals.by_status[0]),
               static_cast<long long>(totals.by_status[1]), static_cast<long long>(totals.by_status[2]),
               static_cast<long long>(totals.by_status[3]), static_cast<long long>(totals.by_status[4]));
  Report("services_classify_obligations", Median(times), static_cast<int64_t>(load.size()), runs,
         "threads=" + std::to_string(threads));
  return 0;
}
