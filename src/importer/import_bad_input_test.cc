// Every bad input of the issue: each yields an error naming row and column
// (or a file-level error), and nothing of a rejected row is stored.
#include <gtest/gtest.h>

#include "importer/csv_reader.h"
#include "importer/import.h"
#include "importer/import_test_util.h"
#include "importer/text_encoding.h"
#include "importer/xlsx_reader.h"

namespace qjy::importer {
namespace {

using namespace testing;  // NOLINT

class BadInputTest : public ::testing::Test {
 protected:
  BadInputTest() : reg_(dir_ / "registry.db") {}

  Result<ImportResult> Run(Entity e, const std::string& path) {
    return Import(e, path, *reg_.registry, *reg_.db, TestOptions());
  }
  bool Stored(const std::string& id) {
    auto p = reg_.registry->FindPersonByIdNumber(id);
    EXPECT_TRUE(p.has_value());
    return p && p->has_value();
  }
  // The error for `row`, or nullptr.
  static const RowError* ErrorAt(const ImportResult& r, int64_t row) {
    for (const auto& e : r.errors) {
      if (e.row == row) return &e;
    }
    return nullptr;
  }

  TempDir dir_;
  TestRegistry reg_;
};

TEST_F(BadInputTest, EachBadRowIsNamedAndNotStored) {
  std::string bad_check = PersonId(3);
  bad_check.back() = bad_check.back() == '1' ? '2' : '1';
  std::string truncated = PersonId(2) + ",王五,汉族\r\n";
  std::string impossible_date = PersonRow(4);
  impossible_date.replace(impossible_date.find("2012-07-01"), 10, "2023-02-29");
  std::string unknown_region = PersonRow(5);
  unknown_region.replace(unknown_region.find(",520102,"), 8, ",529999,");
  std::string long_line = PersonId(7) + ",\"" + std::string(10 << 20, 'x') + "\"" +
                          std::string(11, ',') + "\r\n";
  std::string content = std::string(kPersonHeader) +
                        PersonRow(1) +                                     // row 2 ok
                        truncated +                                        // row 3
                        bad_check + ",赵六,,,520102,,,,,,,,\r\n" +        // row 4
                        impossible_date +                                  // row 5
                        unknown_region +                                   // row 6
                        PersonRow(1, "重复") +                             // row 7 duplicate of 2
                        long_line +                                        // row 8
                        PersonRow(6);                                      // row 9 ok
  std::string path = dir_ / "bad.csv";
  WriteFile(path, content);
  auto r = Run(Entity::kPersons, path);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->rows, 8);
  EXPECT_EQ(r->inserted, 2);
  EXPECT_EQ(r->rejected, 6) << r->ToJson().dump(1);

  struct {
    int64_t row;
    std::string_view column;
    std::string_view reason_part;
  } want[] = {
      {3, "手机号", "截断"},        {4, "身份证号", "校验"},
      {5, "毕业(离校)日期", "日期"}, {6, "户籍地", "行政区划"},
      {7, "身份证号", "第 2 行"},    {8, "", "长度上限"},
  };
  for (const auto& w : want) {
    const RowError* e = ErrorAt(*r, w.row);
    ASSERT_NE(e, nullptr) << "row " << w.row;
    EXPECT_EQ(e->column, w.column) << "row " << w.row;
    EXPECT_NE(e->reason.find(w.reason_part), std::string::npos) << e->reason;
  }
  // The ID of a rejected row is masked in the result.
  EXPECT_EQ(ErrorAt(*r, 4)->value.find(bad_check.substr(6, 8)), std::string::npos);

  EXPECT_TRUE(Stored(PersonId(1)));
  EXPECT_TRUE(Stored(PersonId(6)));
  for (int i : {2, 4, 5, 7}) EXPECT_FALSE(Stored(PersonId(i))) << i;
  // The first of the duplicated rows kept its name.
  EXPECT_EQ(reg_.registry->FindPersonByIdNumber(PersonId(1)).value()->name, "张三");
  EXPECT_EQ(reg_.registry->Counts().value().persons, 2);
}

TEST_F(BadInputTest, RejectsFileCanBeFixedAndImportedAsIs) {
  std::string bad_region = PersonRow(2);
  bad_region.replace(bad_region.find(",520102,"), 8, ",529999,");
  std::string path = dir_ / "人员.csv";
  WriteFile(path, std::string(kPersonHeader) + PersonRow(1) + bad_region);
  auto r = Run(Entity::kPersons, path);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->rejected, 1);
  ASSERT_EQ(r->rejects_file, dir_ / "人员.rejects.csv");
  std::string rejects = ReadFile(r->rejects_file);
  ASSERT_TRUE(rejects.starts_with("\xEF\xBB\xBF"));
  EXPECT_NE(rejects.find("错误原因"), std::string::npos);
  EXPECT_NE(rejects.find("529999"), std::string::npos);
  EXPECT_EQ(rejects.find(PersonId(1)), std::string::npos);  // only the rejected row

  // Imported unchanged, the rejects file fails the same way (its extra
  // column is accepted) …
  auto again = Run(Entity::kPersons, r->rejects_file);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->rejected, 1);
  // … and once corrected it goes in.
  std::string fixed = rejects;
  fixed.replace(fixed.find(",529999,"), 8, ",520102,");
  WriteFile(r->rejects_file, fixed);
  auto last = Run(Entity::kPersons, r->rejects_file);
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->inserted, 1);
  EXPECT_EQ(last->rejected, 0) << last->ToJson().dump(1);
  EXPECT_TRUE(Stored(PersonId(2)));
}

TEST_F(BadInputTest, FileLevelErrors) {
  struct {
    const char* name;
    std::string bytes;
    std::string_view message_part;
  } cases[] = {
      {"empty", "", "文件为空"},
      {"bom only", "\xEF\xBB\xBF", "文件为空"},
      {"binary", std::string("\x7F" "ELF\0\0\x01\x02", 8), "NUL"},
      {"utf-16", std::string("\xFF\xFE\x6B\x8D\x00\x4E", 6), "NUL"},
      {"unknown header", "身份证号,姓名,户籍地,爱好\r\n", "爱好"},
      {"missing header", "姓名,民族\r\n张三,汉族\r\n", "身份证号"},
      {"header only blank", "\r\n\r\n", "文件为空"},
  };
  for (const auto& c : cases) {
    std::string path = dir_ / (std::string(c.name) + ".csv");
    WriteFile(path, c.bytes);
    auto r = Run(Entity::kPersons, path);
    ASSERT_FALSE(r.has_value()) << c.name;
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos)
        << c.name << ": " << r.error().message;
  }
  auto missing = Run(Entity::kPersons, dir_ / "no-such-file.csv");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  std::string zip = dir_ / "book.csv";
  WriteFile(zip, std::string("PK\x03\x04rest", 8));
  auto z = Run(Entity::kPersons, zip);
  ASSERT_FALSE(z.has_value());
  EXPECT_NE(z.error().message.find(".xlsx"), std::string::npos);
  EXPECT_EQ(reg_.registry->Counts().value().persons, 0);
}

TEST_F(BadInputTest, GbkFileIsDecodedAndMixedEncodingIsARowError) {
  std::string utf8 = std::string(kPersonHeader) + PersonRow(1, "欧阳娜") + PersonRow(2);
  std::string path = dir_ / "gbk.csv";
  WriteFile(path, Utf8ToGb18030(utf8).value());
  auto r = Run(Entity::kPersons, path);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->encoding, "gb18030");
  EXPECT_EQ(r->inserted, 2) << r->ToJson().dump(1);
  EXPECT_EQ(reg_.registry->FindPersonByIdNumber(PersonId(1)).value()->name, "欧阳娜");

  // UTF-8 file with one row pasted in from a GBK file.
  std::string mixed = std::string(kPersonHeader) + PersonRow(3) +
                      Utf8ToGb18030(PersonRow(4, "钱七")).value();
  std::string mpath = dir_ / "mixed.csv";
  WriteFile(mpath, mixed);
  auto m = Run(Entity::kPersons, mpath);
  ASSERT_TRUE(m.has_value()) << m.error().message;
  EXPECT_EQ(m->encoding, "mixed");
  EXPECT_EQ(m->inserted, 1);
  ASSERT_EQ(m->rejected, 1);
  EXPECT_EQ(m->errors[0].row, 3);
  EXPECT_EQ(m->errors[0].column, "姓名");
  EXPECT_NE(m->errors[0].reason.find("编码"), std::string::npos);
  EXPECT_FALSE(Stored(PersonId(4)));
  // The rejects file stays UTF-8 (found by tests/fuzz/import_fuzz.cc): the
  // row's ASCII cells as they were, its undecodable bytes as U+FFFD.
  const std::string rejects = ReadFile(RejectsPathFor(mpath));
  ASSERT_FALSE(rejects.empty());
  EXPECT_TRUE(IsValidUtf8(rejects));
  EXPECT_NE(rejects.find(PersonId(4)), std::string::npos);
  EXPECT_NE(rejects.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST_F(BadInputTest, ResultJsonHasTheAgreedShape) {
  std::string path = dir_ / "p.csv";
  std::string bad = PersonRow(2);
  bad.replace(bad.find(",138"), 4, ",238");
  WriteFile(path, std::string(kPersonHeader) + PersonRow(1) + bad);
  auto r = Run(Entity::kPersons, path);
  ASSERT_TRUE(r.has_value());
  auto j = r->ToJson();
  for (const char* key : {"file", "rows", "inserted", "updated", "unchanged", "rejected", "errors"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["row"], 3);
  EXPECT_EQ(j["errors"][0]["column"], "手机号");
  std::string value = j["errors"][0]["value"];
  EXPECT_NE(value.find("****"), std::string::npos) << value;  // masked
}

}  // namespace
}  // namespace qjy::importer
