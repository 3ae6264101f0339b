#include "importer/csv_reader.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace qjy::importer {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view text, size_t max = 1 << 20) {
  CsvReader reader(text, max);
  CsvRecord rec;
  std::vector<std::vector<std::string>> out;
  while (reader.Next(rec)) {
    out.emplace_back(rec.cells.begin(), rec.cells.begin() + rec.cell_count);
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReaderTest, ParsesRfc4180Cases) {
  struct {
    std::string_view name, text;
    Rows want;
  } cases[] = {
      {"simple", "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}},
      {"crlf", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}},
      {"no final newline", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}},
      {"empty cells", ",x,\n", {{"", "x", ""}}},
      {"quoted comma", "\"a,b\",c\n", {{"a,b", "c"}}},
      {"quoted newline", "\"line1\r\nline2\",z\n", {{"line1\r\nline2", "z"}}},
      {"doubled quote", "\"say \"\"hi\"\"\",x\n", {{"say \"hi\"", "x"}}},
      {"empty quoted", "\"\",x\n", {{"", "x"}}},
      {"stray quote kept", "5\"2,x\n", {{"5\"2", "x"}}},
      {"chinese", "身份证号,姓名\n520102199001011234,张三\n",
       {{"身份证号", "姓名"}, {"520102199001011234", "张三"}}},
      {"blank line counts", "a\n\nb\n", {{"a"}, {""}, {"b"}}},
      {"lone cr", "a\rb\r", {{"a"}, {"b"}}},
  };
  for (const auto& c : cases) EXPECT_EQ(ReadAll(c.text), c.want) << c.name;
}

TEST(CsvReaderTest, RowNumbersCountRecordsNotLines) {
  CsvReader reader("h1,h2\n\"multi\nline\",x\nlast,y\n");
  CsvRecord rec;
  std::vector<int64_t> rows;
  while (reader.Next(rec)) rows.push_back(rec.row);
  EXPECT_EQ(rows, (std::vector<int64_t>{1, 2, 3}));
}

TEST(CsvReaderTest, OverlongRecordIsFlaggedAndReadingContinues) {
  std::string big(3000, 'x');
  std::string text = "a,b\n" + big + ",1\n\"" + big + "\",2\nok,3\n";
  CsvReader reader(text, 1000);
  CsvRecord rec;
  ASSERT_TRUE(reader.Next(rec));
  EXPECT_FALSE(rec.too_long);
  ASSERT_TRUE(reader.Next(rec));
  EXPECT_TRUE(rec.too_long);
  EXPECT_EQ(rec.row, 2);
  EXPECT_EQ(rec.cell_count, 0u);
  ASSERT_TRUE(reader.Next(rec));
  EXPECT_TRUE(rec.too_long);
  EXPECT_EQ(rec.row, 3);
  ASSERT_TRUE(reader.Next(rec));
  EXPECT_FALSE(rec.too_long);
  ASSERT_EQ(rec.cell_count, 2u);
  EXPECT_EQ(rec.cells[0], "ok");
  EXPECT_EQ(rec.row, 4);
  EXPECT_FALSE(reader.Next(rec));
}

TEST(CsvReaderTest, UnterminatedQuoteIsFlagged) {
  CsvReader reader("a,b\n\"open,1\n2,3\n");
  CsvRecord rec;
  ASSERT_TRUE(reader.Next(rec));
  EXPECT_FALSE(rec.unterminated_quote);
  ASSERT_TRUE(reader.Next(rec));
  EXPECT_TRUE(rec.unterminated_quote);
  EXPECT_FALSE(reader.Next(rec));
}

TEST(CsvReaderTest, FieldsRoundTripThroughAppendCsvField) {
  std::vector<std::string> fields = {"plain", "a,b", "say \"hi\"", "two\nlines", "", " lead", "中文"};
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    AppendCsvField(line, fields[i]);
  }
  line += "\r\n";
  Rows got = ReadAll(line);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], fields);
}

}  // namespace
}  // namespace qjy::importer
