#include "policy_services/payment_batch.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "policy/decision.h"
#include "policy/ledger_schema.h"
#include "store/migrations.h"
#include "store/no_space.h"

namespace qjy::policy_services {
namespace {

using store::Value;

// Version 210 of the policy range (store/migrations.h: 200..299).
constexpr char kBatches[] = R"sql(
CREATE TABLE policy_payment_batches (
  batch_id {id},
  county_code TEXT NOT NULL,
  rule TEXT NOT NULL,
  status TEXT NOT NULL,
  item_count {int} NOT NULL,
  subsidy_count {int} NOT NULL,
  loan_count {int} NOT NULL,
  subsidy_fen {int} NOT NULL,
  loan_fen {int} NOT NULL,
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  approved_by TEXT,
  approved_at TEXT,
  CHECK (status IN ('submitted', 'approving', 'paid'))
);
CREATE INDEX policy_payment_batches_county ON policy_payment_batches (county_code, status);
CREATE TABLE policy_payment_batch_items (
  item_id {id},
  batch_id {int} NOT NULL,
  county_code TEXT NOT NULL,
  once_key TEXT NOT NULL,
  entitlement_id {int} NOT NULL,
  fund TEXT NOT NULL,
  loan {int} NOT NULL,
  amount_fen {int} NOT NULL
);
CREATE UNIQUE INDEX policy_payment_batch_items_key ON policy_payment_batch_items (once_key);
CREATE INDEX policy_payment_batch_items_batch ON policy_payment_batch_items (batch_id, county_code);
)sql";

// Who proposed each entitlement (the officer whose sweep listed it first).
constexpr char kProposers[] = R"sql(
CREATE TABLE policy_entitlement_proposers (
  proposer_id {id},
  county_code TEXT NOT NULL,
  once_key TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  proposed_at TEXT NOT NULL
);
CREATE UNIQUE INDEX policy_entitlement_proposers_key ON policy_entitlement_proposers (once_key);
CREATE INDEX policy_entitlement_proposers_county ON policy_entitlement_proposers (county_code, proposed_by);
)sql";

const store::Migration kPaymentBatchMigrations[] = {{210, "policy_payment_batches", kBatches},
                                        {211, "policy_entitlement_proposers", kProposers}};

constexpr char kBatchColumns[] =
    "batch_id, county_code, rule, status, item_count, subsidy_count, loan_count, subsidy_fen, loan_fen, "
    "submitted_by, submitted_at, approved_by, approved_at";

PaymentBatch PaymentBatchFromRow(const store::Row& r) {
  PaymentBatch b;
  b.batch_id = r.Int(0);
  b.county_code = r.Text(1);
  b.rule = r.Text(2);
  b.status = r.Text(3);
  b.count = r.Int(4);
  b.subsidy_count = r.Int(5);
  b.loan_count = r.Int(6);
  b.subsidy_fen = r.Int(7);
  b.loan_fen = r.Int(8);
  b.submitted_by = r.Text(9);
  b.submitted_at = r.Text(10);
  b.approved_by = r.IsNull(11) ? "" : r.Text(11);
  b.approved_at = r.IsNull(12) ? "" : r.Text(12);
  return b;
}

std::string Summary(const PaymentBatch& b) {
  std::string s = "补贴 " + std::to_string(b.subsidy_count) + " 笔，合计 " + policy::FormatYuan(b.subsidy_fen);
  if (b.loan_count > 0) {
    s += "；创业担保贷款 " + std::to_string(b.loan_count) + " 笔，合计 " + policy::FormatYuan(b.loan_fen) +
         "（转经办银行，不由资金专户支付）";
  }
  return s;
}

}  // namespace

int64_t RecheckSummary::Withdrawn() const {
  return std::count_if(changed.begin(), changed.end(), [](const Rechecked& r) { return r.withdrawn; });
}

int64_t RecheckSummary::Reproposed() const { return static_cast<int64_t>(changed.size()) - Withdrawn(); }

std::string RecheckSummary::Notice() const {
  if (changed.empty()) return "";
  auto by_rule = [&](bool withdrawn) {
    // By rule in catalogue order, each named by its policy's title.
    std::map<int, std::pair<std::string, int64_t>> n;
    for (const auto& r : changed) {
      if (r.withdrawn != withdrawn) continue;
      auto& [title, count] = n[std::atoi(r.rule.c_str() + 1)];
      title = r.title;
      ++count;
    }
    std::string s;
    for (const auto& [rule, entry] : n) {
      s += (s.empty() ? "" : "、") + entry.first + " " + std::to_string(entry.second) + " 项";
    }
    return s;
  };
  std::string s;
  if (const int64_t w = Withdrawn(); w > 0) {
    s += "已撤回 " + std::to_string(w) + " 项按现行规则不再符合的享受资格（" + by_rule(true) +
         "），未列入批次、不会支付";
  }
  if (const int64_t r = Reproposed(); r > 0) {
    s += std::string(s.empty() ? "" : "；") + "按现行规则金额有变化的 " + std::to_string(r) + " 项（" + by_rule(false) +
         "）已按新金额重新列入待审核，未列入批次";
  }
  s += "。原因：";
  bool first = true;
  for (const auto& r : changed) {
    s += std::string(first ? "" : "；") + r.title + (r.withdrawn ? "不再符合：" : "：") + r.reason;
    first = false;
  }
  return s;
}

Result<int64_t> SingleOfficerMaxFen(const policy::ParameterSet& params, Date date) {
  if (params.Find(kSingleOfficerMaxParam) == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, std::string("缺少参数 ") + kSingleOfficerMaxParam);
  }
  auto v = params.ValueAt(kSingleOfficerMaxParam, date);
  if (!v) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string("参数 ") + kSingleOfficerMaxParam + " 在 " + date.ToString() + " 无有效值");
  }
  return *v;
}

Result<void> PaymentBatches::Migrate(store::Db& db) {
  if (auto r = policy::MigratePolicy(db); !r) return r;
  return store::ApplyMigrations(db, kPaymentBatchMigrations);
}

void PaymentBatches::AuditRow(const std::string& actor, const std::string& action, int64_t batch_id,
                              const std::string& result, const std::string& detail) {
  if (!audit_) return;
  audit::AuditEntry e;
  e.actor = actor;
  e.role = "officer";
  e.action = action;
  // A re-check before any batch exists (batch_id 0) concerns the review list.
  e.target = batch_id > 0 ? "payment-batch:" + std::to_string(batch_id) : std::string("review-list");
  e.result = result;
  e.client = "policy";
  e.detail = detail;
  (void)audit_->Append(db_, std::move(e));
}

Result<void> PaymentBatches::RecordProposers(const std::vector<policy::Decision>& decisions,
                                             const std::string& actor) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const std::string now = auth::IsoUtc(clock_.Now());
  for (const auto& d : decisions) {
    if (!d.eligible) continue;
    auto n = db_.Exec(
        "INSERT INTO policy_entitlement_proposers (county_code, once_key, proposed_by, proposed_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (once_key) DO NOTHING",
        std::vector<Value>{d.county_code, d.once_key, actor, now});
    if (!n) return std::unexpected(n.error());
  }
  return tx->Commit();
}

Result<RecheckSummary> PaymentBatches::ApplyRecheck(std::vector<policy::Entitlement> entitlements,
                                                    const Recheck& recheck, const std::string& actor,
                                                    std::vector<policy::Entitlement>* kept) {
  RecheckSummary sum;
  policy::Ledger ledger(db_, audit_, clock_);
  for (auto& e : entitlements) {
    ++sum.checked;
    auto now = recheck(e);
    if (!now) return std::unexpected(now.error());
    if (now->eligible && now->amount_fen == e.amount_fen) {
      if (kept) kept->push_back(std::move(e));
      continue;
    }
    Rechecked r{e.once_key, e.rule, e.title, e.county_code, e.amount_fen, now->eligible ? now->amount_fen : 0,
                !now->eligible, RecheckReason(e, *now)};
    const policy::DecisionRecorder* recorder = recheck.Recorder();
    auto done = r.withdrawn
                    ? ledger.Withdraw(e.once_key, *now, actor, "按现行规则重新判断不再符合：" + r.reason, recorder)
                    : ledger.Repropose(e.once_key, *now, actor, "按现行规则重新判断：" + r.reason, recorder);
    if (!done) {
      if (done.error().code == ErrorCode::kConflict) continue;  // decided meanwhile by someone else
      return std::unexpected(done.error());
    }
    sum.changed.push_back(std::move(r));
  }
  return sum;
}

Result<RecheckSummary> PaymentBatches::Revisit(const std::string& region, const Recheck& recheck,
                                               const std::string& actor, const std::vector<policy::Decision>& fresh) {
  std::map<std::string, const policy::Decision*> decided;
  for (const auto& d : fresh) decided[d.once_key] = &d;
  policy::Ledger ledger(db_, nullptr, clock_);
  policy::ReviewFilter f;
  f.status = "proposed";
  f.region = region;
  std::vector<policy::Entitlement> listed;
  for (;;) {
    auto page = ledger.List(f);
    if (!page) return std::unexpected(page.error());
    if (page->empty()) break;
    f.after_id = page->back().entitlement_id;
    std::vector<std::string> keys;
    for (const auto& e : *page) keys.push_back(e.once_key);
    auto in_batch = BatchesOf(keys);
    if (!in_batch) return std::unexpected(in_batch.error());
    for (auto& e : *page) {
      if (in_batch->contains(e.once_key)) continue;  // frozen: its batch decides
      auto it = decided.find(e.once_key);
      if (it != decided.end() && it->second->date == e.decided_on && it->second->amount_fen == e.amount_fen) continue;
      listed.push_back(std::move(e));
    }
  }
  auto sum = ApplyRecheck(std::move(listed), recheck, actor);
  if (sum && !sum->changed.empty()) AuditRow(actor, "policy.sweep_revisit", 0, "ok", sum->Notice());
  return sum;
}

Result<PaymentBatch> PaymentBatches::Submit(const BatchSelection& sel, const std::string& actor,
                                            const std::string& scope, const Recheck& recheck,
                                            const StoppedNote& stopped_note) {
  const std::string region = sel.region.empty() ? scope : sel.region;
  if (!region.starts_with(scope)) return Fail(ErrorCode::kPermissionDenied, "区域超出权限范围");
  if (!sel.all && sel.once_keys.empty()) return Fail(ErrorCode::kInvalidArgument, "须选择享受资格或全部待审核");
  policy::Ledger ledger(db_, nullptr, clock_);
  // The selection, checked before anything is written.
  std::vector<policy::Entitlement> chosen, stopped;
  // Every entitlement of the region (and rule) in `status`, page by page.
  auto all_in = [&](const char* status, std::vector<policy::Entitlement>& out) -> Result<void> {
    policy::ReviewFilter f;
    f.status = status;
    f.region = region;
    f.rule = sel.rule;
    for (;;) {
      auto page = ledger.List(f);
      if (!page) return std::unexpected(page.error());
      if (page->empty()) return {};
      f.after_id = page->back().entitlement_id;
      for (auto& e : *page) out.push_back(std::move(e));
    }
  };
  if (sel.all) {
    QJY_TRY(all_in("proposed", chosen));
  } else {
    std::set<std::string> seen;
    for (const auto& k : sel.once_keys) {
      if (!seen.insert(k).second) continue;
      auto e = ledger.Find(k);
      if (!e) return std::unexpected(e.error());
      if (!*e) return Fail(ErrorCode::kNotFound, "审核清单中没有该享受资格：" + k);
      if (!(*e)->county_code.starts_with(scope)) return Fail(ErrorCode::kPermissionDenied, "区域超出权限范围");
      if ((*e)->status == "proposed") chosen.push_back(std::move(**e));
      else if ((*e)->status == "held" || (*e)->status == "improper") stopped.push_back(std::move(**e));
    }
  }
  // Nothing to submit: why, naming what fund supervision stopped (for
  // `all`, the held ones of the region/rule).
  auto nothing_left = [&](const std::string& rechecked_notice) -> Result<PaymentBatch> {
    if (sel.all && stopped.empty()) {
      QJY_TRY(all_in("held", stopped));
    }
    std::string note;
    if (!stopped.empty()) {
      if (stopped_note) {
        auto n = stopped_note(stopped);
        if (!n) return std::unexpected(n.error());
        note = *n;
      } else {
        note = std::to_string(stopped.size()) + " 笔被资金监管暂停支付，待资金监管人员核查";
      }
    }
    if (!rechecked_notice.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "未生成批次：" + rechecked_notice + (note.empty() ? "" : "；" + note));
    }
    if (!note.empty()) return Fail(ErrorCode::kInvalidArgument, "未生成批次：" + note);
    return Fail(ErrorCode::kInvalidArgument, "没有可提交审批的待审核享受资格（均已在其他批次或已处理）");
  };
  RecheckSummary rechecked;
  if (recheck) {
    // Those already frozen in a batch are skipped below; re-check the rest.
    std::vector<std::string> keys;
    for (const auto& e : chosen) keys.push_back(e.once_key);
    auto in_batch = BatchesOf(keys);
    if (!in_batch) return std::unexpected(in_batch.error());
    std::erase_if(chosen, [&](const policy::Entitlement& e) { return in_batch->contains(e.once_key); });
    std::vector<policy::Entitlement> kept;
    auto sum = ApplyRecheck(std::move(chosen), recheck, actor, &kept);
    if (!sum) return std::unexpected(sum.error());
    rechecked = std::move(*sum);
    chosen = std::move(kept);
    if (!rechecked.changed.empty()) AuditRow(actor, "policy.batch_recheck", 0, "ok", rechecked.Notice());
    if (chosen.empty()) return nothing_left(rechecked.Notice());
  }
  if (chosen.empty()) return nothing_left("");
  const std::string now = auth::IsoUtc(clock_.Now());
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto ins = db_.Query(
      "INSERT INTO policy_payment_batches (county_code, rule, status, item_count, subsidy_count, loan_count, "
      "subsidy_fen, loan_fen, submitted_by, submitted_at) VALUES (?, ?, 'submitted', 0, 0, 0, 0, 0, ?, ?) "
      "RETURNING batch_id",
      std::vector<Value>{region, sel.all ? sel.rule : std::string(), actor, now});
  if (!ins) return std::unexpected(ins.error());
  const int64_t id = ins->front().Int(0);
  PaymentBatch b;
  for (const auto& e : chosen) {
    auto n = db_.Exec(
        "INSERT INTO policy_payment_batch_items (batch_id, county_code, once_key, entitlement_id, fund, loan, "
        "amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (once_key) DO NOTHING",
        std::vector<Value>{id, e.county_code, e.once_key, e.entitlement_id, e.fund, int64_t{e.loan}, e.amount_fen});
    if (!n) return std::unexpected(n.error());
    if (*n == 0) continue;  // already in another batch
    ++b.count;
    if (e.loan) {
      ++b.loan_count;
      b.loan_fen += e.amount_fen;
    } else {
      ++b.subsidy_count;
      b.subsidy_fen += e.amount_fen;
    }
  }
  if (b.count == 0) return Fail(ErrorCode::kInvalidArgument, "没有可提交审批的待审核享受资格（均已在其他批次或已处理）");
  auto u = db_.Exec(
      "UPDATE policy_payment_batches SET item_count = ?, subsidy_count = ?, loan_count = ?, subsidy_fen = ?, "
      "loan_fen = ? WHERE batch_id = ?",
      std::vector<Value>{b.count, b.subsidy_count, b.loan_count, b.subsidy_fen, b.loan_fen, id});
  if (!u) return std::unexpected(u.error());
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  auto got = Get(id, scope);
  if (!got) return std::unexpected(got.error());
  if (!*got) return Fail(ErrorCode::kInternal, "批次写入后未找到");
  AuditRow(actor, "policy.batch_submit", id, "ok",
           Summary(**got) + (rechecked.changed.empty() ? "" : "；" + rechecked.Notice()));
  (*got)->recheck = std::move(rechecked);
  return std::move(**got);
}

Result<void> PaymentBatches::LoadFunds(PaymentBatch& b) {
  auto rows = db_.Query(
      "SELECT fund, loan, COUNT(*), SUM(amount_fen) FROM policy_payment_batch_items WHERE batch_id = ? "
      "GROUP BY fund, loan ORDER BY loan, fund",
      std::vector<Value>{b.batch_id});
  if (!rows) return std::unexpected(rows.error());
  b.funds.clear();
  for (const auto& r : *rows) {
    FundTotal t;
    t.fund = r.Text(0);
    t.fund_label = std::string(policy::FundLabel(policy::ParseFund(t.fund)));
    t.loan = r.Int(1) != 0;
    t.count = r.Int(2);
    t.amount_fen = r.Int(3);
    b.funds.push_back(std::move(t));
  }
  auto who = db_.Query(
      "SELECT DISTINCT p.proposed_by FROM policy_payment_batch_items i JOIN policy_entitlement_proposers p "
      "ON p.once_key = i.once_key WHERE i.batch_id = ? ORDER BY p.proposed_by",
      std::vector<Value>{b.batch_id});
  if (!who) return std::unexpected(who.error());
  b.proposed_by.clear();
  for (const auto& r : *who) b.proposed_by.push_back(r.Text(0));
  return {};
}

Result<std::optional<PaymentBatch>> PaymentBatches::Get(int64_t batch_id, const std::string& scope) {
  auto rows = db_.Query(std::string("SELECT ") + kBatchColumns + " FROM policy_payment_batches WHERE batch_id = ?",
                        std::vector<Value>{batch_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<PaymentBatch>();
  PaymentBatch b = PaymentBatchFromRow(rows->front());
  if (!b.county_code.starts_with(scope)) return std::optional<PaymentBatch>();
  if (auto r = LoadFunds(b); !r) return std::unexpected(r.error());
  return std::optional<PaymentBatch>(std::move(b));
}

Result<std::vector<policy::Entitlement>> PaymentBatches::Items(int64_t batch_id) {
  auto rows = db_.Query("SELECT once_key FROM policy_payment_batch_items WHERE batch_id = ? ORDER BY entitlement_id",
                        std::vector<Value>{batch_id});
  if (!rows) return std::unexpected(rows.error());
  policy::Ledger ledger(db_, nullptr, clock_);
  std::vector<policy::Entitlement> out;
  for (const auto& r : *rows) {
    auto e = ledger.Find(r.Text(0));
    if (!e) return std::unexpected(e.error());
    if (*e) out.push_back(std::move(**e));
  }
  return out;
}

Result<std::map<std::string, int64_t>> PaymentBatches::BatchesOf(const std::vector<std::string>& once_keys) {
  std::map<std::string, int64_t> out;
  constexpr size_t kChunk = 200;
  for (size_t i = 0; i < once_keys.size(); i += kChunk) {
    const size_t n = std::min(kChunk, once_keys.size() - i);
    std::string sql = "SELECT once_key, batch_id FROM policy_payment_batch_items WHERE once_key IN (";
    std::vector<Value> params;
    for (size_t k = 0; k < n; ++k) {
      sql += k ? ", ?" : "?";
      params.push_back(once_keys[i + k]);
    }
    sql += ")";
    auto rows = db_.Query(sql, params);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) out[r.Text(0)] = r.Int(1);
  }
  return out;
}

Result<std::vector<PaymentBatch>> PaymentBatches::List(const std::string& scope, const std::string& status,
                                                       int limit) {
  std::string sql = std::string("SELECT ") + kBatchColumns + " FROM policy_payment_batches WHERE county_code LIKE ?";
  std::vector<Value> params = {scope + "%"};
  if (!status.empty()) {
    sql += " AND status = ?";
    params.push_back(status);
  }
  sql += " ORDER BY batch_id DESC LIMIT ?";
  params.push_back(int64_t{limit});
  auto rows = db_.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<PaymentBatch> out;
  for (const auto& r : *rows) {
    PaymentBatch b = PaymentBatchFromRow(r);
    if (auto f = LoadFunds(b); !f) return std::unexpected(f.error());
    out.push_back(std::move(b));
  }
  return out;
}

Result<ApprovalOutcome> PaymentBatches::Approve(int64_t batch_id, const std::string& approver,
                                                const std::string& scope, int64_t single_officer_max_fen,
                                                const BatchScreen& screen) {
  auto got = Get(batch_id, scope);
  if (!got) return std::unexpected(got.error());
  if (!*got) return Fail(ErrorCode::kNotFound, "没有该支付批次");
  PaymentBatch b = std::move(**got);
  if (b.status == "paid") return Fail(ErrorCode::kConflict, "该批次已审批支付，不会重复支付");
  const int64_t total = b.subsidy_fen + b.loan_fen;
  const bool proposer =
      std::find(b.proposed_by.begin(), b.proposed_by.end(), approver) != b.proposed_by.end();
  if ((approver == b.submitted_by || proposer) && total > single_officer_max_fen) {
    const std::string why = "两人审批：本批次合计 " + policy::FormatYuan(total) + "，超过单人审批限额 " +
                            policy::FormatYuan(single_officer_max_fen) + "，" +
                            (approver == b.submitted_by ? "提交审批的人员" : "查找提出其中享受资格的人员") +
                            "不能审批本批次，须由另一名有审批支付权限的人员审批";
    AuditRow(approver, "policy.batch_approve", batch_id, "denied", why);
    return Fail(ErrorCode::kPermissionDenied, why);
  }
  if (screen) {
    // The fund-supervision screen writes (its counters, the holds it finds)
    // before anything is paid: a full disk there has paid nothing either.
    if (auto r = screen(batch_id); !r) {
      if (!store::IsNoSpace(r.error())) return std::unexpected(r.error());
      std::string why = r.error().message +
                        "。审批支付未完成：支付前的资金监管核查未能保存，本批次一笔也未支付，仍为待审批，"
                        "释放磁盘空间后重新审批即可";
      AuditRow(approver, "policy.batch_approve", batch_id, "failed", why);
      return Fail(r.error().code, why);
    }
  }
  // One transaction: the claim, every payment and "paid" are stored
  // together or not at all, so a failure part-way (a full disk, a crash)
  // pays nothing and leaves the batch "submitted" for the next attempt.
  // "approving" is only seen inside it (or in a batch left by an earlier
  // version, which its approver may resume).
  ApprovalOutcome out;
  for (int attempt = 0;; ++attempt) {
    out.results.clear();
    auto paid = [&]() -> Result<void> {
      auto tx = store::Transaction::Begin(db_);
      if (!tx) return std::unexpected(tx.error());
      const std::string now = auth::IsoUtc(clock_.Now());
      auto claimed = db_.Exec(
          "UPDATE policy_payment_batches SET status = 'approving', approved_by = ?, approved_at = ? "
          "WHERE batch_id = ? AND status = 'submitted'",
          std::vector<Value>{approver, now, batch_id});
      if (!claimed) return std::unexpected(claimed.error());
      if (*claimed == 0) {
        auto again = Get(batch_id, scope);
        if (!again) return std::unexpected(again.error());
        if (!*again || (*again)->status == "paid") return Fail(ErrorCode::kConflict, "该批次已审批支付，不会重复支付");
        if ((*again)->approved_by != approver) {
          return Fail(ErrorCode::kConflict, "该批次正由 " + (*again)->approved_by + " 审批支付");
        }
        // Our own interrupted approval (an earlier version): resume it.
      }
      auto keys = db_.Query(
          "SELECT i.once_key, e.status, i.amount_fen FROM policy_payment_batch_items i JOIN policy_entitlements e "
          "ON e.once_key = i.once_key WHERE i.batch_id = ? ORDER BY i.entitlement_id",
          std::vector<Value>{batch_id});
      if (!keys) return std::unexpected(keys.error());
      out.held.clear();
      out.held_fen = 0;
      policy::Ledger ledger(db_, nullptr, clock_);
      for (const auto& r : *keys) {
        if (r.Text(1) == "held" || r.Text(1) == "improper") {
          // Held by fund supervision: out of the batch, unpaid; once
          // released it can go into another batch.
          auto d = db_.Exec("DELETE FROM policy_payment_batch_items WHERE batch_id = ? AND once_key = ?",
                            std::vector<Value>{batch_id, r.Text(0)});
          if (!d) return std::unexpected(d.error());
          out.held.push_back(r.Text(0));
          out.held_fen += r.Int(2);
          continue;
        }
        auto pr = ledger.PayInTransaction(r.Text(0), approver);
        if (!pr) return std::unexpected(pr.error());
        out.results.push_back(*pr);
      }
      if (!out.held.empty()) {
        auto t = db_.Exec(
            "UPDATE policy_payment_batches SET item_count = (SELECT COUNT(*) FROM policy_payment_batch_items i WHERE "
            "i.batch_id = policy_payment_batches.batch_id), subsidy_count = (SELECT COUNT(*) FROM "
            "policy_payment_batch_items i WHERE i.batch_id = policy_payment_batches.batch_id AND i.loan = 0), "
            "loan_count = (SELECT COUNT(*) FROM policy_payment_batch_items i WHERE i.batch_id = "
            "policy_payment_batches.batch_id AND i.loan <> 0), subsidy_fen = (SELECT COALESCE(SUM(amount_fen), 0) "
            "FROM policy_payment_batch_items i WHERE i.batch_id = policy_payment_batches.batch_id AND i.loan = 0), "
            "loan_fen = (SELECT COALESCE(SUM(amount_fen), 0) FROM policy_payment_batch_items i WHERE i.batch_id = "
            "policy_payment_batches.batch_id AND i.loan <> 0) WHERE batch_id = ?",
            std::vector<Value>{batch_id});
        if (!t) return std::unexpected(t.error());
      }
      auto done = db_.Exec(
          "UPDATE policy_payment_batches SET status = 'paid' WHERE batch_id = ? AND status = 'approving'",
          std::vector<Value>{batch_id});
      if (!done) return std::unexpected(done.error());
      return tx->Commit();
    }();
    if (paid) break;
    // A key paid meanwhile through the single-payment path: its row clashes;
    // the next attempt finds it paid.
    if (paid.error().code == ErrorCode::kAlreadyExists && attempt < 3) continue;
    std::string why = paid.error().message;
    if (store::IsNoSpace(paid.error())) {
      // Still recognisable by store::IsNoSpace: the explanation goes after.
      why += "。审批支付未完成：本批次一笔也未支付（整批在一个事务中），仍为待审批，释放磁盘空间后重新审批即可";
    }
    AuditRow(approver, "policy.batch_approve", batch_id, "failed", why);
    return Fail(paid.error().code, why);
  }
  int64_t paid = 0, paid_fen = 0, referred = 0, dup = 0;
  for (const auto& r : out.results) {
    if (r.outcome == policy::PayOutcome::kPaid) {
      ++paid;
      paid_fen += r.amount_fen;
    }
    referred += r.outcome == policy::PayOutcome::kReferred;
    dup += r.outcome == policy::PayOutcome::kAlreadyPaid;
  }
  AuditRow(approver, "policy.batch_approve", batch_id, "ok",
           "提交人 " + b.submitted_by + "；" + Summary(b) + "；本次支付 " + std::to_string(paid) + " 笔 " +
               policy::FormatYuan(paid_fen) + "，贷款转银行 " + std::to_string(referred) + " 笔，此前已处理 " +
               std::to_string(dup) + " 笔" +
               (out.held.empty() ? std::string()
                                 : "，资金监管暂停支付并移出本批次 " + std::to_string(out.held.size()) + " 笔 " +
                                       policy::FormatYuan(out.held_fen)));
  auto final_batch = Get(batch_id, scope);
  if (!final_batch) return std::unexpected(final_batch.error());
  if (*final_batch) out.batch = std::move(**final_batch);
  return out;
}

}  // namespace qjy::policy_services
