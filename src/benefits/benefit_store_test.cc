// Claims, the monthly run, the 核查比对 and R8's fact, on SQLite and
// PostgreSQL (scripts/with-postgres.sh).
#include "benefits/benefit_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benefits/monthly_run.h"
#include "policy/ledger.h"
#include "store/contribution_store.h"
#include "store/employment_schema.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"

namespace qjy::benefits {
namespace {

using registry::MonthIndex;
using store::Dialect;
using store::Value;

Date D(const char* s) { return *Date::Parse(s); }
constexpr char kEmployer[] = "91520102MA6DKQ8X2B";

class BenefitStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::EmploymentMigrations()));
    store_ = std::make_unique<BenefitStore>(*db_);
    auto m = store_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
    auto p = LoadBenefitParams();
    ASSERT_TRUE(p) << p.error().message;
    params_ = *p;
    Exec("INSERT INTO employers (county_code, credit_code, name, type, size, region, insured_headcount, "
         "key_enterprise, created_at, updated_at) VALUES ('520102', ?, '贵阳某公司', 'enterprise', 'small', '520102', 10, "
         "0, 'x', 'x')",
         {std::string(kEmployer)});
  }
  void TearDown() override {
    store_.reset();
    StoreTest::TearDown();
  }

  void Exec(const std::string& sql, std::vector<Value> params = {}) {
    auto r = db_->Exec(sql, params);
    ASSERT_TRUE(r) << r.error().message << "\n" << sql;
  }
  int64_t Count(const std::string& sql) {
    auto r = db_->Query(sql);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? r->front().Int(0) : -1;
  }

  // A person of `county` with `months` UI months ending the month before `first`.
  void Person(int64_t id, int months, int32_t first, const std::string& county = "520102") {
    Exec("INSERT INTO persons (person_id, county_code, id_hash, id_enc, id_masked, name, sex, birth_date, ethnicity, "
         "phone_masked, hukou_region, residence_region, work_region, insured_region, education, skills, created_at, "
         "updated_at) VALUES (?, ?, ?, ?, '5201**********123X', '测试', 'M', '1990-01-01', '汉族', '', ?, ?, ?, ?, "
         "'本科', '[]', 'x', 'x')",
         {id, county, Blob{uint8_t(id), uint8_t(id >> 8), 7}, Blob{1}, county, county, county, county});
    std::vector<registry::Contribution> rows;
    for (int i = 1; i <= months; ++i) {
      registry::Contribution c;
      c.county_code = county;
      c.person_id = id;
      c.employer_credit_code = kEmployer;
      c.month = first - i;
      c.kinds = 15;
      c.base_fen = 400000;
      rows.push_back(c);
    }
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(store::ContributionStore(*db_).BulkInsert(rows));
    ASSERT_TRUE(tx->Commit());
  }
  void Contribution(int64_t id, int32_t month, uint8_t kinds, const std::string& county = "520102") {
    Exec("INSERT INTO contributions (county_code, person_id, employer_credit_code, month, kinds, base_fen, "
         "created_at, updated_at) VALUES (?, ?, '', ?, ?, 400000, 'x', 'x')",
         {county, id, registry::MonthText(month), int64_t{kinds}});
  }
  void Contract(int64_t id, const char* start, std::optional<const char*> end = std::nullopt) {
    Exec("INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on, "
         "social_insurance_months, flexible, new_form, work_region, created_at, updated_at) "
         "VALUES ('520102', ?, ?, ?, ?, 0, 0, 0, '520102', 'x', 'x')",
         {id, std::string(kEmployer), std::string(start), end ? Value{std::string(*end)} : Value{}});
  }
  Claim Apply(int64_t id, const char* on) {
    auto c = store_->Apply(id, D(on), params_, "officer");
    EXPECT_TRUE(c) << c.error().message;
    return c.value_or(Claim());
  }
  RunReport Run(int32_t month, const std::string& region = "52") {
    auto r = RunMonth(*db_, month, region, "officer", clock_);
    EXPECT_TRUE(r) << r.error().message;
    return r.value_or(RunReport());
  }
  void ExpectLedgerBalances() {
    policy::Ledger ledger(*db_, nullptr, clock_);
    auto rep = ledger.Check();
    ASSERT_TRUE(rep) << rep.error().message;
    for (const auto& p : rep->problems) ADD_FAILURE() << p.kind << " " << p.what;
    EXPECT_EQ(rep->debit_fen, rep->credit_fen);
  }

  std::unique_ptr<BenefitStore> store_;
  policy::ParameterSet params_;
  auth::ManualClock clock_{1740787200};  // 2025-03-01
  const int32_t mar_ = MonthIndex(2025, 3);
};

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
// after its ledger entries): the first two claims are paid, the third is
// not; a rerun pays the rest, and no month is paid twice.
TEST_P(BenefitStoreTest, KillDuringARunPaysNoMonthTwice) {
  constexpr int kClaims = 5;
  for (int64_t id = 1; id <= kClaims; ++id) {
    Person(id, 24, mar_);
    Apply(id, "2025-03-05");
  }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto db = Open();
    if (!db) _exit(3);
    auth::ManualClock clock(1740787200);
    (void)RunMonth(**db, mar_, "52", "officer", clock, [](int i) {
      if (i == 2) raise(SIGKILL);
    });
    _exit(4);  // not reached
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exit " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  // A fresh connection sees whole claims only.
  db_.reset();
  auto db = Open();
  ASSERT_TRUE(db) << db.error().message;
  db_ = std::move(*db);
  store_ = std::make_unique<BenefitStore>(*db_);
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
