#include "services/calendar_update.h"

#include <map>
#include <utility>

#include "core/refdata.h"
#include "services/caseload.h"
#include "services/package.h"
#include "services/services_store.h"
#include "services/worklist.h"

namespace qjy::services {
namespace {

using Key = std::pair<int64_t, std::string>;  // registration, package

// Open obligations of the whole database as of `today` (every bucket).
Result<std::map<Key, WorkItem>> OpenObligations(const Caseload& caseload, const ServicesContext& ctx,
                                                Date today) {
  auto q = ObligationQueue(caseload, ctx.engine(), ctx.workdays(), today, "");
  if (!q) return std::unexpected(q.error());
  std::map<Key, WorkItem> out;
  for (WorkItem& w : *q) out.emplace(Key{w.registration_id, w.package_id}, std::move(w));
  return out;
}

}  // namespace

Result<std::unique_ptr<ServicesContext>> LoadContextFor(store::Db& db, const std::string& refdata_dir,
                                                        const std::string& data_dir) {
  ServicesStore services(db);
  if (auto m = services.Migrate(); !m) return std::unexpected(m.error());
  auto shipped = WorkCalendar::Load(refdata_dir);
  if (!shipped) return std::unexpected(shipped.error());
  auto notices = CalendarStore(db).Notices();
  if (!notices) return std::unexpected(notices.error());
  auto cal = ApplyNotices(*shipped, *notices);
  if (!cal) return std::unexpected(cal.error());
  return ServicesContext::WithCalendar(std::move(*cal), data_dir);
}

Result<std::unique_ptr<ServicesContext>> LoadContextFor(store::Db& db, const ServicesContext& shipped) {
  ServicesStore services(db);
  if (auto m = services.Migrate(); !m) return std::unexpected(m.error());
  auto notices = CalendarStore(db).Notices();
  if (!notices) return std::unexpected(notices.error());
  auto cal = ApplyNotices(shipped.calendar(), *notices);
  if (!cal) return std::unexpected(cal.error());
  return ServicesContext::WithCalendar(std::move(*cal), shipped);
}

Result<std::unique_ptr<ServicesContext>> LoadDefaultContextFor(store::Db& db) {
  return LoadContextFor(db, RefdataDir(), ServicesDataDir());
}

Result<CalendarLoadResult> LoadCalendarNotice(store::Db& db, const WorkCalendar& shipped,
                                              const std::string& data_dir,
                                              const CalendarNotice& notice, std::string_view actor,
                                              Date today, std::string_view now_iso) {
  if (shipped.Covers(notice.year)) {
    return Fail(ErrorCode::kInvalidArgument,
                std::to_string(notice.year) + " 年的节假日安排已包含在系统内置的国务院通知数据中，无需载入");
  }
  ServicesStore services(db);
  if (auto m = services.Migrate(); !m) return std::unexpected(m.error());
  CalendarStore store(db);
  auto stored = store.Notices();
  if (!stored) return std::unexpected(stored.error());

  CalendarLoadResult result;
  std::vector<StoredNotice> after_notices;
  for (StoredNotice& s : *stored) {
    if (s.notice.year == notice.year) {
      result.replaced = true;
    } else {
      after_notices.push_back(s);
    }
  }
  after_notices.push_back({notice, std::string(now_iso), std::string(actor)});

  auto before_cal = ApplyNotices(shipped, *stored);
  if (!before_cal) return std::unexpected(before_cal.error());
  auto after_cal = ApplyNotices(shipped, after_notices);
  if (!after_cal) return std::unexpected(after_cal.error());
  auto before = ServicesContext::WithCalendar(std::move(*before_cal), data_dir);
  if (!before) return std::unexpected(before.error());
  auto after = ServicesContext::WithCalendar(std::move(*after_cal), data_dir);
  if (!after) return std::unexpected(after.error());

  auto caseload = Caseload::Load(services, "");
  if (!caseload) return std::unexpected(caseload.error());
  auto old_open = OpenObligations(*caseload, **before, today);
  if (!old_open) return std::unexpected(old_open.error());
  auto new_open = OpenObligations(*caseload, **after, today);
  if (!new_open) return std::unexpected(new_open.error());
  for (const auto& [key, old_item] : *old_open) {
    auto it = new_open->find(key);
    if (it == new_open->end() || it->second.deadline == old_item.deadline) continue;
    DeadlineChange c;
    c.year = notice.year;
    c.region_code = old_item.region_code;
    c.county_code = old_item.region_code.substr(0, 6);
    c.registration_id = old_item.registration_id;
    c.person_id = old_item.person_id;
    c.package_id = old_item.package_id;
    c.title = old_item.title;
    c.old_deadline = old_item.deadline;
    c.new_deadline = it->second.deadline;
    c.changed_at = std::string(now_iso);
    result.moved.push_back(std::move(c));
  }

  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  if (auto s = store.Save(notice, actor, now_iso, result.moved); !s) return std::unexpected(s.error());
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  result.context = std::move(*after);
  return result;
}

Result<std::string> CalendarNoticesStamp(store::Db& db) {
  auto rows = db.Query(
      "SELECT COUNT(*), COALESCE(MAX(loaded_at), ''), "
      "(SELECT COALESCE(MAX(change_id), 0) FROM calendar_deadline_changes) FROM calendar_notices");
  if (!rows) return std::unexpected(rows.error());
  const store::Row& r = rows->at(0);
  return std::to_string(r.Int(0)) + "|" + r.Text(1) + "|" + std::to_string(r.Int(2));
}

}  // namespace qjy::services
