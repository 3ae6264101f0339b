// Migration 1000: the training tables (training_store.h).
#include "training/training_store.h"

namespace qjy::training {
namespace {

constexpr char kTraining[] = R"sql(
CREATE TABLE training_providers (
  provider_id {id},
  county_code TEXT NOT NULL,
  name TEXT NOT NULL,
  credit_code TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ({now})
);
CREATE UNIQUE INDEX training_providers_key ON training_providers (county_code, name);
CREATE TABLE training_courses (
  course_id {id},
  county_code TEXT NOT NULL,
  provider_id {int} NOT NULL,
  title TEXT NOT NULL,
  occupation_code TEXT NOT NULL,
  level {int} NOT NULL CHECK (level BETWEEN 0 AND 5),
  kind TEXT NOT NULL CHECK (kind IN ('employment', 'upskilling', 'order', 'startup')),
  hours {int} NOT NULL CHECK (hours > 0),
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL,
  place_region TEXT NOT NULL,
  capacity {int} NOT NULL CHECK (capacity > 0),
  enrolled {int} NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ({now}),
  CHECK (enrolled >= 0 AND enrolled <= capacity),
  CHECK (start_on <= end_on)
);
CREATE INDEX training_courses_county ON training_courses (county_code, start_on);
CREATE INDEX training_courses_provider ON training_courses (provider_id);
CREATE TABLE training_enrolments (
  enrolment_id {id},
  county_code TEXT NOT NULL,
  course_id {int} NOT NULL,
  person_id {int} NOT NULL,
  person_county TEXT NOT NULL,
  enrolled_on TEXT NOT NULL,
  hours_attended {int} NOT NULL DEFAULT 0,
  days_attended {int} NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('enrolled', 'completed')),
  completed_on TEXT,
  cert_kind TEXT NOT NULL DEFAULT '',
  cert_level {int} NOT NULL DEFAULT 0,
  cert_no TEXT NOT NULL DEFAULT '',
  cert_on TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ({now}),
  CHECK ((status = 'completed') = (completed_on IS NOT NULL))
);
CREATE UNIQUE INDEX training_enrolments_key ON training_enrolments (county_code, course_id, person_id);
CREATE INDEX training_enrolments_person ON training_enrolments (person_id);
CREATE TABLE training_attendance (
  county_code TEXT NOT NULL,
  enrolment_id {int} NOT NULL,
  on_date TEXT NOT NULL,
  hours {int} NOT NULL CHECK (hours > 0),
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (county_code, enrolment_id, on_date)
);
CREATE TABLE training_subsidies (
  county_code TEXT NOT NULL,
  enrolment_id {int} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('training', 'living')),
  person_id {int} NOT NULL,
  course_id {int} NOT NULL,
  amount_fen {int} NOT NULL CHECK (amount_fen > 0),
  once_key TEXT NOT NULL,
  year {int} NOT NULL,
  decided_on TEXT NOT NULL,
  explanation TEXT NOT NULL,
  paid_by TEXT NOT NULL,
  paid_at TEXT NOT NULL,
  PRIMARY KEY (county_code, enrolment_id, kind)
);
CREATE UNIQUE INDEX training_subsidies_once ON training_subsidies (once_key);
CREATE INDEX training_subsidies_person ON training_subsidies (person_id, kind, year);
)sql";

// Migration 1001: withdrawal (退出) from an enrolment — a third status with
// its date and reason (SQLite cannot alter a CHECK: the table is rebuilt;
// PostgreSQL swaps the constraint) — and the courses of an officer's plan
// (一人一策): one row per person and course, keyed by the person's county.
constexpr char kWithdrawalAndPlans[] = R"sql(
{sqlite:CREATE TABLE training_enrolments_1001 (
  enrolment_id INTEGER PRIMARY KEY,
  county_code TEXT NOT NULL,
  course_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL,
  person_county TEXT NOT NULL,
  enrolled_on TEXT NOT NULL,
  hours_attended INTEGER NOT NULL DEFAULT 0,
  days_attended INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('enrolled', 'completed', 'withdrawn')),
  completed_on TEXT,
  cert_kind TEXT NOT NULL DEFAULT '',
  cert_level INTEGER NOT NULL DEFAULT 0,
  cert_no TEXT NOT NULL DEFAULT '',
  cert_on TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  withdrawn_on TEXT,
  withdraw_reason TEXT NOT NULL DEFAULT '',
  CHECK ((status = 'completed') = (completed_on IS NOT NULL)),
  CHECK ((status = 'withdrawn') = (withdrawn_on IS NOT NULL))
);
INSERT INTO training_enrolments_1001 (enrolment_id, county_code, course_id, person_id, person_county, enrolled_on,
  hours_attended, days_attended, status, completed_on, cert_kind, cert_level, cert_no, cert_on, created_by, created_at)
  SELECT enrolment_id, county_code, course_id, person_id, person_county, enrolled_on, hours_attended, days_attended,
  status, completed_on, cert_kind, cert_level, cert_no, cert_on, created_by, created_at FROM training_enrolments;
DROP TABLE training_enrolments;
ALTER TABLE training_enrolments_1001 RENAME TO training_enrolments;
CREATE UNIQUE INDEX training_enrolments_key ON training_enrolments (county_code, course_id, person_id);
CREATE INDEX training_enrolments_person ON training_enrolments (person_id);}
{pg:ALTER TABLE training_enrolments DROP CONSTRAINT training_enrolments_status_check;
ALTER TABLE training_enrolments ADD CONSTRAINT training_enrolments_status_check
  CHECK (status IN ('enrolled', 'completed', 'withdrawn'));
ALTER TABLE training_enrolments ADD COLUMN withdrawn_on TEXT;
ALTER TABLE training_enrolments ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE training_enrolments ADD CONSTRAINT training_enrolments_withdrawn_check
  CHECK ((status = 'withdrawn') = (withdrawn_on IS NOT NULL));}
CREATE TABLE training_plans (
  plan_id {id},
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  course_id {int} NOT NULL,
  planned_on TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  enrolment_id {int},
  officer TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ({now})
);
CREATE UNIQUE INDEX training_plans_key ON training_plans (county_code, person_id, course_id);
)sql";

const store::Migration kMigrations[] = {
    {1000, "training", kTraining},
    {1001, "training_withdrawal_plans", kWithdrawalAndPlans},
};

}  // namespace

std::span<const store::Migration> TrainingMigrations() { return kMigrations; }

}  // namespace qjy::training
