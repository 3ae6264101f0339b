#include "match/profile_store.h"

#include <fmt/format.h>

#include "registry/codes.h"
#include "store/migrations.h"
#include "store/registry_codec.h"

namespace qjy::match {
namespace {

using store::Value;

const std::vector<store::Migration>& Migrations() {
  static const std::vector<store::Migration> m = {
      {300, "match_profiles", R"sql(
CREATE TABLE match_profiles (
  person_id {int} PRIMARY KEY,
  county_code TEXT NOT NULL,
  desired TEXT NOT NULL,          -- JSON array of occupation codes
  skills TEXT NOT NULL,           -- JSON array of names
  education TEXT NOT NULL,
  experience_years {int} NOT NULL,
  home_county TEXT NOT NULL,
  scope TEXT NOT NULL,
  outbound TEXT NOT NULL,         -- JSON array of 2-digit province codes
  expected_wage_fen {int} NOT NULL,
  work_type TEXT,                 -- NULL = any
  available_from TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT ({now})
);
CREATE INDEX match_profiles_county ON match_profiles (county_code);
CREATE TABLE match_job_requirements (
  job_id {int} PRIMARY KEY,
  county_code TEXT NOT NULL,
  skills TEXT NOT NULL,
  min_education TEXT NOT NULL
);
CREATE INDEX match_job_requirements_county ON match_job_requirements (county_code);
)sql"}};
  return m;
}

constexpr char kProfileColumns[] =
    "person_id, county_code, desired, skills, education, experience_years, home_county, scope, outbound,"
    " expected_wage_fen, work_type, available_from";

Result<SeekerProfile> FromRow(const store::Row& r) {
  SeekerProfile p;
  p.person_id = r.Int(0);
  p.county_code = r.Text(1);
  p.desired_occupations = store::codec::ParseSkills(r.Text(2));
  p.skills = store::codec::ParseSkills(r.Text(3));
  auto edu = registry::Parse<registry::Education>(r.Text(4));
  if (!edu) return Fail(ErrorCode::kStore, fmt::format("match_profiles {}：学历代码无效", p.person_id));
  p.education = *edu;
  p.experience_years = static_cast<int>(r.Int(5));
  p.home_county = r.Text(6);
  auto scope = ParsePlaceScope(r.Text(7));
  if (!scope) return std::unexpected(scope.error());
  p.scope = *scope;
  p.outbound_provinces = store::codec::ParseSkills(r.Text(8));
  p.expected_wage_fen = r.Int(9);
  if (!r.IsNull(10)) p.work_type = registry::Parse<registry::JobType>(r.Text(10));
  auto from = Date::Parse(r.Text(11));
  if (!from) return std::unexpected(from.error());
  p.available_from = *from;
  return p;
}

}  // namespace

Result<void> ProfileStore::Migrate() { return store::ApplyMigrations(db_, Migrations()); }

Result<void> ProfileStore::SaveProfile(const SeekerProfile& p) {
  if (auto v = ValidateProfile(p); !v) return v;
  std::vector<Value> params = {p.person_id,
                               p.county_code,
                               store::codec::SkillsJson(p.desired_occupations),
                               store::codec::SkillsJson(p.skills),
                               std::string(registry::Code(p.education)),
                               int64_t{p.experience_years},
                               p.home_county,
                               std::string(PlaceScopeCode(p.scope)),
                               store::codec::SkillsJson(p.outbound_provinces),
                               p.expected_wage_fen,
                               p.work_type ? Value(std::string(registry::Code(*p.work_type))) : Value(),
                               p.available_from.ToString()};
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  std::vector<Value> key = {p.person_id};
  if (auto r = db_.Exec("DELETE FROM match_profiles WHERE person_id = ?", key); !r) return std::unexpected(r.error());
  auto r = db_.Exec(fmt::format("INSERT INTO match_profiles ({}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", kProfileColumns),
                    params);
  if (!r) return std::unexpected(r.error());
  return tx->Commit();
}

Result<std::optional<SeekerProfile>> ProfileStore::GetProfile(int64_t person_id) {
  std::vector<Value> key = {person_id};
  auto rows = db_.Query(fmt::format("SELECT {} FROM match_profiles WHERE person_id = ?", kProfileColumns), key);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<SeekerProfile>();
  auto p = FromRow(rows->front());
  if (!p) return std::unexpected(p.error());
  return std::optional<SeekerProfile>(std::move(*p));
}

Result<std::unordered_map<int64_t, SeekerProfile>> ProfileStore::AllProfiles() {
  auto rows = db_.Query(fmt::format("SELECT {} FROM match_profiles", kProfileColumns));
  if (!rows) return std::unexpected(rows.error());
  std::unordered_map<int64_t, SeekerProfile> out;
  for (const auto& row : *rows) {
    auto p = FromRow(row);
    if (!p) return std::unexpected(p.error());
    out.emplace(p->person_id, std::move(*p));
  }
  return out;
}

Result<void> ProfileStore::SaveRequirements(int64_t job_id, std::string_view county_code, const JobRequirements& r) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  std::vector<Value> key = {job_id};
  if (auto d = db_.Exec("DELETE FROM match_job_requirements WHERE job_id = ?", key); !d) return std::unexpected(d.error());
  std::vector<Value> params = {job_id, std::string(county_code), store::codec::SkillsJson(r.skills),
                               std::string(registry::Code(r.min_education))};
  auto e = db_.Exec("INSERT INTO match_job_requirements (job_id, county_code, skills, min_education) VALUES (?,?,?,?)",
                    params);
  if (!e) return std::unexpected(e.error());
  return tx->Commit();
}

Result<std::unordered_map<int64_t, JobRequirements>> ProfileStore::AllRequirements() {
  auto rows = db_.Query("SELECT job_id, skills, min_education FROM match_job_requirements");
  if (!rows) return std::unexpected(rows.error());
  std::unordered_map<int64_t, JobRequirements> out;
  for (const auto& row : *rows) {
    JobRequirements r;
    r.skills = store::codec::ParseSkills(row.Text(1));
    r.min_education = registry::Parse<registry::Education>(row.Text(2)).value_or(registry::Education::kUnknown);
    out.emplace(row.Int(0), std::move(r));
  }
  return out;
}

}  // namespace qjy::match
