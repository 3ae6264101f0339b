// Supervisor: the review queue, decisions, recoveries, reports and budgets
// (supervisor.h).
#include <algorithm>

#include "policy/decision.h"
#include "policy/ledger_entries.h"
#include "supervision/supervisor.h"
#include "store/sql_where.h"

namespace qjy::supervision {

using store::Value;

namespace {

constexpr char kHoldColumns[] =
    "h.hold_id, h.county_code, h.once_key, h.check_code, h.clause, h.rule, h.fund, h.amount_fen, h.was_paid, "
    "h.summary, h.evidence, h.status, h.batch_id, h.found_by, h.found_at, h.decided_by, h.decided_at, h.reason, "
    "COALESCE(e.status, ''), "
    "(SELECT COALESCE(SUM(amount_fen), 0) FROM supervision_recoveries r WHERE r.county_code = h.county_code AND "
    "r.once_key = h.once_key AND r.kind = 'due'), "
    "(SELECT COALESCE(SUM(amount_fen), 0) FROM supervision_recoveries r WHERE r.county_code = h.county_code AND "
    "r.once_key = h.once_key AND r.kind = 'received')";

HoldRow FromRow(const store::Row& r) {
  HoldRow h;
  h.hold_id = r.Int(0);
  h.county_code = r.Text(1);
  h.once_key = r.Text(2);
  h.check = r.Text(3);
  h.clause = r.Text(4);
  h.rule = r.Text(5);
  h.fund = r.Text(6);
  h.amount_fen = r.Int(7);
  h.was_paid = r.Int(8) != 0;
  h.summary = r.Text(9);
  h.evidence = nlohmann::json::parse(r.Text(10), nullptr, false);
  h.status = r.Text(11);
  h.batch_id = r.Int(12);
  h.found_by = r.Text(13);
  h.found_at = r.Text(14);
  h.decided_by = r.Text(15);
  h.decided_at = r.Text(16);
  h.reason = r.Text(17);
  h.entitlement_status = r.Text(18);
  h.due_fen = r.Int(19);
  h.recovered_fen = r.Int(20);
  return h;
}

std::string Receivable(const std::string& fund) { return "应收追回款:" + fund; }

}  // namespace

Result<std::vector<HoldRow>> Supervisor::Queue(const std::string& scope, const std::string& status,
                                               const std::string& check, int limit, int64_t before_id) {
  store::Where w;
  w.County("h.county_code", scope).Eq("h.status", status).Eq("h.check_code", check);
  if (before_id > 0) w.And("h.hold_id < ?", {before_id});
  auto rows = db_.Query(std::string("SELECT ") + kHoldColumns +
                            " FROM supervision_holds h LEFT JOIN policy_entitlements e ON e.once_key = h.once_key "
                            "WHERE " + w.Sql() + " ORDER BY h.hold_id DESC LIMIT ?",
                        w.Then(int64_t{limit}));
  if (!rows) return std::unexpected(rows.error());
  std::vector<HoldRow> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<std::optional<HoldRow>> Supervisor::Find(int64_t hold_id, const std::string& scope) {
  auto rows = db_.Query(std::string("SELECT ") + kHoldColumns +
                            " FROM supervision_holds h LEFT JOIN policy_entitlements e ON e.once_key = h.once_key "
                            "WHERE h.hold_id = ?",
                        std::vector<Value>{hold_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<HoldRow>();
  HoldRow h = FromRow(rows->front());
  if (!h.county_code.starts_with(scope)) return std::optional<HoldRow>();
  return std::optional<HoldRow>(std::move(h));
}

Result<std::map<std::string, HoldRow>> Supervisor::StoppingHolds(
    store::Db& db, const std::vector<std::pair<std::string, std::string>>& county_and_key) {
  std::map<std::string, HoldRow> out;
  constexpr size_t kChunk = 250;  // pairs per statement
  for (size_t i = 0; i < county_and_key.size(); i += kChunk) {
    std::vector<Value> args;
    std::string marks;
    for (size_t j = i; j < std::min(county_and_key.size(), i + kChunk); ++j) {
      marks += marks.empty() ? "(?, ?)" : ", (?, ?)";
      args.emplace_back(county_and_key[j].first);
      args.emplace_back(county_and_key[j].second);
    }
    auto rows = db.Query(std::string("SELECT ") + kHoldColumns +
                             " FROM supervision_holds h JOIN policy_entitlements e ON e.once_key = h.once_key "
                             "WHERE (h.county_code, h.once_key) IN (VALUES " + marks +
                             ") AND h.status = e.status ORDER BY h.hold_id",
                         args);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) {
      HoldRow h = FromRow(r);
      if (!out.contains(h.once_key)) out.emplace(h.once_key, std::move(h));
    }
  }
  return out;
}

Result<HoldRow> Supervisor::Release(int64_t hold_id, const std::string& scope, const std::string& actor,
                                    const std::string& reason) {
  return Decide(hold_id, scope, actor, reason, false);
}

Result<HoldRow> Supervisor::ConfirmImproper(int64_t hold_id, const std::string& scope, const std::string& actor,
                                            const std::string& reason) {
  return Decide(hold_id, scope, actor, reason, true);
}

Result<HoldRow> Supervisor::Decide(int64_t hold_id, const std::string& scope, const std::string& actor,
                                   const std::string& reason, bool improper) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, improper ? "认定违规须填写理由（reason）" : "放行须填写理由（reason）");
  }
  auto found = Find(hold_id, scope);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "没有该核查记录");
  const HoldRow h = **found;
  if (h.status != "held") {
    return Fail(ErrorCode::kConflict,
                std::string("该核查记录已处理（") + (h.status == "released" ? "已放行" : h.status == "improper" ? "已认定违规" : "状态未知") + "）");
  }
  const std::string now = Now();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  // Released: this hold only. Improper: every hold of the entitlement still
  // held is decided with it (one entitlement, one verdict).
  auto u = db_.Exec(improper ? "UPDATE supervision_holds SET status = 'improper', decided_by = ?, decided_at = ?, "
                               "reason = ? WHERE county_code = ? AND once_key = ? AND status = 'held'"
                             : "UPDATE supervision_holds SET status = 'released', decided_by = ?, decided_at = ?, "
                               "reason = ? WHERE county_code = ? AND once_key = ? AND status = 'held' AND hold_id = ?",
                    improper ? std::vector<Value>{actor, now, reason, h.county_code, h.once_key}
                             : std::vector<Value>{actor, now, reason, h.county_code, h.once_key, hold_id});
  if (!u) return std::unexpected(u.error());
  if (*u == 0) return Fail(ErrorCode::kConflict, "该核查记录已由他人处理");
  if (improper) {
    if (h.entitlement_status == "held" || h.entitlement_status == "proposed") {
      auto e = db_.Exec("UPDATE policy_entitlements SET status = 'improper', decided_by = ?, decided_at = ? "
                        "WHERE once_key = ? AND status IN ('held', 'proposed')",
                        std::vector<Value>{actor, now, h.once_key});
      if (!e) return std::unexpected(e.error());
    } else if (h.entitlement_status == "paid") {
      // Paid: what was paid is owed back (追回).
      auto paid = db_.Query("SELECT amount_fen, fund FROM policy_payments WHERE once_key = ?",
                            std::vector<Value>{h.once_key});
      if (!paid) return std::unexpected(paid.error());
      if (!paid->empty()) {
        const int64_t amount = paid->front().Int(0);
        const std::string fund = paid->front().Text(1);
        auto ins = db_.Exec(
            "INSERT INTO supervision_recoveries (county_code, once_key, kind, fund, amount_fen, ref, actor, created_at) "
            "VALUES (?, ?, 'due', ?, ?, '', ?, ?) ON CONFLICT (county_code, once_key, kind, ref) DO NOTHING",
            std::vector<Value>{h.county_code, h.once_key, fund, amount, actor, now});
        if (!ins) return std::unexpected(ins.error());
        if (*ins > 0) {
          if (auto p = policy::PostEntries(db_, "sup:due:" + h.once_key, h.once_key, Receivable(fund),
                                           "补贴支出:" + fund, amount, now);
              !p) {
            return std::unexpected(p.error());
          }
        }
      }
    }
  } else if (h.entitlement_status == "held") {
    // Proposed again once no other hold of it remains.
    auto left = db_.Query("SELECT COUNT(*) FROM supervision_holds WHERE county_code = ? AND once_key = ? AND status = 'held'",
                          std::vector<Value>{h.county_code, h.once_key});
    if (!left) return std::unexpected(left.error());
    if (left->front().Int(0) == 0) {
      auto e = db_.Exec("UPDATE policy_entitlements SET status = 'proposed' WHERE once_key = ? AND status = 'held'",
                        std::vector<Value>{h.once_key});
      if (!e) return std::unexpected(e.error());
    }
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  AuditRow(actor, improper ? "supervision.confirm_improper" : "supervision.release", "hold:" + std::to_string(hold_id),
           "ok", CheckLabel(h.check) + "；" + h.once_key + "；理由：" + reason);
  auto after = Find(hold_id, scope);
  if (!after) return std::unexpected(after.error());
  return **after;
}

Result<HoldRow> Supervisor::RecordRecovery(int64_t hold_id, const std::string& scope, int64_t amount_fen,
                                           const std::string& ref, const std::string& actor) {
  if (ref.empty()) return Fail(ErrorCode::kInvalidArgument, "追回款须填写缴款凭证号（ref）");
  if (amount_fen <= 0) return Fail(ErrorCode::kInvalidArgument, "追回金额须大于0");
  auto found = Find(hold_id, scope);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "没有该核查记录");
  const HoldRow h = **found;
  if (h.status != "improper" || h.due_fen == 0) {
    return Fail(ErrorCode::kConflict, "只有认定违规且已支付的享受资格才登记追回款");
  }
  auto same = db_.Query(
      "SELECT amount_fen FROM supervision_recoveries WHERE county_code = ? AND once_key = ? AND kind = 'received' AND ref = ?",
      std::vector<Value>{h.county_code, h.once_key, ref});
  if (!same) return std::unexpected(same.error());
  if (!same->empty()) {
    if (same->front().Int(0) == amount_fen) return h;  // a retry
    return Fail(ErrorCode::kConflict, "缴款凭证号 " + ref + " 已登记另一金额");
  }
  if (amount_fen > h.due_fen - h.recovered_fen) {
    return Fail(ErrorCode::kInvalidArgument, "追回金额超过尚未追回的 " + policy::FormatYuan(h.due_fen - h.recovered_fen));
  }
  const std::string now = Now();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto fund = db_.Query("SELECT fund FROM supervision_recoveries WHERE county_code = ? AND once_key = ? AND kind = 'due'",
                        std::vector<Value>{h.county_code, h.once_key});
  if (!fund) return std::unexpected(fund.error());
  const std::string f = fund->empty() ? h.fund : fund->front().Text(0);
  auto ins = db_.Exec(
      "INSERT INTO supervision_recoveries (county_code, once_key, kind, fund, amount_fen, ref, actor, created_at) "
      "VALUES (?, ?, 'received', ?, ?, ?, ?, ?)",
      std::vector<Value>{h.county_code, h.once_key, f, amount_fen, ref, actor, now});
  if (!ins) return std::unexpected(ins.error());
  if (auto p = policy::PostEntries(db_, "sup:got:" + h.once_key + "|" + ref, h.once_key, "资金专户:" + f,
                                   Receivable(f), amount_fen, now);
      !p) {
    return std::unexpected(p.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  AuditRow(actor, "supervision.recover", "hold:" + std::to_string(hold_id), "ok",
           h.once_key + " 追回 " + policy::FormatYuan(amount_fen) + "（凭证 " + ref + "）");
  auto after = Find(hold_id, scope);
  if (!after) return std::unexpected(after.error());
  return **after;
}

Result<std::pair<int64_t, int64_t>> Supervisor::HeldOfBatch(int64_t batch_id) {
  auto rows = db_.Query(
      "SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM (SELECT once_key, MAX(amount_fen) AS amount_fen FROM "
      "supervision_holds WHERE batch_id = ? GROUP BY once_key) h",
      std::vector<Value>{batch_id});
  if (!rows) return std::unexpected(rows.error());
  return std::pair<int64_t, int64_t>{rows->front().Int(0), rows->front().Int(1)};
}

Result<std::vector<CountyReport>> Supervisor::Report(const std::string& scope) {
  // Per entitlement (an entitlement with two hits counts once): its
  // verdict is "improper" if any hold says so, else "held" if any is held,
  // else "released".
  auto rows = db_.Query(
      "SELECT county_code, verdict, COUNT(*), SUM(amount_fen) FROM (SELECT county_code, once_key, MAX(amount_fen) AS "
      "amount_fen, CASE WHEN SUM(CASE WHEN status = 'improper' THEN 1 ELSE 0 END) > 0 THEN 'improper' WHEN "
      "SUM(CASE WHEN status = 'held' THEN 1 ELSE 0 END) > 0 THEN 'held' ELSE 'released' END AS verdict FROM "
      "supervision_holds WHERE county_code LIKE ? AND once_key NOT LIKE 'county|%' GROUP BY county_code, once_key) v "
      "GROUP BY county_code, verdict ORDER BY county_code",
      std::vector<Value>{scope + "%"});
  if (!rows) return std::unexpected(rows.error());
  std::map<std::string, CountyReport> by;
  for (const auto& r : *rows) {
    CountyReport& c = by[r.Text(0)];
    c.county_code = r.Text(0);
    const std::string v = r.Text(1);
    if (v == "held") c.held_count = r.Int(2), c.held_fen = r.Int(3);
    if (v == "released") c.released_count = r.Int(2), c.released_fen = r.Int(3);
    if (v == "improper") c.improper_count = r.Int(2), c.improper_fen = r.Int(3);
  }
  auto rec = db_.Query(
      "SELECT county_code, kind, SUM(amount_fen) FROM supervision_recoveries WHERE county_code LIKE ? "
      "GROUP BY county_code, kind",
      std::vector<Value>{scope + "%"});
  if (!rec) return std::unexpected(rec.error());
  for (const auto& r : *rec) {
    CountyReport& c = by[r.Text(0)];
    c.county_code = r.Text(0);
    (r.Text(1) == "due" ? c.due_fen : c.recovered_fen) = r.Int(2);
  }
  std::vector<CountyReport> out;
  for (auto& [k, v] : by) out.push_back(std::move(v));
  return out;
}

Result<Budget> Supervisor::SetBudget(const std::string& county_code, const std::string& fund, int year,
                                     int64_t amount_fen, const std::string& actor, const std::string& actor_scope) {
  if (actor_scope.size() > 4) {
    return Fail(ErrorCode::kPermissionDenied, "预算只能由省级或市（州）级经办人员录入");
  }
  if (county_code.size() != 6 || county_code.find_first_not_of("0123456789") != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "县区代码（county_code）应为6位数字");
  }
  if (!county_code.starts_with(actor_scope)) return Fail(ErrorCode::kPermissionDenied, "县区超出权限范围");
  if (policy::ParseFund(fund) == policy::Fund::kNone || policy::ParseFund(fund) == policy::Fund::kGuaranteedLoan) {
    return Fail(ErrorCode::kInvalidArgument, "资金（fund）无效：应为 employment_subsidy、unemployment_insurance 或 linkage");
  }
  if (year < 2000 || year > 2100) return Fail(ErrorCode::kInvalidArgument, "年度（year）无效");
  if (amount_fen < 0) return Fail(ErrorCode::kInvalidArgument, "预算金额不能为负");
  const std::string code(policy::FundCode(policy::ParseFund(fund)));
  auto old = db_.Query("SELECT amount_fen FROM supervision_budgets WHERE county_code = ? AND fund = ? AND year = ?",
                       std::vector<Value>{county_code, code, int64_t{year}});
  if (!old) return std::unexpected(old.error());
  const std::string now = Now();
  auto w = old->empty()
               ? db_.Exec("INSERT INTO supervision_budgets (county_code, fund, year, amount_fen, set_by, set_at) "
                          "VALUES (?, ?, ?, ?, ?, ?)",
                          std::vector<Value>{county_code, code, int64_t{year}, amount_fen, actor, now})
               : db_.Exec("UPDATE supervision_budgets SET amount_fen = ?, set_by = ?, set_at = ? WHERE county_code = ? "
                          "AND fund = ? AND year = ?",
                          std::vector<Value>{amount_fen, actor, now, county_code, code, int64_t{year}});
  if (!w) return std::unexpected(w.error());
  AuditRow(actor, "supervision.budget", "budget:" + county_code + ":" + code + ":" + std::to_string(year), "ok",
           (old->empty() ? std::string("新录入 ") : "由 " + policy::FormatYuan(old->front().Int(0)) + " 改为 ") +
               policy::FormatYuan(amount_fen));
  auto list = Budgets(county_code, year);
  if (!list) return std::unexpected(list.error());
  for (auto& b : *list) {
    if (b.fund == code) return b;
  }
  return Fail(ErrorCode::kInternal, "预算写入后未找到");
}

Result<std::vector<Budget>> Supervisor::Budgets(const std::string& scope, int year) {
  auto rows = db_.Query(
      "SELECT b.county_code, b.fund, b.year, b.amount_fen, b.set_by, b.set_at, (SELECT COALESCE(SUM(p.amount_fen), 0) "
      "FROM policy_payments p JOIN policy_entitlements e ON e.once_key = p.once_key WHERE e.county_code = "
      "b.county_code AND p.fund = b.fund AND p.created_at >= ? AND p.created_at < ?) FROM supervision_budgets b "
      "WHERE b.county_code LIKE ? AND b.year = ? ORDER BY b.county_code, b.fund",
      std::vector<Value>{std::to_string(year) + "-01-01", std::to_string(year + 1) + "-01-01", scope + "%",
                         int64_t{year}});
  if (!rows) return std::unexpected(rows.error());
  std::vector<Budget> out;
  for (const auto& r : *rows) {
    Budget b;
    b.county_code = r.Text(0);
    b.fund = r.Text(1);
    b.year = static_cast<int>(r.Int(2));
    b.amount_fen = r.Int(3);
    b.set_by = r.Text(4);
    b.set_at = r.Text(5);
    b.spent_fen = r.Int(6);
    out.push_back(std::move(b));
  }
  return out;
}

Result<std::optional<int>> Supervisor::DataYear(const std::string& scope) {
  auto rows = db_.Query(
      "SELECT (SELECT MAX(year) FROM supervision_budgets WHERE county_code LIKE ?), "
      "(SELECT MAX(decided_on) FROM policy_entitlements WHERE county_code LIKE ?)",
      std::vector<Value>{scope + "%", scope + "%"});
  if (!rows) return std::unexpected(rows.error());
  std::optional<int> year;
  const auto& r = rows->front();
  if (!r.IsNull(0)) year = static_cast<int>(r.Int(0));
  auto later = [&year](const std::string& text) {
    if (auto d = Date::Parse(text); d && (!year || d->year() > *year)) year = d->year();
  };
  if (!r.IsNull(1)) later(r.Text(1));
  // The registry's own date: the latest unemployment registration (on the
  // demo, the generated province's as-of day). The services tables are not
  // this library's: where they are absent (a store of supervision alone)
  // the query fails and only this source is left out of a default.
  auto regs = db_.Query("SELECT MAX(registered_on) FROM unemployment_registrations WHERE county_code LIKE ?",
                        std::vector<Value>{scope + "%"});
  if (regs && !regs->empty() && !regs->front().IsNull(0)) later(regs->front().Text(0));
  return year;
}

}  // namespace qjy::supervision
