// The employer and job pages on SQLite and PostgreSQL: region scope on
// either region column, name / credit-code and title filters with LIKE
// wildcards taken literally, keyset paging.
#include "store/catalog_pages.h"

#include <gtest/gtest.h>

#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::store {
namespace {

const Vault& TestVault() {
  static const Vault v = Vault::FromKey(std::array<uint8_t, 32>{3, 1, 4});
  return v;
}

class CatalogPagesTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    registry_ = std::make_unique<RegistryStore>(*db_, TestVault());
    ASSERT_TRUE(registry_->Migrate());
    // 南明: two employers, one registered in a township of 南明 but owned
    // by 云岩 (region and county differ); 遵义: one.
    Add("91520102MA60000001", "南明100%建筑有限公司", "520102", "520102");
    Add("91520102MA60000002", "南明物业公司", "520102001", "520103");
    Add("91520302MA60000003", "遵义制造公司", "520302", "520302");
    Job("91520102MA60000001", "钢筋工", "520102");
    Job("91520102MA60000001", "电工_夜班", "520102");
    Job("91520302MA60000003", "电工", "520302");
  }
  void Add(const char* code, const char* name, const char* region, const char* county) {
    registry::Employer e;
    e.credit_code = code;
    e.name = name;
    e.region = region;
    e.county_code = county;
    e.type = registry::EmployerType::kEnterprise;
    e.size = registry::SizeClass::kSmall;
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry_->UpsertEmployer(e, "t"));
    ASSERT_TRUE(tx->Commit());
  }
  void Job(const char* employer, const char* title, const char* place) {
    registry::Job j;
    j.employer_credit_code = employer;
    j.title = title;
    j.place_region = place;
    j.county_code = std::string(place).substr(0, 6);
    j.occupation_code = "6-29-01-01";
    j.open_on = *Date::Parse("2026-01-01");
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry_->UpsertJob(j, "t"));
    ASSERT_TRUE(tx->Commit());
  }
  std::vector<std::string> Names(const EmployerPageQuery& q) {
    auto rows = EmployerPage(*db_, q);
    EXPECT_TRUE(rows) << rows.error().message;
    std::vector<std::string> out;
    for (const auto& r : *rows) out.push_back(r.name);
    return out;
  }
  std::unique_ptr<RegistryStore> registry_;
};

TEST_P(CatalogPagesTest, EmployersByScopeNameCodeAndPage) {
  EmployerPageQuery q;
  EXPECT_EQ(Names(q).size(), 3u);
  q.scope = "520102";  // 南明物业 by its region, though owned by 云岩
  EXPECT_EQ(Names(q), (std::vector<std::string>{"南明100%建筑有限公司", "南明物业公司"}));
  q.scope = "520103";  // and by its owning county
  EXPECT_EQ(Names(q), (std::vector<std::string>{"南明物业公司"}));
  q = {};
  q.name_contains = "100%";  // the % is a character, not a wildcard
  EXPECT_EQ(Names(q), (std::vector<std::string>{"南明100%建筑有限公司"}));
  q.name_contains = "0%建";
  EXPECT_EQ(Names(q).size(), 1u);
  q.name_contains = "%公司";
  EXPECT_TRUE(Names(q).empty());
  q.name_contains = "9152";
  q.code_prefix = "91520302";
  EXPECT_EQ(Names(q), (std::vector<std::string>{"遵义制造公司"}));
  q = {};
  q.credit_code = "91520102MA60000002";
  EXPECT_EQ(Names(q), (std::vector<std::string>{"南明物业公司"}));
  q = {};
  q.limit = 2;
  auto first = EmployerPage(*db_, q);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->size(), 2u);
  q.after = first->back().employer_id;
  EXPECT_EQ(Names(q), (std::vector<std::string>{"遵义制造公司"}));
}

TEST_P(CatalogPagesTest, EmployerNameByCreditCode) {
  auto name = EmployerName(*db_, "91520302MA60000003");
  ASSERT_TRUE(name) << name.error().message;
  EXPECT_EQ(name->value_or(""), "遵义制造公司");
  EXPECT_FALSE(EmployerName(*db_, "91520302MA60000009")->has_value());
  EXPECT_FALSE(EmployerName(*db_, "")->has_value());
}

TEST_P(CatalogPagesTest, JobsByScopeTitleAndEmployer) {
  JobPageQuery q;
  auto all = JobPage(*db_, q);
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->front().employer_name, "南明100%建筑有限公司");
  q.title_contains = "电工";
  EXPECT_EQ(JobPage(*db_, q)->size(), 2u);
  q.title_contains = "工_";  // the _ is a character
  EXPECT_EQ(JobPage(*db_, q)->size(), 1u);
  q = {};
  q.scope = "5203";
  ASSERT_EQ(JobPage(*db_, q)->size(), 1u);
  EXPECT_EQ(JobPage(*db_, q)->front().title, "电工");
  q = {};
  q.employer = "91520102MA60000001";
  q.limit = 1;
  auto page = JobPage(*db_, q);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 1u);
  q.after = page->front().job_id;
  EXPECT_EQ(JobPage(*db_, q)->front().title, "电工_夜班");
}

QJY_INSTANTIATE_STORE_TEST(CatalogPagesTest);

}  // namespace
}  // namespace qjy::store
