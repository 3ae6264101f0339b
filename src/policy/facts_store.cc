#include "policy/facts_store.h"

#include <algorithm>
#include <vector>

#include "policy/ledger_schema.h"

namespace qjy::policy {
namespace {

using store::Value;

Value DateValue(const std::optional<Date>& d) { return d ? Value{d->ToString()} : Value{}; }

std::optional<Date> DateOf(const store::Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  auto d = Date::Parse(r.Text(i));
  if (!d) return std::nullopt;
  return *d;
}

Result<void> CheckCommon(int64_t person_id, std::string_view code, std::string_view county, const char* what) {
  if (person_id <= 0) return Fail(ErrorCode::kInvalidArgument, std::string(what) + "：人员编号无效");
  if (code.empty()) return Fail(ErrorCode::kInvalidArgument, std::string(what) + "：单位代码为空");
  if (county.size() != 6 || !std::all_of(county.begin(), county.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + "：县级区划代码须为6位数字：" + std::string(county));
  }
  return {};
}

// "col IN (?, ?, ...)" for n values.
std::string InList(const char* col, size_t n) {
  std::string s = std::string(col) + " IN (";
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s + ")";
}

}  // namespace

Result<void> FactsStore::Migrate() { return MigratePolicy(db_); }

Result<void> FactsStore::PutInternship(const Internship& in, std::string_view county, std::string_view actor) {
  if (auto r = CheckCommon(in.person_id, in.host_credit_code, county, "见习记录"); !r) return r;
  if (in.end_on < in.start_on) return Fail(ErrorCode::kInvalidArgument, "见习记录：见习结束日期早于开始日期");
  if (in.retained_on && *in.retained_on < in.start_on) {
    return Fail(ErrorCode::kInvalidArgument, "见习记录：留用日期早于见习开始日期");
  }
  auto r = db_.Exec(
      "INSERT INTO policy_internships (county_code, person_id, host_code, start_on, end_on, retained_on, recorded_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, host_code, start_on) DO UPDATE SET "
      "county_code = excluded.county_code, end_on = excluded.end_on, retained_on = excluded.retained_on, "
      "recorded_by = excluded.recorded_by",
      std::vector<Value>{std::string(county), in.person_id, in.host_credit_code, in.start_on.ToString(),
                         in.end_on.ToString(), DateValue(in.retained_on), std::string(actor)});
  if (!r) return std::unexpected(r.error());
  return {};
}

Result<void> FactsStore::PutVenture(const Venture& v, std::string_view county, std::string_view actor) {
  if (auto r = CheckCommon(v.person_id, v.credit_code, county, "创业记录"); !r) return r;
  auto r = db_.Exec(
      "INSERT INTO policy_ventures (county_code, person_id, credit_code, founded_on, first_time, recorded_by) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, credit_code) DO UPDATE SET "
      "county_code = excluded.county_code, founded_on = excluded.founded_on, first_time = excluded.first_time, "
      "recorded_by = excluded.recorded_by",
      std::vector<Value>{std::string(county), v.person_id, v.credit_code, v.founded_on.ToString(),
                         int64_t{v.first_time ? 1 : 0}, std::string(actor)});
  if (!r) return std::unexpected(r.error());
  return {};
}

Result<void> FactsStore::PutPlacement(const Placement& p, std::string_view county, std::string_view actor) {
  if (auto r = CheckCommon(p.person_id, p.agency_credit_code, county, "外出务工组织记录"); !r) return r;
  auto r = db_.Exec(
      "INSERT INTO policy_placements (county_code, agency_code, person_id, start_on, recorded_by) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (agency_code, person_id, start_on) DO UPDATE SET "
      "county_code = excluded.county_code, recorded_by = excluded.recorded_by",
      std::vector<Value>{std::string(county), p.agency_credit_code, p.person_id, p.start_on.ToString(),
                         std::string(actor)});
  if (!r) return std::unexpected(r.error());
  return {};
}

// which: 1 internships, 2 ventures, 4 placements; `where` per table.
Result<void> FactsStore::Load(const std::string& where_tpl, const std::vector<Value>& params, World& w, int which) {
  // where_tpl names the column as {code} (host/credit/agency) or person_id.
  auto where = [&](const char* code_col) {
    std::string s = where_tpl;
    for (size_t pos; (pos = s.find("{code}")) != std::string::npos;) s.replace(pos, 6, code_col);
    return s.empty() ? std::string() : " WHERE " + s;
  };
  if (which & 1) {
    auto rows = db_.Query("SELECT person_id, host_code, start_on, end_on, retained_on FROM policy_internships" +
                              where("host_code") + " ORDER BY internship_id",
                          params);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) {
      Internship in;
      in.person_id = r.Int(0);
      in.host_credit_code = r.Text(1);
      auto s = DateOf(r, 2), e = DateOf(r, 3);
      if (!s || !e) return Fail(ErrorCode::kInternal, "见习记录日期无法解析");
      in.start_on = *s;
      in.end_on = *e;
      in.retained_on = DateOf(r, 4);
      w.internships.push_back(std::move(in));
    }
  }
  if (which & 2) {
    auto rows = db_.Query("SELECT person_id, credit_code, founded_on, first_time FROM policy_ventures" +
                              where("credit_code") + " ORDER BY venture_id",
                          params);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) {
      Venture v;
      v.person_id = r.Int(0);
      v.credit_code = r.Text(1);
      auto f = DateOf(r, 2);
      if (!f) return Fail(ErrorCode::kInternal, "创业记录日期无法解析");
      v.founded_on = *f;
      v.first_time = r.Int(3) != 0;
      w.ventures.push_back(std::move(v));
    }
  }
  if (which & 4) {
    auto rows = db_.Query("SELECT agency_code, person_id, start_on FROM policy_placements" + where("agency_code") +
                              " ORDER BY placement_id",
                          params);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) {
      Placement p;
      p.agency_credit_code = r.Text(0);
      p.person_id = r.Int(1);
      auto s = DateOf(r, 2);
      if (!s) return Fail(ErrorCode::kInternal, "外出务工组织记录日期无法解析");
      p.start_on = *s;
      w.placements.push_back(std::move(p));
    }
  }
  return {};
}

Result<void> FactsStore::LoadAll(World& w) { return Load("", {}, w, 7); }

Result<void> FactsStore::LoadForPersons(std::span<const int64_t> person_ids, World& w) {
  if (person_ids.empty()) return {};
  std::vector<Value> params(person_ids.begin(), person_ids.end());
  return Load(InList("person_id", person_ids.size()), params, w, 7);
}

Result<void> FactsStore::LoadForEmployer(const std::string& credit_code, World& w) {
  return Load("{code} = ?", {credit_code}, w, 7);
}

Result<void> FactsStore::LoadForCounty(std::string_view county, World& w) {
  const std::string one(county);
  return LoadForCounties(std::span<const std::string>(&one, 1), w);
}

Result<void> FactsStore::LoadForCounties(std::span<const std::string> counties, World& w) {
  const std::vector<Value> p(counties.begin(), counties.end());
  std::string in = "(";
  for (size_t i = 0; i < p.size(); ++i) in += i == 0 ? "?" : ", ?";
  in += ")";
  if (auto r = Load("{code} IN (SELECT credit_code FROM employers WHERE county_code IN " + in + ")", p, w, 1 | 4); !r) {
    return r;
  }
  return Load("person_id IN (SELECT person_id FROM persons WHERE county_code IN " + in + ")", p, w, 2);
}

Result<FactsStore::Counts> FactsStore::Count(std::string_view prefix) {
  Counts c;
  const std::vector<Value> p{std::string(prefix) + "%"};
  for (auto [table, out] : {std::pair{"policy_internships", &c.internships}, std::pair{"policy_ventures", &c.ventures},
                            std::pair{"policy_placements", &c.placements}}) {
    auto rows = db_.Query(std::string("SELECT COUNT(*) FROM ") + table + " WHERE county_code LIKE ?", p);
    if (!rows) return std::unexpected(rows.error());
    *out = rows->front().Int(0);
  }
  return c;
}

}  // namespace qjy::policy
