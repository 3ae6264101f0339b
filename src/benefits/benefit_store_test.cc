// Claims, the monthly run, the 核查比对 and R8's fact, on SQLite and
// PostgreSQL (scripts/with-postgres.sh).
#include "benefits/benefit_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benefits/benefit_test_support.h"

namespace qjy::benefits {
namespace {

using namespace qjy::benefits::test_support;


TEST_P(BenefitStoreTest, RefusesTooFewMonthsWithTheCountAndClause) {
  Person(1, 11, mar_);
  const Claim c = Apply(1, "2025-03-05");
  EXPECT_FALSE(c.granted);
  EXPECT_EQ(c.status, "refused");
  EXPECT_EQ(c.decision_text, "累计缴费11个月，不足12个月（《失业保险条例》第十四条）");
  EXPECT_EQ(c.contribution_months, 11);
  // Stored: a run pays nothing to a refused claim.
  EXPECT_EQ(Run(mar_).paid, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments"), 0);
}

TEST_P(BenefitStoreTest, DurationStepsFromStoredMonths) {
  struct Case {
    int64_t id;
    int months, duration;
  } cases[] = {{1, 12, 12}, {2, 59, 12}, {3, 60, 18}, {4, 119, 18}, {5, 120, 24}};
  for (const auto& k : cases) {
    Person(k.id, k.months, mar_);
    const Claim c = Apply(k.id, "2025-03-05");
    EXPECT_TRUE(c.granted) << k.months;
    EXPECT_EQ(c.contribution_months, k.months);
    EXPECT_EQ(c.duration_months, k.duration) << k.months << " months";
    EXPECT_EQ(c.first_month, mar_);
    EXPECT_EQ(c.status, "active");
  }
}

TEST_P(BenefitStoreTest, OneActiveClaimPerPerson) {
  Person(1, 24, mar_);
  Apply(1, "2025-03-05");
  auto again = store_->Apply(1, D("2025-03-06"), params_, "officer");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto unknown = store_->Apply(99, D("2025-03-06"), params_, "officer");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_P(BenefitStoreTest, RefusedWhenStillEmployedInTheApplicationMonth) {
  Person(1, 24, mar_);
  Contract(1, "2024-01-01");  // open-ended, no separation recorded
  const Claim c = Apply(1, "2025-03-05");
  EXPECT_FALSE(c.granted);
  EXPECT_NE(c.decision_text.find("劳动合同"), std::string::npos) << c.decision_text;
  // Once the separation is recorded the application is granted.
  Exec("INSERT INTO separations (county_code, person_id, employer_credit_code, separated_on, reason, created_at, "
       "updated_at) VALUES ('520102', 1, ?, '2025-02-20', 'layoff', 'x', 'x')",
       {std::string(kEmployer)});
  EXPECT_TRUE(Apply(1, "2025-03-06").granted);
}

TEST_P(BenefitStoreTest, InvoluntaryEndOfEmploymentIsACondition) {
  // Resigned: refused with the date, the employer, the reason and the clause.
  Person(1, 24, mar_, "520102", false);
  Contract(1, "2023-03-01");
  Exec("INSERT INTO separations (county_code, person_id, employer_credit_code, separated_on, reason, created_at, "
       "updated_at) VALUES ('520102', 1, ?, '2025-02-20', 'resigned', 'x', 'x')",
       {std::string(kEmployer)});
  Claim c = Apply(1, "2025-03-05");
  EXPECT_FALSE(c.granted);
  EXPECT_EQ(c.status, "refused");
  // The employer by its name, not its credit code (#14).
  EXPECT_EQ(c.decision_text, std::string("2025-02-20 与单位 贵阳某公司") +
                                 " 本人辞职，不属于非因本人意愿中断就业（《失业保险条例》第十四条（二））");
  EXPECT_EQ(c.decision_text.find(kEmployer), std::string::npos) << c.decision_text;
  // Dismissed by the employer (the other side of the condition): granted.
  Person(2, 24, mar_, "520102", false);
  Contract(2, "2023-03-01");
  Exec("INSERT INTO separations (county_code, person_id, employer_credit_code, separated_on, reason, created_at, "
       "updated_at) VALUES ('520102', 2, ?, '2025-02-20', 'dismissed', 'x', 'x')",
       {std::string(kEmployer)});
  c = Apply(2, "2025-03-05");
  EXPECT_TRUE(c.granted) << c.decision_text;
  EXPECT_NE(c.decision_text.find("单位解除劳动合同，属非因本人意愿中断就业"), std::string::npos) << c.decision_text;
  // Contributions but no contract or separation on record: unknown, not refused.
  Person(3, 24, mar_, "520102", false);
  c = Apply(3, "2025-03-05");
  EXPECT_FALSE(c.granted);
  EXPECT_EQ(c.status, "undetermined");
  EXPECT_NE(c.decision_text.find("无法判断是否非因本人意愿中断就业"), std::string::npos) << c.decision_text;
  EXPECT_EQ(ClaimStatusLabel(c.status), "待核实");
  // Nothing of the undetermined claim is paid, and the person may apply again.
  EXPECT_EQ(Run(mar_).paid, 1);
  Contract(3, "2023-01-01", "2025-02-10");  // ran out: 期满终止
  c = Apply(3, "2025-03-06");
  EXPECT_TRUE(c.granted) << c.decision_text;
}

TEST_P(BenefitStoreTest, MonthlyRunPaysEachMonthOnceThroughTheLedger) {
  Person(1, 24, mar_);
  Person(2, 70, mar_, "522601");
  const Claim a = Apply(1, "2025-03-05");
  const Claim b = Apply(2, "2025-03-10");
  ASSERT_GT(a.monthly_fen, 0);
  RunReport r = Run(mar_);
  EXPECT_EQ(r.paid, 2);
  EXPECT_EQ(r.paid_fen, a.monthly_fen + b.monthly_fen);
  EXPECT_EQ(r.medical_fen, a.medical_fen + b.medical_fen);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments"), 4);  // benefit + medical each
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ledger_entries"), 8);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments WHERE once_key = 'ui_benefit|1|2025-03'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments WHERE once_key = 'ui_medical|2|2025-03'"), 1);
  // Rerunning the month pays nothing more.
  r = Run(mar_);
  EXPECT_EQ(r.paid, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments"), 4);
  // A region run only touches its counties.
  r = Run(mar_ + 1, "5201");
  EXPECT_EQ(r.paid, 1);
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].person_id, 1);
  // Before the first month nothing is due.
  EXPECT_EQ(Run(mar_ - 1).paid, 0);
  auto c = store_->Find(a.claim_id);
  ASSERT_TRUE(c && *c);
  EXPECT_EQ((*c)->months_paid, 2);
  EXPECT_EQ((*c)->last_paid_month, mar_ + 1);
  ExpectLedgerBalances();
}

TEST_P(BenefitStoreTest, EndsWhenTheDurationIsPaid) {
  Person(1, 12, mar_);
  const Claim a = Apply(1, "2025-03-05");
  ASSERT_EQ(a.duration_months, 12);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(Run(mar_ + i).paid, 1) << i;
  auto c = store_->Find(a.claim_id);
  ASSERT_TRUE(c && *c);
  EXPECT_EQ((*c)->status, "ended");
  EXPECT_EQ((*c)->stop_reason, "期满");
  EXPECT_EQ((*c)->months_paid, 12);
  EXPECT_EQ(Run(mar_ + 12).paid, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM benefit_payments"), 12);
  ExpectLedgerBalances();
}

TEST_P(BenefitStoreTest, StoppedTheMonthAContractStarts) {
  Person(1, 24, mar_);
  Person(2, 24, mar_);
  const Claim a = Apply(1, "2025-03-05");
  const Claim b = Apply(2, "2025-03-05");
  Contract(1, "2025-05-20");  // starts in May: April paid, May not
  Contract(2, "2025-06-01");  // starts in June: May paid
  EXPECT_EQ(Run(mar_).paid, 2);
  EXPECT_EQ(Run(mar_ + 1).paid, 2);
  RunReport may = Run(mar_ + 2);
  EXPECT_EQ(may.paid, 1);
  EXPECT_EQ(may.stopped, 1);
  auto c = store_->Find(a.claim_id);
  ASSERT_TRUE(c && *c);
  EXPECT_EQ((*c)->status, "stopped");
  EXPECT_EQ((*c)->stop_reason, "再就业");
  EXPECT_EQ((*c)->stopped_month, mar_ + 2);
  EXPECT_NE((*c)->flag.find("劳动合同"), std::string::npos) << (*c)->flag;
  EXPECT_NE((*c)->flag.find("2025-05-20"), std::string::npos) << (*c)->flag;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments WHERE once_key = 'ui_benefit|1|2025-05'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments WHERE once_key = 'ui_benefit|2|2025-05'"), 1);
  RunReport june = Run(mar_ + 3);
  EXPECT_EQ(june.paid, 0);
  EXPECT_EQ(june.stopped, 1);  // person 2's contract starts in June
  EXPECT_EQ(Count("SELECT COUNT(*) FROM benefit_payments WHERE claim_id = " + std::to_string(b.claim_id)), 3);
  ExpectLedgerBalances();
}

// 第十七条: re-employed in May 2025 after two months paid, insured again for
// twelve months, unemployed again in May 2026 — the new entitlement counts
// only the twelve new months (12) and merges the ten left unpaid: 22.
TEST_P(BenefitStoreTest, ASecondClaimAfterReemploymentMergesTheUnusedMonths) {
  Person(1, 24, mar_);
  Person(2, 24, mar_);
  const Claim first = Apply(1, "2025-03-05");
  const Claim other = Apply(2, "2025-03-05");
  ASSERT_EQ(first.duration_months, 12);
  Contract(1, "2025-05-20", "2026-04-30");  // re-employed; the contract then expires
  Contract(2, "2025-05-20", "2026-04-30");
  EXPECT_EQ(Run(mar_).paid, 2);
  EXPECT_EQ(Run(mar_ + 1).paid, 2);
  // Person 2 refused suitable work in May, before the contract.
  ASSERT_TRUE(store_->Stop(other.claim_id, StopReason::kRefusedWork, mar_ + 2, "officer"));
  EXPECT_EQ(Run(mar_ + 2).stopped, 1);  // person 1: 再就业
  for (int64_t id : {1, 2}) {
    for (int m = 0; m < 12; ++m) Contribution(id, mar_ + 2 + m, 3);
  }
  const Claim again = Apply(1, "2026-05-06");
  ASSERT_TRUE(again.granted) << again.decision_text;
  EXPECT_EQ(again.contribution_months, 12);  // the 24 months before the first claim are not counted again
  EXPECT_EQ(again.duration_months, 22);
  EXPECT_NE(again.decision_text.find("与前次失业应领取而尚未领取的10个月合并计算，共22个月"), std::string::npos)
      << again.decision_text;
  const Claim no_merge = Apply(2, "2026-05-06");
  ASSERT_TRUE(no_merge.granted) << no_merge.decision_text;
  EXPECT_EQ(no_merge.duration_months, 12);
  EXPECT_NE(no_merge.decision_text.find("不予合并"), std::string::npos) << no_merge.decision_text;
  // The merged duration is paid month by month like any other: the run of
  // 2026-05 pays the new claims.
  EXPECT_EQ(Run(mar_ + 14).paid, 2);
  ExpectLedgerBalances();
}

TEST_P(BenefitStoreTest, ContributionsInTheMonthStopButMedicalOnlyDoesNot) {
  Person(1, 24, mar_);
  Person(2, 24, mar_);
  Apply(1, "2025-03-05");
  Apply(2, "2025-03-05");
  Contribution(1, mar_ + 1, registry::Bit(registry::InsuranceKind::kMedical));  // 代缴: not employment
  Contribution(2, mar_ + 1, 3);                                                  // pension + UI paid
  RunReport apr = Run(mar_ + 1);
  EXPECT_EQ(apr.paid, 1);
  EXPECT_EQ(apr.stopped, 1);
  ASSERT_EQ(apr.items.size(), 2u);
  for (const auto& item : apr.items) {
    EXPECT_EQ(item.outcome, item.person_id == 1 ? "paid" : "stopped");
    if (item.person_id == 2) {
      EXPECT_NE(item.finding.find("社会保险缴费"), std::string::npos) << item.finding;
    }
  }
}

TEST_P(BenefitStoreTest, OfficerStopsForEachReason) {
  int64_t id = 1;
  for (StopReason reason : {StopReason::kRefusedWork, StopReason::kMovedAway, StopReason::kEnlisted,
                            StopReason::kDeath}) {
    Person(id, 24, mar_);
    const Claim c = Apply(id, "2025-03-05");
    auto s = store_->Stop(c.claim_id, reason, mar_ + 1, "officer", "核实");
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->status, "stopped");
    EXPECT_EQ(s->stop_reason, StopReasonLabel(reason));
    ++id;
  }
  RunReport r = Run(mar_);  // March is before every stop month: paid
  EXPECT_EQ(r.paid, 4);
  EXPECT_EQ(Run(mar_ + 1).paid, 0);
  // Stopping a month already paid is refused.
  Person(9, 24, mar_);
  const Claim c = Apply(9, "2025-03-05");
  EXPECT_EQ(Run(mar_).paid, 1);
  auto late = store_->Stop(c.claim_id, StopReason::kDeath, mar_, "officer");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_EQ(ParseStopReason("迁出"), StopReason::kMovedAway);
  EXPECT_EQ(ParseStopReason("enlisted"), StopReason::kEnlisted);
  EXPECT_FALSE(ParseStopReason("旅游"));
}

// kill -9 in the middle of a run (inside the third claim's transaction,
// after its ledger entries; two claims per transaction): the first batch
// (two claims) is paid, the second is not; a rerun pays the rest, and no
// month is paid twice.
TEST_P(BenefitStoreTest, KillDuringARunPaysNoMonthTwice) {
  constexpr int kClaims = 5;
  for (int64_t id = 1; id <= kClaims; ++id) {
    Person(id, 24, mar_);
    Apply(id, "2025-03-05");
  }
  ASSERT_NO_FATAL_FAILURE(KillRunAt(2, 2));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM benefit_payments"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM benefit_claims WHERE months_paid = 1"), 2);
  ExpectLedgerBalances();
  RunReport rerun = Run(mar_);
  EXPECT_EQ(rerun.paid, kClaims - 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM benefit_payments"), kClaims);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT once_key) FROM policy_payments"), 2 * kClaims);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments"), 2 * kClaims);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM benefit_claims WHERE months_paid = 1"), kClaims);
  EXPECT_EQ(Run(mar_).paid, 0);
  ExpectLedgerBalances();
}

// The default batch holds all five claims: a kill inside it pays none of
// them, and the rerun pays each once.
TEST_P(BenefitStoreTest, KillInsideABatchPaysNoneOfItsClaims) {
  constexpr int kClaims = 5;
  for (int64_t id = 1; id <= kClaims; ++id) {
    Person(id, 24, mar_);
    Apply(id, "2025-03-05");
  }
  ASSERT_NO_FATAL_FAILURE(KillRunAt(500, 3));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM benefit_payments"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments"), 0);
  EXPECT_EQ(Run(mar_).paid, kClaims);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments"), 2 * kClaims);
  ExpectLedgerBalances();
}

// Claims of two counties are never written in one transaction: with a
// batch of 10 and a kill at the first claim of the second county, the
// first county's claims stay paid.
TEST_P(BenefitStoreTest, ARunCommitsCountyByCounty) {
  Person(1, 24, mar_);
  Person(2, 24, mar_);
  Person(3, 24, mar_, "522601");
  for (int64_t id = 1; id <= 3; ++id) Apply(id, "2025-03-05");
  ASSERT_NO_FATAL_FAILURE(KillRunAt(10, 2));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM benefit_payments WHERE county_code = '520102'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM benefit_payments WHERE county_code = '522601'"), 0);
  EXPECT_EQ(Run(mar_).paid, 1);
  ExpectLedgerBalances();
}

// A once-only key already taken (the month paid through another path) in
// the middle of a batch: the batch is redone claim by claim, that claim is
// skipped, the others are paid, and nothing is paid twice.
TEST_P(BenefitStoreTest, ATakenOnceKeyInABatchSkipsOnlyThatClaim) {
  constexpr int kClaims = 4;
  std::vector<Claim> claims;
  for (int64_t id = 1; id <= kClaims; ++id) {
    Person(id, 24, mar_);
    claims.push_back(Apply(id, "2025-03-05"));
  }
  {
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(PayFromUiFund(*db_, "ui_benefit|3|" + registry::MonthText(mar_), claims[2].claim_id, 100,
                              "失业保险金支出", "elsewhere", "2025-03-31T00:00:00Z"));
    ASSERT_TRUE(tx->Commit());
  }
  RunReport r = Run(mar_);
  EXPECT_EQ(r.paid, kClaims - 1);
  EXPECT_EQ(r.skipped, 1);
  ASSERT_EQ(r.items.size(), static_cast<size_t>(kClaims));
  EXPECT_EQ(r.items[2].outcome, "skipped");
  EXPECT_EQ(r.items[2].person_id, 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM benefit_payments"), kClaims - 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM benefit_claims WHERE months_paid = 1"), kClaims - 1);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT once_key) FROM policy_payments"), Count("SELECT COUNT(*) FROM policy_payments"));
  ExpectLedgerBalances();
}

TEST_P(BenefitStoreTest, SpansForR8AreUnknownUntilTheCountyKeepsBenefits) {
  Person(1, 24, mar_);
  Person(2, 24, mar_);
  Person(3, 24, mar_, "522601");
  auto none = store_->SpansOf(1);
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_FALSE(*none);  // nobody in 520102 has applied: unknown
  const Claim a = Apply(1, "2025-03-05");
  auto one = store_->SpansOf(1);
  ASSERT_TRUE(one && *one);
  ASSERT_EQ((*one)->size(), 1u);
  EXPECT_EQ((*one)->front().from, mar_);
  EXPECT_EQ((*one)->front().through, mar_ + a.duration_months - 1);
  auto two = store_->SpansOf(2);  // same county, no claim: known none
  ASSERT_TRUE(two && *two);
  EXPECT_TRUE((*two)->empty());
  auto three = store_->SpansOf(3);  // another county: unknown
  ASSERT_TRUE(three);
  EXPECT_FALSE(*three);
  // A stop shortens the span to the month before.
  ASSERT_TRUE(store_->Stop(a.claim_id, StopReason::kMovedAway, mar_ + 2, "officer"));
  one = store_->SpansOf(1);
  ASSERT_TRUE(one && *one);
  ASSERT_EQ((*one)->size(), 1u);
  EXPECT_EQ((*one)->front().through, mar_ + 1);
  // A run over 52 makes every county known.
  Run(mar_);
  three = store_->SpansOf(3);
  ASSERT_TRUE(three && *three);
  EXPECT_TRUE((*three)->empty());
}

QJY_INSTANTIATE_STORE_TEST(BenefitStoreTest);

}  // namespace
}  // namespace qjy::benefits
