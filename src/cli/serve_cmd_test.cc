// qjy serve builds its configuration before it listens: a broken policy
// parameter file stops the start with the file and the line, exit code 1
// (not a 503 on the first request).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "core/install_paths.h"

namespace qjy::cli {
namespace {

namespace fs = std::filesystem;

TEST(ServeCmdTest, ABrokenParameterFileStopsTheStartNamingFileAndLine) {
  const fs::path dir = fs::temp_directory_path() / ("qjy-serve-cmd-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "params");
  for (const auto& e : fs::directory_iterator(ShippedPath("policy/params"))) {
    fs::copy_file(e.path(), dir / "params" / e.path().filename());
  }
  // A parameter without its unit, on line 4 of a file of its own.
  std::ofstream(dir / "params" / "zz_broken.yaml") << "# broken on purpose\n"
                                                      "\n"
                                                      "\n"
                                                      "zz.broken:\n"
                                                      "  description: 没有单位的参数\n"
                                                      "  reference: main\n"
                                                      "  values:\n"
                                                      "    2023-06-15: 1\n";
  ::setenv("QJY_POLICY_PARAMS", (dir / "params").c_str(), 1);
  // Port 1: were the start to go on, it could not listen anyway.
  auto r = testing::RunCommand(AddServeCommands, "serve --db " + (dir / "s.db").string() + " --port 1");
  ::unsetenv("QJY_POLICY_PARAMS");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("政策参数无法加载"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("zz_broken.yaml（第 4 行）"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("缺少 unit"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("服务已启动"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace qjy::cli
