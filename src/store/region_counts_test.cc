// The region counters (store/region_counts.h) against a recount of the
// tables, on SQLite and PostgreSQL: every kind of registry write moves them,
// a rebuild restores them, and a database from before them is backfilled.
#include "store/region_counts.h"

#include <gtest/gtest.h>

#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::store {
namespace {

using registry::Employer;
using registry::Job;
using registry::Person;
using testing::StoreTest;

std::array<uint8_t, 32> RegionCountsTestKey() {
  std::array<uint8_t, 32> k{};
  for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(i * 7 + 1);
  return k;
}

Person MakePerson(int n, std::string county, std::string hukou, std::string residence) {
  Person p;
  char id[32];
  std::snprintf(id, sizeof id, "5201021985%07d%c", n, "0123456789X"[n % 11]);
  p.county_code = std::move(county);
  p.id_number = id;
  p.name = "测试" + std::to_string(n);
  p.sex = registry::Sex::kFemale;
  p.birth_date = *Date::Parse("1990-03-01");
  p.ethnicity = "苗族";
  p.hukou_region = std::move(hukou);
  p.residence_region = std::move(residence);
  p.education = registry::Education::kPrimary;
  return p;
}

Employer MakeEmployer(int n, std::string county, std::string region) {
  Employer e;
  e.county_code = std::move(county);
  e.credit_code = "91520102MA6" + std::to_string(1000000 + n);
  e.name = "测试有限公司" + std::to_string(n);
  e.type = registry::EmployerType::kEnterprise;
  e.size = registry::SizeClass::kSmall;
  e.region = std::move(region);
  e.insured_headcount = 10;
  return e;
}

Job MakeJob(int n, std::string county, std::string place) {
  Job j;
  j.county_code = std::move(county);
  j.employer_credit_code = "91520102MA61000001";
  j.title = "岗位" + std::to_string(n);
  j.occupation_code = "6-18-02-04";
  j.headcount = 2;
  j.wage_min_fen = 300000;
  j.wage_max_fen = 500000;
  j.place_region = std::move(place);
  j.type = registry::JobType::kFullTime;
  j.requirements = "";
  j.open_on = *Date::Parse("2026-11-01");
  return j;
}

// Regions of every level the fixture's records touch, and some they do not.
const char* const kRegions[] = {"52",        "5201",         "5203",         "520102",
                                "520111",    "520302",       "520102016",    "520102016001",
                                "520111001", "520302001001", "53",           "5301"};

class RegionCountsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = std::make_unique<RegistryStore>(*db_, vault_);
    ASSERT_TRUE(store_->Migrate());
  }
  void TearDown() override {
    store_.reset();
    StoreTest::TearDown();
  }

  // The counters read as the recount of the tables, for every region of
  // kRegions and their children by household registration.
  void ExpectCountersEqualRecount(const std::string& when) {
    for (const char* region : kRegions) {
      auto read = region_counts::Read(*db_, region);
      auto recount = region_counts::Recount(*db_, region);
      ASSERT_TRUE(read) << read.error().message;
      ASSERT_TRUE(recount) << recount.error().message;
      EXPECT_EQ(read->persons, recount->persons) << when << " " << region;
      EXPECT_EQ(read->employers, recount->employers) << when << " " << region;
      EXPECT_EQ(read->jobs, recount->jobs) << when << " " << region;
      const std::string code = region;
      const size_t child_len = code.size() == 6 ? 9 : code.size() == 9 ? 12 : code.size() + 2;
      auto hukou = region_counts::RecountHukou(*db_, region, child_len);
      ASSERT_TRUE(hukou) << hukou.error().message;
      std::vector<std::string> kids;
      for (const auto& [k, n] : *hukou) kids.push_back(k);
      kids.push_back(code + std::string(child_len - code.size(), '9'));  // none there
      auto read_hukou = region_counts::ReadHukou(*db_, kids);
      ASSERT_TRUE(read_hukou) << read_hukou.error().message;
      EXPECT_EQ(*read_hukou, *hukou) << when << " " << region;
    }
  }

  int64_t Persons(const std::string& region) {
    auto c = region_counts::Read(*db_, region);
    EXPECT_TRUE(c) << c.error().message;
    return c ? c->persons : -1;
  }

  void WriteFixture() {
    ASSERT_TRUE(db_->Begin());
    std::vector<Person> people = {
        MakePerson(1, "520102", "520102016001", "520102016002"),
        MakePerson(2, "520102", "520102016001", "520302001001"),  // lives in 遵义
        MakePerson(3, "520111", "520111001001", "520102016003"),  // lives in 南明
        MakePerson(4, "520302", "520302001001", "520302001001"),
        MakePerson(5, "520302", "5203", "")};  // coded only to the prefecture
    for (auto& p : people) ASSERT_TRUE(store_->UpsertPerson(p, "t"));
    Employer e1 = MakeEmployer(1, "520102", "520102016");
    Employer e2 = MakeEmployer(2, "520302", "440305");  // registered outside Guizhou
    ASSERT_TRUE(store_->UpsertEmployer(e1, "t"));
    ASSERT_TRUE(store_->UpsertEmployer(e2, "t"));
    Job j1 = MakeJob(1, "520102", "520102016001");
    Job j2 = MakeJob(2, "520111", "520302001");
    ASSERT_TRUE(store_->UpsertJob(j1, "t"));
    ASSERT_TRUE(store_->UpsertJob(j2, "t"));
    ASSERT_TRUE(db_->Commit());
  }

  Vault vault_ = Vault::FromKey(RegionCountsTestKey());
  std::unique_ptr<RegistryStore> store_;
};

TEST_P(RegionCountsTest, UpsertsMoveTheCounters) {
  EXPECT_EQ(Persons("52"), 0);
  WriteFixture();
  ExpectCountersEqualRecount("after inserts");
  EXPECT_EQ(Persons("52"), 5);
  EXPECT_EQ(Persons("5203"), 3);  // 2 by residence, 4 and 5 by county
  EXPECT_EQ(Persons("520102"), 3);

  // A person moves house to another prefecture; an employer and a job move.
  ASSERT_TRUE(db_->Begin());
  Person moved = MakePerson(1, "520102", "520102016001", "520302001001");
  EXPECT_EQ(store_->UpsertPerson(moved, "t").value(), UpsertOutcome::kUpdated);
  Employer e1 = MakeEmployer(1, "520111", "520111001");
  EXPECT_EQ(store_->UpsertEmployer(e1, "t").value(), UpsertOutcome::kUpdated);
  Job j1 = MakeJob(1, "520102", "520102016001");
  j1.headcount = 9;  // not a move: the counters stay
  EXPECT_EQ(store_->UpsertJob(j1, "t").value(), UpsertOutcome::kUpdated);
  ASSERT_TRUE(db_->Commit());
  ExpectCountersEqualRecount("after updates");
  EXPECT_EQ(Persons("5203"), 4);

  // A rolled-back write leaves the counters as they were.
  ASSERT_TRUE(db_->Begin());
  Person rolled = MakePerson(9, "520102", "520102016001", "520102016001");
  ASSERT_TRUE(store_->UpsertPerson(rolled, "t"));
  ASSERT_TRUE(db_->Rollback());
  EXPECT_EQ(Persons("52"), 5);
  ExpectCountersEqualRecount("after a rollback");
}

TEST_P(RegionCountsTest, BatchAndBulkWritesMoveTheCounters) {
  WriteFixture();
  ASSERT_TRUE(db_->Begin());
  std::vector<Person> batch = {MakePerson(20, "520111", "520111001002", "520111001002"),
                               MakePerson(21, "520102", "520102016001", "520111001001"),
                               MakePerson(3, "520111", "520111001001", "520111001001")};
  auto out = store_->UpsertPersons(batch, "t");
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ((*out)[0], UpsertOutcome::kInserted);
  EXPECT_EQ((*out)[2], UpsertOutcome::kUpdated);  // moved back home
  ASSERT_TRUE(db_->Commit());
  ExpectCountersEqualRecount("after a batch upsert");

  std::vector<Person> bulk = {MakePerson(40, "520302", "520302001001", "520102016001"),
                              MakePerson(41, "520302", "520302001002", "")};
  bulk[0].person_id = 1000;
  bulk[1].person_id = 1001;
  std::vector<Employer> employers = {MakeEmployer(40, "520302", "520302001")};
  employers[0].employer_id = 1000;
  std::vector<Job> jobs = {MakeJob(40, "520302", "520102"), MakeJob(41, "520302", "520302")};
  jobs[0].job_id = 1000;
  jobs[1].job_id = 1001;
  ASSERT_TRUE(db_->Begin());
  ASSERT_TRUE(store_->BulkInsertPersons(bulk));
  ASSERT_TRUE(store_->BulkInsertEmployers(employers));
  ASSERT_TRUE(store_->BulkInsertJobs(jobs));
  ASSERT_TRUE(db_->Commit());
  ExpectCountersEqualRecount("after bulk loads");
  EXPECT_EQ(Persons("52"), 9);
}

TEST_P(RegionCountsTest, RebuildRestoresTheRecount) {
  WriteFixture();
  ASSERT_TRUE(db_->Exec("UPDATE region_counts SET n = n + 7 WHERE kind = 'persons'"));
  ASSERT_TRUE(db_->Exec("DELETE FROM region_counts WHERE kind = 'jobs'"));
  EXPECT_NE(Persons("52"), 5);
  ASSERT_TRUE(region_counts::Rebuild(*db_));
  ExpectCountersEqualRecount("after a rebuild");
  EXPECT_EQ(Persons("52"), 5);
}

// A database written before migration 40: Migrate() creates the table and
// fills it once from the registry.
TEST_P(RegionCountsTest, MigrateBackfillsAnOlderDatabase) {
  WriteFixture();
  ASSERT_TRUE(db_->ExecScript("DROP TABLE region_counts"));
  ASSERT_TRUE(db_->Exec("DELETE FROM schema_migrations WHERE version = 40"));
  ASSERT_TRUE(store_->Migrate());
  EXPECT_EQ(Persons("52"), 5);
  ExpectCountersEqualRecount("after the backfill");
  // Once: a second Migrate() does not count again.
  ASSERT_TRUE(store_->Migrate());
  EXPECT_EQ(Persons("52"), 5);
}

QJY_INSTANTIATE_STORE_TEST(RegionCountsTest);

}  // namespace
}  // namespace qjy::store
