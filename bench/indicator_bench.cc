// Issue #12 "Speed": every indicator of src/monitor for every region
// (township, county, prefecture, province) × month over 2023-01..2025-12,
// from the compact event columns (monitor/events.h, event_cube.h) against
// the same computation as SQL GROUP BY in SQLite over the same facts,
// measured in the same run; one day of events applied incrementally; peak
// RSS.
//
//   build/indicator_bench [--persons 1000000] [--runs 5] [--sql-runs 3]
//                         [--sql 1] [--pg 0] [--dir var/bench] [--threads 2]
//                         [--drop-cache 1]
//
// A synthetic province of `persons` (deterministic, seed 12), scaled like
// the generator (bench/README.md): 1.15 employment spells a person (starts
// 2015–2025 with the Spring Festival and July peaks, 40 % ended, place of
// work a Guizhou township / only a county / outside Guizhou 80/8/12 %),
// a separation per ended spell (3 % retirement, 1 % death), 15 % of persons
// registered unemployed over 2023–2025 (85 % closed, as re-employed, 12 %
// hard-to-employ), 3 % 防止返贫监测对象, and the contribution months
// 2023-01..2025-12 of 95 % of the Guizhou spells (5 % with a 2-month gap).
// The facts are written to SQLite tables with the columns the stores read
// (contracts, unemployment_registrations, separations, person_groups,
// contributions) and, as events.h columns, to an event file.
//
// Cases (RESULT lines, bench_util.h):
//   cold_events        load the event file (its pages first dropped from
//                      the page cache, --drop-cache 1) + compute every
//                      cell (median)
//   compute_events     compute every cell from the columns in memory
//   sql_sqlite         the same cells as SQL (one GROUP BY per measure and
//                      level; month-end stocks as a join with the 36 month
//                      ends, COUNT(DISTINCT person)); prefectures and the
//                      province summed from the county rows
//   sql_postgres       the same queries in PostgreSQL (--pg 1, under
//                      scripts/with-postgres.sh)
//   one_day_update     one day of events appended and applied (median of 5
//                      days), checked equal to a recomputation
// Every county and township cell of the cube is checked equal to the SQL
// result; a mismatch fails the bench. --sql 0 skips SQLite (the largest
// sizes: the event file only).
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "bench_util.h"
#include "monitor/event_cube.h"
#include "monitor/event_sources.h"
#include "store/db.h"

namespace qjy::bench {
namespace {

using monitor::Cube;
using monitor::EventStore;
using monitor::Level;
using monitor::Measure;
using monitor::MonthKey;

constexpr int kFirst = MonthKey(2023, 1);
constexpr int kMonths = 36;

int64_t PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmHWM:")) return std::stoll(line.substr(6));
  }
  return 0;
}
// Asks the kernel to forget the file's cached pages (this file only), so
// that the next read comes from the disk.
void DropFromPageCache(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fdatasync(fd);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
}
void ResetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

// ---- SQLite -----------------------------------------------------------

class Sql {
 public:
  explicit Sql(const std::string& file) {
    if (sqlite3_open(file.c_str(), &db_) != SQLITE_OK) Die("sqlite open " + file);
  }
  ~Sql() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK)
      Die(std::string("sql: ") + err + " in " + sql);
  }
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
      Die(std::string("sql: ") + sqlite3_errmsg(db_));
    return s;
  }
  // Rows of (text, text, int64...).
  template <class F>
  void Each(const std::string& sql, F&& f) {
    sqlite3_stmt* s = Prepare(sql);
    while (sqlite3_step(s) == SQLITE_ROW) f(s);
    sqlite3_finalize(s);
  }

 private:
  sqlite3* db_ = nullptr;
};

void Bind(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}
void Bind(sqlite3_stmt* s, int i, int64_t v) { sqlite3_bind_int64(s, i, v); }
void Step(sqlite3_stmt* s) {
  if (sqlite3_step(s) != SQLITE_DONE) Die("insert failed");
  sqlite3_reset(s);
}

// ---- the synthetic province ------------------------------------------

struct Place {
  std::string county;                  // 6 digits
  std::vector<std::string> townships;  // 9 digits
};

std::vector<Place> Places() {
  // 9 prefectures × 9–10 counties × 17 townships = 88 counties, 1,496 townships.
  std::vector<Place> out;
  const int per_pref[9] = {10, 9, 10, 10, 10, 9, 10, 10, 10};
  for (int p = 0; p < 9; ++p) {
    for (int k = 1; k <= per_pref[p]; ++k) {
      char code[32];
      std::snprintf(code, sizeof code, "52%02d%02d", p + 1, k);
      Place pl{code, {}};
      for (int t = 1; t <= 17; ++t) {
        std::snprintf(code, sizeof code, "52%02d%02d%03d", p + 1, k, t);
        pl.townships.push_back(code);
      }
      out.push_back(std::move(pl));
    }
  }
  return out;
}

Date Day(int32_t d) { return Date::FromDays(d); }
std::string Text(Date d) { return d.ToString(); }

// The tables, as the stores name their columns (only the columns the
// computations read). Dates are ISO text, as the stores keep them.
enum Table { kContracts, kRegistrations, kSeparations, kGroups, kContributions, kTables };
struct TableDef {
  const char* name;
  std::vector<std::string> columns;
};
const TableDef kDefs[kTables] = {
    {"contracts",
     {"county_code", "person_id", "employer_credit_code", "start_on", "end_on", "work_region"}},
    {"unemployment_registrations",
     {"county_code", "person_id", "registered_on", "region_code", "flags", "closed_on",
      "close_reason"}},
    {"separations", {"county_code", "person_id", "employer_credit_code", "separated_on", "reason"}},
    {"person_groups", {"person_id", "home_region", "valid_from", "valid_to"}},
    {"contributions", {"county_code", "person_id", "employer_credit_code", "month"}},
};

std::string Schema(bool pg) {
  const std::string id =
      pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY";
  const std::string int_ = pg ? "BIGINT" : "INTEGER";
  const std::string without_rowid = pg ? "" : " WITHOUT ROWID";
  return "CREATE TABLE contracts (contract_id " + id + ", county_code TEXT NOT NULL, person_id " +
         int_ +
         " NOT NULL, employer_credit_code TEXT NOT NULL, start_on TEXT NOT NULL, end_on TEXT, "
         "work_region TEXT NOT NULL);"
         "CREATE TABLE unemployment_registrations (registration_id " +
         id + ", county_code TEXT NOT NULL, person_id " + int_ +
         " NOT NULL, registered_on TEXT NOT NULL, region_code TEXT NOT NULL, flags TEXT NOT NULL,"
         " closed_on TEXT, close_reason TEXT);"
         "CREATE TABLE separations (county_code TEXT NOT NULL, person_id " +
         int_ +
         " NOT NULL, employer_credit_code TEXT NOT NULL, separated_on TEXT NOT NULL, reason TEXT "
         "NOT NULL,"
         " PRIMARY KEY (county_code, person_id, employer_credit_code, separated_on))" +
         without_rowid +
         ";"
         "CREATE TABLE person_groups (person_id " +
         int_ +
         " NOT NULL, group_code TEXT NOT NULL DEFAULT 'monitoring_object',"
         " home_region TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT);"
         "CREATE TABLE contributions (county_code TEXT NOT NULL, person_id " +
         int_ +
         " NOT NULL, employer_credit_code TEXT NOT NULL, month TEXT NOT NULL,"
         " PRIMARY KEY (county_code, person_id, employer_credit_code, month))" +
         without_rowid + ";";
}
const char kIndexes[] =
    "CREATE INDEX contracts_county ON contracts (county_code);"
    "CREATE INDEX contracts_person ON contracts (person_id, start_on);"
    "CREATE INDEX ur_person ON unemployment_registrations (person_id, registered_on);"
    "CREATE INDEX person_groups_group ON person_groups (group_code, person_id);";

class Province {
 public:
  Province(int64_t persons, Sql* sql, store::Db* pg, EventStore& events)
      : persons_(persons), sql_(sql), pg_(pg), ev_(events), places_(Places()) {
    lo_ = Date::FromYmd(2015, 1, 1)->days();
    hi_ = Date::FromYmd(2025, 12, 31)->days();
    r_lo_ = Date::FromYmd(2023, 1, 1)->days();
    for (const auto& p : places_) county_ix_.push_back(ev_.County(p.county));
    if (sql_) {
      sql_->Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + Schema(false) + "BEGIN;");
      for (int t = 0; t < kTables; ++t) {
        std::string q = std::string("INSERT INTO ") + kDefs[t].name + " (";
        for (size_t i = 0; i < kDefs[t].columns.size(); ++i)
          q += (i ? ", " : "") + kDefs[t].columns[i];
        q += ") VALUES (";
        for (size_t i = 0; i < kDefs[t].columns.size(); ++i) q += i ? ", ?" : "?";
        insert_[t] = sql_->Prepare(q + ")");
      }
    }
    if (pg_) {
      Must(pg_->ExecScript("DROP TABLE IF EXISTS contracts, unemployment_registrations, "
                           "separations, person_groups,"
                           " contributions;" +
                           Schema(true)),
           "pg schema");
      Must(pg_->Begin(), "pg begin");
    }
  }

  void Generate() {
    std::mt19937_64 rng(12);
    for (int64_t p = 1; p <= persons_; ++p) {
      Person(p, rng);
      if (sql_ && p % 200000 == 0) sql_->Exec("COMMIT; BEGIN;");
    }
    if (sql_) {
      for (auto* s : insert_) sqlite3_finalize(s);
      sql_->Exec(std::string("COMMIT;") + kIndexes + "ANALYZE;");
    }
    if (pg_) {
      for (int t = 0; t < kTables; ++t) Flush(t);
      Must(pg_->Commit(), "pg commit");
      Must(pg_->ExecScript(std::string(kIndexes) + "ANALYZE;"), "pg indexes");
    }
  }

  // One row of table `t` to SQLite and PostgreSQL (NULL = monostate).
  void Put(int t, std::vector<store::Value> row) {
    ++rows;
    if (sql_) {
      for (size_t i = 0; i < row.size(); ++i) {
        const int k = static_cast<int>(i) + 1;
        if (auto* v = std::get_if<int64_t>(&row[i]))
          Bind(insert_[t], k, *v);
        else if (auto* x = std::get_if<std::string>(&row[i]))
          Bind(insert_[t], k, *x);
        else
          sqlite3_bind_null(insert_[t], k);
      }
      Step(insert_[t]);
    }
    if (pg_) {
      batch_[t].push_back(std::move(row));
      if (batch_[t].size() >= 50000) Flush(t);
    }
  }

  int64_t rows = 0;

 private:
  // A day in [from, to] with the seasonal shape: a third of the draws in
  // February–March or July.
  int32_t SeasonalDay(std::mt19937_64& rng, int32_t from, int32_t to) {
    int32_t d = from + static_cast<int32_t>(rng() % (to - from + 1));
    if (rng() % 3 == 0) {
      Date x = Day(d);
      const int month = rng() % 3 == 0 ? 7 : 2 + static_cast<int>(rng() % 2);
      auto y = Date::FromYmd(x.year(), month, 1 + static_cast<int>(rng() % 28));
      if (y && y->days() >= from && y->days() <= to) d = y->days();
    }
    return d;
  }

  void Person(int64_t id, std::mt19937_64& rng) {
    const size_t home = rng() % places_.size();
    const Place& hp = places_[home];
    const uint16_t hc = county_ix_[home];
    // Employment spells.
    const int spells = rng() % 100 < 15 ? 2 : 1;
    int32_t earliest = lo_;
    std::vector<std::pair<int32_t, std::optional<int32_t>>> mine;  // for the monitoring objects
    for (int s = 0; s < spells && earliest < hi_ - 60; ++s) {
      const int32_t start = SeasonalDay(rng, earliest, hi_);
      std::optional<int32_t> end;
      if (rng() % 100 < 40 || s + 1 < spells) {
        end = start + 30 + static_cast<int32_t>(rng() % 1500);
        if (*end > hi_) end.reset();
      }
      std::string work;
      size_t wc = home;
      const int where = static_cast<int>(rng() % 100);
      if (where < 80) {
        if (rng() % 100 < 15) wc = rng() % places_.size();
        work = places_[wc].townships[rng() % places_[wc].townships.size()];
      } else if (where >= 88) {
        work = "440300";  // outside Guizhou
      }
      const std::string employer = "E" + std::to_string(rng() % 50000);
      mine.emplace_back(start, end);
      Put(kContracts, {hp.county, id, employer, Text(Day(start)),
                       end ? store::Value(Text(Day(*end))) : store::Value(), work});
      const bool guizhou = work.empty() || work.starts_with("52");
      if (guizhou) {
        const uint16_t c = work.empty() ? hc : county_ix_[wc];
        ev_.Add(c, ev_.Township(work), Day(start), Measure::kNewUrbanJobs, 1);
        if (auto sp = monitor::MonthEndsCovered(
                Day(start), end ? std::optional(Day(*end)) : std::nullopt, MonthKey(2200, 12))) {
          monitor::AddRun(ev_, c, Measure::kEmployed, sp->first, sp->last, !end);
        }
        // Contribution months 2023-01..2025-12 (95 %; 5 % with a gap).
        if (rng() % 100 < 95) {
          int first = std::max(monitor::MonthKey(Day(start)), kFirst);
          const int last = std::min(end ? monitor::MonthKey(Day(*end)) : kFirst + kMonths - 1,
                                    kFirst + kMonths - 1);
          int gap = rng() % 100 < 5 ? first + static_cast<int>(rng() % 12) : -1;
          int run = first;
          for (int m = first; m <= last + 1; ++m) {
            const bool paid = m <= last && !(m == gap || m == gap + 1);
            if (paid) {
              char month[8];
              std::snprintf(month, sizeof month, "%04d-%02d", m / 12, m % 12 + 1);
              Put(kContributions, {hp.county, id, employer, std::string(month)});
            }
            if (!paid) {
              if (m > run) monitor::AddRun(ev_, hc, Measure::kContributions, run, m - 1, false);
              run = m + 1;
            }
          }
        }
      }
      if (end) {
        const int r = static_cast<int>(rng() % 100);
        const char* reason = r < 3 ? "retired" : r < 4 ? "death" : "resigned";
        const int32_t sep = *end;
        Put(kSeparations, {hp.county, id, employer, Text(Day(sep)), std::string(reason)});
        if (r < 4) ev_.Add(hc, EventStore::kNoTownship, Day(sep), Measure::kNewUrbanJobs, -1);
        earliest = sep + 70;  // the next spell: two months on at least
      } else {
        break;
      }
    }
    // Unemployment registration 2023–2025.
    if (rng() % 100 < 15) {
      const int32_t on = SeasonalDay(rng, r_lo_, hi_);
      int32_t closed_on = 0;  // 0: still open
      if (rng() % 100 < 85) {
        closed_on = on + 30 + static_cast<int32_t>(rng() % 510);
        if (closed_on > hi_) closed_on = 0;
      }
      const bool closed = closed_on != 0;
      const bool hard = rng() % 100 < 12;
      const std::string& township = hp.townships[rng() % hp.townships.size()];
      const std::string region = rng() % 4 == 0 ? hp.county : township;
      Put(kRegistrations,
          {hp.county, id, Text(Day(on)), region, std::string(hard ? "hard_to_employ" : ""),
           closed ? store::Value(Text(Day(closed_on))) : store::Value(),
           closed ? store::Value(std::string("reemployed")) : store::Value()});
      const uint16_t t = ev_.Township(region.size() >= 9 ? region : std::string());
      if (closed) {
        ev_.Add(hc, t, Day(closed_on), Measure::kReemployed, 1);
        if (hard) ev_.Add(hc, t, Day(closed_on), Measure::kReemployedHard, 1);
      }
      std::optional<Date> last;
      if (closed) last = Day(closed_on - 1);
      if (auto sp = monitor::MonthEndsCovered(Day(on), last, MonthKey(2200, 12))) {
        monitor::AddRun(ev_, hc, Measure::kUnemployed, sp->first, sp->last, !closed);
      }
    }
    // 防止返贫监测对象: employed months while a member.
    if (rng() % 100 < 3) {
      const int32_t from = Date::FromYmd(2021, 1, 1)->days() + static_cast<int32_t>(rng() % 1400);
      std::optional<int32_t> to;
      if (rng() % 2) to = from + 200 + static_cast<int32_t>(rng() % 900);
      Put(kGroups,
          {id, hp.county, Text(Day(from)), to ? store::Value(Text(Day(*to))) : store::Value()});
      auto g = monitor::MonthEndsCovered(Day(from), to ? std::optional(Day(*to)) : std::nullopt,
                                         MonthKey(2200, 12));
      for (const auto& [start, end] : mine) {
        auto s = monitor::MonthEndsCovered(
            Day(start), end ? std::optional(Day(*end)) : std::nullopt, MonthKey(2200, 12));
        if (!s || !g) continue;
        const int a = std::max(s->first, g->first), b = std::min(s->last, g->last);
        if (a <= b)
          monitor::AddRun(ev_, hc, Measure::kMonitoringEmployed, a, b, b >= MonthKey(2200, 12));
      }
    }
  }

  int64_t persons_;
  Sql* sql_;
  store::Db* pg_;
  EventStore& ev_;
  std::vector<Place> places_;
  std::vector<uint16_t> county_ix_;
  int32_t lo_, hi_, r_lo_;
  void Flush(int t) {
    if (batch_[t].empty()) return;
    Must(pg_->CopyIn(kDefs[t].name, kDefs[t].columns, batch_[t]),
         std::string("pg copy ") + kDefs[t].name);
    batch_[t].clear();
  }

  sqlite3_stmt* insert_[kTables] = {};
  std::vector<std::vector<store::Value>> batch_[kTables];
};

// ---- the SQL computation ----------------------------------------------

// (level: 'c' county / 't' township, code, measure, month key) -> value.
using Cells = std::map<std::tuple<char, std::string, int, int>, int64_t>;

int KeyOf(const unsigned char* ym) {  // "YYYY-MM..."
  const int y = std::atoi(std::string(reinterpret_cast<const char*>(ym), 4).c_str());
  const int m = std::atoi(std::string(reinterpret_cast<const char*>(ym) + 5, 2).c_str());
  return MonthKey(y, m);
}

// Runs one query: rows of (code, "YYYY-MM…", count).
using QueryFn = std::function<void(
    const std::string& sql,
    const std::function<void(const std::string&, const std::string&, int64_t)>& row)>;

QueryFn SqliteQueries(Sql& sql) {
  return [&sql](const std::string& q, const auto& row) {
    sql.Each(q, [&](sqlite3_stmt* s) {
      const auto* code = sqlite3_column_text(s, 0);
      const auto* month = sqlite3_column_text(s, 1);
      if (code && month)
        row(reinterpret_cast<const char*>(code), reinterpret_cast<const char*>(month),
            sqlite3_column_int64(s, 2));
    });
  };
}

QueryFn PgQueries(store::Db& db) {
  return [&db](const std::string& q, const auto& row) {
    auto rows = Must(db.Query(q), "pg query");
    for (const auto& r : rows) {
      if (!r.IsNull(0) && !r.IsNull(1)) row(r.Text(0), r.Text(1), r.Int(2));
    }
  };
}

Cells RunSql(const QueryFn& query, bool pg) {
  Cells out;
  auto collect = [&](char level, Measure m, const std::string& q) {
    query(q, [&](const std::string& code, const std::string& month, int64_t n) {
      out[{level, code, static_cast<int>(m),
           KeyOf(reinterpret_cast<const unsigned char*>(month.c_str()))}] += n;
    });
  };
  const std::string range = " BETWEEN '2023-01-01' AND '2025-12-31'";
  // Flows.
  collect('c', Measure::kNewUrbanJobs,
          "SELECT county, month, CAST(SUM(n) AS BIGINT) FROM ("
          " SELECT CASE WHEN length(work_region) >= 6 THEN substr(work_region, 1, 6) ELSE "
          "county_code END AS county,"
          "  substr(start_on, 1, 7) AS month, 1 AS n FROM contracts"
          "  WHERE (length(work_region) < 6 OR work_region LIKE '52%') AND start_on" +
              range +
              " UNION ALL SELECT county_code, substr(separated_on, 1, 7), -1 FROM separations"
              "  WHERE reason IN ('retired', 'death') AND separated_on" +
              range + ") AS flows GROUP BY county, month");
  collect('t', Measure::kNewUrbanJobs,
          "SELECT substr(work_region, 1, 9), substr(start_on, 1, 7), COUNT(*) FROM contracts"
          " WHERE length(work_region) >= 9 AND work_region LIKE '52%' AND start_on" +
              range + " GROUP BY 1, 2");
  for (char level : {'c', 't'}) {
    const std::string code = level == 'c' ? "county_code" : "substr(region_code, 1, 9)";
    const std::string where = level == 'c' ? "" : " AND length(region_code) >= 9";
    collect(level, Measure::kReemployed,
            "SELECT " + code +
                ", substr(closed_on, 1, 7), COUNT(*) FROM unemployment_registrations"
                " WHERE close_reason = 'reemployed' AND closed_on" +
                range + where + " GROUP BY 1, 2");
    collect(
        level, Measure::kReemployedHard,
        "SELECT " + code +
            ", substr(closed_on, 1, 7), COUNT(*) FROM unemployment_registrations"
            " WHERE close_reason = 'reemployed' AND flags LIKE '%hard_to_employ%' AND closed_on" +
            range + where + " GROUP BY 1, 2");
  }
  // Month-end stocks: the 36 month ends joined with the spans in force.
  std::string ends = pg ? "WITH ends(m, d) AS (SELECT to_char(g, 'YYYY-MM'),"
                          " to_char(g + interval '1 month' - interval '1 day', 'YYYY-MM-DD')"
                          " FROM generate_series(timestamp '2023-01-01', timestamp '2025-12-01', "
                          "interval '1 month') g) "
                        : "WITH RECURSIVE ends(m, d) AS (SELECT '2023-01', date('2023-01-01', '+1 "
                          "month', '-1 day')"
                          " UNION ALL SELECT strftime('%Y-%m', date(m || '-01', '+1 month')),"
                          " date(m || '-01', '+2 month', '-1 day') FROM ends WHERE m < '2025-12') ";
  collect('c', Measure::kUnemployed,
          ends +
              "SELECT r.county_code, e.m, COUNT(DISTINCT r.person_id) FROM ends e JOIN "
              "unemployment_registrations r"
              " ON r.registered_on <= e.d AND (r.closed_on IS NULL OR r.closed_on > e.d) GROUP BY "
              "1, 2");
  collect('c', Measure::kEmployed,
          ends +
              "SELECT CASE WHEN length(k.work_region) >= 6 THEN substr(k.work_region, 1, 6) ELSE "
              "k.county_code END,"
              " e.m, COUNT(DISTINCT k.person_id) FROM ends e JOIN contracts k"
              " ON k.start_on <= e.d AND (k.end_on IS NULL OR k.end_on >= e.d)"
              " WHERE length(k.work_region) < 6 OR k.work_region LIKE '52%' GROUP BY 1, 2");
  collect('c', Measure::kMonitoringEmployed,
          ends +
              "SELECT g.home_region, e.m, COUNT(DISTINCT g.person_id) FROM ends e"
              " JOIN person_groups g ON g.group_code = 'monitoring_object' AND g.valid_from <= e.d"
              "  AND (g.valid_to IS NULL OR g.valid_to >= e.d)"
              " JOIN contracts k ON k.person_id = g.person_id AND k.start_on <= e.d"
              "  AND (k.end_on IS NULL OR k.end_on >= e.d) GROUP BY 1, 2");
  collect('c', Measure::kContributions,
          "SELECT county_code, month, COUNT(*) FROM contributions WHERE month BETWEEN '2023-01' "
          "AND '2025-12'"
          " GROUP BY 1, 2");
  return out;
}

// Every non-zero SQL cell equals the cube's and the cube has no other
// non-zero county/township cell of those measures (townships: flows only).
int64_t Mismatches(const Cells& sql, const Cube& cube) {
  int64_t bad = 0, compared = 0;
  for (const auto& [key, v] : sql) {
    const auto& [level, code, m, month] = key;
    const Level l = level == 'c' ? Level::kCounty : Level::kTownship;
    auto r = cube.Find(l, code);
    const int64_t mine = r ? cube.Value(l, *r, static_cast<Measure>(m), month) : 0;
    if (mine != v && ++bad <= 5)
      std::fprintf(stderr, "mismatch %c %s %s %d: sql %lld cube %lld\n", level, code.c_str(),
                   monitor::MeasureCode(static_cast<Measure>(m)), month, static_cast<long long>(v),
                   static_cast<long long>(mine));
    ++compared;
  }
  for (Level l : {Level::kCounty, Level::kTownship}) {
    for (size_t r = 0; r < cube.codes(l).size(); ++r) {
      for (int m = 0; m < monitor::kMeasures; ++m) {
        if (l == Level::kTownship && monitor::IsStock(static_cast<Measure>(m))) continue;
        for (int k = kFirst; k < kFirst + kMonths; ++k) {
          const int64_t v = cube.Value(l, r, static_cast<Measure>(m), k);
          if (v != 0 && !sql.contains({l == Level::kCounty ? 'c' : 't', cube.codes(l)[r], m, k}))
            ++bad;
        }
      }
    }
  }
  std::fprintf(stderr, "compared %lld SQL cells with the cube: %lld mismatches\n",
               static_cast<long long>(compared), static_cast<long long>(bad));
  return bad;
}

// One day of events at the province's daily rate.
void AddDay(EventStore& s, int64_t persons, Date day, std::mt19937_64& rng) {
  const int64_t hires = persons * 115 / 100 / 4018 + 1;  // spells over 2015–2025
  const int64_t regs = persons * 15 / 100 / 1095 + 1;    // registrations over 2023–2025
  const int64_t contrib = persons / 22;                  // a month's postings over 22 working days
  const size_t nc = s.counties().size(), nt = s.townships().size();
  auto c = [&] { return static_cast<uint16_t>(rng() % nc); };
  auto t = [&] { return static_cast<uint16_t>(rng() % nt); };
  const int month = MonthKey(day);
  for (int64_t i = 0; i < hires; ++i) {
    const uint16_t k = c();
    s.Add(k, t(), day, Measure::kNewUrbanJobs, 1);
    s.Add(k, EventStore::kNoTownship, day, Measure::kEmployed, 1);
    s.Add(c(), EventStore::kNoTownship, day, Measure::kEmployed,
          -1);  // a spell ended the day before
  }
  for (int64_t i = 0; i < regs; ++i) {
    s.Add(c(), EventStore::kNoTownship, day, Measure::kUnemployed, 1);
    const uint16_t k = c();
    s.Add(k, t(), day, Measure::kReemployed, 1);
    s.Add(k, EventStore::kNoTownship, day, Measure::kUnemployed, -1);
  }
  for (int64_t i = 0; i < contrib; ++i)
    monitor::AddRun(s, c(), Measure::kContributions, month, month, false);
}

}  // namespace
}  // namespace qjy::bench

int main(int argc, char** argv) {
  using namespace qjy;
  using namespace qjy::bench;
  Args args(argc, argv);
  const int64_t persons = args.Int("--persons", 1'000'000);
  const int runs = static_cast<int>(args.Int("--runs", 5));
  const int sql_runs = static_cast<int>(args.Int("--sql-runs", 3));
  const bool with_sql = args.Int("--sql", 1) != 0;
  const int threads = static_cast<int>(args.Int("--threads", 2));
  // --drop-cache 1 (default): the event file's pages are dropped from the
  // page cache before each cold run, so the read is from the disk.
  const bool drop_cache = args.Int("--drop-cache", 1) != 0;
  const std::filesystem::path dir = args.Get("--dir", "var/bench");
  // --pg 1: the same tables and queries in the PostgreSQL of
  // $QJY_TEST_PG_URL (scripts/with-postgres.sh).
  std::unique_ptr<store::Db> pg;
  if (args.Int("--pg", 0) != 0) {
    const char* url = std::getenv("QJY_TEST_PG_URL");
    if (!url || !*url) Die("--pg 1 needs QJY_TEST_PG_URL (run through scripts/with-postgres.sh)");
    pg = Must(store::OpenDb(url), "pg open");
  }
  std::filesystem::create_directories(dir);
  const std::string tag = std::to_string(persons);
  const auto db_file = dir / ("indicators-" + tag + ".db");
  const auto ev_file = dir / ("indicators-" + tag + ".events");
  std::filesystem::remove(db_file);

  Stopwatch gen_clock;
  int64_t rows = 0;
  {
    EventStore events;
    events.Reserve(static_cast<size_t>(persons) * 6);
    std::unique_ptr<Sql> sql;
    if (with_sql) sql = std::make_unique<Sql>(db_file.string());
    Province province(persons, sql.get(), pg.get(), events);
    province.Generate();
    rows = province.rows;
    Must(events.Save(ev_file), "save events");
    std::fprintf(stderr,
                 "generated %lld persons: %zu events (%.1f MB of columns), %lld SQL rows, %.1f s\n",
                 static_cast<long long>(persons), events.size(), events.ColumnBytes() / 1e6,
                 static_cast<long long>(rows), gen_clock.Seconds());
  }

  // (a) From cold: the event file read and every cell computed.
  ResetPeakRss();
  std::vector<double> cold, compute;
  Cube cube;
  size_t n_events = 0;
  for (int r = 0; r < runs; ++r) {
    if (drop_cache) DropFromPageCache(ev_file);
    Stopwatch w;
    EventStore events = Must(EventStore::Load(ev_file), "load events");
    const double loaded = w.Seconds();
    cube = monitor::ComputeCube(events, kFirst, kMonths, threads);
    cold.push_back(w.Seconds());
    compute.push_back(w.Seconds() - loaded);
    n_events = events.size();
  }
  const int64_t fast_peak = PeakRssKb();
  char note[160];
  std::snprintf(note, sizeof note, "%zu events, %zu cells, peak RSS %.0f MB", n_events,
                cube.CellCount(), fast_peak / 1024.0);
  Report("cold_events", Median(cold), persons, runs, note);
  Report("compute_events", Median(compute), persons, runs, std::to_string(threads) + " threads");

  // (c) One day of events applied, checked against a recomputation.
  {
    EventStore events = Must(EventStore::Load(ev_file), "load events");
    Cube live = monitor::ComputeCube(events, kFirst, kMonths, threads);
    std::mt19937_64 rng(7);
    std::vector<double> times;
    size_t per_day = 0;
    for (int d = 0; d < 5; ++d) {
      const size_t before = events.size();
      AddDay(events, persons, *Date::FromYmd(2025, 11, 3 + d), rng);
      per_day = events.size() - before;
      Stopwatch w;
      monitor::ApplyEvents(live, events, before);
      times.push_back(w.Seconds());
    }
    if (!(live == monitor::ComputeCube(events, kFirst, kMonths, threads)))
      Die("incremental update != recomputation");
    Report("one_day_update", Median(times), static_cast<int64_t>(per_day), 5,
           std::to_string(per_day) + " events a day; equals a recomputation");
  }

  // (b) The same cells as SQL over the same facts.
  if (with_sql) {
    ResetPeakRss();
    Sql sql(db_file.string());
    std::vector<double> times;
    Cells cells;
    for (int r = 0; r < sql_runs; ++r) {
      Stopwatch w;
      cells = RunSql(SqliteQueries(sql), false);
      times.push_back(w.Seconds());
    }
    std::snprintf(note, sizeof note, "%lld rows; ratio %.1fx vs cold_events; peak RSS %.0f MB",
                  static_cast<long long>(rows), Median(times) / Median(cold), PeakRssKb() / 1024.0);
    Report("sql_sqlite", Median(times), rows, sql_runs, note);
    if (Mismatches(cells, cube) != 0) Die("the cube differs from SQL");
  }
  if (pg) {
    std::vector<double> times;
    Cells cells;
    for (int r = 0; r < sql_runs; ++r) {
      Stopwatch w;
      cells = RunSql(PgQueries(*pg), true);
      times.push_back(w.Seconds());
    }
    std::snprintf(note, sizeof note,
                  "%lld rows; ratio %.1fx vs cold_events (server process RSS not included)",
                  static_cast<long long>(rows), Median(times) / Median(cold));
    Report("sql_postgres", Median(times), rows, sql_runs, note);
    if (Mismatches(cells, cube) != 0) Die("the cube differs from PostgreSQL");
    Must(pg->ExecScript("DROP TABLE contracts, unemployment_registrations, separations, "
                        "person_groups, contributions"),
         "pg drop");
  }
  return 0;
}
