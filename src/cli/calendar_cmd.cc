// qjy calendar ... : working-day arithmetic on the State Council holiday
// calendar (core/calendar.h), from the reference data in QJY_REFDATA or
// the build's refdata directory.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/refdata.h"

namespace qjy::cli {
namespace {

// Runs `body` with the loaded calendar; any error goes to stderr in
// Chinese and sets exit code 1.
template <class Body>
void WithCalendar(int& exit_code, Body body) {
  auto cal = WorkCalendar::Load(RefdataDir());
  if (!cal) {
    std::cerr << "无法加载节假日日历：" << cal.error().message << "\n";
    exit_code = 1;
    return;
  }
  auto ok = body(*cal);
  if (!ok) {
    std::cerr << ok.error().message << "\n";
    exit_code = 1;
    return;
  }
  exit_code = 0;
}

Result<Date> ParseDate(const std::string& text) { return Date::Parse(text); }

}  // namespace

void AddCalendarCommands(CLI::App& app, int& exit_code) {
  auto* calendar = app.add_subcommand(
      "calendar", "工作日计算（含法定节假日与调休）/ working days (holidays and make-up days)");
  calendar->require_subcommand(1);

  auto add = calendar->add_subcommand(
      "add-workdays",
      "输出 DATE 之后第 N 个工作日（不含 DATE 当天，民法典第201条；N 为 0 输出 DATE，负数向前数）\n"
      "Print the N-th working day after DATE (DATE not counted; 0 prints DATE; negative counts "
      "back)");
  auto add_date = std::make_shared<std::string>();
  auto add_n = std::make_shared<int>(0);
  add->add_option("DATE", *add_date, "日期 YYYY-MM-DD / date")->required();
  add->add_option("N", *add_n, "工作日数 / number of working days")->required();
  add->callback([add_date, add_n, &exit_code] {
    WithCalendar(exit_code, [&](const WorkCalendar& cal) -> Result<bool> {
      auto d = ParseDate(*add_date);
      if (!d) return std::unexpected(d.error());
      auto r = cal.AddWorkingDays(*d, *add_n);
      if (!r) return std::unexpected(r.error());
      std::cout << r->ToString() << "\n";
      return true;
    });
  });

  auto is = calendar->add_subcommand(
      "is-workday", "DATE 是否为工作日，输出 true 或 false / print whether DATE is a working day");
  auto is_date = std::make_shared<std::string>();
  is->add_option("DATE", *is_date, "日期 YYYY-MM-DD / date")->required();
  is->callback([is_date, &exit_code] {
    WithCalendar(exit_code, [&](const WorkCalendar& cal) -> Result<bool> {
      auto d = ParseDate(*is_date);
      if (!d) return std::unexpected(d.error());
      auto r = cal.IsWorkday(*d);
      if (!r) return std::unexpected(r.error());
      std::cout << (*r ? "true" : "false") << "\n";
      return true;
    });
  });

  auto between = calendar->add_subcommand(
      "working-days",
      "输出 (FROM, TO] 区间内的工作日数（不含 FROM，含 TO）/ "
      "print the number of working days after FROM up to and including TO");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  between->add_option("FROM", *from, "起始日期 / start date (not counted)")->required();
  between->add_option("TO", *to, "截止日期 / end date (counted)")->required();
  between->callback([from, to, &exit_code] {
    WithCalendar(exit_code, [&](const WorkCalendar& cal) -> Result<bool> {
      auto a = ParseDate(*from);
      if (!a) return std::unexpected(a.error());
      auto b = ParseDate(*to);
      if (!b) return std::unexpected(b.error());
      auto r = cal.WorkingDaysBetween(*a, *b);
      if (!r) return std::unexpected(r.error());
      std::cout << *r << "\n";
      return true;
    });
  });
}

}  // namespace qjy::cli
