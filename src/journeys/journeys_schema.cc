#include "journeys/journeys_schema.h"

namespace qjy::journeys {
namespace {

// county_code is the job's county (the workplace's, as jobs.county_code):
// the employer and the officers of that county read these rows. It leads
// the unique keys, so "once per person and job" holds per county shard.
// Dates YYYY-MM-DD, times ISO UTC.
constexpr char kApplications[] = R"sql(
CREATE TABLE job_applications (
  application_id {id},
  county_code TEXT NOT NULL,
  job_id {int} NOT NULL,
  person_id {int} NOT NULL,
  employer_credit_code TEXT NOT NULL,
  channel TEXT NOT NULL,
  applied_on TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  applied_by TEXT NOT NULL
);
CREATE UNIQUE INDEX job_applications_once ON job_applications (county_code, job_id, person_id);
CREATE INDEX job_applications_employer ON job_applications (county_code, employer_credit_code, job_id);
CREATE INDEX job_applications_person ON job_applications (person_id);
CREATE TABLE job_invitations (
  invitation_id {id},
  county_code TEXT NOT NULL,
  job_id {int} NOT NULL,
  person_id {int} NOT NULL,
  employer_credit_code TEXT NOT NULL,
  message TEXT NOT NULL,
  invited_on TEXT NOT NULL,
  invited_at TEXT NOT NULL,
  invited_by TEXT NOT NULL
);
CREATE UNIQUE INDEX job_invitations_once ON job_invitations (county_code, job_id, person_id);
CREATE INDEX job_invitations_employer ON job_invitations (county_code, employer_credit_code, job_id);
CREATE INDEX job_invitations_person ON job_invitations (person_id);
)sql";

// The seeker's answer to an invitation (trial 3: neither side could reach
// the other): "" unanswered, "accepted" (the employer may then see the
// phone for that job), "declined"; answered_on YYYY-MM-DD or "".
constexpr char kInvitationAnswers[] = R"sql(
ALTER TABLE job_invitations ADD COLUMN answer TEXT NOT NULL DEFAULT '';
ALTER TABLE job_invitations ADD COLUMN answered_on TEXT NOT NULL DEFAULT '';
)sql";

const store::Migration kList[] = {{1300, "journeys_applications_invitations", kApplications},
                                  {1301, "journeys_invitation_answers", kInvitationAnswers}};

}  // namespace

std::span<const store::Migration> JourneysMigrations() { return kList; }

}  // namespace qjy::journeys
