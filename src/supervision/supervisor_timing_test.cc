// Timing of the sweep's cross-checks alone (issue #17 §1: ≤ 10 s added on
// ~2 M entitlements). Disabled by default; run with
//   supervision_test --gtest_also_run_disabled_tests --gtest_filter='*Timing*'
// QJY_SUP_TIMING_N sets the number of entitlements (default 200,000).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "store/employment_schema.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"
#include "supervision/supervisor.h"

namespace qjy::supervision {
namespace {

using store::Value;

class SupervisorTimingTest : public store::testing::StoreTest {};

TEST_P(SupervisorTimingTest, DISABLED_ScreenSweepTiming) {
  ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
  ASSERT_TRUE(store::ApplyMigrations(*db_, store::EmploymentMigrations()));
  ASSERT_TRUE(Supervisor::Migrate(*db_));
  auto config = LoadSupervisionConfig(DefaultSupervisionDir());
  ASSERT_TRUE(config);
  const char* env = std::getenv("QJY_SUP_TIMING_N");
  const int64_t n = env ? std::atoll(env) : 200000;
  const char* rules[] = {"R6", "R7", "R8", "R9", "R10", "R12", "R2", "R3"};
  std::vector<std::vector<Value>> rows;
  const std::vector<std::string> cols = {"once_key", "rule", "title", "beneficiary", "person_id", "employer_code",
                                         "period", "fund", "county_code", "amount_fen", "loan", "decided_on",
                                         "explanation", "status", "created_at"};
  auto tx = store::Transaction::Begin(*db_);
  ASSERT_TRUE(tx);
  for (int64_t i = 0; i < n; ++i) {
    const std::string rule = rules[i % 8];
    const int64_t person = i / 2 + 1;
    const bool hire = rule == "R2" || rule == "R3";
    const std::string emp = hire ? "91520102MA6DK" + std::to_string(10000 + i % 5000) : "";
    const std::string county = "5201" + std::to_string(10 + (i % 80));
    rows.push_back({rule + "|" + std::to_string(i), rule, std::string("t"),
                    hire ? "E:" + emp : "P:" + std::to_string(person), person, emp,
                    std::string(hire ? "once" : "2024"), std::string("employment_subsidy"), county, int64_t{50000},
                    int64_t{0}, std::string("2024-06-01"), std::string("{}"), std::string("proposed"),
                    std::string("x")});
    if (rows.size() == 5000) {
      ASSERT_TRUE(db_->CopyIn("policy_entitlements", cols, rows));
      rows.clear();
    }
  }
  if (!rows.empty()) ASSERT_TRUE(db_->CopyIn("policy_entitlements", cols, rows));
  ASSERT_TRUE(tx->Commit());
  auth::ManualClock clock(1718409600);
  Supervisor sup(*db_, *config, nullptr, clock);
  std::vector<double> secs;
  for (int run = 0; run < 3; ++run) {
    auto r = sup.ScreenSweep("52", "bench");
    ASSERT_TRUE(r) << r.error().message;
    secs.push_back(r->seconds);
    std::printf("run %d: screened %lld, hits %lld, new holds %lld, %.2f s\n", run, static_cast<long long>(r->screened),
                static_cast<long long>(r->hits), static_cast<long long>(r->new_holds), r->seconds);
  }
  std::sort(secs.begin(), secs.end());
  std::printf("entitlements %lld: cross-checks median of 3 %.2f s; x%.0f for 2,000,000: %.1f s\n",
              static_cast<long long>(n), secs[1], 2e6 / n, secs[1] * 2e6 / n);
}

QJY_INSTANTIATE_STORE_TEST(SupervisorTimingTest);

}  // namespace
}  // namespace qjy::supervision
