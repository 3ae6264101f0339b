#include "store/registry_schema.h"

namespace qjy::store {
namespace {

// Sharding. Every large table carries county_code (the owning county) and an
// index on it. Keys stay single-column surrogate ids so that foreign keys and
// GetPerson(id) work unchanged on one server. For a Citus cluster the plan is:
//   create_distributed_table('persons', 'county_code') with
//     PRIMARY KEY (county_code, person_id) and UNIQUE (county_code, id_hash)
//     (a resident's owning county is derived from the ID's hukou, so the
//     lookup by ID hash still knows its shard: county = hukou county);
//   person_certificates / person_groups / contracts colocated with persons,
//     their FKs becoming (county_code, person_id);
//   jobs and service_sites distributed by county_code;
//   employers + employer_years as reference tables (replicated: contracts of
//     every county point at them);
//   changes distributed by county_code (append-only, never joined).
// Child tables keyed by their parent are WITHOUT ROWID on SQLite (one
// B-tree instead of table + primary-key index).
// Dates are ISO "YYYY-MM-DD" text, timestamps ISO UTC text, booleans 0/1.
constexpr char kRegistryCore[] = R"sql(
CREATE TABLE persons (
  person_id {id},
  county_code TEXT NOT NULL,
  id_hash {blob} NOT NULL,       -- Vault::Index(ID number): exact lookup
  id_enc {blob} NOT NULL,        -- Vault::Encrypt(ID number)
  id_masked TEXT NOT NULL,       -- 5201**********123X, for lists and logs
  name TEXT NOT NULL,
  sex TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  ethnicity TEXT NOT NULL,
  phone_hash {blob},             -- NULL when no phone
  phone_enc {blob},
  phone_masked TEXT NOT NULL,
  hukou_region TEXT NOT NULL,
  residence_region TEXT NOT NULL,
  work_region TEXT NOT NULL,
  insured_region TEXT NOT NULL,
  education TEXT NOT NULL,
  school_left_on TEXT,
  skills TEXT NOT NULL,          -- JSON array of strings
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX persons_id_hash ON persons (id_hash);
CREATE INDEX persons_county ON persons (county_code);
CREATE INDEX persons_name ON persons (name);
CREATE INDEX persons_hukou ON persons (hukou_region);
CREATE INDEX persons_residence ON persons (residence_region);
CREATE INDEX persons_phone_hash ON persons (phone_hash);

CREATE TABLE person_certificates (
  person_id {int} NOT NULL REFERENCES persons (person_id) ON DELETE CASCADE,
  seq {int} NOT NULL,            -- position in Person::certificates
  county_code TEXT NOT NULL,
  name TEXT NOT NULL,
  level {int} NOT NULL,
  issued_on TEXT NOT NULL,
  PRIMARY KEY (person_id, seq)
){sqlite: WITHOUT ROWID};

CREATE TABLE person_groups (
  person_id {int} NOT NULL REFERENCES persons (person_id) ON DELETE CASCADE,
  seq {int} NOT NULL,            -- position in Person::groups
  county_code TEXT NOT NULL,
  group_code TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,                 -- inclusive; NULL = open-ended
  PRIMARY KEY (person_id, seq)
){sqlite: WITHOUT ROWID};
CREATE INDEX person_groups_group ON person_groups (group_code, person_id);

CREATE TABLE employers (
  employer_id {id},
  county_code TEXT NOT NULL,
  credit_code TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size TEXT NOT NULL,
  region TEXT NOT NULL,
  insured_headcount {int} NOT NULL,
  key_enterprise {int} NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX employers_credit_code ON employers (credit_code);
CREATE INDEX employers_county ON employers (county_code);

CREATE TABLE employer_years (
  employer_id {int} NOT NULL REFERENCES employers (employer_id) ON DELETE CASCADE,
  year {int} NOT NULL,
  county_code TEXT NOT NULL,
  insured_headcount {int} NOT NULL,
  layoffs {int} NOT NULL,
  ui_premium_fen {int} NOT NULL,
  PRIMARY KEY (employer_id, year)
){sqlite: WITHOUT ROWID};

-- employer_credit_code is kept as text without a foreign key: gig markets
-- and HR agencies post jobs of employers not (yet) in the registry.
CREATE TABLE jobs (
  job_id {id},
  county_code TEXT NOT NULL,
  employer_credit_code TEXT NOT NULL,
  title TEXT NOT NULL,
  occupation_code TEXT NOT NULL,
  headcount {int} NOT NULL,
  wage_min_fen {int} NOT NULL,
  wage_max_fen {int} NOT NULL,
  place_region TEXT NOT NULL,
  type TEXT NOT NULL,
  requirements TEXT NOT NULL,
  open_on TEXT NOT NULL,
  close_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX jobs_natural ON jobs (employer_credit_code, title, place_region, open_on);
CREATE INDEX jobs_county ON jobs (county_code);
CREATE INDEX jobs_place ON jobs (place_region);

CREATE TABLE contracts (
  contract_id {id},
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL REFERENCES persons (person_id),
  employer_credit_code TEXT NOT NULL REFERENCES employers (credit_code),
  start_on TEXT NOT NULL,
  end_on TEXT,
  social_insurance_months {int} NOT NULL,
  cross_county {int} NOT NULL,
  cross_province {int} NOT NULL,
  flexible {int} NOT NULL,
  new_form {int} NOT NULL,
  work_region TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX contracts_natural ON contracts (person_id, employer_credit_code, start_on);
CREATE INDEX contracts_employer ON contracts (employer_credit_code);
CREATE INDEX contracts_county ON contracts (county_code);

CREATE TABLE service_sites (
  site_id {id},
  county_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  tier TEXT NOT NULL,
  online {int} NOT NULL,
  opened_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX service_sites_natural ON service_sites (kind, region, name);
CREATE INDEX service_sites_county ON service_sites (county_code);

-- Append-only history. Nothing updates or deletes these rows.
CREATE TABLE changes (
  change_id {id},
  county_code TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id {int} NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  op TEXT NOT NULL,
  diff_json TEXT NOT NULL
);
CREATE INDEX changes_entity ON changes (entity, entity_id, change_id);
CREATE INDEX changes_county ON changes (county_code, change_id);
)sql";

// Import speed.
// fingerprint: a keyed hash of a person's canonical record, children
// included (registry_rows.h PersonFingerprint): a batch upsert compares it
// to tell an unchanged row without decrypting and loading the stored
// record. NULL (rows written before this migration) means "unknown":
// compared in full, then filled in.
// persons_phone_hash: no query looks a person up by phone, and keeping an
// index of random 16-byte hashes costs every insert a random B-tree descent
// (about a tenth of a bulk import). Recreate it with the first such query.
constexpr char kPersonsFingerprint[] = R"sql(
ALTER TABLE persons ADD COLUMN fingerprint {blob};
DROP INDEX IF EXISTS persons_phone_hash;
)sql";

// Import speed, history. A batch import records ONE history entry per
// county and transaction for the persons it inserts (entity
// "person_import": who, when, file, row range, count) instead of one entry
// per person; insert_change_id links each person so inserted to that entry
// (RegistryStore::History("person", id) returns it with the person's own
// entries). NULL for a person whose insert has its own entry. Updates keep
// their per-person entries with the changed fields.
constexpr char kPersonsInsertChange[] = R"sql(
ALTER TABLE persons ADD COLUMN insert_change_id {int};
)sql";

// Place of work and jurisdiction (#12 §1). employers.insured_region is the
// 参保地 (a Guizhou county or finer, or another province's code); NULL =
// unknown, which is what every employer of an older database gets — the
// rules then refuse automatic payment and name the missing data. The
// contracts' hand-set cross_county / cross_province flags go: cross-county
// and cross-province work are derived from the person's household
// registration and contracts.work_region (registry/place.h); an old row
// without a place of work is "unknown", never the old flag. Version 10
// leaves 4..9 to the other registry changes of the same round.
constexpr char kPlaceAndJurisdiction[] = R"sql(
ALTER TABLE employers ADD COLUMN insured_region TEXT;
ALTER TABLE contracts DROP COLUMN cross_county;
ALTER TABLE contracts DROP COLUMN cross_province;
)sql";

// Finding persons (#14): part of a name, 拼音首字母, masked or full ID
// number, phone, village, always within an officer's region. One narrow row
// per county the person belongs to (owning county, household county,
// residence county: an officer of any of them may see the person), keyed by
// (county_code, person_id), so a county officer's search reads only that
// county's rows in key order and stops at the first page of matches, and a
// sharded cluster keeps the rows beside the county's persons. The
// *_county columns let a search over several counties keep one row per
// person (store/person_search.h). Written with the person by every upsert
// and bulk load; Migrate() fills it for persons stored before it existed.
constexpr char kPersonSearch[] = R"sql(
CREATE TABLE person_search (
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL REFERENCES persons (person_id) ON DELETE CASCADE,
  owner_county TEXT NOT NULL,      -- persons.county_code
  hukou_county TEXT NOT NULL,      -- county of hukou_region, '' when unknown
  residence_county TEXT NOT NULL,  -- county of residence_region, '' when unknown
  hukou_region TEXT NOT NULL,
  residence_region TEXT NOT NULL,
  name TEXT NOT NULL,
  initials TEXT NOT NULL,          -- core/pinyin.h PinyinInitials(name)
  id_masked TEXT NOT NULL,
  phone_masked TEXT NOT NULL,
  phone_hash {blob},               -- Vault::Index(phone), NULL when no phone
  PRIMARY KEY (county_code, person_id)
){sqlite: WITHOUT ROWID};
)sql";

// The fingerprint of the vault key the identity fields are sealed with
// (store/vault_check.h): one row, written by the first vault to open the
// database.
constexpr char kVaultKey[] = R"sql(
CREATE TABLE vault_key (
  id {int} PRIMARY KEY CHECK (id = 1),
  key_check {blob} NOT NULL
);
)sql";

// Counts per region for the officers' home pages (#19 §2,
// store/region_counts.h): kept by every registry write in its transaction,
// keyed by the owning county first (the sharding key). RegistryStore::Migrate()
// fills it once for a database written before it existed.
constexpr char kRegionCounts[] = R"sql(
CREATE TABLE region_counts (
  county_code TEXT NOT NULL,
  kind TEXT NOT NULL,              -- persons / hukou / employers / jobs
  region TEXT NOT NULL,            -- a 2/4/6/9/12-digit prefix
  n {int} NOT NULL,
  PRIMARY KEY (county_code, kind, region)
){sqlite: WITHOUT ROWID};
CREATE INDEX region_counts_region ON region_counts (kind, region);
)sql";

// Payment facts of a person (issue #17 §1, registry/payment_facts.h):
// keyed hashes (Vault::Index) of the normalised bank account and address,
// and the account's last four digits for display. Never the account or
// the address themselves. One row per person, in the person's county.
constexpr char kPaymentFacts[] = R"sql(
CREATE TABLE person_payment_facts (
  person_id {int} NOT NULL PRIMARY KEY,
  county_code TEXT NOT NULL,
  bank_hash {blob},                -- NULL: no account given
  bank_last4 TEXT NOT NULL DEFAULT '',
  address_hash {blob},             -- NULL: no address given
  updated_at TEXT NOT NULL
);
CREATE INDEX person_payment_facts_county ON person_payment_facts (county_code);
CREATE INDEX person_payment_facts_bank ON person_payment_facts (bank_hash, person_id);
CREATE INDEX person_payment_facts_address ON person_payment_facts (address_hash, person_id);
)sql";

// Whether an employment spell away from home was organised (附件2（四）,
// registry/organised.h): '' = not recorded, what every older row gets.
constexpr char kContractOrganised[] = R"sql(
ALTER TABLE contracts ADD COLUMN organised_via TEXT NOT NULL DEFAULT '';
)sql";

// The spells of work outside Guizhou (outbound workers, network/
// outbound_query.h), partial and covering: the coverage report's count of a
// region's outbound workers on a day reads these index entries alone, not
// every contract of the region (5.6 s → 0.3 s for the province at 2 M
// persons). Its WHERE must be repeated word for word by the readers (SQLite
// matches a partial index's terms textually); work_region is among the
// columns because SQLite re-checks those terms on the row otherwise.
constexpr char kContractsOutbound[] = R"sql(
CREATE INDEX contracts_outbound ON contracts (county_code, person_id, start_on, end_on, organised_via, work_region)
  WHERE work_region <> '' AND SUBSTR(work_region, 1, 2) <> '52';
)sql";

const Migration kRegistrySchemaMigrations[] = {
    {1, "registry_core", kRegistryCore},
    {2, "persons_fingerprint", kPersonsFingerprint},
    {3, "persons_insert_change", kPersonsInsertChange},
    {10, "place_and_jurisdiction", kPlaceAndJurisdiction},
    {11, "vault_key", kVaultKey},
    {30, "person_search", kPersonSearch},
    {40, "region_counts", kRegionCounts},
    {41, "person_payment_facts", kPaymentFacts},
    {42, "contract_organised", kContractOrganised},
    {43, "contracts_outbound", kContractsOutbound},
};

// Must match the indexes the migrations above leave in place.
const BulkIndex kBulkIndexes[] = {
    {"persons_id_hash", "persons", "CREATE UNIQUE INDEX IF NOT EXISTS persons_id_hash ON persons (id_hash)",
     true},
    {"persons_county", "persons", "CREATE INDEX IF NOT EXISTS persons_county ON persons (county_code)", false},
    {"persons_name", "persons", "CREATE INDEX IF NOT EXISTS persons_name ON persons (name)", false},
    {"persons_hukou", "persons", "CREATE INDEX IF NOT EXISTS persons_hukou ON persons (hukou_region)", false},
    {"persons_residence", "persons",
     "CREATE INDEX IF NOT EXISTS persons_residence ON persons (residence_region)", false},
    {"person_groups_group", "person_groups",
     "CREATE INDEX IF NOT EXISTS person_groups_group ON person_groups (group_code, person_id)",
     false},
    {"employers_county", "employers", "CREATE INDEX IF NOT EXISTS employers_county ON employers (county_code)",
     false},
    {"jobs_county", "jobs", "CREATE INDEX IF NOT EXISTS jobs_county ON jobs (county_code)", false},
    {"jobs_place", "jobs", "CREATE INDEX IF NOT EXISTS jobs_place ON jobs (place_region)", false},
    {"contracts_natural", "contracts",
     "CREATE UNIQUE INDEX IF NOT EXISTS contracts_natural ON contracts"
     " (person_id, employer_credit_code, start_on)",
     true},
    {"contracts_employer", "contracts",
     "CREATE INDEX IF NOT EXISTS contracts_employer ON contracts (employer_credit_code)", false},
    {"contracts_county", "contracts", "CREATE INDEX IF NOT EXISTS contracts_county ON contracts (county_code)",
     false},
    {"contracts_outbound", "contracts",
     "CREATE INDEX IF NOT EXISTS contracts_outbound ON contracts (county_code, person_id, start_on, end_on, "
     "organised_via, work_region) WHERE work_region <> '' AND SUBSTR(work_region, 1, 2) <> '52'",
     false},
    {"changes_entity", "changes",
     "CREATE INDEX IF NOT EXISTS changes_entity ON changes (entity, entity_id, change_id)", false},
    {"changes_county", "changes",
     "CREATE INDEX IF NOT EXISTS changes_county ON changes (county_code, change_id)", false},
};

}  // namespace

std::span<const Migration> RegistryMigrations() { return kRegistrySchemaMigrations; }

std::span<const BulkIndex> RegistryBulkIndexes() { return kBulkIndexes; }

}  // namespace qjy::store
