#include "services/obligations.h"

#include <algorithm>

#include "services/classification.h"

namespace qjy::services {

const char* ObligationStatusCode(ObligationStatus s) {
  switch (s) {
    case ObligationStatus::kMet: return "met";
    case ObligationStatus::kMetLate: return "met_late";
    case ObligationStatus::kDue: return "due";
    case ObligationStatus::kOverdue: return "overdue";
    case ObligationStatus::kLapsed: return "lapsed";
  }
  return "due";
}

const char* ObligationStatusLabel(ObligationStatus s) {
  switch (s) {
    case ObligationStatus::kMet: return "按时完成";
    case ObligationStatus::kMetLate: return "逾期完成";
    case ObligationStatus::kDue: return "待办";
    case ObligationStatus::kOverdue: return "已逾期";
    case ObligationStatus::kLapsed: return "已终止";
  }
  return "待办";
}

namespace {

bool Fits(const PackageItem& item, ServiceKind k) {
  return std::find(item.kinds.begin(), item.kinds.end(), k) != item.kinds.end();
}

}  // namespace

int ObligationEngine::MostCounted() const {
  int most = 1;
  for (const Package& pkg : catalog_.packages()) {
    for (const PackageItem& item : pkg.items) most = std::max(most, item.count);
  }
  return most;
}

Result<void> ObligationEngine::Evaluate(const RegistrationFacts& reg,
                                        std::span<const RecordFact> records, Date as_of,
                                        std::vector<Obligation>& out) const {
  for (const Package& pkg : catalog_.packages()) {
    Date start;
    const Trigger& t = pkg.trigger;
    switch (t.kind) {
      case TriggerKind::kFound:
        start = reg.found_on;
        break;
      case TriggerKind::kLevel:
        start = LevelStart(reg.registered_on, t.level);
        if (reg.closed_on && start >= *reg.closed_on) continue;
        break;
      case TriggerKind::kFlag:
        if (!Has(reg.flags, t.flag)) continue;
        start = reg.registered_on;
        break;
      case TriggerKind::kReemployed:
        if (!reg.reemployed || !reg.closed_on) continue;
        start = *reg.closed_on;
        break;
    }
    if (start > as_of || !pkg.InForce(start)) continue;

    Obligation ob;
    ob.package = &pkg;
    ob.start = start;
    if (pkg.deadline_kind == DeadlineKind::kLevelEnd) {
      auto end = LevelEnd(reg.registered_on, t.level);
      if (!end) return Fail(ErrorCode::kInternal, "长期失业没有等级结束日");
      auto d = workdays_.OnOrNextWorkday(*end);
      if (!d) return std::unexpected(d.error());
      ob.deadline = *d;
    } else {
      int n = pkg.working_days;
      if (pkg.priority && Has(reg.flags, pkg.priority->flag)) {
        n = pkg.priority->working_days;
        ob.priority = true;
      }
      auto d = workdays_.AddWorkingDays(start, n);
      if (!d) return std::unexpected(d.error());
      ob.deadline = *d;
    }

    Date limit = as_of;
    bool closes = reg.closed_on && t.kind != TriggerKind::kReemployed;
    if (closes && *reg.closed_on < limit) limit = *reg.closed_on;

    ob.delivered.assign(pkg.items.size(), 0);
    std::vector<std::optional<Date>> done(pkg.items.size());
    for (size_t i = 0; i < pkg.items.size(); ++i) {
      const PackageItem& item = pkg.items[i];
      int64_t jobs[8];
      int njobs = 0;
      for (const RecordFact& r : records) {
        if (r.on > limit) break;
        if (!pkg.once_per_person && (r.registration_id != reg.registration_id || r.on < start)) {
          continue;
        }
        if (!Fits(item, r.kind)) continue;
        if (item.distinct_jobs) {
          if (r.job_id == 0) continue;
          bool seen = false;
          for (int j = 0; j < njobs; ++j) seen = seen || jobs[j] == r.job_id;
          if (seen) continue;
          if (njobs < 8) jobs[njobs++] = r.job_id;
        }
        if (++ob.delivered[i] == item.count) {
          done[i] = r.on;
          break;
        }
      }
    }
    bool complete = std::all_of(done.begin(), done.end(), [](const auto& d) { return d.has_value(); });
    if (complete) {
      Date met = start;
      for (const auto& d : done) met = std::max(met, *d);
      ob.met_on = met;
      ob.status = met <= ob.deadline ? ObligationStatus::kMet : ObligationStatus::kMetLate;
    } else if (closes && *reg.closed_on <= as_of && *reg.closed_on <= ob.deadline) {
      ob.status = ObligationStatus::kLapsed;
    } else if (as_of > ob.deadline) {
      ob.status = ObligationStatus::kOverdue;
    } else {
      ob.status = ObligationStatus::kDue;
    }
    out.push_back(std::move(ob));
  }
  return {};
}

}  // namespace qjy::services
