// The registry profile on SQLite and PostgreSQL against counts made by hand
// on a small registry: three persons (two prefectures), contracts in force,
// ended two months and two years ago, employers, jobs and sites.
#include "store/registry_profile.h"

#include <gtest/gtest.h>

#include "registry/codes.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::store {
namespace {

const Vault& RegistryProfileTestVault() {
  static const Vault v = Vault::FromKey(std::array<uint8_t, 32>{2, 7, 1, 8});
  return v;
}

using ::qjy::test_support::D;

class RegistryProfileTest : public testing::StoreTest {};

TEST_P(RegistryProfileTest, CountsWhatTheRegistryHolds) {
  RegistryStore registry(*db_, RegistryProfileTestVault());
  ASSERT_TRUE(registry.Migrate());
  auto none = FirstRegistered(*db_);
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_FALSE(none->person_id.has_value());
  EXPECT_EQ(none->employer_credit_code, "");
  auto tx = Transaction::Begin(*db_);
  ASSERT_TRUE(tx);
  registry::Employer e;
  e.credit_code = "91520102MA6000001X";
  e.name = "测试公司";
  e.region = e.county_code = "520102";
  e.type = registry::EmployerType::kEnterprise;
  e.size = registry::SizeClass::kSmall;
  ASSERT_TRUE(registry.UpsertEmployer(e, "t"));
  std::vector<int64_t> ids;
  const char* counties[] = {"520102", "520103", "522601"};
  for (int n = 0; n < 3; ++n) {
    registry::Person p;
    p.county_code = counties[n];
    p.id_number = "52010219900307" + std::to_string(1000 + n);
    p.name = "测试" + std::to_string(n);
    p.birth_date = D("1990-03-07");
    p.ethnicity = "汉族";
    p.hukou_region = p.residence_region = std::string(counties[n]) + "001";
    p.groups.push_back({registry::Group::kRuralLabour, D("2020-01-01"), std::nullopt});
    if (n == 0) p.groups.push_back({registry::Group::kCollegeGraduate, D("2024-07-01"), std::nullopt});
    ASSERT_TRUE(registry.UpsertPerson(p, "t"));
    ids.push_back(p.person_id);
  }
  auto contract = [&](int64_t person, const char* start, const char* end, const char* where) {
    registry::Contract c;
    c.person_id = person;
    c.county_code = "520102";
    c.employer_credit_code = e.credit_code;
    c.start_on = D(start);
    if (end) c.end_on = D(end);
    c.work_region = where;
    ASSERT_TRUE(registry.UpsertContract(c, "t"));
  };
  contract(ids[0], "2024-01-01", nullptr, "440305");        // in force, in Guangdong
  contract(ids[1], "2023-01-01", "2025-04-15", "520102");   // ended 2.5 months before
  contract(ids[2], "2021-01-01", "2023-03-31", "520102");   // ended > 12 months before
  ASSERT_TRUE(tx->Commit());

  auto first = FirstRegistered(*db_);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->person_id, std::optional<int64_t>(ids[0]));
  EXPECT_EQ(first->employer_credit_code, e.credit_code);

  auto p = ProfileRegistry(*db_, D("2025-06-30"));
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->persons_by_prefecture,
            (std::vector<std::pair<std::string, int64_t>>{{"5201", 2}, {"5226", 1}}));
  ASSERT_EQ(p->persons_by_group.size(), 2u);
  EXPECT_EQ(p->persons_by_group[0].second, 3);  // rural labour, most first
  EXPECT_EQ(p->persons_by_group[1].second, 1);
  EXPECT_EQ(p->employed, 1);
  EXPECT_EQ(p->employed_outside, 1);
  EXPECT_EQ(p->ended_1m, 0);
  EXPECT_EQ(p->ended_6m, 1);
  EXPECT_EQ(p->ended_12m, 0);
  EXPECT_EQ(p->ended_longer, 1);
  EXPECT_EQ(p->employers_by_type.at(std::string(registry::Code(registry::EmployerType::kEnterprise))), 1);
  EXPECT_TRUE(p->jobs_by_type.empty());
  EXPECT_EQ(p->counties_with_gig_market, 0);

  // A month later the in-force contract is still in force; on 2024-06-30
  // person 1 was employed too.
  auto earlier = ProfileRegistry(*db_, D("2024-06-30"));
  ASSERT_TRUE(earlier);
  EXPECT_EQ(earlier->employed, 2);
  EXPECT_EQ(earlier->ended_longer, 1);
}

QJY_INSTANTIATE_STORE_TEST(RegistryProfileTest);

}  // namespace
}  // namespace qjy::store
