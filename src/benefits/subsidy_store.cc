#include "benefits/subsidy_store.h"

#include <algorithm>

#include "benefits/employment_check.h"
#include "benefits/monthly_run.h"
#include "registry/contribution.h"
#include "store/contribution_store.h"
#include "store/sql_where.h"

namespace qjy::benefits {
namespace {

using store::Value;

constexpr char kTables[] = R"sql(
CREATE TABLE living_subsidy_claims (
  claim_id {id},
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ui_subsidy', 'migrant_lump')),
  applied_on TEXT NOT NULL,
  first_month TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('granted', 'refused', 'undetermined')),
  conditions TEXT NOT NULL,
  decision_text TEXT NOT NULL,
  months {int} NOT NULL,
  amount_fen {int} NOT NULL,
  months_paid {int} NOT NULL DEFAULT 0,
  last_paid_month TEXT,
  status TEXT NOT NULL,
  stop_reason TEXT NOT NULL DEFAULT '',
  stopped_month TEXT,
  flag TEXT NOT NULL DEFAULT '',
  spell_key TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ({now}),
  updated_at TEXT NOT NULL DEFAULT ({now}),
  CHECK (months_paid >= 0 AND months_paid <= months)
);
CREATE UNIQUE INDEX living_subsidy_claims_key ON living_subsidy_claims (county_code, person_id, kind, applied_on);
CREATE INDEX living_subsidy_claims_status ON living_subsidy_claims (county_code, status, first_month);
CREATE INDEX living_subsidy_claims_person ON living_subsidy_claims (person_id, kind);
CREATE TABLE living_subsidy_payments (
  county_code TEXT NOT NULL,
  claim_id {int} NOT NULL,
  month TEXT NOT NULL,
  person_id {int} NOT NULL,
  amount_fen {int} NOT NULL,
  once_key TEXT NOT NULL,
  run_id {int} NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (county_code, claim_id, month)
);
CREATE UNIQUE INDEX living_subsidy_payments_once ON living_subsidy_payments (once_key);
)sql";

const store::Migration kSubsidyStoreMigrations[] = {{950, "living_subsidy_claims", kTables}};

constexpr char kSubsidyStoreColumns[] =
    "claim_id, county_code, person_id, kind, applied_on, first_month, outcome, conditions, decision_text, months, "
    "amount_fen, months_paid, last_paid_month, status, stop_reason, stopped_month, flag, spell_key, created_by, "
    "(SELECT p.name FROM persons p WHERE p.person_id = living_subsidy_claims.person_id), "
    "(SELECT p.id_masked FROM persons p WHERE p.person_id = living_subsidy_claims.person_id)";

std::optional<int32_t> SubsidyStoreMonthOrNull(const store::Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return registry::ParseMonth(r.Text(i));
}

SubsidyClaim SubsidyStoreFromRow(const store::Row& r) {
  SubsidyClaim c;
  c.claim_id = r.Int(0);
  c.county_code = r.Text(1);
  c.person_id = r.Int(2);
  c.kind = ParseSubsidyKind(r.Text(3)).value_or(SubsidyKind::kUiSubsidy);
  c.applied_on = Date::Parse(r.Text(4)).value_or(Date());
  c.first_month = registry::ParseMonth(r.Text(5)).value_or(0);
  c.outcome = r.Text(6);
  c.conditions = nlohmann::json::parse(r.Text(7), nullptr, false);
  if (c.conditions.is_discarded()) c.conditions = nlohmann::json::array();
  c.decision_text = r.Text(8);
  c.months = static_cast<int>(r.Int(9));
  c.amount_fen = r.Int(10);
  c.months_paid = static_cast<int>(r.Int(11));
  c.last_paid_month = SubsidyStoreMonthOrNull(r, 12);
  c.status = r.Text(13);
  c.stop_reason = r.Text(14);
  c.stopped_month = SubsidyStoreMonthOrNull(r, 15);
  c.flag = r.Text(16);
  c.spell_key = r.Text(17);
  c.created_by = r.Text(18);
  c.name = r.Text(19);
  c.id_masked = r.Text(20);
  return c;
}

Result<bool> Migrated(store::Db& db, int version) {
  auto applied = store::AppliedVersions(db);
  if (!applied) return std::unexpected(applied.error());
  return std::find(applied->begin(), applied->end(), version) != applied->end();
}

}  // namespace

std::span<const store::Migration> SubsidyMigrations() { return kSubsidyStoreMigrations; }

std::string SubsidyStatusLabel(std::string_view status) {
  if (status == "active") return "待发放";
  if (status == "ended") return "已发放完毕";
  if (status == "stopped") return "停止发放";
  if (status == "refused") return "不予核准";
  if (status == "undetermined") return "待核实";
  return std::string(status);
}

nlohmann::json SubsidyClaimJson(const SubsidyClaim& c) {
  auto month = [](std::optional<int32_t> m) { return m ? nlohmann::json(registry::MonthText(*m)) : nlohmann::json(); };
  return {{"claim_id", c.claim_id},
          {"county_code", c.county_code},
          {"person_id", c.person_id},
          {"name", c.name},
          {"id_masked", c.id_masked},
          {"kind", SubsidyKindCode(c.kind)},
          {"kind_label", SubsidyKindLabel(c.kind)},
          {"applied_on", c.applied_on.ToString()},
          {"first_month", registry::MonthText(c.first_month)},
          {"outcome", c.outcome},
          {"granted", c.outcome == "granted"},
          {"conditions", c.conditions},
          {"decision", c.decision_text},
          {"months", c.months},
          {"amount_fen", c.amount_fen},
          {"months_paid", c.months_paid},
          {"last_paid_month", month(c.last_paid_month)},
          {"status", c.status},
          {"status_label", SubsidyStatusLabel(c.status)},
          {"stop_reason", c.stop_reason},
          {"stopped_month", month(c.stopped_month)},
          {"flag", c.flag}};
}

Result<void> SubsidyStore::Migrate() { return store::ApplyMigrations(db_, SubsidyMigrations()); }

Result<SubsidyFacts> SubsidyStore::Gather(SubsidyKind kind, int64_t person_id, const std::string& county, Date on) {
  SubsidyFacts f;
  f.on = on;
  const int32_t first = registry::MonthOf(on);
  const Date first_day = *Date::FromYmd(first / 12, first % 12 + 1, 1);
  auto months = store::ContributionStore(db_).OfPerson(person_id);
  if (!months) return std::unexpected(months.error());
  f.ui_months = CountUiMonths(*months, first);
  auto employed = EmploymentIn(db_, county, person_id, first);
  if (!employed) return std::unexpected(employed.error());
  f.employed = *employed;
  auto end = LastEmploymentEnd(db_, person_id, first_day);
  if (!end) return std::unexpected(end.error());
  f.end = *end;
  auto active = db_.Query("SELECT claim_id FROM benefit_claims WHERE person_id = ? AND status = 'active'",
                          std::vector<Value>{person_id});
  if (!active) return std::unexpected(active.error());
  if (!active->empty()) f.active_ui_claim = active->front().Int(0);
  // A 失业保险金 claim of this spell that ended (期满) or was refused.
  auto over = db_.Query(
      "SELECT claim_id, status, last_paid_month, decision_text FROM benefit_claims WHERE person_id = ? "
      "AND status IN ('ended', 'refused') AND applied_on > ? AND applied_on <= ? ORDER BY applied_on DESC LIMIT 1",
      std::vector<Value>{person_id, f.end ? f.end->on.ToString() : std::string(""), on.ToString()});
  if (!over) return std::unexpected(over.error());
  if (!over->empty()) {
    const auto& r = over->front();
    const std::string id = std::to_string(r.Int(0));
    f.ui_claim_over = r.Text(1) == "ended"
                          ? "失业保险金已于 " + r.Text(2) + " 期满（申请编号 " + id + "）"
                          : "失业保险金申请不予核准（申请编号 " + id + "）：" + r.Text(3);
  }
  auto registered = Migrated(db_, 100);
  if (!registered) return std::unexpected(registered.error());
  if (*registered) {
    auto r = db_.Query("SELECT COUNT(*) FROM unemployment_registrations WHERE person_id = ? AND status = 'open'",
                       std::vector<Value>{person_id});
    if (!r) return std::unexpected(r.error());
    f.registered = r->front().Int(0) > 0;
  }
  auto rural = db_.Query(
      "SELECT COUNT(*) FROM person_groups WHERE person_id = ? AND group_code IN ('rural_labour', "
      "'returned_rural_labour') AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)",
      std::vector<Value>{person_id, on.ToString(), on.ToString()});
  if (!rural) return std::unexpected(rural.error());
  f.rural = rural->front().Int(0) > 0;
  if (f.end) {
    auto k = db_.Query(
        "SELECT COUNT(DISTINCT month) FROM contributions WHERE person_id = ? AND employer_credit_code = ? "
        "AND (kinds & ?) <> 0 AND month <= ?",
        std::vector<Value>{person_id, f.end->employer,
                           int64_t{registry::Bit(registry::InsuranceKind::kUnemployment)},
                           registry::MonthText(registry::MonthOf(f.end->on))});
    if (!k) return std::unexpected(k.error());
    f.employer_ui_months = static_cast<int>(k->front().Int(0));
  }
  const std::string spell = f.end ? f.end->employer + "|" + f.end->on.ToString() : std::string("unknown");
  auto dup = db_.Query(
      "SELECT claim_id FROM living_subsidy_claims WHERE person_id = ? AND kind = ? AND outcome = 'granted' "
      "AND spell_key = ? ORDER BY claim_id LIMIT 1",
      std::vector<Value>{person_id, std::string(SubsidyKindCode(kind)), spell});
  if (!dup) return std::unexpected(dup.error());
  if (!dup->empty()) f.duplicate_claim = dup->front().Int(0);
  return f;
}

Result<SubsidyClaim> SubsidyStore::Apply(SubsidyKind kind, int64_t person_id, Date applied_on,
                                         const policy::ParameterSet& params, const std::string& actor) {
  auto person = db_.Query("SELECT county_code FROM persons WHERE person_id = ?", std::vector<Value>{person_id});
  if (!person) return std::unexpected(person.error());
  if (person->empty()) return Fail(ErrorCode::kNotFound, "没有该人员：" + std::to_string(person_id));
  const std::string county = person->front().Text(0);
  auto p = ParamsOn(params, applied_on, county);
  if (!p) return std::unexpected(p.error());
  auto facts = Gather(kind, person_id, county, applied_on);
  if (!facts) return std::unexpected(facts.error());
  const SubsidyDecision d = DecideSubsidy(kind, *p, *facts);
  const std::string spell =
      facts->end ? facts->end->employer + "|" + facts->end->on.ToString() : std::string("unknown");
  const std::string status = d.outcome == "granted" ? "active" : d.outcome;
  auto ins = db_.Exec(
      "INSERT INTO living_subsidy_claims (county_code, person_id, kind, applied_on, first_month, outcome, conditions, "
      "decision_text, months, amount_fen, status, spell_key, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      std::vector<Value>{county, person_id, std::string(SubsidyKindCode(kind)), applied_on.ToString(),
                         registry::MonthText(registry::MonthOf(applied_on)), d.outcome,
                         ConditionsJson(d.conditions).dump(), d.text, int64_t{d.months}, d.monthly_fen, status, spell,
                         actor});
  if (!ins) {
    if (ins.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kConflict,
                  "该人员在 " + applied_on.ToString() + " 已有" + std::string(SubsidyKindLabel(kind)) + "申请");
    }
    return std::unexpected(ins.error());
  }
  auto rows = db_.Query(std::string("SELECT ") + kSubsidyStoreColumns +
                            " FROM living_subsidy_claims WHERE county_code = ? AND person_id = ? AND kind = ? "
                            "AND applied_on = ?",
                        std::vector<Value>{county, person_id, std::string(SubsidyKindCode(kind)),
                                           applied_on.ToString()});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kInternal, "申请已写入但未能读回");
  return SubsidyStoreFromRow(rows->front());
}

Result<std::optional<SubsidyClaim>> SubsidyStore::Find(int64_t claim_id) {
  auto rows = db_.Query(std::string("SELECT ") + kSubsidyStoreColumns + " FROM living_subsidy_claims WHERE claim_id = ?",
                        std::vector<Value>{claim_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<SubsidyClaim>();
  return std::optional<SubsidyClaim>(SubsidyStoreFromRow(rows->front()));
}

Result<std::vector<SubsidyClaim>> SubsidyStore::List(const SubsidyFilter& f) {
  store::Where w("claim_id > ?", {f.after_id});
  w.County("county_code", f.region).Eq("status", f.status).Eq("person_id", f.person_id);
  auto rows = db_.Query(std::string("SELECT ") + kSubsidyStoreColumns + " FROM living_subsidy_claims WHERE " + w.Sql() +
                            " ORDER BY claim_id LIMIT ?",
                        w.Then(int64_t{f.limit}));
  if (!rows) return std::unexpected(rows.error());
  std::vector<SubsidyClaim> out;
  for (const auto& r : *rows) out.push_back(SubsidyStoreFromRow(r));
  return out;
}

Result<SubsidyRunReport> RunSubsidyMonth(store::Db& db, int32_t month, const std::string& region,
                                         const std::string& actor, const auth::Clock& clock, int64_t run_id,
                                         const std::function<void(int)>& hook) {
  SubsidyRunReport rep;
  const std::string m = registry::MonthText(month);
  auto first_day = Date::FromYmd(month / 12, month % 12 + 1, 1);
  if (!first_day) return std::unexpected(first_day.error());
  const std::string first_s = first_day->ToString();
  const std::string last_s = first_day->AddMonths(1).AddDays(-1).ToString();
  constexpr char kOpen[] =
      "status = 'active' AND (last_paid_month IS NULL OR last_paid_month < ?) AND months_paid < months";
  const std::string sql = std::string(
                              "SELECT c.claim_id, c.person_id, c.county_code, c.kind, c.amount_fen, c.months_paid, "
                              "c.months, c.spell_key, ") +
                          kContributedInMonthSql + ", " + kContractInMonthSql +
                          " FROM living_subsidy_claims c WHERE c.status = 'active' AND c.county_code LIKE ? "
                          "AND c.first_month <= ? AND (c.last_paid_month IS NULL OR c.last_paid_month < ?) "
                          "AND c.months_paid < c.months AND c.claim_id > ? ORDER BY c.claim_id LIMIT 1000";
  int64_t after = 0;
  int index = 0;
  for (;;) {
    auto rows = db.Query(sql, std::vector<Value>{m, last_s, first_s, first_s, region + "%", m, m, after});
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) break;
    for (const auto& r : *rows) {
      const int64_t claim_id = r.Int(0), person_id = r.Int(1);
      const std::string county = r.Text(2);
      const auto kind = ParseSubsidyKind(r.Text(3)).value_or(SubsidyKind::kUiSubsidy);
      const int64_t amount = r.Int(4);
      const int paid = static_cast<int>(r.Int(5)), months = static_cast<int>(r.Int(6));
      const std::string spell = r.Text(7);
      const bool employed = r.Int(8) != 0 || r.Int(9) != 0;
      after = claim_id;
      const int i = index++;
      const std::string now = auth::IsoUtc(clock.Now());
      // The lump sum is owed for a contract that ended: a new job later does
      // not take it back. 失业补助金 is checked month by month.
      if (kind == SubsidyKind::kUiSubsidy && employed) {
        auto finding = EmploymentIn(db, county, person_id, month);
        if (!finding) return std::unexpected(finding.error());
        const std::string flag = "核查比对：" + finding->value_or(m + " 有就业记录");
        auto u = db.Exec("UPDATE living_subsidy_claims SET status = 'stopped', stop_reason = '再就业', "
                         "stopped_month = ?, flag = ?, updated_at = ? WHERE claim_id = ? AND " + std::string(kOpen),
                         std::vector<Value>{m, flag, now, claim_id, m});
        if (!u) return std::unexpected(u.error());
        if (*u == 1) {
          ++rep.stopped;
          rep.findings.push_back("申请 " + std::to_string(claim_id) + "：" + flag);
        } else {
          ++rep.skipped;
        }
        continue;
      }
      const bool last = paid + 1 >= months;
      const std::string key = kind == SubsidyKind::kUiSubsidy
                                  ? "ui_subsidy|" + std::to_string(person_id) + "|" + m
                                  : "migrant_lump|" + std::to_string(person_id) + "|" + spell;
      auto once = [&]() -> Result<bool> {
        auto tx = store::Transaction::Begin(db);
        if (!tx) return std::unexpected(tx.error());
        auto u = db.Exec(std::string("UPDATE living_subsidy_claims SET months_paid = months_paid + 1, "
                                     "last_paid_month = ?, status = ?, updated_at = ? WHERE claim_id = ? AND ") +
                             kOpen,
                         std::vector<Value>{m, std::string(last ? "ended" : "active"), now, claim_id, m});
        if (!u) return std::unexpected(u.error());
        if (*u == 0) return false;
        auto p = db.Exec(
            "INSERT INTO living_subsidy_payments (county_code, claim_id, month, person_id, amount_fen, once_key, "
            "run_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            std::vector<Value>{county, claim_id, m, person_id, amount, key, run_id, now});
        if (!p) return std::unexpected(p.error());
        const char* expense = kind == SubsidyKind::kUiSubsidy ? "失业补助金支出" : "一次性生活补助支出";
        if (auto r2 = PayFromUiFund(db, key, claim_id, amount, expense, actor, now); !r2) {
          return std::unexpected(r2.error());
        }
        if (hook) hook(i);
        if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
        return true;
      }();
      if (!once) {
        if (once.error().code != ErrorCode::kAlreadyExists) return std::unexpected(once.error());
        once = false;
      }
      if (!*once) {
        ++rep.skipped;
      } else {
        ++rep.paid;
        rep.ended += last;
        rep.paid_fen += amount;
      }
    }
  }
  return rep;
}

}  // namespace qjy::benefits
