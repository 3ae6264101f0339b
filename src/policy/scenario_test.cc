#include "policy/scenario.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "policy/policy_dir.h"

namespace qjy::policy {
namespace {

std::filesystem::path Write(const std::string& name, const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() / ("qjy-scenario-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  std::ofstream(p) << text;
  return p;
}

TEST(ScenarioTest, UnknownRuleIsLoadError) {
  auto p = Write("bad_rule.yaml", "cases:\n  - name: x\n    date: 2023-10-01\n    expect: [{rule: R20}]\n");
  auto r = LoadScenarioFile(p);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("R20"), std::string::npos);
}

TEST(ScenarioTest, UnknownKeyAndBadGroupAreLoadErrors) {
  EXPECT_FALSE(LoadScenarioFile(Write("k.yaml", "cases:\n  - name: x\n    dat: 2023-10-01\n    expect: [{rule: R1}]\n")));
  EXPECT_FALSE(LoadScenarioFile(Write(
      "g.yaml", "cases:\n  - name: x\n    date: 2023-10-01\n    world: {persons: [{id: 1, groups: [wizard]}]}\n"
                "    expect: [{rule: R1}]\n")));
}

TEST(ScenarioTest, RunnerReportsFailuresWithExplanationAndCounts) {
  auto params = ParameterSet::LoadDir(DefaultParamsDir());
  ASSERT_TRUE(params) << params.error().message;
  auto p = Write("run.yaml", R"(
world:
  employers: [{code: E1, size: small, insured: 10}]
  persons: [{id: 1, birth: 2000-05-01, school_left_on: 2023-06-30, groups: [college_graduate]}]
  contracts: [{person: 1, employer: E1, start: 2023-07-01, end: 2024-06-30}]
cases:
  - name: right
    date: 2023-10-01
    expect: [{rule: R2, person: 1, eligible: true, amount_fen: 100000}]
  - name: wrong amount
    date: 2023-10-01
    expect: [{rule: R2, person: 1, eligible: true, amount_fen: 99999}]
)");
  std::ostringstream out;
  EXPECT_EQ(RunScenarioFiles(*params, {p}, out), 1);
  const std::string s = out.str();
  EXPECT_NE(s.find("wrong amount"), std::string::npos);
  EXPECT_NE(s.find("签订1年以上劳动合同"), std::string::npos);  // the explanation is printed
  EXPECT_NE(s.find("1 passed, 1 failed"), std::string::npos);
}

}  // namespace
}  // namespace qjy::policy
