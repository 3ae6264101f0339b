#include "benefits/benefit_store.h"

#include <algorithm>
#include <ctime>

#include "auth/clock.h"
#include "benefits/benefit_facts.h"
#include "benefits/employment_check.h"
#include "benefits/civil_referral.h"
#include "benefits/subsidy_store.h"
#include "policy/ledger_schema.h"
#include "registry/contribution.h"
#include "store/contribution_store.h"
#include "store/sql_where.h"

namespace qjy::benefits {
namespace {

using store::Value;

constexpr char kClaims[] = R"sql(
CREATE TABLE benefit_claims (
  claim_id {id},
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  applied_on TEXT NOT NULL,
  first_month TEXT NOT NULL,
  granted {int} NOT NULL,
  decision_text TEXT NOT NULL,
  contribution_months {int} NOT NULL,
  duration_months {int} NOT NULL,
  monthly_fen {int} NOT NULL,
  medical_fen {int} NOT NULL,
  months_paid {int} NOT NULL DEFAULT 0,
  last_paid_month TEXT,
  status TEXT NOT NULL,
  stop_reason TEXT NOT NULL DEFAULT '',
  stopped_month TEXT,
  flag TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ({now}),
  updated_at TEXT NOT NULL DEFAULT ({now}),
  CHECK (months_paid >= 0 AND months_paid <= duration_months)
);
CREATE UNIQUE INDEX benefit_claims_key ON benefit_claims (county_code, person_id, applied_on);
CREATE INDEX benefit_claims_status ON benefit_claims (county_code, status, first_month);
CREATE INDEX benefit_claims_person ON benefit_claims (person_id);
CREATE TABLE benefit_payments (
  county_code TEXT NOT NULL,
  claim_id {int} NOT NULL,
  month TEXT NOT NULL,
  person_id {int} NOT NULL,
  amount_fen {int} NOT NULL,
  medical_fen {int} NOT NULL,
  once_key TEXT NOT NULL,
  run_id {int} NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (county_code, claim_id, month)
);
CREATE UNIQUE INDEX benefit_payments_once ON benefit_payments (once_key);
CREATE TABLE benefit_runs (
  run_id {id},
  region TEXT NOT NULL,
  month TEXT NOT NULL,
  actor TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  paid {int} NOT NULL DEFAULT 0,
  stopped {int} NOT NULL DEFAULT 0,
  ended {int} NOT NULL DEFAULT 0
);
CREATE INDEX benefit_runs_region ON benefit_runs (region, month);
)sql";

const store::Migration kMigrations[] = {
    {900, "benefit_claims", kClaims},
};

constexpr char kColumns[] =
    "claim_id, county_code, person_id, applied_on, first_month, granted, decision_text, contribution_months, "
    "duration_months, monthly_fen, medical_fen, months_paid, last_paid_month, status, stop_reason, stopped_month, "
    "flag, created_by, (SELECT p.name FROM persons p WHERE p.person_id = benefit_claims.person_id), "
    "(SELECT p.id_masked FROM persons p WHERE p.person_id = benefit_claims.person_id)";

std::optional<int32_t> MonthOrNull(const store::Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return registry::ParseMonth(r.Text(i));
}

Claim FromRow(const store::Row& r) {
  Claim c;
  c.claim_id = r.Int(0);
  c.county_code = r.Text(1);
  c.person_id = r.Int(2);
  c.applied_on = Date::Parse(r.Text(3)).value_or(Date());
  c.first_month = registry::ParseMonth(r.Text(4)).value_or(0);
  c.granted = r.Int(5) != 0;
  c.decision_text = r.Text(6);
  c.contribution_months = static_cast<int>(r.Int(7));
  c.duration_months = static_cast<int>(r.Int(8));
  c.monthly_fen = r.Int(9);
  c.medical_fen = r.Int(10);
  c.months_paid = static_cast<int>(r.Int(11));
  c.last_paid_month = MonthOrNull(r, 12);
  c.status = r.Text(13);
  c.stop_reason = r.Text(14);
  c.stopped_month = MonthOrNull(r, 15);
  c.flag = r.Text(16);
  c.created_by = r.Text(17);
  c.name = r.Text(18);
  c.id_masked = r.Text(19);
  return c;
}

}  // namespace

std::span<const store::Migration> BenefitMigrations() { return kMigrations; }

std::string_view StopReasonCode(StopReason r) {
  switch (r) {
    case StopReason::kReemployed: return "reemployed";
    case StopReason::kRefusedWork: return "refused_work";
    case StopReason::kMovedAway: return "moved";
    case StopReason::kEnlisted: return "enlisted";
    case StopReason::kDeath: return "death";
    case StopReason::kExpired: return "expired";
  }
  return "";
}

std::string_view StopReasonLabel(StopReason r) {
  switch (r) {
    case StopReason::kReemployed: return "再就业";
    case StopReason::kRefusedWork: return "拒绝介绍的适当工作";
    case StopReason::kMovedAway: return "迁出";
    case StopReason::kEnlisted: return "应征服兵役";
    case StopReason::kDeath: return "死亡";
    case StopReason::kExpired: return "期满";
  }
  return "";
}

std::optional<StopReason> ParseStopReason(std::string_view text) {
  for (StopReason r : kAllStopReasons) {
    if (text == StopReasonCode(r) || text == StopReasonLabel(r)) return r;
  }
  return std::nullopt;
}

std::string ClaimStatusLabel(std::string_view status) {
  if (status == "active") return "在领";
  if (status == "stopped") return "停止领取";
  if (status == "ended") return "期满";
  if (status == "refused") return "不予核准";
  if (status == "undetermined") return "待核实";
  return std::string(status);
}

nlohmann::json ClaimJson(const Claim& c) {
  auto month = [](std::optional<int32_t> m) { return m ? nlohmann::json(registry::MonthText(*m)) : nlohmann::json(); };
  return {{"claim_id", c.claim_id},
          {"county_code", c.county_code},
          {"person_id", c.person_id},
          {"name", c.name},
          {"id_masked", c.id_masked},
          {"applied_on", c.applied_on.ToString()},
          {"first_month", registry::MonthText(c.first_month)},
          {"granted", c.granted},
          {"decision", c.decision_text},
          {"contribution_months", c.contribution_months},
          {"duration_months", c.duration_months},
          {"monthly_fen", c.monthly_fen},
          {"medical_fen", c.medical_fen},
          {"months_paid", c.months_paid},
          {"last_paid_month", month(c.last_paid_month)},
          {"status", c.status},
          {"status_label", ClaimStatusLabel(c.status)},
          {"stop_reason", c.stop_reason},
          {"stopped_month", month(c.stopped_month)},
          {"flag", c.flag}};
}

Result<void> BenefitStore::Migrate() {
  if (auto r = policy::MigratePolicy(db_); !r) return r;
  if (auto r = store::ApplyMigrations(db_, BenefitMigrations()); !r) return r;
  if (auto r = store::ApplyMigrations(db_, SubsidyMigrations()); !r) return r;
  return store::ApplyMigrations(db_, ReferralMigrations());
}

Result<Claim> BenefitStore::Apply(int64_t person_id, Date applied_on, const policy::ParameterSet& params,
                                  const std::string& actor) {
  auto person = db_.Query("SELECT county_code FROM persons WHERE person_id = ?", std::vector<Value>{person_id});
  if (!person) return std::unexpected(person.error());
  if (person->empty()) return Fail(ErrorCode::kNotFound, "没有该人员：" + std::to_string(person_id));
  const std::string county = person->front().Text(0);
  auto active = db_.Query("SELECT claim_id FROM benefit_claims WHERE person_id = ? AND status = 'active'",
                          std::vector<Value>{person_id});
  if (!active) return std::unexpected(active.error());
  if (!active->empty()) {
    return Fail(ErrorCode::kConflict, "该人员正在领取失业保险金（申请编号 " +
                                          std::to_string(active->front().Int(0)) + "），不能重复申请");
  }
  auto p = ParamsOn(params, applied_on, county);
  if (!p) return std::unexpected(p.error());
  auto months = store::ContributionStore(db_).OfPerson(person_id);
  if (!months) return std::unexpected(months.error());
  const int32_t first = registry::MonthOf(applied_on);
  auto prior = PriorClaimOf(person_id, first);
  if (!prior) return std::unexpected(prior.error());
  EntitlementDecision d = Decide(*p, *months, first, *prior);
  if (d.granted) {
    // 《失业保险条例》第十四条（二）：须已中断就业。A month with contributions
    // or a contract in force is not unemployment.
    auto employed = EmploymentIn(db_, county, person_id, first);
    if (!employed) return std::unexpected(employed.error());
    if (*employed) {
      d.granted = false;
      d.duration_months = 0;
      d.reason = "申请当月" + **employed + "，未中断就业（《失业保险条例》第十四条）";
    }
  }
  bool undetermined = false;
  if (d.granted) {
    // 第十四条（二）：非因本人意愿中断就业 — from how the last employment ended.
    auto end = LastEmploymentEnd(db_, person_id, *Date::FromYmd(first / 12, first % 12 + 1, 1));
    if (!end) return std::unexpected(end.error());
    if (!*end) {
      d.granted = false;
      undetermined = true;
      d.duration_months = 0;
      d.reason = "登记库中没有该人员最近一次劳动合同终止或解除的记录，无法判断是否非因本人意愿中断就业"
                 "（《失业保险条例》第十四条（二）），待核实";
    } else if (!Involuntary(**end)) {
      d.granted = false;
      d.duration_months = 0;
      d.reason = EndText(**end) + "，不属于非因本人意愿中断就业（《失业保险条例》第十四条（二））";
    } else {
      d.reason += "；" + EndText(**end) + "，属非因本人意愿中断就业（第十四条（二））";
    }
  }
  auto ins = db_.Exec(
      "INSERT INTO benefit_claims (county_code, person_id, applied_on, first_month, granted, decision_text, "
      "contribution_months, duration_months, monthly_fen, medical_fen, status, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      std::vector<Value>{county, person_id, applied_on.ToString(), registry::MonthText(first), int64_t{d.granted},
                         d.reason, int64_t{d.contribution_months}, int64_t{d.duration_months},
                         d.granted ? d.monthly_fen : 0, d.granted ? d.medical_fen : 0,
                         std::string(d.granted ? "active" : undetermined ? "undetermined" : "refused"), actor});
  if (!ins) {
    if (ins.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kConflict, "该人员在 " + applied_on.ToString() + " 已有失业保险金申请");
    }
    return std::unexpected(ins.error());
  }
  auto rows = db_.Query(std::string("SELECT ") + kColumns +
                            " FROM benefit_claims WHERE county_code = ? AND person_id = ? AND applied_on = ?",
                        std::vector<Value>{county, person_id, applied_on.ToString()});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kInternal, "申请已写入但未能读回");
  return FromRow(rows->front());
}

Result<std::optional<PriorClaim>> BenefitStore::PriorClaimOf(int64_t person_id, int32_t before_month) {
  auto rows = db_.Query(std::string("SELECT ") + kColumns +
                            " FROM benefit_claims WHERE person_id = ? AND granted = 1 AND status IN ('stopped', "
                            "'ended') AND first_month < ? ORDER BY first_month DESC, claim_id DESC LIMIT 1",
                        std::vector<Value>{person_id, registry::MonthText(before_month)});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<PriorClaim>();
  const Claim c = FromRow(rows->front());
  PriorClaim prior;
  prior.first_month = c.first_month;
  // 缴费时间重新计算: from the month it stopped (not paid), else after its last month paid.
  prior.counted_from = c.stopped_month    ? *c.stopped_month
                       : c.last_paid_month ? *c.last_paid_month + 1
                                           : c.first_month;
  prior.unused_months = std::max(0, c.duration_months - c.months_paid);
  prior.reemployed = c.stop_reason == StopReasonLabel(StopReason::kReemployed);
  prior.stop_label = c.stop_reason.empty() ? std::string("期满") : c.stop_reason;
  return std::optional<PriorClaim>(prior);
}

Result<std::optional<Claim>> BenefitStore::Find(int64_t claim_id) {
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM benefit_claims WHERE claim_id = ?",
                        std::vector<Value>{claim_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Claim>();
  return std::optional<Claim>(FromRow(rows->front()));
}

Result<std::vector<Claim>> BenefitStore::List(const ClaimFilter& f) {
  store::Where w("claim_id > ?", {f.after_id});
  w.County("county_code", f.region).Eq("status", f.status).Eq("person_id", f.person_id);
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM benefit_claims WHERE " + w.Sql() +
                            " ORDER BY claim_id LIMIT ?",
                        w.Then(int64_t{f.limit}));
  if (!rows) return std::unexpected(rows.error());
  std::vector<Claim> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<Claim> BenefitStore::Stop(int64_t claim_id, StopReason reason, int32_t month, const std::string& actor,
                                 const std::string& note) {
  auto found = Find(claim_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "没有该失业保险金申请：" + std::to_string(claim_id));
  const Claim& c = **found;
  if (c.status != "active") {
    return Fail(ErrorCode::kConflict, "该申请状态为“" + ClaimStatusLabel(c.status) + "”，不能停发");
  }
  if (c.last_paid_month && month <= *c.last_paid_month) {
    return Fail(ErrorCode::kConflict, registry::MonthText(month) + " 的失业保险金已发放（已发至 " +
                                          registry::MonthText(*c.last_paid_month) + "），停发月份须晚于已发月份");
  }
  const std::string status = reason == StopReason::kExpired ? "ended" : "stopped";
  const std::string flag = note.empty() ? std::string() : note + "（" + actor + "）";
  auto u = db_.Exec(
      "UPDATE benefit_claims SET status = ?, stop_reason = ?, stopped_month = ?, "
      "flag = CASE WHEN ? = '' THEN flag ELSE ? END, updated_at = ? WHERE claim_id = ? AND status = 'active'",
      std::vector<Value>{status, std::string(StopReasonLabel(reason)), registry::MonthText(month), flag, flag,
                         auth::IsoUtc(std::time(nullptr)), claim_id});
  if (!u) return std::unexpected(u.error());
  if (*u == 0) return Fail(ErrorCode::kConflict, "该申请已不在领取状态");
  auto again = Find(claim_id);
  if (!again) return std::unexpected(again.error());
  return **again;
}

Result<std::optional<std::vector<BenefitSpan>>> BenefitStore::SpansOf(int64_t person_id) {
  using Out = std::optional<std::vector<BenefitSpan>>;
  const int64_t ids[] = {person_id};
  auto facts = BenefitFacts::Load(db_, ids);
  if (!facts) return std::unexpected(facts.error());
  if (!facts->migrated()) return Out();
  auto person = db_.Query("SELECT county_code FROM persons WHERE person_id = ?", std::vector<Value>{person_id});
  if (!person) return std::unexpected(person.error());
  return facts->SpansOf(person_id, person->empty() ? std::string() : person->front().Text(0));
}

}  // namespace qjy::benefits
