// The comparison indicators as data (policy/indicators/linkage) and their
// view: sums over a region's counties, unknown kept apart from 0, the
// share's status against the assumed thresholds.
#include "monitor/linkage_view.h"

#include <gtest/gtest.h>

namespace qjy::monitor {
namespace {

const LinkageSpec& Spec(const std::vector<LinkageSpec>& specs, const std::string& id) {
  for (const auto& s : specs) {
    if (s.id == id) return s;
  }
  ADD_FAILURE() << "no indicator " << id;
  return specs.front();
}

TEST(LinkageSpecTest, ShippedFilesAndBadOnes) {
  auto specs = LoadLinkageIndicators(DefaultLinkageIndicatorsDir());
  ASSERT_TRUE(specs) << specs.error().message;
  ASSERT_EQ(specs->size(), 4u);
  EXPECT_EQ(Spec(*specs, "linkage_outbound_workers").clause, "附件4（五）、附件2（一）");
  EXPECT_EQ(Spec(*specs, "linkage_poverty_unemployed").clause, "附件4（九）");
  EXPECT_EQ(Spec(*specs, "linkage_benefit_employed").clause, "附件3（四）");
  const auto& served = Spec(*specs, "linkage_return_served");
  ASSERT_TRUE(served.share);
  EXPECT_TRUE(served.share->assumed);
  EXPECT_DOUBLE_EQ(served.share->green_at, 0.9);

  const std::string base =
      "id: x\nname: n\nclause: 附件4（五）\ntarget_text: t\ndefinition: d\nsource: s\nunit: 人\n";
  EXPECT_TRUE(ParseLinkageIndicator(base + "measures:\n  - {code: workers, label: 人数}\n", "ok.yaml"));
  auto unknown = ParseLinkageIndicator(base + "measures:\n  - {code: salary, label: 工资}\n", "bad.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("bad.yaml 第 9 行"), std::string::npos) << unknown.error().message;
  EXPECT_NE(unknown.error().message.find("salary"), std::string::npos);
  // A threshold the document does not cite must be marked assumed.
  auto cited = ParseLinkageIndicator(base + "measures:\n  - {code: due, label: a}\n  - {code: done_in_time, label: b}\n"
                                            "share: {numerator: done_in_time, denominator: due, label: r, green_at: 0.9,"
                                            " amber_at: 0.8, note: n}\n",
                                     "share.yaml");
  ASSERT_FALSE(cited);
  EXPECT_NE(cited.error().message.find("assumed"), std::string::npos);
  auto stray = ParseLinkageIndicator(base + "measures:\n  - {code: due, label: a}\n"
                                            "share: {numerator: done_in_time, denominator: due, label: r, green_at: 0.9,"
                                            " amber_at: 0.8, assumed: true, note: n}\n",
                                     "share.yaml");
  ASSERT_FALSE(stray);
  EXPECT_NE(stray.error().message.find("done_in_time"), std::string::npos);
}

TEST(LinkageViewTest, SumsCountiesKeepsUnknownAndRatesTheShare) {
  auto specs = LoadLinkageIndicators(DefaultLinkageIndicatorsDir());
  ASSERT_TRUE(specs) << specs.error().message;
  std::vector<linkage::LinkageMonthCounts> counts(4);
  counts[0].county_code = "520102";
  counts[0].month = "2026-11";
  counts[0].workers = 3;
  counts[0].employed = 2;
  counts[0].insured = 1;
  counts[0].done_in_time = 8;
  counts[0].done_late = 1;
  counts[0].open_overdue = 1;
  counts[1].county_code = "520103";
  counts[1].month = "2026-11";
  counts[1].workers = 1;  // statuses and insured months not held
  counts[1].done_in_time = 1;
  counts[2].county_code = "520203";  // another prefecture
  counts[2].month = "2026-11";
  counts[2].workers = 50;
  counts[2].employed = 50;
  counts[3].county_code = "520102";
  counts[3].month = "2026-10";
  counts[3].workers = 7;
  counts[3].employed = 7;

  const auto& out = Spec(*specs, "linkage_outbound_workers");
  LinkageView v = BuildLinkageView(out, counts, "5201", {"520102", "520103", "520111"}, 2026, 11);
  ASSERT_EQ(v.point.values.size(), out.measures.size());
  EXPECT_EQ(v.point.values[0], 4);  // workers 3 + 1
  EXPECT_EQ(v.point.values[1], 2);  // employed: 520103's unknown is not a 0, 520203 not counted
  EXPECT_FALSE(v.point.values[2].has_value());  // unemployed: nobody holds it
  EXPECT_EQ(v.point.values[3], 1);
  EXPECT_EQ(v.months[0][9], 7);     // October's workers
  EXPECT_EQ(v.months[0][10], 4);
  EXPECT_FALSE(v.months[0][11].has_value());  // after the month
  EXPECT_FALSE(v.months[0][0].has_value());   // January: no comparison, unknown
  ASSERT_EQ(v.children.size(), 3u);
  EXPECT_FALSE(v.children[1].point.values[1].has_value());
  EXPECT_FALSE(v.children[2].point.values[0].has_value());  // 520111: no comparison at all
  EXPECT_EQ(v.point.status, Status::kNoTarget);

  const auto& served = Spec(*specs, "linkage_return_served");
  LinkageView s = BuildLinkageView(served, counts, "5201", {"520102", "520103"}, 2026, 11);
  EXPECT_EQ(s.point.share_bp, 8182);  // 9 ÷ 11
  EXPECT_EQ(s.point.status, Status::kAmber);
  EXPECT_NE(s.point.reason.find("81.8%"), std::string::npos) << s.point.reason;
  EXPECT_EQ(s.children[0].point.share_bp, 8000);
  EXPECT_EQ(s.children[0].point.status, Status::kAmber);
  EXPECT_EQ(s.children[1].point.status, Status::kGreen);
  LinkageView none = BuildLinkageView(served, counts, "5203", {}, 2026, 11);
  EXPECT_FALSE(none.point.share_bp.has_value());
  EXPECT_EQ(none.point.status, Status::kNoTarget);
  EXPECT_NE(none.point.reason.find("未知"), std::string::npos) << none.point.reason;
}

}  // namespace
}  // namespace qjy::monitor
