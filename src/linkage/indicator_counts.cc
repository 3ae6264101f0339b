#include "linkage/indicator_counts.h"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

namespace qjy::linkage {
namespace {

using store::Value;

template <class T>
std::unexpected<Error> IndicatorCountsErr(const Result<T>& r) {
  return std::unexpected(r.error());
}

bool IsMonth(const std::string& m) {
  if (m.size() != 7 || m[4] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u}) {
    if (m[i] < '0' || m[i] > '9') return false;
  }
  const int mm = (m[5] - '0') * 10 + (m[6] - '0');
  return mm >= 1 && mm <= 12;
}

// "YYYY-MM" of the month after `m` (a valid month).
std::string NextMonth(const std::string& m) {
  int y = std::stoi(m.substr(0, 4));
  int mm = std::stoi(m.substr(5, 2)) + 1;
  if (mm > 12) {
    mm = 1;
    ++y;
  }
  return fmt::format("{:04d}-{:02d}", y, mm);
}

Result<bool> HasServiceRecords(store::Db& db) {
  auto n = db.Query(db.dialect() == store::Dialect::kPostgres
                        ? "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = 'service_records'"
                          " AND schemaname = current_schema()"
                        : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'service_records'");
  if (!n) return IndicatorCountsErr(n);
  return n->at(0).Int(0) > 0;
}

}  // namespace

Result<std::vector<LinkageMonthCounts>> LinkageIndicatorCounts(store::Db& db, std::string scope,
                                                               const std::string& first_month,
                                                               const std::string& last_month,
                                                               const FollowupPolicy& policy,
                                                               const services::WorkdayIndex& workdays, Date as_of) {
  if (!IsMonth(first_month) || !IsMonth(last_month) || last_month < first_month) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("月份：「{}」至「{}」不是有效的月份范围（YYYY-MM）",
                                                         first_month, last_month));
  }
  if (scope.size() > 6) scope.resize(6);  // county tasks: a township reads its county
  const std::string like = scope + "%";
  const std::string end = NextMonth(last_month);
  std::map<std::pair<std::string, std::string>, LinkageMonthCounts> cells;  // (county, month)
  auto cell = [&](const std::string& county, const std::string& month) -> LinkageMonthCounts& {
    LinkageMonthCounts& c = cells[{county, month}];
    c.county_code = county;
    c.month = month;
    return c;
  };

  // Outbound workers: each person (cluster) of a month by its latest record.
  {
    const std::vector<Value> p = {like, first_month, end};
    auto rows = db.Query(
        "SELECT county_code, cluster_id, status, insured_months, created_at FROM linkage_records"
        " WHERE county_code LIKE ? AND created_at >= ? AND created_at < ? AND cluster_id <> 0"
        " ORDER BY record_id",
        p);
    if (!rows) return IndicatorCountsErr(rows);
    struct Latest {
      std::string county, status;
      int64_t insured = -1;
    };
    std::map<std::pair<std::string, int64_t>, Latest> latest;  // (month, cluster)
    for (const auto& r : *rows) {
      latest[{r.Text(4).substr(0, 7), r.Int(1)}] = {r.Text(0), r.Text(2), r.Int(3)};
    }
    for (const auto& [key, l] : latest) {
      LinkageMonthCounts& c = cell(l.county, key.first);
      ++c.workers;
      if (!l.status.empty()) {
        const PartnerState st = ReadStatus(policy, l.status);
        c.employed = c.employed.value_or(0) + st.employed;
        c.unemployed = c.unemployed.value_or(0) + st.unemployed;
        c.returned = c.returned.value_or(0) + st.returned;
      }
      if (l.insured >= 0) {
        c.insured = c.insured.value_or(0) + (l.insured > 0);
      }
    }
  }

  // Return follow-ups by the month they started.
  {
    auto services = HasServiceRecords(db);
    if (!services) return IndicatorCountsErr(services);
    const std::string first_service =
        *services ? "(SELECT MIN(s.delivered_on) FROM service_records s WHERE s.person_id = f.person_id"
                    " AND s.delivered_on >= f.start_on AND s.delivered_on <= ?)"
                  : "''";
    std::vector<Value> p;
    if (*services) p.push_back(as_of.ToString());
    p.insert(p.end(), {like, first_month + "-01", end + "-01"});
    auto rows = db.Query(fmt::format("SELECT f.county_code, f.start_on, f.closed_on, {} FROM linkage_followups f"
                                     " WHERE f.county_code LIKE ? AND f.start_on >= ? AND f.start_on < ?",
                                     first_service),
                         p);
    if (!rows) return IndicatorCountsErr(rows);
    for (const auto& r : *rows) {
      auto start = Date::Parse(r.Text(1));
      if (!start) return Fail(ErrorCode::kStore, fmt::format("跟踪服务的开始日期无法读取：{}", r.Text(1)));
      if (*start > as_of) continue;
      std::optional<Date> done;
      for (const std::string& t : {r.Text(2), r.Text(3)}) {
        if (t.empty()) continue;
        auto d = Date::Parse(t.substr(0, 10));
        if (!d) return Fail(ErrorCode::kStore, fmt::format("跟踪服务的办结或服务日期无法读取：{}", t));
        if (*d > as_of) continue;
        if (!done || *d < *done) done = *d;
      }
      auto deadline = workdays.AddWorkingDays(*start, policy.working_days);
      if (!deadline) return IndicatorCountsErr(deadline);
      LinkageMonthCounts& c = cell(r.Text(0), r.Text(1).substr(0, 7));
      ++c.followups;
      if (done) {
        ++(*done <= *deadline ? c.done_in_time : c.done_late);
      } else {
        ++(as_of > *deadline ? c.open_overdue : c.open_pending);
      }
    }
  }

  // Ledger flags by their month, open and closed.
  {
    const std::vector<Value> p = {like, first_month, last_month};
    auto rows = db.Query(
        "SELECT county_code, month, kind, CASE WHEN outcome <> '' THEN 1 ELSE 0 END AS closed, COUNT(*)"
        " FROM linkage_flags WHERE county_code LIKE ? AND month >= ? AND month <= ?"
        " GROUP BY county_code, month, kind, CASE WHEN outcome <> '' THEN 1 ELSE 0 END",
        p);
    if (!rows) return IndicatorCountsErr(rows);
    for (const auto& r : *rows) {
      LinkageMonthCounts& c = cell(r.Text(0), r.Text(1));
      const bool closed = r.Int(3) != 0;
      const int64_t n = r.Int(4);
      if (r.Text(2) == "poverty_unemployed") {
        c.poverty_flags += n;
        if (closed) c.poverty_closed += n;
      } else if (r.Text(2) == "benefit_employed") {
        c.benefit_flags += n;
        if (closed) c.benefit_closed += n;
      }
    }
  }

  std::vector<LinkageMonthCounts> out;
  out.reserve(cells.size());
  for (auto& [k, v] : cells) out.push_back(std::move(v));
  return out;
}

}  // namespace qjy::linkage
