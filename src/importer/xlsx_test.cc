#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "importer/import_test_util.h"
#include "importer/xlsx_reader.h"
#include "importer/xlsx_writer.h"
#include "core/install_paths.h"

namespace qjy::importer {
namespace {

std::string TempPath(const std::string& name) {
  static testing::TempDir dir;  // removed at exit
  return dir / name;
}

TEST(XlsxTest, RoundTripsStringsNumbersDatesAndGaps) {
  for (bool streaming : {false, true}) {
    std::string path = TempPath(streaming ? "stream.xlsx" : "shared.xlsx");
    {
      auto w = XlsxWriter::Create(path, streaming);
      ASSERT_TRUE(w.has_value());
      int s = (*w)->AddSheet("人员");
      (*w)->SetColumn(s, 0, 22, true);
      std::vector<std::string> header = {"身份证号", "姓名", "手机号", "日期", "金额"};
      (*w)->WriteHeader(s, header);
      (*w)->WriteString(s, 1, 0, "52010219900101123X");
      (*w)->WriteString(s, 1, 1, "张三");
      (*w)->WriteNumber(s, 1, 2, 13800001234);
      (*w)->WriteDate(s, 1, 3, *Date::FromYmd(2022, 5, 1));
      (*w)->WriteNumber(s, 1, 4, 1234.56);
      // Row 3 left out entirely; row 4 has a gap in column B.
      (*w)->WriteString(s, 3, 0, "a");
      (*w)->WriteString(s, 3, 2, "c, \"quoted\"\nline");
      int notes = (*w)->AddSheet("填写说明");
      (*w)->WriteString(notes, 0, 0, "说明");
      ASSERT_TRUE((*w)->Close().has_value());
    }
    auto r = XlsxReader::Open(path);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ((*r)->sheet_names(), (std::vector<std::string>{"人员", "填写说明"}));
    auto rows = (*r)->ReadSheet(0);
    ASSERT_TRUE(rows.has_value());
    ASSERT_EQ(rows->size(), 3u) << streaming;
    EXPECT_EQ((*rows)[0].row, 1);
    EXPECT_EQ((*rows)[0].cells[4], "金额");
    EXPECT_EQ((*rows)[1].cells,
              (std::vector<std::string>{"52010219900101123X", "张三", "13800001234", "2022-05-01",
                                        "1234.56"}));
    EXPECT_EQ((*rows)[2].row, 4);
    EXPECT_EQ((*rows)[2].cells, (std::vector<std::string>{"a", "", "c, \"quoted\"\nline"}));
    auto notes = (*r)->ReadSheet("填写说明");
    ASSERT_TRUE(notes.has_value());
    EXPECT_EQ((*notes)[0].cells[0], "说明");
    EXPECT_FALSE((*r)->ReadSheet("没有").has_value());
  }
}

TEST(XlsxTest, RejectsNonWorkbooks) {
  std::string path = TempPath("not.xlsx");
  FILE* f = fopen(path.c_str(), "wb");
  fputs("this is not a zip", f);
  fclose(f);
  auto r = XlsxReader::Open(path);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("Excel"), std::string::npos);
}

TEST(XlsxTest, SerialDatesAndCellRefs) {
  EXPECT_EQ(ExcelSerialToIsoDate(1), "1900-01-01");
  EXPECT_EQ(ExcelSerialToIsoDate(59), "1900-02-28");
  EXPECT_EQ(ExcelSerialToIsoDate(61), "1900-03-01");
  EXPECT_EQ(ExcelSerialToIsoDate(44682), "2022-05-01");
  EXPECT_EQ(ExcelSerialToIsoDate(44682.75), "2022-05-01");
  EXPECT_EQ(ExcelSerialToIsoDate(-3), "");
  EXPECT_EQ(ParseCellRef("A1"), (std::pair<int64_t, int>{1, 0}));
  EXPECT_EQ(ParseCellRef("AB12"), (std::pair<int64_t, int>{12, 27}));
  EXPECT_EQ(ParseCellRef("12").second, -1);
  EXPECT_EQ(ParseCellRef("A").second, -1);
  EXPECT_EQ(ParseCellRef("XFD1048576"), (std::pair<int64_t, int>{1048576, 16383}));
  EXPECT_EQ(ParseCellRef("ABCD1").second, -1);
  // Found by tests/fuzz (xlsx): a long run of letters overflowed the column.
  EXPECT_EQ(ParseCellRef(std::string(40, 'Z') + "1").second, -1);
  EXPECT_EQ(ParseCellRef(std::string(40, 'Z')).second, -1);
}

// A stored zip of `parts` (name, content) at `path`.
void WriteZip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& parts) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  ASSERT_NE(z, nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(z), 0);
}

// Row numbers outside Excel's range (pugixml saturates an overlong one at
// INT64_MAX, whose successor overflowed) read as the next row.
TEST(XlsxTest, CorruptRowNumbersTakeTheNextNumber) {
  std::string path = TempPath("rows.xlsx");
  WriteZip(path, {
      {"xl/workbook.xml",
       R"(<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml",
       R"(<worksheet><sheetData>)"
       R"(<row r="3"><c t="str"><v>a</v></c></row>)"
       R"(<row r="99999999999999999999999"><c t="str"><v>b</v></c></row>)"
       R"(<row r="9223372036854775807"><c t="str"><v>c</v></c></row>)"
       R"(<row r="-5"><c t="str"><v>d</v></c></row>)"
       R"(<row r="1048576"><c t="str"><v>e</v></c></row>)"
       R"(<row><c t="str"><v>f</v></c></row>)"
       R"(</sheetData></worksheet>)"},
  });
  auto r = XlsxReader::Open(path);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  auto rows = (*r)->ReadSheet(0);
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  std::vector<int64_t> numbers;
  for (const auto& row : *rows) numbers.push_back(row.row);
  EXPECT_EQ(numbers, (std::vector<int64_t>{3, 4, 5, 6, 1048576, 1048577}));
}

// Found by tests/fuzz (xlsx): a 2 KB workbook whose zip directory claims a
// part of 4 GB had those 4 GB allocated (and zeroed) before reading.
TEST(XlsxTest, AnEntryLargerThanItClaimsIsNotAllocatedUpFront) {
  const std::string path = SourceTreeDir().string() + "/tests/fuzz/corpus/xlsx/oom-claims-4gb.xlsx";
  auto r = XlsxReader::Open(path);
  if (r) {
    auto rows = (*r)->ReadSheet(0);
    ASSERT_FALSE(rows.has_value());
    EXPECT_NE(rows.error().message.find("Excel"), std::string::npos);
  } else {
    EXPECT_NE(r.error().message.find("Excel"), std::string::npos);
  }
}

}  // namespace
}  // namespace qjy::importer
