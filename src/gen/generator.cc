#include "gen/generator.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "gen/employer_directory.h"
#include "gen/employer_gen.h"
#include "gen/job_gen.h"
#include "gen/person_gen.h"
#include "gen/site_gen.h"

namespace qjy::gen {
namespace {

// Produces batches 0..count-1 on a worker thread (in order) while the
// calling thread consumes them; at most two batches wait in between. Stops
// early when `consume` fails.
template <class Batch>
Result<void> Pipelined(int64_t count, const std::function<void(int64_t, Batch&)>& produce,
                       const std::function<Result<void>(Batch&)>& consume) {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Batch> ready;
  bool stop = false;
  std::thread worker([&] {
    for (int64_t b = 0; b < count; ++b) {
      Batch batch;
      produce(b, batch);
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return stop || ready.size() < 2; });
      if (stop) return;
      ready.push_back(std::move(batch));
      cv.notify_all();
    }
  });
  Result<void> result;
  for (int64_t b = 0; b < count && result; ++b) {
    Batch batch;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return !ready.empty(); });
      batch = std::move(ready.front());
      ready.pop_front();
      cv.notify_all();
    }
    result = consume(batch);
  }
  {
    std::lock_guard lock(mu);
    stop = true;
    cv.notify_all();
  }
  worker.join();
  return result;
}

template <class F>
Result<void> ForEachSink(std::span<Sink* const> sinks, F&& f) {
  for (Sink* s : sinks)
    if (auto r = f(*s); !r) return r;
  return {};
}

}  // namespace

Result<GenCounts> Generate(const Tables& t, const IdBase& base, std::span<Sink* const> sinks,
                           const RunOptions& run) {
  GenCounts counts;
  const int64_t bs = std::max(1, run.batch_size);
  auto batches = [&](int64_t n) { return (n + bs - 1) / bs; };
  Progress* progress = run.progress;

  // Employers: into the sinks and the directory the contracts draw from.
  std::vector<int> prefecture_of_county;
  for (const auto& c : t.geo.counties()) prefecture_of_county.push_back(c.prefecture);
  EmployerDirectory directory(t.geo.counties().size(), t.geo.prefectures().size(),
                              std::move(prefecture_of_county));
  if (progress) progress->Start("用人单位", t.options.employers);
  struct EmployerBatch {
    std::vector<GeneratedEmployer> items;
    std::vector<registry::Employer> employers;
  };
  auto employers_done = Pipelined<EmployerBatch>(
      batches(t.options.employers),
      [&](int64_t b, EmployerBatch& batch) {
        const int64_t end = std::min(t.options.employers, (b + 1) * bs);
        for (int64_t i = b * bs; i < end; ++i) {
          batch.items.push_back(GenerateEmployer(t, i, base.employer + i + 1));
          batch.employers.push_back(batch.items.back().employer);
        }
      },
      [&](EmployerBatch& batch) -> Result<void> {
        for (const auto& g : batch.items) {
          directory.Add(g);
          counts.employer_years += static_cast<int64_t>(g.employer.years.size());
        }
        auto r = ForEachSink(sinks, [&](Sink& s) { return s.Employers(batch.employers); });
        counts.employers += static_cast<int64_t>(batch.employers.size());
        if (progress) progress->Advance(static_cast<int64_t>(batch.employers.size()));
        return r;
      });
  if (!employers_done) return std::unexpected(employers_done.error());
  directory.Finish();
  if (progress) progress->Done();

  // The service network.
  {
    auto sites = GenerateSites(t, base.site + 1);
    if (progress) progress->Start("服务网点", static_cast<int64_t>(sites.size()));
    for (size_t i = 0; i < sites.size(); i += static_cast<size_t>(bs)) {
      std::span<const registry::ServiceSite> part(sites.data() + i,
                                                  std::min(sites.size() - i, static_cast<size_t>(bs)));
      if (auto r = ForEachSink(sinks, [&](Sink& s) { return s.Sites(part); }); !r)
        return std::unexpected(r.error());
      if (progress) progress->Advance(static_cast<int64_t>(part.size()));
    }
    counts.sites = static_cast<int64_t>(sites.size());
    if (progress) progress->Done();
  }

  // Jobs.
  if (t.options.employers > 0 && t.options.jobs > 0) {
    if (progress) progress->Start("岗位", t.options.jobs);
    auto jobs_done = Pipelined<std::vector<registry::Job>>(
        batches(t.options.jobs),
        [&](int64_t b, std::vector<registry::Job>& batch) {
          const int64_t end = std::min(t.options.jobs, (b + 1) * bs);
          for (int64_t i = b * bs; i < end; ++i) {
            const int64_t e = EmployerForJob(t.options.seed, i, t.options.employers);
            const GeneratedEmployer g = GenerateEmployer(t, e, base.employer + e + 1);
            batch.push_back(GenerateJob(t, i, base.job + i + 1, g));
          }
        },
        [&](std::vector<registry::Job>& batch) -> Result<void> {
          auto r = ForEachSink(sinks, [&](Sink& s) { return s.Jobs(batch); });
          counts.jobs += static_cast<int64_t>(batch.size());
          if (progress) progress->Advance(static_cast<int64_t>(batch.size()));
          return r;
        });
    if (!jobs_done) return std::unexpected(jobs_done.error());
    if (progress) progress->Done();
  }

  // Persons and their contracts.
  PersonGenerator persons(t, directory);
  int64_t next_contract = base.contract + 1;
  if (progress) progress->Start("人员", t.options.persons);
  auto persons_done = Pipelined<PersonBatch>(
      batches(t.options.persons),
      [&](int64_t b, PersonBatch& batch) {
        const int64_t end = std::min(t.options.persons, (b + 1) * bs);
        for (int64_t i = b * bs; i < end; ++i) persons.Generate(i, base.person + i + 1, next_contract, batch);
      },
      [&](PersonBatch& batch) -> Result<void> {
        auto r = ForEachSink(sinks, [&](Sink& s) -> Result<void> {
          if (auto p = s.PersonsWithFacts(batch.persons, batch.facts, batch.contracts); !p) return p;
          return s.Contributions(batch.contributions);
        });
        counts.contributions += static_cast<int64_t>(batch.contributions.size());
        counts.persons += static_cast<int64_t>(batch.persons.size());
        counts.contracts += static_cast<int64_t>(batch.contracts.size());
        for (const auto& p : batch.persons) counts.groups += static_cast<int64_t>(p.groups.size());
        if (progress) progress->Advance(static_cast<int64_t>(batch.persons.size()));
        return r;
      });
  if (!persons_done) return std::unexpected(persons_done.error());
  if (progress) progress->Done();
  if (auto r = ForEachSink(sinks, [](Sink& s) { return s.Finish(); }); !r)
    return std::unexpected(r.error());
  return counts;
}

}  // namespace qjy::gen
