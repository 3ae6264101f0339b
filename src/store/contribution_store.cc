#include "store/contribution_store.h"

#include <algorithm>

#include "core/now_iso.h"
#include "store/pg_shards.h"

namespace qjy::store {
namespace {

constexpr char kColumns[] = "county_code, person_id, employer_credit_code, month, kinds, base_fen";

std::string Now() { return NowIsoUtc(); }

Result<void> Check(const registry::Contribution& c) {
  if (c.person_id <= 0) return Fail(ErrorCode::kInvalidArgument, "缴费记录缺少人员编号");
  if (c.county_code.size() != 6) return Fail(ErrorCode::kInvalidArgument, "缴费记录的县级区划代码应为 6 位");
  if (c.kinds == 0 || c.kinds > registry::kAllInsuranceKinds) {
    return Fail(ErrorCode::kInvalidArgument, "缴费记录的险种无效");
  }
  if (c.base_fen < 0) return Fail(ErrorCode::kInvalidArgument, "缴费基数不能为负数");
  return {};
}

registry::Contribution FromRow(const Row& r) {
  registry::Contribution c;
  c.county_code = r.Text(0);
  c.person_id = r.Int(1);
  c.employer_credit_code = r.Text(2);
  c.month = registry::ParseMonth(r.Text(3)).value_or(0);
  c.kinds = static_cast<uint8_t>(r.Int(4));
  c.base_fen = r.Int(5);
  return c;
}

}  // namespace

Result<UpsertOutcome> ContributionStore::Put(const registry::Contribution& c) {
  QJY_TRY(Check(c));
  const std::string month = registry::MonthText(c.month);
  std::vector<Value> key = {c.county_code, c.person_id, c.employer_credit_code, month};
  auto found = db_.Query(
      "SELECT kinds, base_fen FROM contributions WHERE county_code = ? AND person_id = ?"
      " AND employer_credit_code = ? AND month = ?",
      key);
  if (!found) return std::unexpected(found.error());
  const std::string now = Now();
  if (found->empty()) {
    std::vector<Value> p = key;
    p.insert(p.end(), {int64_t{c.kinds}, c.base_fen, now, now});
    QJY_TRY(db_.Exec(std::string("INSERT INTO contributions (") + kColumns +
                         ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     p));
    return UpsertOutcome::kInserted;
  }
  const Row& r = found->front();
  if (r.Int(0) == c.kinds && r.Int(1) == c.base_fen) return UpsertOutcome::kUnchanged;
  std::vector<Value> p = {int64_t{c.kinds}, c.base_fen, now};
  p.insert(p.end(), key.begin(), key.end());
  QJY_TRY(db_.Exec(
      "UPDATE contributions SET kinds = ?, base_fen = ?, updated_at = ? WHERE county_code = ?"
      " AND person_id = ? AND employer_credit_code = ? AND month = ?",
      p));
  return UpsertOutcome::kUpdated;
}

Result<void> ContributionStore::BulkInsert(std::span<const registry::Contribution> rows) {
  static const std::vector<std::string> kCols = {"county_code", "person_id", "employer_credit_code", "month",
                                                 "kinds",       "base_fen",  "created_at",           "updated_at"};
  const std::string now = Now();
  std::vector<std::vector<Value>> batch;
  batch.reserve(std::min<size_t>(rows.size(), 5000));
  for (const auto& c : rows) {
    QJY_TRY(Check(c));
    batch.push_back({c.county_code, c.person_id, c.employer_credit_code, registry::MonthText(c.month),
                     int64_t{c.kinds}, c.base_fen, now, now});
    if (batch.size() >= 5000) {
      QJY_TRY(db_.CopyIn("contributions", kCols, batch));
      batch.clear();
    }
  }
  if (!batch.empty()) QJY_TRY(db_.CopyIn("contributions", kCols, batch));
  return {};
}

Result<std::vector<registry::Contribution>> ContributionStore::OfPerson(int64_t person_id) {
  const int64_t ids[] = {person_id};
  return OfPersons(ids);
}

Result<std::vector<registry::Contribution>> ContributionStore::OfPersons(std::span<const int64_t> person_ids) {
  std::vector<registry::Contribution> out;
  for (int64_t id : person_ids) {
    std::vector<Value> p = {id};
    auto rows = db_.Query(std::string("SELECT ") + kColumns +
                              " FROM contributions WHERE person_id = ? ORDER BY month, employer_credit_code",
                          p);
    if (!rows) return std::unexpected(rows.error());
    for (const Row& r : *rows) out.push_back(FromRow(r));
  }
  return out;
}

Result<void> ContributionStore::ForEachOfCounties(std::span<const std::string> counties,
                                                  const std::function<void(const registry::Contribution&)>& fn) {
  std::vector<std::string> sorted(counties.begin(), counties.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (const auto& county : sorted) QJY_TRY(ForEachOfCounty(county, fn));
  return {};
}

namespace {

// Is `contributions` partitioned across shard servers (pg_shards.h)? There
// a keyset page through the coordinator fetched every remaining row of the
// range for each page — postgres_fdw does not ship the row comparison to
// the shard, and does not push the LIMIT of a partitioned table down — so
// a county of n months cost ~n²/5,000 rows. There the rows are read by one
// statement, streamed (Db::QueryEach), instead.
Result<bool> ContributionsSharded(Db& db) {
  auto parted = PartitionedTables(db);
  if (!parted) return std::unexpected(parted.error());
  return std::find(parted->begin(), parted->end(), "contributions") != parted->end();
}

}  // namespace

Result<void> ContributionStore::ForEachOfCounty(std::string_view county,
                                                const std::function<void(const registry::Contribution&)>& fn) {
  auto sharded = ContributionsSharded(db_);
  if (!sharded) return std::unexpected(sharded.error());
  if (*sharded) {
    const Value p[] = {std::string(county)};
    return db_.QueryEach(std::string("SELECT ") + kColumns +
                             " FROM contributions WHERE county_code = ? ORDER BY person_id, employer_credit_code, month",
                         p, [&](const Row& r) -> Result<void> {
                           fn(FromRow(r));
                           return {};
                         });
  }
  // Keyset pages over the primary key, within the county.
  std::vector<Value> after = {std::string(county)};
  bool start = true;
  for (;;) {
    auto rows = start ? db_.Query(std::string("SELECT ") + kColumns +
                                      " FROM contributions WHERE county_code = ?"
                                      " ORDER BY county_code, person_id, employer_credit_code, month LIMIT 5000",
                                  after)
                      : db_.Query(std::string("SELECT ") + kColumns +
                                      " FROM contributions WHERE county_code = ?"
                                      " AND (person_id, employer_credit_code, month) > (?, ?, ?)"
                                      " ORDER BY county_code, person_id, employer_credit_code, month LIMIT 5000",
                                  after);
    if (!rows) return std::unexpected(rows.error());
    for (const Row& r : *rows) fn(FromRow(r));
    if (rows->size() < 5000) return {};
    const Row& l = rows->back();
    after = {std::string(county), l.Int(1), l.Text(2), l.Text(3)};
    start = false;
  }
}

Result<std::vector<registry::Contribution>> ContributionStore::OfPersonsIn(std::string_view county,
                                                                           std::span<const int64_t> person_ids) {
  constexpr size_t kChunk = 500;
  std::vector<registry::Contribution> out;
  for (size_t i = 0; i < person_ids.size(); i += kChunk) {
    const size_t n = std::min(kChunk, person_ids.size() - i);
    std::vector<Value> p = {std::string(county)};
    std::string marks;
    for (size_t k = 0; k < n; ++k) {
      p.push_back(person_ids[i + k]);
      marks += k ? ", ?" : "?";
    }
    auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM contributions WHERE county_code = ? AND person_id IN (" +
                              marks + ") ORDER BY person_id, employer_credit_code, month",
                          p);
    if (!rows) return std::unexpected(rows.error());
    for (const Row& r : *rows) out.push_back(FromRow(r));
  }
  return out;
}

Result<void> ContributionStore::ForEach(const std::function<void(const registry::Contribution&)>& fn) {
  auto sharded = ContributionsSharded(db_);
  if (!sharded) return std::unexpected(sharded.error());
  if (*sharded) {
    return db_.QueryEach(std::string("SELECT ") + kColumns +
                             " FROM contributions ORDER BY county_code, person_id, employer_credit_code, month",
                         {}, [&](const Row& r) -> Result<void> {
                           fn(FromRow(r));
                           return {};
                         });
  }
  // Keyset pages over the primary key.
  std::vector<Value> after = {std::string(), int64_t{0}, std::string(), std::string()};
  bool first = true;
  for (;;) {
    auto rows = first ? db_.Query(std::string("SELECT ") + kColumns +
                                  " FROM contributions ORDER BY county_code, person_id, employer_credit_code, month"
                                  " LIMIT 5000")
                      : db_.Query(std::string("SELECT ") + kColumns +
                                      " FROM contributions WHERE (county_code, person_id, employer_credit_code, month)"
                                      " > (?, ?, ?, ?)"
                                      " ORDER BY county_code, person_id, employer_credit_code, month LIMIT 5000",
                                  after);
    if (!rows) return std::unexpected(rows.error());
    for (const Row& r : *rows) fn(FromRow(r));
    if (rows->size() < 5000) return {};
    const Row& last = rows->back();
    after = {last.Text(0), last.Int(1), last.Text(2), last.Text(3)};
    first = false;
  }
}

Result<bool> ContributionStore::Any() {
  auto rows = db_.Query("SELECT 1 FROM contributions LIMIT 1");
  if (!rows) return std::unexpected(rows.error());
  return !rows->empty();
}

Result<int64_t> ContributionStore::Count() {
  auto rows = db_.Query("SELECT COUNT(*) FROM contributions");
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

}  // namespace qjy::store
