// ContributionStore contract, run against SQLite and PostgreSQL.
#include "store/contribution_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "store/employment_schema.h"
#include "store/separation_store.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"

namespace qjy::store {
namespace {

using registry::Contribution;
using registry::InsuranceKind;
using registry::MonthIndex;
using testing::StoreTest;

Contribution Month(int64_t person, const std::string& employer, int y, int m, uint8_t kinds = 15,
                   int64_t base = 450000) {
  Contribution c;
  c.county_code = person % 2 ? "520102" : "522601";
  c.person_id = person;
  c.employer_credit_code = employer;
  c.month = MonthIndex(y, m);
  c.kinds = kinds;
  c.base_fen = base;
  return c;
}

class ContributionStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    registry_ = std::make_unique<RegistryStore>(*db_, vault_);
    auto m = registry_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
    ShardIfAsked();
    if (HasFatalFailure()) return;
    store_ = std::make_unique<ContributionStore>(*db_);
  }
  void TearDown() override {
    store_.reset();
    registry_.reset();
    StoreTest::TearDown();
  }
  UpsertOutcome Put(const Contribution& c) {
    auto tx = Transaction::Begin(*db_);
    EXPECT_TRUE(tx);
    auto r = store_->Put(c);
    EXPECT_TRUE(r) << r.error().message;
    EXPECT_TRUE(tx->Commit());
    return r.value_or(UpsertOutcome::kUnchanged);
  }
  Vault vault_ = Vault::FromKey(std::array<uint8_t, 32>{1, 2, 3});
  std::unique_ptr<RegistryStore> registry_;
  std::unique_ptr<ContributionStore> store_;
};

TEST_P(ContributionStoreTest, PutInsertsUpdatesAndKeepsIdenticalMonths) {
  auto any = store_->Any();
  ASSERT_TRUE(any);
  EXPECT_FALSE(*any);
  const std::string e = "91520102MA6DKQ8X2B";
  EXPECT_EQ(Put(Month(1, e, 2023, 7)), UpsertOutcome::kInserted);
  EXPECT_EQ(Put(Month(1, e, 2023, 7)), UpsertOutcome::kUnchanged);
  EXPECT_EQ(Put(Month(1, e, 2023, 7, 5)), UpsertOutcome::kUpdated);        // kinds changed
  EXPECT_EQ(Put(Month(1, e, 2023, 7, 5, 500000)), UpsertOutcome::kUpdated);  // base changed
  EXPECT_EQ(Put(Month(1, "", 2023, 7, 5)), UpsertOutcome::kInserted);       // another payer, same month
  EXPECT_EQ(Put(Month(1, e, 2023, 8)), UpsertOutcome::kInserted);
  auto n = store_->Count();
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 3);
  auto rows = store_->OfPerson(1);
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].employer_credit_code, "");  // month, then payer order
  EXPECT_EQ((*rows)[1].employer_credit_code, e);
  EXPECT_EQ((*rows)[1].kinds, 5);
  EXPECT_EQ((*rows)[1].base_fen, 500000);
  EXPECT_EQ((*rows)[1].month, MonthIndex(2023, 7));
  EXPECT_EQ((*rows)[2].month, MonthIndex(2023, 8));
  EXPECT_EQ((*rows)[2].county_code, "520102");
}

TEST_P(ContributionStoreTest, PutRejectsInvalidMonths) {
  auto tx = Transaction::Begin(*db_);
  ASSERT_TRUE(tx);
  Contribution bad = Month(1, "", 2023, 1);
  bad.kinds = 0;
  auto r = store_->Put(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  bad = Month(0, "", 2023, 1);
  EXPECT_FALSE(store_->Put(bad));
  bad = Month(1, "", 2023, 1);
  bad.base_fen = -1;
  EXPECT_FALSE(store_->Put(bad));
}

TEST_P(ContributionStoreTest, BulkInsertThenForEachInKeyOrderAcrossPages) {
  std::vector<Contribution> rows;
  for (int64_t p = 1; p <= 300; ++p) {
    for (int m = 1; m <= 24; ++m) rows.push_back(Month(p, "91520102MA6DKQ8X2B", 2023 + (m - 1) / 12, (m - 1) % 12 + 1));
  }
  {
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    auto r = store_->BulkInsert(rows);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_TRUE(tx->Commit());
  }
  std::vector<Contribution> seen;
  auto r = store_->ForEach([&](const Contribution& c) { seen.push_back(c); });
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(seen.size(), rows.size());  // 7,200 rows: two pages
  for (size_t i = 1; i < seen.size(); ++i) {
    auto key = [](const Contribution& c) { return std::tie(c.county_code, c.person_id, c.month); };
    EXPECT_LT(key(seen[i - 1]), key(seen[i])) << i;
  }
  // A clash with a stored month is kAlreadyExists.
  auto tx = Transaction::Begin(*db_);
  ASSERT_TRUE(tx);
  std::vector<Contribution> again = {rows[5]};
  auto clash = store_->BulkInsert(again);
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code, ErrorCode::kAlreadyExists);
}

TEST_P(ContributionStoreTest, OfPersonsReadsOnlyThosePersons) {
  Put(Month(1, "", 2024, 1));
  Put(Month(2, "", 2024, 1));
  Put(Month(3, "", 2024, 2));
  const int64_t ids[] = {1, 3};
  auto rows = store_->OfPersons(ids);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].person_id, 1);
  EXPECT_EQ((*rows)[1].person_id, 3);
}

// The streamed sweep's reads (policy::LoadCountyWorld): a county's range of
// the key, and chosen persons of one county, each in (person, payer, month)
// order.
TEST_P(ContributionStoreTest, ForEachOfCountyAndOfPersonsInReadRangesOfTheKey) {
  Put(Month(3, "", 2024, 2));         // 520102
  Put(Month(1, "B", 2024, 1));        // 520102
  Put(Month(1, "A", 2024, 3));        // 520102
  Put(Month(1, "A", 2024, 2));        // 520102
  Put(Month(2, "", 2024, 1));         // 522601
  std::vector<Contribution> got;
  auto collect = [&](const Contribution& c) { got.push_back(c); };
  auto read = store_->ForEachOfCounty("520102", collect);
  ASSERT_TRUE(read) << read.error().message;
  const auto* county = &got;
  ASSERT_EQ(county->size(), 4u);
  EXPECT_EQ((*county)[0].employer_credit_code, "A");
  EXPECT_EQ((*county)[0].month, MonthIndex(2024, 2));
  EXPECT_EQ((*county)[1].month, MonthIndex(2024, 3));
  EXPECT_EQ((*county)[2].employer_credit_code, "B");
  EXPECT_EQ((*county)[3].person_id, 3);
  const int64_t ids[] = {3, 2};
  auto some = store_->OfPersonsIn("520102", ids);
  ASSERT_TRUE(some) << some.error().message;
  ASSERT_EQ(some->size(), 1u);  // person 2's month is stored under 522601
  EXPECT_EQ((*some)[0].person_id, 3);
  auto other = store_->OfPersonsIn("522601", ids);
  ASSERT_TRUE(other);
  ASSERT_EQ(other->size(), 1u);
  EXPECT_EQ((*other)[0].person_id, 2);
  got.clear();
  ASSERT_TRUE(store_->ForEachOfCounty("520103", collect));
  EXPECT_TRUE(got.empty());
}

// More months than one page (5,000): every month once, in key order.
TEST_P(ContributionStoreTest, ForEachOfCountyPagesThroughALargeCounty) {
  std::vector<Contribution> rows;
  for (int64_t person = 1; person <= 1201; person += 2) {  // odd: 520102
    for (int m = 1; m <= 12; ++m) rows.push_back(Month(person, m % 3 ? "91520100MA6D000001" : "", 2023, m));
  }
  rows.push_back(Month(2, "", 2023, 1));  // 522601
  {
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(store_->BulkInsert(rows));
    ASSERT_TRUE(tx->Commit());
  }
  std::vector<Contribution> got;
  ASSERT_TRUE(store_->ForEachOfCounty("520102", [&](const Contribution& c) { got.push_back(c); }));
  ASSERT_EQ(got.size(), rows.size() - 1);
  for (size_t i = 1; i < got.size(); ++i) {
    const auto& a = got[i - 1];
    const auto& b = got[i];
    ASSERT_TRUE(std::tie(a.person_id, a.employer_credit_code, a.month) < std::tie(b.person_id, b.employer_credit_code, b.month))
        << i;
  }
  EXPECT_EQ(got.front().county_code, "520102");
}

// A database made before the contributions existed (registry migrations
// only) migrates forward in place and keeps its persons.
TEST_P(ContributionStoreTest, ForwardMigrationFromARegistryWithoutContributions) {
  auto fresh = Open();
  ASSERT_TRUE(fresh);
  // A second database/schema is not needed: drop our table and its record,
  // as if migration 20 had never run, with a person present.
  ASSERT_TRUE(db_->ExecScript("DROP TABLE contributions"));
  std::vector<Value> v = {int64_t{20}};
  ASSERT_TRUE(db_->Exec("DELETE FROM schema_migrations WHERE version = ?", v));
  registry::Person p;
  p.county_code = "520102";
  p.id_number = "520102199003070014";
  p.name = "张三";
  p.birth_date = *Date::Parse("1990-03-07");
  p.ethnicity = "汉族";
  p.hukou_region = p.residence_region = "520102001";
  {
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry_->UpsertPerson(p, "t"));
    ASSERT_TRUE(tx->Commit());
  }
  auto versions = AppliedVersions(*db_);
  ASSERT_TRUE(versions);
  EXPECT_EQ(std::count(versions->begin(), versions->end(), 20), 0);
  RegistryStore again(**fresh, vault_);
  ASSERT_TRUE(again.Migrate());
  versions = AppliedVersions(*db_);
  ASSERT_TRUE(versions);
  EXPECT_EQ(std::count(versions->begin(), versions->end(), 20), 1);
  auto counts = registry_->Counts();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->persons, 1);
  EXPECT_EQ(Put(Month(p.person_id, "", 2024, 3)), UpsertOutcome::kInserted);
}

TEST_P(ContributionStoreTest, SeparationsUpsertByKey) {
  SeparationStore seps(*db_);
  registry::Separation s;
  s.county_code = "520102";
  s.person_id = 7;
  s.employer_credit_code = "91520102MA6DKQ8X2B";
  s.separated_on = *Date::Parse("2024-03-10");
  s.reason = registry::SeparationReason::kLayoff;
  auto put = [&](const registry::Separation& x) {
    auto tx = Transaction::Begin(*db_);
    EXPECT_TRUE(tx);
    auto r = seps.Put(x);
    EXPECT_TRUE(r) << r.error().message;
    EXPECT_TRUE(tx->Commit());
    return r.value_or(UpsertOutcome::kUnchanged);
  };
  EXPECT_EQ(put(s), UpsertOutcome::kInserted);
  EXPECT_EQ(put(s), UpsertOutcome::kUnchanged);
  s.reason = registry::SeparationReason::kDismissed;
  EXPECT_EQ(put(s), UpsertOutcome::kUpdated);
  auto rows = seps.OfPerson(7);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].reason, registry::SeparationReason::kDismissed);
  int n = 0;
  ASSERT_TRUE(seps.ForEach([&](const registry::Separation&) { ++n; }));
  EXPECT_EQ(n, 1);
  registry::Separation bad = s;
  bad.employer_credit_code.clear();
  EXPECT_FALSE(seps.Put(bad));
}

QJY_INSTANTIATE_STORE_TEST(ContributionStoreTest);

}  // namespace
}  // namespace qjy::store
