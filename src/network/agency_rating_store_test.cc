#include "network/agency_rating_store.h"

#include <gtest/gtest.h>

#include "core/refdata.h"
#include "network/network_store.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"
#include "network/network_test_support.h"

namespace qjy::network {
namespace {

using ::qjy::network::testing::Regions;

using ::qjy::test_support::D;

class AgencyRatingStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    ratings_ = std::make_unique<AgencyRatingStore>(*db_, Regions());
    auto m = ratings_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
    auto g = LoadAgencyGrades(DefaultAgencyGradesFile());
    ASSERT_TRUE(g) << g.error().message;
    grades_ = *g;
    NetworkStore net(*db_, Regions());
    SiteInput in;
    in.kind = "hr_agency";
    in.tier = "county";
    in.region = "520102";
    in.name = "某人力资源服务有限公司";
    in.opened_on = D("2022-05-01");
    auto id = net.AddSite(in, today_, "county");
    ASSERT_TRUE(id) << id.error().message;
    agency_ = *id;
    in.kind = "gig_market";
    in.name = "南明区零工市场";
    auto gig = net.AddSite(in, today_, "county");
    ASSERT_TRUE(gig) << gig.error().message;
    gig_ = *gig;
  }

  int64_t Count(const char* table) {
    auto r = db_->Query(std::string("SELECT COUNT(*) FROM ") + table);
    return r ? r->at(0).Int(0) : -1;
  }

  AgencyRatingInput Rating(const char* grade, const char* on) const {
    return {agency_, grade, D(on), "贵阳市人力资源和社会保障局", "筑人社通〔2023〕1号"};
  }

  std::unique_ptr<AgencyRatingStore> ratings_;
  AgencyGrades grades_;
  int64_t agency_ = 0, gig_ = 0;
  const Date today_ = D("2025-06-30");
};

TEST_P(AgencyRatingStoreTest, RatingsSupersedeByDateWithHistory) {
  const int64_t changes = Count("changes");
  auto a = ratings_->Add(Rating("优质", "2023-06-01"), grades_, today_, "city");
  ASSERT_TRUE(a) << a.error().message;
  auto b = ratings_->Add(Rating("qualified", "2024-06-01"), grades_, today_, "city");
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(Count("changes"), changes + 2);

  auto list = ratings_->List("5201");
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).in.grade, "quality");  // the label stored as its code
  EXPECT_EQ(list->at(0).county_code, "520102");
  EXPECT_EQ(list->at(1).in.rated_by, "贵阳市人力资源和社会保障局");
  auto other = ratings_->List("5203");
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());

  NetworkStore net(*db_, Regions());
  auto sites = net.Sites("520102");
  ASSERT_TRUE(sites);
  AttachRatings(*list, grades_, *sites);
  const Site* agency = nullptr;
  for (const auto& s : *sites) {
    if (s.site_id == agency_) agency = &s;
  }
  ASSERT_NE(agency, nullptr);
  EXPECT_FALSE(agency->QualityOn(D("2023-05-31")).has_value());  // 未评级 then
  EXPECT_EQ(agency->QualityOn(D("2023-12-31")), true);
  EXPECT_EQ(agency->QualityOn(D("2025-01-01")), false);          // downgraded
}

TEST_P(AgencyRatingStoreTest, BadInputNamesTheFieldAndStoresNothing) {
  const int64_t changes = Count("changes");
  struct Case {
    AgencyRatingInput in;
    const char* field;
  };
  AgencyRatingInput gig = Rating("优质", "2023-06-01");
  gig.site_id = gig_;
  AgencyRatingInput missing = Rating("优质", "2023-06-01");
  missing.site_id = 999999;
  AgencyRatingInput no_date = Rating("优质", "2023-06-01");
  no_date.rated_on.reset();
  AgencyRatingInput no_rater = Rating("优质", "2023-06-01");
  no_rater.rated_by.clear();
  const Case cases[] = {
      {gig, "机构：「南明区零工市场」不是市场化人力资源服务机构"},
      {missing, "机构：编号 999999"},
      {Rating("五星", "2023-06-01"), "评级：「五星」须为优质、合格、待改进"},
      {Rating("优质", "2025-07-01"), "评级日期：2025-07-01 晚于今天"},
      {Rating("优质", "2022-01-01"), "评级日期：2022-01-01 早于机构开业日期"},
      {no_date, "评级日期：不能为空"},
      {no_rater, "评定单位：不能为空"},
  };
  for (const auto& c : cases) {
    auto r = ratings_->Add(c.in, grades_, today_, "city");
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find(c.field), std::string::npos) << r.error().message;
  }
  ASSERT_TRUE(ratings_->Add(Rating("优质", "2023-06-01"), grades_, today_, "city"));
  auto dup = ratings_->Add(Rating("合格", "2023-06-01"), grades_, today_, "city");
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message.find("评级日期：该机构 2023-06-01 已有评级"), std::string::npos) << dup.error().message;
  EXPECT_EQ(Count("network_agency_ratings"), 1);
  EXPECT_EQ(Count("changes"), changes + 1);
}

TEST(AgencyGradesTest, ShippedSchemeIsCitedAndAssumedAndBadFilesAreNamed) {
  auto g = LoadAgencyGrades(DefaultAgencyGradesFile());
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->clause, "附件4（二）");
  EXPECT_TRUE(g->assumed);
  EXPECT_FALSE(g->reason.empty());
  ASSERT_NE(g->Find("优质"), nullptr);
  EXPECT_TRUE(g->Find("优质")->quality);
  EXPECT_FALSE(g->Find("合格")->quality);

  auto none = ParseAgencyGrades("document: d\nclause: c\nquote: q\ngrades:\n  - {code: a, label: 甲}\n", "g.yaml");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("quality: true"), std::string::npos) << none.error().message;
  auto reason = ParseAgencyGrades("document: d\nclause: c\nquote: q\nassumed: true\ngrades:\n  - {code: a, label: 甲, quality: true}\n",
                                  "g.yaml");
  ASSERT_FALSE(reason);
  EXPECT_NE(reason.error().message.find("reason"), std::string::npos);
}

QJY_INSTANTIATE_STORE_TEST(AgencyRatingStoreTest);

}  // namespace
}  // namespace qjy::network
