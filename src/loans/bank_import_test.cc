#include "loans/bank_import.h"

#include <gtest/gtest.h>

#include <fstream>

#include "importer/xlsx_writer.h"
#include "loans/loan_check.h"
#include "loans/loan_test_support.h"

namespace qjy::loans {
namespace {

using store::Dialect;
using testing::D;

class BankImportTest : public testing::LoanTest {
 protected:
  void SetUp() override {
    LoanTest::SetUp();
    if (IsSkipped()) return;
    a_ = *loans_->Create(Input(Entitlement("R14", 1), 10000000), "officer");
    b_ = *loans_->Create(Input(Entitlement("R14", 2, "520302"), 5000000), "officer");
    files_ = std::filesystem::path(dir_.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(dir_)) /
             ("bank-" + schema_);
    std::filesystem::create_directories(files_);
  }
  void TearDown() override {
    std::filesystem::remove_all(files_);
    LoanTest::TearDown();
  }

  std::string Csv(const std::string& name, const std::string& text) {
    const std::string path = (files_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  Result<BankImportResult> Import(BankFileKind kind, const std::string& path, const std::string& scope = "52") {
    return ImportBankFile(*loans_, kind, path, scope, "bank-file");
  }

  void DisburseBoth() {
    auto r = Import(BankFileKind::kDisbursement,
                    Csv("fk.csv", "贷款编号,放款日期,放款金额（元）,年利率（%）\n" + a_.loan_no +
                                      ",2023-09-01,100000,5.00\n" + b_.loan_no + ",2023-09-05,50000.00,4.5\n"));
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->applied, 2);
  }

  Loan A() { return **loans_->Find(a_.loan_no); }
  Loan B() { return **loans_->Find(b_.loan_no); }

  Loan a_, b_;
  std::filesystem::path files_;
};

TEST_P(BankImportTest, DisbursementFileWithTitleRowAndReimportChangesNothing) {
  const std::string path =
      Csv("放款.csv", "贵阳农商行创业担保贷款放款明细（2023年9月）\n贷款编号,放款日期,放款金额(元),年利率(%),备注\n" +
                          a_.loan_no + ",2023-09-01,\"100,000.00\",5.00,\n" + b_.loan_no + ",2023/09/05,50000,4.50,\n"
                          "制表人：李四\n");
  auto r = Import(BankFileKind::kDisbursement, path);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->rows, 2);
  EXPECT_EQ(r->applied, 2);
  EXPECT_EQ(A().status, "disbursed");
  EXPECT_EQ(A().rate_bp, 500);
  EXPECT_EQ(A().maturity_on, D("2025-08-01").AddMonths(1));
  EXPECT_EQ(B().disbursed_fen, 5000000);
  EXPECT_EQ(B().disbursed_on, D("2023-09-05"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan_schedule"), 48);
  auto sched = loans_->Schedule(A());
  ASSERT_TRUE(sched);
  int64_t sum = 0;
  for (const auto& [due, fen] : *sched) sum += fen;
  EXPECT_EQ(sum, 10000000);

  auto again = Import(BankFileKind::kDisbursement, path);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->applied, 0);
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan_schedule"), 48);
}

TEST_P(BankImportTest, DisbursementAboveApprovalOrRateCapIsARowError) {
  // LPR 3.45 % + 3.00 % on 2023-09-01: 6.45 % allowed, 6.46 % not.
  auto r = Import(BankFileKind::kDisbursement,
                  Csv("bad.csv", "贷款编号,放款日期,放款金额,年利率\n" + a_.loan_no + ",2023-09-01,100000.01,5\n" +
                                     b_.loan_no + ",2023-09-01,50000,6.46\n"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("文件 bad.csv 第 2 行 字段 放款金额：放款金额 100,000.01元 超过审批金额"),
            std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find("第 3 行 字段 年利率"), std::string::npos) << r.error().message;
  EXPECT_EQ(A().status, "approved");
  auto ok = Import(BankFileKind::kDisbursement,
                   Csv("ok.csv", "贷款编号,放款日期,放款金额,年利率\n" + b_.loan_no + ",2023-09-01,50000,6.45\n"));
  ASSERT_TRUE(ok) << ok.error().message;
}

TEST_P(BankImportTest, RepaymentFileWithBadRowsWritesNothing) {
  DisburseBoth();
  const std::string path = Csv(
      "还款.csv", "贷款编号,银行流水号,还款日期,还款本金（元）\n" + a_.loan_no + ",T001,2023-10-01,10000\n" +
                      "DK999999NOPE,T002,2023-10-01,100\n" + b_.loan_no + ",T003,2023-09-04,100\n" + a_.loan_no +
                      ",T004,2023-11-01,90000.01\n");
  auto r = Import(BankFileKind::kRepayment, path);
  ASSERT_FALSE(r);
  const std::string& m = r.error().message;
  EXPECT_NE(m.find("文件 还款.csv 第 3 行 字段 贷款编号：没有该贷款：DK999999NOPE"), std::string::npos) << m;
  EXPECT_NE(m.find("第 4 行 字段 还款日期：还款日期 2023-09-04 早于放款日期 2023-09-05"), std::string::npos) << m;
  // 100000 − 10000 (row 2) = 90000 left: 90000.01 is too much.
  EXPECT_NE(m.find("第 5 行 字段 还款本金：还款本金 90,000.01元 大于贷款余额 90,000.00元"), std::string::npos) << m;
  EXPECT_EQ(m.find("第 2 行"), std::string::npos) << m;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan_repayments"), 0);
  EXPECT_EQ(A().repaid_fen, 0);
  EXPECT_EQ(A().status, "disbursed");
}

TEST_P(BankImportTest, RepaymentsApplyOnceAndCloseTheLoan) {
  DisburseBoth();
  const std::string path =
      Csv("r1.csv", "贷款编号,银行流水号,还款日期,还款本金\n" + a_.loan_no + ",T001,2023-10-01,10000\n" + b_.loan_no +
                        ",T002,2023-10-05,20000\n" + b_.loan_no + ",T003,2023-11-05,30000\n");
  auto r = Import(BankFileKind::kRepayment, path);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->applied, 3);
  EXPECT_EQ(A().repaid_fen, 1000000);
  EXPECT_EQ(A().status, "repaying");
  EXPECT_EQ(B().balance_fen(), 0);
  EXPECT_EQ(B().status, "closed");

  auto again = Import(BankFileKind::kRepayment, path);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->applied, 0);
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(A().repaid_fen, 1000000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan_repayments"), 3);

  // The same reference with another amount is an error, not a second payment.
  auto changed = Import(BankFileKind::kRepayment,
                        Csv("r2.csv", "贷款编号,银行流水号,还款日期,还款本金\n" + a_.loan_no + ",T001,2023-10-01,10001\n"));
  ASSERT_FALSE(changed);
  EXPECT_NE(changed.error().message.find("字段 银行流水号：该流水号已登记"), std::string::npos) << changed.error().message;
  // A closed loan takes no repayment.
  auto closed = Import(BankFileKind::kRepayment,
                       Csv("r3.csv", "贷款编号,银行流水号,还款日期,还款本金\n" + b_.loan_no + ",T009,2023-12-05,1\n"));
  ASSERT_FALSE(closed);
  EXPECT_NE(closed.error().message.find("已结清"), std::string::npos) << closed.error().message;
}

TEST_P(BankImportTest, OverdueFileAndRegionScope) {
  DisburseBoth();
  auto before = Import(BankFileKind::kOverdue,
                       Csv("o1.csv", "贷款编号,逾期起始日期\n" + a_.loan_no + ",2023-08-31\n"));
  ASSERT_FALSE(before);
  EXPECT_NE(before.error().message.find("字段 逾期起始日期：逾期起始日期 2023-08-31 早于放款日期 2023-09-01"),
            std::string::npos)
      << before.error().message;
  EXPECT_EQ(A().status, "disbursed");

  const std::string path = Csv("o2.csv", "贷款编号,逾期起始日期\n" + a_.loan_no + ",2024-03-01\n");
  // A Guiyang officer (5201) cannot report the Zunyi loan (520302).
  auto scoped = Import(BankFileKind::kOverdue,
                       Csv("o3.csv", "贷款编号,逾期起始日期\n" + b_.loan_no + ",2024-03-01\n"), "5201");
  ASSERT_FALSE(scoped);
  EXPECT_NE(scoped.error().message.find("不属于本辖区"), std::string::npos);
  auto r = Import(BankFileKind::kOverdue, path, "5201");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(A().status, "overdue");
  EXPECT_EQ(A().overdue_since, D("2024-03-01"));
  auto again = Import(BankFileKind::kOverdue, path, "5201");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->unchanged, 1);
  EXPECT_EQ(B().status, "disbursed");
}

TEST_P(BankImportTest, XlsxRepaymentFile) {
  DisburseBoth();
  const std::string path = (files_ / "还款.xlsx").string();
  auto w = importer::XlsxWriter::Create(path);
  ASSERT_TRUE(w);
  const int s = (*w)->AddSheet("还款");
  (*w)->WriteHeader(s, std::vector<std::string>{"贷款编号", "银行流水号", "还款日期", "还款本金（元）"});
  (*w)->WriteString(s, 1, 0, a_.loan_no);
  (*w)->WriteString(s, 1, 1, "X1");
  (*w)->WriteDate(s, 1, 2, D("2023-10-01"));
  (*w)->WriteNumber(s, 1, 3, 2500.5);
  ASSERT_TRUE((*w)->Close());
  auto r = Import(BankFileKind::kRepayment, path);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->applied, 1);
  EXPECT_EQ(A().repaid_fen, 250050);
}

TEST_P(BankImportTest, MissingColumnNamesTheHeader) {
  auto r = Import(BankFileKind::kRepayment, Csv("h.csv", "贷款编号,还款日期,还款本金\nX,2023-10-01,1\n"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("字段 银行流水号：表头缺少该列"), std::string::npos) << r.error().message;
}

QJY_INSTANTIATE_STORE_TEST(BankImportTest);

}  // namespace
}  // namespace qjy::loans
