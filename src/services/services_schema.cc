#include "services/services_schema.h"

#include <vector>

namespace qjy::services {
namespace {

// Sharding: every table carries county_code (the registering county) with
// an index leading on it; on a Citus cluster they would be distributed by
// county_code with keys (county_code, id), as the registry plans.
// One open registration per person is enforced by a partial unique index
// (SQLite and PostgreSQL both have them), so two officers registering the
// same person at once cannot both succeed.
constexpr char kCore[] = R"sql(
CREATE TABLE unemployment_registrations (
  registration_id {id},
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  registered_on TEXT NOT NULL,
  found_on TEXT NOT NULL,
  place_kind TEXT NOT NULL,
  region_code TEXT NOT NULL,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  served_as TEXT NOT NULL,
  flags TEXT NOT NULL,
  suggested_category TEXT NOT NULL,
  officer TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_on TEXT,
  close_reason TEXT,
  close_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT ({now}),
  CHECK ((status = 'open') = (closed_on IS NULL))
);
CREATE UNIQUE INDEX ur_one_open_per_person ON unemployment_registrations (person_id) WHERE status = 'open';
CREATE INDEX ur_person ON unemployment_registrations (person_id, registered_on);
CREATE INDEX ur_county_region ON unemployment_registrations (county_code, region_code);
CREATE TABLE service_assessments (
  assessment_id {id},
  registration_id {int} NOT NULL REFERENCES unemployment_registrations (registration_id),
  county_code TEXT NOT NULL,
  assessed_on TEXT NOT NULL,
  officer TEXT NOT NULL,
  category TEXT NOT NULL,
  suggested_category TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT ({now})
);
CREATE INDEX sa_registration ON service_assessments (registration_id, assessed_on);
CREATE INDEX sa_county ON service_assessments (county_code);
CREATE TABLE service_records (
  record_id {id},
  registration_id {int} NOT NULL REFERENCES unemployment_registrations (registration_id),
  person_id {int} NOT NULL,
  county_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  delivered_on TEXT NOT NULL,
  officer TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  job_id {int},
  hired_on TEXT,
  created_at TEXT NOT NULL DEFAULT ({now})
);
CREATE INDEX sr_person ON service_records (person_id, delivered_on);
CREATE INDEX sr_county ON service_records (county_code, registration_id);
)sql";

constexpr char kMonitoring[] = R"sql(
CREATE TABLE welfare_post_holders (
  holder_id {id},
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  region_code TEXT NOT NULL,
  officer TEXT NOT NULL,
  part_time {int} NOT NULL DEFAULT 1,
  started_on TEXT NOT NULL,
  left_on TEXT
);
CREATE INDEX wph_county ON welfare_post_holders (county_code, region_code);
CREATE TABLE welfare_post_incomes (
  holder_id {int} NOT NULL REFERENCES welfare_post_holders (holder_id),
  month TEXT NOT NULL,
  county_code TEXT NOT NULL,
  income_fen {int} NOT NULL,
  PRIMARY KEY (holder_id, month)
){sqlite: WITHOUT ROWID};
CREATE TABLE monitoring_ledgers (
  ledger_id {id},
  county_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  officer TEXT NOT NULL,
  started_on TEXT NOT NULL
);
CREATE INDEX ml_county ON monitoring_ledgers (county_code, region_code);
CREATE TABLE monitoring_ledger_updates (
  ledger_id {int} NOT NULL REFERENCES monitoring_ledgers (ledger_id),
  month TEXT NOT NULL,
  county_code TEXT NOT NULL,
  updated_on TEXT NOT NULL,
  officer TEXT NOT NULL,
  PRIMARY KEY (ledger_id, month)
){sqlite: WITHOUT ROWID};
)sql";

// Holiday notices loaded by officials (calendar_store.h). The deadline
// changes carry county_code like every services table.
constexpr char kCalendar[] = R"sql(
CREATE TABLE calendar_notices (
  year {int} PRIMARY KEY,
  title TEXT NOT NULL,
  document TEXT NOT NULL,
  published_on TEXT NOT NULL,
  notice_yaml TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  loaded_by TEXT NOT NULL
);
CREATE TABLE calendar_deadline_changes (
  change_id {id},
  year {int} NOT NULL,
  county_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  registration_id {int} NOT NULL,
  person_id {int} NOT NULL,
  package_id TEXT NOT NULL,
  title TEXT NOT NULL,
  old_deadline TEXT NOT NULL,
  new_deadline TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
CREATE INDEX cdc_county_region ON calendar_deadline_changes (county_code, region_code);
)sql";

}  // namespace

std::span<const store::Migration> ServicesMigrations() {
  static const std::vector<store::Migration> kList = {
      {100, "services_registrations", kCore},
      {101, "services_monitoring", kMonitoring},
      {150, "services_calendar_notices", kCalendar},
  };
  return kList;
}

}  // namespace qjy::services
