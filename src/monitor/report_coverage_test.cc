// The report's section on the service network (附件4): the counts are the
// coverage computation's own (CoverageJson's summary), the worst duties come
// 未达标 first with the most places missing, and the section is in the
// rendered report (or says it was not computed).
#include "monitor/report_coverage.h"
#include "monitor/report_linkage.h"

#include <gtest/gtest.h>

#include "core/refdata.h"
#include "monitor/report_html.h"
#include "network/coverage_query.h"
#include "network/duties.h"
#include "core/date_test_support.h"

namespace qjy::monitor {
namespace {

using ::qjy::test_support::D;

network::DutyResult Duty(std::string id, network::Status s, int64_t gaps) {
  network::DutyResult d;
  d.id = id;
  d.title = "职责" + id;
  d.clause = "附件4（一）";
  d.requirement = "每个县至少 1 个";
  d.status = s;
  d.places = 10;
  d.covered = 10 - gaps;
  d.required = 10;
  d.deadline = D(2025, 12, 31);
  d.gap_count = gaps;
  for (int64_t i = 0; i < gaps; ++i) d.gaps.push_back({"52010" + std::to_string(i), "某县" + std::to_string(i), "无"});
  return d;
}

TEST(ReportCoverageTest, CountsAndWorstFirst) {
  network::CoverageReport r;
  r.scope = "52";
  r.scope_name = "贵州省";
  r.as_of = D(2025, 6, 30);
  r.duties = {Duty("a", network::Status::kMet, 0), Duty("b", network::Status::kLate, 9),
              Duty("c", network::Status::kMissing, 2), Duty("d", network::Status::kMissing, 7),
              Duty("e", network::Status::kPending, 1), Duty("f", network::Status::kInfo, 0)};
  const ReportCoverage c = CoverageSection(r, 8, 5);
  EXPECT_EQ(c.duties, 6);
  EXPECT_EQ(c.met, 1);
  EXPECT_EQ(c.late, 1);
  EXPECT_EQ(c.missing, 2);
  EXPECT_EQ(c.pending, 1);
  ASSERT_EQ(c.worst.size(), 3u);
  EXPECT_EQ(c.worst[0].id, "d");  // missing, 7 gaps
  EXPECT_EQ(c.worst[1].id, "c");  // missing, 2 gaps
  EXPECT_EQ(c.worst[2].id, "b");  // late, even with 9 gaps
  EXPECT_EQ(c.worst[0].status_label, "未达标");
  EXPECT_EQ(c.worst[0].gaps.size(), 5u);  // the first five of seven
  EXPECT_EQ(c.worst[0].gaps[0], "某县0：无");
  EXPECT_EQ(c.worst[0].current, "3/10（应达 10）");
  EXPECT_EQ(CoverageSection(r, 1).worst.size(), 1u);
}

TEST(ReportCoverageTest, AsOfIsTheQuarterEndOrToday) {
  EXPECT_EQ(CoverageAsOf(*ParseQuarter("2025Q2"), D(2025, 12, 1)), D(2025, 6, 30));
  EXPECT_EQ(CoverageAsOf(*ParseQuarter("2025Q4"), D(2025, 12, 1)), D(2025, 12, 1));
  EXPECT_EQ(CoverageAsOf(*ParseQuarter("2024Q4"), D(2025, 12, 1)), D(2024, 12, 31));
}

// The same computation as /api/network/coverage: over the shipped duties and
// a province without sites, the section's counts are CoverageJson's summary.
TEST(ReportCoverageTest, SameCountsAsTheCoverageReport) {
  auto duties = network::LoadDuties(network::DefaultDutiesFile());
  ASSERT_TRUE(duties) << duties.error().message;
  auto regions = RegionIndex::Load(RefdataDir());
  ASSERT_TRUE(regions) << regions.error().message;
  auto r = network::ComputeCoverage(*regions, "5201", D(2025, 6, 30), *duties, {}, {}, D(2025, 1, 1));
  ASSERT_TRUE(r) << r.error().message;
  const auto json = network::CoverageJson(*r);
  const ReportCoverage c = CoverageSection(*r);
  EXPECT_EQ(c.met, json["summary"]["met"]);
  EXPECT_EQ(c.late, json["summary"]["late"]);
  EXPECT_EQ(c.missing, json["summary"]["missing"]);
  EXPECT_EQ(c.pending, json["summary"]["pending"]);
  EXPECT_EQ(c.duties, static_cast<int64_t>(json["duties"].size()));
  EXPECT_GT(c.missing, 0) << "no sites: some duty is not met";
  ASSERT_FALSE(c.worst.empty());
  EXPECT_EQ(c.worst[0].status, "missing");
}

TEST(ReportCoverageTest, SectionInTheReport) {
  auto regions = *RegionIndex::FromRows({{"52", "贵州省", RegionLevel::kProvince, ""},
                                         {"5201", "贵阳市", RegionLevel::kPrefecture, "52"},
                                         {"520102", "南明区", RegionLevel::kCounty, "5201"}});
  IndicatorSpec spec;
  spec.id = "reemployed";
  spec.name = "失业人员再就业人数";
  spec.unit = "人";
  MonitorData data;
  data.series = {CountySeries{}};
  data.latest = D(2025, 6, 1);
  const std::vector<IndicatorSpec> specs{spec};
  auto report = BuildQuarterlyReport(specs, data, *ResolveReportScope(regions, "5201"), regions,
                                     *ParseQuarter("2025Q2"), 1751419800);
  ASSERT_TRUE(report) << report.error().message;
  const ReportAssets assets{"/*echarts*/", "{}"};
  EXPECT_NE(RenderReportHtml(*report, assets).find("服务网络达标情况未计算"), std::string::npos);

  network::CoverageReport r;
  r.scope_name = "贵阳市";
  r.as_of = D(2025, 6, 30);
  r.duties = {Duty("gig_market", network::Status::kMissing, 3), Duty("office", network::Status::kMet, 0)};
  report->coverage = CoverageSection(r);
  const std::string html = RenderReportHtml(*report, assets);
  EXPECT_NE(html.find("四、服务网络达标情况（附件4）"), std::string::npos);
  EXPECT_NE(html.find("贵阳市截至 2025-06-30，附件4 各项服务网络职责 2 项：达标 1 项，逾期达标 0 项，未达标 1 项"),
            std::string::npos);
  EXPECT_NE(html.find("data-duty=\"gig_market\""), std::string::npos);
  EXPECT_EQ(html.find("data-duty=\"office\""), std::string::npos) << "met duties are not among the worst";
  EXPECT_NE(html.find("某县2：无"), std::string::npos);
  EXPECT_LT(html.find("四、服务网络达标情况"), html.find("六、指标定义与口径"));
  EXPECT_NE(html.find("跨省比对结果未计算"), std::string::npos);

  // The comparison's section (report_linkage.h): the quarter's months up
  // to the data, unknown facts as 未知, the region's counties only.
  auto linkage_specs = LoadLinkageIndicators(DefaultLinkageIndicatorsDir());
  ASSERT_TRUE(linkage_specs) << linkage_specs.error().message;
  std::vector<linkage::LinkageMonthCounts> counts(2);
  counts[0].county_code = "520102";
  counts[0].month = "2025-05";
  counts[0].workers = 12;
  counts[0].employed = 9;
  counts[0].done_in_time = 3;
  counts[0].open_overdue = 1;
  counts[1].county_code = "520302";  // another prefecture
  counts[1].month = "2025-05";
  counts[1].workers = 40;
  report->linkage = BuildReportLinkage(*linkage_specs, counts, "5201", *ParseQuarter("2025Q2"), "2025-05");
  ASSERT_EQ(report->linkage->indicators.size(), 4u);
  const ReportLinkageIndicator& out = report->linkage->indicators[0];
  ASSERT_EQ(out.rows.size(), 2u);  // April, May: June is after the data
  EXPECT_FALSE(out.rows[0].values[0].has_value());  // April: no comparison
  EXPECT_EQ(out.rows[1].values[0], 12);
  EXPECT_EQ(out.rows[1].values[1], 9);
  EXPECT_FALSE(out.rows[1].values[2].has_value());  // unemployed not held
  EXPECT_EQ(report->linkage->indicators[1].rows[1].share_bp, 7500);
  const std::string with = RenderReportHtml(*report, assets);
  EXPECT_NE(with.find("五、跨省比对监测（附件4（五）、附件2（一）、附件4（九）、附件3（四））"), std::string::npos);
  EXPECT_NE(with.find("data-linkage=\"linkage_return_served\""), std::string::npos);
  EXPECT_NE(with.find("75.0%"), std::string::npos);
  EXPECT_NE(with.find("未知"), std::string::npos);
  EXPECT_LT(with.find("五、跨省比对监测"), with.find("六、指标定义与口径"));
}

}  // namespace
}  // namespace qjy::monitor
