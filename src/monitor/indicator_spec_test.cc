#include "monitor/indicator_spec.h"

#include <gtest/gtest.h>

namespace qjy::monitor {
namespace {

TEST(IndicatorSpecTest, TheShippedIndicatorsLoadWithTheDocumentsTargets) {
  auto specs = LoadIndicators(DefaultIndicatorsDir());
  ASSERT_TRUE(specs) << specs.error().message;
  std::map<std::string, int64_t> want = {
      {"new_urban_jobs", 600000}, {"reemployed", 130000}, {"hard_to_employ_employed", 70000}};
  for (const auto& s : *specs) {
    ASSERT_TRUE(want.contains(s.id)) << s.id;
    EXPECT_EQ(s.TargetFor(2025), want[s.id]) << s.id;
    EXPECT_EQ(s.clause, "正文（二）");
    EXPECT_FALSE(s.source.empty());
    want.erase(s.id);
  }
  EXPECT_TRUE(want.empty());
}

constexpr char kGood[] = R"(id: x
name: 测试指标
clause: 正文（二）
definition: 定义
source: 口径
computation: registrations_reemployed
unit: 人
targets:
  - {year: 2025, value: 100}
allocation:
  base: persons
  overrides:
    - {region: 520102, year: 2025, value: 7}
)";

TEST(IndicatorSpecTest, ParsesTargetsAllocationAndOverrides) {
  auto s = ParseIndicator(kGood, "x.yaml");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->computation, Computation::kRegistrationsReemployed);
  EXPECT_EQ(s->allocation, AllocationBase::kPersons);
  EXPECT_EQ((s->overrides.at({"520102", 2025})), 7);
  EXPECT_FALSE(s->TargetFor(2024));
}

TEST(IndicatorSpecTest, BadFilesNameFileLineAndReason) {
  static const struct {
    const char* from;
    const char* to;
    const char* want;
  } cases[] = {
      {"computation: registrations_reemployed", "computation: jobs_magic", "x.yaml 第 6 行：未知的计算口径“jobs_magic”"},
      {"  base: persons", "  base: gdp", "未知的分解方式"},
      {"    - {region: 520102, year: 2025, value: 7}", "    - {region: 5201, year: 2025, value: 7}", "6 位县级区划代码"},
      {"  - {year: 2025, value: 100}", "  - {year: 2025, value: 100}\n  - {year: 2025, value: 5}", "2025 年目标重复"},
      {"  - {year: 2025, value: 100}", "  - {value: 100}", "须有 year 和 value"},
      {"unit: 人\n", "", "缺少字段 unit"},
      {"unit: 人", "unit: 人\nassumed: true", "须写明 note"},
  };
  for (const auto& c : cases) {
    std::string text = kGood;
    text.replace(text.find(c.from), std::string(c.from).size(), c.to);
    auto s = ParseIndicator(text, "x.yaml");
    ASSERT_FALSE(s) << c.to;
    EXPECT_NE(s.error().message.find(c.want), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().message.find("x.yaml"), std::string::npos);
  }
}

}  // namespace
}  // namespace qjy::monitor
