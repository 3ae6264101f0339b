// qjy gig markets / qjy ads screen|queue, in process through AddGigCommands.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"

namespace qjy::cli {
namespace {

testing::CmdRun RunGig(const std::string& line) { return testing::RunCommand(AddGigCommands, line); }

TEST(GigCmdTest, ScreenPrintsFindingsAndPassesNeutralText) {
  auto flagged = RunGig("ads screen --text 限男性，乙肝勿扰");
  EXPECT_EQ(flagged.exit_code, 0) << flagged.err;
  EXPECT_NE(flagged.out.find("【性别】“限男性”"), std::string::npos) << flagged.out;
  EXPECT_NE(flagged.out.find("【健康状况】"), std::string::npos);
  auto clean = RunGig("ads screen --text 男女不限，年龄不限，提供婚育礼金");
  EXPECT_EQ(clean.exit_code, 0);
  EXPECT_EQ(clean.out, "未发现歧视性或欺诈性内容\n");
  auto missing = RunGig("ads screen --file /nonexistent/ad.txt");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("无法读取文件"), std::string::npos);
}

TEST(GigCmdTest, MarketsReportsEveryCountyOfTheRegion) {
  char tmpl[] = "/tmp/qjy-gig-cmd.XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl, db = dir + "/t.db";
  {
    auto h = OpenRegistry(db);
    ASSERT_TRUE(h) << h.error().message;
    registry::ServiceSite s;
    s.county_code = "520102";
    s.kind = registry::SiteKind::kGigMarket;
    s.name = "南明区零工市场";
    s.region = "520102";
    s.tier = "county";
    s.opened_on = *Date::Parse("2023-03-01");
    auto tx = store::Transaction::Begin(*h->db);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(h->registry->UpsertSite(s, "test"));
    ASSERT_TRUE(tx->Commit());
  }
  auto r = RunGig("gig markets --db " + db + " --region 5201");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("520102\t南明区\t1\t0\t1\t按期达标"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("520103\t云岩区\t0\t0\t0\t未达标"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("按期达标 1，逾期建成 0，未达标 9"), std::string::npos) << r.out;
  auto bad = RunGig("gig markets --db " + db + " --region 99");
  EXPECT_EQ(bad.exit_code, 1);
  auto queue = RunGig("ads queue --db " + db);
  EXPECT_EQ(queue.exit_code, 0) << queue.err;
  EXPECT_NE(queue.out.find("待审核 0 条"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace qjy::cli
