#include "monitor/surveyed_rate_store.h"

#include <cstdio>

#include "monitor/monthly_sources.h"

namespace qjy::monitor {
namespace {

constexpr char kSurveyedRates[] = R"sql(
CREATE TABLE monitor_surveyed_rates (
  entry_id {id},
  region_code TEXT NOT NULL,
  month TEXT NOT NULL,
  rate_bp {int} NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  source TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL
);
CREATE INDEX monitor_surveyed_rates_region ON monitor_surveyed_rates (region_code, month, entry_id);
)sql";

const store::Migration kMigrations[] = {
    {400, "monitor_surveyed_rates", kSurveyedRates},
};

bool Digits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

}  // namespace

std::span<const store::Migration> MonitorMigrations() { return kMigrations; }

std::string SurveyedRate::Month() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

Result<void> SurveyedRateStore::Migrate() { return store::ApplyMigrations(db_, MonitorMigrations()); }

Result<void> SurveyedRateStore::Add(SurveyedRate& r) {
  if (!Digits(r.region_code) || !r.region_code.starts_with("52") ||
      (r.region_code.size() != 2 && r.region_code.size() != 4)) {
    return Fail(ErrorCode::kInvalidArgument, "调查失业率按全省（52）或市（州）（4 位代码）录入，区划代码有误：" + r.region_code);
  }
  if (r.year < 2000 || r.year > 2100 || r.month < 1 || r.month > 12) {
    return Fail(ErrorCode::kInvalidArgument, "月份无效");
  }
  if (r.rate_bp < 0 || r.rate_bp > 10000) {
    return Fail(ErrorCode::kInvalidArgument, "调查失业率须在 0—100% 之间（以万分点计，550 即 5.50%）");
  }
  if (r.source.empty()) return Fail(ErrorCode::kInvalidArgument, "须写明数据来源（如国家统计局贵州调查总队发布）");
  if (r.entered_by.empty()) return Fail(ErrorCode::kInvalidArgument, "缺少录入人");
  std::vector<store::Value> p = {r.region_code, r.Month(), r.rate_bp, r.source, r.note, r.entered_by, r.entered_at};
  auto rows = db_.Query(
      "INSERT INTO monitor_surveyed_rates (region_code, month, rate_bp, source, note, entered_by, entered_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING entry_id",
      p);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kInternal, "插入调查失业率未返回编号");
  r.entry_id = rows->front().Int(0);
  return {};
}

Result<std::vector<SurveyedRate>> SurveyedRateStore::OfRegion(std::string_view region) {
  std::vector<store::Value> p = {std::string(region)};
  auto rows = db_.Query(
      "SELECT entry_id, region_code, month, rate_bp, source, note, entered_by, entered_at"
      " FROM monitor_surveyed_rates WHERE region_code = ? ORDER BY month, entry_id",
      p);
  if (!rows) return std::unexpected(rows.error());
  std::vector<SurveyedRate> out;
  for (const store::Row& row : *rows) {
    SurveyedRate r;
    r.entry_id = row.Int(0);
    r.region_code = row.Text(1);
    const std::string month = row.Text(2);
    if (month.size() == 7) {
      r.year = std::stoi(month.substr(0, 4));
      r.month = std::stoi(month.substr(5, 2));
    }
    r.rate_bp = row.Int(3);
    r.source = row.Text(4);
    r.note = row.Text(5);
    r.entered_by = row.Text(6);
    r.entered_at = row.Text(7);
    out.push_back(std::move(r));
  }
  return out;
}

std::map<int, SurveyedRate> LatestPerMonth(const std::vector<SurveyedRate>& rows) {
  std::map<int, SurveyedRate> out;
  for (const auto& r : rows) {
    auto& slot = out[MonthKey(r.year, r.month)];
    if (r.entry_id >= slot.entry_id) slot = r;
  }
  return out;
}

}  // namespace qjy::monitor
