// 四级三类 (A3(六)1): the duration level of a registered unemployed person
// on a date, and the three employability categories.
//
// Levels count calendar months from the registration date with
// Date::AddMonths (end-of-month clamped: registered 2023-01-31 reaches
// "1 month" on 2023-02-28). The document's words fix the boundaries:
//   "1个月及以内"            short     as_of <= reg+1m
//   "1个月—6个月(含6个月)"   mid-short reg+1m < as_of <= reg+6m
//   "6个月—12个月(含12个月)" mid-long  reg+6m < as_of <= reg+12m
//   "12个月以上" — read as "more than 12 months" because 12 months itself
//   is already claimed by mid-long (含12个月); long: as_of > reg+12m.
#ifndef QJY_SERVICES_CLASSIFICATION_H_
#define QJY_SERVICES_CLASSIFICATION_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"

namespace qjy::services {

enum class Level { kShort, kMidShort, kMidLong, kLong };
inline constexpr std::array<Level, 4> kAllLevels = {Level::kShort, Level::kMidShort,
                                                    Level::kMidLong, Level::kLong};

enum class Category { kBasicSkills, kLacksSkills, kDifficulty };
inline constexpr std::array<Category, 3> kAllCategories = {
    Category::kBasicSkills, Category::kLacksSkills, Category::kDifficulty};

// "short", "mid_short", "mid_long", "long".
const char* LevelCode(Level level);
// The document's words: 短期失业, 中短期失业, 中长期失业, 长期失业.
const char* LevelLabel(Level level);
Result<Level> ParseLevel(std::string_view code);

// "basic_skills", "lacks_skills", "difficulty".
const char* CategoryCode(Category c);
// 具备初级技能, 缺乏基本技能, 存在就业困难.
const char* CategoryLabel(Category c);
Result<Category> ParseCategory(std::string_view code);

// The level on `as_of` of a registration made on `registered_on`. A date
// before the registration counts as the registration day (short).
Level LevelOn(Date registered_on, Date as_of);

// The first day on which the registration is at `level`.
Date LevelStart(Date registered_on, Level level);
// The last day at `level` (inclusive); nullopt for long-term.
std::optional<Date> LevelEnd(Date registered_on, Level level);

// Why: "2023-01-31 登记，至 2023-03-01 已超过1个月（2023-02-28 满1个月）：中短期失业（A3(六)1）".
std::string LevelReason(Date registered_on, Date as_of);

}  // namespace qjy::services

#endif  // QJY_SERVICES_CLASSIFICATION_H_
