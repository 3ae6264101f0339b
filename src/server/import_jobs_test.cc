#include "server/import_jobs.h"

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

namespace qjy::server {
namespace {

namespace fs = std::filesystem;

class ImportJobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("qjy_import_jobs_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_url_ = (dir_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A runner that records the upload's mode and writes a rejects file the
  // way the importer does ("<stem>.rejects.csv").
  ImportRunner FakeRunner() {
    return [this](store::Db&, const Vault&, const ImportRequest& r,
                  ImportProgress&) -> Result<nlohmann::json> {
      struct stat st {};
      if (::stat(r.file_path.c_str(), &st) == 0) upload_mode_ = st.st_mode & 0777;
      fs::path p(r.file_path);
      std::string rejects = (p.parent_path() / (p.stem().string() + ".rejects.csv")).string();
      std::ofstream(rejects) << "身份证号,错误\n520102199001011234,校验位错误\n";
      return nlohmann::json{{"rows", 1}, {"rejected", 1}, {"rejects_file", rejects}};
    };
  }

  static ImportJobView WaitDone(ImportJobs& jobs, const std::string& id) {
    for (int i = 0; i < 500; ++i) {
      auto v = jobs.Get(id, 7);
      if (v && v->state != "running") return *v;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "job did not finish";
    return {};
  }

  fs::path dir_;
  std::string db_url_;
  int upload_mode_ = -1;
  Vault vault_ = Vault::FromKey(std::array<uint8_t, 32>{1, 2, 3});
};

TEST_F(ImportJobsTest, UploadIsPrivateAndDeletedRejectsExpireAfterRetention) {
  auth::ManualClock clock(1'700'000'000);
  ImportJobs jobs(db_url_, vault_, dir_ / "uploads", FakeRunner(), clock, /*retention=*/3600);
  ImportRequest req;
  req.entity = "persons";
  req.file_name = "p.csv";
  auto id = jobs.Start(7, req, "身份证号\n520102199001011234\n");
  ASSERT_TRUE(id) << id.error().message;
  ImportJobView v = WaitDone(jobs, *id);
  EXPECT_EQ(v.state, "done");
  EXPECT_EQ(upload_mode_, 0600);
  EXPECT_EQ(fs::status(dir_ / "uploads").permissions() & fs::perms::all, fs::perms::owner_all);
  ASSERT_FALSE(v.rejects_path.empty());
  EXPECT_TRUE(fs::exists(v.rejects_path));
  // The upload itself is gone once the import ended.
  int uploads = 0;
  for (const auto& e : fs::directory_iterator(dir_ / "uploads")) {
    if (e.path().filename().string().find(".upload.csv") != std::string::npos) ++uploads;
  }
  EXPECT_EQ(uploads, 0);
  // Another account cannot see the job.
  EXPECT_FALSE(jobs.Get(*id, 8).has_value());

  clock.Advance(3599);
  EXPECT_TRUE(jobs.Get(*id, 7).has_value());
  EXPECT_TRUE(fs::exists(v.rejects_path));
  clock.Advance(1);
  EXPECT_FALSE(jobs.Get(*id, 7).has_value());
  EXPECT_FALSE(fs::exists(v.rejects_path));
}

TEST_F(ImportJobsTest, FilesLeftByAnEarlierProcessAreRemovedAtStart) {
  fs::create_directories(dir_ / "uploads");
  std::ofstream(dir_ / "uploads" / "abc.upload.rejects.csv") << "520102199001011234\n";
  std::ofstream(dir_ / "uploads" / "abd.upload.csv") << "520102199001011234\n";
  std::ofstream(dir_ / "uploads" / "keep.txt") << "not ours\n";
  auth::ManualClock clock(1'700'000'000);
  ImportJobs jobs(db_url_, vault_, dir_ / "uploads", FakeRunner(), clock);
  EXPECT_FALSE(fs::exists(dir_ / "uploads" / "abc.upload.rejects.csv"));
  EXPECT_FALSE(fs::exists(dir_ / "uploads" / "abd.upload.csv"));
  EXPECT_TRUE(fs::exists(dir_ / "uploads" / "keep.txt"));
}

// A runner that throws (as nlohmann's dump did on invalid UTF-8) fails its
// job with a Chinese reason instead of ending the process; the next job
// runs normally and the upload of the failed one is deleted too.
TEST_F(ImportJobsTest, ThrowingRunnerFailsTheJobAndTheNextOneRuns) {
  auth::ManualClock clock(1'700'000'000);
  bool throw_next = true;
  ImportRunner runner = [&](store::Db&, const Vault&, const ImportRequest&,
                            ImportProgress&) -> Result<nlohmann::json> {
    if (throw_next) {
      throw_next = false;
      (void)nlohmann::json(std::string("\xE5\xA1")).dump();  // type_error 316
    }
    return nlohmann::json{{"rows", 0}};
  };
  ImportJobs jobs(db_url_, vault_, dir_ / "uploads", runner, clock);
  ImportRequest req;
  req.entity = "persons";
  req.file_name = "p.csv";
  auto first = jobs.Start(7, req, "身份证号\n填表人：张三\n");
  ASSERT_TRUE(first) << first.error().message;
  ImportJobView v = WaitDone(jobs, *first);
  EXPECT_EQ(v.state, "failed");
  ASSERT_TRUE(v.result.is_object());
  EXPECT_EQ(v.result.value("error", ""), "internal");
  EXPECT_NE(v.result.value("message", "").find("导入意外中止"), std::string::npos);
  EXPECT_FALSE(throw_next);  // the runner did throw
  auto second = jobs.Start(7, req, "身份证号\n");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(WaitDone(jobs, *second).state, "done");
  int uploads = 0;
  for (const auto& e : fs::directory_iterator(dir_ / "uploads")) {
    if (e.path().filename().string().find(".upload.") != std::string::npos) ++uploads;
  }
  EXPECT_EQ(uploads, 0);
}

}  // namespace
}  // namespace qjy::server
