// Issue #17 §3: a job file imported with discriminatory or fraudulent rows
// — those rows are held for review (job_ads pending), listed in the result
// with row, column and a Chinese reason, and absent from jobs; clean rows
// are stored; importing the file again queues nothing twice; a row an
// officer approved goes through.
#include "server/import_screening.h"

#include <gtest/gtest.h>

#include "ads/ad_desk.h"
#include "ads/screener.h"
#include "importer/import.h"
#include "importer/import_test_util.h"

namespace qjy::server {
namespace {

using namespace importer::testing;  // NOLINT

constexpr char kEmployerHeader[] =
    "统一社会信用代码,单位名称,单位类型,规模,所在地,参保人数,重点企业,年度,年末参保人数,"
    "裁员人数,失业保险费(元)\r\n";
constexpr char kJobHeader[] =
    "统一社会信用代码,岗位名称,职业编码,招聘人数,最低月薪(元),最高月薪(元),工作地点,岗位类型,"
    "岗位要求,发布日期,截止日期\r\n";

class ImportScreeningTest : public ::testing::Test {
 protected:
  ImportScreeningTest() : reg_(dir_ / "registry.db") {}

  importer::ImportResult Import(importer::Entity e, const std::string& name, const std::string& csv,
                                bool screen) {
    std::string path = dir_ / name;
    WriteFile(path, csv);
    importer::ImportOptions options = TestOptions();
    if (screen) {
      auto hold = MakeImportJobHold(*reg_.db, reg_.vault, "import:" + name, wages_);
      EXPECT_TRUE(hold.has_value()) << hold.error().message;
      options.job_hold = std::move(*hold);
    }
    auto r = importer::Import(e, path, *reg_.registry, *reg_.db, options);
    EXPECT_TRUE(r.has_value()) << r.error().message;
    return r ? *r : importer::ImportResult{};
  }

  std::vector<registry::Job> Jobs() {
    std::vector<registry::Job> out;
    EXPECT_TRUE(reg_.registry->ForEachJob([&](const registry::Job& j) { out.push_back(j); }));
    return out;
  }

  std::vector<ads::AdRecord> Pending(const ads::Screener& s) {
    ads::AdDesk desk(*reg_.db, reg_.vault, s);
    ads::AdFilter f;
    f.status = "pending";
    auto list = desk.List(f);
    EXPECT_TRUE(list.has_value());
    return list ? *list : std::vector<ads::AdRecord>{};
  }

  TempDir dir_;
  TestRegistry reg_;
  std::shared_ptr<const ads::WageReference> wages_;  // the server's, from the match index
};

TEST_F(ImportScreeningTest, DiscriminatoryAndFraudulentRowsAreHeldNotStored) {
  const std::string code = EmployerCode(1);
  Import(importer::Entity::kEmployers, "e.csv",
         std::string(kEmployerHeader) + code + ",贵州测试1有限公司,企业,小型,520102,35,否,,,,\r\n",
         false);
  const std::string file =
      std::string(kJobHeader) +
      code + ",焊工,6-18-02-04,5,4000,6000,520102,全职,男女不限，持焊工证,2024-05-01,\r\n" +  // clean
      code + ",前台文员,,1,3000,4000,520102,全职,限女性，25岁以下,2024-05-01,\r\n" +          // row 3
      code + ",普工,,10,3000,4000,520102,全职,先交押金500元，身份证原件交由公司保管,2024-05-01,\r\n" +
      code + ",分拣员,,3,20000,30000,520102,全职,简单易做,2024-05-01,\r\n";                   // row 5
  auto r = Import(importer::Entity::kJobs, "岗位.csv", file, true);
  EXPECT_EQ(r.rows, 4);
  EXPECT_EQ(r.inserted, 1) << r.ToJson().dump(1);
  EXPECT_EQ(r.held, 3);
  EXPECT_EQ(r.rejected, 0);
  EXPECT_TRUE(r.rejects_file.empty());  // nothing to correct in the file's form

  std::map<int64_t, std::vector<importer::RowError>> by_row;
  for (const auto& h : r.held_rows) by_row[h.row].push_back(h);
  ASSERT_EQ(by_row.size(), 3u);
  ASSERT_TRUE(by_row.count(3) && by_row.count(4) && by_row.count(5));
  for (const auto& h : by_row[3]) {
    EXPECT_EQ(h.column, "岗位要求");
    EXPECT_NE(h.reason.find("就业歧视"), std::string::npos) << h.reason;
    EXPECT_NE(h.reason.find("正文（十八）"), std::string::npos) << h.reason;
    EXPECT_EQ(h.reason.find("main("), std::string::npos) << h.reason;
  }
  EXPECT_EQ(by_row[3].size(), 2u);  // sex and age
  bool fee = false, documents = false;
  for (const auto& h : by_row[4]) {
    EXPECT_NE(h.reason.find("虚假、欺诈"), std::string::npos) << h.reason;
    fee |= h.reason.find("向求职者收费") != std::string::npos;
    documents |= h.reason.find("扣押证件") != std::string::npos;
  }
  EXPECT_TRUE(fee && documents);
  ASSERT_EQ(by_row[5].size(), 1u);
  EXPECT_EQ(by_row[5][0].column, "最高月薪(元)");
  auto json = r.ToJson();
  EXPECT_EQ(json["held"], 3);
  EXPECT_EQ(json["held_rows"].size(), r.held_rows.size());
  EXPECT_NE(json["held_note"].get<std::string>().find("已转人社部门审核"), std::string::npos);

  // Only the clean row is a job; the held ones wait for the county's officers.
  auto jobs = Jobs();
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].title, "焊工");
  auto screener = ads::Screener::LoadDefault();
  ASSERT_TRUE(screener.has_value());
  auto pending = Pending(*screener);
  ASSERT_EQ(pending.size(), 3u);
  for (const auto& p : pending) {
    EXPECT_EQ(p.county_code, "520102");
    EXPECT_EQ(p.employer_credit_code, code);
    EXPECT_EQ(p.posted_by, "import:岗位.csv");
    EXPECT_FALSE(p.warning.empty());
  }

  // The same file again: held again, but queued once.
  auto again = Import(importer::Entity::kJobs, "岗位.csv", file, true);
  EXPECT_EQ(again.held, 3);
  EXPECT_EQ(again.unchanged, 1);
  EXPECT_EQ(Pending(*screener).size(), 3u);

  // An officer approves the 分拣员 ad (published by the desk); importing the
  // file again stores that row as a job (unchanged) and holds the other two.
  ads::AdDesk desk(*reg_.db, reg_.vault, *screener);
  int64_t sorter = 0;
  for (const auto& p : pending) {
    if (p.ad.job.title == "分拣员") sorter = p.ad_id;
  }
  ASSERT_NE(sorter, 0);
  ASSERT_TRUE(desk.Review(sorter, true, "officer", "工资有依据").has_value());
  auto third = Import(importer::Entity::kJobs, "岗位.csv", file, true);
  EXPECT_EQ(third.held, 2) << third.ToJson().dump(1);
  EXPECT_EQ(third.unchanged, 2);
  EXPECT_EQ(Jobs().size(), 2u);
  EXPECT_EQ(Pending(*screener).size(), 2u);
}

TEST_F(ImportScreeningTest, WithoutScreeningTheSameFileWouldHaveStoredEveryRow) {
  // The control: the hook is what keeps those rows out of jobs.
  const std::string code = EmployerCode(2);
  Import(importer::Entity::kEmployers, "e.csv",
         std::string(kEmployerHeader) + code + ",贵州测试2有限公司,企业,小型,520102,35,否,,,,\r\n",
         false);
  auto r = Import(importer::Entity::kJobs, "j.csv",
                  std::string(kJobHeader) + code +
                      ",前台文员,,1,3000,4000,520102,全职,限女性，25岁以下,2024-05-01,\r\n",
                  false);
  EXPECT_EQ(r.inserted, 1);
  EXPECT_EQ(r.held, 0);
  EXPECT_FALSE(r.ToJson().contains("held"));
}

TEST_F(ImportScreeningTest, ImportedRowsAreJudgedAgainstTheOccupationsPostedPay) {
  const std::string code = EmployerCode(3);
  Import(importer::Entity::kEmployers, "e.csv",
         std::string(kEmployerHeader) + code + ",贵州测试3有限公司,企业,小型,520102,35,否,,,,\r\n",
         false);
  // 12,000 for a cleaner: under the flat ceiling, 3.4 times what 25 open
  // cleaning jobs post.
  const std::string file = std::string(kJobHeader) + code +
                           ",保洁员,4-10-01-01,2,8000,12000,520102,全职,男女不限,2024-05-01,\r\n";
  std::vector<ads::WageSample> samples(25, ads::WageSample{"4-10-01-01", 350000});
  wages_ = std::make_shared<const ads::WageReference>(ads::WageReference::Build(
      samples, [](std::string_view) { return std::string("保洁员"); }, "2024-05-01"));
  auto held = Import(importer::Entity::kJobs, "保洁.csv", file, true);
  EXPECT_EQ(held.inserted, 0) << held.ToJson().dump(1);
  ASSERT_EQ(held.held_rows.size(), 1u);
  EXPECT_EQ(held.held_rows[0].column, "最高月薪(元)");
  EXPECT_NE(held.held_rows[0].value.find("为该职业（保洁员）在招岗位月薪中位数 3500 元（25 个岗位、25 家单位）的 3.4 倍"),
            std::string::npos)
      << held.held_rows[0].value;
  // Without the reference (as `qjy import`, which holds no match index) the
  // flat ceiling lets it through.
  wages_ = nullptr;
  auto flat = Import(importer::Entity::kJobs, "保洁2.csv", file, true);
  EXPECT_EQ(flat.held, 0) << flat.ToJson().dump(1);
  EXPECT_EQ(flat.inserted, 1);
}

}  // namespace
}  // namespace qjy::server
