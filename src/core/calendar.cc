#include "core/calendar.h"

#include <charconv>
#include <string_view>

#include "core/refdata.h"

namespace qjy {

Result<WorkCalendar> WorkCalendar::FromEntries(const std::vector<CalendarEntry>& entries,
                                               const std::vector<int>& years) {
  WorkCalendar cal;
  cal.years_.insert(years.begin(), years.end());
  for (const CalendarEntry& e : entries) {
    auto [it, inserted] = cal.listed_.emplace(e.date.days(), Listed{e.kind, e.name});
    if (!inserted) {
      return Fail(ErrorCode::kInvalidArgument,
                  "节假日日历中日期重复：" + e.date.ToString());
    }
  }
  return cal;
}

Result<WorkCalendar> WorkCalendar::Load(const std::string& refdata_dir) {
  const std::string years_path = refdata_dir + "/holiday_years.txt";
  const std::string days_path = refdata_dir + "/holidays.csv";
  auto years_text = ReadWholeFile(years_path);
  if (!years_text) return std::unexpected(years_text.error());
  auto days_text = ReadWholeFile(days_path);
  if (!days_text) return std::unexpected(days_text.error());

  std::vector<int> years;
  std::string_view rest = *years_text;
  for (int line_no = 1; !rest.empty(); ++line_no) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    int year = 0;
    auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), year);
    if (ec != std::errc{} || ptr != line.data() + line.size() || year < 1900 || year > 2200) {
      return Fail(ErrorCode::kInvalidArgument,
                  years_path + " 第 " + std::to_string(line_no) + " 行不是有效年份");
    }
    years.push_back(year);
  }

  std::vector<CalendarEntry> entries;
  rest = *days_text;
  for (int line_no = 1; !rest.empty(); ++line_no) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (line_no == 1 || line.empty() || line == "\r") continue;  // header
    auto bad = [&](const std::string& why) {
      return Fail(ErrorCode::kInvalidArgument,
                  days_path + " 第 " + std::to_string(line_no) + " 行" + why);
    };
    std::vector<std::string> f = SplitCsvLine(line);
    if (f.size() < 2) return bad("字段不足");
    auto date = Date::Parse(f[0]);
    if (!date) return bad("日期无效：" + date.error().message);
    CalendarEntry e{*date, DayKind::kOff, f.size() > 2 ? f[2] : ""};
    if (f[1] == "off") {
      e.kind = DayKind::kOff;
    } else if (f[1] == "work") {
      e.kind = DayKind::kWork;
    } else {
      return bad("类别应为 off 或 work，实际为“" + f[1] + "”");
    }
    entries.push_back(std::move(e));
  }
  if (years.empty()) {
    return Fail(ErrorCode::kInvalidArgument, years_path + " 未列出任何年份");
  }
  return FromEntries(entries, years);
}

Result<WorkCalendar> WorkCalendar::WithNotice(int year,
                                              const std::vector<CalendarEntry>& entries) const {
  WorkCalendar cal = *this;
  std::erase_if(cal.listed_, [year](const auto& kv) { return Date::FromDays(kv.first).year() == year; });
  for (const CalendarEntry& e : entries) {
    if (e.date.year() != year) {
      return Fail(ErrorCode::kInvalidArgument, e.date.ToString() + " 不在 " + std::to_string(year) +
                                                   " 年内");
    }
    if (!cal.listed_.emplace(e.date.days(), Listed{e.kind, e.name}).second) {
      return Fail(ErrorCode::kInvalidArgument, "节假日日历中日期重复：" + e.date.ToString());
    }
  }
  cal.years_.insert(year);
  return cal;
}

std::vector<int> WorkCalendar::UncoveredYears(Date a, Date b) const {
  std::vector<int> out;
  for (int y = a.year(); y <= b.year(); ++y) {
    if (!Covers(y)) out.push_back(y);
  }
  return out;
}

std::string WorkCalendar::ProvisionalNote(const std::vector<int>& years) {
  if (years.empty()) return "";
  std::string list;
  for (size_t i = 0; i < years.size(); ++i) {
    if (i > 0) list += "、";
    list += std::to_string(years[i]);
  }
  return list + " 年节假日安排尚未公布，暂按周末计算";
}

Result<bool> WorkCalendar::IsWorkday(Date d) const {
  if (!Covers(d.year())) return !d.is_weekend();
  auto it = listed_.find(d.days());
  if (it != listed_.end()) return it->second.kind == DayKind::kWork;
  return !d.is_weekend();
}

Result<Date> WorkCalendar::AddWorkingDays(Date d, int n) const {
  const int step = n < 0 ? -1 : 1;
  int remaining = n < 0 ? -n : n;
  Date cur = d;
  while (remaining > 0) {
    cur = cur.AddDays(step);
    auto work = IsWorkday(cur);
    if (!work) return std::unexpected(work.error());
    if (*work) --remaining;
  }
  return cur;
}

namespace {

// Working days in (a, b], a <= b.
Result<int> CountWorkingDays(const WorkCalendar& cal, Date a, Date b) {
  int count = 0;
  for (Date cur = a.AddDays(1); cur <= b; cur = cur.AddDays(1)) {
    auto work = cal.IsWorkday(cur);
    if (!work) return std::unexpected(work.error());
    if (*work) ++count;
  }
  return count;
}

}  // namespace

Result<int> WorkCalendar::WorkingDaysBetween(Date a, Date b) const {
  if (b < a) {
    auto back = CountWorkingDays(*this, b, a);
    if (!back) return back;
    return -*back;
  }
  return CountWorkingDays(*this, a, b);
}

std::string WorkCalendar::NameOf(Date d) const {
  auto it = listed_.find(d.days());
  return it == listed_.end() ? std::string() : it->second.name;
}

}  // namespace qjy
