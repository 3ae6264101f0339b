// qjy loans: a loan opened from an approved R14 entitlement, disbursed from
// the bank's file, subsidised month by month once (a rerun pays nothing),
// reconciled by `qjy ledger check`; a bad bank file names file/row/field
// and writes nothing; extension on both sides of 2023-12-31; after
// compensation, recovery once per receipt and a partial write-off.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "loans/loan_schema.h"
#include "store/db.h"

namespace qjy::cli {
namespace {

namespace fs = std::filesystem;

testing::CmdRun Loans(const std::string& line) { return testing::RunCommand(AddLoansCommands, line); }
testing::CmdRun Ledger(const std::string& line) { return testing::RunCommand(AddPolicyCommands, line); }

class LoansCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qjy-loans-cmd-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "l.db").string();
    auto db = store::OpenDb(db_);
    ASSERT_TRUE(db);
    ASSERT_TRUE(loans::MigrateLoans(**db));
    for (int i : {1, 2}) {
      ASSERT_TRUE((*db)->Exec(
          "INSERT INTO policy_entitlements (once_key, rule, title, beneficiary, person_id, employer_code, period, fund, "
          "county_code, amount_fen, loan, decided_on, explanation, status, created_at) VALUES (?, 'R14', "
          "'个人创业担保贷款', '王五', ?, '', '2023', 'guaranteed_loan', '520102', 10000000, 1, '2023-07-01', '{}', "
          "'approved', '2023-07-01T00:00:00Z')",
          std::vector<store::Value>{std::string("R14|P:") + std::to_string(i), int64_t{i}}));
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string File(const std::string& name, const std::string& text) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p) << text;
    return p;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(LoansCmdTest, LifeFromEntitlementToReconciledSubsidy) {
  auto created = Loans("loans create --db " + db_ +
                       " --entitlement R14|P:1 --amount 100000 --term 24 --bank 贵阳银行 --fund 贵阳市担保基金 "
                       "--loan-no DK-A --date 2023-08-25");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_NE(created.out.find("免除反担保"), std::string::npos) << created.out;
  auto refused = Loans("loans create --db " + db_ +
                       " --entitlement R14|P:2 --amount 100000.01 --term 24 --bank 贵阳银行 --fund 贵阳市担保基金 "
                       "--loan-no DK-B --date 2023-08-25");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("须提供反担保措施"), std::string::npos) << refused.err;

  const std::string bad = File("bad.csv", "贷款编号,银行流水号,还款日期,还款本金\nDK-A,T1,2023-10-01,1\n");
  auto before = Loans("loans import --db " + db_ + " --kind 还款 --file " + bad);
  EXPECT_EQ(before.exit_code, 1);
  EXPECT_NE(before.err.find("文件 bad.csv 第 2 行 字段 贷款编号：该贷款尚未放款"), std::string::npos) << before.err;

  const std::string fk = File("fk.csv", "贷款编号,放款日期,放款金额（元）,年利率（%）\nDK-A,2023-09-01,100000,5.00\n");
  auto imp = Loans("loans import --db " + db_ + " --kind 放款 --file " + fk);
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_NE(imp.out.find("登记 1 行"), std::string::npos) << imp.out;

  auto run = Loans("loans subsidy-run --db " + db_ + " --through 2023-12-01");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("本次贴息 3 个月，合计 762.51元"), std::string::npos) << run.out;  // 3 × 254.17
  auto rerun = Loans("loans subsidy-run --db " + db_ + " --through 2023-12-01");
  EXPECT_NE(rerun.out.find("本次贴息 0 个月"), std::string::npos) << rerun.out;

  auto check = Ledger("ledger check --db " + db_);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("贴息 3 个月（762.51元）"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("账本一致"), std::string::npos);

  auto late = Loans("loans extend --db " + db_ + " --loan DK-A --date 2024-01-01 --months 6 --reason 洪灾");
  EXPECT_EQ(late.exit_code, 1);
  EXPECT_NE(late.err.find("正文（五）"), std::string::npos) << late.err;
  auto ok = Loans("loans extend --db " + db_ + " --loan DK-A --date 2023-12-31 --months 12 --reason 洪灾");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("到期 2026-09-01"), std::string::npos) << ok.out;

  auto list = Loans("loans list --db " + db_ + " --json");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const auto arr = nlohmann::json::parse(list.out);
  ASSERT_EQ(arr.size(), 1u);
  EXPECT_EQ(arr[0]["status"], "extended");
  EXPECT_EQ(arr[0]["balance_fen"], 10000000);
}

TEST_F(LoansCmdTest, RecoveryAndPartialWriteOffAfterCompensation) {
  ASSERT_EQ(Loans("loans create --db " + db_ +
                  " --entitlement R14|P:2 --amount 80000 --term 24 --bank 贵阳银行 --fund 贵阳市担保基金 "
                  "--loan-no DK-C --date 2023-08-25")
                .exit_code,
            0);
  const std::string fk = File("fk.csv", "贷款编号,放款日期,放款金额（元）,年利率（%）\nDK-C,2023-09-01,80000,5.00\n");
  ASSERT_EQ(Loans("loans import --db " + db_ + " --kind 放款 --file " + fk).exit_code, 0);
  const std::string od = File("od.csv", "贷款编号,逾期起始日期\nDK-C,2024-01-15\n");
  ASSERT_EQ(Loans("loans import --db " + db_ + " --kind 逾期 --file " + od).exit_code, 0);
  auto comp = Loans("loans compensate --db " + db_ + " --loan DK-C --date 2024-04-14");
  ASSERT_EQ(comp.exit_code, 0) << comp.err;
  EXPECT_NE(comp.out.find("64,000.00元"), std::string::npos) << comp.out;  // 80 %

  auto rec = Loans("loans recover --db " + db_ + " --loan DK-C --ref HK-1 --date 2024-06-01 --amount 10000");
  ASSERT_EQ(rec.exit_code, 0) << rec.err;
  EXPECT_NE(rec.out.find("担保基金尚欠 54,000.00元"), std::string::npos) << rec.out;
  auto again = Loans("loans recover --db " + db_ + " --loan DK-C --ref HK-1 --date 2024-06-01 --amount 10000");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("担保基金尚欠 54,000.00元"), std::string::npos) << again.out;  // not twice
  auto part = Loans("loans write-off --db " + db_ + " --loan DK-C --date 2025-04-14 --amount 20000");
  ASSERT_EQ(part.exit_code, 0) << part.err;
  EXPECT_NE(part.out.find("担保基金尚欠 34,000.00元"), std::string::npos) << part.out;

  auto check = Ledger("ledger check --db " + db_);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("追偿回款 1 笔（10,000.00元），核销 1 笔（20,000.00元）"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("账本一致"), std::string::npos);
}

}  // namespace
}  // namespace qjy::cli
