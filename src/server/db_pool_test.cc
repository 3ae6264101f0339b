#include "server/db_pool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "server/server_config.h"

namespace qjy::server {
namespace {

namespace fs = std::filesystem;

class DbPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qjy-db-pool-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The page cache setting of every connection of the pool, leased at once.
  static std::vector<int64_t> CacheSizes(DbPool& pool, int n) {
    std::vector<DbPool::Lease> leases;
    std::vector<int64_t> sizes;
    for (int i = 0; i < n; ++i) {
      leases.push_back(pool.Acquire());
      auto rows = leases.back()->Query("PRAGMA cache_size");
      EXPECT_TRUE(rows) << rows.error().message;
      sizes.push_back(rows ? rows->at(0).Int(0) : 0);
    }
    return sizes;
  }

  fs::path dir_;
};

TEST_F(DbPoolTest, ABudgetIsSharedByTheConnections) {
  auto pool = DbPool::Open((dir_ / "a.db").string(), 4, 32 * 1024);
  ASSERT_TRUE(pool) << pool.error().message;
  EXPECT_EQ(CacheSizes(**pool, 4), (std::vector<int64_t>{-8192, -8192, -8192, -8192}));
}

TEST_F(DbPoolTest, EachConnectionKeepsAtLeastOneMebibyte) {
  auto pool = DbPool::Open((dir_ / "b.db").string(), 3, 1024);
  ASSERT_TRUE(pool) << pool.error().message;
  EXPECT_EQ(CacheSizes(**pool, 3), (std::vector<int64_t>{-1024, -1024, -1024}));
}

TEST_F(DbPoolTest, NoBudgetKeepsTheStoreDefault) {
  auto pool = DbPool::Open((dir_ / "c.db").string(), 2);
  ASSERT_TRUE(pool) << pool.error().message;
  EXPECT_EQ(CacheSizes(**pool, 2), (std::vector<int64_t>{-65536, -65536}));
}

TEST_F(DbPoolTest, TheConfigFileSetsTheBudgetWithinItsRange) {
  ServeConfig config;
  EXPECT_EQ(config.sqlite_cache_mb, 32);
  const auto file = dir_ / "serve.yaml";
  std::ofstream(file) << "sqlite_cache_mb: 8\n";
  ASSERT_TRUE(LoadServeConfig(file.string(), config));
  EXPECT_EQ(config.sqlite_cache_mb, 8);
  std::ofstream(file) << "sqlite_cache_mb: 0\n";
  auto bad = LoadServeConfig(file.string(), config);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("sqlite_cache_mb"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace qjy::server
