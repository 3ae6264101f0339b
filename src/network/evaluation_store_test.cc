#include "network/evaluation_store.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

class EvaluationStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    evals_ = std::make_unique<EvaluationStore>(*db_, Regions());
    auto m = evals_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
    auto s = LoadEvaluationScheme(DefaultEvaluationSchemeFile());
    ASSERT_TRUE(s) << s.error().message;
    scheme_ = *s;
    NetworkStore net(*db_, Regions());
    SiteInput in;
    in.kind = "employment_office";
    in.tier = "township";
    in.region = "520102016";
    in.name = "新华路街道就业服务站";
    in.opened_on = D("2021-03-01");
    auto id = net.AddSite(in, today_, "county");
    ASSERT_TRUE(id) << id.error().message;
    office_ = *id;
    in.name = "新开街道就业服务站";
    in.opened_on = D("2025-02-01");
    auto young = net.AddSite(in, today_, "county");
    ASSERT_TRUE(young) << young.error().message;
    new_office_ = *young;
    in.kind = "hr_agency";
    in.tier = "county";
    in.region = "520102";
    in.name = "某人力资源服务有限公司";
    auto agency = net.AddSite(in, today_, "county");
    ASSERT_TRUE(agency) << agency.error().message;
    agency_ = *agency;
  }

  int64_t Count(const char* table) {
    auto r = db_->Query(std::string("SELECT COUNT(*) FROM ") + table);
    return r ? r->at(0).Int(0) : -1;
  }

  EvaluationInput Scores(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e) const {
    EvaluationInput in;
    in.site_id = office_;
    in.year = 2024;
    in.scores = {{"均等化", a}, {"smart", b}, {"精准化", c}, {"多元化", d}, {"标准化", e}};
    in.evaluated_on = D("2025-02-20");
    in.evaluator = "南明区人力资源和社会保障局";
    return in;
  }

  std::unique_ptr<EvaluationStore> evals_;
  EvaluationScheme scheme_;
  int64_t office_ = 0, new_office_ = 0, agency_ = 0;
  const Date today_ = D("2025-06-30");
};

TEST_P(EvaluationStoreTest, ScoresGiveTheResultAndAReentryKeepsTheOldValues) {
  const int64_t changes = Count("changes");
  auto id = evals_->Record(Scores(18, 17, 16, 15, 14), scheme_, today_, "county");  // 80
  ASSERT_TRUE(id) << id.error().message;
  auto e = evals_->Find(*id);
  ASSERT_TRUE(e && *e);
  EXPECT_EQ((*e)->total, 80);
  EXPECT_EQ((*e)->result, "pass");
  EXPECT_EQ((*e)->in.scores.at("equal"), 18);  // labels stored as criterion ids
  EXPECT_EQ((*e)->county_code, "520102");

  auto again = evals_->Record(Scores(20, 19, 18, 17, 16), scheme_, today_, "county");  // 90: 优秀
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, *id);  // one evaluation per institution and year
  e = evals_->Find(*id);
  ASSERT_TRUE(e && *e);
  EXPECT_EQ((*e)->total, 90);
  EXPECT_EQ((*e)->result, "excellent");
  EXPECT_EQ(Count("network_evaluations"), 1);
  EXPECT_EQ(Count("changes"), changes + 2);
  auto diff = db_->Query("SELECT diff_json FROM changes WHERE entity = 'evaluation' AND op = 'update'");
  ASSERT_TRUE(diff);
  ASSERT_EQ(diff->size(), 1u);
  const auto j = nlohmann::json::parse(diff->front().Text(0));
  EXPECT_EQ(j["total"][0], 80);
  EXPECT_EQ(j["total"][1], 90);

  // The same scores again: no write, no history.
  ASSERT_TRUE(evals_->Record(Scores(20, 19, 18, 17, 16), scheme_, today_, "county"));
  EXPECT_EQ(Count("changes"), changes + 2);

  auto fail = Scores(10, 10, 10, 10, 10);  // 50
  fail.year = 2023;
  ASSERT_TRUE(evals_->Record(fail, scheme_, today_, "county"));
  auto list = evals_->List("520102", 2023);
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().result, "fail");
  auto all = evals_->List("52");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
  auto elsewhere = evals_->List("5203");
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(elsewhere->empty());
}

TEST_P(EvaluationStoreTest, BadInputNamesTheFieldAndStoresNothing) {
  const int64_t changes = Count("changes");
  auto agency = Scores(20, 20, 20, 20, 20);
  agency.site_id = agency_;
  auto young = Scores(20, 20, 20, 20, 20);
  young.site_id = new_office_;
  auto early = Scores(20, 20, 20, 20, 20);
  early.year = 2022;
  auto future = Scores(20, 20, 20, 20, 20);
  future.year = 2026;
  auto over = Scores(21, 20, 20, 20, 20);
  auto missing = Scores(20, 20, 20, 20, 20);
  missing.scores.erase("标准化");
  auto unknown = Scores(20, 20, 20, 20, 20);
  unknown.scores["满意度"] = 5;
  auto date = Scores(20, 20, 20, 20, 20);
  date.evaluated_on = D("2023-12-01");
  auto no_evaluator = Scores(20, 20, 20, 20, 20);
  no_evaluator.evaluator.clear();
  struct Case {
    EvaluationInput in;
    const char* error;
  } const cases[] = {
      {agency, "机构：「某人力资源服务有限公司」不是就业公共服务机构"},
      {young, "评估年度：「新开街道就业服务站」在 2024 年未运行"},
      {early, "评估年度：2022 须在 2023—2025 之间"},
      {future, "评估年度：2026"},
      {over, "评分「均等化」：21 须在 0—20 分之间"},
      {missing, "评分「标准化」：不能为空"},
      {unknown, "评分：「满意度」不是评估指标"},
      {date, "评估日期：2023-12-01 早于评估年度 2024 年"},
      {no_evaluator, "评估单位：不能为空"},
  };
  for (const auto& c : cases) {
    auto r = evals_->Record(c.in, scheme_, today_, "county");
    ASSERT_FALSE(r) << c.error;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find(c.error), std::string::npos) << r.error().message;
  }
  EXPECT_EQ(Count("network_evaluations"), 0);
  EXPECT_EQ(Count("changes"), changes);
}

TEST(EvaluationSchemeTest, ShippedSchemeCitesTheClauseAndThresholdsGiveResults) {
  auto s = LoadEvaluationScheme(DefaultEvaluationSchemeFile());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->clause, "正文（十三）");
  EXPECT_TRUE(s->assumed);
  EXPECT_EQ(s->MaxTotal(), 100);
  EXPECT_EQ(s->ResultFor(90).label, "优秀");
  EXPECT_EQ(s->ResultFor(89).label, "合格");
  EXPECT_EQ(s->ResultFor(60).label, "合格");
  EXPECT_EQ(s->ResultFor(59).label, "不合格");

  auto unordered = ParseEvaluationScheme(R"(
document: d
clause: c
quote: q
first_year: 2023
criteria:
  - {id: a, label: 甲, max_points: 100}
results:
  - {code: pass, label: 合格, min_points: 60}
  - {code: good, label: 优秀, min_points: 90}
  - {code: fail, label: 不合格, min_points: 0}
)", "evaluation.yaml");
  ASSERT_FALSE(unordered);
  EXPECT_NE(unordered.error().message.find("evaluation.yaml：第 2 个等次 的 min_points"), std::string::npos)
      << unordered.error().message;
}

QJY_INSTANTIATE_STORE_TEST(EvaluationStoreTest);

}  // namespace
}  // namespace qjy::network
