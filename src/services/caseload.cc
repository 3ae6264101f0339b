#include "services/caseload.h"

#include <algorithm>
#include <thread>

#include "core/first_exception.h"

namespace qjy::services {

Caseload::Caseload(std::vector<Registration> registrations, std::vector<Assessment> assessments,
                   std::vector<ServiceRecord> records)
    : regs_(std::move(registrations)),
      records_(std::move(records)),
      assessments_(std::move(assessments)) {
  SortRegistrations();
  std::sort(records_.begin(), records_.end(), [](const ServiceRecord& a, const ServiceRecord& b) {
    if (a.person_id != b.person_id) return a.person_id < b.person_id;
    if (a.delivered_on != b.delivered_on) return a.delivered_on < b.delivered_on;
    return a.record_id < b.record_id;
  });
  facts_.reserve(records_.size());
  for (const auto& r : records_) facts_.push_back(r.Fact());
  SpanRecords([&](size_t k) { return records_[k].person_id; });
  std::stable_sort(assessments_.begin(), assessments_.end(),
                   [](const Assessment& a, const Assessment& b) {
                     if (a.registration_id != b.registration_id) return a.registration_id < b.registration_id;
                     return a.assessed_on < b.assessed_on;
                   });
  for (size_t i = 0; i < assessments_.size();) {
    size_t k = i;
    while (k < assessments_.size() && assessments_[k].registration_id == assessments_[i].registration_id) ++k;
    assessment_span_[assessments_[i].registration_id] = {static_cast<uint32_t>(i), static_cast<uint32_t>(k)};
    i = k;
  }
}

Caseload::Caseload(std::vector<Registration> registrations, std::vector<PersonRecordFact> facts)
    : regs_(std::move(registrations)) {
  SortRegistrations();
  // The store gives them by person, then date; kept stable for equal keys.
  std::stable_sort(facts.begin(), facts.end(), [](const PersonRecordFact& a, const PersonRecordFact& b) {
    if (a.person_id != b.person_id) return a.person_id < b.person_id;
    return a.fact.on < b.fact.on;
  });
  facts_.reserve(facts.size());
  for (const auto& f : facts) facts_.push_back(f.fact);
  SpanRecords([&](size_t k) { return facts[k].person_id; });
}

void Caseload::SortRegistrations() {
  std::sort(regs_.begin(), regs_.end(), [](const Registration& a, const Registration& b) {
    if (a.person_id != b.person_id) return a.person_id < b.person_id;
    if (a.registered_on != b.registered_on) return a.registered_on < b.registered_on;
    return a.registration_id < b.registration_id;
  });
}

template <class PersonOf>
void Caseload::SpanRecords(PersonOf person_of) {
  // Merge-walk: registrations and facts both sorted by person.
  record_span_.resize(regs_.size());
  size_t j = 0;
  for (size_t i = 0; i < regs_.size(); ++i) {
    int64_t pid = regs_[i].person_id;
    if (i > 0 && regs_[i - 1].person_id == pid) {
      record_span_[i] = record_span_[i - 1];
      continue;
    }
    while (j < facts_.size() && person_of(j) < pid) ++j;
    size_t k = j;
    while (k < facts_.size() && person_of(k) == pid) ++k;
    record_span_[i] = {static_cast<uint32_t>(j), static_cast<uint32_t>(k)};
    j = k;
  }
}

Result<Caseload> Caseload::Load(ServicesStore& store, std::string_view prefix) {
  auto regs = store.ListRegistrations(prefix);
  if (!regs) return std::unexpected(regs.error());
  auto assess = store.AssessmentsInRegion(prefix);
  if (!assess) return std::unexpected(assess.error());
  auto recs = store.RecordsInRegion(prefix);
  if (!recs) return std::unexpected(recs.error());
  return Caseload(std::move(*regs), std::move(*assess), std::move(*recs));
}

Result<Caseload> Caseload::LoadForQueue(ServicesStore& store, std::string_view prefix, Date as_of,
                                        int max_repeat) {
  auto regs = store.QueueRegistrations(prefix, as_of);
  if (!regs) return std::unexpected(regs.error());
  auto facts = store.QueueRecordFacts(prefix, as_of, max_repeat);
  if (!facts) return std::unexpected(facts.error());
  return Caseload(std::move(*regs), std::move(*facts));
}

std::span<const RecordFact> Caseload::RecordFacts(size_t i) const {
  auto [b, e] = record_span_[i];
  return std::span<const RecordFact>(facts_.data() + b, e - b);
}

std::span<const ServiceRecord> Caseload::Records(size_t i) const {
  if (records_.empty()) return {};  // a queue caseload: facts only
  auto [b, e] = record_span_[i];
  return std::span<const ServiceRecord>(records_.data() + b, e - b);
}

CategoryVerdict Caseload::CategoryOn(size_t i, Date as_of) const {
  const Registration& r = regs_[i];
  CategoryVerdict v;
  v.category = r.suggested_category;
  auto it = assessment_span_.find(r.registration_id);
  if (it != assessment_span_.end()) {
    const Assessment* latest = nullptr;
    for (uint32_t k = it->second.first; k < it->second.second; ++k) {
      if (assessments_[k].assessed_on <= as_of) latest = &assessments_[k];
    }
    if (latest != nullptr) {
      v.category = latest->category;
      v.assessed = true;
      v.officer = latest->officer;
      v.reason = latest->assessed_on.ToString() + " " + latest->officer + " 评估：" +
                 CategoryLabel(latest->category);
      if (latest->IsOverride()) {
        v.reason += std::string("（调整系统建议“") + CategoryLabel(latest->suggested_category) +
                    "”，理由：" + latest->reason + "）";
      }
      v.reason += "（附件3（六）1）";
      return v;
    }
  }
  v.reason = std::string("尚未评估，按档案建议：") + CategoryLabel(v.category) + "（附件3（六）1）";
  return v;
}

int64_t ClassificationCounts::Total() const {
  int64_t t = 0;
  for (const auto& row : cells)
    for (int64_t c : row) t += c;
  return t;
}

ClassificationCounts Classify(const Caseload& caseload, Date as_of) {
  ClassificationCounts out;
  for (size_t i = 0; i < caseload.size(); ++i) {
    const Registration& r = caseload.registration(i);
    if (!r.OpenOn(as_of)) continue;
    Level l = LevelOn(r.registered_on, as_of);
    CategoryVerdict c = caseload.CategoryOn(i, as_of);
    ++out.cells[static_cast<int>(l)][static_cast<int>(c.category)];
    if (!c.assessed) ++out.unassessed;
    if (r.kind == RegistrationKind::kJobSeeking) ++out.job_seeking;
  }
  return out;
}

PersonClassification ClassifyOne(const Caseload& caseload, size_t i, Date as_of) {
  const Registration& r = caseload.registration(i);
  PersonClassification p;
  p.level = LevelOn(r.registered_on, as_of);
  p.level_reason = LevelReason(r.registered_on, as_of);
  p.category = caseload.CategoryOn(i, as_of);
  return p;
}

Result<ObligationTotals> SummarizeObligations(const Caseload& caseload,
                                              const ObligationEngine& engine, Date as_of,
                                              int threads) {
  threads = std::max(1, threads);
  std::vector<ObligationTotals> parts(threads);
  std::vector<Error> errors(threads);
  std::vector<char> failed(threads, 0);
  auto work = [&](int t) {
    std::vector<Obligation> obs;
    ObligationTotals& tot = parts[t];
    size_t n = caseload.size();
    size_t begin = n * t / threads, end = n * (t + 1) / threads;
    for (size_t i = begin; i < end; ++i) {
      const Registration& r = caseload.registration(i);
      if (r.registered_on > as_of) continue;
      obs.clear();
      auto ok = engine.Evaluate(r.Facts(), caseload.RecordFacts(i), as_of, obs);
      if (!ok) {
        failed[t] = 1;
        errors[t] = ok.error();
        return;
      }
      ++tot.registrations;
      tot.obligations += static_cast<int64_t>(obs.size());
      for (const auto& o : obs) ++tot.by_status[static_cast<int>(o.status)];
    }
  };
  // A worker's exception is rethrown here, after the join: it must not leave
  // its thread (std::terminate).
  FirstException failure;
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back([&, t] { failure.Run([&] { work(t); }); });
  failure.Run([&] { work(0); });
  for (auto& th : pool) th.join();
  failure.Rethrow();
  ObligationTotals total;
  for (int t = 0; t < threads; ++t) {
    if (failed[t]) return std::unexpected(errors[t]);
    total.registrations += parts[t].registrations;
    total.obligations += parts[t].obligations;
    for (size_t s = 0; s < total.by_status.size(); ++s) total.by_status[s] += parts[t].by_status[s];
  }
  return total;
}

}  // namespace qjy::services
