// One generated person of the Guizhou labour force with their employment
// history: household registration in a real county / township / village
// drawn by population weight, age, sex, ethnicity, name, a unique valid
// resident ID, phone, education with the date school was left, group
// memberships, and contracts (current and past) with generated employers —
// across provinces for migrant workers.
//
// Employment situation on the as-of date (profile.yaml "employment"):
//   migrant     current contract with an employer outside Guizhou
//   contract    current local contract
//   flexible    current local contract marked flexible (some platform work)
//   unemployed  contracts in the past only; the last one ended < 1, 1–6,
//               6–12 or > 12 months before the as-of date (the four levels
//               of A3(六)1), so registrations can be derived from it
//   inactive    no contracts (farming own land, caring, studying)
//
// Sequential: IDs are allocated in record order (gen/id_allocator.h), so
// persons must be generated in index order for a deterministic result.
#ifndef QJY_GEN_PERSON_GEN_H_
#define QJY_GEN_PERSON_GEN_H_

#include <cstdint>
#include <vector>

#include "gen/employer_directory.h"
#include "gen/id_allocator.h"
#include "gen/tables.h"
#include "registry/contribution.h"
#include "registry/model.h"
#include "registry/payment_facts.h"

namespace qjy::gen {

enum class Situation { kMigrant, kContract, kFlexible, kUnemployed, kInactive };

struct PersonBatch {
  std::vector<registry::Person> persons;
  std::vector<registry::Contract> contracts;
  std::vector<Situation> situations;  // parallel to persons (for tests and summaries)
  std::vector<registry::PaymentFacts> facts;  // parallel to persons: 银行账号, 住址
  std::vector<registry::Contribution> contributions;  // of the contracts (contribution_gen.h)
  void clear() {
    persons.clear();
    contracts.clear();
    contributions.clear();
    situations.clear();
    facts.clear();
  }
};

class PersonGenerator {
 public:
  PersonGenerator(const Tables& tables, const EmployerDirectory& employers);

  // Appends person `index` (ids person_id and next_contract_id onwards,
  // advanced) with their contracts to `out`.
  void Generate(int64_t index, int64_t person_id, int64_t& next_contract_id, PersonBatch& out);

 private:
  registry::PaymentFacts PaymentFacts(int64_t index, const registry::Person& person) const;
  const Tables& t_;
  const EmployerDirectory& employers_;
  IdAllocator ids_;
};

// Months (0..3) level of an unemployment that started on `since`, on `as_of`:
// 0 = ≤ 1 month, 1 = ≤ 6, 2 = ≤ 12, 3 = longer (calendar months, A3(六)1).
int UnemploymentLevel(Date since, Date as_of);

}  // namespace qjy::gen

#endif  // QJY_GEN_PERSON_GEN_H_
