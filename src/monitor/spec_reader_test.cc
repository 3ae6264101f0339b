#include "monitor/spec_reader.h"

#include <fstream>

#include <gtest/gtest.h>

namespace qjy::monitor {
namespace {

TEST(SpecReaderTest, ErrorsNameTheFileAndLine) {
  const SpecReader r("指标文件", "a.yaml");
  auto root = r.Root("id: x\nname: \"\"\nlist: [1, 2]\n");
  ASSERT_TRUE(root.has_value());
  auto empty = r.Text(*root, "name");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message, "指标文件 a.yaml 第 2 行：name 不能为空");
  auto optional_empty = r.Text(*root, "name", false);
  ASSERT_TRUE(optional_empty.has_value());
  EXPECT_EQ(*optional_empty, "");
  auto missing = r.Text(*root, "unit");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("缺少字段 unit"), std::string::npos);
  auto list = r.Text(*root, "list");
  ASSERT_FALSE(list.has_value());
  EXPECT_EQ(list.error().message, "指标文件 a.yaml 第 3 行：list 应为文本");
}

TEST(SpecReaderTest, RootRefusesBadYamlAndNonMaps) {
  const SpecReader r("预警文件", "w.yaml");
  auto bad = r.Root("a: [1, 2\n");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("预警文件 w.yaml 第 "), std::string::npos);
  EXPECT_NE(bad.error().message.find("YAML 格式错误"), std::string::npos);
  auto list = r.Root("- 1\n- 2\n");
  ASSERT_FALSE(list.has_value());
  EXPECT_NE(list.error().message.find("文件应为键值格式"), std::string::npos);
}

TEST(SpecReaderTest, FlagsRatiosAndAssumptions) {
  const SpecReader r("指标文件", "a.yaml");
  auto root = r.Root("assumed: yes-ish\nshare: 1.5\nok: 0.25\n");
  ASSERT_TRUE(root.has_value());
  EXPECT_FALSE(r.Flag(*root, "assumed").has_value());
  EXPECT_EQ(r.Flag(*root, "absent").value_or(true), false);
  EXPECT_FALSE(r.Ratio(*root, "share").has_value());
  EXPECT_DOUBLE_EQ(r.Ratio(*root, "ok").value_or(-1), 0.25);
  auto assumed = r.Root("assumed: true\n");
  ASSERT_TRUE(assumed.has_value());
  auto no_note = r.Assumed(*assumed, "");
  ASSERT_FALSE(no_note.has_value());
  EXPECT_NE(no_note.error().message.find("须写明 note"), std::string::npos);
  EXPECT_TRUE(r.Assumed(*assumed, "理由").value_or(false));
}

struct Named {
  std::string id;
};

TEST(SpecReaderTest, DirectoryInNameOrderWithUniqueIds) {
  const auto dir = std::filesystem::temp_directory_path() / ("spec_reader_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "b.yaml") << "id: two\n";
  std::ofstream(dir / "a.yaml") << "id: one\n";
  std::ofstream(dir / "notes.txt") << "ignored\n";
  const SpecParse<Named> parse = [](std::string_view text, std::string_view name) -> Result<Named> {
    const SpecReader r("指标文件", name);
    auto root = r.Root(text);
    if (!root) return std::unexpected(root.error());
    auto id = r.Text(*root, "id");
    if (!id) return std::unexpected(id.error());
    return Named{*id};
  };
  const SpecDir d{dir, "指标文件", "指标", "sub/", true, "指标目录不存在："};
  auto all = LoadSpecDir<Named>(d, parse);
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "one");
  EXPECT_EQ((*all)[1].id, "two");

  std::ofstream(dir / "c.yaml") << "id: one\n";
  auto dup = LoadSpecDir<Named>(d, parse);
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().message, "指标文件 sub/c.yaml：指标 id “one” 重复");

  std::filesystem::remove_all(dir);
  auto missing = LoadSpecDir<Named>(d, parse);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("指标目录不存在"), std::string::npos);
  SpecDir optional = d;
  optional.missing_is_error = false;
  auto none = LoadSpecDir<Named>(optional, parse);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace qjy::monitor
