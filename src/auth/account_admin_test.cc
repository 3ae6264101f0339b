#include "auth/account_admin.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "auth/auth_schema.h"

namespace qjy::auth {
namespace {

constexpr char kPassword[] = "Officer-Pass-2024";

class AccountAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("qjy_admin_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto db = store::OpenDb(path_.string());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    ASSERT_TRUE(MigrateAuth(*db_).has_value());
    admin_ = Make("admin1", Role::kSysadmin, "");
    secadmin_ = Make("secadmin1", Role::kSecadmin, "");
    officer_ = Make("officer1", Role::kOfficer, "520102");
  }
  void TearDown() override {
    db_.reset();
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  Account Make(const std::string& name, Role role, const std::string& region) {
    NewAccount a;
    a.username = name;
    a.role = role;
    a.region_code = region;
    a.password = kPassword;
    auto made = AccountStore(*db_, HashCost::kMinimumForTests).Create(a, 1'700'000'000);
    EXPECT_TRUE(made.has_value()) << made.error().message;
    return made.value_or(Account{});
  }
  AccountAdmin Admin() { return AccountAdmin(*db_, HashCost::kMinimumForTests); }

  std::filesystem::path path_;
  std::unique_ptr<store::Db> db_;
  Account admin_, secadmin_, officer_;
};

// Each operation belongs to one administrator role; the others are refused.
TEST_F(AccountAdminTest, DutiesAreSeparated) {
  NewAccount a;
  a.username = "officer2";
  a.role = Role::kOfficer;
  a.region_code = "5201";
  for (const Account* actor : {&secadmin_, &officer_}) {
    EXPECT_EQ(Admin().Create(*actor, a, 1).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(Admin().SetDisabled(*actor, officer_.account_id, true).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(Admin().ResetPassword(*actor, officer_.account_id, "").error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(Admin().SetRegion(*actor, officer_.account_id, "5203").error().code, ErrorCode::kPermissionDenied);
  }
  for (const Account* actor : {&admin_, &officer_}) {
    EXPECT_EQ(Admin().SetGrants(*actor, officer_.account_id, {"reveal"}).error().code, ErrorCode::kPermissionDenied);
  }
  auto granted = Admin().SetGrants(secadmin_, officer_.account_id, {"reveal", "reveal"});
  ASSERT_TRUE(granted.has_value()) << granted.error().message;
  EXPECT_EQ(granted->grants, std::vector<std::string>{"reveal"});
  EXPECT_EQ(Admin().SetGrants(secadmin_, admin_.account_id, {"reveal"}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Admin().SetGrants(secadmin_, officer_.account_id, {"root"}).error().code, ErrorCode::kInvalidArgument);
  a.grants = {"reveal"};  // grants are never given at creation
  EXPECT_EQ(Admin().Create(admin_, a, 1).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(AccountAdminTest, NeverOneselfNorTheLastSystemAdministrator) {
  auto self = Admin().SetDisabled(admin_, admin_.account_id, true);
  ASSERT_FALSE(self.has_value());
  EXPECT_EQ(self.error().code, ErrorCode::kConflict);
  EXPECT_NE(self.error().message.find("自己"), std::string::npos);
  // An actor outside the table (the command line's operator acting as a
  // system administrator) meets the last-administrator rule.
  Account operator_;
  operator_.role = Role::kSysadmin;
  operator_.account_id = 999;
  auto last = Admin().SetDisabled(operator_, admin_.account_id, true);
  ASSERT_FALSE(last.has_value());
  EXPECT_EQ(last.error().code, ErrorCode::kConflict);
  EXPECT_NE(last.error().message.find("最后一个系统管理员"), std::string::npos);
  // With a second one, either may disable the other.
  Account admin2 = Make("admin2", Role::kSysadmin, "");
  auto off = Admin().SetDisabled(admin_, admin2.account_id, true);
  ASSERT_TRUE(off.has_value()) << off.error().message;
  EXPECT_TRUE(off->disabled);
  EXPECT_EQ(Admin().SetDisabled(operator_, admin_.account_id, true).error().code, ErrorCode::kConflict);
}

TEST_F(AccountAdminTest, GeneratedPasswordsAreReturnedOnceAndWork) {
  NewAccount a;
  a.username = "officer3";
  a.role = Role::kOfficer;
  a.region_code = "520102";
  auto made = Admin().Create(admin_, a, 1);
  ASSERT_TRUE(made.has_value()) << made.error().message;
  ASSERT_FALSE(made->generated_password.empty());
  EXPECT_TRUE(VerifyPassword(made->account.password_hash, made->generated_password));
  // A typed password meets the policy; a generated reset replaces it.
  EXPECT_EQ(Admin().ResetPassword(admin_, made->account.account_id, "password123").error().code,
            ErrorCode::kInvalidArgument);
  auto typed = Admin().ResetPassword(admin_, made->account.account_id, "Xk7#mPq2-vTz");
  ASSERT_TRUE(typed.has_value()) << typed.error().message;
  EXPECT_TRUE(typed->empty());
  auto reset = Admin().ResetPassword(admin_, made->account.account_id, "");
  ASSERT_TRUE(reset.has_value());
  auto stored = AccountStore(*db_).FindById(made->account.account_id);
  ASSERT_TRUE(stored && stored->has_value());
  EXPECT_TRUE(VerifyPassword((*stored)->password_hash, *reset));
  EXPECT_FALSE(VerifyPassword((*stored)->password_hash, "Xk7#mPq2-vTz"));
}

TEST_F(AccountAdminTest, RegionOnlyForOfficersAndEndsSessions) {
  ASSERT_TRUE(db_->Exec("INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, last_seen, client) "
                        "VALUES ('h', " + std::to_string(officer_.account_id) + ", 'c', 1, 1, 'x')")
                  .has_value());
  auto moved = Admin().SetRegion(admin_, officer_.account_id, "5203");
  ASSERT_TRUE(moved.has_value()) << moved.error().message;
  EXPECT_EQ(moved->region_code, "5203");
  auto left = db_->Query("SELECT COUNT(*) FROM sessions");
  ASSERT_TRUE(left.has_value());
  EXPECT_EQ(left->front().Int(0), 0);
  EXPECT_EQ(Admin().SetRegion(admin_, secadmin_.account_id, "5203").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Admin().SetRegion(admin_, officer_.account_id, "52x").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Admin().SetRegion(admin_, 4242, "5203").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace qjy::auth
