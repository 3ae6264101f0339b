// Employers (years over several rows), jobs, contracts, XLSX input,
// exports that re-import, templates.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "importer/export.h"
#include "importer/import.h"
#include "importer/import_test_util.h"
#include "importer/xlsx_reader.h"
#include "importer/xlsx_writer.h"

namespace qjy::importer {
namespace {

using namespace testing;  // NOLINT

const char* kEmployerHeader =
    "统一社会信用代码,单位名称,单位类型,规模,所在地,参保人数,重点企业,年度,年末参保人数,"
    "裁员人数,失业保险费(元)\r\n";
const char* kJobHeader =
    "统一社会信用代码,岗位名称,职业编码,招聘人数,最低月薪(元),最高月薪(元),工作地点,岗位类型,"
    "岗位要求,发布日期,截止日期\r\n";
const char* kContractHeader =
    "身份证号,统一社会信用代码,合同开始日期,合同结束日期,参保月数,灵活就业,新就业形态,工作地点\r\n";

std::string EmployerRow(int i, std::string_view year_cells) {
  return EmployerCode(i) + ",贵州测试" + std::to_string(i) + "有限公司,企业,小型,520102,35,否," +
         std::string(year_cells) + "\r\n";
}

class EntitiesTest : public ::testing::Test {
 protected:
  EntitiesTest() : reg_(dir_ / "registry.db") {}
  Result<ImportResult> Run(Entity e, const std::string& path) {
    return Import(e, path, *reg_.registry, *reg_.db, TestOptions());
  }
  ImportResult MustRun(Entity e, const std::string& name, const std::string& content) {
    std::string path = dir_ / name;
    WriteFile(path, content);
    auto r = Run(e, path);
    EXPECT_TRUE(r.has_value()) << r.error().message;
    return r ? *r : ImportResult{};
  }
  TempDir dir_;
  TestRegistry reg_;
};

TEST_F(EntitiesTest, EmployerYearsSpreadOverRowsAndKeptAcrossImports) {
  auto r = MustRun(Entity::kEmployers, "e.csv",
                   std::string(kEmployerHeader) + EmployerRow(1, "2022,33,1,12345.67") +
                       EmployerRow(1, "2023,35,0,13000") + EmployerRow(2, ",,,") +
                       EmployerRow(1, "2023,36,0,1") +  // duplicate year
                       EmployerRow(3, "2022,10,0,5.5").replace(20, 0, "X"));  // bad credit code
  EXPECT_EQ(r.rows, 5);
  EXPECT_EQ(r.inserted, 3) << r.ToJson().dump(1);  // rows: two of employer 1, one of 2
  EXPECT_EQ(r.rejected, 2);
  auto e1 = reg_.registry->FindEmployer(EmployerCode(1)).value();
  ASSERT_TRUE(e1.has_value());
  ASSERT_EQ(e1->years.size(), 2u);
  EXPECT_EQ(e1->years[0].ui_premium_fen, 1234567);
  EXPECT_EQ(e1->years[1].insured_headcount, 35);
  EXPECT_EQ(e1->county_code, "520102");

  // A later file with only 2024 keeps 2022 and 2023.
  auto later = MustRun(Entity::kEmployers, "e2024.csv",
                       std::string(kEmployerHeader) + EmployerRow(1, "2024,40,2,20000"));
  EXPECT_EQ(later.updated, 1) << later.ToJson().dump(1);
  EXPECT_EQ(reg_.registry->FindEmployer(EmployerCode(1)).value()->years.size(), 3u);

  // Export → import again: nothing changes.
  std::ostringstream csv;
  ASSERT_TRUE(ExportCsv(Entity::kEmployers, *reg_.registry, csv).has_value());
  auto again = MustRun(Entity::kEmployers, "export.csv", csv.str());
  EXPECT_EQ(again.rejected, 0) << again.ToJson().dump(1);
  EXPECT_EQ(again.unchanged, again.rows);
  EXPECT_EQ(again.rows, 4);  // 3 years of employer 1 + employer 2
}

TEST_F(EntitiesTest, JobsNeedTheirEmployerAndRoundTripThroughExport) {
  MustRun(Entity::kEmployers, "e.csv", std::string(kEmployerHeader) + EmployerRow(1, ",,,"));
  std::string code = EmployerCode(1);
  auto r = MustRun(
      Entity::kJobs, "j.csv",
      std::string(kJobHeader) + code + ",焊工,6-18-02-04,5,4000,6000.5,520102,全职,\"持证,两年经验\",2024-05-01,2024-12-31\r\n" +
          code + ",电工,,2,,,440305,零工,,2024-05-01,\r\n" +                     // outside Guizhou
          EmployerCode(9) + ",木工,,1,3000,3500,520102,,,2024-05-01,\r\n" +      // unknown employer
          code + ",瓦工,,0,5000,4000,520102,,,2024-05-01,2024-04-01\r\n" +       // 3 problems
          code + ",焊工,6-18-02-04,5,4000,6000.5,520102,全职,,2024-05-01,\r\n");  // duplicate
  EXPECT_EQ(r.inserted, 2) << r.ToJson().dump(1);
  EXPECT_EQ(r.rejected, 3);
  int found = 0;
  for (const auto& e : r.errors) {
    if (e.row == 4) {
      EXPECT_EQ(e.column, "统一社会信用代码");
      ++found;
    }
    if (e.row == 6) {
      EXPECT_NE(e.reason.find("第 2 行"), std::string::npos);
      ++found;
    }
  }
  EXPECT_EQ(found, 2);
  std::vector<std::string> columns_of_row5;
  for (const auto& e : r.errors) {
    if (e.row == 5) columns_of_row5.push_back(e.column);
  }
  EXPECT_EQ(columns_of_row5, (std::vector<std::string>{"招聘人数", "最高月薪(元)", "截止日期"}));

  std::vector<registry::Job> jobs;
  ASSERT_TRUE(reg_.registry->ForEachJob([&](const registry::Job& j) { jobs.push_back(j); }));
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].wage_max_fen, 600050);
  EXPECT_EQ(jobs[0].requirements, "持证,两年经验");
  EXPECT_EQ(jobs[1].county_code, "520102");  // the employer's county, not Shenzhen's
  EXPECT_EQ(jobs[1].type, registry::JobType::kGig);

  std::string xlsx = dir_ / "jobs_export.xlsx";
  ASSERT_EQ(ExportXlsx(Entity::kJobs, *reg_.registry, xlsx).value(), 2);
  auto again = Run(Entity::kJobs, xlsx);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->unchanged, 2) << again->ToJson().dump(1);
}

// Issue #17 §3: a job row the screening hook holds is neither stored nor
// rejected; the hook's reasons carry the row number; an error of the hook
// stops the import.
TEST_F(EntitiesTest, JobHoldKeepsHeldRowsOutOfJobsAndRejects) {
  MustRun(Entity::kEmployers, "e.csv", std::string(kEmployerHeader) + EmployerRow(1, ",,,"));
  std::string code = EmployerCode(1);
  std::string path = dir_ / "held.csv";
  WriteFile(path, std::string(kJobHeader) + code + ",焊工,,1,4000,6000,520102,全职,持证,2024-05-01,\r\n" +
                      code + ",文员,,1,4000,6000,520102,全职,HOLD ME,2024-05-01,\r\n" +
                      EmployerCode(9) + ",木工,,1,3000,3500,520102,,HOLD ME,2024-05-01,\r\n");
  ImportOptions options = TestOptions();
  std::vector<int64_t> asked;
  options.job_hold = [&](const registry::Job& j, int64_t row) -> Result<std::vector<RowError>> {
    asked.push_back(row);
    if (j.requirements != "HOLD ME") return std::vector<RowError>{};
    return std::vector<RowError>{{0, "岗位要求", "HOLD ME", "待审核"}};
  };
  auto r = Import(Entity::kJobs, path, *reg_.registry, *reg_.db, options);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(asked, (std::vector<int64_t>{2, 3}));  // the unknown employer's row is rejected first
  EXPECT_EQ(r->inserted, 1);
  EXPECT_EQ(r->held, 1);
  EXPECT_EQ(r->rejected, 1);
  EXPECT_EQ(r->rows, r->inserted + r->updated + r->unchanged + r->rejected + r->held);
  ASSERT_EQ(r->held_rows.size(), 1u);
  EXPECT_EQ(r->held_rows[0].row, 3);
  EXPECT_EQ(ReadFile(r->rejects_file).find("文员"), std::string::npos);
  int jobs = 0;
  ASSERT_TRUE(reg_.registry->ForEachJob([&](const registry::Job&) { ++jobs; }));
  EXPECT_EQ(jobs, 1);

  options.job_hold = [](const registry::Job&, int64_t) -> Result<std::vector<RowError>> {
    return Fail(ErrorCode::kStore, "审核队列不可用");
  };
  auto failed = Import(Entity::kJobs, path, *reg_.registry, *reg_.db, options);
  ASSERT_FALSE(failed.has_value());
  EXPECT_NE(failed.error().message.find("审核队列不可用"), std::string::npos);
}

TEST_F(EntitiesTest, ContractsNeedPersonAndEmployer) {
  MustRun(Entity::kEmployers, "e.csv", std::string(kEmployerHeader) + EmployerRow(1, ",,,"));
  MustRun(Entity::kPersons, "p.csv", std::string(kPersonHeader) + PersonRow(1));
  std::string code = EmployerCode(1);
  auto r = MustRun(Entity::kContracts, "c.csv",
                   std::string(kContractHeader) +
                       PersonId(1) + "," + code + ",2023-03-01,2026-02-28,6,否,是,广东省深圳市南山区\r\n" +
                       PersonId(2) + "," + code + ",2023-03-01,,6,,,\r\n" +          // no person
                       PersonId(1) + "," + code + ",2023-03-01,2023-01-01,6,也许,,\r\n");
  EXPECT_EQ(r.inserted, 1) << r.ToJson().dump(1);
  EXPECT_EQ(r.rejected, 2);
  std::vector<registry::Contract> all;
  ASSERT_TRUE(reg_.registry->ForEachContract([&](const registry::Contract& c) { all.push_back(c); }));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].new_form);
  EXPECT_EQ(all[0].social_insurance_months, 6);
  EXPECT_EQ(all[0].end_on, Date::FromYmd(2026, 2, 28).value());
  EXPECT_EQ(all[0].work_region, "440305");  // a place outside Guizhou, by name, in a county's import
}

// The place of work under the headers officers use (就业地), and the former
// hand-set 跨县/跨省 columns refused with the reason (#12).
TEST_F(EntitiesTest, ContractsPlaceOfWorkHeadersAndRetiredFlags) {
  MustRun(Entity::kEmployers, "e.csv", std::string(kEmployerHeader) + EmployerRow(1, ",,,"));
  MustRun(Entity::kPersons, "p.csv", std::string(kPersonHeader) + PersonRow(1));
  const std::string code = EmployerCode(1);
  auto r = MustRun(Entity::kContracts, "c.csv",
                   "身份证号,统一社会信用代码,合同开始日期,就业地\r\n" + PersonId(1) + "," + code +
                       ",2023-03-01,520203\r\n");
  EXPECT_EQ(r.inserted, 1) << r.ToJson().dump(1);
  std::vector<registry::Contract> all;
  ASSERT_TRUE(reg_.registry->ForEachContract([&](const registry::Contract& c) { all.push_back(c); }));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].work_region, "520203");
  std::string old = dir_ / "old.csv";
  std::ofstream(old) << "身份证号,统一社会信用代码,合同开始日期,跨县,跨省\r\n" + PersonId(1) + "," + code +
                            ",2023-03-01,是,否\r\n";
  auto refused = Run(Entity::kContracts, old);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("跨县、跨省"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("工作地点"), std::string::npos) << refused.error().message;
}

// How an outbound worker went out (附件2（四）, registry/organised.h): a
// label or code is stored as its code, an empty cell as not recorded
// (never "自主外出"), anything else rejected naming the column; an export
// carries the label back.
TEST_F(EntitiesTest, ContractsOrganisedWayOut) {
  MustRun(Entity::kEmployers, "e.csv", std::string(kEmployerHeader) + EmployerRow(1, ",,,") + EmployerRow(2, ",,,"));
  MustRun(Entity::kPersons, "p.csv", std::string(kPersonHeader) + PersonRow(1));
  const std::string one = EmployerCode(1), two = EmployerCode(2);
  auto r = MustRun(Entity::kContracts, "c.csv",
                   "身份证号,统一社会信用代码,合同开始日期,工作地点,外出组织方式\r\n" + PersonId(1) + "," + one +
                       ",2023-03-01,广东省东莞市,劳务协作站\r\n" + PersonId(1) + "," + two +
                       ",2022-03-01,440305,\r\n" + PersonId(1) + "," + one + ",2021-03-01,440305,朋友介绍\r\n");
  EXPECT_EQ(r.inserted, 2) << r.ToJson().dump(1);
  ASSERT_EQ(r.rejected, 1);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].column, "外出组织方式");
  EXPECT_EQ(r.errors[0].row, 4);
  std::vector<registry::Contract> all;
  ASSERT_TRUE(reg_.registry->ForEachContract([&](const registry::Contract& c) { all.push_back(c); }));
  ASSERT_EQ(all.size(), 2u);
  for (const auto& c : all) {
    EXPECT_EQ(c.organised_via, c.employer_credit_code == one ? "station" : "") << c.employer_credit_code;
  }
  std::ostringstream csv;
  ASSERT_TRUE(ExportCsv(Entity::kContracts, *reg_.registry, csv).has_value());
  EXPECT_NE(csv.str().find("经劳务协作站"), std::string::npos) << csv.str();
}

TEST_F(EntitiesTest, EmployersInsuredRegionIsImported) {
  auto r = MustRun(Entity::kEmployers, "e.csv",
                   "统一社会信用代码,单位名称,单位类型,规模,所在地,参保地\r\n" + EmployerCode(1) +
                       ",贵州测试有限公司,企业,小型,520102,浙江省\r\n" + EmployerCode(2) +
                       ",贵州测试二有限公司,劳务经纪人,微型,520102,\r\n");
  EXPECT_EQ(r.inserted, 2) << r.ToJson().dump(1);
  auto a = reg_.registry->FindEmployer(EmployerCode(1));
  ASSERT_TRUE(a && a->has_value());
  EXPECT_EQ((*a)->insured_region, "33");
  auto b = reg_.registry->FindEmployer(EmployerCode(2));
  ASSERT_TRUE(b && b->has_value());
  EXPECT_EQ((*b)->insured_region, "");  // left empty: unknown
  EXPECT_EQ((*b)->type, registry::EmployerType::kLabourBroker);
}

TEST_F(EntitiesTest, XlsxPersonsWithSerialDatesNumbersAndXlsxRejects) {
  std::string path = dir_ / "人员.xlsx";
  {
    auto w = XlsxWriter::Create(path);
    ASSERT_TRUE(w.has_value());
    int s = (*w)->AddSheet("人员");
    std::vector<std::string> header = {"姓名", "身份证号", "户籍地", "手机号", "毕业(离校)日期"};
    (*w)->WriteHeader(s, header);  // columns in another order, optional ones left out
    (*w)->WriteString(s, 1, 0, "张三");
    (*w)->WriteString(s, 1, 1, PersonId(1));
    (*w)->WriteString(s, 1, 2, "贵州省贵阳市南明区");
    (*w)->WriteNumber(s, 1, 3, 13800001234);
    (*w)->WriteDate(s, 1, 4, *Date::FromYmd(2012, 7, 1));
    // Row 3 empty; row 4 has an impossible typed date and no phone.
    (*w)->WriteString(s, 3, 0, "李四");
    (*w)->WriteString(s, 3, 1, PersonId(2));
    (*w)->WriteString(s, 3, 2, "520102");
    (*w)->WriteString(s, 3, 4, "2023-02-29");
    ASSERT_TRUE((*w)->Close().has_value());
  }
  auto r = Run(Entity::kPersons, path);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->rows, 2);
  EXPECT_EQ(r->inserted, 1) << r->ToJson().dump(1);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].row, 4);  // Excel's row number, gap included
  EXPECT_EQ(r->errors[0].column, "毕业(离校)日期");
  auto p = reg_.registry->FindPersonByIdNumber(PersonId(1)).value();
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->phone, "13800001234");
  EXPECT_EQ(p->school_left_on, Date::FromYmd(2012, 7, 1).value());
  EXPECT_EQ(p->hukou_region, "520102");

  ASSERT_EQ(r->rejects_file, dir_ / "人员.rejects.xlsx");
  auto rejects = XlsxReader::Open(r->rejects_file);
  ASSERT_TRUE(rejects.has_value());
  auto rows = (*rejects)->ReadSheet(0).value();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells.back(), "错误原因");
  EXPECT_EQ(rows[1].cells[0], "李四");
  EXPECT_NE(rows[1].cells.back().find("毕业(离校)日期"), std::string::npos);
}

TEST_F(EntitiesTest, PersonExportIsMaskedAndTemplatesDescribeEveryColumn) {
  MustRun(Entity::kPersons, "p.csv", std::string(kPersonHeader) + PersonRow(1));
  std::ostringstream csv;
  ASSERT_EQ(ExportCsv(Entity::kPersons, *reg_.registry, csv).value(), 1);
  std::string text = csv.str();
  EXPECT_TRUE(text.starts_with("\xEF\xBB\xBF身份证号,姓名"));
  EXPECT_EQ(text.find(PersonId(1)), std::string::npos);
  EXPECT_NE(text.find(PersonId(1).substr(0, 4) + "**********" + PersonId(1).substr(14)),
            std::string::npos);
  EXPECT_EQ(text.find("13810000001"), std::string::npos);
  EXPECT_NE(text.find("138****0001"), std::string::npos);
  EXPECT_NE(text.find("脱贫人口@2021-01-01~2025-12-31"), std::string::npos);

  for (Entity e : {Entity::kPersons, Entity::kEmployers, Entity::kJobs, Entity::kContracts}) {
    std::string path = dir_ / (std::string(EntityName(e)) + "_template.xlsx");
    ASSERT_TRUE(WriteTemplate(e, path).has_value());
    auto book = XlsxReader::Open(path);
    ASSERT_TRUE(book.has_value());
    ASSERT_EQ((*book)->sheet_names().size(), 2u);
    EXPECT_EQ((*book)->sheet_names()[1], "填写说明");
    auto header = (*book)->ReadSheet(0).value();
    ASSERT_EQ(header.size(), 1u);
    ASSERT_EQ(header[0].cells.size(), Columns(e).size());
    auto notes = (*book)->ReadSheet("填写说明").value();
    for (size_t c = 0; c < Columns(e).size(); ++c) {
      EXPECT_EQ(header[0].cells[c], Columns(e)[c].name);
      EXPECT_EQ(notes[c + 1].cells[0], Columns(e)[c].name);
      EXPECT_EQ(notes[c + 1].cells[1], Columns(e)[c].required ? "必填" : "选填");
    }
    // A blank template imports as an empty file of the right shape.
    auto r = Run(e, path);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->rows, 0);
  }
}

}  // namespace
}  // namespace qjy::importer
