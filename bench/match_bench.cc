// Person–job matching at province scale (issue #6, point 8), in process:
//  1. top-10 open jobs for one seeker over a synthetic province of
//     1,000,000 seekers and 200,000 open jobs: the bucketed search
//     (MatchIndex::TopJobs) against scoring every job (baseline, same run);
//  2. keyword search over the same 200,000 job texts: JobSearch against
//     Xapian (CJK n-grams, BM25, in-memory backend) indexing the same texts,
//     with agreement of the top-10 titles for exact-title queries.
// Plain main; medians and p99 of per-query wall times; ratio = baseline / ours.
//   build/bench/match_bench [--seekers N] [--jobs M] [--queries Q]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <xapian.h>

#include "core/regions.h"
#include "match/index.h"
#include "match/search.h"
#include "match_province.h"
#include "core/refdata.h"

using namespace qjy;
using Clock = std::chrono::steady_clock;

namespace {

double Us(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

// CPU time of this thread in microseconds: on a shared, loaded machine the
// wall time of one query includes waiting for a core.
double CpuUs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

struct Stats {
  double median, p99;
};
Stats Summary(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 99 / 100)]};
}

}  // namespace

int main(int argc, char** argv) {
  size_t n_seekers = 1'000'000, n_jobs = 200'000, n_queries = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    size_t v = std::stoul(argv[i + 1]);
    if (a == "--seekers") n_seekers = v;
    else if (a == "--jobs") n_jobs = v;
    else if (a == "--queries") n_queries = v;
  }
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) {
    fmt::print(stderr, "{}\n", regions.error().message);
    return 1;
  }
  bench::MatchProvince pv;
  if (!bench::LoadMatchProvince(*regions, pv)) {
    fmt::print(stderr, "cannot read the divisions or src/gen/data/occupations.csv\n");
    return 1;
  }
  const Date today = *Date::Parse("2025-06-30");
  match::MatchIndex index(*match::OccupationTree::LoadDefault(), *match::LoadDefaultWeights(), today);
  std::mt19937_64 rng(20251127);
  std::vector<std::pair<int64_t, std::string>> texts;  // job id -> (title, body)
  std::vector<std::string> bodies;
  auto t0 = Clock::now();
  for (size_t i = 0; i < n_jobs; ++i) {
    const registry::Job j = bench::DrawJob(pv, rng, static_cast<int64_t>(i + 1), today, false);
    if (!index.UpsertJob(j)) return 1;
    texts.push_back({j.job_id, j.title});
    bodies.push_back(index.tree().Name(j.occupation_code) + " " +
                     regions->FullName(j.place_region).value_or(j.place_region) + " " + j.requirements);
  }
  const double jobs_s = std::chrono::duration<double>(Clock::now() - t0).count();
  t0 = Clock::now();
  for (size_t i = 0; i < n_seekers; ++i) {
    if (!index.UpsertSeeker(bench::DrawSeeker(pv, rng, static_cast<int64_t>(i + 1), today))) return 1;
  }
  const double seekers_s = std::chrono::duration<double>(Clock::now() - t0).count();
  fmt::print("province: {} seekers, {} open jobs (index build: jobs {:.2f} s, seekers {:.2f} s)\n", n_seekers, n_jobs,
             jobs_s, seekers_s);

  // 1. top-10 for one seeker.
  std::vector<double> ours, base, ours_cpu, base_cpu;
  size_t agree = 0;
  for (size_t q = 0; q < n_queries; ++q) {
    const auto s = static_cast<match::SeekerIndex>(rng() % n_seekers);
    auto a = Clock::now();
    double ca = CpuUs();
    auto fast = index.TopJobs(s, 10);
    double cb = CpuUs();
    auto b = Clock::now();
    ours.push_back(Us(b - a));
    ours_cpu.push_back(cb - ca);
    if (q < n_queries / 4) {  // the baseline is slow: a quarter of the queries
      auto slow = index.TopJobsBruteForce(s, 10);
      base_cpu.push_back(CpuUs() - cb);
      base.push_back(Us(Clock::now() - b));
      bool same = fast.size() == slow.size();
      for (size_t i = 0; same && i < fast.size(); ++i) same = fast[i].index == slow[i].index;
      agree += same;
    }
  }
  auto so = Summary(ours), sb = Summary(base), soc = Summary(ours_cpu), sbc = Summary(base_cpu);
  fmt::print("top-10 for a seeker: bucketed median {:.1f} us, p99 {:.1f} us (CPU p50 {:.1f}, p99 {:.1f}) | every job "
             "scored (baseline) median {:.1f} us, p99 {:.1f} us (CPU p50 {:.1f}, p99 {:.1f}) | ratio {:.1f}x (median) | "
             "identical results {}/{}\n",
             so.median, so.p99, soc.median, soc.p99, sb.median, sb.p99, sbc.median, sbc.p99, sb.median / so.median,
             agree, base.size());
  std::vector<double> jq, jc;
  for (size_t q = 0; q < 200; ++q) {
    auto j = static_cast<match::JobIndex>(rng() % n_jobs);
    auto a = Clock::now();
    double ca = CpuUs();
    auto top = index.TopSeekers(j, 10);
    jc.push_back(CpuUs() - ca);
    jq.push_back(Us(Clock::now() - a));
  }
  auto sj = Summary(jq), sjc = Summary(jc);
  fmt::print("top-10 seekers for a job: median {:.1f} us, p99 {:.1f} us (CPU p50 {:.1f}, p99 {:.1f})\n", sj.median,
             sj.p99, sjc.median, sjc.p99);

  // 2. keyword search vs Xapian.
  match::JobSearch search;
  t0 = Clock::now();
  for (size_t i = 0; i < texts.size(); ++i) search.Upsert(texts[i].first, texts[i].second, bodies[i]);
  const double our_index_s = std::chrono::duration<double>(Clock::now() - t0).count();
  Xapian::WritableDatabase xdb(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator gen;
  gen.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  t0 = Clock::now();
  for (size_t i = 0; i < texts.size(); ++i) {
    Xapian::Document doc;
    gen.set_document(doc);
    gen.index_text(texts[i].second + " " + bodies[i]);
    xdb.replace_document(static_cast<Xapian::docid>(texts[i].first), doc);
  }
  xdb.commit();
  const double x_index_s = std::chrono::duration<double>(Clock::now() - t0).count();
  Xapian::QueryParser qp;
  qp.set_database(xdb);
  qp.set_default_op(Xapian::Query::OP_AND);
  std::vector<std::string> queries;
  std::set<std::string> seen_titles;
  for (const auto& o : pv.occs) if (seen_titles.insert(o.title).second) queries.push_back(o.title);
  const size_t exact = queries.size();
  for (const char* q : {"遵义 焊工", "电商 直播", "贵阳 收银员", "毕节 保洁员", "深圳 普工", "六盘水 采煤工",
                        "黔东南 茶叶", "安顺 厨师", "铜仁 快递员", "养老护理员 贵阳"})
    queries.push_back(q);
  std::vector<double> ot, xt;
  size_t same_top = 0;
  for (int rep = 0; rep < 5; ++rep) {
    for (size_t qi = 0; qi < queries.size(); ++qi) {
      const auto& q = queries[qi];
      auto a = Clock::now();
      auto mine = search.Search(q, 10);
      auto b = Clock::now();
      Xapian::Enquire enq(xdb);
      enq.set_query(qp.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM));
      Xapian::MSet ms = enq.get_mset(0, 10);
      auto c = Clock::now();
      ot.push_back(Us(b - a));
      xt.push_back(Us(c - b));
      if (rep == 0 && qi < exact && mine) {
        std::multiset<std::string> m1, m2;
        for (const auto& h : *mine) m1.insert(texts[static_cast<size_t>(h.job_id - 1)].second);
        for (auto it = ms.begin(); it != ms.end(); ++it) m2.insert(texts[*it - 1].second);
        same_top += m1 == m2;
      }
    }
  }
  auto os = Summary(ot), xs = Summary(xt);
  fmt::print("keyword search, {} queries x5: ours median {:.1f} us, p99 {:.1f} us | Xapian median {:.1f} us, p99 "
             "{:.1f} us | ratio {:.2f}x (median) | exact-title top-10 titles equal {}/{} | index build ours {:.2f} s, "
             "Xapian {:.2f} s\n",
             queries.size(), os.median, os.p99, xs.median, xs.p99, xs.median / os.median, same_top, exact,
             our_index_s, x_index_s);
  return 0;
}
