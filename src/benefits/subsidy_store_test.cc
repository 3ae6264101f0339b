// 失业补助金 and 失业农民工一次性生活补助 (附件3（二）): each condition on both
// sides of its boundary, unknown facts, payment through the ledger once, the
// 核查比对 stop; SQLite and PostgreSQL.
#include "benefits/subsidy_store.h"

#include <gtest/gtest.h>

#include "benefits/benefit_test_support.h"
#include "services/services_schema.h"

namespace qjy::benefits {
namespace {

using namespace qjy::benefits::test_support;

class SubsidyStoreTest : public BenefitStoreTest {
 protected:
  void MigrateServices() { ASSERT_TRUE(store::ApplyMigrations(*db_, services::ServicesMigrations())); }
  void Register(int64_t id, const char* on = "2025-03-02") {
    Exec("INSERT INTO unemployment_registrations (county_code, person_id, registered_on, found_on, place_kind, "
         "region_code, channel, kind, served_as, flags, suggested_category, officer, status) VALUES ('520102', ?, ?, ?, "
         "'hukou', '520102', 'counter', 'unemployed', 'subsidy_recipient', '', 'basic_skills', 'officer', 'open')",
         {id, std::string(on), std::string(on)});
  }
  void Rural(int64_t id) {
    Exec("INSERT INTO person_groups (person_id, seq, county_code, group_code, valid_from) "
         "VALUES (?, 0, '520102', 'rural_labour', '2000-01-01')",
         {id});
  }
  void Separation(int64_t id, const char* on, const char* reason) {
    Exec("INSERT INTO separations (county_code, person_id, employer_credit_code, separated_on, reason, created_at, "
         "updated_at) VALUES ('520102', ?, ?, ?, ?, 'x', 'x')",
         {id, std::string(kEmployer), std::string(on), std::string(reason)});
  }
  SubsidyClaim ApplyS(SubsidyKind k, int64_t id, const char* on = "2025-03-05") {
    auto c = SubsidyStore(*db_).Apply(k, id, D(on), params_, "officer");
    EXPECT_TRUE(c) << c.error().message;
    return c.value_or(SubsidyClaim());
  }
  // The state of the condition whose name starts with `prefix`.
  static std::string State(const SubsidyClaim& c, const std::string& prefix) {
    for (const auto& x : c.conditions) {
      if (x["name"].get<std::string>().starts_with(prefix)) return x["state"].get<std::string>() + " " + x["detail"].get<std::string>();
    }
    return "missing";
  }
};

TEST_P(SubsidyStoreTest, UiSubsidyConditionsOnBothSides) {
  Person(1, 11, mar_);  // below the 失业保险金 minimum
  Person(2, 12, mar_);  // at it: should claim 失业保险金 instead
  // Registrations not kept in this database: unknown, not refused.
  SubsidyClaim c = ApplyS(SubsidyKind::kUiSubsidy, 1);
  EXPECT_EQ(c.outcome, "undetermined") << c.decision_text;
  EXPECT_EQ(c.status, "undetermined");
  EXPECT_TRUE(State(c, "已办理失业登记").starts_with("unknown")) << State(c, "已办理失业登记");
  MigrateServices();
  c = ApplyS(SubsidyKind::kUiSubsidy, 1, "2025-03-06");
  EXPECT_EQ(c.outcome, "refused");
  EXPECT_NE(c.decision_text.find("请先办理失业登记（服务对象类别“领取失业补助金人员”）"), std::string::npos)
      << c.decision_text;
  Register(1);
  Register(2);
  c = ApplyS(SubsidyKind::kUiSubsidy, 1, "2025-03-07");
  EXPECT_EQ(c.outcome, "granted") << c.decision_text;
  EXPECT_EQ(c.months, 6);
  EXPECT_EQ(c.amount_fen, 189000 * 9000 / 10000 * 8000 / 10000);  // 1360.80 元
  EXPECT_TRUE(State(c, "不符合领取失业保险金条件").starts_with("met 累计缴费11个月，不足12个月"));
  const SubsidyClaim d = ApplyS(SubsidyKind::kUiSubsidy, 2);
  EXPECT_EQ(d.outcome, "refused");
  EXPECT_TRUE(State(d, "不符合领取失业保险金条件").starts_with("not_met 累计缴费12个月，已满12个月"))
      << State(d, "不符合");
  // One per spell: a second application after the grant is refused.
  const SubsidyClaim again = ApplyS(SubsidyKind::kUiSubsidy, 1, "2025-03-20");
  EXPECT_EQ(again.outcome, "refused");
  EXPECT_TRUE(State(again, "本次失业未领取过").starts_with("not_met")) << again.decision_text;
}

TEST_P(SubsidyStoreTest, UiSubsidyAfterTheBenefitEnded) {
  MigrateServices();
  Person(1, 12, mar_);
  Register(1);
  const Claim ui = Apply(1, "2025-03-05");
  ASSERT_TRUE(ui.granted);
  SubsidyClaim c = ApplyS(SubsidyKind::kUiSubsidy, 1, "2025-03-06");
  EXPECT_EQ(c.outcome, "refused");
  EXPECT_TRUE(State(c, "未在领取失业保险金").starts_with("not_met")) << c.decision_text;
  for (int i = 0; i < 12; ++i) Run(mar_ + i);
  c = ApplyS(SubsidyKind::kUiSubsidy, 1, "2026-03-02");
  EXPECT_EQ(c.outcome, "granted") << c.decision_text;
  EXPECT_TRUE(State(c, "不符合领取失业保险金条件").starts_with("met 失业保险金已于 2026-02 期满"))
      << State(c, "不符合");
}

TEST_P(SubsidyStoreTest, UiSubsidyPaidMonthlyOnceAndStoppedByTheCrossCheck) {
  MigrateServices();
  Person(1, 11, mar_);
  Person(2, 11, mar_);
  Register(1);
  Register(2);
  const SubsidyClaim a = ApplyS(SubsidyKind::kUiSubsidy, 1);
  const SubsidyClaim b = ApplyS(SubsidyKind::kUiSubsidy, 2);
  ASSERT_EQ(a.outcome, "granted");
  Contract(2, "2025-05-20");  // person 2 works from May: April paid, May stopped
  RunReport r = Run(mar_);
  EXPECT_EQ(r.subsidies.paid, 2);
  EXPECT_EQ(r.subsidies.paid_fen, 2 * a.amount_fen);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments WHERE once_key = 'ui_subsidy|1|2025-03'"), 1);
  EXPECT_EQ(Run(mar_).subsidies.paid, 0);  // rerun: nothing twice
  Run(mar_ + 1);
  r = Run(mar_ + 2);
  EXPECT_EQ(r.subsidies.paid, 1);
  EXPECT_EQ(r.subsidies.stopped, 1);
  ASSERT_EQ(r.subsidies.findings.size(), 1u);
  EXPECT_NE(r.subsidies.findings[0].find("核查比对：2025-05 有在履行的劳动合同（单位 贵阳某公司，起"), std::string::npos)
      << r.subsidies.findings[0];
  auto sb = SubsidyStore(*db_).Find(b.claim_id);
  ASSERT_TRUE(sb && *sb);
  EXPECT_EQ((*sb)->status, "stopped");
  EXPECT_EQ((*sb)->months_paid, 2);
  for (int i = 3; i < 8; ++i) Run(mar_ + i);
  auto sa = SubsidyStore(*db_).Find(a.claim_id);
  ASSERT_TRUE(sa && *sa);
  EXPECT_EQ((*sa)->status, "ended");
  EXPECT_EQ((*sa)->months_paid, 6);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM living_subsidy_payments"), 8);
  EXPECT_EQ(Count("SELECT SUM(amount_fen) FROM policy_payments WHERE once_key LIKE 'ui_subsidy|%'"), 8 * a.amount_fen);
  ExpectLedgerBalances();
}

TEST_P(SubsidyStoreTest, MigrantLumpSumConditionsOnBothSides) {
  MigrateServices();
  // 12 full months with the employer (2024-03-01 .. 2025-02-28): met.
  Person(1, 12, mar_);
  Register(1);
  SubsidyClaim c = ApplyS(SubsidyKind::kMigrantLump, 1);
  EXPECT_EQ(c.outcome, "undetermined") << c.decision_text;  // rural status not on record
  EXPECT_TRUE(State(c, "农民合同制工人").starts_with("unknown"));
  Rural(1);
  c = ApplyS(SubsidyKind::kMigrantLump, 1, "2025-03-06");
  EXPECT_EQ(c.outcome, "granted") << c.decision_text;
  EXPECT_TRUE(State(c, "在本单位连续工作满12个月").starts_with("met 2024-03-01 至 2025-02-28，连续工作满12个月"))
      << State(c, "在本单位");
  EXPECT_EQ(c.amount_fen, 85000);
  EXPECT_EQ(c.months, 1);
  // One day short of a year: refused.
  Person(2, 12, mar_, "520102", false);
  Contract(2, "2024-03-02", "2025-02-28");
  Rural(2);
  Register(2);
  SubsidyClaim d = ApplyS(SubsidyKind::kMigrantLump, 2);
  EXPECT_EQ(d.outcome, "refused");
  EXPECT_TRUE(State(d, "在本单位连续工作满12个月").starts_with("not_met")) << d.decision_text;
  // Retired: not a contract ended to be compensated.
  Person(3, 30, mar_, "520102", false);
  Contract(3, "2022-09-01");
  Separation(3, "2025-02-20", "retired");
  Rural(3);
  Register(3);
  d = ApplyS(SubsidyKind::kMigrantLump, 3);
  EXPECT_EQ(d.outcome, "refused");
  EXPECT_TRUE(State(d, "劳动合同期满未续订或者提前解除").starts_with("not_met")) << d.decision_text;
  // No UI paid by that employer: refused.
  Person(4, 0, mar_);
  Contract(4, "2023-01-01", "2025-02-28");
  Rural(4);
  Register(4);
  d = ApplyS(SubsidyKind::kMigrantLump, 4);
  EXPECT_EQ(d.outcome, "refused");
  EXPECT_TRUE(State(d, "本单位已缴纳失业保险费").starts_with("not_met")) << d.decision_text;
  // Paid once in the run, never again, and one lump sum per ended contract.
  RunReport r = Run(mar_);
  EXPECT_EQ(r.subsidies.paid, 1);
  EXPECT_EQ(r.subsidies.ended, 1);
  EXPECT_EQ(Count(std::string("SELECT COUNT(*) FROM policy_payments WHERE once_key = 'migrant_lump|1|") + kEmployer +
                  "|2025-02-28'"),
            1);
  EXPECT_EQ(Run(mar_ + 1).subsidies.paid, 0);
  const SubsidyClaim again = ApplyS(SubsidyKind::kMigrantLump, 1, "2025-04-02");
  EXPECT_EQ(again.outcome, "refused");
  EXPECT_TRUE(State(again, "该次合同终止未领取过").starts_with("not_met"));
  ExpectLedgerBalances();
}

QJY_INSTANTIATE_STORE_TEST(SubsidyStoreTest);

}  // namespace
}  // namespace qjy::benefits
