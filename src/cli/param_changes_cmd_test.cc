// Tests of qjy policy params propose|approve|reject|list (issue #14): a
// parameter change is made by named accounts whose passwords are checked,
// proposed by a province officer and decided by another holding
// approve_params (never the proposer), each step audited as from the CLI.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <ctime>

#include <filesystem>
#include <fstream>
#include <string>

#include "auth/account.h"
#include "auth/auth_schema.h"
#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/date.h"

namespace qjy::cli {
namespace {

using testing::CmdRun;

CmdRun ParamChangesCmdQjy(const std::string& command_line) { return testing::RunCommand(AddPolicyCommands, command_line); }

constexpr char kPassword[] = "Qjy#Test-2024-pass";

class ParamChangesCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/qjy-param-cmd.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    db_ = dir_ + "/t.db";
    auto h = OpenRegistry(db_);
    ASSERT_TRUE(h) << h.error().message;
    ASSERT_TRUE(auth::MigrateAuth(*h->db));
    auth::AccountStore accounts(*h->db);
    struct {
      const char* name;
      const char* region;
      bool grant;
    } const users[] = {{"policya", "52", true}, {"policyb", "52", true}, {"plain", "52", false}, {"county", "520102", true}};
    for (const auto& u : users) {
      auth::NewAccount a;
      a.username = u.name;
      a.role = auth::Role::kOfficer;
      a.region_code = u.region;
      a.password = kPassword;
      if (u.grant) a.grants = {"approve_params"};
      ASSERT_TRUE(accounts.Create(a, 1'700'000'000)) << u.name;
    }
    good_ = dir_ + "/good.txt";
    bad_ = dir_ + "/bad.txt";
    std::ofstream(good_) << kPassword << "\n";
    std::ofstream(bad_) << "wrong-password\n";
    from_ = Date::InChina(std::time(nullptr)).AddDays(30).ToString();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string As(const std::string& user, bool right = true) const {
    return " --db " + db_ + " --user " + user + " --password-file " + (right ? good_ : bad_);
  }
  std::string Propose(const std::string& user, bool right = true) const {
    return "policy params propose" + As(user, right) + " --name r7.amount --value 12000 --from " + from_ +
           " --document 黔人社发〔2026〕3号 --clause 第二条 --reason 物价上涨";
  }
  int64_t Count(const std::string& sql) {
    auto h = OpenRegistry(db_);
    auto rows = h->db->Query(sql);
    return rows && !rows->empty() ? rows->front().Int(0) : -1;
  }

  std::string dir_, db_, good_, bad_, from_;
};

TEST_F(ParamChangesCmdTest, ProposedByOneApprovedByAnotherAudited) {
  // No account, a wrong password, a county officer: nothing is proposed.
  EXPECT_EQ(ParamChangesCmdQjy("policy params propose --db " + db_ + " --name r7.amount --value 1 --from " + from_ +
                " --document x --clause y --reason z").exit_code, 2);
  EXPECT_EQ(ParamChangesCmdQjy(Propose("policya", false)).exit_code, 1);
  CmdRun county = ParamChangesCmdQjy(Propose("county"));
  EXPECT_EQ(county.exit_code, 1);
  EXPECT_NE(county.err.find("省级"), std::string::npos) << county.err;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_param_changes"), 0);

  CmdRun made = ParamChangesCmdQjy(Propose("policya"));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.out.find("待审批"), std::string::npos) << made.out;
  EXPECT_NE(made.out.find("120.00 元"), std::string::npos) << made.out;
  EXPECT_NE(made.out.find("qjy policy params approve --change 1"), std::string::npos) << made.out;

  // The proposer cannot approve it; an officer without the grant neither.
  CmdRun own = ParamChangesCmdQjy("policy params approve" + As("policya") + " --change 1");
  EXPECT_EQ(own.exit_code, 1);
  EXPECT_FALSE(own.err.empty());
  EXPECT_EQ(ParamChangesCmdQjy("policy params approve" + As("plain") + " --change 1").exit_code, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_param_changes WHERE status = 'proposed'"), 1);

  CmdRun ok = ParamChangesCmdQjy("policy params approve" + As("policyb") + " --change 1");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("批准人"), std::string::npos) << ok.out;
  EXPECT_EQ(ParamChangesCmdQjy("policy params approve" + As("policyb") + " --change 1").exit_code, 1);  // decided once

  // A second proposal, rejected with a reason (required).
  ASSERT_EQ(ParamChangesCmdQjy(Propose("policyb")).exit_code, 0);
  EXPECT_EQ(ParamChangesCmdQjy("policy params reject" + As("policya") + " --change 2").exit_code, 2);
  CmdRun no = ParamChangesCmdQjy("policy params reject" + As("policya") + " --change 2 --note 依据不足");
  ASSERT_EQ(no.exit_code, 0) << no.err;
  EXPECT_NE(no.out.find("已驳回"), std::string::npos) << no.out;

  CmdRun list = ParamChangesCmdQjy("policy params list" + As("plain"));
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("共 2 项参数调整"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("已驳回"), std::string::npos) << list.out;

  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE client = 'cli' AND result = 'ok' AND "
                  "((action = 'policy.param_propose' AND actor IN ('policya', 'policyb')) OR "
                  "(action = 'policy.param_approve' AND actor = 'policyb') OR "
                  "(action = 'policy.param_reject' AND actor = 'policya'))"),
            4);
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.param_approve' AND result <> 'ok'"), 2);
  // The listing of the parameters themselves is unchanged.
  CmdRun all = ParamChangesCmdQjy("policy params");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("r7.amount"), std::string::npos);
}

}  // namespace
}  // namespace qjy::cli
