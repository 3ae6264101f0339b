// The published demo logins exist only in a database created as the demo.
#include "server/demo_accounts.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "auth/auth_schema.h"
#include "auth/demo_marker.h"
#include "core/refdata.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

class DemoAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("qjy_demo_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto db = store::OpenDb(path_.string());
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    std::array<uint8_t, 32> key{};
    vault_ = std::make_unique<Vault>(Vault::FromKey(key));
    ASSERT_TRUE(store::RegistryStore(*db_, *vault_).Migrate());
    ASSERT_TRUE(auth::MigrateAuth(*db_));
    auto r = RegionIndex::Load(RefdataDir());
    ASSERT_TRUE(r) << r.error().message;
    regions_ = std::make_unique<RegionIndex>(std::move(*r));
  }
  void TearDown() override {
    db_.reset();
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  int64_t AccountCount() {
    auto rows = db_->Query("SELECT COUNT(*) FROM accounts");
    return rows && !rows->empty() ? rows->front().Int(0) : -1;
  }

  std::filesystem::path path_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<Vault> vault_;
  std::unique_ptr<RegionIndex> regions_;
};

TEST_F(DemoAccountsTest, RealDatabaseIsRefusedAndGetsNothing) {
  auto made = CreateDemoAccounts(*db_, *vault_, *regions_, 1'700'000'000);
  ASSERT_FALSE(made.has_value());
  EXPECT_EQ(made.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(made.error().message.find("不是演示库"), std::string::npos) << made.error().message;
  EXPECT_EQ(AccountCount(), 0);
  auto demo = auth::IsDemoDatabase(*db_);
  ASSERT_TRUE(demo);
  EXPECT_FALSE(*demo);
}

TEST_F(DemoAccountsTest, MarkedDemoDatabaseGetsThem) {
  ASSERT_TRUE(auth::MarkDemoDatabase(*db_, "test", 1'700'000'000));
  ASSERT_TRUE(auth::MarkDemoDatabase(*db_, "test", 1'700'000'001));  // idempotent
  auto made = CreateDemoAccounts(*db_, *vault_, *regions_, 1'700'000'000);
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_GE(made->size(), 6u);
  EXPECT_EQ(AccountCount(), static_cast<int64_t>(made->size()));
  auto rows = db_->Query("SELECT COUNT(*) FROM demo_marker");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Int(0), 1);
}

}  // namespace
}  // namespace qjy::server
