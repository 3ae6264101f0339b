#include "network/network_store.h"
#include "network/history.h"


#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "registry/codes.h"
#include "registry/model.h"

namespace qjy::network {
namespace {

using store::Value;

constexpr char kNetworkSchema[] = R"sql(
ALTER TABLE service_sites ADD COLUMN closed_on TEXT;
ALTER TABLE service_sites ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE service_sites ADD COLUMN hours TEXT NOT NULL DEFAULT '';
ALTER TABLE service_sites ADD COLUMN services TEXT NOT NULL DEFAULT '';
ALTER TABLE service_sites ADD COLUMN staff {int} NOT NULL DEFAULT -1;
ALTER TABLE service_sites ADD COLUMN parent_site_id {int} NOT NULL DEFAULT 0;
CREATE TABLE network_events (
  event_id {id},
  county_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  place TEXT NOT NULL,
  online {int} NOT NULL,
  held_on TEXT NOT NULL,
  held {int} NOT NULL,
  employers {int} NOT NULL,
  jobs {int} NOT NULL,
  attendance {int} NOT NULL,
  hires {int} NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX network_events_region ON network_events (region_code, held_on);
)sql";

// 就业帮扶车间（基地） kept by county officials (workshop_store.h); the
// policy engine reads the same table (policy/world_loader.cc).
constexpr char kWorkshopSchema[] = R"sql(
CREATE TABLE network_workshops (
  workshop_id {id},
  county_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  name TEXT NOT NULL,
  operator_credit_code TEXT NOT NULL,
  address TEXT NOT NULL,
  status TEXT NOT NULL,
  recognised_on TEXT,
  revoked_on TEXT,
  poverty_employed {int},
  poverty_source TEXT NOT NULL,
  poverty_as_of TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_workshops_county ON network_workshops (county_code, workshop_id);
CREATE INDEX network_workshops_region ON network_workshops (region_code);
CREATE INDEX network_workshops_operator ON network_workshops (operator_credit_code);
)sql";

// A full-employment community's recognition as officials record it
// (A4(十五)): level national | province | prefecture | none, '' = not
// recorded; R17 reads these, not the generated tier.
constexpr char kRecognitionSchema[] = R"sql(
ALTER TABLE service_sites ADD COLUMN recognition_level TEXT NOT NULL DEFAULT '';
ALTER TABLE service_sites ADD COLUMN recognised_on TEXT;
)sql";

const store::Migration kNetworkStoreMigrations[] = {
    {800, "network_sites_events", kNetworkSchema},
    {801, "network_workshops", kWorkshopSchema},
    {802, "network_community_recognition", kRecognitionSchema},
};

struct LevelName {
  const char* code;
  const char* label;
};
constexpr LevelName kRecognitionLevels[] = {
    {"national", "国家级"}, {"province", "省级"}, {"prefecture", "市州级"}, {"none", "未认定"}};

Error NetworkStoreBad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{}", field, why)};
}

std::optional<RegionLevel> TierLevel(std::string_view tier) {
  auto l = ParseRegionLevel(tier);
  if (!l) return std::nullopt;
  return *l;
}

int TierRank(std::string_view tier) {
  if (tier == "province") return 0;
  if (tier == "prefecture") return 1;
  if (tier == "county") return 2;
  return -1;
}

const char* kStationTier[] = {"省级总站", "市州分站", "县级工作站"};

std::optional<Date> DateCell(const store::Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  auto d = Date::Parse(r.Text(i));
  return d ? std::optional<Date>(*d) : std::nullopt;
}

constexpr char kSiteColumns[] =
    "site_id, county_code, kind, tier, region, name, online, opened_on, closed_on,"
    " address, hours, services, staff, parent_site_id, recognition_level, recognised_on";

SiteDetail DetailFromRow(const store::Row& r) {
  SiteDetail d;
  d.site.site_id = r.Int(0);
  d.site.county_code = r.Text(1);
  d.site.kind = r.Text(2);
  d.site.tier = r.Text(3);
  d.site.region = r.Text(4);
  d.site.name = r.Text(5);
  d.site.online = r.Int(6) != 0;
  d.site.opened_on = DateCell(r, 7);
  d.site.closed_on = DateCell(r, 8);
  d.address = r.Text(9);
  d.hours = r.Text(10);
  d.services = r.Text(11);
  d.staff = r.Int(12);
  d.parent_site_id = r.Int(13);
  d.recognition_level = r.Text(14);
  d.recognised_on = DateCell(r, 15);
  return d;
}

}  // namespace

std::span<const store::Migration> NetworkMigrations() { return kNetworkStoreMigrations; }


Result<void> NetworkStore::Migrate() { return store::ApplyMigrations(db_, NetworkMigrations()); }

std::string NetworkStore::CountyKey(std::string_view code) const {
  // Province and prefecture sites are keyed by their code padded to six
  // digits (520000, 520100), as the generator does; lower levels by county.
  if (code.size() <= 4) return std::string(code) + std::string(6 - code.size(), '0');
  return std::string(code.substr(0, 6));
}

Result<int64_t> NetworkStore::AddSite(const SiteInput& in, Date today, std::string_view actor) {
  auto kind = registry::Parse<registry::SiteKind>(in.kind);
  if (!kind) return std::unexpected(NetworkStoreBad("类型", fmt::format("「{}」不是已知的服务网点类型", in.kind)));
  const std::string kind_code(registry::Code(*kind));
  auto tier_level = TierLevel(in.tier);
  if (!tier_level) return std::unexpected(NetworkStoreBad("层级", fmt::format("「{}」须为省级、市州级、县级、乡镇级或村级", in.tier)));
  if (in.name.empty()) return std::unexpected(NetworkStoreBad("名称", "不能为空"));
  const Region* where = regions_.Find(in.region);
  if (where == nullptr) return std::unexpected(NetworkStoreBad("所在区划", fmt::format("区划代码「{}」不存在", in.region)));
  const bool station = *kind == registry::SiteKind::kLabourStation;
  std::string owner = in.owner_region.empty() ? in.region : in.owner_region;
  const Region* owner_region = regions_.Find(owner);
  if (owner_region == nullptr || !owner.starts_with("52")) {
    return std::unexpected(NetworkStoreBad(station ? "主办区划" : "所在区划",
                               fmt::format("「{}」不是贵州省的区划{}", owner,
                                           station ? "（驻外劳务协作站须写明派出的市州或县）" : "")));
  }
  if (!station && where->level != *tier_level) {
    return std::unexpected(NetworkStoreBad("层级", fmt::format("{}级机构须设在{}区划，「{}」是{}区划", RegionLevelLabel(*tier_level),
                                                  RegionLevelLabel(*tier_level), where->name,
                                                  RegionLevelLabel(where->level))));
  }
  if (in.opened_on && *in.opened_on > today) {
    return std::unexpected(NetworkStoreBad("开办日期", fmt::format("{} 晚于今天（{}）", in.opened_on->ToString(), today.ToString())));
  }
  if (in.closed_on && in.opened_on && *in.closed_on < *in.opened_on) {
    return std::unexpected(NetworkStoreBad("关闭日期", fmt::format("{} 早于开办日期 {}", in.closed_on->ToString(),
                                                      in.opened_on->ToString())));
  }
  if (in.closed_on && *in.closed_on > today) {
    return std::unexpected(NetworkStoreBad("关闭日期", fmt::format("{} 晚于今天", in.closed_on->ToString())));
  }
  if (in.staff < -1) return std::unexpected(NetworkStoreBad("工作人员数", "不能为负数"));
  if (station) {
    const int rank = TierRank(in.tier);
    if (rank < 0) return std::unexpected(NetworkStoreBad("层级", "劳务协作站分省级总站、市州分站、县级工作站三级"));
    if (rank == 0 && in.parent_site_id != 0) return std::unexpected(NetworkStoreBad("上级站", "省级总站没有上级站"));
    if (rank > 0) {
      if (in.parent_site_id == 0) {
        return std::unexpected(NetworkStoreBad("上级站", fmt::format("{}须写明所属的{}", kStationTier[rank], kStationTier[rank - 1])));
      }
      auto parent = FindSite(in.parent_site_id);
      if (!parent) return std::unexpected(parent.error());
      if (!*parent) return std::unexpected(NetworkStoreBad("上级站", fmt::format("编号 {} 的服务网点不存在", in.parent_site_id)));
      const auto& ps = (*parent)->site;
      if (ps.kind != "labour_station" || TierRank(ps.tier) != rank - 1) {
        return std::unexpected(NetworkStoreBad("上级站", fmt::format("「{}」不是{}，{}的上级须为{}", ps.name,
                                                        kStationTier[rank - 1], kStationTier[rank],
                                                        kStationTier[rank - 1])));
      }
    }
  } else if (in.parent_site_id != 0) {
    return std::unexpected(NetworkStoreBad("上级站", "只有劳务协作站登记上级站"));
  }
  auto level = ValidateRecognition(in, *kind == registry::SiteKind::kFullEmploymentCommunity, today);
  if (!level) return std::unexpected(level.error());
  const Value key[] = {kind_code, in.region, in.name};
  auto dup = db_.Query("SELECT site_id FROM service_sites WHERE kind = ? AND region = ? AND name = ?", key);
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty()) {
    return std::unexpected(NetworkStoreBad("名称", fmt::format("该区划已登记同名{}（编号 {}）", registry::Label(*kind), dup->front().Int(0))));
  }

  const std::string county = CountyKey(owner);
  const std::string now = NowIso();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const Value v[] = {county, kind_code, in.name, in.region, in.tier, int64_t{in.online ? 1 : 0},
                     in.opened_on ? Value(in.opened_on->ToString()) : Value(),
                     in.closed_on ? Value(in.closed_on->ToString()) : Value(), in.address, in.hours, in.services,
                     in.staff, in.parent_site_id, *level,
                     in.recognised_on ? Value(in.recognised_on->ToString()) : Value(), now, now};
  auto ins = db_.Query(
      "INSERT INTO service_sites (county_code, kind, name, region, tier, online, opened_on, closed_on,"
      " address, hours, services, staff, parent_site_id, recognition_level, recognised_on, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING site_id",
      v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  nlohmann::json diff = {{"kind", {nullptr, kind_code}}, {"name", {nullptr, in.name}},
                         {"region", {nullptr, in.region}}, {"tier", {nullptr, in.tier}},
                         {"opened_on", {nullptr, in.opened_on ? in.opened_on->ToString() : ""}}};
  if (auto r = RecordChange(db_, county, "site", id, actor, "insert", diff); !r) return std::unexpected(r.error());
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<std::string> NetworkStore::ValidateRecognition(const SiteInput& in, bool community, Date today) const {
  if (in.recognition_level.empty()) {
    if (in.recognised_on) return std::unexpected(NetworkStoreBad("认定日期", "填写了认定日期，但没有认定级别"));
    return std::string();
  }
  if (!community) return std::unexpected(NetworkStoreBad("认定级别", "只有充分就业社区登记认定级别"));
  std::string code;
  for (const auto& l : kRecognitionLevels) {
    if (in.recognition_level == l.code || in.recognition_level == l.label) code = l.code;
  }
  if (code.empty()) {
    return std::unexpected(NetworkStoreBad("认定级别", fmt::format("「{}」须为国家级、省级、市州级或未认定", in.recognition_level)));
  }
  if (code == "none") {
    if (in.recognised_on) return std::unexpected(NetworkStoreBad("认定日期", "未认定的社区没有认定日期"));
    return code;
  }
  if (!in.recognised_on) return std::unexpected(NetworkStoreBad("认定日期", "已认定的充分就业社区须填写认定日期"));
  if (*in.recognised_on > today) {
    return std::unexpected(NetworkStoreBad("认定日期", fmt::format("{} 晚于今天（{}）", in.recognised_on->ToString(), today.ToString())));
  }
  return code;
}

Result<void> NetworkStore::EditSite(int64_t site_id, const SiteInput& in, Date today, std::string_view actor) {
  auto found = FindSite(site_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, fmt::format("编号 {} 的服务网点不存在", site_id));
  const SiteDetail& old = **found;
  const Site& s = old.site;
  if (!in.kind.empty()) {
    auto kind = registry::Parse<registry::SiteKind>(in.kind);
    if (!kind || registry::Code(*kind) != s.kind) {
      return std::unexpected(NetworkStoreBad("类型", "不能修改；请关闭该网点后另行登记"));
    }
  }
  if (!in.tier.empty() && in.tier != s.tier) return std::unexpected(NetworkStoreBad("层级", "不能修改；请关闭该网点后另行登记"));
  if (!in.region.empty() && in.region != s.region) {
    return std::unexpected(NetworkStoreBad("所在区划", "不能修改；请关闭该网点后另行登记"));
  }
  if (in.name.empty()) return std::unexpected(NetworkStoreBad("名称", "不能为空"));
  if (in.opened_on && *in.opened_on > today) {
    return std::unexpected(NetworkStoreBad("开办日期", fmt::format("{} 晚于今天（{}）", in.opened_on->ToString(), today.ToString())));
  }
  if (in.closed_on && in.opened_on && *in.closed_on < *in.opened_on) {
    return std::unexpected(NetworkStoreBad("关闭日期", fmt::format("{} 早于开办日期 {}", in.closed_on->ToString(),
                                                      in.opened_on->ToString())));
  }
  if (in.closed_on && *in.closed_on > today) {
    return std::unexpected(NetworkStoreBad("关闭日期", fmt::format("{} 晚于今天", in.closed_on->ToString())));
  }
  if (in.staff < -1) return std::unexpected(NetworkStoreBad("工作人员数", "不能为负数"));
  if (in.parent_site_id != old.parent_site_id) {
    if (s.kind != "labour_station") return std::unexpected(NetworkStoreBad("上级站", "只有劳务协作站登记上级站"));
    const int rank = TierRank(s.tier);
    if (rank == 0) return std::unexpected(NetworkStoreBad("上级站", "省级总站没有上级站"));
    auto parent = FindSite(in.parent_site_id);
    if (!parent) return std::unexpected(parent.error());
    if (!*parent || (*parent)->site.kind != "labour_station" || TierRank((*parent)->site.tier) != rank - 1 ||
        in.parent_site_id == site_id) {
      return std::unexpected(NetworkStoreBad("上级站", fmt::format("{}的上级须为{}", kStationTier[rank], kStationTier[rank - 1])));
    }
  }
  auto level = ValidateRecognition(in, s.kind == "full_employment_community", today);
  if (!level) return std::unexpected(level.error());
  const Value key[] = {s.kind, s.region, in.name, site_id};
  auto dup = db_.Query("SELECT site_id FROM service_sites WHERE kind = ? AND region = ? AND name = ? AND site_id <> ?",
                       key);
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty()) {
    return std::unexpected(NetworkStoreBad("名称", fmt::format("该区划已登记同名网点（编号 {}）", dup->front().Int(0))));
  }

  auto date = [](const std::optional<Date>& d) { return d ? nlohmann::json(d->ToString()) : nlohmann::json(); };
  const nlohmann::json before = {{"name", s.name},
                                 {"address", old.address},
                                 {"hours", old.hours},
                                 {"services", old.services},
                                 {"staff", old.staff},
                                 {"online", s.online},
                                 {"opened_on", date(s.opened_on)},
                                 {"closed_on", date(s.closed_on)},
                                 {"parent_site_id", old.parent_site_id},
                                 {"recognition_level", old.recognition_level},
                                 {"recognised_on", date(old.recognised_on)}};
  const nlohmann::json after = {{"name", in.name},
                                {"address", in.address},
                                {"hours", in.hours},
                                {"services", in.services},
                                {"staff", in.staff},
                                {"online", in.online},
                                {"opened_on", date(in.opened_on)},
                                {"closed_on", date(in.closed_on)},
                                {"parent_site_id", in.parent_site_id},
                                {"recognition_level", *level},
                                {"recognised_on", date(in.recognised_on)}};
  nlohmann::json diff = nlohmann::json::object();
  for (const auto& [k, v] : after.items()) {
    if (before[k] != v) diff[k] = {before[k], v};
  }
  if (diff.empty()) return {};
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const Value v[] = {in.name, in.address, in.hours, in.services, in.staff, int64_t{in.online ? 1 : 0},
                     in.opened_on ? Value(in.opened_on->ToString()) : Value(),
                     in.closed_on ? Value(in.closed_on->ToString()) : Value(), in.parent_site_id, *level,
                     in.recognised_on ? Value(in.recognised_on->ToString()) : Value(), NowIso(), site_id};
  if (auto r = db_.Exec("UPDATE service_sites SET name = ?, address = ?, hours = ?, services = ?, staff = ?, online = ?,"
                        " opened_on = ?, closed_on = ?, parent_site_id = ?, recognition_level = ?, recognised_on = ?,"
                        " updated_at = ? WHERE site_id = ?",
                        v);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = RecordChange(db_, s.county_code, "site", site_id, actor, "update", diff); !r) return std::unexpected(r.error());
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return {};
}

Result<void> NetworkStore::CloseSite(int64_t site_id, Date closed_on, std::string_view reason, Date today,
                                     std::string_view actor) {
  auto found = FindSite(site_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, fmt::format("编号 {} 的服务网点不存在", site_id));
  const Site& s = (*found)->site;
  if (s.closed_on) return std::unexpected(NetworkStoreBad("关闭日期", fmt::format("该网点已于 {} 关闭", s.closed_on->ToString())));
  if (closed_on > today) return std::unexpected(NetworkStoreBad("关闭日期", fmt::format("{} 晚于今天", closed_on.ToString())));
  if (s.opened_on && closed_on < *s.opened_on) {
    return std::unexpected(NetworkStoreBad("关闭日期", fmt::format("{} 早于开办日期 {}", closed_on.ToString(), s.opened_on->ToString())));
  }
  if (reason.empty()) return std::unexpected(NetworkStoreBad("关闭原因", "不能为空"));
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const Value v[] = {closed_on.ToString(), NowIso(), site_id};
  if (auto r = db_.Exec("UPDATE service_sites SET closed_on = ?, updated_at = ? WHERE site_id = ?", v); !r) {
    return std::unexpected(r.error());
  }
  nlohmann::json diff = {{"closed_on", {nullptr, closed_on.ToString()}}, {"reason", {nullptr, std::string(reason)}}};
  if (auto r = RecordChange(db_, s.county_code, "site", site_id, actor, "update", diff); !r) return std::unexpected(r.error());
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return {};
}

Result<SiteDetail> NetworkStore::SiteOfKind(int64_t site_id, std::string_view kind, std::string_view field,
                                            std::string_view what) {
  auto found = FindSite(site_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return std::unexpected(NetworkStoreBad(field, fmt::format("编号 {} 的服务网点不存在", site_id)));
  if ((*found)->site.kind != kind) {
    return std::unexpected(NetworkStoreBad(field, fmt::format("「{}」不是{}", (*found)->site.name, what)));
  }
  return std::move(**found);
}

Result<std::optional<SiteDetail>> NetworkStore::FindSite(int64_t site_id) {
  const Value p[] = {site_id};
  auto rows = db_.Query(fmt::format("SELECT {} FROM service_sites WHERE site_id = ?", kSiteColumns), p);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<SiteDetail>();
  return DetailFromRow(rows->front());
}

Result<std::vector<Site>> NetworkStore::Sites(std::string_view scope) {
  const std::string like = std::string(scope) + "%";
  const Value p[] = {like, like};
  auto rows = db_.Query(fmt::format("SELECT {} FROM service_sites WHERE region LIKE ? OR county_code LIKE ?"
                                    " ORDER BY site_id",
                                    kSiteColumns),
                        p);
  if (!rows) return std::unexpected(rows.error());
  std::vector<Site> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(DetailFromRow(r).site);
  return out;
}

Result<void> NetworkStore::ValidateEvent(const EventInput& in, Date today) const {
  const Region* org = regions_.Find(in.region);
  if (org == nullptr || !in.region.starts_with("52") || org->level == RegionLevel::kVillage) {
    return std::unexpected(NetworkStoreBad("主办区划", fmt::format("「{}」不是贵州省的省、市（州）、县或乡级区划", in.region)));
  }
  if (EventKindLabel(in.kind).empty()) {
    return std::unexpected(NetworkStoreBad("活动类型", fmt::format("「{}」须为综合性招聘（comprehensive）、专场招聘（special）"
                                                      "或就业创业服务团队活动（service_team）",
                                                      in.kind)));
  }
  if (in.title.empty()) return std::unexpected(NetworkStoreBad("活动名称", "不能为空"));
  if (in.held && in.held_on > today) {
    return std::unexpected(NetworkStoreBad("举办日期", fmt::format("{} 晚于今天，尚未举办的活动请登记为“计划”", in.held_on.ToString())));
  }
  for (auto [field, v] : {std::pair{"参会单位数", in.employers}, {"提供岗位数", in.jobs},
                          {"参会人数", in.attendance}, {"达成就业意向人数", in.hires}}) {
    if (v < 0) return std::unexpected(NetworkStoreBad(field, "不能为负数"));
  }
  if (in.hires > in.attendance) {
    return std::unexpected(NetworkStoreBad("达成就业意向人数", fmt::format("{} 多于参会人数 {}", in.hires, in.attendance)));
  }
  if (!in.held && (in.attendance > 0 || in.hires > 0)) {
    return std::unexpected(NetworkStoreBad("参会人数", "计划中的活动尚无参会和录用人数"));
  }
  return {};
}

Result<int64_t> NetworkStore::InsertEvent(const EventInput& in, std::string_view actor) {
  const std::string county = CountyKey(in.region);
  const Value v[] = {county, in.region, in.kind, in.title, in.place, int64_t{in.online ? 1 : 0},
                     in.held_on.ToString(), int64_t{in.held ? 1 : 0}, in.employers, in.jobs, in.attendance,
                     in.hires, std::string(actor), NowIso()};
  auto ins = db_.Query(
      "INSERT INTO network_events (county_code, region_code, kind, title, place, online, held_on, held,"
      " employers, jobs, attendance, hires, created_by, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING event_id",
      v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  nlohmann::json diff = {{"title", {nullptr, in.title}}, {"region", {nullptr, in.region}},
                         {"held_on", {nullptr, in.held_on.ToString()}}, {"kind", {nullptr, in.kind}}};
  if (auto r = RecordChange(db_, county, "event", id, actor, "insert", diff); !r) return std::unexpected(r.error());
  return id;
}

Result<int64_t> NetworkStore::AddEvent(const EventInput& in, Date today, std::string_view actor) {
  if (auto v = ValidateEvent(in, today); !v) return std::unexpected(v.error());
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto id = InsertEvent(in, actor);
  if (!id) return id;
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<int64_t> NetworkStore::AddEvents(std::span<const EventInput> events, Date today, std::string_view actor) {
  for (size_t i = 0; i < events.size(); ++i) {
    if (auto v = ValidateEvent(events[i], today); !v) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("第 {} 项活动：{}", i + 1, v.error().message));
    }
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  for (const auto& e : events) {
    if (auto id = InsertEvent(e, actor); !id) return std::unexpected(id.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return static_cast<int64_t>(events.size());
}

Result<std::vector<Event>> NetworkStore::Events(std::string_view scope, Date from, Date to) {
  const Value p[] = {std::string(scope) + "%", from.ToString(), to.ToString()};
  auto rows = db_.Query(
      "SELECT event_id, region_code, kind, held_on, held FROM network_events"
      " WHERE region_code LIKE ? AND held_on >= ? AND held_on <= ? ORDER BY held_on, event_id",
      p);
  if (!rows) return std::unexpected(rows.error());
  std::vector<Event> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    auto d = Date::Parse(r.Text(3));
    if (!d) return Fail(ErrorCode::kInternal, fmt::format("招聘活动 {} 的举办日期无效：{}", r.Int(0), r.Text(3)));
    out.push_back({r.Int(0), r.Text(1), r.Text(2), *d, r.Int(4) != 0});
  }
  return out;
}

}  // namespace qjy::network
