// Officers' real sheets (issue 13 §2): a footer typed into the ID column,
// title rows above the header, a notes/signature block below the table,
// Excel date serials and ID numbers that Excel stored as numbers. The last
// test reads a workbook written by npm exceljs (tests/fixtures/
// make-officer-sheets.mjs), not by our own writer; it is skipped when node
// or node_modules/exceljs is missing.
#include <cstdio>
#include <cstdlib>

#include <gtest/gtest.h>

#include "core/utf8.h"
#include "importer/import.h"
#include "importer/import_test_util.h"
#include "core/install_paths.h"

namespace qjy::importer {
namespace {

using namespace testing;  // NOLINT

class OfficerSheetTest : public ::testing::Test {
 protected:
  OfficerSheetTest() : reg_(dir_ / "registry.db") {}

  Result<ImportResult> Run(const std::string& path) {
    return Import(Entity::kPersons, path, *reg_.registry, *reg_.db, TestOptions());
  }
  std::optional<registry::Person> Stored(const std::string& id) {
    auto p = reg_.registry->FindPersonByIdNumber(id);
    EXPECT_TRUE(p.has_value());
    return p ? *p : std::nullopt;
  }
  static const RowError* ErrorAt(const ImportResult& r, int64_t row) {
    for (const auto& e : r.errors) {
      if (e.row == row) return &e;
    }
    return nullptr;
  }

  TempDir dir_;
  TestRegistry reg_;
};

// The crash of the issue: "填表人：张三" is 18 bytes, the length of an ID
// number, and its mask cut a character in half; the JSON dump then threw.
// With data after it, it is not the tail: it is rejected, masked whole.
TEST_F(OfficerSheetTest, FooterTextInIdColumnIsRejectedAsValidUtf8) {
  std::string path = dir_ / "footer.csv";
  WriteFile(path, std::string(kPersonHeader) + PersonRow(1) +
                      "填表人：张三,,,,,,,,,,,,\r\n" + PersonRow(2));
  auto r = Run(path);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->rows, 3);
  EXPECT_EQ(r->inserted, 2);
  EXPECT_EQ(r->rejected, 1);
  const RowError* e = ErrorAt(*r, 3);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->column, "身份证号");
  EXPECT_EQ(e->value, "填**");
  for (const auto& err : r->errors) {
    EXPECT_TRUE(IsValidUtf8(err.value)) << err.row;
    EXPECT_TRUE(IsValidUtf8(err.reason)) << err.row;
  }
  // nlohmann's strict dump (the CLI's) throws on invalid UTF-8.
  std::string json;
  ASSERT_NO_THROW(json = r->ToJson().dump());
  EXPECT_NE(json.find("填**"), std::string::npos);
}

// Even a value that reached the result with a cut character serialises.
TEST_F(OfficerSheetTest, ResultJsonRepairsInvalidUtf8) {
  ImportResult r;
  r.errors.push_back({2, "身份证号", "\xE5\xA1", "原因"});
  std::string json;
  ASSERT_NO_THROW(json = r.ToJson().dump());
  EXPECT_NE(json.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST_F(OfficerSheetTest, TitleRowsAboveHeaderAndNotesBelowTable) {
  std::string path = dir_ / "ledger.csv";
  WriteFile(path, "七星关区劳动力台账（2025年6月）,,,,,,,,,,,,\r\n"
                  ",,,,,,,,,,,,\r\n"
                  "填报单位：碧阳街道,,,,,,,,,,,,\r\n" +
                      std::string(kPersonHeader) + PersonRow(1) + PersonRow(2) +
                      ",,,,,,,,,,,,\r\n"
                      "填表人：张三  审核人：李四,,,,,,,,,,,,\r\n"
                      "备注：本表由村（社区）填报,,,,,,,,,,,,\r\n"
                      ",,,,,,,,,,,2025年6月30日,\r\n");
  auto r = Run(path);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->header_row, 4);
  EXPECT_EQ(r->rows, 2);
  EXPECT_EQ(r->inserted, 2);
  EXPECT_EQ(r->rejected, 0);
  EXPECT_EQ(r->tail_rows, 3);
  EXPECT_EQ(r->first_tail_row, 8);
  EXPECT_TRUE(r->rejects_file.empty());
  auto j = r->ToJson();
  EXPECT_EQ(j.value("tail_rows_ignored", 0), 3);
  EXPECT_NE(j.value("tail_note", "").find("表尾说明"), std::string::npos);
  EXPECT_NE(j.value("header_note", "").find("第 4 行"), std::string::npos);
}

// Note-like rows between data rows are ordinary rows: rejected, in order.
TEST_F(OfficerSheetTest, NoteLikeRowsInsideTheTableAreStillRejected) {
  std::string path = dir_ / "mid.csv";
  WriteFile(path, std::string(kPersonHeader) + PersonRow(1) +
                      "备注：以下为补录,,,,,,,,,,,,\r\n" + ",,,,,,,,,,,2025年6月30日,\r\n" +
                      PersonRow(2));
  auto r = Run(path);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->rows, 4);
  EXPECT_EQ(r->inserted, 2);
  EXPECT_EQ(r->rejected, 2);
  EXPECT_EQ(r->tail_rows, 0);
  ASSERT_NE(ErrorAt(*r, 3), nullptr);
  ASSERT_NE(ErrorAt(*r, 4), nullptr);
  EXPECT_EQ(ErrorAt(*r, 4)->reason, "必填，不能为空");
}

// A sheet whose header is not among the first rows still names what is missing.
TEST_F(OfficerSheetTest, NoHeaderAmongFirstRowsIsAFileError) {
  std::string path = dir_ / "noheader.csv";
  WriteFile(path, "七星关区劳动力台账,\r\n甲,乙\r\n");
  auto r = Run(path);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("缺少必填列"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("第 1 行"), std::string::npos) << r.error().message;
}

TEST_F(OfficerSheetTest, IdNumberStoredAsNumberSaysDigitsWereLost) {
  std::string lost18 = PersonId(5).substr(0, 15) + "000";
  ASSERT_NE(ResidentIdCheckChar(lost18.substr(0, 17)).value(), '0');
  std::string row2 = PersonRow(4), row3 = PersonRow(5);
  row2.replace(0, 18, "5.20102E+17");
  row3.replace(0, 18, lost18);
  std::string path = dir_ / "numeric_id.csv";
  WriteFile(path, std::string(kPersonHeader) + row2 + row3 + PersonRow(6));
  auto r = Run(path);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->inserted, 1);
  EXPECT_EQ(r->rejected, 2);
  for (int64_t row : {2, 3}) {
    const RowError* e = ErrorAt(*r, row);
    ASSERT_NE(e, nullptr) << row;
    EXPECT_EQ(e->column, "身份证号");
    EXPECT_NE(e->reason.find("已丢失"), std::string::npos) << e->reason;
    EXPECT_NE(e->reason.find("文本"), std::string::npos) << e->reason;
    EXPECT_NE(e->reason.find("'"), std::string::npos) << e->reason;
    EXPECT_EQ(e->value.find("520102"), std::string::npos) << "masked: " << e->value;
  }
}

TEST_F(OfficerSheetTest, DateSerialInDateColumn) {
  std::string row = PersonRow(7);
  row.replace(row.find("2012-07-01"), 10, "41091");  // 2012-07-01 as Excel counts
  std::string path = dir_ / "serial.csv";
  WriteFile(path, std::string(kPersonHeader) + row);
  auto r = Run(path);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->inserted, 1) << (r->errors.empty() ? "" : r->errors[0].reason);
  auto p = Stored(PersonId(7));
  ASSERT_TRUE(p.has_value());
  ASSERT_TRUE(p->school_left_on.has_value());
  EXPECT_EQ(p->school_left_on->ToString(), "2012-07-01");
}

// A workbook written by exceljs: merged title row, a real date cell, a
// plain-number date, a numeric ID cell, a merged signature row and notes.
TEST_F(OfficerSheetTest, ExceljsWorkbookWithTitleNotesSerialsAndNumericId) {
  const std::string script = SourceTreeDir().string() + "/tests/fixtures/make-officer-sheets.mjs";
  if (std::system("node --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "node is not installed";
  if (std::system(("cd '" + SourceTreeDir().string() +
                   "' && node -e \"import('exceljs')\" >/dev/null 2>&1")
                      .c_str()) != 0) {
    GTEST_SKIP() << "node_modules/exceljs is missing (npm install)";
  }
  const std::string out = dir_ / "";
  FILE* pipe = ::popen(("node '" + script + "' '" + out + "'").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::vector<std::string> ids;
  char buf[64];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr) {
    std::string line(buf);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    ids.push_back(line);
  }
  ASSERT_EQ(::pclose(pipe), 0);
  ASSERT_EQ(ids.size(), 4u);

  auto r = Run(dir_ / "officer-persons.xlsx");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->header_row, 3);
  EXPECT_EQ(r->rows, 4);
  EXPECT_EQ(r->inserted, 3);
  EXPECT_EQ(r->rejected, 1);
  EXPECT_EQ(r->tail_rows, 3);
  EXPECT_EQ(r->first_tail_row, 9);
  const RowError* e = ErrorAt(*r, 6);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->column, "身份证号");
  EXPECT_NE(e->reason.find("已丢失"), std::string::npos) << e->reason;
  for (size_t i : {0u, 1u, 3u}) {
    auto p = Stored(ids[i]);
    ASSERT_TRUE(p.has_value()) << ids[i];
    ASSERT_TRUE(p->school_left_on.has_value()) << ids[i];
    EXPECT_EQ(p->school_left_on->ToString(), "2012-07-01") << ids[i];
  }
  EXPECT_FALSE(Stored(ids[2]).has_value());
  EXPECT_NO_THROW((void)r->ToJson().dump());
}

}  // namespace
}  // namespace qjy::importer
