#include "monitor/report.h"

#include <gtest/gtest.h>

#include "monitor/report_html.h"
#include "core/date_test_support.h"

namespace qjy::monitor {
namespace {

using ::qjy::test_support::D;

RegionIndex Regions() {
  return *RegionIndex::FromRows({{"52", "贵州省", RegionLevel::kProvince, ""},
                                 {"5201", "贵阳市", RegionLevel::kPrefecture, "52"},
                                 {"5203", "遵义市", RegionLevel::kPrefecture, "52"},
                                 {"520102", "南明区", RegionLevel::kCounty, "5201"},
                                 {"520103", "云岩区", RegionLevel::kCounty, "5201"},
                                 {"520302", "红花岗区", RegionLevel::kCounty, "5203"},
                                 {"520102001", "某街道", RegionLevel::kTownship, "520102"}});
}

IndicatorSpec ReportSpec() {
  IndicatorSpec s;
  s.id = "reemployed";
  s.name = "失业人员再就业人数";
  s.unit = "人";
  s.targets = {{2025, 1200}};
  return s;
}

TEST(QuarterTest, Parses) {
  auto q = ParseQuarter("2025Q2");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->FirstMonth(), 4);
  EXPECT_EQ(q->LastMonth(), 6);
  EXPECT_EQ(q->Label(), "2025年第二季度");
  EXPECT_EQ(ParseQuarter("2025q4")->number, 4);
  static const char* bad[] = {"2025Q5", "2025Q0", "2025-2", "25Q2", "2025Q", "1999Q1", ""};
  for (const char* b : bad) {
    auto r = ParseQuarter(b);
    ASSERT_FALSE(r) << b;
    EXPECT_NE(r.error().message.find("季度"), std::string::npos) << r.error().message;
  }
}

TEST(ReportScopeTest, ProvincePrefectureCountyOnly) {
  const RegionIndex regions = Regions();
  auto p = ResolveReportScope(regions, "52");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->children, (std::vector<std::string>{"5201", "5203"}));
  EXPECT_EQ(p->counties.size(), 3u);
  auto g = ResolveReportScope(regions, "5201");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->name, "贵阳市");
  EXPECT_EQ(g->counties, (std::vector<std::string>{"520102", "520103"}));
  EXPECT_TRUE(ResolveReportScope(regions, "520102")->children.empty());
  EXPECT_FALSE(ResolveReportScope(regions, "520102001"));  // township
  EXPECT_FALSE(ResolveReportScope(regions, "9999"));
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    specs_ = {ReportSpec()};
    CountySeries c;
    c["520102"].Add(D(2025, 2, 1), 100);  // Q1
    c["520102"].Add(D(2025, 4, 1), 30);   // Q2
    c["520102"].Add(D(2025, 6, 1), 20);
    c["520103"].Add(D(2025, 5, 1), 7);
    c["520302"].Add(D(2025, 7, 1), 5);    // Q3: not in Q2
    c["520102"].Add(D(2024, 5, 1), 40);   // a year earlier
    data_.series = {c};
    data_.persons = {{"520102", 10}, {"520103", 10}, {"520302", 10}};
    data_.latest = D(2025, 7, 1);
  }
  std::vector<IndicatorSpec> specs_;
  MonitorData data_;
  RegionIndex regions_ = Regions();
  // 2025-07-02 01:30 UTC = 09:30 in Beijing.
  static constexpr int64_t kNow = 1751419800;
};

TEST_F(ReportTest, QuarterValuesYearToDateAndChildren) {
  auto r = BuildQuarterlyReport(specs_, data_, *ResolveReportScope(regions_, "52"), regions_, *ParseQuarter("2025Q2"),
                                kNow);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->title, "《贵州省2025年第二季度就业形势分析》");
  EXPECT_EQ(r->generated, "2025年7月2日 09:30（北京时间）");
  ASSERT_EQ(r->indicators.size(), 1u);
  const auto& rows = r->indicators[0].rows;
  // Province, 贵阳市 and its two counties, 遵义市 and its county.
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0].quarter, 57);
  EXPECT_EQ(rows[0].quarter_last_year, 40);
  EXPECT_EQ(rows[0].ytd.actual, 157);  // January..June
  EXPECT_EQ(rows[0].ytd.target, 1200);
  EXPECT_EQ(rows[1].name, "贵阳市");
  EXPECT_EQ(rows[1].depth, 1);
  EXPECT_EQ(rows[1].quarter, 57);
  EXPECT_EQ(rows[2].name, "南明区");
  EXPECT_EQ(rows[2].parent_name, "贵阳市");
  EXPECT_EQ(rows[2].quarter, 50);
  EXPECT_EQ(rows[2].months[5], 20);
  EXPECT_EQ(rows[4].name, "遵义市");
  EXPECT_EQ(rows[4].quarter, 0);
  EXPECT_EQ(rows[5].months[6], 5);  // July is in the months, not in the quarter
  // The county targets add up to the province's.
  EXPECT_EQ(*rows[1].ytd.target + *rows[4].ytd.target, 1200);
  EXPECT_FALSE(r->warnings);  // no provider: not computed
}

TEST_F(ReportTest, WarningsFromTheProviderAndTheSectionSaysWhenNone) {
  const ReportAssets assets{"/*echarts*/", "{}"};
  auto scope = *ResolveReportScope(regions_, "5201");
  auto without = BuildQuarterlyReport(specs_, data_, scope, regions_, *ParseQuarter("2025Q2"), kNow);
  ASSERT_TRUE(without);
  const std::string plain = RenderReportHtml(*without, assets);
  EXPECT_NE(plain.find("风险预警尚未计算"), std::string::npos);
  EXPECT_NE(plain.find(std::string(kReportCitation)), std::string::npos);
  EXPECT_NE(plain.find("失业人员再就业人数"), std::string::npos);
  EXPECT_NE(plain.find("南明区"), std::string::npos);
  EXPECT_EQ(plain.find("\"map\":{"), std::string::npos);  // the map only for the province

  WarningsProvider provider = [](const QuarterlyReport& r) {
    return std::vector<ReportWarning>{{"失业人员再就业人数", r.scope.name, "黄色", "进度偏慢"}};
  };
  auto with = BuildQuarterlyReport(specs_, data_, scope, regions_, *ParseQuarter("2025Q2"), kNow, provider);
  ASSERT_TRUE(with && with->warnings);
  const std::string html = RenderReportHtml(*with, assets);
  EXPECT_EQ(html.find("风险预警尚未计算"), std::string::npos);
  EXPECT_NE(html.find("进度偏慢"), std::string::npos);
}

TEST_F(ReportTest, QuarterNotYetBegunIsRefused) {
  auto r = BuildQuarterlyReport(specs_, data_, *ResolveReportScope(regions_, "52"), regions_, *ParseQuarter("2025Q4"),
                                kNow);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("尚未开始"), std::string::npos);
  // Incomplete quarter: data through July only.
  auto q3 = BuildQuarterlyReport(specs_, data_, *ResolveReportScope(regions_, "52"), regions_, *ParseQuarter("2025Q3"),
                                 kNow);
  ASSERT_TRUE(q3);
  EXPECT_NE(q3->PeriodNote().find("尚不完整"), std::string::npos);
}

}  // namespace
}  // namespace qjy::monitor
