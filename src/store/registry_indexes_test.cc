// Bulk-load index handling of RegistryStore: dropping the secondary indexes
// for a load and getting every one back, also after a load that was killed
// before it could restore them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "store/registry_schema.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::store {
namespace {

class RegistryIndexesTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::array<uint8_t, 32> key{};
    key[0] = 3;
    vault_ = std::make_unique<Vault>(Vault::FromKey(key));
    store_ = std::make_unique<RegistryStore>(*db_, *vault_);
    auto m = store_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
  }
  void TearDown() override {
    store_.reset();
    StoreTest::TearDown();
  }
  std::vector<std::string> Indexes() {
    auto rows = db_->Query(GetParam() == Dialect::kSqlite
                               ? "SELECT name FROM sqlite_master WHERE type = 'index'"
                               : "SELECT indexname FROM pg_indexes"
                                 " WHERE schemaname = current_schema()");
    EXPECT_TRUE(rows) << rows.error().message;
    std::vector<std::string> out;
    if (rows) {
      for (const auto& r : *rows) out.push_back(r.Text(0));
    }
    return out;
  }
  bool Has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  }

  std::unique_ptr<Vault> vault_;
  std::unique_ptr<RegistryStore> store_;
};

TEST_P(RegistryIndexesTest, MigrationsCreateEveryBulkIndex) {
  const auto names = Indexes();
  for (const BulkIndex& index : RegistryBulkIndexes()) EXPECT_TRUE(Has(names, index.name)) << index.name;
}

TEST_P(RegistryIndexesTest, DropKeepsNaturalKeysUnlessAsked) {
  ASSERT_TRUE(store_->DropIndexesForBulkLoad(false));
  auto names = Indexes();
  for (const BulkIndex& index : RegistryBulkIndexes()) {
    EXPECT_EQ(Has(names, index.name), index.unique) << index.name;
  }
  EXPECT_TRUE(Has(names, "employers_credit_code"));  // contracts' foreign key needs it
  ASSERT_TRUE(store_->DropIndexesForBulkLoad(true));
  names = Indexes();
  for (const BulkIndex& index : RegistryBulkIndexes()) EXPECT_FALSE(Has(names, index.name)) << index.name;
  EXPECT_TRUE(Has(names, "employers_credit_code"));
}

TEST_P(RegistryIndexesTest, MigrateRestoresIndexesOfAKilledLoad) {
  ASSERT_TRUE(store_->DropIndexesForBulkLoad(true));
  // A new process opening the database after the loader died.
  auto other = Open();
  ASSERT_TRUE(other) << other.error().message;
  RegistryStore again(**other, *vault_);
  auto m = again.Migrate();
  ASSERT_TRUE(m) << m.error().message;
  const auto names = Indexes();
  for (const BulkIndex& index : RegistryBulkIndexes()) EXPECT_TRUE(Has(names, index.name)) << index.name;

  // The restored unique index enforces its key again.
  registry::Person p;
  p.person_id = 1;
  p.county_code = "520102";
  p.id_number = "11010519491231002X";
  p.name = "张三";
  p.birth_date = *Date::FromYmd(1949, 12, 31);
  p.hukou_region = p.residence_region = "520102";
  {
    auto tx = Transaction::Begin(**other);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(again.BulkInsertPersons(std::span(&p, 1)));
    ASSERT_TRUE(tx->Commit());
  }
  p.person_id = 2;
  auto tx = Transaction::Begin(**other);
  ASSERT_TRUE(tx);
  auto clash = again.BulkInsertPersons(std::span(&p, 1));
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code, ErrorCode::kAlreadyExists);
}

// On SQLite the rebuild changes the sorter's settings for its length
// only: the connection keeps its cache and in-memory temporary store.
TEST_P(RegistryIndexesTest, RestoreKeepsTheConnectionSettings) {
  if (GetParam() != Dialect::kSqlite) GTEST_SKIP() << "SQLite settings";
  ASSERT_TRUE(db_->ExecScript("PRAGMA cache_size=-12345"));
  ASSERT_TRUE(store_->DropIndexesForBulkLoad(true));
  ASSERT_TRUE(store_->RestoreIndexes());
  const auto names = Indexes();
  for (const BulkIndex& index : RegistryBulkIndexes()) EXPECT_TRUE(Has(names, index.name)) << index.name;
  auto cache = db_->Query("PRAGMA cache_size");
  ASSERT_TRUE(cache && !cache->empty());
  EXPECT_EQ(cache->front().Int(0), -12345);
  auto temp = db_->Query("PRAGMA temp_store");
  ASSERT_TRUE(temp && !temp->empty());
  EXPECT_EQ(temp->front().Int(0), 2);  // MEMORY
}

QJY_INSTANTIATE_STORE_TEST(RegistryIndexesTest);

}  // namespace
}  // namespace qjy::store
