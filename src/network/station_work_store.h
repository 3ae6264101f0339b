// The work of labour-cooperation stations (驻外劳务协作站, 正文（十四）,
// 附件2（三）“做好岗位收集、信息发布、劳动维权等服务”, 附件4（四）
// “健全驻外协作站（点）工作绩效考核机制”): per station (a site of kind
// labour_station) and calendar month, the jobs collected (岗位信息收集),
// workers placed (输出就业) and kept in work (稳岗), and rights cases
// handled (维权案件). A station belongs to the Guizhou county or prefecture
// that set it up: its row carries the station's county_code (the owner's
// key, network_store.h), so a region scope reads its own stations' work
// only. One record per station and month; a correction replaces it with
// the old values in the registry's `changes` history (entity
// "station_work"). Table network_station_work (migration 818). Validation
// names the field in Chinese; nothing stored on error. Not safe for
// concurrent use (it borrows one Db).
#ifndef QJY_NETWORK_STATION_WORK_STORE_H_
#define QJY_NETWORK_STATION_WORK_STORE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::network {

std::span<const store::Migration> StationWorkMigrations();  // 818

struct StationWorkInput {
  int64_t site_id = 0;         // a labour_station site
  std::string month;           // "YYYY-MM"
  int64_t jobs_collected = 0;  // 收集岗位信息（个）
  int64_t placed = 0;          // 输出就业（人）
  int64_t retained = 0;        // 稳岗（人）
  int64_t rights_cases = 0;    // 办理维权案件（件）
  std::string note;
};

struct StationWork {
  int64_t work_id = 0;
  std::string county_code;  // the station's owner key
  StationWorkInput in;
  std::string recorded_by;
};

class StationWorkStore {
 public:
  StationWorkStore(store::Db& db, const RegionIndex& regions) : db_(db), regions_(regions) {}
  Result<void> Migrate();  // the network's migrations, then 818; outside a transaction

  // Records a month. Validates (kInvalidArgument, "字段：原因"): the site
  // exists and is a labour-cooperation station (劳务协作站); the month is
  // YYYY-MM (月份), not after `today`'s month, not before the month the
  // station opened nor after the month it closed; each count ≥ 0 (named:
  // 岗位信息收集数, 输出就业人数, 稳岗人数, 维权案件数); the station has no
  // record for that month yet (月份; use Replace). Returns the record id.
  Result<int64_t> Add(const StationWorkInput& in, Date today, std::string_view actor);
  // Replaces the record of the station and month (validated as Add,
  // except that it must exist: kNotFound otherwise); the history keeps the
  // old values. Nothing changed: no write.
  Result<void> Replace(const StationWorkInput& in, Date today, std::string_view actor);
  // Records of the station, by month.
  Result<std::vector<StationWork>> ForStation(int64_t site_id);
  // Records of the stations whose county_code lies under `scope`, by
  // station and month.
  Result<std::vector<StationWork>> List(std::string_view scope);

 private:
  // The station's county_code after validating `in`.
  Result<std::string> Validate(const StationWorkInput& in, Date today);

  store::Db& db_;
  const RegionIndex& regions_;
};

}  // namespace qjy::network

#endif  // QJY_NETWORK_STATION_WORK_STORE_H_
