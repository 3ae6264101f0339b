// Test support (header-only, used by gen/*_test.cc): the real profile and
// divisions loaded once, and a sink that keeps everything in memory.
#ifndef QJY_GEN_TEST_WORLD_H_
#define QJY_GEN_TEST_WORLD_H_

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "core/refdata.h"
#include "core/regions.h"
#include "gen/generator.h"
#include "gen/geography.h"
#include "gen/profile.h"
#include "gen/sink.h"
#include "gen/tables.h"

namespace qjy::gen::testing {

struct World {
  Profile profile;
  std::unique_ptr<RegionIndex> regions;
  std::unique_ptr<Geography> geo;
};

// Loaded once per test binary; fails the test when the data is missing.
inline const World& TheWorld() {
  static const World* world = [] {
    auto* w = new World;
    auto profile = LoadProfile(DefaultProfileDir());
    if (!profile) {
      ADD_FAILURE() << profile.error().message;
      return w;
    }
    w->profile = std::move(*profile);
    auto regions = RegionIndex::Load(RefdataDir());
    if (!regions) {
      ADD_FAILURE() << regions.error().message;
      return w;
    }
    w->regions = std::make_unique<RegionIndex>(std::move(*regions));
    auto rows = RegionRowsFrom(*w->regions, w->profile);
    if (!rows) {
      ADD_FAILURE() << rows.error().message;
      return w;
    }
    auto geo = Geography::Build(*rows, w->profile);
    if (!geo) {
      ADD_FAILURE() << geo.error().message;
      return w;
    }
    w->geo = std::make_unique<Geography>(std::move(*geo));
    return w;
  }();
  return *world;
}

inline GenOptions Options(uint64_t seed, int64_t persons, int64_t employers, int64_t jobs) {
  GenOptions o;
  o.seed = seed;
  o.persons = persons;
  o.employers = employers;
  o.jobs = jobs;
  o.as_of = *Date::FromYmd(2025, 6, 30);
  return o;
}

class MemorySink : public Sink {
 public:
  Result<void> Employers(std::span<const registry::Employer> b) override {
    employers.insert(employers.end(), b.begin(), b.end());
    return {};
  }
  Result<void> Sites(std::span<const registry::ServiceSite> b) override {
    sites.insert(sites.end(), b.begin(), b.end());
    return {};
  }
  Result<void> Jobs(std::span<const registry::Job> b) override {
    jobs.insert(jobs.end(), b.begin(), b.end());
    return {};
  }
  Result<void> Persons(std::span<const registry::Person> p,
                       std::span<const registry::Contract> c) override {
    persons.insert(persons.end(), p.begin(), p.end());
    contracts.insert(contracts.end(), c.begin(), c.end());
    return {};
  }
  std::vector<registry::Employer> employers;
  std::vector<registry::ServiceSite> sites;
  std::vector<registry::Job> jobs;
  std::vector<registry::Person> persons;
  std::vector<registry::Contract> contracts;
};

// Runs a generation into a MemorySink.
inline std::unique_ptr<MemorySink> GenerateInMemory(const GenOptions& o, int batch = 1000) {
  const World& w = TheWorld();
  Tables t(w.profile, *w.geo, o);
  auto sink = std::make_unique<MemorySink>();
  Sink* sinks[] = {sink.get()};
  RunOptions run;
  run.batch_size = batch;
  auto r = Generate(t, IdBase{}, sinks, run);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
  return sink;
}

}  // namespace qjy::gen::testing

#endif  // QJY_GEN_TEST_WORLD_H_
