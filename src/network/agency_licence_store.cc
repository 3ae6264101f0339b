#include "network/agency_licence_store.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "network/history.h"
#include "network/network_store.h"

namespace qjy::network {
namespace {

using store::Value;

constexpr char kSchema[] = R"sql(
CREATE TABLE network_agency_licences (
  licence_id {id},
  county_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  site_id {int} NOT NULL,
  licence_no TEXT NOT NULL,
  issuer TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  scope TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_agency_licences_county ON network_agency_licences (county_code, licence_id);
CREATE UNIQUE INDEX network_agency_licences_no ON network_agency_licences (site_id, licence_no);
CREATE INDEX network_agency_licences_region ON network_agency_licences (region_code);
)sql";

const store::Migration kMigrations[] = {{817, "network_agency_licences", kSchema}};

Error Bad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{}", field, why)};
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
  return out;
}

std::vector<std::string> Split(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    out.emplace_back(s.substr(0, comma));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

std::optional<Date> DateOf(const store::Row& row, int col) {
  if (row.IsNull(col)) return std::nullopt;
  auto d = Date::Parse(row.Text(col));
  return d ? std::optional<Date>(*d) : std::nullopt;
}

}  // namespace

std::span<const store::Migration> AgencyLicenceMigrations() { return kMigrations; }

Result<void> AgencyLicenceStore::Migrate() {
  if (auto m = NetworkStore(db_, regions_).Migrate(); !m) return m;
  return store::ApplyMigrations(db_, AgencyLicenceMigrations());
}

Result<int64_t> AgencyLicenceStore::Add(const LicenceInput& raw, const AgencyScopes& scopes, Date today,
                                        std::string_view actor) {
  LicenceInput in = raw;
  auto found = NetworkStore(db_, regions_).SiteOfKind(in.site_id, "hr_agency", "机构", "市场化人力资源服务机构");
  if (!found) return std::unexpected(found.error());
  const Site& s = found->site;
  if (in.licence_no.empty()) return std::unexpected(Bad("许可证编号", "不能为空"));
  if (in.issuer.empty()) return std::unexpected(Bad("发证机关", "不能为空（如 贵阳市人力资源和社会保障局）"));
  if (!in.valid_from) return std::unexpected(Bad("有效期起", "不能为空"));
  if (*in.valid_from > today) {
    return std::unexpected(Bad("有效期起", fmt::format("{} 晚于今天（{}）", in.valid_from->ToString(), today.ToString())));
  }
  if (in.valid_to && *in.valid_to < *in.valid_from) {
    return std::unexpected(Bad("有效期止", fmt::format("{} 早于有效期起 {}", in.valid_to->ToString(), in.valid_from->ToString())));
  }
  if (in.scope.empty()) return std::unexpected(Bad("经营范围", "至少选择一项"));
  std::vector<std::string> codes;
  for (const auto& item : in.scope) {
    const AgencyScope* x = scopes.Find(item);
    if (x == nullptr) return std::unexpected(Bad("经营范围", fmt::format("「{}」不是可登记的经营范围", item)));
    if (std::find(codes.begin(), codes.end(), x->code) == codes.end()) codes.push_back(x->code);
  }
  in.scope.clear();
  for (const auto& x : scopes.scopes) {  // the file's order
    if (std::find(codes.begin(), codes.end(), x.code) != codes.end()) in.scope.push_back(x.code);
  }
  const Value key[] = {in.site_id, in.licence_no};
  auto dup = db_.Query("SELECT licence_id FROM network_agency_licences WHERE site_id = ? AND licence_no = ?", key);
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty()) {
    return std::unexpected(Bad("许可证编号", fmt::format("「{}」已登记（编号 {}）；换发的许可证请按新编号登记", in.licence_no,
                                                      dup->front().Int(0))));
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const Value v[] = {s.county_code, s.region, in.site_id, in.licence_no, in.issuer, in.valid_from->ToString(),
                     in.valid_to ? Value(in.valid_to->ToString()) : Value(), Join(in.scope), std::string(actor),
                     NowIso()};
  auto ins = db_.Query(
      "INSERT INTO network_agency_licences (county_code, region_code, site_id, licence_no, issuer, valid_from, valid_to,"
      " scope, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING licence_id",
      v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  const nlohmann::json fields = {{"site_id", in.site_id},
                                 {"licence_no", in.licence_no},
                                 {"issuer", in.issuer},
                                 {"valid_from", in.valid_from->ToString()},
                                 {"valid_to", in.valid_to ? in.valid_to->ToString() : ""},
                                 {"scope", Join(in.scope)}};
  if (auto r = RecordChange(db_, s.county_code, "agency_licence", id, actor, "insert", Diff({}, fields)); !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<std::vector<AgencyLicence>> AgencyLicenceStore::List(std::string_view scope) {
  const Value p[] = {std::string(scope) + "%", std::string(scope) + "%"};
  auto rows = db_.Query(
      "SELECT licence_id, county_code, region_code, site_id, licence_no, issuer, valid_from, valid_to, scope, created_by"
      " FROM network_agency_licences WHERE region_code LIKE ? OR county_code LIKE ? ORDER BY site_id, valid_from, licence_id",
      p);
  if (!rows) return std::unexpected(rows.error());
  std::vector<AgencyLicence> out;
  for (const auto& row : *rows) {
    AgencyLicence l;
    l.licence_id = row.Int(0);
    l.county_code = row.Text(1);
    l.region = row.Text(2);
    l.in.site_id = row.Int(3);
    l.in.licence_no = row.Text(4);
    l.in.issuer = row.Text(5);
    l.in.valid_from = DateOf(row, 6);
    l.in.valid_to = DateOf(row, 7);
    l.in.scope = Split(row.Text(8));
    l.created_by = row.Text(9);
    out.push_back(std::move(l));
  }
  return out;
}

void AttachLicences(std::span<const AgencyLicence> licences, std::vector<Site>& sites) {
  std::unordered_map<int64_t, Site*> by_id;
  for (auto& s : sites) by_id[s.site_id] = &s;
  for (const auto& l : licences) {
    auto it = by_id.find(l.in.site_id);
    if (it == by_id.end() || !l.in.valid_from) continue;
    it->second->licences.emplace_back(*l.in.valid_from, l.in.valid_to);
  }
}

}  // namespace qjy::network
