#include "match/load.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "match/profile_store.h"
#include "registry/codes.h"
#include "store/registry_codec.h"

namespace qjy::match {

const char kJobColumns[] =
    "job_id, county_code, employer_credit_code, title, occupation_code, headcount, wage_min_fen, wage_max_fen,"
    " place_region, type, requirements, open_on, close_on";

Result<registry::Job> JobFromRow(const store::Row& r) {
  registry::Job j;
  j.job_id = r.Int(0);
  j.county_code = r.Text(1);
  j.employer_credit_code = r.Text(2);
  j.title = r.Text(3);
  j.occupation_code = r.Text(4);
  j.headcount = static_cast<int>(r.Int(5));
  j.wage_min_fen = r.Int(6);
  j.wage_max_fen = r.Int(7);
  j.place_region = r.Text(8);
  j.type = registry::Parse<registry::JobType>(r.Text(9)).value_or(registry::JobType::kFullTime);
  j.requirements = r.Text(10);
  auto open = Date::Parse(r.Text(11));
  if (!open) return std::unexpected(open.error());
  j.open_on = *open;
  if (!r.IsNull(12)) {
    auto close = Date::Parse(r.Text(12));
    if (!close) return std::unexpected(close.error());
    j.close_on = *close;
  }
  return j;
}

Result<std::vector<JobIndex>> AddJobsOpenToday(store::Db& db, MatchIndex& index, size_t* rejected) {
  const std::string today = index.today().ToString();
  ProfileStore profiles(db);
  auto reqs = profiles.AllRequirements();
  if (!reqs) return std::unexpected(reqs.error());
  std::vector<store::Value> window = {today, today};
  auto jobs = db.Query(std::string("SELECT ") + kJobColumns +
                           " FROM jobs WHERE open_on <= ? AND (close_on IS NULL OR close_on >= ?) ORDER BY job_id",
                       window);
  if (!jobs) return std::unexpected(jobs.error());
  std::vector<JobIndex> added;
  for (const auto& row : *jobs) {
    auto job = JobFromRow(row);
    if (!job) return std::unexpected(job.error());
    if (index.FindJob(job->job_id)) continue;
    auto it = reqs->find(job->job_id);
    auto r = it != reqs->end() ? index.UpsertJob(*job, it->second) : index.UpsertJob(*job);
    if (r) added.push_back(*r);
    else if (rejected) ++*rejected;
  }
  return added;
}

Result<LoadStats> LoadIndex(store::Db& db, MatchIndex& index, const LoadOptions& options) {
  auto stopped = [&options]() -> Result<void> {
    if (options.stop != nullptr && options.stop->load()) return Fail(ErrorCode::kIo, "匹配索引加载已停止");
    return {};
  };
  LoadStats stats;
  if (auto s = stopped(); !s) return std::unexpected(s.error());
  auto jobs = AddJobsOpenToday(db, index, &stats.jobs_rejected);
  if (!jobs) return std::unexpected(jobs.error());
  stats.jobs = jobs->size();
  ProfileStore profiles(db);

  // Without `all_persons` only the registered unemployed and the persons
  // with a stored profile are read (a province's registry is tens of
  // millions of persons; the server loads this index at start).
  constexpr std::string_view kRegistered =
      "SELECT person_id FROM unemployment_registrations WHERE status = 'open' AND kind = 'unemployed'";
  std::unordered_set<int64_t> registered;
  if (auto s = stopped(); !s) return std::unexpected(s.error());
  auto reg_rows = db.Query(kRegistered);
  if (reg_rows) {
    for (const auto& r : *reg_rows) registered.insert(r.Int(0));
  }
  if (auto s = stopped(); !s) return std::unexpected(s.error());
  auto stored = profiles.AllProfiles();
  if (!stored) return std::unexpected(stored.error());
  stats.stored_profiles = stored->size();

  std::string wanted;  // "" = every person
  if (!options.all_persons) {
    wanted = " WHERE person_id IN (SELECT person_id FROM match_profiles";
    if (reg_rows) wanted += std::string(" UNION ") + std::string(kRegistered);
    wanted += ")";
  }
  std::unordered_map<int64_t, std::vector<std::string>> certs;
  if (options.all_persons || (reg_rows && !registered.empty())) {
    std::string sql = "SELECT person_id, name FROM person_certificates";
    // Only a registered person without a stored profile has its profile
    // derived (and so needs its certificates) unless all_persons.
    if (!options.all_persons) sql += std::string(" WHERE person_id IN (") + std::string(kRegistered) + ")";
    if (auto s = stopped(); !s) return std::unexpected(s.error());
    auto rows = db.Query(sql + " ORDER BY person_id, seq");
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) certs[r.Int(0)].push_back(r.Text(1));
  }
  if (auto s = stopped(); !s) return std::unexpected(s.error());
  auto persons = db.Query("SELECT person_id, county_code, residence_region, education, skills FROM persons" + wanted +
                          " ORDER BY person_id");
  if (!persons) return std::unexpected(persons.error());
  // Two passes: registered unemployed first, then the others.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& r : *persons) {
      const int64_t id = r.Int(0);
      const bool reg = registered.contains(id);
      if (reg != (pass == 0)) continue;
      auto sp = stored->find(id);
      SeekerProfile profile;
      if (sp != stored->end()) {
        profile = sp->second;
      } else if (reg || options.all_persons) {
        registry::Person p;
        p.person_id = id;
        p.county_code = r.Text(1);
        p.residence_region = r.Text(2);
        p.education = registry::Parse<registry::Education>(r.Text(3)).value_or(registry::Education::kUnknown);
        p.skills = store::codec::ParseSkills(r.Text(4));
        if (auto c = certs.find(id); c != certs.end()) {
          for (const auto& name : c->second) p.certificates.push_back({name, 0, {}});
        }
        profile = DeriveProfile(p, index.today());
      } else {
        continue;
      }
      profile.registered_unemployed = reg;
      if (index.UpsertSeeker(profile)) {
        ++stats.seekers;
        if (reg) ++stats.registered;
      }
    }
  }
  return stats;
}

}  // namespace qjy::match
