#include "training/training_stats.h"

#include <map>

namespace qjy::training {

using store::Value;

Result<std::set<int64_t>> EmployedAfterTraining(store::Db& db, const policy::ParameterSet& params,
                                                const std::string& region, int64_t course_id) {
  std::string sql =
      "SELECT e.enrolment_id, e.county_code, e.completed_on, c.start_on FROM training_enrolments e JOIN contracts c "
      "ON c.person_id = e.person_id WHERE e.county_code LIKE ? AND e.status = 'completed' AND (c.end_on IS NULL OR "
      "c.end_on >= e.completed_on)";
  std::vector<Value> args = {region + "%"};
  if (course_id != 0) {
    sql += " AND e.course_id = ?";
    args.push_back(course_id);
  }
  auto rows = db.Query(sql, args);
  if (!rows) return std::unexpected(rows.error());
  std::set<int64_t> out;
  for (const auto& r : *rows) {
    auto done = Date::Parse(r.Text(2));
    auto start = Date::Parse(r.Text(3));
    if (!done || !start) continue;
    auto months = params.ValueAt("training.employment_window_months", *done, r.Text(1));
    if (!months) continue;
    if (*start <= done->AddMonths(static_cast<int>(*months))) out.insert(r.Int(0));
  }
  return out;
}

Result<std::vector<CourseStats>> CourseStatsOf(store::Db& db, const policy::ParameterSet& params,
                                               const std::string& region, int limit) {
  CourseFilter f;
  f.region = region;
  f.limit = limit;
  auto courses = TrainingStore(db).Courses(f);
  if (!courses) return std::unexpected(courses.error());
  std::map<int64_t, CourseStats> by_id;
  for (const auto& c : *courses) by_id[c.course_id].course = c;
  auto counts = db.Query(
      "SELECT course_id, SUM(CASE WHEN status <> 'withdrawn' THEN 1 ELSE 0 END), SUM(CASE WHEN status = "
      "'completed' THEN 1 ELSE 0 END), SUM(CASE WHEN cert_kind <> '' THEN 1 ELSE 0 END), SUM(CASE WHEN status = "
      "'withdrawn' THEN 1 ELSE 0 END) FROM training_enrolments WHERE county_code LIKE ? "
      "GROUP BY course_id",
      std::vector<Value>{region + "%"});
  if (!counts) return std::unexpected(counts.error());
  for (const auto& r : *counts) {
    auto it = by_id.find(r.Int(0));
    if (it == by_id.end()) continue;
    it->second.enrolled = r.Int(1);
    it->second.completed = r.Int(2);
    it->second.certified = r.Int(3);
    it->second.withdrawn = r.Int(4);
  }
  auto paid = db.Query(
      "SELECT course_id, SUM(amount_fen) FROM training_subsidies WHERE county_code LIKE ? GROUP BY course_id",
      std::vector<Value>{region + "%"});
  if (!paid) return std::unexpected(paid.error());
  for (const auto& r : *paid) {
    if (auto it = by_id.find(r.Int(0)); it != by_id.end()) it->second.subsidy_fen = r.Int(1);
  }
  auto employed = EmployedAfterTraining(db, params, region);
  if (!employed) return std::unexpected(employed.error());
  if (!employed->empty()) {
    auto owners = db.Query("SELECT enrolment_id, course_id FROM training_enrolments WHERE county_code LIKE ? AND "
                           "status = 'completed'",
                           std::vector<Value>{region + "%"});
    if (!owners) return std::unexpected(owners.error());
    for (const auto& r : *owners) {
      if (!employed->contains(r.Int(0))) continue;
      if (auto it = by_id.find(r.Int(1)); it != by_id.end()) ++it->second.employed;
    }
  }
  std::vector<CourseStats> out;
  for (auto& [id, s] : by_id) out.push_back(std::move(s));
  return out;
}

nlohmann::json CourseStatsJson(const CourseStats& s) {
  nlohmann::json j = CourseJson(s.course);
  j["enrolled"] = s.enrolled;
  j["completed"] = s.completed;
  j["certified"] = s.certified;
  j["withdrawn"] = s.withdrawn;
  j["employed"] = s.employed;
  j["subsidy_fen"] = s.subsidy_fen;
  return j;
}

}  // namespace qjy::training
