// qjy network: a site and an event recorded from the command line change
// the coverage text and JSON; bad input names the field; the XLSX is
// written; a broken duties file stops `qjy serve` before it listens.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"

namespace qjy::cli {
namespace {

namespace fs = std::filesystem;

testing::CmdRun Net(const std::string& line) { return testing::RunCommand(AddNetworkCommands, line); }

class NetworkCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qjy-network-cmd-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "n.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  std::string db_;
};

int64_t Covered(const std::string& json_text, const std::string& id) {
  const auto report = nlohmann::json::parse(json_text);  // kept: a range-for over a temporary's member dangles
  for (const auto& d : report["duties"]) {
    if (d["id"] == id) return d["covered"].get<int64_t>();
  }
  return -1;
}

TEST_F(NetworkCmdTest, SitesAndEventsChangeTheCoverage) {
  auto before = Net("network coverage --db " + db_ + " --region 520102 --as-of 2025-06-30 --json");
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(Covered(before.out, "gig_market_county"), 0);

  auto add = Net("network add-site --db " + db_ +
                 " --kind 零工市场 --tier county --region 520102 --name 南明区零工市场 --opened 2023-05-10");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  auto text = Net("network coverage --db " + db_ + " --region 520102 --as-of 2025-06-30 --xlsx " +
                  (dir_ / "c.xlsx").string());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("【达标】每县至少1家零工市场　附件4（十六）"), std::string::npos) << text.out;
  EXPECT_GT(fs::file_size(dir_ / "c.xlsx"), 1000u);

  auto late = Net("network coverage --db " + db_ + " --region 520102 --as-of 2023-05-01 --json");
  EXPECT_EQ(Covered(late.out, "gig_market_county"), 0);  // not open yet then

  auto bad = Net("network add-event --db " + db_ +
                 " --region 520102 --kind special --title 招聘会 --date 2025-06-10 --attendance 10 --hires 20");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("达成就业意向人数"), std::string::npos) << bad.err;
  auto bad_date = Net("network add-site --db " + db_ +
                      " --kind 零工市场 --tier county --region 520102 --name x --opened 2023-02-30");
  EXPECT_EQ(bad_date.exit_code, 1);
  EXPECT_NE(bad_date.err.find("开办日期"), std::string::npos) << bad_date.err;
}

TEST_F(NetworkCmdTest, BrandsAndReliefProjectsChangeTheCoverage) {
  auto brand = Net("network add-brand --db " + db_ + " --county 520102 --kind 劳务品牌 --name 南明家政 --established 2024-05-01");
  ASSERT_EQ(brand.exit_code, 0) << brand.err;
  auto relief = Net("network add-relief --db " + db_ +
                    " --region 520102 --name 产业路 --year 2024 --central-yuan 100000 --labour-yuan 29999.99");
  ASSERT_EQ(relief.exit_code, 0) << relief.err;
  auto json = Net("network coverage --db " + db_ + " --region 520102 --as-of 2025-06-30 --json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(Covered(json.out, "labour_brand_county"), 1);
  EXPECT_EQ(Covered(json.out, "relief_labour_share"), 0);  // 29.99 % of the central funds
  auto text = Net("network coverage --db " + db_ + " --region 520102 --as-of 2025-06-30");
  EXPECT_NE(text.out.find("【未达标】以工代赈项目劳务报酬占比　附件2（六）"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("假定："), std::string::npos) << text.out;  // the relocated share is assumed
  auto list = Net("network reliefs --db " + db_ + " --region 5201");
  EXPECT_NE(list.out.find("劳务报酬 29999.99 元（29.99%）"), std::string::npos) << list.out;

  auto bad = Net("network add-relief --db " + db_ +
                 " --region 520102 --name 水渠 --year 2024 --central-yuan 1万 --labour-yuan 10");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("中央以工代赈资金"), std::string::npos) << bad.err;
  auto township = Net("network add-brand --db " + db_ + " --county 520102016 --kind 贵州技工 --name 焊工");
  EXPECT_EQ(township.exit_code, 1);
  EXPECT_NE(township.err.find("所在县"), std::string::npos) << township.err;
}

TEST_F(NetworkCmdTest, ABrokenDutiesFileStopsTheServerStart) {
  const fs::path bad = dir_ / "duties.yaml";
  std::ofstream(bad) << "document: x\nvalid_from: 2023-01-01\nduties:\n  - {id: a, kind: nonsense}\n";
  ::setenv("QJY_NETWORK_DUTIES", bad.c_str(), 1);
  auto r = testing::RunCommand(AddServeCommands, "serve --db " + db_ + " --port 1");
  ::unsetenv("QJY_NETWORK_DUTIES");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("duties.yaml"), std::string::npos) << r.err;
}

// 附件2（三）: a station's months recorded and listed from the command
// line; a negative count and the same month twice are refused naming the
// field, nothing stored.
TEST_F(NetworkCmdTest, StationWorkIsRecordedPerMonth) {
  auto add = Net("network add-site --db " + db_ +
                 " --kind labour_station --tier province --region 4401 --owner-region 52 --name 贵州省驻广东劳务协作总站"
                 " --opened 2019-03-01");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string base = "network station-work --db " + db_ + " --site 1 --month 2024-05 ";
  auto ok = Net(base + "--jobs 120 --placed 30 --retained 25 --cases 2");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  auto negative = Net("network station-work --db " + db_ + " --site 1 --month 2024-06 --jobs 1 --placed=-1 --retained 0 --cases 0");
  EXPECT_EQ(negative.exit_code, 1);
  EXPECT_NE(negative.err.find("输出就业人数：-1 不能为负数"), std::string::npos) << negative.err;
  auto twice = Net(base + "--jobs 1 --placed 1 --retained 1 --cases 0");
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.err.find("月份：该站 2024-05 已有工作记录"), std::string::npos) << twice.err;
  auto fix = Net(base + "--jobs 121 --placed 30 --retained 25 --cases 2 --replace");
  ASSERT_EQ(fix.exit_code, 0) << fix.err;
  auto list = Net("network station-months --db " + db_ + " --region 52");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("贵州省驻广东劳务协作总站\t2024-05\t收集岗位 121"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("共 1 条记录"), std::string::npos) << list.out;
}

// 附件4（二）and 附件4（十五） from the command line: an agency's licence
// (an unknown 经营范围 refused by name, nothing stored; a lapsed licence
// listed as such), and a community's 申报 assessed against the criteria
// file — the unmet criterion named, a second application passing.
TEST_F(NetworkCmdTest, LicencesAndCommunityApplications) {
  auto agency = Net("network add-site --db " + db_ +
                    " --kind 人力资源服务机构 --tier county --region 520102 --name 南明人力资源公司 --opened 2020-01-01");
  ASSERT_EQ(agency.exit_code, 0) << agency.err;
  auto bad = Net("network licence --db " + db_ + " --site 1 --number X1 --issuer 南明区人社局 --from 2021-01-01 --scope 炒股");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("经营范围：「炒股」"), std::string::npos) << bad.err;
  auto ok = Net("network licence --db " + db_ +
                " --site 1 --number 黔人服证2021-0101 --issuer 南明区人社局 --from 2021-01-01 --to 2023-12-31"
                " --scope intro_employer,为用人单位推荐劳动者");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  auto list = Net("network licences --db " + db_ + " --region 5201");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("南明人力资源公司\t黔人服证2021-0101\t南明区人社局\t2021-01-01 至 2023-12-31\t已过有效期\t为劳动者介绍用人单位、为用人单位推荐劳动者"),
            std::string::npos)
      << list.out;
  EXPECT_NE(list.out.find("共 1 个许可证"), std::string::npos) << list.out;

  auto community = Net("network add-site --db " + db_ +
                       " --kind 充分就业社区 --tier township --region 520102016 --name 花果园社区 --opened 2015-01-01");
  ASSERT_EQ(community.exit_code, 0) << community.err;
  const std::string apply = "network community-apply --db " + db_ +
                            " --site 2 --level 省级 --able 200 --employed 190 --hard 10 --zero-families 0 --desk yes --staff 2 ";
  ASSERT_EQ(Net(apply + "--on 2024-03-01 --hard-employed 8").exit_code, 0);
  auto failed = Net("network community-assess --db " + db_ + " --application 1 --on 2024-04-01 --assessor 贵州省人社厅");
  ASSERT_EQ(failed.exit_code, 0) << failed.err;
  EXPECT_NE(failed.out.find("未达到标准"), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("✗ 就业困难人员就业率：80.00%（8/10）"), std::string::npos) << failed.out;
  ASSERT_EQ(Net(apply + "--on 2024-09-01 --hard-employed 10").exit_code, 0);
  auto passed = Net("network community-assess --db " + db_ + " --application 2 --on 2024-10-08 --assessor 贵州省人社厅");
  ASSERT_EQ(passed.exit_code, 0) << passed.err;
  EXPECT_NE(passed.out.find("达到标准，予以认定"), std::string::npos) << passed.out;
  auto again = Net("network community-assess --db " + db_ + " --application 2 --on 2024-10-09 --assessor 贵州省人社厅");
  EXPECT_EQ(again.exit_code, 1);
  auto all = Net("network community-applications --db " + db_ + " --region 520102");
  EXPECT_NE(all.out.find("共 2 份申报"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("申报 2\t花果园社区\t省级"), std::string::npos) << all.out;
}

}  // namespace
}  // namespace qjy::cli
