#include "services/workday_index.h"

namespace qjy::services {

Result<WorkdayIndex> WorkdayIndex::Build(const WorkCalendar& calendar) {
  const auto& years = calendar.years();
  if (years.empty()) return Fail(ErrorCode::kOutOfRange, "节假日日历没有覆盖任何年份");
  WorkdayIndex idx;
  idx.years_ = years;
  auto from = Date::FromYmd(*years.begin(), 1, 1);
  auto to = Date::FromYmd(*years.rbegin() + kProvisionalYears, 12, 31);
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

Date WorkdayIndex::SlowAdd(Date d, int n) const {
  Date cur = d;
  while (n > 0) {
    cur = cur.AddDays(1);
    if (*IsWorkday(cur)) --n;
  }
  return cur;
}

Result<Date> WorkdayIndex::AddWorkingDays(Date d, int n) const {
  if (n <= 0) return d;
  if (!In(d)) return SlowAdd(d, n);  // before 2004 or years after the table: rare
  size_t k = static_cast<size_t>(cum_[d.days() - first_]) + static_cast<size_t>(n) - 1;
  if (k >= workdays_.size()) return SlowAdd(last(), static_cast<int>(k - workdays_.size() + 1));
  return Date::FromDays(workdays_[k]);
}

Result<bool> WorkdayIndex::IsWorkday(Date d) const {
  if (!In(d)) return !d.is_weekend();
  int32_t i = d.days() - first_;
  return cum_[i] != (i == 0 ? 0 : cum_[i - 1]);
}

Result<Date> WorkdayIndex::OnOrNextWorkday(Date d) const {
  auto w = IsWorkday(d);
  if (!w) return std::unexpected(w.error());
  if (*w) return d;
  return AddWorkingDays(d, 1);
}

std::vector<int> WorkdayIndex::ProvisionalYears(Date start, Date deadline) const {
  std::vector<int> out;
  if (deadline < start) std::swap(start, deadline);
  for (int y = start.year(); y <= deadline.year(); ++y) {
    if (!Covers(y)) out.push_back(y);
  }
  return out;
}

std::string WorkdayIndex::ProvisionalNote(Date start, Date deadline) const {
  return WorkCalendar::ProvisionalNote(ProvisionalYears(start, deadline));
}

}  // namespace qjy::services
