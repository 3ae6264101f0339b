// Registered unemployment read from the services store by the policy
// engine, on SQLite and PostgreSQL (store/store_test_support.h).
#include "policy_services/store_registrations.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "benefits/benefit_store.h"
#include "policy/engine.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "services/services_store.h"
#include "store/contribution_store.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::policy_services {
namespace {

using store::testing::StoreTest;

using ::qjy::test_support::D;

std::array<uint8_t, 32> StoreRegistrationsKey() {
  std::array<uint8_t, 32> k{};
  k.fill(3);
  return k;
}

TEST(ToPolicyRegistration, JobSeekingIsNotUnemployment) {
  services::Registration r;
  r.person_id = 9;
  r.registered_on = D("2023-01-10");
  r.closed_on = D("2023-08-01");
  auto p = ToPolicyRegistration(r);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->person_id, 9);
  EXPECT_EQ(p->registered_on, D("2023-01-10"));
  EXPECT_EQ(p->ended_on, D("2023-08-01"));  // the closing day still counts
  r.kind = services::RegistrationKind::kJobSeeking;
  EXPECT_FALSE(ToPolicyRegistration(r));
}

class StoreRegistrationsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    registry_ = std::make_unique<store::RegistryStore>(*db_, vault_);
    ASSERT_TRUE(registry_->Migrate());
    auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
    ASSERT_TRUE(params) << params.error().message;
    auto engine = policy::Engine::Create(std::move(*params));
    ASSERT_TRUE(engine) << engine.error().message;
    engine_ = std::make_unique<policy::Engine>(std::move(*engine));

    // A 20-year-old (R2 youth) hired on 2023-08-01 on a 2-year contract
    // with 3 months of social insurance by a medium enterprise.
    registry::Person p;
    p.county_code = "520102";
    p.id_number = "520102200301150012";
    p.name = "李青";
    p.birth_date = D("2003-01-15");
    p.ethnicity = "汉族";
    p.hukou_region = "520102001";
    p.residence_region = "520102001";
    p.education = registry::Education::kSeniorHigh;
    registry::Employer e;
    e.credit_code = "91520102MA6DQQQQ1X";
    e.county_code = "520102";
    e.region = "520102";
    e.insured_region = "520102";
    e.name = "测试制造公司";
    e.size = registry::SizeClass::kMedium;
    e.insured_headcount = 80;
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry_->UpsertPerson(p, "t"));
    ASSERT_TRUE(registry_->UpsertEmployer(e, "t"));
    registry::Contract c;
    c.person_id_number = p.id_number;
    c.employer_credit_code = e.credit_code;
    c.start_on = D("2023-08-01");
    c.end_on = D("2025-07-31");
    c.work_region = "520102";
    ASSERT_TRUE(registry_->UpsertContract(c, "t"));
    // Insured by the employer for 2023-08..2023-10 (the insurance system's months).
    store::ContributionStore months(*db_);
    for (int m = 8; m <= 10; ++m) {
      registry::Contribution k;
      k.county_code = "520102";
      k.person_id = p.person_id;
      k.employer_credit_code = e.credit_code;
      k.month = registry::MonthIndex(2023, m);
      k.kinds = registry::kAllInsuranceKinds;
      k.base_fen = 400000;
      ASSERT_TRUE(months.Put(k));
    }
    ASSERT_TRUE(tx->Commit());
    person_id_ = p.person_id;
    employer_ = e.credit_code;
    services_ = std::make_unique<services::ServicesStore>(*db_);
    ASSERT_TRUE(services_->Migrate());
  }

  int64_t Register(const char* on, services::RegistrationKind kind = services::RegistrationKind::kUnemployed) {
    services::Registration r;
    r.person_id = person_id_;
    r.county_code = "520102";
    r.registered_on = D(on);
    r.found_on = D(on);
    r.region_code = "520102001";
    r.channel = "counter";
    r.kind = kind;
    r.officer = "officer_a";
    EXPECT_TRUE(services_->AddRegistration(r));
    return r.registration_id;
  }

  // The person's R2/R3 decisions (hiring rules evaluated on the employer).
  std::pair<bool, bool> R2R3(bool whole_province) {
    return R2R3Decisions(whole_province).first;
  }
  // The same, with the R3 decision of the evaluation.
  std::pair<std::pair<bool, bool>, policy::Decision> R2R3Decisions(bool whole_province) {
    policy::Decision r3_decision;
    StoreRegistrations regs(*db_);
    auto w = whole_province ? policy::LoadWorld(*db_, *registry_, regs)
                            : policy::LoadEmployerWorld(*registry_, regs, employer_);
    EXPECT_TRUE(w) << w.error().message;
    if (!w) return {{false, false}, {}};
    auto ds = engine_->EvaluateEmployer(*w, employer_, D("2023-12-01"));
    EXPECT_TRUE(ds) << ds.error().message;
    bool r2 = false, r3 = false;
    for (const auto& d : *ds) {
      if (d.person_id != person_id_) continue;
      if (d.rule == "R2") r2 = d.eligible;
      if (d.rule == "R3") {
        r3 = d.eligible;
        r3_decision = d;
      }
    }
    if (whole_province) {
      // The sweep agrees with the evaluation.
      auto sweep = engine_->Sweep(*w, D("2023-12-01"), {});
      const auto has = [&](const char* rule) {
        return std::any_of(sweep.begin(), sweep.end(),
                           [&](const policy::Decision& d) { return d.rule == rule && d.person_id == person_id_; });
      };
      EXPECT_EQ(has("R2"), r2);
      EXPECT_EQ(has("R3"), r3);
    }
    return {{r2, r3}, r3_decision};
  }

  Vault vault_ = Vault::FromKey(StoreRegistrationsKey());
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<services::ServicesStore> services_;
  std::unique_ptr<policy::Engine> engine_;
  int64_t person_id_ = 0;
  std::string employer_;
};

TEST_P(StoreRegistrationsTest, NotRegisteredNoRegistrationSubsidies) {
  for (bool province : {false, true}) {
    auto [r2, r3] = R2R3(province);
    EXPECT_FALSE(r2);
    EXPECT_FALSE(r3);
  }
}

TEST_P(StoreRegistrationsTest, RegisteredUnemployedSixMonthsGetsR2AndR3) {
  Register("2023-02-01");  // exactly 6 months before the hire
  for (bool province : {false, true}) {
    auto [r2, r3] = R2R3(province);
    EXPECT_TRUE(r2) << "province=" << province;
    EXPECT_TRUE(r3) << "province=" << province;
  }
}

TEST_P(StoreRegistrationsTest, ClosedOnTheHireDayStillCountsClosedBeforeDoesNot) {
  const int64_t id = Register("2023-02-01");
  ASSERT_TRUE(services_->CloseRegistration(id, D("2023-08-01"), services::CloseReason::kReemployed, ""));
  EXPECT_EQ(R2R3(false), std::make_pair(true, true));
  EXPECT_EQ(R2R3(true), std::make_pair(true, true));
}

TEST_P(StoreRegistrationsTest, RegistrationEndedBeforeTheHireLosesThem) {
  const int64_t id = Register("2023-02-01");
  ASSERT_TRUE(services_->CloseRegistration(id, D("2023-07-31"), services::CloseReason::kWithdrawn, ""));
  EXPECT_EQ(R2R3(false), std::make_pair(false, false));
  EXPECT_EQ(R2R3(true), std::make_pair(false, false));
}

TEST_P(StoreRegistrationsTest, JobSeekingRegistrationDoesNotCount) {
  Register("2023-02-01", services::RegistrationKind::kJobSeeking);
  EXPECT_EQ(R2R3(false), std::make_pair(false, false));
  EXPECT_EQ(R2R3(true), std::make_pair(false, false));
}

// R3's "缴纳社会保险费3个月" counts the stored months, not the contract: two
// months stored is a known failure; none at all is unknown, named.
TEST_P(StoreRegistrationsTest, R3CountsStoredContributionMonths) {
  Register("2023-02-01");
  ASSERT_TRUE(db_->Exec("DELETE FROM contributions WHERE month = '2023-10'"));
  for (bool province : {false, true}) {
    auto [pair, d] = R2R3Decisions(province);
    EXPECT_TRUE(pair.first);
    EXPECT_FALSE(pair.second);
    if (province) continue;
    auto it = std::find_if(d.conditions.begin(), d.conditions.end(), [](auto& c) { return c.id == "si_months"; });
    ASSERT_NE(it, d.conditions.end());
    EXPECT_FALSE(it->pass);
    EXPECT_FALSE(it->unknown);
    EXPECT_NE(it->seen.find("2 个月"), std::string::npos) << it->seen;
  }
  ASSERT_TRUE(db_->Exec("DELETE FROM contributions"));
  auto [pair, d] = R2R3Decisions(false);
  EXPECT_FALSE(pair.second);
  auto it = std::find_if(d.conditions.begin(), d.conditions.end(), [](auto& c) { return c.id == "si_months"; });
  ASSERT_NE(it, d.conditions.end());
  EXPECT_TRUE(it->unknown);
  ASSERT_EQ(d.missing_data.size(), 1u);
  EXPECT_NE(d.missing_data[0].find("社会保险缴费月份"), std::string::npos);
}

TEST_P(StoreRegistrationsTest, PersonEvaluationReadsOnlyThatPerson) {
  Register("2023-02-01");
  StoreRegistrations regs(*db_);
  auto w = policy::LoadPersonWorld(*registry_, regs, person_id_);
  ASSERT_TRUE(w) << w.error().message;
  ASSERT_EQ(w->registrations.size(), 1u);
  EXPECT_EQ(w->registrations[0].registered_on, D("2023-02-01"));
}

// R8's "领取失业保险金人员" reads the benefit claims: unknown while the
// benefit records do not cover the person, true when a claim covers the
// certificate's month, false when the claim stopped before it.
TEST_P(StoreRegistrationsTest, R8ReadsTheBenefitClaims) {
  Register("2023-10-01");
  ASSERT_TRUE(db_->Exec("INSERT INTO person_certificates (person_id, seq, county_code, name, level, issued_on) "
                        "VALUES (?, 0, '520102', '焊工', 4, '2023-11-15')",
                        std::vector<store::Value>{person_id_}));
  auto condition = [&]() -> policy::Condition {
    StoreRegistrations regs(*db_);
    auto w = policy::LoadPersonWorld(*registry_, regs, person_id_);
    EXPECT_TRUE(w) << w.error().message;
    if (!w) return {};
    auto ds = engine_->EvaluatePerson(*w, person_id_, D("2023-12-01"));
    EXPECT_TRUE(ds) << ds.error().message;
    for (const auto& d : *ds) {
      if (d.rule != "R8") continue;
      for (const auto& c : d.conditions) {
        if (c.id == "ui_1yr_or_benefit") return c;
      }
    }
    ADD_FAILURE() << "no R8 ui_1yr_or_benefit condition";
    return {};
  };
  // 3 UI months, benefit tables absent: unknown.
  policy::Condition c = condition();
  EXPECT_FALSE(c.pass);
  EXPECT_TRUE(c.unknown);
  ASSERT_TRUE(benefits::BenefitStore(*db_).Migrate());
  c = condition();  // migrated, but the county keeps no benefits here: still unknown
  EXPECT_TRUE(c.unknown);
  ASSERT_TRUE(db_->Exec(
      "INSERT INTO benefit_claims (county_code, person_id, applied_on, first_month, granted, decision_text, "
      "contribution_months, duration_months, monthly_fen, medical_fen, status, created_by) "
      "VALUES ('520102', ?, '2023-10-08', '2023-10', 1, 't', 60, 18, 170100, 18000, 'active', 't')",
      std::vector<store::Value>{person_id_}));
  c = condition();
  EXPECT_TRUE(c.pass) << c.seen;
  EXPECT_FALSE(c.unknown);
  EXPECT_NE(c.seen.find("领取失业保险金"), std::string::npos) << c.seen;
  // Stopped from November: the certificate of 2023-11-15 is not in a benefit month.
  ASSERT_TRUE(db_->Exec("UPDATE benefit_claims SET status = 'stopped', stop_reason = '迁出', stopped_month = '2023-11'"));
  c = condition();
  EXPECT_FALSE(c.pass);
  EXPECT_FALSE(c.unknown);
  EXPECT_NE(c.seen.find("未领取失业保险金"), std::string::npos) << c.seen;
}

INSTANTIATE_TEST_SUITE_P(Dialects, StoreRegistrationsTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::testing::DialectName);

}  // namespace
}  // namespace qjy::policy_services
