// The loan page's queries on SQLite and PostgreSQL: candidates are the
// approved R14/R15 entitlements without a loan, in scope; subsidy totals
// per loan in scope.
#include "loans/loan_queries.h"

#include <gtest/gtest.h>

#include "loans/loan_test_support.h"
#include "loans/subsidy.h"

namespace qjy::loans {
namespace {

using testing::D;

class LoanQueriesTest : public testing::LoanTest {};

TEST_P(LoanQueriesTest, CandidatesAreApprovedEntitlementsWithoutALoanInScope) {
  const std::string with_loan = Entitlement("R14", 1, "520102");
  const std::string free_person = Entitlement("R14", 2, "520102");
  const std::string free_firm = Entitlement("R15", 3, "520103");
  Entitlement("R14", 4, "520102", "proposed");  // not approved
  Entitlement("R14", 5, "520302");              // another prefecture
  ASSERT_TRUE(loans_->Create(Input(with_loan, 5000000), "officer"));

  auto all = LoanCandidates(*db_, "5201", 200);
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].entitlement_key, free_person);  // 520102 before 520103
  EXPECT_EQ((*all)[0].rule, "R14");
  EXPECT_EQ((*all)[0].amount_fen, 10000000);
  EXPECT_EQ((*all)[1].entitlement_key, free_firm);
  EXPECT_EQ((*all)[1].county_code, "520103");

  auto one = LoanCandidates(*db_, "5201", 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1u);
  auto province = LoanCandidates(*db_, "52", 200);
  ASSERT_TRUE(province);
  EXPECT_EQ(province->size(), 3u);
}

TEST_P(LoanQueriesTest, SubsidiesPerLoanInScope) {
  Loan here = Disbursed(Entitlement("R14", 1, "520102"), 10000000, "2023-09-01", 500);
  Loan there = Disbursed(Entitlement("R14", 2, "520302"), 10000000, "2023-10-01", 500);
  Disbursed(Entitlement("R14", 3, "520102"), 10000000, "2023-11-20", 500);  // no month ended yet
  ASSERT_TRUE(RunSubsidies(*loans_, D("2023-12-01"), "52", "officer"));

  auto gy = SubsidiesByLoan(*db_, "5201");
  ASSERT_TRUE(gy) << gy.error().message;
  ASSERT_EQ(gy->size(), 1u);
  ASSERT_TRUE(gy->contains(here.loan_id));
  EXPECT_EQ(gy->at(here.loan_id).months, 3);
  EXPECT_EQ(gy->at(here.loan_id).fen, 3 * MonthlySubsidyFen(10000000, 500, here.lpr_bp, 150, 10000));

  auto province = SubsidiesByLoan(*db_, "52");
  ASSERT_TRUE(province);
  ASSERT_EQ(province->size(), 2u);
  EXPECT_EQ(province->at(there.loan_id).months, 2);
}

QJY_INSTANTIATE_STORE_TEST(LoanQueriesTest);

}  // namespace
}  // namespace qjy::loans
