#include "monitor/warning_spec.h"

#include <gtest/gtest.h>

namespace qjy::monitor {
namespace {

TEST(WarningSpecTest, ShippedFilesLoadWithCitations) {
  auto specs = LoadWarnings(DefaultWarningsDir());
  ASSERT_TRUE(specs) << specs.error().message;
  ASSERT_EQ(specs->size(), 4u);
  for (const auto& s : *specs) {
    EXPECT_EQ(s.clause, "正文（十九）") << s.id;
    for (const auto* l : {&s.amber, &s.red}) EXPECT_TRUE(!l->source.empty() || (l->assumed && !l->note.empty())) << s.id;
  }
  const auto& layoff = (*specs)[0];
  EXPECT_EQ(layoff.kind, WarningKind::kMassLayoff);
  EXPECT_EQ(layoff.amber.at("count"), 20);  // 劳动合同法第四十一条
  EXPECT_NE(layoff.amber.source.find("第四十一条"), std::string::npos);
  ASSERT_EQ(layoff.reasons.size(), 1u);
  EXPECT_EQ(layoff.reasons[0], registry::SeparationReason::kLayoff);
}

constexpr const char* kWarningSpecGood = R"(id: s
kind: registration_surge
name: 失业登记人数激增
clause: 正文（十九）
definition: d
parameters:
  baseline_years: {value: 3, assumed: true, note: n}
  min_count: {value: 10, source: s}
levels:
  amber: {factor: 1.5, assumed: true, note: n}
  red: {factor: 2.0, assumed: true, note: n}
)";

TEST(WarningSpecTest, ErrorsNameFileAndLine) {
  ASSERT_TRUE(ParseWarning(kWarningSpecGood, "s.yaml")) << ParseWarning(kWarningSpecGood, "s.yaml").error().message;
  static const struct {
    std::string from, to, expect;
  } cases[] = {
      {"kind: registration_surge", "kind: surge", "s.yaml 第 2 行：未知的预警类型“surge”"},
      {"  min_count: {value: 10, source: s}\n", "", "缺少参数 min_count"},
      {"{value: 10, source: s}", "{value: 10}", "第 8 行：参数 min_count 须注明出处 source"},
      {"{value: 3, assumed: true, note: n}", "{value: 3, assumed: true}", "第 7 行：参数 baseline_years 为假设"},
      {"red: {factor: 2.0,", "red: {factor: 1.2,", "第 11 行：red 的阈值 factor 应比 amber 更严重"},
      {"amber: {factor: 1.5,", "amber: {", "amber 缺少阈值 factor"},
      {"{factor: 1.5, assumed: true, note: n}", "{factor: 1.5}", "第 10 行：级别 amber 须注明出处"},
  };
  for (const auto& c : cases) {
    std::string text = kWarningSpecGood;
    auto at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    text.replace(at, c.from.size(), c.to);
    auto r = ParseWarning(text, "s.yaml");
    ASSERT_FALSE(r) << c.expect;
    EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
  }
}

TEST(WarningSpecTest, LayoffReasonsMustBeKnown) {
  std::string text = R"(id: m
kind: mass_layoff
name: n
clause: 正文（十九）
definition: d
parameters:
  window_months: {value: 3, source: s}
  min_count: {value: 5, source: s}
reasons: [layoff, strike]
levels:
  amber: {count: 20, share: 0.1, source: s}
  red: {count: 50, share: 0.2, source: s}
)";
  auto r = ParseWarning(text, "m.yaml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("m.yaml 第 9 行：未知的离职原因“strike”"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace qjy::monitor
