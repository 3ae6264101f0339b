// kill -9 during an import: every stored person is complete (groups and
// certificates included), and importing the same file again completes it.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "importer/import.h"
#include "importer/import_test_util.h"

namespace qjy::importer {
namespace {

using namespace testing;  // NOLINT

TEST(ImportCrashTest, KilledImportLeavesWholeRowsAndReimportCompletes) {
  constexpr int kRows = 6000;
  constexpr size_t kBatch = 500;
  TempDir dir;
  std::string csv = dir / "big.csv";
  std::string db = dir / "registry.db";
  {
    std::string text = kPersonHeader;
    for (int i = 0; i < kRows; ++i) text += PersonRow(i);
    WriteFile(csv, text);
    TestRegistry migrate(db);  // schema in place before the child starts
  }
  Regions();  // loaded before fork

  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    TestRegistry reg(db);
    ImportOptions options = TestOptions();
    options.batch_size = kBatch;
    options.after_batch = [&](int64_t) {
      char b = 'b';
      if (write(fds[1], &b, 1) != 1) _exit(3);
    };
    auto r = Import(Entity::kPersons, csv, *reg.registry, *reg.db, options);
    _exit(r ? 0 : 2);
  }
  close(fds[1]);
  // Kill the child while it is inside the fourth batch's transaction (or
  // just after it): three batches are known to be committed.
  int batches = 0;
  char c;
  while (batches < 3 && read(fds[0], &c, 1) == 1) ++batches;
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  close(fds[0]);
  ASSERT_EQ(batches, 3);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before it could be killed";

  TestRegistry reg(db);
  int64_t stored = reg.registry->Counts().value().persons;
  EXPECT_GE(stored, static_cast<int64_t>(3 * kBatch));
  EXPECT_LT(stored, kRows);
  EXPECT_EQ(stored % static_cast<int64_t>(kBatch), 0) << "a batch was stored in part";
  int64_t complete = 0;
  ASSERT_TRUE(reg.registry->ForEachPerson([&](const registry::Person& p) {
    complete += p.groups.size() == 2 && p.certificates.size() == 1 && !p.name.empty();
  }));
  EXPECT_EQ(complete, stored);

  auto again = Import(Entity::kPersons, csv, *reg.registry, *reg.db, TestOptions());
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->inserted, kRows - stored);
  EXPECT_EQ(again->unchanged, stored);
  EXPECT_EQ(again->rejected, 0);
  EXPECT_EQ(reg.registry->Counts().value().persons, kRows);
}

}  // namespace
}  // namespace qjy::importer
