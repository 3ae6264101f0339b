#include "store/employment_schema.h"

namespace qjy::store {
namespace {

// Contribution months (store/contribution_store.h). The key leads with the
// owning county (the shard key, like every large table); person_id has no
// foreign key so that a county's shard can be loaded apart from the
// persons table, but the importer and the generator only write months of
// stored persons. employer_credit_code "" = paid as an individual.
// kinds: bit set of 1 养老, 2 失业, 4 医疗, 8 工伤.
constexpr char kContributions[] = R"sql(
CREATE TABLE contributions (
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  employer_credit_code TEXT NOT NULL,
  month TEXT NOT NULL,
  kinds {int} NOT NULL,
  base_fen {int} NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (county_code, person_id, employer_credit_code, month)
){sqlite: WITHOUT ROWID};
CREATE INDEX contributions_person ON contributions (person_id, month);
CREATE INDEX contributions_employer ON contributions (employer_credit_code, month);
)sql";

// Recorded separations (store/separation_store.h): who left which
// employer on which day (the last day employed) and why. reason is the
// stable code of registry::SeparationReason.
constexpr char kSeparations[] = R"sql(
CREATE TABLE separations (
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  employer_credit_code TEXT NOT NULL,
  separated_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (county_code, person_id, employer_credit_code, separated_on)
){sqlite: WITHOUT ROWID};
CREATE INDEX separations_person ON separations (person_id, separated_on);
CREATE INDEX separations_month ON separations (county_code, separated_on);
)sql";

const Migration kMigrations[] = {
    {20, "contributions", kContributions},
    {21, "separations", kSeparations},
};

}  // namespace

std::span<const Migration> EmploymentMigrations() { return kMigrations; }

}  // namespace qjy::store
