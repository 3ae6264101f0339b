#include "network/community_store.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "network/history.h"
#include "network/network_store.h"

namespace qjy::network {
namespace {

using store::Value;

constexpr char kCommunityStoreSchema[] = R"sql(
CREATE TABLE network_community_applications (
  application_id {id},
  county_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  site_id {int} NOT NULL,
  level TEXT NOT NULL,
  applied_on TEXT NOT NULL,
  able_willing {int} NOT NULL,
  employed {int} NOT NULL,
  hard_to_employ {int} NOT NULL,
  hard_to_employ_employed {int} NOT NULL,
  zero_employment_families {int} NOT NULL,
  service_desk {int} NOT NULL,
  service_staff {int} NOT NULL,
  applied_by TEXT NOT NULL,
  assessed_on TEXT,
  assessor TEXT NOT NULL DEFAULT '',
  basis TEXT NOT NULL DEFAULT '',
  passed {int} NOT NULL DEFAULT 0,
  results TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_community_applications_county ON network_community_applications (county_code, application_id);
CREATE INDEX network_community_applications_site ON network_community_applications (site_id, applied_on);
CREATE INDEX network_community_applications_region ON network_community_applications (region_code);
)sql";

const store::Migration kCommunityStoreMigrations[] = {{819, "network_community_applications", kCommunityStoreSchema}};

constexpr char kColumns[] =
    "application_id, county_code, region_code, site_id, level, applied_on, able_willing, employed, hard_to_employ,"
    " hard_to_employ_employed, zero_employment_families, service_desk, service_staff, applied_by, assessed_on,"
    " assessor, basis, passed, results";

Error CommunityStoreBad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{}", field, why)};
}

std::optional<Date> DateOf(const store::Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  auto d = Date::Parse(r.Text(i));
  return d ? std::optional<Date>(*d) : std::nullopt;
}

std::vector<CommunityApplication> Read(const std::vector<store::Row>& rows) {
  std::vector<CommunityApplication> out;
  for (const auto& r : rows) {
    CommunityApplication a;
    a.application_id = r.Int(0);
    a.county_code = r.Text(1);
    a.region = r.Text(2);
    a.in.site_id = r.Int(3);
    a.in.level = r.Text(4);
    a.in.applied_on = DateOf(r, 5);
    a.in.facts = {r.Int(6), r.Int(7), r.Int(8), r.Int(9), r.Int(10), r.Int(11) != 0, r.Int(12)};
    a.applied_by = r.Text(13);
    if (auto on = DateOf(r, 14)) {
      a.assessment = AssessmentInput{on, r.Text(15), r.Text(16)};
      a.passed = r.Int(17) != 0;
      const auto results = nlohmann::json::parse(r.Text(18), nullptr, false);
      if (results.is_array()) {
        for (const auto& x : results) {
          a.results.push_back({x.value("id", ""), x.value("label", ""), x.value("met", false), x.value("seen", ""),
                               x.value("required", "")});
        }
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

int LevelRank(std::string_view level) {
  if (level == "national") return 3;
  if (level == "province") return 2;
  if (level == "prefecture") return 1;
  return 0;
}

}  // namespace

std::span<const store::Migration> CommunityMigrations() { return kCommunityStoreMigrations; }

Result<void> CommunityStore::Migrate() {
  if (auto m = NetworkStore(db_, regions_).Migrate(); !m) return m;
  return store::ApplyMigrations(db_, CommunityMigrations());
}

Result<int64_t> CommunityStore::Apply(const ApplicationInput& raw, const CommunityCriteria& criteria, Date today,
                                      std::string_view actor) {
  ApplicationInput in = raw;
  auto found = NetworkStore(db_, regions_).SiteOfKind(in.site_id, "full_employment_community", "社区", "充分就业社区");
  if (!found) return std::unexpected(found.error());
  const Site& s = found->site;
  const std::string level = criteria.LevelCode(in.level);
  if (level.empty()) {
    std::string list;
    for (const auto& [code, label] : criteria.levels) list += (list.empty() ? "" : "或") + label;
    return std::unexpected(CommunityStoreBad("申报级别", fmt::format("「{}」须为{}", in.level, list)));
  }
  in.level = level;
  if (!in.applied_on) return std::unexpected(CommunityStoreBad("申报日期", "不能为空"));
  if (*in.applied_on > today) {
    return std::unexpected(CommunityStoreBad("申报日期", fmt::format("{} 晚于今天（{}）", in.applied_on->ToString(), today.ToString())));
  }
  if (s.opened_on && *in.applied_on < *s.opened_on) {
    return std::unexpected(CommunityStoreBad("申报日期", fmt::format("{} 早于社区登记的设立日期 {}", in.applied_on->ToString(),
                                                      s.opened_on->ToString())));
  }
  const CommunityFacts& f = in.facts;
  for (auto [field, value] : {std::pair{"有就业能力和就业愿望的居民数", f.able_willing}, {"已就业人数", f.employed},
                              {"就业困难人员数", f.hard_to_employ}, {"就业困难人员已就业人数", f.hard_to_employ_employed},
                              {"零就业家庭户数", f.zero_employment_families}, {"就业服务人员数", f.service_staff}}) {
    if (value < 0) return std::unexpected(CommunityStoreBad(field, fmt::format("{} 不能为负数", value)));
  }
  if (f.employed > f.able_willing) {
    return std::unexpected(CommunityStoreBad("已就业人数", fmt::format("{} 多于有就业能力和就业愿望的居民数 {}", f.employed, f.able_willing)));
  }
  if (f.hard_to_employ_employed > f.hard_to_employ) {
    return std::unexpected(CommunityStoreBad("就业困难人员已就业人数",
                               fmt::format("{} 多于就业困难人员数 {}", f.hard_to_employ_employed, f.hard_to_employ)));
  }
  const Value site[] = {in.site_id};
  auto pending = db_.Query(
      "SELECT application_id, applied_on FROM network_community_applications WHERE site_id = ? AND assessed_on IS NULL",
      site);
  if (!pending) return std::unexpected(pending.error());
  if (!pending->empty()) {
    return std::unexpected(CommunityStoreBad("申报", fmt::format("该社区 {} 的申报（编号 {}）尚未评估，评估后方可再次申报",
                                                  pending->front().Text(1), pending->front().Int(0))));
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const Value v[] = {s.county_code, s.region, in.site_id, in.level, in.applied_on->ToString(), f.able_willing,
                     f.employed, f.hard_to_employ, f.hard_to_employ_employed, f.zero_employment_families,
                     int64_t{f.service_desk ? 1 : 0}, f.service_staff, std::string(actor), NowIso()};
  auto ins = db_.Query(
      "INSERT INTO network_community_applications (county_code, region_code, site_id, level, applied_on, able_willing,"
      " employed, hard_to_employ, hard_to_employ_employed, zero_employment_families, service_desk, service_staff,"
      " applied_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING application_id",
      v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  const nlohmann::json fields = {{"site_id", in.site_id},
                                 {"level", in.level},
                                 {"applied_on", in.applied_on->ToString()},
                                 {"able_willing", f.able_willing},
                                 {"employed", f.employed},
                                 {"hard_to_employ", f.hard_to_employ},
                                 {"hard_to_employ_employed", f.hard_to_employ_employed},
                                 {"zero_employment_families", f.zero_employment_families},
                                 {"service_desk", f.service_desk},
                                 {"service_staff", f.service_staff}};
  if (auto r = RecordChange(db_, s.county_code, "community_application", id, actor, "insert", Diff({}, fields)); !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<std::optional<CommunityApplication>> CommunityStore::Find(int64_t application_id) {
  const Value p[] = {application_id};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_community_applications WHERE application_id = ?", kColumns), p);
  if (!rows) return std::unexpected(rows.error());
  auto list = Read(*rows);
  if (list.empty()) return std::optional<CommunityApplication>();
  return std::optional<CommunityApplication>(std::move(list.front()));
}

Result<CommunityApplication> CommunityStore::Assess(int64_t application_id, const AssessmentInput& in,
                                                    const CommunityCriteria& criteria, Date today,
                                                    std::string_view actor) {
  auto found = Find(application_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, fmt::format("申报：编号 {} 的申报不存在", application_id));
  CommunityApplication a = std::move(**found);
  if (a.assessment) {
    return std::unexpected(CommunityStoreBad("评估", fmt::format("该申报已于 {} 评估", a.assessment->assessed_on->ToString())));
  }
  if (!in.assessed_on) return std::unexpected(CommunityStoreBad("评估日期", "不能为空"));
  if (*in.assessed_on > today) {
    return std::unexpected(CommunityStoreBad("评估日期", fmt::format("{} 晚于今天（{}）", in.assessed_on->ToString(), today.ToString())));
  }
  if (*in.assessed_on < *a.in.applied_on) {
    return std::unexpected(CommunityStoreBad("评估日期", fmt::format("{} 早于申报日期 {}", in.assessed_on->ToString(),
                                                      a.in.applied_on->ToString())));
  }
  if (in.assessor.empty()) return std::unexpected(CommunityStoreBad("评估单位", "不能为空（如 省人力资源社会保障厅）"));
  a.results = criteria.Judge(a.in.facts);
  a.passed = true;
  nlohmann::json results = nlohmann::json::array();
  for (const auto& r : a.results) {
    a.passed = a.passed && r.met;
    results.push_back({{"id", r.id}, {"label", r.label}, {"met", r.met}, {"seen", r.seen}, {"required", r.required}});
  }
  a.assessment = in;
  auto site = NetworkStore(db_, regions_).FindSite(a.in.site_id);
  if (!site) return std::unexpected(site.error());
  if (!*site) return Fail(ErrorCode::kNotFound, "社区：该社区已不在名录中");
  const std::string old_level = (*site)->recognition_level;
  const std::optional<Date> old_on = (*site)->recognised_on;
  std::string new_level = old_level;
  std::optional<Date> new_on = old_on;
  if (a.passed && LevelRank(a.in.level) > LevelRank(old_level)) {
    new_level = a.in.level;
    new_on = in.assessed_on;
  } else if (!a.passed && old_level.empty()) {
    new_level = "none";
    new_on.reset();
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const Value v[] = {in.assessed_on->ToString(), in.assessor, in.basis, int64_t{a.passed ? 1 : 0}, results.dump(),
                     application_id};
  auto up = db_.Query(
      "UPDATE network_community_applications SET assessed_on = ?, assessor = ?, basis = ?, passed = ?, results = ?"
      " WHERE application_id = ?",
      v);
  if (!up) return std::unexpected(up.error());
  const nlohmann::json fields = {{"assessed_on", in.assessed_on->ToString()},
                                 {"assessor", in.assessor},
                                 {"basis", in.basis},
                                 {"passed", a.passed},
                                 {"results", results}};
  if (auto r = RecordChange(db_, a.county_code, "community_application", application_id, actor, "assess",
                            Diff({}, fields));
      !r) {
    return std::unexpected(r.error());
  }
  if (new_level != old_level || new_on != old_on) {
    const Value sv[] = {new_level, new_on ? Value(new_on->ToString()) : Value(), NowIso(), a.in.site_id};
    auto su = db_.Query("UPDATE service_sites SET recognition_level = ?, recognised_on = ?, updated_at = ? WHERE site_id = ?",
                        sv);
    if (!su) return std::unexpected(su.error());
    const nlohmann::json before = {{"recognition_level", old_level}, {"recognised_on", old_on ? old_on->ToString() : ""}};
    const nlohmann::json after = {{"recognition_level", new_level}, {"recognised_on", new_on ? new_on->ToString() : ""}};
    if (auto r = RecordChange(db_, (*site)->site.county_code, "site", a.in.site_id, actor, "update", Diff(before, after));
        !r) {
      return std::unexpected(r.error());
    }
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return a;
}

Result<std::vector<CommunityApplication>> CommunityStore::List(std::string_view scope) {
  const Value p[] = {std::string(scope) + "%", std::string(scope) + "%"};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_community_applications WHERE region_code LIKE ? OR county_code LIKE ?"
                                    " ORDER BY site_id, applied_on, application_id",
                                    kColumns),
                        p);
  if (!rows) return std::unexpected(rows.error());
  return Read(*rows);
}

}  // namespace qjy::network
