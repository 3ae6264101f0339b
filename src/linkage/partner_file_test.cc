#include "linkage/partner_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "importer/text_encoding.h"
#include "importer/xlsx_writer.h"

namespace qjy::linkage {
namespace {

class PartnerFileTest : public ::testing::Test {
 protected:
  PartnerFileTest() {
    dir_ = std::filesystem::temp_directory_path() /
           ("qjy_linkage_partner_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  ~PartnerFileTest() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  PartnerMapping Mapping() {
    auto m = ParsePartnerMapping(R"(partner: 广东省人社厅
columns:
  姓名: name
  公民身份号码: id_number
  出生日期: birth_date
  性别: sex
  户籍地: division_code
  手机: phone
  参保月数: insured_months
ignore: [序号]
)");
    EXPECT_TRUE(m.has_value()) << m.error().message;
    return *m;
  }
  std::filesystem::path dir_;
};

constexpr const char* kCsv =
    "序号,姓名,公民身份号码,出生日期,性别,户籍地,手机,参保月数\n"
    "1,张伟,520102199001010011,1990-01-01,男,520102,13800001234,12\n"
    "2,李娜,520102900101002,1990/1/1,女,520103,,\n";

TEST_F(PartnerFileTest, ReadsUtf8AndGbkTheSame) {
  const PartnerMapping m = Mapping();
  auto utf8 = ReadPartnerFile(Write("a.csv", kCsv), m);
  ASSERT_TRUE(utf8.has_value()) << utf8.error().message;
  auto gbk_bytes = importer::Utf8ToGb18030(kCsv);
  ASSERT_TRUE(gbk_bytes.has_value());
  auto gbk = ReadPartnerFile(Write("b.csv", *gbk_bytes), m);
  ASSERT_TRUE(gbk.has_value()) << gbk.error().message;
  EXPECT_EQ(gbk->encoding, "gb18030");
  ASSERT_EQ(utf8->records.size(), 2u);
  ASSERT_EQ(gbk->records.size(), 2u);
  EXPECT_TRUE(utf8->errors.empty());
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(utf8->records[i].person.name, gbk->records[i].person.name);
    EXPECT_EQ(utf8->records[i].person.id_number, gbk->records[i].person.id_number);
  }
  EXPECT_EQ(gbk->records[0].person.name, "张伟");
  EXPECT_EQ(utf8->records[0].insured_months, 12);
  EXPECT_EQ(utf8->records[1].insured_months, -1);
  EXPECT_EQ(utf8->records[1].row, 3);
}

TEST_F(PartnerFileTest, ReadsXlsx) {
  const std::string path = (dir_ / "c.xlsx").string();
  auto w = importer::XlsxWriter::Create(path);
  ASSERT_TRUE(w.has_value());
  const int s = (*w)->AddSheet("Sheet1");
  const std::vector<std::string> header = {"序号", "姓名", "公民身份号码", "出生日期", "性别", "户籍地", "手机", "参保月数"};
  (*w)->WriteHeader(s, header);
  (*w)->WriteRow(s, 1, std::vector<std::string>{"1", "王芳", "520102199202020022", "1992-02-02", "女", "520102", "13900001111", "3"});
  ASSERT_TRUE((*w)->Close().has_value());
  auto f = ReadPartnerFile(path, Mapping());
  ASSERT_TRUE(f.has_value()) << f.error().message;
  ASSERT_EQ(f->records.size(), 1u);
  EXPECT_EQ(f->records[0].person.name, "王芳");
  EXPECT_EQ(f->records[0].insured_months, 3);
}

TEST_F(PartnerFileTest, MappingErrors) {
  auto twice = ParsePartnerMapping("columns:\n  姓名: name\n  名字: name\n");
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().message.find("两次"), std::string::npos);
  EXPECT_NE(twice.error().message.find("名字"), std::string::npos);
  EXPECT_FALSE(ParsePartnerMapping("columns:\n  姓名: nickname\n").has_value());
  EXPECT_FALSE(ParsePartnerMapping("columns: [a, b]\n").has_value());
  EXPECT_FALSE(ParsePartnerMapping("columns:\n  手机: phone\n").has_value());  // no name nor ID
  EXPECT_FALSE(ParsePartnerMapping("columns: {姓名: name\n").has_value());     // not YAML
}

TEST_F(PartnerFileTest, HeaderProblemsAreFileErrors) {
  const PartnerMapping m = Mapping();
  auto extra = ReadPartnerFile(
      Write("d.csv", "序号,姓名,公民身份号码,出生日期,性别,户籍地,手机,参保月数,备用\n1,张伟,,,,,,,\n"), m);
  ASSERT_FALSE(extra.has_value());
  EXPECT_NE(extra.error().message.find("备用"), std::string::npos);
  auto missing = ReadPartnerFile(Write("e.csv", "序号,姓名,公民身份号码\n1,张伟,\n"), m);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("出生日期"), std::string::npos);
  // Neither UTF-8 nor GB18030.
  auto garbage = ReadPartnerFile(Write("f.csv", "\xFF\xFE\xFF\xFF\x41,\xFF\xFF\n\xFF\xFF,\xFF\n"), m);
  ASSERT_FALSE(garbage.has_value());
  EXPECT_NE(garbage.error().message.find("编码"), std::string::npos);
}

TEST_F(PartnerFileTest, RowErrorsNameThePartnersColumnsAndNothingIsKept) {
  const std::string csv =
      "序号,姓名,公民身份号码,出生日期,性别,户籍地,手机,参保月数\n"
      "1,张伟,520102199001010011,1990-01-01,男,520102,13800001234,12\n"
      "2,李娜,5201,1990-13-45,未知,52,0851-123,-1\n"
      "3,,,,,,,\n";
  auto f = ReadPartnerFile(Write("g.csv", csv), Mapping());
  ASSERT_TRUE(f.has_value()) << f.error().message;
  EXPECT_TRUE(f->records.empty());  // a half-good file gives nothing to link
  EXPECT_EQ(f->rows, 3);
  std::set<std::string> columns;
  for (const auto& e : f->errors) {
    if (e.row == 3) columns.insert(e.column);
  }
  EXPECT_EQ(columns, (std::set<std::string>{"公民身份号码", "出生日期", "性别", "户籍地", "手机", "参保月数"}));
  bool empty_row = false;
  for (const auto& e : f->errors) empty_row |= e.row == 4 && e.column.empty();
  EXPECT_TRUE(empty_row);
}

}  // namespace
}  // namespace qjy::linkage
