#include "services/workday_index.h"

namespace qjy::services {

Result<WorkdayIndex> WorkdayIndex::Build(const WorkCalendar& calendar) {
  const auto& years = calendar.years();
  if (years.empty()) return Fail(ErrorCode::kOutOfRange, "节假日日历没有覆盖任何年份");
  int last_year = *years.rbegin();
  int first_year = last_year;
  while (years.contains(first_year - 1)) --first_year;
  WorkdayIndex idx;
  auto from = Date::FromYmd(first_year, 1, 1);
  auto to = Date::FromYmd(last_year, 12, 31);
  if (!from || !to) return Fail(ErrorCode::kInternal, "日历年份无效");
  idx.first_ = from->days();
  int32_t count = 0;
  for (int32_t d = from->days(); d <= to->days(); ++d) {
    auto w = calendar.IsWorkday(Date::FromDays(d));
    if (!w) return std::unexpected(w.error());
    if (*w) {
      ++count;
      idx.workdays_.push_back(d);
    }
    idx.cum_.push_back(count);
  }
  return idx;
}

Result<Date> WorkdayIndex::OutOfRange(Date d) const {
  return Fail(ErrorCode::kOutOfRange, "节假日日历未覆盖 " + std::to_string(d.year()) +
                                          " 年，无法计算工作日期限（覆盖 " + first().ToString() +
                                          " 至 " + last().ToString() + "）");
}

Result<Date> WorkdayIndex::AddWorkingDays(Date d, int n) const {
  if (n <= 0) return d;
  if (!In(d)) return OutOfRange(d);
  size_t k = static_cast<size_t>(cum_[d.days() - first_]) + static_cast<size_t>(n) - 1;
  if (k >= workdays_.size()) return OutOfRange(last().AddDays(1));
  return Date::FromDays(workdays_[k]);
}

Result<bool> WorkdayIndex::IsWorkday(Date d) const {
  if (!In(d)) return std::unexpected(OutOfRange(d).error());
  int32_t i = d.days() - first_;
  return cum_[i] != (i == 0 ? 0 : cum_[i - 1]);
}

Result<Date> WorkdayIndex::OnOrNextWorkday(Date d) const {
  auto w = IsWorkday(d);
  if (!w) return std::unexpected(w.error());
  if (*w) return d;
  return AddWorkingDays(d, 1);
}

}  // namespace qjy::services
