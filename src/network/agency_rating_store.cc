#include "network/agency_rating_store.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "network/history.h"
#include "network/network_store.h"
#include "store/row_codec.h"

namespace qjy::network {
namespace {

using store::Value;

constexpr char kAgencyRatingStoreSchema[] = R"sql(
CREATE TABLE network_agency_ratings (
  rating_id {id},
  county_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  site_id {int} NOT NULL,
  grade TEXT NOT NULL,
  rated_on TEXT NOT NULL,
  rated_by TEXT NOT NULL,
  basis TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_agency_ratings_county ON network_agency_ratings (county_code, rating_id);
CREATE UNIQUE INDEX network_agency_ratings_site ON network_agency_ratings (site_id, rated_on);
CREATE INDEX network_agency_ratings_region ON network_agency_ratings (region_code);
)sql";

const store::Migration kAgencyRatingStoreMigrations[] = {{813, "network_agency_ratings", kAgencyRatingStoreSchema}};

Error AgencyRatingStoreBad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{}", field, why)};
}

const store::RowCodec<AgencyRating>& Codec() {
  static const store::RowCodec<AgencyRating> kCodec =
      store::RowCodec<AgencyRating>()
          .Field("rating_id", [](auto& r) -> auto& { return r.rating_id; })
          .Field("county_code", [](auto& r) -> auto& { return r.county_code; })
          .Field("region_code", [](auto& r) -> auto& { return r.region; })
          .Field("site_id", [](auto& r) -> auto& { return r.in.site_id; })
          .Field("grade", [](auto& r) -> auto& { return r.in.grade; })
          .Field("rated_on", [](auto& r) -> auto& { return r.in.rated_on; })
          .Field("rated_by", [](auto& r) -> auto& { return r.in.rated_by; })
          .Field("basis", [](auto& r) -> auto& { return r.in.basis; })
          .Field("created_by", [](auto& r) -> auto& { return r.created_by; });
  return kCodec;
}

const store::RowCodec<AgencyRating>& Insertable() {
  static const store::RowCodec<AgencyRating> kCodec = Codec().Except({"rating_id"});
  return kCodec;
}

}  // namespace

std::span<const store::Migration> AgencyRatingMigrations() { return kAgencyRatingStoreMigrations; }

Result<void> AgencyRatingStore::Migrate() {
  if (auto m = NetworkStore(db_, regions_).Migrate(); !m) return m;
  return store::ApplyMigrations(db_, AgencyRatingMigrations());
}

Result<int64_t> AgencyRatingStore::Add(const AgencyRatingInput& raw, const AgencyGrades& grades, Date today,
                                       std::string_view actor) {
  AgencyRatingInput in = raw;
  auto found = NetworkStore(db_, regions_).SiteOfKind(in.site_id, "hr_agency", "机构", "市场化人力资源服务机构");
  if (!found) return std::unexpected(found.error());
  const Site& s = found->site;
  const AgencyGrade* g = grades.Find(in.grade);
  if (g == nullptr) {
    std::string list;
    for (const auto& x : grades.grades) list += (list.empty() ? "" : "、") + x.label;
    return std::unexpected(AgencyRatingStoreBad("评级", fmt::format("「{}」须为{}", in.grade, list)));
  }
  in.grade = g->code;
  if (!in.rated_on) return std::unexpected(AgencyRatingStoreBad("评级日期", "不能为空"));
  if (*in.rated_on > today) {
    return std::unexpected(AgencyRatingStoreBad("评级日期", fmt::format("{} 晚于今天（{}）", in.rated_on->ToString(), today.ToString())));
  }
  if (s.opened_on && *in.rated_on < *s.opened_on) {
    return std::unexpected(AgencyRatingStoreBad("评级日期", fmt::format("{} 早于机构开业日期 {}", in.rated_on->ToString(), s.opened_on->ToString())));
  }
  if (s.closed_on && *in.rated_on >= *s.closed_on) {
    return std::unexpected(AgencyRatingStoreBad("评级日期", fmt::format("机构已于 {} 关闭", s.closed_on->ToString())));
  }
  if (in.rated_by.empty()) return std::unexpected(AgencyRatingStoreBad("评定单位", "不能为空（如 市人力资源社会保障局）"));
  const Value key[] = {in.site_id, in.rated_on->ToString()};
  auto dup = db_.Query("SELECT rating_id FROM network_agency_ratings WHERE site_id = ? AND rated_on = ?", key);
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty()) {
    return std::unexpected(AgencyRatingStoreBad("评级日期", fmt::format("该机构 {} 已有评级（编号 {}）；更正请录入新的评级", in.rated_on->ToString(),
                                                     dup->front().Int(0))));
  }
  AgencyRating row;
  row.county_code = s.county_code;
  row.region = s.region;
  row.in = in;
  row.created_by = std::string(actor);
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  std::vector<Value> v = Insertable().Values(row);
  v.push_back(NowIso());
  auto ins = db_.Query(fmt::format("INSERT INTO network_agency_ratings ({}, created_at) VALUES ({}, ?) RETURNING rating_id",
                                   Insertable().Columns(), Insertable().Placeholders()),
                       v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  const nlohmann::json fields = {{"site_id", in.site_id}, {"grade", in.grade}, {"rated_on", in.rated_on->ToString()},
                                 {"rated_by", in.rated_by}, {"basis", in.basis}};
  if (auto r = RecordChange(db_, s.county_code, "agency_rating", id, actor, "insert", Diff({}, fields)); !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<std::vector<AgencyRating>> AgencyRatingStore::List(std::string_view scope) {
  const Value p[] = {std::string(scope) + "%", std::string(scope) + "%"};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_agency_ratings WHERE region_code LIKE ? OR county_code LIKE ?"
                                    " ORDER BY site_id, rated_on",
                                    Codec().Columns()),
                        p);
  if (!rows) return std::unexpected(rows.error());
  return Codec().ReadAll(*rows);
}

void AttachRatings(std::span<const AgencyRating> ratings, const AgencyGrades& grades, std::vector<Site>& sites) {
  std::unordered_map<int64_t, Site*> by_id;
  for (auto& s : sites) by_id[s.site_id] = &s;
  for (const auto& r : ratings) {
    auto it = by_id.find(r.in.site_id);
    if (it == by_id.end() || !r.in.rated_on) continue;
    const AgencyGrade* g = grades.Find(r.in.grade);
    it->second->quality.emplace_back(*r.in.rated_on, g != nullptr && g->quality);
  }
  for (auto& s : sites) std::sort(s.quality.begin(), s.quality.end());
}

}  // namespace qjy::network
