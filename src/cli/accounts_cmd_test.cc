// qjy accounts reset-password / disable: the administrator's way out for an
// account still on the published demo password (refused on a real
// database), a forgotten password or a departed officer. The new password
// is checked like any other, the old one stops working, sessions end, and
// each change is audited.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "auth/clock.h"
#include "auth/demo_marker.h"
#include "auth/session_manager.h"
#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"

namespace qjy::cli {
namespace {

testing::CmdRun Cmd(const std::string& line) { return testing::RunCommand(AddServeCommands, line); }

class AccountsCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/qjy-accounts-cmd.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    db_ = dir_ + "/t.db";
    Write("old.txt", "Qianjiuye-Officer-2024!");
    auto r = Cmd("accounts create --db " + db_ + " --username zhang_san --role officer --region 520102"
                 " --password-file " + dir_ + "/old.txt");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ + "/" + name) << text << "\n"; }
  auth::LoginStatus Login(const std::string& password) {
    auto h = OpenRegistry(db_);
    EXPECT_TRUE(h);
    auth::SessionManager sm(clock_);
    auto r = sm.Login(*h->db, "zhang_san", password, "test");
    EXPECT_TRUE(r) << r.error().message;
    return r ? r->status : auth::LoginStatus::kBadCredentials;
  }
  int64_t AuditRows(const std::string& action) {
    auto h = OpenRegistry(db_);
    const store::Value p[] = {action};
    auto rows = h->db->Query("SELECT COUNT(*) FROM audit_log WHERE action = ?", p);
    EXPECT_TRUE(rows);
    return rows ? (*rows)[0].Int(0) : -1;
  }
  std::string dir_, db_;
  auth::ManualClock clock_{1'780'000'000};
};

TEST_F(AccountsCmdTest, ResetPasswordChecksItEndsSessionsAndAudits) {
  // A session opened with the old password.
  std::string token;
  {
    auto h = OpenRegistry(db_);
    auth::SessionManager sm(clock_);
    auto r = sm.Login(*h->db, "zhang_san", "Qianjiuye-Officer-2024!", "test");
    ASSERT_TRUE(r && r->status == auth::LoginStatus::kOk);
    token = r->token;
  }
  // A weak password is refused, in Chinese; nothing changes.
  Write("weak.txt", "Password1234");
  auto weak = Cmd("accounts reset-password --db " + db_ + " --username zhang_san --password-file " + dir_ + "/weak.txt");
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_NE(weak.err.find("错误："), std::string::npos) << weak.err;
  EXPECT_EQ(Login("Qianjiuye-Officer-2024!"), auth::LoginStatus::kOk);
  // Unknown account.
  auto unknown = Cmd("accounts reset-password --db " + db_ + " --username li_si --password-file " + dir_ + "/old.txt");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("没有该账号"), std::string::npos) << unknown.err;

  Write("new.txt", "Guizhou-Reset-Strong-7391");
  auto ok = Cmd("accounts reset-password --db " + db_ + " --username zhang_san --password-file " + dir_ + "/new.txt");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("已重置账号 zhang_san"), std::string::npos) << ok.out;
  EXPECT_EQ(Login("Qianjiuye-Officer-2024!"), auth::LoginStatus::kBadCredentials);
  EXPECT_EQ(Login("Guizhou-Reset-Strong-7391"), auth::LoginStatus::kOk);
  EXPECT_EQ(AuditRows("account.password_reset"), 1);
  // The old session is gone (a fresh server finds no row for it).
  auto h = OpenRegistry(db_);
  auth::SessionManager fresh(clock_);
  auto s = fresh.Authenticate(*h->db, token);
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, nullptr);
}

TEST_F(AccountsCmdTest, DisableRefusesLoginAndEnableRestoresIt) {
  auto off = Cmd("accounts disable --db " + db_ + " --username zhang_san");
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_NE(off.out.find("已停用账号 zhang_san"), std::string::npos);
  // The right password learns that the account is disabled; a wrong one
  // learns nothing more than for any account.
  EXPECT_EQ(Login("Qianjiuye-Officer-2024!"), auth::LoginStatus::kDisabled);
  EXPECT_EQ(Login("Wrong-Password-2024!"), auth::LoginStatus::kBadCredentials);
  auto on = Cmd("accounts disable --db " + db_ + " --username zhang_san --enable");
  ASSERT_EQ(on.exit_code, 0) << on.err;
  EXPECT_EQ(Login("Qianjiuye-Officer-2024!"), auth::LoginStatus::kOk);
  EXPECT_EQ(AuditRows("account.disable"), 1);
  EXPECT_EQ(AuditRows("account.enable"), 1);
}

// A session a running server cached ends at its next persist once its row
// is gone (the reset above deletes the rows).
TEST_F(AccountsCmdTest, CachedSessionEndsWhenItsRowIsGone) {
  auto h = OpenRegistry(db_);
  auth::SessionManager sm(clock_);
  auto r = sm.Login(*h->db, "zhang_san", "Qianjiuye-Officer-2024!", "test");
  ASSERT_TRUE(r && r->status == auth::LoginStatus::kOk);
  auto live = sm.Authenticate(*h->db, r->token);
  ASSERT_TRUE(live && *live);
  Write("new.txt", "Guizhou-Reset-Strong-7391");
  ASSERT_EQ(Cmd("accounts reset-password --db " + db_ + " --username zhang_san --password-file " + dir_ +
                "/new.txt").exit_code, 0);
  clock_.Advance(61);
  auto after = sm.Authenticate(*h->db, r->token);
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, nullptr);
}

// `qjy gen` marks what it generates as the demo, where the published demo
// logins may then be made: a database that already has an account of its
// own (zhang_san) is refused, and stays unmarked.
TEST_F(AccountsCmdTest, GenRefusesADatabaseWithAccounts) {
  testing::CmdRun r = testing::RunCommand(AddGenCommands,
                                          "gen --db " + db_ + " --persons 20 --employers 2 --jobs 2 --seed 1 --quiet");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("已有 1 个登录账号"), std::string::npos) << r.err;
  auto h = OpenRegistry(db_);
  ASSERT_TRUE(h);
  auto demo = auth::IsDemoDatabase(*h->db);
  ASSERT_TRUE(demo);
  EXPECT_FALSE(*demo);
  auto counts = h->registry->Counts();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->persons, 0);
  r = Cmd("demo-accounts --db " + db_);
  EXPECT_NE(r.exit_code, 0);
}

// `qjy serve --today` moves the server's date: only on the demo. A real
// database is refused before anything listens.
TEST_F(AccountsCmdTest, ServeTodayIsRefusedOnARealDatabase) {
  auto r = Cmd("serve --db " + db_ + " --port 1 --today 2026-12-20");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--today 只能用于演示库"), std::string::npos) << r.err;
  r = Cmd("serve --db " + db_ + " --port 1 --today 2026-13-40");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("日期格式"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace qjy::cli
