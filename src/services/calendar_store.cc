#include "services/calendar_store.h"

namespace qjy::services {

using store::Value;

Result<std::vector<StoredNotice>> CalendarStore::Notices() {
  auto rows = db_.Query(
      "SELECT year, notice_yaml, loaded_at, loaded_by FROM calendar_notices ORDER BY year");
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredNotice> out;
  for (const store::Row& r : *rows) {
    const std::string name = "（已载入的 " + std::to_string(r.Int(0)) + " 年通知）";
    auto n = ParseCalendarNotice(r.Text(1), name);
    if (!n) return std::unexpected(n.error());
    out.push_back({std::move(*n), r.Text(2), r.Text(3)});
  }
  return out;
}

Result<void> CalendarStore::Save(const CalendarNotice& notice, std::string_view loaded_by,
                                 std::string_view at, const std::vector<DeadlineChange>& changes) {
  Value year = int64_t{notice.year};
  if (auto d = db_.Exec("DELETE FROM calendar_notices WHERE year = ?", {&year, 1}); !d) {
    return std::unexpected(d.error());
  }
  std::vector<Value> row = {year, notice.title, notice.document, notice.published_on.ToString(),
                            NoticeToYaml(notice), std::string(at), std::string(loaded_by)};
  auto ins = db_.Exec(
      "INSERT INTO calendar_notices (year, title, document, published_on, notice_yaml, loaded_at, "
      "loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
      row);
  if (!ins) return std::unexpected(ins.error());
  for (const DeadlineChange& c : changes) {
    std::vector<Value> v = {int64_t{c.year}, c.county_code, c.region_code, c.registration_id,
                            c.person_id, c.package_id, c.title, c.old_deadline.ToString(),
                            c.new_deadline.ToString(), std::string(at)};
    auto r = db_.Exec(
        "INSERT INTO calendar_deadline_changes (year, county_code, region_code, registration_id, "
        "person_id, package_id, title, old_deadline, new_deadline, changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        v);
    if (!r) return std::unexpected(r.error());
  }
  return {};
}

Result<std::vector<DeadlineChange>> CalendarStore::Changes(std::string_view region_prefix, int limit) {
  std::vector<Value> p = {std::string(region_prefix) + "%", int64_t{limit}};
  auto rows = db_.Query(
      "SELECT year, county_code, region_code, registration_id, person_id, package_id, title, "
      "old_deadline, new_deadline, changed_at FROM calendar_deadline_changes "
      "WHERE region_code LIKE ? ORDER BY change_id DESC LIMIT ?",
      p);
  if (!rows) return std::unexpected(rows.error());
  std::vector<DeadlineChange> out;
  for (const store::Row& r : *rows) {
    DeadlineChange c;
    c.year = static_cast<int>(r.Int(0));
    c.county_code = r.Text(1);
    c.region_code = r.Text(2);
    c.registration_id = r.Int(3);
    c.person_id = r.Int(4);
    c.package_id = r.Text(5);
    c.title = r.Text(6);
    c.old_deadline = Date::Parse(r.Text(7)).value_or(Date());
    c.new_deadline = Date::Parse(r.Text(8)).value_or(Date());
    c.changed_at = r.Text(9);
    out.push_back(std::move(c));
  }
  return out;
}

Result<WorkCalendar> ApplyNotices(const WorkCalendar& shipped, const std::vector<StoredNotice>& notices) {
  WorkCalendar cal = shipped;
  for (const StoredNotice& s : notices) {
    auto next = cal.WithNotice(s.notice.year, s.notice.Entries());
    if (!next) return std::unexpected(next.error());
    cal = std::move(*next);
  }
  return cal;
}

}  // namespace qjy::services
