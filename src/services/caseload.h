// The caseload of a region held in memory: registrations, the officer's
// assessments and the service records, indexed so that the classification
// and the obligations of every registration can be computed as of any date
// (classify, queues, compliance, ledger, API). Immutable after
// construction; const methods are safe for concurrent use.
#ifndef QJY_SERVICES_CASELOAD_H_
#define QJY_SERVICES_CASELOAD_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "services/obligations.h"
#include "services/services_store.h"

namespace qjy::services {

struct CategoryVerdict {
  Category category = Category::kBasicSkills;
  bool assessed = false;  // false: the registry's suggestion, no assessment yet
  std::string reason;     // "2024-03-05 张三评估：存在就业困难（调整理由：…）"
  std::string officer;    // assessed: the assessing officer as stored (an account name), as in reason
};

class Caseload {
 public:
  Caseload(std::vector<Registration> registrations, std::vector<Assessment> assessments,
           std::vector<ServiceRecord> records);
  // Everything of the region: every registration, assessment and record.
  static Result<Caseload> Load(ServicesStore& store, std::string_view region_prefix);
  // What the officers' queue (ObligationQueue) needs on `as_of`, and no
  // more: the registrations open on that day or closed by re-employment
  // (their follow-up), and the facts of their persons' records delivered
  // by then, each distinct fact at most max_repeat times. No assessments and no full records (Records(i) is empty;
  // CategoryOn gives the registry's suggestion), so its size follows the
  // open caseload, not the region's history.
  // `max_repeat`: ObligationEngine::MostCounted() of the engine the queue
  // is computed with (identical records beyond it change nothing).
  static Result<Caseload> LoadForQueue(ServicesStore& store, std::string_view region_prefix, Date as_of,
                                       int max_repeat);

  size_t size() const { return regs_.size(); }
  const Registration& registration(size_t i) const { return regs_[i]; }
  // The person's records (all registrations), sorted by date.
  std::span<const RecordFact> RecordFacts(size_t i) const;
  // Empty for a caseload from LoadForQueue.
  std::span<const ServiceRecord> Records(size_t i) const;
  CategoryVerdict CategoryOn(size_t i, Date as_of) const;

 private:
  Caseload(std::vector<Registration> registrations, std::vector<PersonRecordFact> facts);
  void SortRegistrations();
  // Fills record_span_ from the person of each fact (sorted by person).
  template <class PersonOf>
  void SpanRecords(PersonOf person_of);

  std::vector<Registration> regs_;  // by person, then registration date
  std::vector<ServiceRecord> records_;  // by person, then date
  std::vector<RecordFact> facts_;       // parallel to records_
  std::vector<std::pair<uint32_t, uint32_t>> record_span_;  // per registration: [begin, end)
  std::vector<Assessment> assessments_;  // by registration, then date
  std::unordered_map<int64_t, std::pair<uint32_t, uint32_t>> assessment_span_;
};

// Counts of registrations open on a date, level x category (A3(六)1).
struct ClassificationCounts {
  std::array<std::array<int64_t, 3>, 4> cells{};  // [level][category]
  int64_t unassessed = 0;  // of which counted by the registry's suggestion
  int64_t job_seeking = 0;
  int64_t Total() const;
};

ClassificationCounts Classify(const Caseload& caseload, Date as_of);

// Level and category of one registration with the reasons, for the API.
struct PersonClassification {
  Level level = Level::kShort;
  std::string level_reason;
  CategoryVerdict category;
};
PersonClassification ClassifyOne(const Caseload& caseload, size_t i, Date as_of);

// Obligation totals over the caseload as of a date (registrations that
// started on or before it), computed on `threads` threads.
struct ObligationTotals {
  int64_t registrations = 0;
  int64_t obligations = 0;
  std::array<int64_t, 5> by_status{};  // indexed by ObligationStatus
};
Result<ObligationTotals> SummarizeObligations(const Caseload& caseload,
                                              const ObligationEngine& engine, Date as_of,
                                              int threads);

}  // namespace qjy::services

#endif  // QJY_SERVICES_CASELOAD_H_
