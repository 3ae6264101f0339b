// Binding a database to its vault key (store/vault_check.h), run against
// SQLite and PostgreSQL.
#include "store/vault_check.h"

#include <gtest/gtest.h>

#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::store {
namespace {

using testing::StoreTest;

std::array<uint8_t, 32> Key(uint8_t fill) {
  std::array<uint8_t, 32> k;
  k.fill(fill);
  return k;
}

registry::Person APerson() {
  registry::Person p;
  p.county_code = "520102";
  p.id_number = "520102198501010019";
  p.name = "张伟";
  p.sex = registry::Sex::kMale;
  p.birth_date = *Date::Parse("1985-01-01");
  p.ethnicity = "汉族";
  p.phone = "13900001234";
  p.hukou_region = "520102016001";
  p.residence_region = "520102016002";
  p.education = registry::Education::kPrimary;
  return p;
}

class VaultCheckTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
  }
  void Migrate() {
    RegistryStore store(*db_, right_);
    auto m = store.Migrate();
    ASSERT_TRUE(m) << m.error().message;
  }
  void AddPerson() {
    RegistryStore store(*db_, right_);
    auto p = APerson();
    auto r = store.UpsertPerson(p, "tester");
    ASSERT_TRUE(r) << r.error().message;
  }
  int64_t KeyRows() {
    auto rows = db_->Query("SELECT COUNT(*) FROM vault_key");
    return rows ? rows->at(0).Int(0) : -1;
  }

  Vault right_ = Vault::FromKey(Key(7));
  Vault wrong_ = Vault::FromKey(Key(8));
};

TEST_P(VaultCheckTest, ANewDatabaseHoldsNothingSealedUntilItsKeyIsRecorded) {
  auto before = HoldsSealedData(*db_);  // no tables at all yet
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_FALSE(*before);
  Migrate();
  EXPECT_FALSE(*HoldsSealedData(*db_));
  ASSERT_TRUE(BindVaultKey(*db_, right_, "/k/test.key"));
  EXPECT_EQ(KeyRows(), 1);
  EXPECT_TRUE(*HoldsSealedData(*db_));
  // The same key again: accepted, still one row.
  ASSERT_TRUE(BindVaultKey(*db_, right_, "/k/test.key"));
  EXPECT_EQ(KeyRows(), 1);
}

TEST_P(VaultCheckTest, AnotherKeyIsRefusedNamingTheKeyFile) {
  Migrate();
  ASSERT_TRUE(BindVaultKey(*db_, right_, "/k/test.key"));
  auto r = BindVaultKey(*db_, wrong_, "/k/other.key");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(r.error().message.find("/k/other.key"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("与数据库不符"), std::string::npos) << r.error().message;
  // The recorded check is still the first key's.
  auto rows = db_->Query("SELECT key_check FROM vault_key");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->at(0).Bytes(0), right_.KeyCheck());
}

TEST_P(VaultCheckTest, ADatabaseSealedBeforeChecksIsCheckedByDecryptingAPerson) {
  Migrate();
  AddPerson();
  ASSERT_TRUE(db_->Exec("DELETE FROM vault_key"));  // as before migration 11 was used
  EXPECT_TRUE(*HoldsSealedData(*db_));               // the person row says so
  auto r = BindVaultKey(*db_, wrong_, "/k/other.key");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(KeyRows(), 0) << "the wrong key was recorded";
  ASSERT_TRUE(BindVaultKey(*db_, right_, "/k/test.key"));
  EXPECT_EQ(KeyRows(), 1);
  EXPECT_FALSE(BindVaultKey(*db_, wrong_, "/k/other.key"));
}

QJY_INSTANTIATE_STORE_TEST(VaultCheckTest);

}  // namespace
}  // namespace qjy::store
