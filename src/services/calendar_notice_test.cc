#include "services/calendar_notice.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "core/install_paths.h"
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using ::qjy::test_support::D;

constexpr char kGood[] = R"(year: 2027
title: 国务院办公厅关于2027年部分节假日安排的通知
document: 国办发明电〔2026〕9号
published_on: 2026-11-20
holidays:
  - name: 元旦
    off: [2027-01-01, 2027-01-03]
  - name: 春节
    off: [2027-02-06, 2027-02-14]
    work: [2027-02-20]
)";

TEST(CalendarNoticeTest, ParsesTheNoticeAndExpandsItsDays) {
  auto n = ParseCalendarNotice(kGood, "notice.yaml");
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(n->year, 2027);
  EXPECT_EQ(n->document, "国办发明电〔2026〕9号");
  ASSERT_EQ(n->holidays.size(), 2u);
  auto e = n->Entries();
  ASSERT_EQ(e.size(), 3u + 9u + 1u);
  EXPECT_EQ(e.front().date, D("2027-01-01"));
  EXPECT_EQ(e.front().kind, DayKind::kOff);
  EXPECT_EQ(e.back().date, D("2027-02-20"));
  EXPECT_EQ(e.back().kind, DayKind::kWork);
  EXPECT_EQ(e.back().name, "春节");
  // The stored form parses back to the same notice.
  auto again = ParseCalendarNotice(NoticeToYaml(*n), "stored");
  ASSERT_TRUE(again) << again.error().message << "\n" << NoticeToYaml(*n);
  EXPECT_EQ(again->Entries().size(), e.size());
  EXPECT_EQ(again->title, n->title);
}

TEST(CalendarNoticeTest, TheShippedTestFileParses) {
  std::ifstream in(SourceTreeDir() / "src/services/testdata/notice-2027-test.yaml");
  ASSERT_TRUE(in);
  std::stringstream s;
  s << in.rdbuf();
  auto n = ParseCalendarNotice(s.str(), "notice-2027-test.yaml");
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(n->holidays.size(), 2u);
}

// Each broken notice is refused with a message naming the file, the line
// and what is wrong.
TEST(CalendarNoticeTest, RefusesBrokenNoticesNamingFileLineAndReason) {
  std::string good = kGood;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  static const struct {
    const char* from;
    const char* to;
    const char* want;
  } cases[] = {
      // A make-up working day on a weekday (2027-02-19 is a Friday).
      {"work: [2027-02-20]", "work: [2027-02-19]", "第 10 行：春节：调休上班日 2027-02-19 是星期五"},
      // A holiday of weekend days only (2027-01-02/03: Saturday, Sunday).
      {"off: [2027-01-01, 2027-01-03]", "off: [2027-01-02, 2027-01-03]", "均为周末"},
      {"off: [2027-01-01, 2027-01-03]", "off: [2027-01-03, 2027-01-01]", "早于首日"},
      {"off: [2027-01-01, 2027-01-03]", "off: [2026-12-31, 2027-01-03]", "不在 2027 年内"},
      {"off: [2027-01-01, 2027-01-03]", "off: [2027-01-01, 2027-02-28]", "超过 15 天"},
      {"work: [2027-02-20]", "work: [2027-02-13]", "重复列出"},
      {"off: [2027-02-06, 2027-02-14]", "off: [2027-01-03, 2027-01-05]", "2027-01-03 重复列出（元旦、春节）"},
      {"published_on: 2026-11-20", "published_on: 2026-13-20", "不是有效日期"},
      {"document: 国办发明电〔2026〕9号\n", "", "缺少文号"},
      {"year: 2027", "year: 二〇二七", "年份（year）应为整数"},
      {"year: 2027", "year: 1999", "不在 2000–2100 之间"},
      {"    off: [2027-01-01, 2027-01-03]", "    off: [2027-01-01, 2027-01-03", "YAML 格式错误"},
      {"work: [2027-02-20]", "work: 2027-02-20", "应为日期列表"},
  };
  for (const auto& c : cases) {
    auto n = ParseCalendarNotice(with(c.from, c.to), "通知2027.yaml");
    ASSERT_FALSE(n) << c.to;
    EXPECT_EQ(n.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(n.error().message.find("通知2027.yaml"), std::string::npos) << n.error().message;
    EXPECT_NE(n.error().message.find(c.want), std::string::npos) << c.to << " -> " << n.error().message;
  }
  EXPECT_FALSE(ParseCalendarNotice("", "empty.yaml"));
  EXPECT_FALSE(ParseCalendarNotice("- 1\n- 2\n", "list.yaml"));
  EXPECT_FALSE(ParseCalendarNotice("\xff\xfe bad", "bin.yaml"));
}

// Found by tests/fuzz (calendar_notice): a holiday name holding invalid
// UTF-8 and control characters was accepted, and its stored form read back
// as another name (the emitter writes U+FFFD for the bad bytes).
TEST(CalendarNoticeTest, RefusesTextThatWouldNotReadBackTheSame) {
  std::string good = kGood;
  static const struct {
    const char* from;
    const char* to;
    const char* want;
  } cases[] = {
      {"name: 元旦", "name: \"元\\x1b旦\"", "节日名称含有控制字符"},
      {"name: 元旦", "name: 元\x97旦", "节日名称含有无效的 UTF-8 字节"},
      {"title: 国务院", "title: \x1bz国务院", "通知标题含有控制字符"},
      {"document: 国办发明电〔2026〕9号", "document: \"\\t国办发明电〔2026〕9号\"", "文号含有控制字符"},
  };
  for (const auto& c : cases) {
    std::string s = good;
    s.replace(s.find(c.from), std::strlen(c.from), c.to);
    auto n = ParseCalendarNotice(s, "通知2027.yaml");
    ASSERT_FALSE(n) << c.to;
    EXPECT_NE(n.error().message.find(c.want), std::string::npos) << c.to << " -> " << n.error().message;
  }
  // What is accepted reads back the same.
  auto n = ParseCalendarNotice(kGood, "notice.yaml");
  ASSERT_TRUE(n);
  auto again = ParseCalendarNotice(NoticeToYaml(*n), "stored");
  ASSERT_TRUE(again);
  EXPECT_EQ(NoticeToYaml(*again), NoticeToYaml(*n));
  EXPECT_EQ(again->holidays[0].name, "元旦");
}

}  // namespace
}  // namespace qjy::services
