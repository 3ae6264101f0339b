// Job applications (投递) by seekers and invitations by employers (issue
// #14, the seeker's and the employer's journey). A person applies to a job
// once; an employer invites a person to a job once. Only a job open on the
// day takes either (a held ad is no job: it has no row in jobs until
// published, so it cannot be named here).
//
// Rows carry the job's county (jobs.county_code); lists read one employer's
// or one person's rows. Scope (who may call what) is the caller's: the
// store checks facts of the records, not accounts.
//
// Not thread-safe (it borrows one Db). Each write is one statement, so a
// second application of the same person to the same job racing the first
// fails on the unique key (kAlreadyExists) and nothing is half-written.
#ifndef QJY_JOURNEYS_APPLICATION_STORE_H_
#define QJY_JOURNEYS_APPLICATION_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/model.h"
#include "store/db.h"

namespace qjy::journeys {

struct Application {
  int64_t application_id = 0;
  std::string county_code;
  int64_t job_id = 0;
  int64_t person_id = 0;
  std::string employer_credit_code;
  std::string channel;  // "online"
  Date applied_on;
  std::string applied_at;
  std::string applied_by;
};

// The seeker's answer to an invitation.
enum class InvitationAnswer { kNone, kAccepted, kDeclined };
std::string_view InvitationAnswerCode(InvitationAnswer a);   // "", "accepted", "declined"
std::string_view InvitationAnswerLabel(InvitationAnswer a);  // 待答复, 已接受, 已婉拒

struct Invitation {
  int64_t invitation_id = 0;
  std::string county_code;
  int64_t job_id = 0;
  int64_t person_id = 0;
  std::string employer_credit_code;
  std::string message;
  Date invited_on;
  std::string invited_at;
  std::string invited_by;
  InvitationAnswer answer = InvitationAnswer::kNone;
  std::optional<Date> answered_on;
};

// Whether `job` takes applications on `on`: published (open_on reached)
// and not past its closing day. nullopt when open, else the reason in
// Chinese naming the dates.
std::optional<std::string> ClosedReason(const registry::Job& job, Date on);

class ApplicationStore {
 public:
  explicit ApplicationStore(store::Db& db) : db_(db) {}

  // Applies migrations 1300..1399; outside a transaction.
  Result<void> Migrate();

  // `person_id` applies to `job` on `on` (at `at`, ISO UTC, by account
  // `actor`). kConflict (message names the dates) when the job is not open
  // that day; kAlreadyExists (message names the first application's date)
  // for a second application of the person to the job.
  Result<Application> Apply(const registry::Job& job, int64_t person_id, Date on, std::string_view at,
                            std::string_view actor);

  // The employer invites `person_id` to `job`; same checks as Apply
  // (kConflict for a job not open, kAlreadyExists for a second invitation).
  // `message` is at most 500 bytes (kInvalidArgument beyond).
  Result<Invitation> Invite(const registry::Job& job, int64_t person_id, std::string_view message, Date on,
                            std::string_view at, std::string_view actor);

  // An employer's rows, newest first; job_id 0 = all its jobs. At most `limit`.
  Result<std::vector<Application>> ApplicationsToEmployer(std::string_view credit_code, int64_t job_id,
                                                          int limit = 200);
  Result<std::vector<Invitation>> InvitationsByEmployer(std::string_view credit_code, int64_t job_id,
                                                        int limit = 200);
  // The person answers their invitation `invitation_id` on `on`: kNotFound
  // when it is not theirs (nothing told about others'), kConflict (message
  // names the first answer) when already answered; the invitation with its
  // answer otherwise. One conditional UPDATE: two answers racing cannot
  // both win.
  Result<Invitation> Answer(int64_t invitation_id, int64_t person_id, InvitationAnswer answer, Date on);
  // The person's invitation to the job, if any.
  Result<std::optional<Invitation>> FindInvitation(int64_t job_id, int64_t person_id);

  // A person's rows, newest first.
  Result<std::vector<Application>> ApplicationsOf(int64_t person_id);
  Result<std::vector<Invitation>> InvitationsOf(int64_t person_id);
  // The person's application to the job, if any.
  Result<std::optional<Application>> Find(int64_t job_id, int64_t person_id);

 private:
  store::Db& db_;
};

}  // namespace qjy::journeys

#endif  // QJY_JOURNEYS_APPLICATION_STORE_H_
