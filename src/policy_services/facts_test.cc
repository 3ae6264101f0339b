// Internships, start-ups and placements: stored (policy::FactsStore),
// recorded from CSV (facts_import.h), generated (facts_gen.h) and decided
// on by R11, R12 and R18 from the database — on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>

#include "policy/engine.h"
#include "policy/facts_store.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "policy_services/facts_gen.h"
#include "policy_services/facts_import.h"
#include "policy_services/store_registrations.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::policy_services {
namespace {

using registry::Group;
using store::testing::StoreTest;

using ::qjy::test_support::D;

std::array<uint8_t, 32> Key() {
  std::array<uint8_t, 32> k{};
  k.fill(5);
  return k;
}

std::string IdNumber(int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "5201021995%07d%c", n, "0123456789X"[n % 11]);
  return buf;
}

class FactsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    registry_ = std::make_unique<store::RegistryStore>(*db_, vault_);
    ASSERT_TRUE(registry_->Migrate());
    auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
    ASSERT_TRUE(params) << params.error().message;
    engine_ = std::make_unique<policy::Engine>(std::move(*policy::Engine::Create(std::move(*params))));
  }

  int64_t AddPerson(int n, std::vector<registry::GroupMembership> groups, std::optional<Date> left = {},
                    const char* county = "520102") {
    registry::Person p;
    p.county_code = county;
    p.id_number = IdNumber(n);
    p.name = "测试" + std::to_string(n);
    p.birth_date = D("1995-03-01");
    p.ethnicity = "汉族";
    p.hukou_region = std::string(county) + "001";
    p.residence_region = p.hukou_region;
    p.education = registry::Education::kBachelor;
    p.school_left_on = left;
    p.groups = std::move(groups);
    auto tx = store::Transaction::Begin(*db_);
    EXPECT_TRUE(tx);
    EXPECT_TRUE(registry_->UpsertPerson(p, "t"));
    EXPECT_TRUE(tx->Commit());
    return p.person_id;
  }

  void AddEmployer(const std::string& code, registry::EmployerType type, registry::SizeClass size,
                   const char* county = "520102") {
    registry::Employer e;
    e.credit_code = code;
    e.county_code = county;
    e.region = county;
    e.name = "单位" + code;
    e.type = type;
    e.size = size;
    e.insured_region = county;
    e.insured_headcount = 20;
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry_->UpsertEmployer(e, "t"));
    ASSERT_TRUE(tx->Commit());
  }

  void AddContract(int n, const std::string& employer, const char* start, bool cross_province) {
    registry::Contract c;
    c.person_id_number = IdNumber(n);
    c.employer_credit_code = employer;
    c.start_on = D(start);
    c.social_insurance_months = 3;
    c.work_region = cross_province ? "440305" : "520102";  // the persons' county is 520102
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry_->UpsertContract(c, "t"));
    ASSERT_TRUE(tx->Commit());
  }

  // The example province: a graduate founder, a retained trainee, a placed
  // rural worker.
  void Province() {
    AddEmployer("HOST", registry::EmployerType::kEnterprise, registry::SizeClass::kMedium);
    AddEmployer("SHOP", registry::EmployerType::kIndividualBusiness, registry::SizeClass::kMicro);
    AddEmployer("HR", registry::EmployerType::kHrAgency, registry::SizeClass::kSmall);
    AddEmployer("GD", registry::EmployerType::kEnterprise, registry::SizeClass::kMedium, "520203");
    founder_ = AddPerson(1, {{Group::kCollegeGraduate, D("2020-07-01"), std::nullopt}}, D("2020-07-01"));
    trainee_ = AddPerson(2, {{Group::kCollegeGraduate, D("2023-06-30"), std::nullopt}}, D("2023-06-30"));
    worker_ = AddPerson(3, {{Group::kRuralLabour, D("2010-01-01"), std::nullopt}});
    AddContract(3, "GD", "2023-07-01", true);
  }

  Result<ImportedFacts> Import(FactKind kind, const std::string& csv, const std::string& scope = "") {
    return ImportFacts(*db_, *registry_, kind, "facts.csv", csv, scope, "officer_a");
  }

  std::vector<policy::Decision> Sweep(const char* date) {
    StoreRegistrations regs(*db_);
    auto w = policy::LoadWorld(*db_, *registry_, regs);
    EXPECT_TRUE(w) << w.error().message;
    return w ? engine_->Sweep(*w, D(date), {}) : std::vector<policy::Decision>{};
  }

  static const policy::Decision* Find(const std::vector<policy::Decision>& ds, const char* rule, int64_t person) {
    auto it = std::find_if(ds.begin(), ds.end(),
                           [&](const policy::Decision& d) { return d.rule == rule && d.person_id == person; });
    return it == ds.end() ? nullptr : &*it;
  }

  Vault vault_ = Vault::FromKey(Key());
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<policy::Engine> engine_;
  int64_t founder_ = 0, trainee_ = 0, worker_ = 0;
};

TEST_P(FactsTest, ImportedFactsAreDecidedOnByR11R12R18) {
  Province();
  EXPECT_TRUE(Sweep("2023-10-01").empty() || !Find(Sweep("2023-10-01"), "R11", trainee_));
  ASSERT_TRUE(Import(FactKind::kInternship, "id_number,host_code,start_on,end_on,retained_on\n" + IdNumber(2) +
                                                ",HOST,2023-07-01,2023-12-31,2023-09-30\n"));
  ASSERT_TRUE(Import(FactKind::kVenture, "\xEF\xBB\xBFid_number,credit_code,founded_on\n" + IdNumber(1) +
                                             ",SHOP,2022-09-01\n"));
  ASSERT_TRUE(Import(FactKind::kPlacement, "agency_code,id_number,start_on\nHR," + IdNumber(3) + ",2023-07-01\n"));

  auto ds = Sweep("2023-10-01");
  const policy::Decision* r11 = Find(ds, "R11", trainee_);
  ASSERT_TRUE(r11);
  EXPECT_EQ(r11->amount_fen, 529600);  // 1000元 + 3 × 1790 × 80 %
  EXPECT_EQ(r11->beneficiary, "E:HOST");
  const policy::Decision* r12 = Find(ds, "R12", founder_);
  ASSERT_TRUE(r12);
  EXPECT_EQ(r12->amount_fen, 500000);
  const policy::Decision* r18 = Find(ds, "R18", worker_);
  ASSERT_TRUE(r18);
  EXPECT_EQ(r18->beneficiary, "E:HR");

  // The same decisions for one person / one employer (企业找政策).
  StoreRegistrations regs(*db_);
  policy::FactsStore facts(*db_);
  auto pw = policy::LoadPersonWorld(*registry_, regs, founder_, &facts);
  ASSERT_TRUE(pw) << pw.error().message;
  auto pd = engine_->EvaluatePerson(*pw, founder_, D("2023-10-01"));
  ASSERT_TRUE(pd);
  ASSERT_TRUE(Find(*pd, "R12", founder_));
  EXPECT_TRUE(Find(*pd, "R12", founder_)->eligible);
  auto ew = policy::LoadEmployerWorld(*registry_, regs, "HR", &facts);
  ASSERT_TRUE(ew) << ew.error().message;
  auto ed = engine_->EvaluateEmployer(*ew, "HR", D("2023-10-01"));
  ASSERT_TRUE(ed);
  ASSERT_TRUE(Find(*ed, "R18", worker_));
  EXPECT_TRUE(Find(*ed, "R18", worker_)->eligible);

  // One day before three stable months the placement earns nothing yet.
  EXPECT_FALSE(Find(Sweep("2023-09-30"), "R18", worker_));

  // Re-recording updates: the trainee was not retained after all.
  ASSERT_TRUE(Import(FactKind::kInternship,
                     "id_number,host_code,start_on,end_on\n" + IdNumber(2) + ",HOST,2023-07-01,2023-12-31\n"));
  EXPECT_FALSE(Find(Sweep("2023-10-01"), "R11", trainee_));
  auto counts = facts.Count("5201");
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->internships, 1);
  EXPECT_EQ(counts->ventures, 1);
  EXPECT_EQ(counts->placements, 1);
}

TEST_P(FactsTest, BadRowsFailTheWholeFileAndWriteNothing) {
  Province();
  auto r = Import(FactKind::kInternship, "id_number,host_code,start_on,end_on,retained_on\n" + IdNumber(2) +
                                             ",HOST,2023-07-01,2023-12-31,\n" +  // good
                                             "999,HOST,2023-07-01,2023-12-31,\n" +  // unknown person
                                             IdNumber(2) + ",HOST,2023-07-01,2023-06-30,\n" +  // end before start
                                             IdNumber(2) + ",NOPE,2023-13-01,2023-12-31,\n");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("文件 facts.csv 第 3 行 字段 id_number"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("第 4 行 字段 end_on：见习结束日期早于开始日期"), std::string::npos);
  EXPECT_NE(r.error().message.find("第 5 行 字段 host_code"), std::string::npos);
  EXPECT_NE(r.error().message.find("第 5 行 字段 start_on：日期无效"), std::string::npos);
  EXPECT_NE(r.error().message.find("未写入任何记录"), std::string::npos);
  auto missing = Import(FactKind::kVenture, "id_number,founded_on\n");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("字段 credit_code：表头缺少该列"), std::string::npos);
  auto bad_flag = Import(FactKind::kVenture, "id_number,credit_code,founded_on,first_time\n" + IdNumber(1) +
                                                 ",SHOP,2022-09-01,yes\n");
  ASSERT_FALSE(bad_flag);
  EXPECT_NE(bad_flag.error().message.find("字段 first_time"), std::string::npos);
  // Outside the officer's region: the agency is in 520102, the officer in 5203.
  auto scoped = Import(FactKind::kPlacement, "agency_code,id_number,start_on\nHR," + IdNumber(3) + ",2023-07-01\n", "5203");
  ASSERT_FALSE(scoped);
  EXPECT_NE(scoped.error().message.find("超出本人权限范围"), std::string::npos);
  policy::FactsStore facts(*db_);
  ASSERT_TRUE(facts.Migrate());
  auto counts = facts.Count("");
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->internships + counts->ventures + counts->placements, 0);
  EXPECT_FALSE(ParseFactKind("loan"));
}

TEST_P(FactsTest, StoreRejectsRowsOutOfOrder) {
  policy::FactsStore facts(*db_);
  ASSERT_TRUE(facts.Migrate());
  EXPECT_FALSE(facts.PutInternship({1, "HOST", D("2023-07-01"), D("2023-06-01"), std::nullopt}, "520102", "t"));
  EXPECT_FALSE(facts.PutInternship({1, "HOST", D("2023-07-01"), D("2023-09-01"), D("2023-06-01")}, "520102", "t"));
  EXPECT_FALSE(facts.PutVenture({1, "SHOP", D("2023-07-01"), true}, "5201", "t"));
  EXPECT_FALSE(facts.PutPlacement({"", 1, D("2023-07-01")}, "520102", "t"));
  EXPECT_TRUE(facts.PutPlacement({"HR", 1, D("2023-07-01")}, "520102", "t"));
  EXPECT_TRUE(facts.PutPlacement({"HR", 1, D("2023-07-01")}, "520102", "t"));  // same key: updated, not doubled
  auto counts = facts.Count("");
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->placements, 1);
}

TEST_P(FactsTest, GeneratedFactsAreRealisticAndDeterministic) {
  AddEmployer("HOST1", registry::EmployerType::kEnterprise, registry::SizeClass::kMedium);
  AddEmployer("HOST2", registry::EmployerType::kEnterprise, registry::SizeClass::kSmall);
  AddEmployer("HR", registry::EmployerType::kHrAgency, registry::SizeClass::kSmall);
  for (int i = 0; i < 12; ++i) {
    AddEmployer("SHOP" + std::to_string(i), registry::EmployerType::kIndividualBusiness, registry::SizeClass::kMicro);
  }
  AddEmployer("GD", registry::EmployerType::kEnterprise, registry::SizeClass::kLarge, "520203");
  for (int n = 1; n <= 80; ++n) {
    AddPerson(n, {{Group::kCollegeGraduate, D("2022-07-01"), std::nullopt}, {Group::kRuralLabour, D("2010-01-01"), std::nullopt}},
              D("2022-07-01"));
    AddContract(n, "GD", "2023-03-01", true);
  }
  auto counts = GenerateFacts(*db_, *registry_, 7);
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_GT(counts->internships, 0);
  EXPECT_GT(counts->ventures, 0);
  EXPECT_GT(counts->placements, 0);
  policy::World w;
  policy::FactsStore facts(*db_);
  ASSERT_TRUE(facts.LoadAll(w));
  EXPECT_EQ(static_cast<int64_t>(w.internships.size()), counts->internships);
  for (const auto& in : w.internships) {
    EXPECT_TRUE(in.host_credit_code == "HOST1" || in.host_credit_code == "HOST2");  // the county's enterprises
    EXPECT_GE(in.start_on, D("2022-07-01"));
    EXPECT_LE(in.start_on, D("2022-07-01").AddDays(180));
    EXPECT_LE(in.end_on, in.start_on.AddMonths(12));
    if (in.retained_on) {
      EXPECT_GE(*in.retained_on, in.start_on);
      EXPECT_LE(*in.retained_on, in.end_on);
    }
  }
  for (const auto& v : w.ventures) EXPECT_TRUE(v.credit_code.starts_with("SHOP"));
  for (const auto& p : w.placements) {
    EXPECT_EQ(p.agency_credit_code, "HR");
    EXPECT_EQ(p.start_on, D("2023-03-01"));  // the contract's start
  }
  // Same seed, same rows (upserts: nothing doubles).
  auto again = GenerateFacts(*db_, *registry_, 7);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->internships, counts->internships);
  auto stored = facts.Count("");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->internships, counts->internships);
}

INSTANTIATE_TEST_SUITE_P(Dialects, FactsTest, ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::testing::DialectName);

}  // namespace
}  // namespace qjy::policy_services
