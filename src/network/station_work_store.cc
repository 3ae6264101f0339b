#include "network/station_work_store.h"

#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "network/history.h"
#include "network/network_store.h"

namespace qjy::network {
namespace {

using store::Value;

constexpr char kStationWorkStoreSchema[] = R"sql(
CREATE TABLE network_station_work (
  work_id {id},
  county_code TEXT NOT NULL,
  site_id {int} NOT NULL,
  month TEXT NOT NULL,
  jobs_collected {int} NOT NULL,
  placed {int} NOT NULL,
  retained {int} NOT NULL,
  rights_cases {int} NOT NULL,
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_station_work_county ON network_station_work (county_code, work_id);
CREATE UNIQUE INDEX network_station_work_month ON network_station_work (site_id, month);
)sql";

const store::Migration kStationWorkStoreMigrations[] = {{818, "network_station_work", kStationWorkStoreSchema}};

constexpr char kStationWorkStoreColumns[] =
    "work_id, county_code, site_id, month, jobs_collected, placed, retained, rights_cases, note, recorded_by";

Error StationWorkStoreBad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{}", field, why)};
}

// "YYYY-MM" as year*12 + month-1; -1 when malformed.
int MonthIndex(std::string_view m) {
  if (m.size() != 7 || m[4] != '-') return -1;
  int y = 0, mo = 0;
  if (std::from_chars(m.data(), m.data() + 4, y).ptr != m.data() + 4) return -1;
  if (std::from_chars(m.data() + 5, m.data() + 7, mo).ptr != m.data() + 7) return -1;
  if (y < 1900 || mo < 1 || mo > 12) return -1;
  return y * 12 + mo - 1;
}

int MonthIndex(Date d) { return d.year() * 12 + d.month() - 1; }

std::vector<StationWork> StationWorkStoreRead(const std::vector<store::Row>& rows) {
  std::vector<StationWork> out;
  for (const auto& r : rows) {
    StationWork w;
    w.work_id = r.Int(0);
    w.county_code = r.Text(1);
    w.in.site_id = r.Int(2);
    w.in.month = r.Text(3);
    w.in.jobs_collected = r.Int(4);
    w.in.placed = r.Int(5);
    w.in.retained = r.Int(6);
    w.in.rights_cases = r.Int(7);
    w.in.note = r.Text(8);
    w.recorded_by = r.Text(9);
    out.push_back(std::move(w));
  }
  return out;
}

nlohmann::json Fields(const StationWorkInput& in) {
  return {{"site_id", in.site_id},   {"month", in.month},       {"jobs_collected", in.jobs_collected},
          {"placed", in.placed},     {"retained", in.retained}, {"rights_cases", in.rights_cases},
          {"note", in.note}};
}

}  // namespace

std::span<const store::Migration> StationWorkMigrations() { return kStationWorkStoreMigrations; }

Result<void> StationWorkStore::Migrate() {
  if (auto m = NetworkStore(db_, regions_).Migrate(); !m) return m;
  return store::ApplyMigrations(db_, StationWorkMigrations());
}

Result<std::string> StationWorkStore::Validate(const StationWorkInput& in, Date today) {
  auto found = NetworkStore(db_, regions_).SiteOfKind(in.site_id, "labour_station", "劳务协作站", "劳务协作站");
  if (!found) return std::unexpected(found.error());
  const Site& s = found->site;
  const int month = MonthIndex(in.month);
  if (month < 0) return std::unexpected(StationWorkStoreBad("月份", fmt::format("「{}」须为 年-月，如 2025-03", in.month)));
  if (month > MonthIndex(today)) {
    return std::unexpected(StationWorkStoreBad("月份", fmt::format("{} 是将来的月份（今天是 {}）", in.month, today.ToString())));
  }
  if (s.opened_on && month < MonthIndex(*s.opened_on)) {
    return std::unexpected(StationWorkStoreBad("月份", fmt::format("{} 早于该站设立日期 {}", in.month, s.opened_on->ToString())));
  }
  if (s.closed_on && month > MonthIndex(*s.closed_on)) {
    return std::unexpected(StationWorkStoreBad("月份", fmt::format("该站已于 {} 撤销", s.closed_on->ToString())));
  }
  for (auto [field, value] : {std::pair{"岗位信息收集数", in.jobs_collected}, {"输出就业人数", in.placed},
                              {"稳岗人数", in.retained}, {"维权案件数", in.rights_cases}}) {
    if (value < 0) return std::unexpected(StationWorkStoreBad(field, fmt::format("{} 不能为负数", value)));
  }
  return s.county_code;
}

Result<int64_t> StationWorkStore::Add(const StationWorkInput& in, Date today, std::string_view actor) {
  auto county = Validate(in, today);
  if (!county) return std::unexpected(county.error());
  const Value key[] = {in.site_id, in.month};
  auto dup = db_.Query("SELECT work_id FROM network_station_work WHERE site_id = ? AND month = ?", key);
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty()) {
    return std::unexpected(StationWorkStoreBad("月份", fmt::format("该站 {} 已有工作记录（编号 {}）；更正请修改该记录", in.month,
                                                 dup->front().Int(0))));
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const std::string now = NowIso();
  const Value v[] = {*county, in.site_id, in.month, in.jobs_collected, in.placed, in.retained, in.rights_cases,
                     in.note, std::string(actor), now, now};
  auto ins = db_.Query(
      "INSERT INTO network_station_work (county_code, site_id, month, jobs_collected, placed, retained, rights_cases,"
      " note, recorded_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING work_id",
      v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  if (auto r = RecordChange(db_, *county, "station_work", id, actor, "insert", Diff({}, Fields(in))); !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<void> StationWorkStore::Replace(const StationWorkInput& in, Date today, std::string_view actor) {
  auto county = Validate(in, today);
  if (!county) return std::unexpected(county.error());
  const Value key[] = {in.site_id, in.month};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_station_work WHERE site_id = ? AND month = ?", kStationWorkStoreColumns), key);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) {
    return std::unexpected(Error{ErrorCode::kNotFound, fmt::format("月份：该站 {} 没有工作记录", in.month)});
  }
  const StationWork old = StationWorkStoreRead(*rows).front();
  const nlohmann::json diff = Diff(Fields(old.in), Fields(in));
  if (diff.empty()) return {};
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const Value v[] = {in.jobs_collected, in.placed, in.retained, in.rights_cases, in.note, std::string(actor), NowIso(),
                     old.work_id};
  auto up = db_.Query(
      "UPDATE network_station_work SET jobs_collected = ?, placed = ?, retained = ?, rights_cases = ?, note = ?,"
      " recorded_by = ?, updated_at = ? WHERE work_id = ?",
      v);
  if (!up) return std::unexpected(up.error());
  if (auto r = RecordChange(db_, *county, "station_work", old.work_id, actor, "update", diff); !r) {
    return std::unexpected(r.error());
  }
  return tx->Commit();
}

Result<std::vector<StationWork>> StationWorkStore::ForStation(int64_t site_id) {
  const Value p[] = {site_id};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_station_work WHERE site_id = ? ORDER BY month", kStationWorkStoreColumns), p);
  if (!rows) return std::unexpected(rows.error());
  return StationWorkStoreRead(*rows);
}

Result<std::vector<StationWork>> StationWorkStore::List(std::string_view scope) {
  const Value p[] = {std::string(scope) + "%"};
  auto rows = db_.Query(
      fmt::format("SELECT {} FROM network_station_work WHERE county_code LIKE ? ORDER BY site_id, month", kStationWorkStoreColumns), p);
  if (!rows) return std::unexpected(rows.error());
  return StationWorkStoreRead(*rows);
}

}  // namespace qjy::network
