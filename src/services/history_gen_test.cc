#include "services/history_gen.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/id_number.h"
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using ::qjy::test_support::D;

class HistoryGenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("qjy-hist-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    std::array<uint8_t, 32> key{};
    vault_ = std::make_unique<Vault>(Vault::FromKey(key));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A database with `n` working-age persons in Nanming.
  std::unique_ptr<store::Db> Province(const std::string& name, int n) {
    auto db = store::OpenDb((dir_ / name).string());
    EXPECT_TRUE(db);
    store::RegistryStore reg(**db, *vault_);
    EXPECT_TRUE(reg.Migrate());
    std::vector<registry::Person> ps;
    for (int i = 0; i < n; ++i) {
      registry::Person p;
      char body[18];
      std::snprintf(body, sizeof body, "520102%04d0101%03d", 1970 + i % 30, i % 1000);
      std::string first17(body, 17);
      p.id_number = first17 + ResidentIdCheckChar(first17).value();
      p.person_id = i + 1;
      p.county_code = "520102";
      p.name = "测试" + std::to_string(i);
      p.birth_date = *Date::FromYmd(1970 + i % 30, 1, 1);
      p.sex = i % 2 ? registry::Sex::kMale : registry::Sex::kFemale;
      p.ethnicity = "汉族";
      p.hukou_region = "520102";
      p.residence_region = "520102";
      ps.push_back(p);
    }
    auto tx = store::Transaction::Begin(**db);
    EXPECT_TRUE(tx);
    auto ok = reg.BulkInsertPersons(ps);
    EXPECT_TRUE(ok) << ok.error().message;
    EXPECT_TRUE(tx->Commit());
    return std::move(*db);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Vault> vault_;
};

TEST_F(HistoryGenTest, DeterministicSeasonalAndOnlyOnce) {
  auto params = ServiceParams::LoadDefault();
  ASSERT_TRUE(params) << params.error().message;
  HistoryOptions o{7, D("2023-01-01"), D("2025-06-30"), 0.2, 50};
  std::vector<std::vector<int>> months_of_runs;
  HistoryCounts first;
  for (const char* name : {"a.db", "b.db"}) {
    auto db = Province(name, 3000);
    store::RegistryStore reg(*db, *vault_);
    auto n = GenerateHistory(*db, reg, *params, o);
    ASSERT_TRUE(n) << n.error().message;
    if (std::string(name) == "a.db") first = *n;
    EXPECT_EQ(n->registrations, first.registrations);  // same seed, same history
    EXPECT_EQ(n->reemployed, first.reemployed);
    ServicesStore store(*db);
    auto regs = store.ListRegistrations("");
    ASSERT_TRUE(regs);
    std::vector<int> months(12);
    for (const auto& r : *regs) {
      EXPECT_GE(r.found_on, o.from);
      EXPECT_LE(r.registered_on, o.to);
      if (r.closed_on) EXPECT_LE(*r.closed_on, o.to);
      ++months[r.found_on.month() - 1];
    }
    months_of_runs.push_back(months);
    // A second run on the same database is refused.
    auto again = GenerateHistory(*db, reg, *params, o);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  }
  EXPECT_EQ(months_of_runs[0], months_of_runs[1]);
  // About 0.2 × 2.5 years of 3,000 persons register; most are re-employed.
  EXPECT_GT(first.registrations, 1000);
  EXPECT_LT(first.registrations, 2000);
  EXPECT_GT(first.reemployed, first.registrations / 2);
  EXPECT_GT(first.records, first.registrations * 4);
  // Seasonal: February–March above December–January.
  const auto& m = months_of_runs[0];
  EXPECT_GT(m[1] + m[2], m[11] + m[0]);
}

}  // namespace
}  // namespace qjy::services
