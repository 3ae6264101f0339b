#include "policy/params.h"

#include <gtest/gtest.h>

#include "policy/clauses.h"
#include "policy/engine.h"
#include "policy/policy_dir.h"
#include "core/date_test_support.h"

namespace qjy::policy {
namespace {

using ::qjy::test_support::D;

constexpr char kGood[] = R"(
r2.amount:
  description: 金额
  unit: fen
  reference: 附件1（一）
  overridable: true
  values:
    2023-06-15: 100000
    2024-01-01: null
  overrides:
    "5201": {2023-07-01: 90000}
    "520102": {2023-08-01: 80000}
)";

TEST(ParamsTest, ValueInForceOnDate) {
  ParameterSet set;
  ASSERT_TRUE(set.AddYaml(kGood, "t.yaml"));
  EXPECT_EQ(set.Find("r2.amount")->reference, "A1(一)");
  EXPECT_FALSE(set.ValueAt("r2.amount", D("2023-06-14")));
  EXPECT_EQ(set.ValueAt("r2.amount", D("2023-06-15")), 100000);
  EXPECT_EQ(set.ValueAt("r2.amount", D("2023-12-31")), 100000);
  EXPECT_FALSE(set.ValueAt("r2.amount", D("2024-01-01")));  // null ends the scheme
  // Prefecture override from its first date; before it the province value.
  EXPECT_EQ(set.ValueAt("r2.amount", D("2023-06-20"), "520181"), 100000);
  EXPECT_EQ(set.ValueAt("r2.amount", D("2023-07-01"), "520181"), 90000);
  // County beats prefecture; before the county's first date the prefecture's.
  EXPECT_EQ(set.ValueAt("r2.amount", D("2023-07-15"), "520102"), 90000);
  EXPECT_EQ(set.ValueAt("r2.amount", D("2023-08-01"), "520102"), 80000);
  EXPECT_FALSE(set.ValueAt("nope", D("2023-08-01")));
}

struct BadCase {
  const char* what;
  const char* yaml;
  const char* message_part;
};

TEST(ParamsTest, RejectsBadFiles) {
  const BadCase cases[] = {
      {"float", "a.b:\n  description: x\n  unit: fen\n  reference: main(七)\n  values: {2023-06-15: 100.5}\n",
       "不是整数"},
      {"missing reference", "a.b:\n  description: x\n  unit: fen\n  values: {2023-06-15: 1}\n", "reference"},
      {"missing unit", "a.b:\n  description: x\n  reference: main(七)\n  values: {2023-06-15: 1}\n", "unit"},
      {"unknown clause", "a.b:\n  description: x\n  unit: fen\n  reference: main(二十三)\n  values: {2023-06-15: 1}\n",
       "不存在"},
      {"unknown annex item", "a.b:\n  description: x\n  unit: fen\n  reference: A3(六)5\n  values: {2023-06-15: 1}\n",
       "不存在"},
      {"unknown key", "a.b:\n  description: x\n  unit: fen\n  reference: main(七)\n  valeus: {2023-06-15: 1}\n",
       "未知字段"},
      {"out of order",
       "a.b:\n  description: x\n  unit: fen\n  reference: main(七)\n  values: {2024-01-01: 1, 2023-06-15: 2}\n",
       "先后"},
      {"duplicate date",
       "a.b:\n  description: x\n  unit: fen\n  reference: main(七)\n  values: {2023-06-15: 1, 2023-06-15: 2}\n",
       "重复"},
      {"bad date value", "a.b:\n  description: x\n  unit: date\n  reference: main(七)\n  values: {2023-06-15: 2023-13-01}\n",
       "日期"},
      {"rate over 100%", "a.b:\n  description: x\n  unit: percent_bp\n  reference: main(七)\n  values: {2023-06-15: 10001}\n",
       "10000"},
      {"assumed without note",
       "a.b:\n  description: x\n  unit: fen\n  reference: main(七)\n  assumed: true\n  values: {2023-06-15: 1}\n", "note"},
      {"override not allowed",
       "a.b:\n  description: x\n  unit: fen\n  reference: main(七)\n  values: {2023-06-15: 1}\n  overrides: {\"5201\": "
       "{2023-06-15: 2}}\n",
       "overridable"},
      {"override outside Guizhou",
       "a.b:\n  description: x\n  unit: fen\n  reference: main(七)\n  overridable: true\n  values: {2023-06-15: 1}\n  "
       "overrides: {\"1101\": {2023-06-15: 2}}\n",
       "贵州"},
      {"bad name", "A.B:\n  description: x\n  unit: fen\n  reference: main(七)\n  values: {2023-06-15: 1}\n", "参数名"},
  };
  for (const auto& c : cases) {
    ParameterSet set;
    auto r = set.AddYaml(c.yaml, "bad.yaml");
    ASSERT_FALSE(r) << c.what;
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos) << c.what << ": " << r.error().message;
  }
}

TEST(ParamsTest, DuplicateNameAcrossFilesRejected) {
  ParameterSet set;
  ASSERT_TRUE(set.AddYaml(kGood, "one.yaml"));
  auto r = set.AddYaml(kGood, "two.yaml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("one.yaml"), std::string::npos);
}

TEST(ParamsTest, ReplaceRequiresExistingName) {
  ParameterSet set;
  ASSERT_TRUE(set.AddYaml(kGood, "one.yaml"));
  EXPECT_FALSE(set.ReplaceYaml("x.y:\n  description: x\n  unit: fen\n  reference: main(七)\n  values: {2023-06-15: 1}\n",
                               "r.yaml"));
  ASSERT_TRUE(set.ReplaceYaml(
      "r2.amount:\n  description: x\n  unit: fen\n  reference: main(七)\n  values: {2023-06-15: 5}\n", "r.yaml"));
  EXPECT_EQ(set.ValueAt("r2.amount", D("2025-01-01")), 5);
}

TEST(ClausesTest, CanonicalForms) {
  EXPECT_EQ(CanonicalClause("附件3（六）3"), "A3(六)3");
  EXPECT_EQ(CanonicalClause("main(二十二)"), "main(二十二)");
  EXPECT_EQ(CanonicalClause("A4(十七)"), "A4(十七)");
  EXPECT_FALSE(CanonicalClause("A4(十八)"));
  EXPECT_FALSE(CanonicalClause("A2(十八)"));
  EXPECT_FALSE(CanonicalClause("A5(一)"));
  EXPECT_FALSE(CanonicalClause("A1(一)2"));
}

TEST(ShippedParamsTest, LoadAndStartEngine) {
  auto set = ParameterSet::LoadDir(DefaultParamsDir());
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set->ValueAt("r10.avg_wage_prev_year", D("2023-07-01")), 8229100);
  for (const auto& [name, p] : set->all()) {
    if (p.assumed) EXPECT_FALSE(p.note.empty()) << name;
  }
  EXPECT_TRUE(Engine::Create(*set));
}

TEST(ShippedParamsTest, EngineRefusesIncompleteSet) {
  ParameterSet set;
  ASSERT_TRUE(set.AddYaml(kGood, "t.yaml"));
  auto e = Engine::Create(set);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("r1.valid_until"), std::string::npos);
}

// Every "不超过" bound of the document is the parameter's ceiling (#12 §2):
// a value or a county override above it does not load, and the message
// names the clause as users read it.
TEST(ParamsTest, CeilingRefusesValuesAndOverridesAboveTheDocument) {
  auto yaml = [](const char* value, const char* override_value) {
    return std::string(R"(
r6.amount:
  description: 一次性交通补助每人上限
  unit: fen
  reference: A2(四)
  ceiling: 50000
  overridable: true
  values:
    2023-06-15: )") + value + R"(
  overrides:
    "520102": {2023-07-01: )" + override_value + "}\n";
  };
  ParameterSet at_ceiling;
  EXPECT_TRUE(at_ceiling.AddYaml(yaml("50000", "50000"), "t.yaml"));  // "不超过" includes the bound
  EXPECT_EQ(at_ceiling.Find("r6.amount")->ceiling, 50000);
  ParameterSet above;
  auto r = above.AddYaml(yaml("50001", "30000"), "t.yaml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("超过原文上限 50000"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("附件2（四）"), std::string::npos) << r.error().message;
  ParameterSet county_above;
  r = county_above.AddYaml(yaml("50000", "60000"), "t.yaml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("[520102]"), std::string::npos) << r.error().message;
  std::string negative = yaml("100", "100");
  negative.replace(negative.find("ceiling: 50000"), 14, "ceiling: -1");
  EXPECT_FALSE(ParameterSet().AddYaml(negative, "t.yaml"));  // a negative ceiling is refused
}

TEST(ParamsTest, ReplacementKeepsTheDocumentsCeiling) {
  auto set = ParameterSet::LoadDir(DefaultParamsDir());
  ASSERT_TRUE(set) << set.error().message;
  // R9 "每年按照不超过100元/人": a drill lifting it to 150 yuan without a ceiling still fails.
  auto r = set->ReplaceYaml(R"(
r9.amount_per_year:
  description: 演练
  unit: fen
  reference: main(十一)
  overridable: true
  values: {2023-06-15: 15000}
)", "drill.yaml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("正文（十一）"), std::string::npos) << r.error().message;
  EXPECT_TRUE(set->ReplaceYaml(R"(
r9.amount_per_year:
  description: 演练
  unit: fen
  reference: main(十一)
  overridable: true
  values: {2023-06-15: 10000}
)", "drill.yaml"));
}

TEST(ParamsTest, ShippedCeilingsAreTheDocumentsBounds) {
  auto set = ParameterSet::LoadDir(DefaultParamsDir());
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set->Find("r6.amount")->ceiling, 50000);             // A2(四) 不超过500元/人
  EXPECT_EQ(set->Find("r9.amount_per_year")->ceiling, 10000);    // main(十一) 不超过100元/人
  EXPECT_EQ(set->Find("r8.max_per_year")->ceiling, 3);           // main(十) 最多不超过三次
  EXPECT_EQ(set->Find("r15.max_loan")->ceiling, 300000000);      // A3(十) 不超过300万元
  EXPECT_EQ(set->Find("r14.extension_max_months")->ceiling, 12); // main(五) 不超过1年
}

TEST(ParamsTest, RegionUnitTakesDivisionCodes) {
  auto yaml = [](const char* v) {
    return std::string("r1.payee_insured_region:\n  description: 参保地\n  unit: region\n  reference: main(七)\n"
                       "  values:\n    2023-06-15: \"") + v + "\"\n";
  };
  ParameterSet ok;
  ASSERT_TRUE(ok.AddYaml(yaml("52"), "t.yaml"));
  EXPECT_EQ(ok.ValueAt("r1.payee_insured_region", D("2023-07-01")), 52);
  EXPECT_FALSE(ParameterSet().AddYaml(yaml("5"), "t.yaml"));
  EXPECT_FALSE(ParameterSet().AddYaml(yaml("99"), "t.yaml"));  // no such province
  EXPECT_FALSE(ParameterSet().AddYaml(yaml("贵州"), "t.yaml"));
}

}  // namespace
}  // namespace qjy::policy
