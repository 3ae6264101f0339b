#include "store/registry_profile.h"

namespace qjy::store {

Result<RegistryProfile> ProfileRegistry(Db& db, Date as_of) {
  RegistryProfile p;
  auto rows = db.Query("SELECT substr(county_code, 1, 4), COUNT(*) FROM persons GROUP BY 1 ORDER BY 1");
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) p.persons_by_prefecture.emplace_back(r.Text(0), r.Int(1));

  rows = db.Query("SELECT group_code, COUNT(DISTINCT person_id) FROM person_groups GROUP BY 1 ORDER BY 2 DESC, 1");
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) p.persons_by_group.emplace_back(r.Text(0), r.Int(1));

  const std::string day = as_of.ToString();
  const std::string m1 = as_of.AddMonths(-1).AddDays(-1).ToString();
  const std::string m6 = as_of.AddMonths(-6).AddDays(-1).ToString();
  const std::string m12 = as_of.AddMonths(-12).AddDays(-1).ToString();
  const std::vector<Value> when = {m1, m6, m12, day, day, day, day};
  rows = db.Query(
      "SELECT CASE WHEN cur = 1 THEN 0 WHEN last_end >= ? THEN 1 WHEN last_end >= ? THEN 2"
      " WHEN last_end >= ? THEN 3 ELSE 4 END, COUNT(*), SUM(outside) FROM ("
      " SELECT person_id,"
      "  MAX(CASE WHEN start_on <= ? AND (end_on IS NULL OR end_on >= ?) THEN 1 ELSE 0 END) AS cur,"
      "  MAX(CASE WHEN start_on <= ? AND (end_on IS NULL OR end_on >= ?) AND work_region <> ''"
      "      AND SUBSTR(work_region, 1, 2) <> '52'"
      "      THEN 1 ELSE 0 END) AS outside,"
      "  MAX(end_on) AS last_end FROM contracts GROUP BY person_id) t GROUP BY 1 ORDER BY 1",
      when);
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) {
    p.employed_outside += r.Int(2);
    switch (r.Int(0)) {
      case 0: p.employed = r.Int(1); break;
      case 1: p.ended_1m = r.Int(1); break;
      case 2: p.ended_6m = r.Int(1); break;
      case 3: p.ended_12m = r.Int(1); break;
      default: p.ended_longer = r.Int(1); break;
    }
  }

  rows = db.Query("SELECT type, size, COUNT(*) FROM employers GROUP BY 1, 2");
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) {
    p.employers_by_type[r.Text(0)] += r.Int(2);
    p.employers_by_size[r.Text(1)] += r.Int(2);
  }

  rows = db.Query("SELECT type, COUNT(*), SUM(headcount) FROM jobs GROUP BY 1 ORDER BY 1");
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) p.jobs_by_type.push_back({r.Text(0), r.Int(1), r.Int(2)});

  rows = db.Query("SELECT kind, tier, COUNT(*) FROM service_sites GROUP BY 1, 2 ORDER BY 1, 2");
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) p.sites.push_back({r.Text(0), r.Text(1), r.Int(2)});

  rows = db.Query("SELECT COUNT(DISTINCT county_code) FROM service_sites WHERE kind = 'gig_market'"
                  " AND county_code LIKE '52%'");
  if (!rows) return std::unexpected(rows.error());
  p.counties_with_gig_market = rows->at(0).Int(0);
  return p;
}

Result<FirstRecords> FirstRegistered(Db& db) {
  FirstRecords out;
  auto person = db.Query("SELECT MIN(person_id) FROM persons");
  if (!person) return std::unexpected(person.error());
  if (!person->empty() && !person->front().IsNull(0)) out.person_id = person->front().Int(0);
  auto employer = db.Query("SELECT credit_code FROM employers ORDER BY employer_id LIMIT 1");
  if (!employer) return std::unexpected(employer.error());
  if (!employer->empty()) out.employer_credit_code = employer->front().Text(0);
  return out;
}

}  // namespace qjy::store
