#include "network/evaluation_store.h"

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

constexpr char kEvaluationStoreSchema[] = R"sql(
CREATE TABLE network_evaluations (
  evaluation_id {id},
  county_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  site_id {int} NOT NULL,
  year {int} NOT NULL,
  scores TEXT NOT NULL,
  total {int} NOT NULL,
  result TEXT NOT NULL,
  evaluated_on TEXT NOT NULL,
  evaluator TEXT NOT NULL,
  note TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_evaluations_county ON network_evaluations (county_code, evaluation_id);
CREATE UNIQUE INDEX network_evaluations_site_year ON network_evaluations (site_id, year);
CREATE INDEX network_evaluations_region ON network_evaluations (region_code, year);
)sql";

const store::Migration kEvaluationStoreMigrations[] = {{814, "network_evaluations", kEvaluationStoreSchema}};

Error EvaluationStoreBad(std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{}", field, why)};
}

// The row as stored: scores as JSON text.
struct EvaluationRow {
  Evaluation e;
  std::string scores;
};

const store::RowCodec<EvaluationRow>& EvaluationStoreCodec() {
  static const store::RowCodec<EvaluationRow> kCodec =
      store::RowCodec<EvaluationRow>()
          .Field("evaluation_id", [](auto& r) -> auto& { return r.e.evaluation_id; })
          .Field("county_code", [](auto& r) -> auto& { return r.e.county_code; })
          .Field("region_code", [](auto& r) -> auto& { return r.e.region; })
          .Field("site_id", [](auto& r) -> auto& { return r.e.in.site_id; })
          .Field("year", [](auto& r) -> auto& { return r.e.in.year; })
          .Field("scores", [](auto& r) -> auto& { return r.scores; })
          .Field("total", [](auto& r) -> auto& { return r.e.total; })
          .Field("result", [](auto& r) -> auto& { return r.e.result; })
          .Field("evaluated_on", [](auto& r) -> auto& { return r.e.in.evaluated_on; })
          .Field("evaluator", [](auto& r) -> auto& { return r.e.in.evaluator; })
          .Field("note", [](auto& r) -> auto& { return r.e.in.note; })
          .Field("created_by", [](auto& r) -> auto& { return r.e.created_by; });
  return kCodec;
}

const store::RowCodec<EvaluationRow>& EvaluationStoreInsertable() {
  static const store::RowCodec<EvaluationRow> kCodec = EvaluationStoreCodec().Except({"evaluation_id"});
  return kCodec;
}

// What an update writes: the scores and who/when, not the key or the place.
const store::RowCodec<EvaluationRow>& EvaluationStoreEditable() {
  static const store::RowCodec<EvaluationRow> kCodec =
      EvaluationStoreCodec().Except({"evaluation_id", "county_code", "region_code", "site_id", "year", "created_by"});
  return kCodec;
}

nlohmann::json Fields(const Evaluation& e) {
  nlohmann::json scores = nlohmann::json::object();
  for (const auto& [k, v] : e.in.scores) scores[k] = v;
  return {{"site_id", e.in.site_id},
          {"year", e.in.year},
          {"scores", scores},
          {"total", e.total},
          {"result", e.result},
          {"evaluated_on", e.in.evaluated_on ? e.in.evaluated_on->ToString() : ""},
          {"evaluator", e.in.evaluator},
          {"note", e.in.note}};
}

Result<Evaluation> FromRow(EvaluationRow row) {
  try {
    const nlohmann::json scores = nlohmann::json::parse(row.scores);
    for (const auto& el : scores.items()) row.e.in.scores[el.key()] = el.value().get<int64_t>();
  } catch (const nlohmann::json::exception&) {
    return Fail(ErrorCode::kStore, fmt::format("评估编号 {} 的评分无法读取", row.e.evaluation_id));
  }
  return std::move(row.e);
}

}  // namespace

std::span<const store::Migration> EvaluationMigrations() { return kEvaluationStoreMigrations; }

Result<void> EvaluationStore::Migrate() {
  if (auto m = NetworkStore(db_, regions_).Migrate(); !m) return m;
  return store::ApplyMigrations(db_, EvaluationMigrations());
}

Result<int64_t> EvaluationStore::Record(const EvaluationInput& raw, const EvaluationScheme& scheme, Date today,
                                        std::string_view actor) {
  auto found = NetworkStore(db_, regions_).SiteOfKind(raw.site_id, "employment_office", "机构", "就业公共服务机构");
  if (!found) return std::unexpected(found.error());
  const Site& s = found->site;
  if (raw.year < scheme.first_year || raw.year > today.year()) {
    return std::unexpected(EvaluationStoreBad("评估年度", fmt::format("{} 须在 {}—{} 之间", raw.year, scheme.first_year, today.year())));
  }
  if (!s.OpenIn(raw.year)) return std::unexpected(EvaluationStoreBad("评估年度", fmt::format("「{}」在 {} 年未运行", s.name, raw.year)));
  Evaluation e;
  e.county_code = s.county_code;
  e.region = s.region;
  e.in = raw;
  e.in.scores.clear();
  for (const auto& [key, points] : raw.scores) {
    const EvalCriterion* c = scheme.FindCriterion(key);
    if (c == nullptr) return std::unexpected(EvaluationStoreBad("评分", fmt::format("「{}」不是评估指标", key)));
    if (points < 0 || points > c->max_points) {
      return std::unexpected(EvaluationStoreBad(fmt::format("评分「{}」", c->label), fmt::format("{} 须在 0—{} 分之间", points, c->max_points)));
    }
    e.in.scores[c->id] = points;
    e.total += points;
  }
  for (const auto& c : scheme.criteria) {
    if (!e.in.scores.contains(c.id)) return std::unexpected(EvaluationStoreBad(fmt::format("评分「{}」", c.label), "不能为空"));
  }
  if (!raw.evaluated_on) return std::unexpected(EvaluationStoreBad("评估日期", "不能为空"));
  if (*raw.evaluated_on > today) {
    return std::unexpected(EvaluationStoreBad("评估日期", fmt::format("{} 晚于今天（{}）", raw.evaluated_on->ToString(), today.ToString())));
  }
  if (raw.evaluated_on->year() < raw.year) {
    return std::unexpected(EvaluationStoreBad("评估日期", fmt::format("{} 早于评估年度 {} 年", raw.evaluated_on->ToString(), raw.year)));
  }
  if (raw.evaluator.empty()) return std::unexpected(EvaluationStoreBad("评估单位", "不能为空（如 市人力资源社会保障局）"));
  e.result = scheme.ResultFor(e.total).code;
  e.created_by = std::string(actor);

  const Value key[] = {raw.site_id, int64_t{raw.year}};
  auto existing = db_.Query("SELECT evaluation_id FROM network_evaluations WHERE site_id = ? AND year = ?", key);
  if (!existing) return std::unexpected(existing.error());
  EvaluationRow row{e, Fields(e)["scores"].dump()};
  const std::string now = NowIso();
  if (!existing->empty()) {
    const int64_t id = existing->front().Int(0);
    auto old = Find(id);
    if (!old) return std::unexpected(old.error());
    if (!*old) return Fail(ErrorCode::kNotFound, fmt::format("编号 {} 的评估不存在", id));
    const nlohmann::json diff = Diff(Fields(**old), Fields(e));
    if (diff.empty()) return id;
    auto tx = store::Transaction::Begin(db_);
    if (!tx) return std::unexpected(tx.error());
    std::vector<Value> v = EvaluationStoreEditable().Values(row);
    v.insert(v.end(), {now, id});
    if (auto r = db_.Exec(fmt::format("UPDATE network_evaluations SET {}, updated_at = ? WHERE evaluation_id = ?",
                                      EvaluationStoreEditable().Assignments()),
                          v);
        !r) {
      return std::unexpected(r.error());
    }
    if (auto r = RecordChange(db_, e.county_code, "evaluation", id, actor, "update", diff); !r) {
      return std::unexpected(r.error());
    }
    if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
    return id;
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  std::vector<Value> v = EvaluationStoreInsertable().Values(row);
  v.insert(v.end(), {now, now});
  auto ins = db_.Query(fmt::format("INSERT INTO network_evaluations ({}, created_at, updated_at) VALUES ({}, ?, ?)"
                                   " RETURNING evaluation_id",
                                   EvaluationStoreInsertable().Columns(), EvaluationStoreInsertable().Placeholders()),
                       v);
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->at(0).Int(0);
  if (auto r = RecordChange(db_, e.county_code, "evaluation", id, actor, "insert", Diff({}, Fields(e))); !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return id;
}

Result<std::optional<Evaluation>> EvaluationStore::Find(int64_t id) {
  const Value p[] = {id};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_evaluations WHERE evaluation_id = ?", EvaluationStoreCodec().Columns()), p);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Evaluation>();
  auto row = EvaluationStoreCodec().Read(rows->front());
  if (!row) return std::unexpected(row.error());
  auto e = FromRow(std::move(*row));
  if (!e) return std::unexpected(e.error());
  return std::optional<Evaluation>(std::move(*e));
}

Result<std::vector<Evaluation>> EvaluationStore::List(std::string_view scope, int year) {
  const Value p[] = {std::string(scope) + "%", std::string(scope) + "%", int64_t{year}, int64_t{year}};
  auto rows = db_.Query(fmt::format("SELECT {} FROM network_evaluations WHERE (region_code LIKE ? OR county_code LIKE ?)"
                                    " AND (? = 0 OR year = ?) ORDER BY site_id, year",
                                    EvaluationStoreCodec().Columns()),
                        p);
  if (!rows) return std::unexpected(rows.error());
  auto read = EvaluationStoreCodec().ReadAll(*rows);
  if (!read) return std::unexpected(read.error());
  std::vector<Evaluation> out;
  for (auto& r : *read) {
    auto e = FromRow(std::move(r));
    if (!e) return std::unexpected(e.error());
    out.push_back(std::move(*e));
  }
  return out;
}

void AttachEvaluations(std::span<const Evaluation> evaluations, std::vector<Site>& sites) {
  std::unordered_map<int64_t, Site*> by_id;
  for (auto& s : sites) by_id[s.site_id] = &s;
  for (const auto& e : evaluations) {
    auto it = by_id.find(e.in.site_id);
    if (it != by_id.end()) it->second->evaluated_years.push_back(e.in.year);
  }
  for (auto& s : sites) std::sort(s.evaluated_years.begin(), s.evaluated_years.end());
}

}  // namespace qjy::network
