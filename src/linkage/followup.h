// What a link run is for (issue #18; A2(一), A4(五), A4(九)): the follow-up
// services it triggers and the per-county counts of outbound workers.
//
// Follow-up: a person cluster whose latest partner record (the highest
// record id with a status) says the worker has returned (返乡) and is not
// employed, and one of whose records carries the ID number of a person in
// our registry, gets one "返乡未就业人员跟踪服务" item for that person in the
// person's county (once per person and cluster). It starts on the day the
// link or the officer's decision made it, is due `working_days` working
// days later (policy/linkage/followup.yaml, assumed), and is done when a
// service of any kind is recorded for the person on or after its start, or
// when an officer closes it with an outcome of the policy file after
// contacting the person ("已联系，本人暂不需要就业服务", with a note).
// Open items join the officers' queue (services/worklist.h) as source
// "linkage_return".
//
// Status words: partners write status as free text; a status is read by
// the words of the policy file (returned / unemployed / employed, the
// unemployed words checked first since "未就业" contains "就业").
//
// Summary: per county (the record's county), over the partner records
// imported in a calendar month, the distinct persons (clusters, each by its
// latest record of the month) employed, unemployed, insured (insured
// months > 0) and returned.
#ifndef QJY_LINKAGE_FOLLOWUP_H_
#define QJY_LINKAGE_FOLLOWUP_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/vault.h"
#include "services/workday_index.h"
#include "services/worklist.h"
#include "store/db.h"

namespace qjy::linkage {

struct FollowupOutcome {
  std::string code, label;
};

struct FollowupPolicy {
  std::string title, clause, quote, recommendation;
  int working_days = 0;
  std::vector<FollowupOutcome> outcomes;  // ways to close without a service
  // The label of outcome `code`, or "" when the policy has no such outcome.
  std::string OutcomeLabel(std::string_view code) const;
  std::vector<std::string> returned_words, unemployed_words, employed_words;
};

Result<FollowupPolicy> ParseFollowupPolicy(std::string_view yaml, std::string_view name);
Result<FollowupPolicy> LoadFollowupPolicy(const std::filesystem::path& file);
// $QJY_LINKAGE_FOLLOWUP or the shipped policy/linkage/followup.yaml.
std::filesystem::path DefaultFollowupPolicyFile();

struct PartnerState {
  bool returned = false, unemployed = false, employed = false;
};
PartnerState ReadStatus(const FollowupPolicy& policy, std::string_view status);

struct Followup {
  int64_t followup_id = 0;
  std::string county_code;  // the person's county
  int64_t person_id = 0;
  int64_t cluster_id = 0;
  int64_t record_id = 0;    // the record that said returned and unemployed
  std::string partner, status, employer;
  Date start;
  // Closed by an officer (empty outcome while open).
  std::string outcome, outcome_note, closed_by;
  std::optional<Date> closed_on;
};

struct CountySummary {
  std::string county_code;
  int64_t workers = 0, employed = 0, unemployed = 0, insured = 0, returned = 0;
};

class FollowupStore {
 public:
  FollowupStore(store::Db& db, const Vault& vault) : db_(db), vault_(vault) {}

  // Creates the follow-ups the clusters now call for (see above); returns
  // how many were created. Clusters are resolved through merges first.
  Result<int> FollowUpClusters(std::span<const int64_t> clusters, const FollowupPolicy& policy, Date today);
  // After an officer's "same person": the follow-ups of the pair's cluster.
  Result<int> FollowUpReview(int64_t review_id, const FollowupPolicy& policy, Date today);
  // The clusters of a batch's records; of a review pair's two records.
  Result<std::vector<int64_t>> BatchClusters(int64_t batch_id);
  Result<std::vector<int64_t>> ReviewClusters(int64_t review_id);

  // Follow-ups of persons whose county is under `scope`, or of one person.
  Result<std::vector<Followup>> InScope(const std::string& scope);
  Result<std::vector<Followup>> OfPerson(int64_t person_id);
  // Whether a service was recorded for the follow-up's person on or after
  // its start and on or before `as_of` (false when services are not set up).
  Result<bool> Served(const Followup& f, Date as_of);

  // Closes follow-up `id` with `outcome` (a code of policy.outcomes) and a
  // note, after the officer contacted the person on `on` (not after `today`,
  // not before its start). Errors: kNotFound; kPermissionDenied when its
  // county is not under `scope`; kConflict when already closed;
  // kInvalidArgument (unknown outcome, empty note, bad date), in Chinese.
  Result<void> Close(int64_t id, const std::string& scope, const FollowupPolicy& policy, std::string_view outcome,
                     std::string_view note, Date on, Date today, std::string_view actor);

  // Open follow-ups under `scope` as queue items on `as_of` (neither served
  // nor closed by `as_of`).
  Result<std::vector<services::WorkItem>> Queue(const std::string& scope, const FollowupPolicy& policy,
                                                const services::WorkdayIndex& workdays, Date as_of);

  // Per county under `scope`, partner records imported in `month` (YYYY-MM).
  Result<std::vector<CountySummary>> Summary(const std::string& scope, const std::string& month,
                                             const FollowupPolicy& policy);

 private:
  Result<std::vector<Followup>> Load(const std::string& where, std::span<const store::Value> params);
  store::Db& db_;
  const Vault& vault_;
};

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_FOLLOWUP_H_
