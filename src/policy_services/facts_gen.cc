#include "policy_services/facts_gen.h"

#include <map>
#include <random>
#include <string>
#include <vector>

#include "registry/place.h"

namespace qjy::policy_services {
namespace {

using registry::EmployerType;
using registry::Group;

bool Has(const registry::Person& p, Group g) {
  for (const auto& m : p.groups) {
    if (m.group == g) return true;
  }
  return false;
}

}  // namespace

Result<policy::FactsStore::Counts> GenerateFacts(store::Db& db, store::RegistryStore& registry, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto below = [&](uint64_t n) { return static_cast<int64_t>(rng() % n); };
  // Employers by county: enterprises (hosts), agencies (HR agencies and
  // cooperatives), and the firms a founder may have started.
  std::map<std::string, std::vector<std::string>> hosts, agencies;
  std::vector<std::string> all_hosts;
  std::vector<registry::Employer> startups;
  if (auto r = registry.ForEachEmployer([&](const registry::Employer& e) {
        if (e.type == EmployerType::kEnterprise) {
          hosts[e.county_code].push_back(e.credit_code);
          all_hosts.push_back(e.credit_code);
        }
        if (e.type == EmployerType::kHrAgency || e.type == EmployerType::kCooperative ||
            e.type == EmployerType::kLabourBroker) {
          agencies[e.county_code].push_back(e.credit_code);
        }
        if (e.type == EmployerType::kIndividualBusiness ||
            (e.type == EmployerType::kEnterprise &&
             (e.size == registry::SizeClass::kSmall || e.size == registry::SizeClass::kMicro))) {
          startups.push_back(e);
        }
      });
      !r) {
    return std::unexpected(r.error());
  }
  // Persons: graduates (internships), founders by county, rural labour.
  std::vector<policy::Internship> internships;
  std::vector<std::string> internship_county;
  std::map<std::string, std::vector<std::pair<int64_t, Date>>> people_by_county;  // id, birth
  struct Rural {
    std::string county, home;  // owning county; household registration
  };
  std::map<int64_t, Rural> rural_county;
  const Date from2021 = *Date::FromYmd(2021, 1, 1);
  std::map<std::string, std::string> host_county;
  if (auto r = registry.ForEachEmployer([&](const registry::Employer& e) {
        if (e.type == EmployerType::kEnterprise) host_county[e.credit_code] = e.county_code;
      });
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = registry.ForEachPerson([&](const registry::Person& p) {
        if (people_by_county[p.county_code].size() < 5000) people_by_county[p.county_code].push_back({p.person_id, p.birth_date});
        if (Has(p, Group::kRuralLabour) || Has(p, Group::kPovertyAlleviated) || Has(p, Group::kReturnedRuralLabour)) {
          rural_county[p.person_id] = {p.county_code, std::string(registry::HomeRegion(p))};
        }
        if (!Has(p, Group::kCollegeGraduate) || !p.school_left_on || *p.school_left_on < from2021 || below(8) != 0) {
          return;
        }
        const auto& local = hosts[p.county_code];
        const auto& pool = local.empty() ? all_hosts : local;
        if (pool.empty()) return;
        policy::Internship in;
        in.person_id = p.person_id;
        in.host_credit_code = pool[below(pool.size())];
        in.start_on = p.school_left_on->AddDays(static_cast<int>(below(180)));
        in.end_on = in.start_on.AddMonths(3 + static_cast<int>(below(10))).AddDays(-1);
        if (below(100) < 55) {
          const int span = in.end_on.days() - in.start_on.days();
          in.retained_on = in.start_on.AddDays(30 + static_cast<int>(below(std::max(1, span - 29))));
          if (*in.retained_on > in.end_on) in.retained_on = in.end_on;
        }
        internship_county.push_back(host_county[in.host_credit_code]);
        internships.push_back(std::move(in));
      });
      !r) {
    return std::unexpected(r.error());
  }
  std::vector<policy::Venture> ventures;
  std::vector<std::string> venture_county;
  for (const auto& e : startups) {
    if (below(3) != 0) continue;
    const auto& people = people_by_county[e.county_code];
    if (people.empty()) continue;
    const Date founded = *Date::FromYmd(2019, 1, 1);
    const Date on = founded.AddDays(static_cast<int>(below(6 * 365)));
    for (int tries = 0; tries < 20; ++tries) {
      const auto& [id, birth] = people[below(people.size())];
      const int age = on.YearsSince(birth);
      if (age < 20 || age > 55) continue;
      ventures.push_back({id, e.credit_code, on, below(10) != 0});
      venture_county.push_back(e.county_code);
      break;
    }
  }
  std::vector<policy::Placement> placements;
  std::vector<std::string> placement_county;
  if (auto r = registry.ForEachContract([&](const registry::Contract& c) {
        if (c.start_on < from2021) return;
        auto it = rural_county.find(c.person_id);
        if (it == rural_county.end()) return;
        // Outbound work: the place of work against the household registration.
        const auto place = registry::ClassifyWorkPlace(it->second.home, c.work_region);
        if (place != registry::WorkPlace::kCrossCounty && place != registry::WorkPlace::kCrossProvince) return;
        if (below(5) != 0) return;
        const auto& pool = agencies[it->second.county];
        if (pool.empty()) return;
        placements.push_back({pool[below(pool.size())], c.person_id, c.start_on});
        placement_county.push_back(it->second.county);
      });
      !r) {
    return std::unexpected(r.error());
  }

  policy::FactsStore facts(db);
  if (auto r = facts.Migrate(); !r) return std::unexpected(r.error());
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  constexpr char kActor[] = "gen";
  for (size_t i = 0; i < internships.size(); ++i) {
    if (auto r = facts.PutInternship(internships[i], internship_county[i], kActor); !r) return std::unexpected(r.error());
  }
  for (size_t i = 0; i < ventures.size(); ++i) {
    if (auto r = facts.PutVenture(ventures[i], venture_county[i], kActor); !r) return std::unexpected(r.error());
  }
  for (size_t i = 0; i < placements.size(); ++i) {
    if (auto r = facts.PutPlacement(placements[i], placement_county[i], kActor); !r) return std::unexpected(r.error());
  }
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  return policy::FactsStore::Counts{static_cast<int64_t>(internships.size()), static_cast<int64_t>(ventures.size()),
                                    static_cast<int64_t>(placements.size())};
}

}  // namespace qjy::policy_services
