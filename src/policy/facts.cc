#include "policy/facts.h"

namespace qjy::policy {
namespace {
const std::vector<uint32_t> kNone;

template <class Map, class Key>
const std::vector<uint32_t>& Lookup(const Map& m, const Key& k) {
  auto it = m.find(k);
  return it == m.end() ? kNone : it->second;
}
}  // namespace

void World::Index() {
  person_index_.clear();
  employer_index_.clear();
  contracts_of_person_.clear();
  contracts_of_employer_.clear();
  registrations_of_.clear();
  internships_of_.clear();
  ventures_of_.clear();
  placements_of_.clear();
  ui_months_.clear();
  person_index_.reserve(persons.size());
  for (uint32_t i = 0; i < persons.size(); ++i) person_index_[persons[i].person_id] = i;
  for (uint32_t i = 0; i < employers.size(); ++i) employer_index_[employers[i].credit_code] = i;
  contracts_of_person_.reserve(persons.size());
  for (uint32_t i = 0; i < contracts.size(); ++i) {
    contracts_of_person_[contracts[i].person_id].push_back(i);
    contracts_of_employer_[contracts[i].employer_credit_code].push_back(i);
  }
  for (uint32_t i = 0; i < registrations.size(); ++i) registrations_of_[registrations[i].person_id].push_back(i);
  for (uint32_t i = 0; i < internships.size(); ++i) internships_of_[internships[i].host_credit_code].push_back(i);
  for (uint32_t i = 0; i < ventures.size(); ++i) ventures_of_[ventures[i].person_id].push_back(i);
  for (uint32_t i = 0; i < placements.size(); ++i) placements_of_[placements[i].agency_credit_code].push_back(i);
  for (const auto& f : insurance) ui_months_[f.person_id] = f.ui_months;
}

const registry::Person* World::Person(int64_t id) const {
  auto it = person_index_.find(id);
  return it == person_index_.end() ? nullptr : &persons[it->second];
}
const registry::Employer* World::Employer(const std::string& code) const {
  auto it = employer_index_.find(code);
  return it == employer_index_.end() ? nullptr : &employers[it->second];
}
const std::vector<uint32_t>& World::ContractsOfPerson(int64_t id) const { return Lookup(contracts_of_person_, id); }
const std::vector<uint32_t>& World::ContractsOfEmployer(const std::string& code) const {
  return Lookup(contracts_of_employer_, code);
}
const std::vector<uint32_t>& World::RegistrationsOf(int64_t id) const { return Lookup(registrations_of_, id); }
const std::vector<uint32_t>& World::InternshipsOfHost(const std::string& code) const {
  return Lookup(internships_of_, code);
}
const std::vector<uint32_t>& World::VenturesOf(int64_t id) const { return Lookup(ventures_of_, id); }
const std::vector<uint32_t>& World::PlacementsOfAgency(const std::string& code) const {
  return Lookup(placements_of_, code);
}
std::optional<int> World::UiMonths(int64_t id) const {
  auto it = ui_months_.find(id);
  if (it == ui_months_.end()) return std::nullopt;
  return it->second;
}

}  // namespace qjy::policy
