// ImportJobs::StartTask: long work other than imports (a policy sweep) run
// as a job with progress, under the import jobs' limits and retention.
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "server/import_jobs.h"

namespace qjy::server {
namespace {

namespace fs = std::filesystem;

class ImportJobsTaskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("qjy_task_jobs_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static ImportJobView WaitDone(ImportJobs& jobs, const std::string& id, int64_t account) {
    for (int i = 0; i < 1000; ++i) {
      auto v = jobs.Get(id, account);
      if (v && v->state != "running") return *v;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "job did not finish";
    return {};
  }

  fs::path dir_;
  Vault vault_ = Vault::FromKey(std::array<uint8_t, 32>{4, 5, 6});
};

TEST_F(ImportJobsTaskTest, ATaskReportsProgressThenItsResultToItsStarterOnly) {
  auth::ManualClock clock(1'700'000'000);
  // No import runner: tasks run all the same.
  ImportJobs jobs((dir_ / "t.db").string(), vault_, dir_ / "work", nullptr, clock, 3600);
  std::promise<void> go;
  std::shared_future<void> gate = go.get_future().share();
  auto id = jobs.StartTask(7, "policy_sweep", "policy_sweep:5201",
                           [gate](store::Db&, ImportProgress& p) -> Result<nlohmann::json> {
                             p.stage = 2;
                             p.rows_total = 3;
                             p.rows_done = 1;
                             gate.wait();
                             p.rows_done = 3;
                             return nlohmann::json{{"entitlements", 42}};
                           });
  ASSERT_TRUE(id) << id.error().message;
  // Running: its progress shows; another account does not see it.
  std::optional<ImportJobView> v;
  for (int i = 0; i < 500 && !(v && v->rows_total == 3); ++i) {
    v = jobs.Get(*id, 7);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(v);
  EXPECT_EQ(v->state, "running");
  EXPECT_EQ(v->entity, "policy_sweep");
  EXPECT_EQ(v->stage, 2);
  EXPECT_EQ(v->rows_done, 1);
  EXPECT_TRUE(v->result.is_null());
  EXPECT_FALSE(jobs.Get(*id, 8).has_value());

  // One job per key at a time; another key runs.
  auto again = jobs.StartTask(8, "policy_sweep", "policy_sweep:5201",
                              [](store::Db&, ImportProgress&) -> Result<nlohmann::json> { return nullptr; });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("正在进行"), std::string::npos) << again.error().message;
  auto other = jobs.StartTask(8, "policy_sweep", "policy_sweep:5203",
                              [](store::Db&, ImportProgress&) -> Result<nlohmann::json> {
                                return Fail(ErrorCode::kIo, "资金监管参数无法加载：测试");
                              });
  ASSERT_TRUE(other) << other.error().message;
  auto failed = WaitDone(jobs, *other, 8);
  EXPECT_EQ(failed.state, "failed");
  EXPECT_EQ(failed.result["message"], "资金监管参数无法加载：测试");

  go.set_value();
  auto done = WaitDone(jobs, *id, 7);
  EXPECT_EQ(done.state, "done");
  EXPECT_EQ(done.rows_done, 3);
  EXPECT_EQ(done.result["entitlements"], 42);

  // Kept for the retention period, then gone.
  clock.Set(1'700'000'000 + 3600);
  EXPECT_FALSE(jobs.Get(*id, 7).has_value());
}

TEST_F(ImportJobsTaskTest, TasksCountAgainstTheAccountsLimit) {
  auth::ManualClock clock(1'700'000'000);
  ImportJobs jobs((dir_ / "t.db").string(), vault_, dir_ / "work", nullptr, clock, 3600,
                  ImportLimits{.per_account = 1, .total = 4});
  std::promise<void> go;
  std::shared_future<void> gate = go.get_future().share();
  auto first = jobs.StartTask(7, "policy_sweep", "a", [gate](store::Db&, ImportProgress&) -> Result<nlohmann::json> {
    gate.wait();
    return nullptr;
  });
  ASSERT_TRUE(first);
  auto second = jobs.StartTask(7, "policy_sweep", "b",
                               [](store::Db&, ImportProgress&) -> Result<nlohmann::json> { return nullptr; });
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("后台任务正在进行"), std::string::npos) << second.error().message;
  go.set_value();
  WaitDone(jobs, *first, 7);
}

// A task that throws fails its job; the server keeps going.
TEST_F(ImportJobsTaskTest, AThrowingTaskFailsItsJob) {
  auth::ManualClock clock(1'700'000'000);
  ImportJobs jobs((dir_ / "t.db").string(), vault_, dir_ / "work", nullptr, clock, 3600);
  auto id = jobs.StartTask(7, "policy_sweep", "", [](store::Db&, ImportProgress&) -> Result<nlohmann::json> {
    throw std::runtime_error("boom");
  });
  ASSERT_TRUE(id);
  auto v = WaitDone(jobs, *id, 7);
  EXPECT_EQ(v.state, "failed");
  EXPECT_NE(v.result["message"].get<std::string>().find("任务意外中止"), std::string::npos);
}

}  // namespace
}  // namespace qjy::server
