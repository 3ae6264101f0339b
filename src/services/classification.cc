#include "services/classification.h"

namespace qjy::services {

const char* LevelCode(Level level) {
  switch (level) {
    case Level::kShort: return "short";
    case Level::kMidShort: return "mid_short";
    case Level::kMidLong: return "mid_long";
    case Level::kLong: return "long";
  }
  return "short";
}

const char* LevelLabel(Level level) {
  switch (level) {
    case Level::kShort: return "短期失业";
    case Level::kMidShort: return "中短期失业";
    case Level::kMidLong: return "中长期失业";
    case Level::kLong: return "长期失业";
  }
  return "短期失业";
}

Result<Level> ParseLevel(std::string_view code) {
  for (Level l : kAllLevels) {
    if (code == LevelCode(l) || code == LevelLabel(l)) return l;
  }
  return Fail(ErrorCode::kInvalidArgument, "未知的失业等级：" + std::string(code));
}

const char* CategoryCode(Category c) {
  switch (c) {
    case Category::kBasicSkills: return "basic_skills";
    case Category::kLacksSkills: return "lacks_skills";
    case Category::kDifficulty: return "difficulty";
  }
  return "basic_skills";
}

const char* CategoryLabel(Category c) {
  switch (c) {
    case Category::kBasicSkills: return "具备初级技能";
    case Category::kLacksSkills: return "缺乏基本技能";
    case Category::kDifficulty: return "存在就业困难";
  }
  return "具备初级技能";
}

Result<Category> ParseCategory(std::string_view code) {
  for (Category c : kAllCategories) {
    if (code == CategoryCode(c) || code == CategoryLabel(c)) return c;
  }
  return Fail(ErrorCode::kInvalidArgument, "未知的人员类别：" + std::string(code));
}

Level LevelOn(Date registered_on, Date as_of) {
  if (as_of <= registered_on.AddMonths(1)) return Level::kShort;
  if (as_of <= registered_on.AddMonths(6)) return Level::kMidShort;
  if (as_of <= registered_on.AddMonths(12)) return Level::kMidLong;
  return Level::kLong;
}

Date LevelStart(Date registered_on, Level level) {
  switch (level) {
    case Level::kShort: return registered_on;
    case Level::kMidShort: return registered_on.AddMonths(1).AddDays(1);
    case Level::kMidLong: return registered_on.AddMonths(6).AddDays(1);
    case Level::kLong: return registered_on.AddMonths(12).AddDays(1);
  }
  return registered_on;
}

std::optional<Date> LevelEnd(Date registered_on, Level level) {
  switch (level) {
    case Level::kShort: return registered_on.AddMonths(1);
    case Level::kMidShort: return registered_on.AddMonths(6);
    case Level::kMidLong: return registered_on.AddMonths(12);
    case Level::kLong: return std::nullopt;
  }
  return std::nullopt;
}

std::string LevelReason(Date registered_on, Date as_of) {
  Level level = LevelOn(registered_on, as_of);
  std::string head = registered_on.ToString() + " 登记，至 " + as_of.ToString();
  std::string tail = std::string("：") + LevelLabel(level) + "（附件3（六）1）";
  switch (level) {
    case Level::kShort:
      return head + " 未超过1个月（" + registered_on.AddMonths(1).ToString() + " 满1个月）" + tail;
    case Level::kMidShort:
      return head + " 已超过1个月（" + registered_on.AddMonths(1).ToString() +
             " 满1个月）、不超过6个月" + tail;
    case Level::kMidLong:
      return head + " 已超过6个月（" + registered_on.AddMonths(6).ToString() +
             " 满6个月）、不超过12个月" + tail;
    case Level::kLong:
      return head + " 已超过12个月（" + registered_on.AddMonths(12).ToString() + " 满12个月）" +
             tail;
  }
  return head + tail;
}

}  // namespace qjy::services
