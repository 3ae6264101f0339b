#include "services/monitoring.h"

#include <algorithm>
#include <map>

#include "services/services_store.h"

namespace qjy::services {
namespace {

using store::Value;

Date FirstOfMonth(Date d) { return *Date::FromYmd(d.year(), d.month(), 1); }
Date NextMonth(Date first) { return first.AddMonths(1); }
std::string MonthText(Date first) { return first.ToString().substr(0, 7); }
Date ParseMonth(const std::string& s) { return Date::Parse(s + "-01").value_or(Date()); }
Date ParseStored(const std::string& s) { return Date::Parse(s).value_or(Date()); }

}  // namespace

Result<std::optional<WorkItem>> WelfareExitTask(const WelfarePostHolder& holder,
                                                std::vector<MonthlyIncome> incomes,
                                                const ServiceParams& params,
                                                const WorkdayIndex& workdays, Date as_of) {
  if (!holder.part_time) return std::optional<WorkItem>();
  std::sort(incomes.begin(), incomes.end(),
            [](const MonthlyIncome& a, const MonthlyIncome& b) { return a.month < b.month; });
  int run = 0;
  Date prev;
  for (const MonthlyIncome& m : incomes) {
    Date month_end = NextMonth(m.month).AddDays(-1);
    if (month_end >= as_of) break;  // the month is not over yet
    if (m.month < FirstOfMonth(holder.started_on)) continue;
    auto line = params.MonitoringLineFen(holder.region_code, m.month);
    bool above = line && m.income_fen * 12 > *line;
    bool consecutive = run > 0 && m.month == NextMonth(prev);
    run = above ? (consecutive ? run + 1 : 1) : 0;
    prev = m.month;
    if (run < params.welfare_consecutive_months) continue;
    if (holder.left_on && *holder.left_on <= month_end) return std::optional<WorkItem>();
    if (holder.left_on && *holder.left_on <= as_of) return std::optional<WorkItem>();  // done
    WorkItem w;
    w.source = TaskSource::kWelfarePostExit;
    w.person_id = holder.person_id;
    w.subject_id = holder.holder_id;
    w.region_code = holder.region_code;
    w.officer = holder.officer;
    w.title = "退出公益性岗位";
    w.clause = "A2(十七)";
    w.detail = "灵活就业收入连续" + std::to_string(params.welfare_consecutive_months) +
               "个月超出防止返贫监测范围（至 " + MonthText(m.month) + "）";
    w.start = month_end.AddDays(1);
    auto deadline = workdays.AddWorkingDays(month_end, params.welfare_task_working_days);
    if (!deadline) return std::unexpected(deadline.error());
    w.deadline = *deadline;
    w.provisional_note = workdays.ProvisionalNote(month_end, w.deadline);
    auto b = BucketOf(w.deadline, as_of, workdays);
    if (!b) return std::unexpected(b.error());
    w.bucket = *b;
    return std::optional<WorkItem>(w);
  }
  return std::optional<WorkItem>();
}

Result<std::vector<WorkItem>> LedgerUpdateTasks(const MonitoringLedger& ledger,
                                                const std::vector<LedgerUpdate>& updates,
                                                const WorkCalendar& calendar,
                                                const WorkdayIndex& workdays, Date as_of) {
  std::vector<WorkItem> out;
  for (Date m = FirstOfMonth(ledger.started_on); m <= as_of; m = NextMonth(m)) {
    bool done = std::any_of(updates.begin(), updates.end(), [&](const LedgerUpdate& u) {
      return u.ledger_id == ledger.ledger_id && u.month == m && u.updated_on <= as_of;
    });
    if (done) continue;
    auto last = calendar.AddWorkingDays(NextMonth(m), -1);
    if (!last) return std::unexpected(last.error());
    WorkItem w;
    w.source = TaskSource::kLedgerUpdate;
    w.subject_id = ledger.ledger_id;
    w.region_code = ledger.region_code;
    w.officer = ledger.officer;
    w.title = "防返贫监测就业帮扶台账月度更新（" + MonthText(m) + "）";
    w.clause = "A2(十四)";
    w.detail = "按月更新数据";
    w.start = m;
    w.deadline = *last;
    w.provisional_note = workdays.ProvisionalNote(m, w.deadline);
    auto b = BucketOf(w.deadline, as_of, workdays);
    if (!b) return std::unexpected(b.error());
    w.bucket = *b;
    out.push_back(std::move(w));
  }
  return out;
}

Result<void> MonitoringStore::AddHolder(WelfarePostHolder& h) {
  std::vector<Value> v = {h.county_code, h.person_id, h.region_code, h.officer,
                          int64_t{h.part_time ? 1 : 0}, h.started_on.ToString(),
                          h.left_on ? Value(h.left_on->ToString()) : Value(std::monostate{})};
  auto ins = db_.Query(
      "INSERT INTO welfare_post_holders (county_code, person_id, region_code, officer, part_time, "
      "started_on, left_on) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING holder_id",
      v);
  if (!ins) return std::unexpected(ins.error());
  h.holder_id = ins->at(0).Int(0);
  return {};
}

Result<void> MonitoringStore::SetHolderLeft(int64_t holder_id, Date left_on) {
  std::vector<Value> v = {left_on.ToString(), holder_id};
  auto n = db_.Exec("UPDATE welfare_post_holders SET left_on = ? WHERE holder_id = ?", v);
  if (!n) return std::unexpected(n.error());
  if (*n != 1) return Fail(ErrorCode::kNotFound, "没有该公益性岗位人员");
  return {};
}

Result<void> MonitoringStore::PutIncome(const MonthlyIncome& m, std::string_view county_code) {
  std::vector<Value> del = {m.holder_id, MonthText(m.month)};
  auto d = db_.Exec("DELETE FROM welfare_post_incomes WHERE holder_id = ? AND month = ?", del);
  if (!d) return std::unexpected(d.error());
  std::vector<Value> v = {m.holder_id, MonthText(m.month), std::string(county_code), m.income_fen};
  auto n = db_.Exec(
      "INSERT INTO welfare_post_incomes (holder_id, month, county_code, income_fen) VALUES (?, ?, ?, ?)", v);
  if (!n) return std::unexpected(n.error());
  return {};
}

Result<std::vector<WelfarePostHolder>> MonitoringStore::Holders(std::string_view prefix) {
  std::vector<Value> v = {RegionLike(prefix)};
  auto rows = db_.Query(
      "SELECT holder_id, county_code, person_id, region_code, officer, part_time, started_on, "
      "left_on FROM welfare_post_holders WHERE region_code LIKE ? ORDER BY holder_id",
      v);
  if (!rows) return std::unexpected(rows.error());
  std::vector<WelfarePostHolder> out;
  for (const auto& r : *rows) {
    WelfarePostHolder h;
    h.holder_id = r.Int(0);
    h.county_code = r.Text(1);
    h.person_id = r.Int(2);
    h.region_code = r.Text(3);
    h.officer = r.Text(4);
    h.part_time = r.Int(5) != 0;
    h.started_on = ParseStored(r.Text(6));
    if (!r.IsNull(7)) h.left_on = ParseStored(r.Text(7));
    out.push_back(std::move(h));
  }
  return out;
}

Result<std::vector<MonthlyIncome>> MonitoringStore::Incomes(std::string_view prefix) {
  std::vector<Value> v = {RegionLike(prefix)};
  auto rows = db_.Query(
      "SELECT i.holder_id, i.month, i.income_fen FROM welfare_post_incomes i JOIN "
      "welfare_post_holders h ON h.holder_id = i.holder_id WHERE h.region_code LIKE ? "
      "ORDER BY i.holder_id, i.month",
      v);
  if (!rows) return std::unexpected(rows.error());
  std::vector<MonthlyIncome> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), ParseMonth(r.Text(1)), r.Int(2)});
  return out;
}

Result<void> MonitoringStore::AddLedger(MonitoringLedger& l) {
  std::vector<Value> v = {l.county_code, l.region_code, l.officer, l.started_on.ToString()};
  auto ins = db_.Query(
      "INSERT INTO monitoring_ledgers (county_code, region_code, officer, started_on) VALUES (?, ?, "
      "?, ?) RETURNING ledger_id",
      v);
  if (!ins) return std::unexpected(ins.error());
  l.ledger_id = ins->at(0).Int(0);
  return {};
}

Result<void> MonitoringStore::RecordLedgerUpdate(const LedgerUpdate& u) {
  std::vector<Value> v = {u.ledger_id, MonthText(u.month), u.updated_on.ToString(), u.officer,
                          u.ledger_id};
  auto n = db_.Exec(
      "INSERT INTO monitoring_ledger_updates (ledger_id, month, county_code, updated_on, officer) "
      "SELECT ?, ?, county_code, ?, ? FROM monitoring_ledgers WHERE ledger_id = ?",
      v);
  if (!n) return std::unexpected(n.error());
  if (*n != 1) return Fail(ErrorCode::kNotFound, "没有该监测台账");
  return {};
}

Result<std::vector<MonitoringLedger>> MonitoringStore::Ledgers(std::string_view prefix) {
  std::vector<Value> v = {RegionLike(prefix)};
  auto rows = db_.Query(
      "SELECT ledger_id, county_code, region_code, officer, started_on FROM monitoring_ledgers "
      "WHERE region_code LIKE ? ORDER BY ledger_id",
      v);
  if (!rows) return std::unexpected(rows.error());
  std::vector<MonitoringLedger> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), ParseStored(r.Text(4))});
  }
  return out;
}

Result<std::vector<LedgerUpdate>> MonitoringStore::LedgerUpdates(std::string_view prefix) {
  std::vector<Value> v = {RegionLike(prefix)};
  auto rows = db_.Query(
      "SELECT u.ledger_id, u.month, u.updated_on, u.officer FROM monitoring_ledger_updates u JOIN "
      "monitoring_ledgers l ON l.ledger_id = u.ledger_id WHERE l.region_code LIKE ?",
      v);
  if (!rows) return std::unexpected(rows.error());
  std::vector<LedgerUpdate> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), ParseMonth(r.Text(1)), ParseStored(r.Text(2)), r.Text(3)});
  }
  return out;
}

Result<std::vector<WorkItem>> MonitoringQueue(MonitoringStore& store, const ServiceParams& params,
                                              const WorkCalendar& calendar,
                                              const WorkdayIndex& workdays,
                                              std::string_view prefix, Date as_of,
                                              std::string_view officer) {
  std::vector<WorkItem> out;
  auto holders = store.Holders(prefix);
  if (!holders) return std::unexpected(holders.error());
  auto incomes = store.Incomes(prefix);
  if (!incomes) return std::unexpected(incomes.error());
  std::map<int64_t, std::vector<MonthlyIncome>> by_holder;
  for (const auto& m : *incomes) by_holder[m.holder_id].push_back(m);
  for (const auto& h : *holders) {
    if (!officer.empty() && h.officer != officer) continue;
    auto t = WelfareExitTask(h, by_holder[h.holder_id], params, workdays, as_of);
    if (!t) return std::unexpected(t.error());
    if (*t) out.push_back(**t);
  }
  auto ledgers = store.Ledgers(prefix);
  if (!ledgers) return std::unexpected(ledgers.error());
  auto updates = store.LedgerUpdates(prefix);
  if (!updates) return std::unexpected(updates.error());
  for (const auto& l : *ledgers) {
    if (!officer.empty() && l.officer != officer) continue;
    auto t = LedgerUpdateTasks(l, *updates, calendar, workdays, as_of);
    if (!t) return std::unexpected(t.error());
    for (auto& w : *t) out.push_back(std::move(w));
  }
  SortQueue(out);
  return out;
}

}  // namespace qjy::services
