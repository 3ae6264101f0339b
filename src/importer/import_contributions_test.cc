// Contribution months from the insurance system's export: CSV (UTF-8 and
// GBK) and XLSX with Chinese headers, row errors, idempotent re-import.
#include <gtest/gtest.h>

#include "importer/import.h"
#include "importer/import_test_util.h"
#include "importer/text_encoding.h"
#include "importer/xlsx_writer.h"
#include "store/contribution_store.h"

namespace qjy::importer {
namespace {

using namespace testing;  // NOLINT
using registry::MonthIndex;

const char* kHeader = "身份证号,单位统一社会信用代码,缴费年月,险种,缴费基数\r\n";

class ContributionsImportTest : public ::testing::Test {
 protected:
  ContributionsImportTest() : reg_(dir_ / "registry.db") {
    // Two persons, one employer (today = 2024-06-01, TestOptions).
    Must(Entity::kPersons, "p.csv", std::string(kPersonHeader) + PersonRow(1) + PersonRow(2, "李四"));
    Must(Entity::kEmployers, "e.csv",
         "统一社会信用代码,单位名称,单位类型,规模,所在地\r\n" + EmployerCode(1) + ",贵州测试有限公司,企业,小型,520102\r\n");
  }
  ImportResult Must(Entity e, const std::string& name, const std::string& content) {
    std::string path = dir_ / name;
    WriteFile(path, content);
    auto r = Import(e, path, *reg_.registry, *reg_.db, TestOptions());
    EXPECT_TRUE(r.has_value()) << r.error().message;
    return r ? *r : ImportResult{};
  }
  std::vector<registry::Contribution> Stored(int person) {
    auto p = reg_.registry->FindPersonByIdNumber(PersonId(person)).value();
    EXPECT_TRUE(p.has_value());
    store::ContributionStore s(*reg_.db);
    return s.OfPerson(p ? p->person_id : 0).value();
  }
  TempDir dir_;
  TestRegistry reg_;
};

TEST_F(ContributionsImportTest, GoodRowsStoredAndReimportIsUnchanged) {
  const std::string file = std::string(kHeader) +
                           PersonId(1) + "," + EmployerCode(1) + ",2023-07,养老;失业;医疗;工伤,4500\r\n" +
                           PersonId(1) + "," + EmployerCode(1) + ",2023年8月,全部,4500.50\r\n" +
                           PersonId(2) + ",,202401,养老、医疗,3000\r\n";  // individual (flexible) payment
  auto r = Must(Entity::kContributions, "缴费.csv", file);
  EXPECT_EQ(r.rows, 3);
  EXPECT_EQ(r.inserted, 3) << r.ToJson().dump(1);
  EXPECT_EQ(r.rejected, 0);
  auto one = Stored(1);
  ASSERT_EQ(one.size(), 2u);
  EXPECT_EQ(one[0].month, MonthIndex(2023, 7));
  EXPECT_EQ(one[0].kinds, 15);
  EXPECT_EQ(one[0].base_fen, 450000);
  EXPECT_EQ(one[1].month, MonthIndex(2023, 8));
  EXPECT_EQ(one[1].base_fen, 450050);
  EXPECT_EQ(one[0].county_code, "520102");
  auto two = Stored(2);
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0].employer_credit_code, "");
  EXPECT_EQ(two[0].kinds, registry::Bit(registry::InsuranceKind::kPension) | registry::Bit(registry::InsuranceKind::kMedical));

  auto again = Must(Entity::kContributions, "缴费.csv", file);
  EXPECT_EQ(again.unchanged, 3) << again.ToJson().dump(1);
  EXPECT_EQ(again.inserted + again.updated + again.rejected, 0);
  EXPECT_EQ(Stored(1).size(), 2u);
}

TEST_F(ContributionsImportTest, BadRowsRejectedWithRowAndFieldOthersStored) {
  auto r = Must(Entity::kContributions, "缴费.csv",
                std::string(kHeader) +
                    PersonId(1) + "," + EmployerCode(1) + ",2024-01,全部,4500\r\n" +  // row 2 ok
                    PersonId(3) + "," + EmployerCode(1) + ",2024-01,全部,4500\r\n" +  // row 3 unknown person
                    PersonId(1) + "," + EmployerCode(2) + ",2024-01,全部,4500\r\n" +  // row 4 unknown employer
                    PersonId(1) + "," + EmployerCode(1) + ",2024-07,全部,4500\r\n" +  // row 5 future month
                    PersonId(1) + "," + EmployerCode(1) + ",2024-01,养老,4500\r\n" +  // row 6 duplicate of row 2
                    PersonId(1) + "," + EmployerCode(1) + ",2024-13,全部,4500\r\n" +  // row 7 no such month
                    PersonId(1) + "," + EmployerCode(1) + ",2024-02,公积金,4500\r\n" +  // row 8 unknown kind
                    PersonId(1) + "," + EmployerCode(1) + ",2024-03,全部,-1\r\n");     // row 9 negative base
  EXPECT_EQ(r.rows, 8);
  EXPECT_EQ(r.inserted, 1) << r.ToJson().dump(1);
  EXPECT_EQ(r.rejected, 7);
  auto find = [&](int64_t row) -> const RowError* {
    for (const auto& e : r.errors) {
      if (e.row == row) return &e;
    }
    return nullptr;
  };
  const struct {
    int64_t row;
    const char* column;
    const char* reason_part;
  } cases[] = {
      {3, "身份证号", "尚未登记"},         {4, "单位统一社会信用代码", "尚未登记"},
      {5, "缴费年月", "晚于当前月份"},     {6, "缴费年月", "与第 2 行重复"},
      {7, "缴费年月", "不是有效的年月"},   {8, "险种", "无法识别"},
      {9, "缴费基数", "金额"},
  };
  for (const auto& c : cases) {
    const RowError* e = find(c.row);
    ASSERT_NE(e, nullptr) << "row " << c.row << " " << r.ToJson().dump(1);
    EXPECT_EQ(e->column, c.column) << c.row;
    EXPECT_NE(e->reason.find(c.reason_part), std::string::npos) << c.row << ": " << e->reason;
  }
  // The unknown person's ID number is masked in the error.
  EXPECT_EQ(find(3)->value.find(PersonId(3)), std::string::npos);
  EXPECT_FALSE(r.rejects_file.empty());
  auto stored = Stored(1);
  ASSERT_EQ(stored.size(), 1u);  // only row 2; the duplicate did not overwrite it
  EXPECT_EQ(stored[0].kinds, 15);
  // The future month is judged against the injected date, not the clock.
  ImportOptions later = TestOptions();
  later.today = *Date::FromYmd(2024, 7, 1);
  std::string path = dir_ / "future.csv";
  WriteFile(path, std::string(kHeader) + PersonId(1) + "," + EmployerCode(1) + ",2024-07,全部,4500\r\n");
  auto ok = Import(Entity::kContributions, path, *reg_.registry, *reg_.db, later);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->inserted, 1) << ok->ToJson().dump(1);
}

TEST_F(ContributionsImportTest, GbkCsvAndXlsxWithChineseHeaders) {
  std::string utf8 = std::string(kHeader) + PersonId(1) + "," + EmployerCode(1) + ",2023-09,失业,5000\r\n";
  auto gbk = Must(Entity::kContributions, "gbk.csv", Utf8ToGb18030(utf8).value());
  EXPECT_EQ(gbk.encoding, "gb18030");
  EXPECT_EQ(gbk.inserted, 1) << gbk.ToJson().dump(1);

  std::string path = dir_ / "缴费.xlsx";
  {
    auto w = XlsxWriter::Create(path);
    ASSERT_TRUE(w.has_value());
    int s = (*w)->AddSheet("缴费");
    std::vector<std::string> header = {"缴费年月", "身份证号", "险种", "缴费基数", "单位统一社会信用代码"};
    (*w)->WriteHeader(s, header);
    (*w)->WriteString(s, 1, 0, "2023-10");
    (*w)->WriteString(s, 1, 1, PersonId(2));
    (*w)->WriteString(s, 1, 2, "养老保险;医疗保险");
    (*w)->WriteNumber(s, 1, 3, 3200);
    (*w)->WriteString(s, 1, 4, "");
    ASSERT_TRUE((*w)->Close());
  }
  auto x = Import(Entity::kContributions, path, *reg_.registry, *reg_.db, TestOptions());
  ASSERT_TRUE(x) << x.error().message;
  EXPECT_EQ(x->inserted, 1) << x->ToJson().dump(1);
  auto two = Stored(2);
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0].month, MonthIndex(2023, 10));
  EXPECT_EQ(two[0].base_fen, 320000);
  EXPECT_EQ(two[0].kinds, 5);
}

TEST_F(ContributionsImportTest, MissingHeaderIsAFileErrorAndNothingIsWritten) {
  std::string path = dir_ / "bad.csv";
  WriteFile(path, "身份证号,缴费年月,险种\r\n" + PersonId(1) + ",2023-07,全部\r\n");
  auto r = Import(Entity::kContributions, path, *reg_.registry, *reg_.db, TestOptions());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("缺少必填列：缴费基数"), std::string::npos) << r.error().message;
  EXPECT_TRUE(Stored(1).empty());
}

}  // namespace
}  // namespace qjy::importer
