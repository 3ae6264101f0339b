// qjy policy test|eval|sweep|params|approve, qjy ledger check: the policy
// engine of 黔府发〔2023〕12号 from the command line (src/policy).
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "policy/engine.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/scenario.h"

namespace qjy::cli {
namespace {

Result<policy::ParameterSet> LoadParams(const std::string& dir) {
  return policy::ParameterSet::LoadDir(dir.empty() ? policy::DefaultParamsDir() : std::filesystem::path(dir));
}

}  // namespace

void AddPolicyCommands(CLI::App& app, int& exit_code) {
  auto* policy = app.add_subcommand("policy", "政策引擎（黔府发〔2023〕12号 R1–R18）/ policy engine");
  policy->require_subcommand(1);

  auto* test = policy->add_subcommand(
      "test", "运行政策情景测试，输出 “N passed, N failed” / run policy scenario tests");
  auto files = std::make_shared<std::vector<std::string>>();
  auto test_params = std::make_shared<std::string>();
  auto verbose = std::make_shared<bool>(false);
  test->add_option("FILE", *files, "情景文件 policy/tests/*.yaml / scenario files")->required();
  test->add_option("--params", *test_params, "参数目录（默认 policy/params）/ parameter directory");
  test->add_flag("-v,--verbose", *verbose, "列出通过的用例 / list passing cases");
  test->callback([files, test_params, verbose, &exit_code] {
    auto params = LoadParams(*test_params);
    if (!params) {
      std::cerr << "参数集无效，拒绝运行：" << params.error().message << "\n";
      exit_code = 1;
      return;
    }
    std::vector<std::filesystem::path> paths(files->begin(), files->end());
    const int failed = policy::RunScenarioFiles(*params, paths, std::cout, *verbose);
    exit_code = failed == 0 ? 0 : 1;
  });
}

}  // namespace qjy::cli
