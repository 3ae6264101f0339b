// The gig demo's registry reads on SQLite and PostgreSQL.
#include "gig/gig_lookups.h"

#include <algorithm>
#include <array>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/credit_code.h"
#include "core/id_number.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::gig {
namespace {

class GigLookupsTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store::RegistryStore reg(*db_, vault_, clock_);
    ASSERT_TRUE(reg.Migrate());
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    // 南明: two employers (the smaller code is chosen); 遵义 红花岗: one;
    // a county outside 贵州 (成都 锦江) must not show under "52".
    for (const auto& [county, body] : {std::pair{"520102", "MA6DGQJYB"}, std::pair{"520102", "MA6DGQJYA"},
                                       std::pair{"520302", "MA6DGQJYC"}, std::pair{"510104", "MA6DGQJY0"}}) {
      registry::Employer e;
      e.county_code = e.region = county;
      const std::string first17 = std::string("91") + county + body;
      e.credit_code = first17 + *CreditCodeCheckChar(first17);
      e.name = "测试公司" + e.credit_code.substr(8, 9);
      ASSERT_TRUE(reg.UpsertEmployer(e, "test"));
      if (county == std::string("520102") && body == std::string("MA6DGQJYA")) smallest_ = e.credit_code;
    }
    for (int i = 0; i < 5; ++i) {
      registry::Person p;
      const std::string county = i < 4 ? "520102" : "520302";
      const std::string first17 = county + "1990010112" + std::to_string(i);
      p.id_number = first17 + *ResidentIdCheckChar(first17);
      p.county_code = county;
      p.name = "工人" + std::to_string(i);
      p.birth_date = *Date::Parse("1990-01-01");
      p.ethnicity = "汉族";
      p.hukou_region = p.residence_region = county;
      ASSERT_TRUE(reg.UpsertPerson(p, "test"));
      if (i < 4) nanming_.push_back(p.person_id);
    }
    ASSERT_TRUE(tx->Commit());
  }
  ManualClock clock_{1709251200};
  Vault vault_ = Vault::FromKey(std::array<uint8_t, 32>{5, 2, 0});
  std::string smallest_;
  std::vector<int64_t> nanming_;
};

TEST_P(GigLookupsTest, OneEmployerPerCountyUnderThePrefix) {
  auto got = EmployerPerCounty(*db_, "52");
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ(got->at("520102"), smallest_);
  EXPECT_TRUE(got->at("520302").starts_with("91520302"));
  EXPECT_FALSE(got->contains("510104"));
  auto one = EmployerPerCounty(*db_, "5203");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1u);
}

TEST_P(GigLookupsTest, PersonsOfACountyInIdOrderPaged) {
  std::vector<int64_t> sorted = nanming_;
  std::sort(sorted.begin(), sorted.end());
  auto first = PersonsOfCounty(*db_, "520102", 3, 0);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, std::vector<int64_t>(sorted.begin(), sorted.begin() + 3));
  auto rest = PersonsOfCounty(*db_, "520102", 3, 3);
  ASSERT_TRUE(rest);
  EXPECT_EQ(*rest, std::vector<int64_t>{sorted[3]});
  auto past = PersonsOfCounty(*db_, "520102", 3, 10);
  ASSERT_TRUE(past);
  EXPECT_TRUE(past->empty());
  auto other = PersonsOfCounty(*db_, "520302", 3, 0);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->size(), 1u);
}

QJY_INSTANTIATE_STORE_TEST(GigLookupsTest);

}  // namespace
}  // namespace qjy::gig
