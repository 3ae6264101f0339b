// The facts one decision read, kept with the decision so that it can be
// replayed after the registry changed (issue #17 §2, replay.h).
//
//   SubjectWorld  the part of a World one decision's subject reaches: for a
//                 person or hiring rule the person, their contracts with
//                 the employers, registrations, insurance months and
//                 start-ups; for an employer rule the employer with (R11,
//                 R15, R18) its contracts, interns, ventures and placed
//                 persons, each person with the same records as above;
//                 for R17 the site. Evaluating the subject in it gives
//                 the same decisions as in the whole World (replay_test).
//   WorldToJson   a canonical JSON of a World's records (object keys sorted,
//                 records in the World's order, dates as YYYY-MM-DD).
//                 Identity numbers, phones and person names are left out:
//                 no rule reads them, and a snapshot must not copy them.
//   WorldFromJson the inverse (indexed); kInvalidArgument naming the field
//                 for a snapshot that does not parse.
//
// Pure functions; thread-safe.
#ifndef QJY_POLICY_FACTS_JSON_H_
#define QJY_POLICY_FACTS_JSON_H_

#include <cstdint>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "policy/decision.h"
#include "policy/facts.h"

namespace qjy::policy {

// What SubjectWorld needs that World does not index: the contribution runs
// of each person. Built once per World (a sweep's recorder); borrows it.
class SubjectIndex {
 public:
  explicit SubjectIndex(const World& w);
  const std::vector<uint32_t>& InsuranceOf(int64_t person_id) const;

 private:
  std::unordered_map<int64_t, std::vector<uint32_t>> insurance_;
};

// `index` (of `w`) may be null: the runs are then found by a scan.
World SubjectWorld(const World& w, const Decision& d, const SubjectIndex* index = nullptr);
nlohmann::json WorldToJson(const World& w);
Result<World> WorldFromJson(const nlohmann::json& j);

}  // namespace qjy::policy

#endif  // QJY_POLICY_FACTS_JSON_H_
