#include "store/region_counts.h"

#include <algorithm>
#include <array>
#include <vector>

namespace qjy::store::region_counts {
namespace {

// The lengths of the region levels: province, prefecture, county, township,
// village.
constexpr std::array<size_t, 5> kLevels = {2, 4, 6, 9, 12};

// Counters per statement in Apply (4 parameters each).
constexpr size_t kChunk = 200;

constexpr char kUpsertTail[] =
    " ON CONFLICT (county_code, kind, region) DO UPDATE SET n = region_counts.n + excluded.n";

Result<void> Locked(Db& db) {
  QJY_TRY(db.Exec("DELETE FROM region_counts"));
  auto counties = db.Query(
      "SELECT county_code FROM persons GROUP BY county_code UNION"
      " SELECT county_code FROM employers GROUP BY county_code UNION"
      " SELECT county_code FROM jobs GROUP BY county_code");
  if (!counties) return std::unexpected(counties.error());
  for (const auto& c : *counties) {
    const Value county[] = {c.Text(0)};
    Delta d;
    auto persons = db.Query(
        "SELECT hukou_region, residence_region FROM persons WHERE county_code = ?", county);
    if (!persons) return std::unexpected(persons.error());
    for (const auto& r : *persons) d.Person(c.Text(0), r.Text(0), r.Text(1), +1);
    auto employers = db.Query("SELECT region FROM employers WHERE county_code = ?", county);
    if (!employers) return std::unexpected(employers.error());
    for (const auto& r : *employers) d.Employer(c.Text(0), r.Text(0), +1);
    auto jobs = db.Query("SELECT place_region FROM jobs WHERE county_code = ?", county);
    if (!jobs) return std::unexpected(jobs.error());
    for (const auto& r : *jobs) d.Job(c.Text(0), r.Text(0), +1);
    QJY_TRY(Apply(db, d));
  }
  return {};
}

}  // namespace

void Delta::Add(std::string_view county, std::string_view kind,
                std::initializer_list<std::string_view> codes, int sign) {
  std::array<std::string_view, 15> regions;
  size_t n = 0;
  for (std::string_view code : codes) {
    for (size_t len : kLevels) {
      if (code.size() < len) break;
      regions[n++] = code.substr(0, len);
    }
  }
  std::sort(regions.begin(), regions.begin() + n);
  const auto end = std::unique(regions.begin(), regions.begin() + n);
  for (auto it = regions.begin(); it != end; ++it) {
    n_[{std::string(county), std::string(kind), std::string(*it)}] += sign;
  }
}

void Delta::Person(std::string_view county, std::string_view hukou, std::string_view residence,
                   int sign) {
  Add(county, "persons", {hukou, residence, county}, sign);
  Add(county, "hukou", {hukou}, sign);
}

void Delta::Employer(std::string_view county, std::string_view region, int sign) {
  Add(county, "employers", {region, county}, sign);
}

void Delta::Job(std::string_view county, std::string_view place_region, int sign) {
  Add(county, "jobs", {place_region, county}, sign);
}

Result<void> Apply(Db& db, const Delta& delta) {
  std::vector<Value> params;
  size_t rows = 0;
  auto flush = [&]() -> Result<void> {
    if (rows == 0) return {};
    std::string sql = "INSERT INTO region_counts (county_code, kind, region, n) VALUES ";
    for (size_t i = 0; i < rows; ++i) sql += i ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)";
    auto r = db.Exec(sql + kUpsertTail, params);
    params.clear();
    rows = 0;
    if (!r) return std::unexpected(r.error());
    return {};
  };
  for (const auto& [key, n] : delta.entries()) {
    if (n == 0) continue;
    const auto& [county, kind, region] = key;
    params.insert(params.end(), {county, kind, region, n});
    if (++rows == kChunk) QJY_TRY(flush());
  }
  return flush();
}

Result<void> Rebuild(Db& db) {
  QJY_TRY(db.Begin());
  Result<void> r = [&]() -> Result<void> {
    // Writers wait (their counters are added after this commits); readers
    // do not.
    if (db.dialect() == Dialect::kPostgres) {
      QJY_TRY(db.Exec("LOCK TABLE region_counts IN EXCLUSIVE MODE"));
    }
    return Locked(db);
  }();
  if (!r) {
    (void)db.Rollback();
    return r;
  }
  return db.Commit();
}

Result<void> FillIfEmpty(Db& db) {
  auto any = db.Query(
      "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM region_counts LIMIT 1) a),"
      " (SELECT COUNT(*) FROM (SELECT 1 FROM persons LIMIT 1) b)"
      " + (SELECT COUNT(*) FROM (SELECT 1 FROM employers LIMIT 1) c)"
      " + (SELECT COUNT(*) FROM (SELECT 1 FROM jobs LIMIT 1) d)");
  if (!any) return std::unexpected(any.error());
  if (any->at(0).Int(0) != 0 || any->at(0).Int(1) == 0) return {};
  return Rebuild(db);
}

Result<Counts> Read(Db& db, std::string_view region) {
  const Value params[] = {std::string(region)};
  auto rows = db.Query(
      "SELECT kind, CAST(SUM(n) AS BIGINT) FROM region_counts WHERE region = ?"
      " AND kind IN ('persons', 'employers', 'jobs') GROUP BY kind",
      params);
  if (!rows) return std::unexpected(rows.error());
  Counts c;
  for (const auto& r : *rows) {
    const std::string kind = r.Text(0);
    (kind == "persons" ? c.persons : kind == "employers" ? c.employers : c.jobs) = r.Int(1);
  }
  return c;
}

Result<std::map<std::string, int64_t>> ReadHukou(Db& db, std::span<const std::string> regions) {
  std::map<std::string, int64_t> out;
  constexpr size_t kIn = 500;
  for (size_t off = 0; off < regions.size(); off += kIn) {
    const size_t n = std::min(kIn, regions.size() - off);
    std::vector<Value> params(regions.begin() + off, regions.begin() + off + n);
    std::string marks;
    for (size_t i = 0; i < n; ++i) marks += i ? ", ?" : "?";
    auto rows = db.Query("SELECT region, CAST(SUM(n) AS BIGINT) FROM region_counts WHERE kind = 'hukou'"
                         " AND region IN (" + marks + ") GROUP BY region",
                         params);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) out[r.Text(0)] = r.Int(1);
  }
  return out;
}

}  // namespace qjy::store::region_counts
