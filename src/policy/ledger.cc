#include "policy/ledger.h"

#include <chrono>
#include <thread>

#include "policy/decision_record.h"
#include "policy/decision_record_store.h"
#include "policy/ledger_entries.h"
#include "policy/ledger_schema.h"
#include "store/row_codec.h"
#include "store/sql_where.h"

namespace qjy::policy {
namespace {

using store::Value;

constexpr int kMaxAttempts = 200;

std::string ExpenseAccount(const std::string& fund) { return "补贴支出:" + fund; }
std::string BankAccount(const std::string& fund) { return "资金专户:" + fund; }

const store::RowCodec<Entitlement>& Codec() {
  static const store::RowCodec<Entitlement> kCodec =
      store::RowCodec<Entitlement>()
          .Field("entitlement_id", [](auto& e) -> auto& { return e.entitlement_id; })
          .Field("once_key", [](auto& e) -> auto& { return e.once_key; })
          .Field("rule", [](auto& e) -> auto& { return e.rule; })
          .Field("title", [](auto& e) -> auto& { return e.title; })
          .Field("beneficiary", [](auto& e) -> auto& { return e.beneficiary; })
          .Field("person_id", [](auto& e) -> auto& { return e.person_id; })
          .Field("employer_code", [](auto& e) -> auto& { return e.employer_code; })
          .Field("period", [](auto& e) -> auto& { return e.period; })
          .Field("fund", [](auto& e) -> auto& { return e.fund; })
          .Field("county_code", [](auto& e) -> auto& { return e.county_code; })
          .Field("amount_fen", [](auto& e) -> auto& { return e.amount_fen; })
          .Field("loan", [](auto& e) -> auto& { return e.loan; })
          .Field("decided_on", [](auto& e) -> auto& { return e.decided_on; })
          .Field("explanation", [](auto& e) -> auto& { return e.explanation_json; })
          .Field("status", [](auto& e) -> auto& { return e.status; })
          .Field("decided_by", [](auto& e) -> auto& { return e.decided_by; })
          .Field("decided_at", [](auto& e) -> auto& { return e.decided_at; });
  return kCodec;
}

// The columns a proposal writes (not the key, no decision yet).
const store::RowCodec<Entitlement>& Proposed() {
  static const store::RowCodec<Entitlement> kCodec = Codec().Except({"entitlement_id", "decided_by", "decided_at"});
  return kCodec;
}

// The proposal of an eligible decision.
Entitlement ProposalOf(const Decision& d, std::string explanation) {
  Entitlement e;
  e.once_key = d.once_key;
  e.rule = d.rule;
  e.title = d.title;
  e.beneficiary = d.beneficiary;
  e.person_id = d.person_id;
  e.employer_code = d.employer_code;
  e.period = d.period;
  e.fund = FundCode(d.fund);
  e.county_code = d.county_code;
  e.amount_fen = d.amount_fen;
  e.loan = d.loan;
  e.decided_on = d.date;
  e.explanation_json = std::move(explanation);
  e.status = "proposed";
  return e;
}

// The entitlement of `where` (one key column = ?), nullopt when none.
Result<std::optional<Entitlement>> FindWhere(store::Db& db, const char* where, Value key) {
  const Value params[] = {std::move(key)};
  auto rows = db.Query("SELECT " + Codec().Columns() + " FROM policy_entitlements WHERE " + where, params);
  if (!rows) return std::unexpected(rows.error());
  return Codec().ReadFirst(*rows);
}

}  // namespace

std::string Ledger::Now() const { return auth::IsoUtc(clock_.Now()); }

void Ledger::AuditRow(const std::string& actor, const std::string& action, const std::string& target,
                      const std::string& result, const std::string& detail) {
  if (!audit_) return;
  audit::AuditEntry e;
  e.actor = actor;
  e.role = "officer";
  e.action = action;
  e.target = target;
  e.result = result;
  e.client = "policy";
  e.detail = detail;
  (void)audit_->Append(db_, std::move(e));
}

Result<int64_t> Ledger::Propose(const std::vector<Decision>& decisions, const std::string& actor,
                                const DecisionRecorder* recorder, ProposeObserver* observer) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  if (observer) {
    if (auto r = observer->Before(db_); !r) return std::unexpected(r.error());
  }
  int64_t added = 0;
  std::vector<const Decision*> added_rows;
  const std::string now = Now();
  DecisionRecords records(db_);
  bool set_stored = false;
  for (const auto& d : decisions) {
    if (!d.eligible) continue;
    std::string explanation = ToJson(d).dump();
    std::vector<Value> params = Proposed().Values(ProposalOf(d, explanation));
    params.push_back(now);
    auto n = db_.Exec(Proposed().InsertSql("policy_entitlements", "created_at", "?") + " ON CONFLICT (once_key) DO NOTHING",
                      params);
    if (!n) return std::unexpected(n.error());
    added += *n;
    if (*n != 0 && observer) added_rows.push_back(&d);
    if (*n == 0 || !recorder) continue;
    if (!set_stored) {
      if (auto r = records.PutParamSet(recorder->params_hash(), recorder->params_json(), now); !r) return std::unexpected(r.error());
      set_stored = true;
    }
    DecisionRecord rec = recorder->Record(d, std::move(explanation));
    if (auto r = records.Put(d.county_code, d.once_key, 1, rec, now); !r) return std::unexpected(r.error());
  }
  if (observer) {
    if (auto r = observer->Added(db_, added_rows); !r) return std::unexpected(r.error());
  }
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  AuditRow(actor, "policy.propose", "review-list", "ok", "新增 " + std::to_string(added) + " 条待审核享受资格");
  return added;
}

Result<std::vector<Entitlement>> Ledger::List(const ReviewFilter& f) {
  // One county (a streamed sweep's revisit, per county and page) is an
  // equality the (status, county_code) index serves in id order; a LIKE is
  // served by no index here (every page read and sorted all the region's rows).
  store::Where w("entitlement_id > ?", {f.after_id});
  w.Eq("status", f.status).County("county_code", f.region).Eq("rule", f.rule).Eq("person_id", f.person_id);
  auto rows = db_.Query("SELECT " + Codec().Columns() + " FROM policy_entitlements WHERE " + w.Sql() +
                            " ORDER BY entitlement_id LIMIT ?",
                        w.Then(int64_t{f.limit}));
  if (!rows) return std::unexpected(rows.error());
  return Codec().ReadAll(*rows);
}

Result<std::optional<Entitlement>> Ledger::Find(const std::string& once_key) {
  return FindWhere(db_, "once_key = ?", once_key);
}

Result<std::optional<Entitlement>> Ledger::FindById(int64_t entitlement_id) {
  return FindWhere(db_, "entitlement_id = ?", entitlement_id);
}

Result<PayResult> Ledger::PayInTransaction(const std::string& once_key, const std::string& actor,
                                           const std::string& idempotency_key, const std::function<void()>& hook) {
  auto found = Find(once_key);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "审核清单中没有该享受资格：" + once_key);
  const Entitlement& e = **found;
  PayResult pr{PayOutcome::kPaid, once_key, e.amount_fen};
  if (e.status == "reversed") return Fail(ErrorCode::kConflict, "该笔已冲正，不能再次支付：" + once_key);
  if (e.status == "withdrawn") {
    return Fail(ErrorCode::kConflict, "该享受资格已撤回（按现行规则不再符合），不予支付：" + once_key);
  }
  if (e.status == "paid") {
    pr.outcome = PayOutcome::kAlreadyPaid;
    return pr;
  }
  // Held by fund supervision (src/supervision): paid only once released.
  if (e.status == "held") return Fail(ErrorCode::kConflict, "该享受资格因资金监管核查暂停支付：" + once_key);
  if (e.status == "improper") return Fail(ErrorCode::kConflict, "该享受资格经资金监管认定违规，不予支付：" + once_key);
  if (e.loan) {
    if (e.status == "approved") {
      pr.outcome = PayOutcome::kAlreadyPaid;
      return pr;
    }
    auto u = db_.Exec(
        "UPDATE policy_entitlements SET status = 'approved', decided_by = ?, decided_at = ? "
        "WHERE once_key = ? AND status = 'proposed'",
        std::vector<Value>{actor, Now(), once_key});
    if (!u) return std::unexpected(u.error());
    pr.outcome = PayOutcome::kReferred;
    return pr;
  }
  const std::string now = Now();
  Value idem = idempotency_key.empty() ? Value{} : Value{idempotency_key};
  auto ins = db_.Exec(
      "INSERT INTO policy_payments (once_key, entitlement_id, fund, amount_fen, idempotency_key, actor, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      std::vector<Value>{once_key, e.entitlement_id, e.fund, e.amount_fen, idem, actor, now});
  if (!ins) return std::unexpected(ins.error());
  if (auto r = PostEntries(db_, "pay:" + once_key, once_key, ExpenseAccount(e.fund), BankAccount(e.fund), e.amount_fen,
                           now);
      !r) {
    return std::unexpected(r.error());
  }
  if (hook) hook();
  auto u = db_.Exec(
      "UPDATE policy_entitlements SET status = 'paid', decided_by = ?, decided_at = ? WHERE once_key = ?",
      std::vector<Value>{actor, now, once_key});
  if (!u) return std::unexpected(u.error());
  return pr;
}

Result<PayResult> Ledger::ApproveOnce(const std::string& once_key, const std::string& actor,
                                      const std::string& idempotency_key, const std::function<void()>& hook) {
  for (int attempt = 0;; ++attempt) {
    auto result = [&]() -> Result<PayResult> {
      auto tx = store::Transaction::Begin(db_);
      if (!tx) return std::unexpected(tx.error());
      auto pr = PayInTransaction(once_key, actor, idempotency_key, hook);
      if (!pr) return pr;
      if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
      return pr;
    }();
    if (result) return result;
    if (result.error().code == ErrorCode::kAlreadyExists) {
      // The key (or the idempotency key) is taken: paid by someone else.
      auto rows = db_.Query("SELECT amount_fen FROM policy_payments WHERE once_key = ?", std::vector<Value>{once_key});
      if (rows && !rows->empty()) return PayResult{PayOutcome::kAlreadyPaid, once_key, rows->front().Int(0)};
      if (rows && !idempotency_key.empty()) {
        return Fail(ErrorCode::kConflict, "幂等键已用于另一笔支付：" + idempotency_key);
      }
      if (!rows) return std::unexpected(rows.error());
    }
    if (result.error().code != ErrorCode::kConflict && result.error().code != ErrorCode::kAlreadyExists) {
      return result;
    }
    if (result.error().code == ErrorCode::kConflict && (result.error().message.find("已冲正") != std::string::npos ||
                                                         result.error().message.find("已撤回") != std::string::npos ||
                                                         result.error().message.find("资金监管") != std::string::npos)) {
      return result;
    }
    if (attempt + 1 >= kMaxAttempts) return result;
    std::this_thread::sleep_for(std::chrono::milliseconds(1 + attempt % 10));
  }
}

Result<PayResult> Ledger::Approve(const std::string& once_key, const std::string& actor,
                                  const std::string& idempotency_key) {
  auto r = ApproveOnce(once_key, actor, idempotency_key, {});
  if (r) {
    const char* result = r->outcome == PayOutcome::kPaid ? "ok" : r->outcome == PayOutcome::kReferred ? "referred" : "duplicate";
    AuditRow(actor, "policy.approve", "entitlement:" + once_key, result, "金额(分) " + std::to_string(r->amount_fen));
  } else {
    AuditRow(actor, "policy.approve", "entitlement:" + once_key, "failed", r.error().message);
  }
  return r;
}

Result<std::vector<PayResult>> Ledger::ApproveAll(const ReviewFilter& filter, const std::string& actor,
                                                  const std::function<void(int)>& hook) {
  ReviewFilter f = filter;
  f.status = "proposed";
  f.limit = 1000;
  std::vector<PayResult> out;
  int i = 0;
  for (;;) {
    auto page = List(f);
    if (!page) return std::unexpected(page.error());
    if (page->empty()) break;
    for (const auto& e : *page) {
      const int index = i++;
      auto r = ApproveOnce(e.once_key, actor, "", hook ? std::function<void()>([&] { hook(index); }) : nullptr);
      if (!r) return std::unexpected(r.error());
      out.push_back(*r);
    }
    f.after_id = page->back().entitlement_id;
  }
  int64_t paid = 0, sum = 0;
  for (const auto& r : out) {
    if (r.outcome == PayOutcome::kPaid) {
      ++paid;
      sum += r.amount_fen;
    }
  }
  AuditRow(actor, "policy.approve_batch", "review-list", "ok",
           "支付 " + std::to_string(paid) + " 笔，合计(分) " + std::to_string(sum));
  return out;
}

Result<void> Ledger::Withdraw(const std::string& once_key, const Decision& now, const std::string& actor,
                              const std::string& reason, const DecisionRecorder* recorder) {
  const std::string explanation = ToJson(now).dump();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto u = db_.Exec(
      "UPDATE policy_entitlements SET status = 'withdrawn', explanation = ?, decided_by = ?, decided_at = ? "
      "WHERE once_key = ? AND status = 'proposed'",
      std::vector<Value>{explanation, actor, Now(), once_key});
  if (!u) return std::unexpected(u.error());
  if (*u == 0) return Fail(ErrorCode::kConflict, "该享受资格已不在待审核状态：" + once_key);
  if (auto r = RecordRedecision(once_key, now, explanation, recorder); !r) return r;
  if (auto c = tx->Commit(); !c) return c;
  AuditRow(actor, "policy.withdraw", "entitlement:" + once_key, "ok", reason);
  return {};
}

Result<void> Ledger::Repropose(const std::string& once_key, const Decision& now, const std::string& actor,
                               const std::string& reason, const DecisionRecorder* recorder) {
  const std::string explanation = ToJson(now).dump();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto u = db_.Exec(
      "UPDATE policy_entitlements SET amount_fen = ?, fund = ?, explanation = ? WHERE once_key = ? AND status = 'proposed'",
      std::vector<Value>{now.amount_fen, std::string(FundCode(now.fund)), explanation, once_key});
  if (!u) return std::unexpected(u.error());
  if (*u == 0) return Fail(ErrorCode::kConflict, "该享受资格已不在待审核状态：" + once_key);
  if (auto r = RecordRedecision(once_key, now, explanation, recorder); !r) return r;
  if (auto c = tx->Commit(); !c) return c;
  AuditRow(actor, "policy.repropose", "entitlement:" + once_key, "ok", reason);
  return {};
}

Result<void> Ledger::RecordRedecision(const std::string& once_key, const Decision& now, const std::string& explanation,
                                      const DecisionRecorder* recorder) {
  if (!recorder) return {};
  // Keyed by the entitlement's own county (the records' key), whatever
  // county the new decision names.
  auto rows = db_.Query("SELECT county_code FROM policy_entitlements WHERE once_key = ?", std::vector<Value>{once_key});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "审核清单中没有该享受资格：" + once_key);
  const std::string county = rows->front().Text(0);
  DecisionRecords records(db_);
  if (auto r = records.PutParamSet(recorder->params_hash(), recorder->params_json(), Now()); !r) return r;
  auto version = records.NextVersion(county, once_key);
  if (!version) return std::unexpected(version.error());
  return records.Put(county, once_key, *version, recorder->Record(now, explanation), Now());
}

Result<void> Ledger::Reverse(const std::string& once_key, const std::string& actor, const std::string& reason) {
  if (reason.empty()) return Fail(ErrorCode::kInvalidArgument, "冲正须说明原因");
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto rows = db_.Query("SELECT fund, amount_fen FROM policy_payments WHERE once_key = ?", std::vector<Value>{once_key});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "没有该笔支付：" + once_key);
  const std::string fund = rows->front().Text(0);
  const int64_t amount = rows->front().Int(1);
  const std::string now = Now();
  auto ins = db_.Exec("INSERT INTO policy_reversals (once_key, reason, actor, created_at) VALUES (?, ?, ?, ?)",
                      std::vector<Value>{once_key, reason, actor, now});
  if (!ins) {
    if (ins.error().code == ErrorCode::kAlreadyExists) return Fail(ErrorCode::kConflict, "该笔已冲正：" + once_key);
    return std::unexpected(ins.error());
  }
  const std::string txn = "rev:" + once_key;
  if (auto r = PostEntries(db_, txn, once_key, BankAccount(fund), ExpenseAccount(fund), amount, now); !r) {
    return std::unexpected(r.error());
  }
  auto u = db_.Exec("UPDATE policy_entitlements SET status = 'reversed' WHERE once_key = ?", std::vector<Value>{once_key});
  if (!u) return std::unexpected(u.error());
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  AuditRow(actor, "policy.reverse", "entitlement:" + once_key, "ok", reason);
  return {};
}

Result<LedgerReport> Ledger::Check() {
  LedgerReport rep;
  auto one = [&](const char* sql) -> Result<std::vector<store::Row>> { return db_.Query(sql); };
  auto totals = one("SELECT COUNT(*), COALESCE(SUM(debit_fen), 0), COALESCE(SUM(credit_fen), 0) FROM ledger_entries");
  if (!totals) return std::unexpected(totals.error());
  rep.entries = totals->front().Int(0);
  rep.debit_fen = totals->front().Int(1);
  rep.credit_fen = totals->front().Int(2);
  if (rep.debit_fen != rep.credit_fen) {
    rep.problems.push_back({"imbalance", "借方合计 " + std::to_string(rep.debit_fen) + " 分 ≠ 贷方合计 " +
                                             std::to_string(rep.credit_fen) + " 分"});
  }
  auto pays = one("SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM policy_payments");
  if (!pays) return std::unexpected(pays.error());
  rep.payments = pays->front().Int(0);
  rep.paid_fen = pays->front().Int(1);
  auto revs = one(
      "SELECT COUNT(*), COALESCE(SUM(p.amount_fen), 0) FROM policy_reversals r JOIN policy_payments p ON p.once_key = r.once_key");
  if (!revs) return std::unexpected(revs.error());
  rep.reversals = revs->front().Int(0);
  rep.reversed_fen = revs->front().Int(1);
  struct Probe {
    const char* kind;
    const char* sql;
    const char* what;
  };
  const Probe probes[] = {
      {"imbalance",
       "SELECT txn FROM ledger_entries GROUP BY txn HAVING SUM(debit_fen) <> SUM(credit_fen) OR COUNT(*) <> 2",
       "交易借贷不平或分录数不是2："},
      {"duplicate", "SELECT once_key FROM policy_payments GROUP BY once_key HAVING COUNT(*) > 1", "同一享受资格重复支付："},
      {"duplicate", "SELECT once_key FROM policy_reversals GROUP BY once_key HAVING COUNT(*) > 1", "重复冲正："},
      {"missing_entries",
       "SELECT p.once_key FROM policy_payments p LEFT JOIN (SELECT txn, SUM(debit_fen) AS d FROM ledger_entries GROUP BY "
       "txn) t ON t.txn = 'pay:' || p.once_key WHERE t.d IS NULL OR t.d <> p.amount_fen",
       "支付缺少分录或金额不符："},
      {"orphan_entries",
       "SELECT DISTINCT e.txn FROM ledger_entries e WHERE e.txn NOT LIKE 'loan:%' AND e.txn NOT LIKE 'sup:%' AND NOT EXISTS (SELECT 1 FROM "
       "policy_payments p WHERE "
       "e.txn = 'pay:' || p.once_key OR e.txn = 'rev:' || p.once_key)",
       "分录没有对应支付："},
      {"status",
       "SELECT e.once_key FROM policy_entitlements e WHERE e.status = 'paid' AND NOT EXISTS (SELECT 1 FROM "
       "policy_payments p WHERE p.once_key = e.once_key)",
       "标记已支付但无支付记录："},
  };
  for (const auto& p : probes) {
    auto rows = one(p.sql);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) rep.problems.push_back({p.kind, p.what + r.Text(0)});
  }
  return rep;
}

}  // namespace qjy::policy
