// Tests of qjy match batch: in process through AddMatchCommands, on a temp
// SQLite database with registered unemployed persons and open jobs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "services/services_store.h"
#include "store/db.h"
#include "core/date_test_support.h"

namespace qjy::cli {
namespace {

using testing::CmdRun;

CmdRun MatchCmdQjy(const std::string& command_line) { return testing::RunCommand(AddMatchCommands, command_line); }

using ::qjy::test_support::D;

// The number after "key": in the one-line JSON summary.
long Field(const std::string& json, const std::string& key) {
  const auto at = json.find("\"" + key + "\":");
  if (at == std::string::npos) return -1;
  return std::stol(json.substr(at + key.size() + 3));
}

class MatchCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/qjy-match-cmd.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    db_ = dir_ + "/t.db";
    auto h = OpenRegistry(db_);
    ASSERT_TRUE(h) << h.error().message;
    services::ServicesStore svc(*h->db);
    ASSERT_TRUE(svc.Migrate());
    // Five registered welders in 520102 and one job (headcount 1) they all
    // like best, plus three others: capacity 5 x 1 per job.
    for (int n = 1; n <= 7; ++n) {
      registry::Person p;
      p.county_code = n == 6 ? "520103" : "520102";
      char id[32];
      std::snprintf(id, sizeof id, "5201021990%07d%c", n, "0123456789X"[n % 11]);
      p.id_number = id;
      p.name = "测试" + std::to_string(n);
      p.birth_date = D("1990-01-01");
      p.ethnicity = "汉族";
      p.hukou_region = p.residence_region = n == 6 ? "520103001" : "520102003";
      p.education = registry::Education::kSeniorHigh;
      p.skills = {"焊工"};
      auto tx = store::Transaction::Begin(*h->db);
      ASSERT_TRUE(h->registry->UpsertPerson(p, "t"));
      ASSERT_TRUE(tx->Commit());
      if (n == 7) continue;  // person 7: not registered, owed nothing
      services::Registration r;
      r.person_id = p.person_id;
      r.county_code = n == 6 ? "520103" : "520102";
      r.registered_on = r.found_on = D("2024-05-01");
      r.region_code = n == 6 ? "520103001" : "520102003";
      r.officer = "o";
      ASSERT_TRUE(svc.AddRegistration(r));
    }
    const char* places[] = {"520102", "520102", "520103", "520201"};
    for (int k = 0; k < 4; ++k) {
      registry::Job j;
      j.county_code = places[k];
      j.employer_credit_code = "91520102MA6DXXXX1X";
      j.title = "电焊工" + std::to_string(k);
      j.occupation_code = "6-18-02-04";
      j.place_region = places[k];
      j.wage_min_fen = 300000;
      j.wage_max_fen = 500000;
      j.headcount = 1;
      j.open_on = D("2024-05-20");
      j.close_on = D("2024-07-31");
      auto tx = store::Transaction::Begin(*h->db);
      ASSERT_TRUE(h->registry->UpsertJob(j, "t"));
      ASSERT_TRUE(tx->Commit());
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  long JobRecommendations() {
    auto h = OpenRegistry(db_);
    EXPECT_TRUE(h);
    services::ServicesStore svc(*h->db);
    auto recs = svc.RecordsInRegion("");
    EXPECT_TRUE(recs);
    long n = 0;
    for (const auto& r : *recs) n += r.kind == services::ServiceKind::kJobRecommendation;
    return n;
  }

  std::string dir_, db_;
};

TEST_F(MatchCmdTest, BatchPrintsSummaryWritesListAndRecordsOnce) {
  const std::string list = dir_ + "/list.csv";
  auto run = MatchCmdQjy("match batch --db " + db_ + " --date 2024-06-01 --out " + list + " --record");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Field(run.out, "seekers"), 6);     // registered only
  EXPECT_EQ(Field(run.out, "open_jobs"), 4);
  EXPECT_EQ(Field(run.out, "owed"), 18);        // 6 x 3
  EXPECT_EQ(Field(run.out, "recommendations"), 18);  // 4 jobs x 5 = 20 places
  EXPECT_EQ(Field(run.out, "jobs_over_capacity"), 0);
  EXPECT_LE(Field(run.out, "max_load"), 5);
  EXPECT_EQ(Field(run.out, "recorded"), 18);
  EXPECT_EQ(JobRecommendations(), 18);
  std::ifstream in(list);
  std::string line;
  int rows = 0;
  std::getline(in, line);
  EXPECT_EQ(line, "person_id,county_code,rank,job_id,job_title,score,reasons,shortfall");
  while (std::getline(in, line)) {
    ++rows;
    EXPECT_NE(line.find("职业相同"), std::string::npos) << line;
  }
  EXPECT_EQ(rows, 18);

  // Idempotent: the same run again records nothing new.
  auto again = MatchCmdQjy("match batch --db " + db_ + " --date 2024-06-01 --record");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Field(again.out, "recorded"), 0);
  EXPECT_EQ(JobRecommendations(), 18);
}

TEST_F(MatchCmdTest, RegionLimitsTheSeekersAndBadInputIsAnError) {
  auto run = MatchCmdQjy("match batch --db " + db_ + " --date 2024-06-01 --region 520103");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Field(run.out, "seekers"), 1);
  EXPECT_EQ(Field(run.out, "recorded"), 0);
  EXPECT_EQ(JobRecommendations(), 0);
  auto bad = MatchCmdQjy("match batch --db " + db_ + " --date 2024-13-01");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("日期无效"), std::string::npos);
}

}  // namespace
}  // namespace qjy::cli
