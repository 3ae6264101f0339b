#include "cli/serve_memory.h"

#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

namespace qjy::cli {
namespace {

// In a child, so that the test process keeps its own settings.
TEST(ServeMemoryTest, SwitchesTransparentHugePagesOffForTheServer) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    unsetenv("MALLOC_CONF");
    // A child inherits the flag: an earlier test of this process (a server
    // started in it) may have set it.
    if (prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0) != 0) _exit(2);
    if (prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) != 0) _exit(2);
    const std::string applied = ConfigureServerMemory();
    if (applied.find("THP off") == std::string::npos) _exit(3);
    _exit(prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1 ? 0 : 4);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(ServeMemoryTest, TheOperatorsMallocConfWins) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    setenv("MALLOC_CONF", "narenas:2", 1);
    if (prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0) != 0) _exit(2);  // as inherited: see above
    const std::string applied = ConfigureServerMemory();
    _exit(applied == "MALLOC_CONF as set" && prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 0 ? 0 : 5);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace qjy::cli
