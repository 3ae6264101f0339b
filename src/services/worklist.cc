#include "services/worklist.h"

#include <algorithm>
#include <map>

namespace qjy::services {

const char* BucketCode(Bucket b) {
  switch (b) {
    case Bucket::kOverdue: return "overdue";
    case Bucket::kDueToday: return "due_today";
    case Bucket::kDueSoon: return "due_soon";
    case Bucket::kLater: return "later";
  }
  return "later";
}

const char* BucketLabel(Bucket b) {
  switch (b) {
    case Bucket::kOverdue: return "已逾期";
    case Bucket::kDueToday: return "今日到期";
    case Bucket::kDueSoon: return "2个工作日内到期";
    case Bucket::kLater: return "其他待办";
  }
  return "其他待办";
}

const char* TaskSourceCode(TaskSource s) {
  switch (s) {
    case TaskSource::kObligation: return "obligation";
    case TaskSource::kWelfarePostExit: return "welfare_post_exit";
    case TaskSource::kLedgerUpdate: return "ledger_update";
    case TaskSource::kLinkageReturn: return "linkage_return";  // linkage/followup.h
  }
  return "obligation";
}

Result<Bucket> BucketOf(Date deadline, Date as_of, const WorkdayIndex& workdays) {
  if (as_of > deadline) return Bucket::kOverdue;
  if (as_of == deadline) return Bucket::kDueToday;
  auto soon = workdays.AddWorkingDays(as_of, kDueSoonWorkingDays);
  if (!soon) return std::unexpected(soon.error());
  return deadline <= *soon ? Bucket::kDueSoon : Bucket::kLater;
}

std::string MissingText(const Obligation& o) {
  std::string out;
  for (size_t i = 0; i < o.package->items.size(); ++i) {
    const PackageItem& item = o.package->items[i];
    int left = item.count - o.delivered[i];
    if (left <= 0) continue;
    if (!out.empty()) out += "、";
    out += std::to_string(left) + "次";
    for (size_t k = 0; k < item.kinds.size(); ++k) {
      if (k) out += "或";
      out += ServiceKindLabel(item.kinds[k]);
    }
  }
  return out.empty() ? out : "还需：" + out;
}

void SortQueue(std::vector<WorkItem>& items) {
  std::stable_sort(items.begin(), items.end(), [](const WorkItem& a, const WorkItem& b) {
    if (a.bucket != b.bucket) return a.bucket < b.bucket;
    if (a.deadline != b.deadline) return a.deadline < b.deadline;
    return a.registration_id < b.registration_id;
  });
}

Result<std::vector<WorkItem>> ObligationQueue(const Caseload& caseload,
                                              const ObligationEngine& engine,
                                              const WorkdayIndex& workdays, Date as_of,
                                              std::string_view officer) {
  std::vector<WorkItem> items;
  std::vector<Obligation> obs;
  for (size_t i = 0; i < caseload.size(); ++i) {
    const Registration& r = caseload.registration(i);
    if (!officer.empty() && r.officer != officer) continue;
    if (r.registered_on > as_of) continue;
    bool open = r.OpenOn(as_of);
    bool followup = r.closed_on && *r.closed_on <= as_of && r.close_reason == CloseReason::kReemployed;
    if (!open && !followup) continue;
    obs.clear();
    auto ok = engine.Evaluate(r.Facts(), caseload.RecordFacts(i), as_of, obs);
    if (!ok) return std::unexpected(ok.error());
    for (const Obligation& o : obs) {
      if (o.status != ObligationStatus::kDue && o.status != ObligationStatus::kOverdue) continue;
      if (!open && o.package->trigger.kind != TriggerKind::kReemployed) continue;
      WorkItem w;
      w.registration_id = r.registration_id;
      w.person_id = r.person_id;
      w.region_code = r.region_code;
      w.officer = r.officer;
      w.title = o.package->name;
      w.clause = o.priority ? o.package->clause + "、" + o.package->priority->clause : o.package->clause;
      w.detail = MissingText(o);
      w.package_id = o.package->id;
      w.start = o.start;
      w.deadline = o.deadline;
      w.provisional_note = workdays.ProvisionalNote(o.start, o.deadline);
      auto b = BucketOf(o.deadline, as_of, workdays);
      if (!b) return std::unexpected(b.error());
      w.bucket = *b;
      items.push_back(std::move(w));
    }
  }
  SortQueue(items);
  return items;
}

double ComplianceRow::OnTimeShare() const {
  int64_t d = Decided();
  return d == 0 ? 1.0 : static_cast<double>(met_on_time) / static_cast<double>(d);
}

Result<std::vector<ComplianceRow>> Compliance(const Caseload& caseload,
                                              const ObligationEngine& engine, Date as_of,
                                              GroupBy by) {
  std::map<std::string, ComplianceRow> rows;
  ComplianceRow total;
  std::vector<Obligation> obs;
  for (size_t i = 0; i < caseload.size(); ++i) {
    const Registration& r = caseload.registration(i);
    if (r.registered_on > as_of) continue;
    obs.clear();
    auto ok = engine.Evaluate(r.Facts(), caseload.RecordFacts(i), as_of, obs);
    if (!ok) return std::unexpected(ok.error());
    std::string key = by == GroupBy::kOfficer                              ? r.officer
                      : by == GroupBy::kCounty || r.region_code.size() < 9 ? r.region_code.substr(0, 6)
                                                                           : r.region_code.substr(0, 9);
    ComplianceRow& row = rows[key];
    row.key = key;
    for (const Obligation& o : obs) {
      for (ComplianceRow* t : {&row, &total}) {
        switch (o.status) {
          case ObligationStatus::kMet: ++t->met_on_time; break;
          case ObligationStatus::kMetLate: ++t->met_late; break;
          case ObligationStatus::kOverdue: ++t->overdue; break;
          case ObligationStatus::kDue: ++t->due; break;
          case ObligationStatus::kLapsed:
            break;  // closed before the deadline: no longer owed
        }
      }
    }
  }
  std::vector<ComplianceRow> out;
  for (auto& [k, v] : rows) out.push_back(v);
  out.push_back(total);
  return out;
}

}  // namespace qjy::services
