// OpenRegistry and the key file (store/vault_check.h): a database that holds
// sealed identity fields is never given a new key, and a key file that is
// not the database's stops the command before anything is written.
#include "cli/registry_handle.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace qjy::cli {
namespace {

namespace fs = std::filesystem;

class RegistryHandleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/qjy-registry-handle.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    db_ = dir_ + "/live.db";
    key_ = db_ + ".key";
  }
  void TearDown() override { fs::remove_all(dir_); }

  void AddPerson() {
    auto h = OpenRegistry(db_);
    ASSERT_TRUE(h) << h.error().message;
    registry::Person p;
    p.county_code = "520102";
    p.id_number = "520102198501010019";
    p.name = "张伟";
    p.sex = registry::Sex::kMale;
    p.birth_date = *Date::Parse("1985-01-01");
    p.ethnicity = "汉族";
    p.hukou_region = "520102016001";
    p.residence_region = "520102016002";
    p.education = registry::Education::kPrimary;
    ASSERT_TRUE(h->registry->UpsertPerson(p, "tester"));
  }

  std::string dir_, db_, key_;
};

TEST_F(RegistryHandleTest, ANewDatabaseGetsAKeyAndKeepsUsingIt) {
  auto h = OpenRegistry(db_);
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_TRUE(fs::exists(key_));
  h = OpenRegistry(db_);
  ASSERT_TRUE(h) << h.error().message;
}

TEST_F(RegistryHandleTest, AMissingKeyIsNotReplacedByANewOne) {
  AddPerson();
  fs::rename(key_, dir_ + "/kept.key");
  auto h = OpenRegistry(db_);
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().code, ErrorCode::kNotFound);
  EXPECT_NE(h.error().message.find("不存在，而数据库中已有加密的身份证号"), std::string::npos)
      << h.error().message;
  EXPECT_NE(h.error().message.find(key_), std::string::npos) << h.error().message;
  EXPECT_FALSE(fs::exists(key_)) << "a new key file was created";
  // The original key put back: the database opens again.
  fs::rename(dir_ + "/kept.key", key_);
  auto again = OpenRegistry(db_);
  ASSERT_TRUE(again) << again.error().message;
  auto p = again->registry->FindPersonByIdNumber("520102198501010019");
  ASSERT_TRUE(p && *p);
  EXPECT_EQ((*p)->name, "张伟");
}

TEST_F(RegistryHandleTest, AnotherDatabasesKeyIsRefused) {
  AddPerson();
  // A key made for another database, named as this one's.
  const std::string other = dir_ + "/other.db";
  ASSERT_TRUE(OpenRegistry(other));
  fs::rename(key_, dir_ + "/kept.key");
  fs::copy_file(other + ".key", key_);
  auto h = OpenRegistry(db_);
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(h.error().message.find("与数据库不符"), std::string::npos) << h.error().message;
  // Also through an explicit --key-file.
  h = OpenRegistry(db_, other + ".key");
  ASSERT_FALSE(h);
  EXPECT_NE(h.error().message.find(other + ".key"), std::string::npos) << h.error().message;
  ASSERT_TRUE(OpenRegistry(db_, dir_ + "/kept.key"));
}

}  // namespace
}  // namespace qjy::cli
