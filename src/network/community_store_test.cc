#include "network/community_store.h"

#include <gtest/gtest.h>

#include "network/network_test_support.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"

namespace qjy::network {
namespace {

using testing::CountRows;
using testing::D;
using testing::Regions;

class CommunityStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    store_ = std::make_unique<CommunityStore>(*db_, Regions());
    auto m = store_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
    auto c = LoadCommunityCriteria(DefaultCommunityCriteriaFile());
    ASSERT_TRUE(c) << c.error().message;
    criteria_ = *c;
    SiteInput in = testing::Agency("520102016", "某某社区", "2020-01-01");
    in.kind = "full_employment_community";
    in.tier = "township";
    community_ = testing::AddSite(*db_, in, today_);
    in.name = "另一社区";
    other_ = testing::AddSite(*db_, in, today_);
  }

  // 190 of 200 employed (95%), 9 of 10 hard-to-employ (90%), no
  // zero-employment family, a desk and 2 staff: meets every criterion.
  ApplicationInput Good(int64_t site, const char* level, const char* on) const {
    return {site, level, D(on), {200, 190, 10, 9, 0, true, 2}};
  }

  std::string Level(int64_t site) {
    auto s = NetworkStore(*db_, Regions()).FindSite(site);
    return s && *s ? (*s)->recognition_level : "?";
  }

  std::unique_ptr<CommunityStore> store_;
  CommunityCriteria criteria_;
  int64_t community_ = 0, other_ = 0;
  const Date today_ = D("2025-06-30");
};

TEST_P(CommunityStoreTest, AnAssessmentMeetingEveryCriterionRecognisesAtTheLevelAppliedFor) {
  EXPECT_EQ(Level(community_), "");  // not assessed: nothing recorded (R17: unknown)
  auto id = store_->Apply(Good(community_, "省级", "2023-09-01"), criteria_, today_, "county");
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(Level(community_), "");  // applied only
  auto again = store_->Apply(Good(community_, "市州级", "2023-09-02"), criteria_, today_, "county");
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("申报：该社区 2023-09-01 的申报"), std::string::npos) << again.error().message;

  const int64_t changes = CountRows(*db_, "changes");
  auto a = store_->Assess(*id, {D("2023-11-20"), "省人力资源社会保障厅", "黔人社通〔2023〕99号"}, criteria_, today_, "prov");
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_TRUE(a->passed);
  ASSERT_EQ(a->results.size(), 5u);
  EXPECT_EQ(a->results[0].seen, "95.00%（190/200）");
  EXPECT_EQ(a->results[0].required, "≥ 90%");
  EXPECT_EQ(Level(community_), "province");
  auto site = NetworkStore(*db_, Regions()).FindSite(community_);
  ASSERT_TRUE(site && *site);
  EXPECT_EQ((*site)->recognised_on, D("2023-11-20"));
  EXPECT_EQ(CountRows(*db_, "changes"), changes + 2);  // the assessment and the site's recognition

  auto twice = store_->Assess(*id, {D("2023-11-21"), "省人力资源社会保障厅", ""}, criteria_, today_, "prov");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("评估：该申报已于 2023-11-20 评估"), std::string::npos);

  // A later 市州级 application passing does not lower the 省级 recognition.
  auto lower = store_->Apply(Good(community_, "prefecture", "2024-03-01"), criteria_, today_, "county");
  ASSERT_TRUE(lower) << lower.error().message;
  ASSERT_TRUE(store_->Assess(*lower, {D("2024-04-01"), "贵阳市人社局", ""}, criteria_, today_, "city"));
  EXPECT_EQ(Level(community_), "province");

  auto list = store_->List("520102");
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).in.level, "province");
  EXPECT_TRUE(list->at(0).passed);
  ASSERT_EQ(list->at(0).results.size(), 5u);  // as recorded
  EXPECT_EQ(list->at(0).results[2].seen, "0 户");
  EXPECT_TRUE(store_->List("5203")->empty());
}

TEST_P(CommunityStoreTest, FailingACriterionIsNotRecognisedAndSaysWhich) {
  ApplicationInput in = Good(other_, "province", "2023-09-01");
  in.facts.employed = 170;                  // 85%
  in.facts.zero_employment_families = 1;
  auto id = store_->Apply(in, criteria_, today_, "county");
  ASSERT_TRUE(id) << id.error().message;
  auto a = store_->Assess(*id, {D("2023-10-01"), "省人力资源社会保障厅", ""}, criteria_, today_, "prov");
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_FALSE(a->passed);
  EXPECT_FALSE(a->results[0].met);
  EXPECT_EQ(a->results[0].seen, "85.00%（170/200）");
  EXPECT_TRUE(a->results[1].met);
  EXPECT_FALSE(a->results[2].met);
  EXPECT_EQ(Level(other_), "none");  // assessed, not recognised (R17: refused, not unknown)
}

TEST_P(CommunityStoreTest, BadInputNamesTheFieldAndStoresNothing) {
  const int64_t changes = CountRows(*db_, "changes");
  struct Case {
    ApplicationInput in;
    const char* message;
  };
  ApplicationInput negative = Good(community_, "省级", "2023-09-01");
  negative.facts.hard_to_employ = -1;
  ApplicationInput more = Good(community_, "省级", "2023-09-01");
  more.facts.employed = 201;
  ApplicationInput no_date = Good(community_, "省级", "2023-09-01");
  no_date.applied_on.reset();
  ApplicationInput agency = Good(community_, "省级", "2023-09-01");
  agency.site_id = testing::AddSite(*db_, testing::Agency("520102", "某人力资源公司", "2022-01-01"), today_);
  const Case cases[] = {
      {Good(community_, "国家级", "2023-09-01"), "申报级别：「国家级」须为省级或市州级"},
      {Good(community_, "省级", "2025-07-01"), "申报日期：2025-07-01 晚于今天"},
      {Good(community_, "省级", "2019-12-31"), "申报日期：2019-12-31 早于社区登记的设立日期"},
      {no_date, "申报日期：不能为空"},
      {negative, "就业困难人员数：-1 不能为负数"},
      {more, "已就业人数：201 多于有就业能力和就业愿望的居民数 200"},
      {Good(999999, "省级", "2023-09-01"), "社区：编号 999999"},
      {agency, "社区：「某人力资源公司」不是充分就业社区"},
  };
  for (const auto& c : cases) {
    auto r = store_->Apply(c.in, criteria_, today_, "county");
    ASSERT_FALSE(r) << c.message;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << r.error().message;
  }
  EXPECT_EQ(CountRows(*db_, "network_community_applications"), 0);
  EXPECT_EQ(CountRows(*db_, "changes"), changes + 1);  // the agency site only

  auto id = store_->Apply(Good(community_, "省级", "2023-09-01"), criteria_, today_, "county");
  ASSERT_TRUE(id);
  auto early = store_->Assess(*id, {D("2023-08-31"), "省人社厅", ""}, criteria_, today_, "prov");
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("评估日期：2023-08-31 早于申报日期 2023-09-01"), std::string::npos);
  auto nobody = store_->Assess(*id, {D("2023-10-01"), "", ""}, criteria_, today_, "prov");
  ASSERT_FALSE(nobody);
  EXPECT_NE(nobody.error().message.find("评估单位：不能为空"), std::string::npos);
  auto unknown = store_->Assess(999999, {D("2023-10-01"), "省人社厅", ""}, criteria_, today_, "prov");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Level(community_), "");
}

TEST(CommunityCriteriaTest, ShippedCriteriaAreCitedAndAssumedAndBadFilesAreNamed) {
  auto c = LoadCommunityCriteria(DefaultCommunityCriteriaFile());
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->clause, "附件4（十五）");
  EXPECT_TRUE(c->assumed);
  EXPECT_FALSE(c->standard.empty());
  EXPECT_EQ(c->LevelCode("省级"), "province");
  EXPECT_EQ(c->LevelCode("国家级"), "");
  auto bad = ParseCommunityCriteria(
      "document: d\nclause: c\nquote: q\nstandard: s\nlevels:\n  - {code: province, label: 省级}\n"
      "criteria:\n  - {id: happiness, label: 幸福}\n",
      "c.yaml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("「happiness」不是已知指标"), std::string::npos) << bad.error().message;
}

QJY_INSTANTIATE_STORE_TEST(CommunityStoreTest);

}  // namespace
}  // namespace qjy::network
