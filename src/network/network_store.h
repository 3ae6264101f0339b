// The service network kept by officials: sites (offices, gig markets,
// agencies, labour-cooperation stations, communities) added and closed with
// their details and history, and recruitment events. Sites live in the
// registry's service_sites table (migration 800 adds the details and the
// closing date); events in network_events. Every change is one transaction
// with its row in the registry's append-only `changes` history.
// Validation names the field in Chinese and stores nothing on error.
// Not safe for concurrent use (it borrows one Db).
#ifndef QJY_NETWORK_NETWORK_STORE_H_
#define QJY_NETWORK_NETWORK_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "network/coverage.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::network {

std::span<const store::Migration> NetworkMigrations();  // 800..899 (800–802 here; 810–812 programme_store.h, key_enterprise_store.h)

struct SiteInput {
  std::string kind;          // registry SiteKind code or label (零工市场, …)
  std::string tier;          // province | prefecture | county | township | village
  std::string region;        // where it is; a station: any Chinese region
  std::string owner_region;  // the Guizhou region running it (stations; else = region)
  std::string name, address, hours, services;
  bool online = false;
  int64_t staff = -1;        // -1: not recorded
  std::optional<Date> opened_on;
  std::optional<Date> closed_on;
  int64_t parent_site_id = 0;  // stations: the station one tier up
  // Full-employment communities (A4(十五)): the recognition officials
  // recorded — national 国家级 | province 省级 | prefecture 市州级 | none
  // 未认定 (codes or labels); "" not recorded. R17 reads it.
  std::string recognition_level;
  std::optional<Date> recognised_on;
};

struct EventInput {
  std::string region;        // organiser: Guizhou province, prefecture, county or township
  std::string kind;          // comprehensive | special | service_team (EventKindLabel)
  std::string title, place;
  bool online = false;
  Date held_on;
  bool held = true;          // false: planned
  int64_t employers = 0, jobs = 0, attendance = 0, hires = 0;
};

struct SiteDetail {
  Site site;
  std::string address, hours, services;
  int64_t staff = -1;
  int64_t parent_site_id = 0;
  std::string recognition_level;  // code; "" not recorded
  std::optional<Date> recognised_on;
};

class NetworkStore {
 public:
  NetworkStore(store::Db& db, const RegionIndex& regions) : db_(db), regions_(regions) {}
  Result<void> Migrate();  // after the registry's; outside a transaction

  // Validates (kInvalidArgument, "字段：原因"): known kind and tier; the
  // region known (in Guizhou, except stations) and of the tier's level for
  // offices; a name; opening date not after `today`; closing date not
  // before opening; a station's parent a station exactly one tier up (none
  // for the provincial 总站); the same kind, region and name not already
  // registered. Returns the new site id.
  Result<int64_t> AddSite(const SiteInput& in, Date today, std::string_view actor);
  // Closes an open site on `closed_on` (not after today, not before it
  // opened). kNotFound for an unknown id, kInvalidArgument when closed.
  Result<void> CloseSite(int64_t site_id, Date closed_on, std::string_view reason, Date today,
                         std::string_view actor);
  // Edits an existing site: name, address, hours, services, staff,
  // online, opening and closing dates, parent station, a community's
  // recognition. Kind, tier and place cannot change (kInvalidArgument
  // naming the field: close it and register anew). Validated as AddSite
  // (closing not before opening, dates not after today, …); the history
  // row keeps each changed field's old and new value. kNotFound for an
  // unknown id. Nothing changed: no write, no history.
  Result<void> EditSite(int64_t site_id, const SiteInput& in, Date today, std::string_view actor);
  Result<std::optional<SiteDetail>> FindSite(int64_t site_id);
  // The site `site_id` when it is of `kind`: kInvalidArgument naming
  // `field` otherwise ("机构：编号 7 的服务网点不存在", "机构：「x」不是
  // <what>"), for the stores that record something about one kind of site.
  Result<SiteDetail> SiteOfKind(int64_t site_id, std::string_view kind, std::string_view field,
                                std::string_view what);
  // Sites whose region or running county lies under `scope` (any status).
  Result<std::vector<Site>> Sites(std::string_view scope);

  // Validates: organiser a Guizhou region above village level; kind; a
  // title; a held event not dated after `today`; counts ≥ 0 and hires not
  // above attendance. Returns the event id.
  Result<int64_t> AddEvent(const EventInput& in, Date today, std::string_view actor);
  // Every event validated as AddEvent, then all stored in one transaction
  // (each with its history row): an error names the event's position and
  // stores none. Returns the number stored.
  Result<int64_t> AddEvents(std::span<const EventInput> events, Date today, std::string_view actor);
  // Events organised under `scope` held from `from` to `to` (inclusive).
  Result<std::vector<Event>> Events(std::string_view scope, Date from, Date to);

 private:
  std::string CountyKey(std::string_view guizhou_code) const;
  // The community recognition of `in` as a code, validated.
  Result<std::string> ValidateRecognition(const SiteInput& in, bool community, Date today) const;
  Result<void> ValidateEvent(const EventInput& in, Date today) const;
  Result<int64_t> InsertEvent(const EventInput& in, std::string_view actor);

  store::Db& db_;
  const RegionIndex& regions_;
};

}  // namespace qjy::network

#endif  // QJY_NETWORK_NETWORK_STORE_H_
