// qjy link: a partner file imported through its mapping, linked against an
// earlier batch, a review pair listed masked and decided; a file with row
// errors imports nothing and names the partner's column.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"

namespace qjy::cli {
namespace {

namespace fs = std::filesystem;

testing::CmdRun Link(const std::string& line) { return testing::RunCommand(AddLinkCommands, line); }

class LinkCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qjy-link-cmd-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "l.db").string();
    Write("map.yaml", "partner: 广东省人社厅\ncolumns:\n  姓名: name\n  身份证: id_number\n  出生日期: birth_date\n"
                      "  性别: sex\n  户籍地: division_code\n  手机: phone\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  fs::path dir_;
  std::string db_;
};

TEST_F(LinkCmdTest, ImportRunReviewResolve) {
  const std::string first = Write("a.csv",
                                  "姓名,身份证,出生日期,性别,户籍地,手机\n"
                                  "张伟,520102199001010011,1990-01-01,男,520102,13800001234\n"
                                  "李娜,520103199202020022,1992-02-02,女,520103,13900002222\n");
  auto imp = Link("link import --db " + db_ + " --mapping " + (dir_ / "map.yaml").string() + " --file " + first +
                  " --county 520102");
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_NE(imp.out.find("2 条记录"), std::string::npos) << imp.out;
  auto run1 = Link("link run --db " + db_ + " --batch 1");
  ASSERT_EQ(run1.exit_code, 0) << run1.err;
  EXPECT_NE(run1.out.find("新建 2 个"), std::string::npos) << run1.out;
  EXPECT_NE(Link("link run --db " + db_ + " --batch 1").exit_code, 0);  // linked already

  // The partner has 张伟 without ID: with every candidate sent to review.
  const std::string second = Write("b.csv",
                                   "姓名,身份证,出生日期,性别,户籍地,手机\n"
                                   "张伟,,1990-01-01,男,520102,\n");
  ASSERT_EQ(Link("link import --db " + db_ + " --mapping " + (dir_ / "map.yaml").string() + " --file " + second +
                 " --county 520102").exit_code, 0);
  auto run2 = Link("link run --db " + db_ + " --batch 2 --match 1.01 --review 0.0001");
  ASSERT_EQ(run2.exit_code, 0) << run2.err;
  EXPECT_NE(run2.out.find("待人工复核 1 条"), std::string::npos) << run2.out;

  auto list = Link("link review --db " + db_ + " --scope 5201");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("复核项 1"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("520102199001010011"), std::string::npos);  // masked
  EXPECT_EQ(list.out.find("13800001234"), std::string::npos);

  EXPECT_NE(Link("link review --db " + db_ + " --scope 5227 --resolve 1 --match").exit_code, 0);  // out of scope
  auto ok = Link("link review --db " + db_ + " --scope 5201 --resolve 1 --match");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  auto empty = Link("link review --db " + db_ + " --scope 52");
  EXPECT_NE(empty.out.find("没有待复核"), std::string::npos) << empty.out;
}

TEST_F(LinkCmdTest, RowErrorsImportNothing) {
  const std::string bad = Write("bad.csv",
                                "姓名,身份证,出生日期,性别,户籍地,手机\n"
                                "张伟,520102199001010011,1990-01-01,男,520102,13800001234\n"
                                "李娜,520103199202020022,1992-13-45,女,520103,13900002222\n");
  auto imp = Link("link import --db " + db_ + " --mapping " + (dir_ / "map.yaml").string() + " --file " + bad +
                  " --county 520102");
  EXPECT_NE(imp.exit_code, 0);
  EXPECT_NE(imp.err.find("第 3 行“出生日期”列"), std::string::npos) << imp.err;
  auto run = Link("link run --db " + db_ + " --batch 1");
  EXPECT_NE(run.exit_code, 0);  // no batch was stored
  const std::string twice = Write("twice.yaml", "columns:\n  姓名: name\n  名字: name\n");
  auto map = Link("link import --db " + db_ + " --mapping " + twice + " --file " + bad + " --county 520102");
  EXPECT_NE(map.exit_code, 0);
  EXPECT_NE(map.err.find("两次"), std::string::npos) << map.err;
}

}  // namespace
}  // namespace qjy::cli

namespace qjy::cli {
namespace {

// The Bloom exchange through the CLI: a partner-format file encoded (no
// plain data in it), refused whole under a wrong key, linked under the
// right one; a batch deduplicated within itself.
TEST_F(LinkCmdTest, EncodeLinkEncodedAndDedup) {
  const std::string csv = Write("p.csv",
                                "姓名,身份证,出生日期,性别,户籍地,手机\n"
                                "张伟,520102199001010011,1990-01-01,男,520102,13800001234\n"
                                "張偉,520102199001010011,1990-01-01,男,520102,13800001234\n"
                                "李娜,520103199202020022,1992-02-02,女,520103,13900002222\n");
  const std::string key = Write("k.hex", "00112233445566778899aabbccddeeff\n");
  const std::string wrong = Write("w.hex", "ffeeddccbbaa99887766554433221100\n");
  const std::string out = (dir_ / "p.enc").string();
  auto enc = Link("linkage encode --db " + db_ + " --key " + key + " --out " + out + " --mapping " +
                  (dir_ / "map.yaml").string() + " --file " + csv);
  ASSERT_EQ(enc.exit_code, 0) << enc.err;
  EXPECT_NE(enc.out.find("已编码 3 条"), std::string::npos) << enc.out;
  EXPECT_EQ(enc.out.find("00112233"), std::string::npos);  // the key is never printed
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find("张伟"), std::string::npos);
  EXPECT_EQ(text.find("520102199001010011"), std::string::npos);

  auto bad = Link("link link-encoded --db " + db_ + " --key " + wrong + " --partner-file " + out +
                  " --region 52 --county 520102");
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("密钥"), std::string::npos) << bad.err;
  auto none = Link("link encoded-pairs --db " + db_ + " --status match");
  EXPECT_NE(none.out.find("没有"), std::string::npos) << none.out;

  auto ok = Link("link link-encoded --db " + db_ + " --key " + key + " --partner-file " + out +
                 " --region 52 --county 520102");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("对方 3 条编码记录"), std::string::npos) << ok.out;

  ASSERT_EQ(Link("link import --db " + db_ + " --mapping " + (dir_ / "map.yaml").string() + " --file " + csv +
                 " --county 520102").exit_code, 0);
  auto dedup = Link("link dedup --db " + db_ + " --batch 2");
  ASSERT_EQ(dedup.exit_code, 0) << dedup.err;
  EXPECT_NE(dedup.out.find("3 条记录归为 2 人"), std::string::npos) << dedup.out;
  EXPECT_NE(Link("link dedup --db " + db_ + " --batch 2").exit_code, 0);  // done already
  EXPECT_NE(Link("link dedup --db " + db_).exit_code, 0);                 // neither batch nor region
}

}  // namespace
}  // namespace qjy::cli
