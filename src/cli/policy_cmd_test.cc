// Tests of qjy policy submit / approve (issue #14): a payment is made by a
// named account whose password is checked, by an approver holding
// approve_payment, under the two-person rule, after an explicit --yes.
// The entitlements are real: a generated province swept by the rules
// engine (a batch re-checks each against today's rules, so invented ones
// would be withdrawn).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/account.h"
#include "auth/auth_schema.h"
#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "policy/ledger.h"
#include "policy_services/payment_batch.h"

namespace qjy::cli {
namespace {

using testing::CmdRun;

CmdRun PolicyCmdQjy(const std::string& command_line) { return testing::RunCommand(AddPolicyCommands, command_line); }

constexpr char kPolicyPassword[] = "Qjy#Test-2024-pass";

class PolicyCmdTest : public ::testing::Test {
 protected:
  // `qjy policy sweep --json` of 2025-06-30 on the test's database with
  // `flags` added, its output parsed (a failure of the command fails the test).
  nlohmann::json SweepJson(const std::string& flags) {
    auto run = PolicyCmdQjy("policy sweep --db " + db_ + " --date 2025-06-30 --json" + flags);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    if (run.exit_code != 0) return nullptr;
    return nlohmann::json::parse(run.out);
  }
  void SetUp() override {
    char tmpl[] = "/tmp/qjy-policy-cmd.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    db_ = dir_ + "/t.db";
    auto gen = testing::RunCommand(AddGenCommands, "gen --db " + db_ +
                                                       " --persons 2000 --employers 100 --jobs 200 --seed 7");
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    auto sweep = PolicyCmdQjy("policy sweep --db " + db_ + " --date 2025-06-30");
    ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
    auto h = OpenRegistry(db_);
    ASSERT_TRUE(h) << h.error().message;
    ASSERT_TRUE(policy_services::PaymentBatches::Migrate(*h->db));
    ASSERT_TRUE(auth::MigrateAuth(*h->db));
    auth::AccountStore accounts(*h->db);
    for (const auto& [name, grant] : {std::pair{"officer1", ""}, std::pair{"approver", "approve_payment"},
                                      std::pair{"approver2", "approve_payment"}}) {
      auth::NewAccount a;
      a.username = name;
      a.role = auth::Role::kOfficer;
      a.region_code = "52";
      a.password = kPolicyPassword;
      if (*grant) a.grants = {grant};
      ASSERT_TRUE(accounts.Create(a, 1'700'000'000)) << name;
    }
    auto subsidies = h->db->Query(
        "SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM policy_entitlements WHERE status = 'proposed' AND loan = 0");
    ASSERT_TRUE(subsidies);
    subsidy_count_ = subsidies->front().Int(0);
    subsidy_fen_ = subsidies->front().Int(1);
    ASSERT_GT(subsidy_count_, 1) << "the sweep proposes subsidies on the generated province";
    auto first = h->db->Query(
        "SELECT once_key FROM policy_entitlements WHERE status = 'proposed' AND loan = 0 ORDER BY once_key LIMIT 1");
    ASSERT_TRUE(first && !first->empty());
    first_key_ = first->front().Text(0);
    good_ = dir_ + "/good.txt";
    bad_ = dir_ + "/bad.txt";
    std::ofstream(good_) << kPolicyPassword << "\n";
    std::ofstream(bad_) << "wrong-password\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string As(const std::string& user, bool right = true) const {
    return " --db " + db_ + " --user " + user + " --password-file " + (right ? good_ : bad_);
  }
  int64_t Payments() {
    auto h = OpenRegistry(db_);
    auto rows = h->db->Query("SELECT COUNT(*) FROM policy_payments");
    return rows ? rows->front().Int(0) : -1;
  }

  std::string dir_, db_, good_, bad_, first_key_;
  int64_t subsidy_count_ = 0, subsidy_fen_ = 0;
};

// The streamed sweep (the default) in passes of several counties
// (--stream-budget) and the whole-registry sweep (--in-memory) find the
// entitlements the default sweep of SetUp proposed: the same count,
// nothing new for the review list, nothing withdrawn.
TEST_F(PolicyCmdTest, StreamedSweepInPassesFindsTheSameEntitlements) {
  const auto w = SweepJson(" --in-memory");
  ASSERT_FALSE(w.is_null());
  EXPECT_EQ(w["mode"], "in_memory");
  EXPECT_EQ(w["added_to_review"], 0);
  EXPECT_EQ(w["withdrawn"], 0);
  EXPECT_EQ(SweepJson("")["mode"], "streamed");
  const auto s = SweepJson(" --stream --stream-budget 300");
  ASSERT_FALSE(s.is_null());
  EXPECT_EQ(s["mode"], "streamed");
  EXPECT_GT(s["entitlements"].get<int64_t>(), 1);
  EXPECT_EQ(s["entitlements"], w["entitlements"]);
  EXPECT_EQ(s["added_to_review"], 0);
  EXPECT_EQ(s["withdrawn"], 0);
  EXPECT_GT(s["passes"].get<int64_t>(), 1);
  EXPECT_LT(s["passes"].get<int64_t>(), s["counties"].get<int64_t>()) << "some pass holds several counties";
  auto bad = PolicyCmdQjy("policy sweep --db " + db_ + " --date 2025-06-30 --stream --stream-budget 0");
  EXPECT_NE(bad.exit_code, 0);
  auto both = PolicyCmdQjy("policy sweep --db " + db_ + " --date 2025-06-30 --stream --in-memory");
  EXPECT_NE(both.exit_code, 0) << "the two modes exclude each other";
}

// --per-shard on an unsharded registry (SQLite here): one worker over the
// streamed sweep's passes, the same entitlements, nothing new proposed.
// (Across shard servers: tests/shards/sweep_across_shards.sh.)
TEST_F(PolicyCmdTest, PerShardSweepUnshardedIsOneWorkerOverTheStreamedPasses) {
  const auto w = SweepJson(" --in-memory");
  ASSERT_FALSE(w.is_null());
  const auto s = SweepJson(" --stream --stream-budget 300");
  ASSERT_FALSE(s.is_null());
  const auto p = SweepJson(" --per-shard --stream-budget 300");
  ASSERT_FALSE(p.is_null());
  EXPECT_EQ(p["mode"], "per_shard");
  EXPECT_GT(p["entitlements"].get<int64_t>(), 1);
  EXPECT_EQ(p["entitlements"], w["entitlements"]);
  EXPECT_EQ(p["groups"], w["groups"]);
  EXPECT_EQ(p["added_to_review"], 0);
  EXPECT_EQ(p["withdrawn"], 0);
  EXPECT_EQ(p["passes"], s["passes"]);
  ASSERT_EQ(p["shard_log"].size(), 1u);
  EXPECT_EQ(p["shard_log"][0]["shard"], "");
  EXPECT_EQ(p["shard_log"][0]["passes"], s["passes"]);
}

TEST_F(PolicyCmdTest, NamedAccountsTwoPeopleAndConfirmation) {
  // A wrong password signs nothing.
  CmdRun bad = PolicyCmdQjy("policy submit" + As("officer1", false) + " --all");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("账号或密码错误"), std::string::npos) << bad.err;
  // No --user: a parse error, never an anonymous actor.
  EXPECT_EQ(PolicyCmdQjy("policy approve --db " + db_ + " --batch 1 --yes").exit_code, 2);

  CmdRun sub = PolicyCmdQjy("policy submit" + As("officer1") + " --all");
  ASSERT_EQ(sub.exit_code, 0) << sub.err;
  // Today's rules grant what the sweep proposed: nothing withdrawn.
  EXPECT_EQ(sub.out.find("已撤回"), std::string::npos) << sub.out;
  const std::string total =
      policy::FormatYuan(subsidy_fen_) + "（" + std::to_string(subsidy_count_) + " 笔）";
  EXPECT_NE(sub.out.find("补贴合计 " + total), std::string::npos) << sub.out;

  // Without the grant: refused.
  CmdRun nogrant = PolicyCmdQjy("policy approve" + As("officer1") + " --batch 1 --yes");
  EXPECT_EQ(nogrant.exit_code, 1);
  EXPECT_NE(nogrant.err.find("没有审批支付权限"), std::string::npos) << nogrant.err;
  // Without --yes: the summary only.
  CmdRun look = PolicyCmdQjy("policy approve" + As("approver") + " --batch 1");
  ASSERT_EQ(look.exit_code, 0) << look.err;
  EXPECT_NE(look.out.find("未支付"), std::string::npos) << look.out;
  EXPECT_EQ(Payments(), 0);

  CmdRun pay = PolicyCmdQjy("policy approve" + As("approver") + " --batch 1 --yes");
  ASSERT_EQ(pay.exit_code, 0) << pay.err;
  EXPECT_NE(pay.out.find("审批人 approver：支付 " + std::to_string(subsidy_count_) + " 笔，合计 " +
                         policy::FormatYuan(subsidy_fen_)),
            std::string::npos)
      << pay.out;
  EXPECT_EQ(Payments(), subsidy_count_);
  EXPECT_EQ(PolicyCmdQjy("policy approve" + As("approver2") + " --batch 1 --yes").exit_code, 1);  // paid once
  EXPECT_EQ(Payments(), subsidy_count_);
}

TEST_F(PolicyCmdTest, AnApproverMayNotApproveTheirOwnBatch) {
  auto sub = PolicyCmdQjy("policy submit" + As("approver") + " --key '" + first_key_ + "'");
  ASSERT_EQ(sub.exit_code, 0) << sub.out << sub.err;
  CmdRun own = PolicyCmdQjy("policy approve" + As("approver") + " --batch 1 --yes");
  EXPECT_EQ(own.exit_code, 1);
  EXPECT_NE(own.err.find("两人审批"), std::string::npos) << own.err;
  EXPECT_EQ(Payments(), 0);
  // The password may come from QJY_PASSWORD instead of a file.
  setenv("QJY_PASSWORD", kPolicyPassword, 1);
  CmdRun env = PolicyCmdQjy("policy approve --db " + db_ + " --user approver2 --batch 1 --yes");
  unsetenv("QJY_PASSWORD");
  EXPECT_EQ(env.exit_code, 0) << env.err;
  EXPECT_EQ(Payments(), 1);
}

}  // namespace
}  // namespace qjy::cli
