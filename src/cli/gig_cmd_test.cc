// qjy gig markets / qjy ads screen|eval|queue, in process through AddGigCommands.
#include <gtest/gtest.h>
#include <unistd.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/credit_code.h"
#include "core/id_number.h"

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

TEST(GigCmdTest, EvalMeasuresALabelledSetAndListsItsErrors) {
  const std::string path = "/tmp/qjy-ads-eval-" + std::to_string(::getpid()) + ".yaml";
  {
    std::ofstream out(path);
    out << "- id: s1\n  text: 限男性\n  labels: [discrimination]\n"
           "- id: s2\n  text: 男女不限，交押金300元\n  labels: []\n";
  }
  auto r = RunGig("ads eval --file " + path + " --misses");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 条招聘信息，1 条判断有误"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("就业歧视 discrimination：精确率 precision 1.000，召回率 recall 1.000（tp 1 fp 0 fn 0）"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("虚假欺诈 fraud：精确率 precision 0.000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--- s2 标注：无；筛查：欺诈"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("【向求职者收费：“"), std::string::npos) << r.out;
  std::filesystem::remove(path);
  auto bad = RunGig("ads eval --file /nonexistent/set.yaml");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("无法读取文件"), std::string::npos) << bad.err;
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

// A database with a gig market, an employer and 60 persons in 520102, as
// `gig demo` needs (it picks up to 3 persons from an offset below 51).
void MakeDemoBase(const std::string& db) {
  auto h = OpenRegistry(db);
  ASSERT_TRUE(h) << h.error().message;
  auto tx = store::Transaction::Begin(*h->db);
  ASSERT_TRUE(tx);
  registry::ServiceSite s;
  s.county_code = "520102";
  s.kind = registry::SiteKind::kGigMarket;
  s.name = "南明区零工市场";
  s.region = "520102";
  s.tier = "county";
  s.opened_on = *Date::Parse("2023-03-01");
  ASSERT_TRUE(h->registry->UpsertSite(s, "test"));
  registry::Employer e;
  e.county_code = e.region = "520102";
  e.credit_code = std::string("91520102MA6DGQJYA") + *CreditCodeCheckChar("91520102MA6DGQJYA");
  e.name = "南明测试公司";
  ASSERT_TRUE(h->registry->UpsertEmployer(e, "test"));
  for (int i = 0; i < 60; ++i) {
    registry::Person p;
    std::string first17 = fmt::format("52010219900101{:03}", i + 1);
    p.id_number = first17 + *ResidentIdCheckChar(first17);
    p.county_code = p.hukou_region = p.residence_region = "520102";
    p.name = "工人" + std::to_string(i);
    p.birth_date = *Date::Parse("1990-01-01");
    p.ethnicity = "汉族";
    ASSERT_TRUE(h->registry->UpsertPerson(p, "test"));
  }
  ASSERT_TRUE(tx->Commit());
}

// `gig demo --date D` (as scripts/demo.sh runs it with the demo's as-of day):
// no post, free time, booking, completion or ad lies after D, and no gig of D
// itself is completed already. Several seeds, so that some gigs are booked
// and completed.
TEST(GigCmdTest, DemoWritesNothingAfterItsAsOfDate) {
  int64_t bookings = 0, completed = 0;
  for (int seed = 1; seed <= 6; ++seed) {
    char tmpl[] = "/tmp/qjy-gig-demo.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    const std::string dir = tmpl, db = dir + "/t.db";
    MakeDemoBase(db);
    auto r = RunGig(fmt::format("gig demo --db {} --seed {} --date 2025-06-30", db, seed));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto h = OpenRegistry(db);
    ASSERT_TRUE(h) << h.error().message;
    auto one = [&](const char* sql) {
      auto rows = h->db->Query(sql);
      EXPECT_TRUE(rows) << sql;
      return rows && !rows->empty() && !rows->at(0).IsNull(0) ? rows->at(0).Text(0) : std::string();
    };
    auto count = [&](const char* sql) -> int64_t {
      auto rows = h->db->Query(sql);
      EXPECT_TRUE(rows) << sql;
      return rows ? rows->at(0).Int(0) : -1;
    };
    ASSERT_GT(count("SELECT COUNT(*) FROM gig_posts"), 0);
    bookings += count("SELECT COUNT(*) FROM gig_bookings");
    completed += count("SELECT COUNT(*) FROM gig_bookings WHERE status = 'completed'");
    const std::string as_of = "2025-06-30", end = "2025-06-30T23:59:59Z";
    EXPECT_LE(one("SELECT MAX(work_date) FROM gig_posts"), as_of);
    EXPECT_GE(one("SELECT MIN(work_date) FROM gig_posts"), "2025-06-24");  // the week up to it
    EXPECT_LE(one("SELECT MAX(created_at) FROM gig_posts"), end);
    EXPECT_LE(one("SELECT MAX(work_date) FROM gig_availability"), as_of);
    EXPECT_LE(one("SELECT MAX(created_at) FROM gig_availability"), end);
    EXPECT_LE(one("SELECT MAX(work_date) FROM gig_bookings"), as_of);
    EXPECT_LE(one("SELECT MAX(created_at) FROM gig_bookings"), end);
    EXPECT_LE(one("SELECT MAX(completed_at) FROM gig_bookings"), end);
    EXPECT_EQ(count("SELECT COUNT(*) FROM gig_bookings WHERE status = 'completed' AND work_date >= '2025-06-30'"), 0);
    EXPECT_LE(one("SELECT MAX(start_on) FROM contracts"), as_of);
    EXPECT_LE(one("SELECT MAX(posted_at) FROM job_ads"), end);
    EXPECT_LE(one("SELECT MAX(open_on) FROM jobs"), as_of);
    std::filesystem::remove_all(dir);
  }
  EXPECT_GT(bookings, 0);
  EXPECT_GT(completed, 0);
}

}  // namespace
}  // namespace qjy::cli
