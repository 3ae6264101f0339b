#include "policy/facts.h"

#include <algorithm>
#include <unordered_set>

#include "registry/place.h"

namespace qjy::policy {
namespace {
const std::vector<uint32_t> kNone;
constexpr uint8_t kHasCertificates = 1, kHasVentures = 2;

uint8_t FlagsOf(const registry::Contract& c, registry::WorkPlace place) {
  return (place == registry::WorkPlace::kCrossCounty ? World::kCrossCounty : 0) |
         (place == registry::WorkPlace::kCrossProvince ? World::kCrossProvince : 0) |
         (c.flexible ? World::kFlexible : 0) | (c.new_form ? World::kNewForm : 0);
}

template <class Map, class Key>
const std::vector<uint32_t>& Lookup(const Map& m, const Key& k) {
  if (m.empty()) return kNone;  // no hashing when a kind of fact is absent
  auto it = m.find(k);
  return it == m.end() ? kNone : it->second;
}
}  // namespace

Result<void> RegistrationSource::ForEachOf(std::span<const int64_t> person_ids,
                                           const std::function<void(const Registration&)>& fn) {
  return ForEach([&](const Registration& r) {
    if (std::find(person_ids.begin(), person_ids.end(), r.person_id) != person_ids.end()) fn(r);
  });
}

Result<void> RegistrationSource::ForEachOfMany(std::span<const int64_t> person_ids,
                                               const std::function<void(const Registration&)>& fn) {
  const std::unordered_set<int64_t> wanted(person_ids.begin(), person_ids.end());
  return ForEach([&](const Registration& r) {
    if (wanted.contains(r.person_id)) fn(r);
  });
}

void World::Index() {
  person_index_.clear();
  employer_index_.clear();
  contracts_of_person_.clear();
  contracts_of_employer_.clear();
  registrations_of_.clear();
  internships_of_.clear();
  ventures_of_.clear();
  placements_of_.clear();
  workshops_of_.clear();
  recognition_of_.clear();
  insurance_of_.clear();
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
  for (uint32_t i = 0; i < recognitions.size(); ++i) recognition_of_[recognitions[i].site_id] = i;
  for (uint32_t i = 0; i < workshops.size(); ++i) workshops_of_[workshops[i].operator_credit_code].push_back(i);
  for (uint32_t i = 0; i < insurance.size(); ++i) insurance_of_[insurance[i].person_id].push_back(i);

  person_groups_ever_.assign(persons.size(), 0);
  person_flags_.assign(persons.size(), 0);
  for (size_t i = 0; i < persons.size(); ++i) {
    for (const auto& m : persons[i].groups) person_groups_ever_[i] |= uint64_t{1} << static_cast<unsigned>(m.group);
    if (!persons[i].certificates.empty()) person_flags_[i] |= kHasCertificates;
    if (ventures_of_.contains(persons[i].person_id)) person_flags_[i] |= kHasVentures;
  }
  contract_start_days_.resize(contracts.size());
  for (size_t i = 0; i < contracts.size(); ++i) contract_start_days_[i] = contracts[i].start_on.days();
  constexpr uint32_t kNo = UINT32_MAX;
  contract_person_pos_.assign(contracts.size(), kNo);
  contract_employer_pos_.assign(contracts.size(), kNo);
  std::vector<uint32_t> counts(persons.size() + 1, 0), reg_counts(persons.size() + 1, 0);
  for (uint32_t i = 0; i < contracts.size(); ++i) {
    auto pit = person_index_.find(contracts[i].person_id);
    if (pit != person_index_.end()) {
      contract_person_pos_[i] = pit->second;
      ++counts[pit->second + 1];
    }
    auto eit = employer_index_.find(contracts[i].employer_credit_code);
    if (eit != employer_index_.end()) contract_employer_pos_[i] = eit->second;
  }
  // Per-contract flags; the place of work against the person's household
  // registration (registry/place.h) — unknown sets neither cross flag.
  contract_flags_.resize(contracts.size());
  for (size_t i = 0; i < contracts.size(); ++i) {
    const auto& c = contracts[i];
    const registry::Person* p = contract_person_pos_[i] == kNo ? nullptr : &persons[contract_person_pos_[i]];
    contract_flags_[i] = FlagsOf(c, p ? registry::PlaceOf(*p, c) : registry::WorkPlace::kUnknown);
  }
  std::vector<uint32_t> reg_pos(registrations.size(), kNo);
  for (uint32_t i = 0; i < registrations.size(); ++i) {
    auto pit = person_index_.find(registrations[i].person_id);
    if (pit != person_index_.end()) {
      reg_pos[i] = pit->second;
      ++reg_counts[pit->second + 1];
    }
  }
  for (size_t i = 1; i < counts.size(); ++i) {
    counts[i] += counts[i - 1];
    reg_counts[i] += reg_counts[i - 1];
  }
  person_contract_offsets_ = counts;
  person_reg_offsets_ = reg_counts;
  person_contracts_.assign(counts.back(), 0);
  person_regs_.assign(reg_counts.back(), 0);
  // Filled in index order, so each person's list keeps the vector order.
  for (uint32_t i = 0; i < contracts.size(); ++i) {
    if (contract_person_pos_[i] != kNo) person_contracts_[counts[contract_person_pos_[i]]++] = i;
  }
  for (uint32_t i = 0; i < registrations.size(); ++i) {
    if (reg_pos[i] != kNo) person_regs_[reg_counts[reg_pos[i]]++] = i;
  }
  std::vector<uint32_t> emp_counts(employers.size() + 1, 0);
  for (uint32_t i = 0; i < contracts.size(); ++i) {
    if (contract_employer_pos_[i] != kNo) ++emp_counts[contract_employer_pos_[i] + 1];
  }
  for (size_t i = 1; i < emp_counts.size(); ++i) emp_counts[i] += emp_counts[i - 1];
  employer_contract_offsets_ = emp_counts;
  employer_contracts_.assign(emp_counts.back(), 0);
  for (uint32_t i = 0; i < contracts.size(); ++i) {
    if (contract_employer_pos_[i] != kNo) employer_contracts_[emp_counts[contract_employer_pos_[i]]++] = i;
  }
}

namespace {
template <class T>
std::optional<uint32_t> PositionIn(const std::vector<T>& v, const T& x) {
  if (v.empty() || &x < v.data() || &x >= v.data() + v.size()) return std::nullopt;
  return static_cast<uint32_t>(&x - v.data());
}
}  // namespace

std::span<const uint32_t> World::ContractsOf(const registry::Person& p) const {
  auto pos = PositionIn(persons, p);
  if (!pos || person_contract_offsets_.size() != persons.size() + 1) return ContractsOfPerson(p.person_id);
  return {person_contracts_.data() + person_contract_offsets_[*pos],
          person_contract_offsets_[*pos + 1] - person_contract_offsets_[*pos]};
}

std::span<const uint32_t> World::RegistrationsOf(const registry::Person& p) const {
  auto pos = PositionIn(persons, p);
  if (!pos || person_reg_offsets_.size() != persons.size() + 1) return RegistrationsOf(p.person_id);
  return {person_regs_.data() + person_reg_offsets_[*pos], person_reg_offsets_[*pos + 1] - person_reg_offsets_[*pos]};
}

std::span<const uint32_t> World::ContractsOf(const registry::Employer& e) const {
  auto pos = PositionIn(employers, e);
  if (!pos || employer_contract_offsets_.size() != employers.size() + 1) return ContractsOfEmployer(e.credit_code);
  return {employer_contracts_.data() + employer_contract_offsets_[*pos],
          employer_contract_offsets_[*pos + 1] - employer_contract_offsets_[*pos]};
}

bool World::HasCertificates(const registry::Person& p) const {
  auto pos = PositionIn(persons, p);
  if (pos && person_flags_.size() == persons.size()) return (person_flags_[*pos] & kHasCertificates) != 0;
  return !p.certificates.empty();
}

bool World::HasVentures(const registry::Person& p) const {
  auto pos = PositionIn(persons, p);
  if (pos && person_flags_.size() == persons.size()) return (person_flags_[*pos] & kHasVentures) != 0;
  return !VenturesOf(p.person_id).empty();
}

int32_t World::StartDayOf(const registry::Contract& c) const {
  auto pos = PositionIn(contracts, c);
  if (pos && contract_start_days_.size() == contracts.size()) return contract_start_days_[*pos];
  return c.start_on.days();
}

bool World::AnyContractWith(const registry::Person& p, uint8_t flags) const {
  const bool column = contract_flags_.size() == contracts.size();
  for (uint32_t i : ContractsOf(p)) {
    const auto& c = contracts[i];
    const uint8_t f = column ? contract_flags_[i] : FlagsOf(c, PlaceOf(c));
    if (f & flags) return true;
  }
  return false;
}

uint64_t World::GroupsEver(const registry::Person& p) const {
  auto pos = PositionIn(persons, p);
  if (pos && person_groups_ever_.size() == persons.size()) return person_groups_ever_[*pos];
  uint64_t mask = 0;
  for (const auto& m : p.groups) mask |= uint64_t{1} << static_cast<unsigned>(m.group);
  return mask;
}

registry::WorkPlace World::PlaceOf(const registry::Contract& c) const {
  const registry::Person* p = PersonOf(c);
  return p ? registry::PlaceOf(*p, c) : registry::WorkPlace::kUnknown;
}

const registry::Person* World::PersonOf(const registry::Contract& c) const {
  auto pos = PositionIn(contracts, c);
  if (!pos || contract_person_pos_.size() != contracts.size()) return Person(c.person_id);
  const uint32_t i = contract_person_pos_[*pos];
  return i == UINT32_MAX ? nullptr : &persons[i];
}

const registry::Employer* World::EmployerOf(const registry::Contract& c) const {
  auto pos = PositionIn(contracts, c);
  if (!pos || contract_employer_pos_.size() != contracts.size()) return Employer(c.employer_credit_code);
  const uint32_t i = contract_employer_pos_[*pos];
  return i == UINT32_MAX ? nullptr : &employers[i];
}

bool World::EverIn(const registry::Person& p, registry::Group g) const {
  auto pos = PositionIn(persons, p);
  if (pos && person_groups_ever_.size() == persons.size()) {
    return (person_groups_ever_[*pos] >> static_cast<unsigned>(g)) & 1;
  }
  for (const auto& m : p.groups) {
    if (m.group == g) return true;
  }
  return false;
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

const std::vector<uint32_t>& World::WorkshopsOfOperator(const std::string& code) const {
  return Lookup(workshops_of_, code);
}

const CommunityRecognition* World::RecognitionOf(int64_t site_id) const {
  auto it = recognition_of_.find(site_id);
  return it == recognition_of_.end() ? nullptr : &recognitions[it->second];
}

std::optional<int> World::InsuredMonths(int64_t person_id, const MonthQuery& q) const {
  const auto& spells = Lookup(insurance_of_, person_id);
  if (spells.empty()) return std::nullopt;
  // Clip the matching runs to the query's range, then count the months of
  // their union (two payers in one month count once).
  std::vector<std::pair<int32_t, int32_t>> runs;
  for (uint32_t i : spells) {
    const InsuranceSpell& s = insurance[i];
    if (!(s.kinds & q.kinds)) continue;
    if (q.payer && s.employer_credit_code != *q.payer && !(q.individual_too && s.employer_credit_code.empty())) {
      continue;
    }
    const int32_t from = std::max(s.from_month, q.from_month), to = std::min(s.to_month, q.through_month);
    if (from <= to) runs.emplace_back(from, to);
  }
  std::sort(runs.begin(), runs.end());
  int months = 0;
  int32_t next = INT32_MIN;  // the first month not yet counted
  for (const auto& [from, to] : runs) {
    const int32_t start = std::max(from, next);
    if (start <= to) {
      months += to - start + 1;
      next = to + 1;
    }
  }
  return months;
}

std::optional<bool> World::PaidIn(int64_t person_id, int32_t month, uint8_t kinds) const {
  MonthQuery q;
  q.kinds = kinds;
  q.from_month = q.through_month = month;
  auto n = InsuredMonths(person_id, q);
  if (!n) return std::nullopt;
  return *n > 0;
}

}  // namespace qjy::policy
