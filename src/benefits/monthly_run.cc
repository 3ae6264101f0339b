#include "benefits/monthly_run.h"

#include <tuple>

#include "benefits/employment_check.h"
#include "core/date.h"
#include "policy/ledger_entries.h"
#include "registry/contribution.h"

namespace qjy::benefits {
namespace {

using store::Value;

constexpr char kFund[] = "unemployment_insurance";

struct Candidate {
  int64_t claim_id = 0, person_id = 0;
  std::string county;
  int64_t monthly_fen = 0, medical_fen = 0;
  int months_paid = 0, duration = 0;
  bool employed = false;
  std::string status;
};

// Claims a month may be paid or stopped for: active, or stopped from a
// later month (an officer's stop does not undo the months before it).
constexpr char kOpenFor[] =
    "(status = 'active' OR (status = 'stopped' AND stopped_month > ?)) "
    "AND (last_paid_month IS NULL OR last_paid_month < ?) AND months_paid < duration_months";

}  // namespace

Result<void> PayFromUiFund(store::Db& db, const std::string& once_key, int64_t claim_id, int64_t amount,
                          const std::string& expense, const std::string& actor, const std::string& now) {
  auto ins = db.Exec(
      "INSERT INTO policy_payments (once_key, entitlement_id, fund, amount_fen, idempotency_key, actor, created_at) "
      "VALUES (?, ?, ?, ?, NULL, ?, ?)",
      std::vector<Value>{once_key, claim_id, std::string(kFund), amount, actor, now});
  if (!ins) return std::unexpected(ins.error());
  return policy::PostEntries(db, "pay:" + once_key, once_key, expense + ":" + kFund, std::string("资金专户:") + kFund,
                             amount, now);
}

namespace {

// One claim's writes for month `m`, inside the caller's transaction. The
// item's outcome is "stopped", "paid", "ended" or "skipped" (the guarded
// UPDATE found the claim paid or stopped meanwhile); kAlreadyExists when a
// once-only key is taken.
Result<RunItem> ApplyClaim(store::Db& db, const Candidate& c, int32_t month, const std::string& m,
                           int64_t run_id, const std::string& actor, const std::string& now) {
  RunItem item{c.claim_id, c.person_id, c.county, "", 0, 0, ""};
  if (c.employed) {
    auto finding = EmploymentIn(db, c.county, c.person_id, month);
    if (!finding) return std::unexpected(finding.error());
    item.finding = "核查比对：" + finding->value_or(m + " 有就业记录");
    auto u = db.Exec(
        "UPDATE benefit_claims SET status = 'stopped', stop_reason = '再就业', stopped_month = ?, flag = ?, "
        "updated_at = ? WHERE claim_id = ? AND " + std::string(kOpenFor),
        std::vector<Value>{m, item.finding, now, c.claim_id, m, m});
    if (!u) return std::unexpected(u.error());
    item.outcome = *u == 1 ? "stopped" : "skipped";
    return item;
  }
  const bool last = c.status == "active" && c.months_paid + 1 >= c.duration;
  const std::string benefit_key = "ui_benefit|" + std::to_string(c.person_id) + "|" + m;
  const std::string medical_key = "ui_medical|" + std::to_string(c.person_id) + "|" + m;
  auto u = db.Exec(
      std::string("UPDATE benefit_claims SET months_paid = months_paid + 1, last_paid_month = ?, status = ?, "
                  "stop_reason = CASE WHEN ? = 1 THEN '期满' ELSE stop_reason END, updated_at = ? "
                  "WHERE claim_id = ? AND status = ? AND ") +
          kOpenFor,
      std::vector<Value>{m, std::string(last ? "ended" : c.status), int64_t{last}, now, c.claim_id, c.status, m,
                         m});
  if (!u) return std::unexpected(u.error());
  if (*u == 0) {  // paid or stopped by another run meanwhile
    item.outcome = "skipped";
    return item;
  }
  auto p = db.Exec(
      "INSERT INTO benefit_payments (county_code, claim_id, month, person_id, amount_fen, medical_fen, once_key, "
      "run_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      std::vector<Value>{c.county, c.claim_id, m, c.person_id, c.monthly_fen, c.medical_fen, benefit_key, run_id,
                         now});
  if (!p) return std::unexpected(p.error());
  if (auto r = PayFromUiFund(db, benefit_key, c.claim_id, c.monthly_fen, "失业保险金支出", actor, now); !r) {
    return std::unexpected(r.error());
  }
  if (c.medical_fen > 0) {
    if (auto r = PayFromUiFund(db, medical_key, c.claim_id, c.medical_fen, "代缴医疗保险费支出", actor, now); !r) {
      return std::unexpected(r.error());
    }
  }
  item.outcome = last ? "ended" : "paid";
  item.amount_fen = c.monthly_fen;
  item.medical_fen = c.medical_fen;
  return item;
}

void Count(RunReport& rep, RunItem item) {
  if (item.outcome == "stopped") {
    ++rep.stopped;
  } else if (item.outcome == "skipped") {
    ++rep.skipped;
  } else {
    ++rep.paid;
    rep.ended += item.outcome == "ended";
    rep.paid_fen += item.amount_fen;
    rep.medical_fen += item.medical_fen;
  }
  rep.items.push_back(std::move(item));
}

}  // namespace

Result<RunReport> RunMonth(store::Db& db, int32_t month, const std::string& region, const std::string& actor,
                           const auth::Clock& clock, const RunOptions& options) {
  if (options.batch_claims < 1) return Fail(ErrorCode::kInvalidArgument, "每批笔数须至少为 1");
  RunReport rep;
  rep.month = month;
  const std::string m = registry::MonthText(month);
  auto first_day = Date::FromYmd(month / 12, month % 12 + 1, 1);
  if (!first_day) return std::unexpected(first_day.error());
  const std::string first_s = first_day->ToString();
  const std::string last_s = first_day->AddMonths(1).AddDays(-1).ToString();
  {
    auto r = db.Exec("INSERT INTO benefit_runs (region, month, actor, started_at) VALUES (?, ?, ?, ?)",
                     std::vector<Value>{region, m, actor, auth::IsoUtc(clock.Now())});
    if (!r) return std::unexpected(r.error());
    auto id = db.Query("SELECT MAX(run_id) FROM benefit_runs WHERE region = ? AND month = ?",
                       std::vector<Value>{region, m});
    if (!id) return std::unexpected(id.error());
    rep.run_id = id->front().Int(0);
  }
  auto counties = db.Query("SELECT DISTINCT county_code FROM benefit_claims WHERE county_code LIKE ? "
                           "ORDER BY county_code",
                           std::vector<Value>{region + "%"});
  if (!counties) return std::unexpected(counties.error());
  // One county's candidates with the cross-check, a batch at a time by
  // claim id.
  const std::string sql = std::string(
                              "SELECT c.claim_id, c.person_id, c.county_code, c.monthly_fen, c.medical_fen, "
                              "c.months_paid, c.duration_months, c.status, ") +
                          kContributedInMonthSql + ", " + kContractInMonthSql +
                          " FROM benefit_claims c WHERE c.county_code = ? "
                          "AND (c.status = 'active' OR (c.status = 'stopped' AND c.stopped_month > ?)) "
                          "AND c.first_month <= ? AND (c.last_paid_month IS NULL OR c.last_paid_month < ?) "
                          "AND c.claim_id > ? ORDER BY c.claim_id LIMIT ?";
  int index = 0;
  for (const auto& county_row : *counties) {
    const std::string county = county_row.Text(0);
    int64_t after = 0;
    for (;;) {
      auto rows = db.Query(sql, std::vector<Value>{m, last_s, first_s, first_s, county, m, m, m, after,
                                                   int64_t{options.batch_claims}});
      if (!rows) return std::unexpected(rows.error());
      if (rows->empty()) break;
      std::vector<Candidate> batch;
      for (const auto& r : *rows) {
        batch.push_back({r.Int(0), r.Int(1), r.Text(2), r.Int(3), r.Int(4), static_cast<int>(r.Int(5)),
                         static_cast<int>(r.Int(6)), r.Int(8) != 0 || r.Int(9) != 0, r.Text(7)});
      }
      after = batch.back().claim_id;
      const int first_index = index;
      index += static_cast<int>(batch.size());
      const std::string now = auth::IsoUtc(clock.Now());
      // The whole batch in one transaction ...
      auto whole = [&]() -> Result<std::vector<RunItem>> {
        auto tx = store::Transaction::Begin(db);
        if (!tx) return std::unexpected(tx.error());
        std::vector<RunItem> items;
        for (size_t k = 0; k < batch.size(); ++k) {
          auto item = ApplyClaim(db, batch[k], month, m, rep.run_id, actor, now);
          if (!item) return std::unexpected(item.error());
          items.push_back(std::move(*item));
          if (options.hook) options.hook(first_index + static_cast<int>(k));
        }
        if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
        return items;
      }();
      if (whole) {
        for (auto& item : *whole) Count(rep, std::move(item));
        continue;
      }
      if (whole.error().code != ErrorCode::kAlreadyExists) return std::unexpected(whole.error());
      // ... or, when a once-only key was taken (a month paid before), one
      // claim per transaction: the claim holding the key is skipped.
      for (size_t k = 0; k < batch.size(); ++k) {
        auto one = [&]() -> Result<RunItem> {
          auto tx = store::Transaction::Begin(db);
          if (!tx) return std::unexpected(tx.error());
          auto item = ApplyClaim(db, batch[k], month, m, rep.run_id, actor, now);
          if (!item) return std::unexpected(item.error());
          if (options.hook) options.hook(first_index + static_cast<int>(k));
          if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
          return item;
        }();
        if (!one) {
          if (one.error().code != ErrorCode::kAlreadyExists) return std::unexpected(one.error());
          one = RunItem{batch[k].claim_id, batch[k].person_id, batch[k].county, "skipped", 0, 0, ""};
        }
        Count(rep, std::move(*one));
      }
    }
  }
  auto subsidies = RunSubsidyMonth(db, month, region, actor, clock, rep.run_id);
  if (!subsidies) return std::unexpected(subsidies.error());
  rep.subsidies = std::move(*subsidies);
  auto fin = db.Exec("UPDATE benefit_runs SET finished_at = ?, paid = ?, stopped = ?, ended = ? WHERE run_id = ?",
                     std::vector<Value>{auth::IsoUtc(clock.Now()), rep.paid, rep.stopped, rep.ended, rep.run_id});
  if (!fin) return std::unexpected(fin.error());
  return rep;
}

}  // namespace qjy::benefits
