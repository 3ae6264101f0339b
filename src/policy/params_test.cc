#include "policy/params.h"

#include <gtest/gtest.h>

#include "policy/clauses.h"
#include "policy/engine.h"
#include "policy/policy_dir.h"

namespace qjy::policy {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

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

}  // namespace
}  // namespace qjy::policy
