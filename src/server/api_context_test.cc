// The configuration built at start: the shipped files load; a broken
// parameter file is refused with its name and line.
#include "server/api_context.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/install_paths.h"

namespace qjy::server {
namespace {

namespace fs = std::filesystem;

TEST(ApiContextTest, TheShippedFilesLoad) {
  auto ctx = LoadApiContext();
  ASSERT_TRUE(ctx) << ctx.error().message;
  ASSERT_NE((*ctx)->policy_params, nullptr);
  EXPECT_NE((*ctx)->policy_params->Find("common.policy_start"), nullptr);
  ASSERT_NE((*ctx)->services, nullptr);
  EXPECT_FALSE((*ctx)->services->catalog().packages().empty());
  ASSERT_NE((*ctx)->screener, nullptr);
  ASSERT_NE((*ctx)->occupations, nullptr);
  EXPECT_GT((*ctx)->occupations->size(), 10u);
  EXPECT_GT((*ctx)->match_weights.occ_same, 0);
}

TEST(ApiContextTest, ABrokenParameterFileNamesFileAndLine) {
  const fs::path dir = fs::temp_directory_path() / ("qjy-api-context-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(ShippedPath("policy/params/common.yaml"), dir / "common.yaml");
  std::ofstream(dir / "extra.yaml") << "extra.ok:\n"
                                       "  description: 有单位\n"
                                       "  unit: count\n"
                                       "  reference: main\n"
                                       "  values:\n"
                                       "    2023-06-15: 1\n"
                                       "extra.bad:\n"
                                       "  description: 条款不存在\n"
                                       "  unit: count\n"
                                       "  reference: 正文（九十九）\n"
                                       "  values:\n"
                                       "    2023-06-15: 1\n";
  auto ctx = LoadApiContext({.policy_params_dir = dir});
  ASSERT_FALSE(ctx);
  EXPECT_NE(ctx.error().message.find("政策参数无法加载"), std::string::npos) << ctx.error().message;
  EXPECT_NE(ctx.error().message.find("extra.yaml（第 7 行）参数 extra.bad"), std::string::npos) << ctx.error().message;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace qjy::server
