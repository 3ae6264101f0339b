#include "loans/loan_store.h"

#include <cstdio>

#include "core/clause_display.h"
#include "loans/loan_schema.h"
#include "policy/decision.h"
#include "policy/ledger_entries.h"
#include "store/sql_where.h"

namespace qjy::loans {
namespace {

using store::Value;

constexpr char kColumns[] =
    "loan_id, county_code, loan_no, entitlement_key, rule, kind, person_id, employer_code, borrower, amount_fen, "
    "term_months, bank, guarantee_fund, counter_guarantee, counter_guarantee_waived, applied_on, status, disbursed_on, "
    "disbursed_fen, rate_bp, lpr_bp, maturity_on, repaid_fen, extended_months, extension_applied_on, extension_reason, "
    "overdue_since, compensated_on, compensated_fen, bank_loss_fen, written_off_on, recovered_fen, written_off_fen";

std::optional<Date> OptDate(const store::Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  auto d = Date::Parse(r.Text(i));
  return d ? std::optional<Date>(*d) : std::nullopt;
}

Loan FromRow(const store::Row& r) {
  Loan l;
  l.loan_id = r.Int(0);
  l.county_code = r.Text(1);
  l.loan_no = r.Text(2);
  l.entitlement_key = r.Text(3);
  l.rule = r.Text(4);
  l.kind = r.Text(5);
  l.person_id = r.Int(6);
  l.employer_code = r.Text(7);
  l.borrower = r.Text(8);
  l.amount_fen = r.Int(9);
  l.term_months = static_cast<int>(r.Int(10));
  l.bank = r.Text(11);
  l.guarantee_fund = r.Text(12);
  l.counter_guarantee = r.Text(13);
  l.counter_guarantee_waived = r.Int(14) != 0;
  l.applied_on = Date::Parse(r.Text(15)).value_or(Date());
  l.status = r.Text(16);
  l.disbursed_on = OptDate(r, 17);
  l.disbursed_fen = r.Int(18);
  l.rate_bp = r.Int(19);
  l.lpr_bp = r.Int(20);
  l.maturity_on = OptDate(r, 21);
  l.repaid_fen = r.Int(22);
  l.extended_months = static_cast<int>(r.Int(23));
  l.extension_applied_on = OptDate(r, 24);
  l.extension_reason = r.Text(25);
  l.overdue_since = OptDate(r, 26);
  l.compensated_on = OptDate(r, 27);
  l.compensated_fen = r.Int(28);
  l.bank_loss_fen = r.Int(29);
  l.written_off_on = OptDate(r, 30);
  l.recovered_fen = r.Int(31);
  l.written_off_fen = r.Int(32);
  return l;
}

std::string Bp(int64_t bp) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld%%", static_cast<long long>(bp / 100), static_cast<long long>(bp % 100));
  return buf;
}

// a * b / d rounded half up, for non-negative operands.
int64_t MulDivRound(int64_t a, int64_t b, int64_t d) { return (a * b * 2 + d) / (2 * d); }

}  // namespace

std::string StatusName(std::string_view s) {
  if (s == "applied") return "已受理待审批";
  if (s == "approved") return "已审批待放款";
  if (s == "disbursed") return "已放款";
  if (s == "repaying") return "还款中";
  if (s == "extended") return "已展期";
  if (s == "overdue") return "逾期";
  if (s == "compensated") return "已代偿";
  if (s == "written_off") return "已核销";
  if (s == "closed") return "已结清";
  if (s == "recovered") return "已追偿结清";
  return std::string(s);
}

std::string LoanStore::Now() const { return auth::IsoUtc(clock_.Now()); }

Result<void> LoanStore::Migrate() { return MigrateLoans(db_); }

void LoanStore::AuditRow(const std::string& actor, const std::string& action, const std::string& target,
                         const std::string& result, const std::string& detail) {
  if (!audit_) return;
  audit::AuditEntry e;
  e.actor = actor;
  e.role = "officer";
  e.action = action;
  e.target = target;
  e.result = result;
  e.client = "loans";
  e.detail = detail;
  (void)audit_->Append(db_, std::move(e));
}

Result<void> LoanStore::Event(const Loan& loan, const std::string& event, Date on, const std::string& detail,
                              const std::string& actor) {
  auto r = db_.Exec(
      "INSERT INTO loan_events (county_code, loan_id, event, on_date, detail, actor, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      std::vector<Value>{loan.county_code, loan.loan_id, event, on.ToString(), detail, actor, Now()});
  if (!r) return std::unexpected(r.error());
  return {};
}

Result<Loan> LoanStore::Create(const LoanInput& in, const std::string& actor) {
  auto rows = db_.Query(
      "SELECT entitlement_id, rule, status, loan, person_id, employer_code, beneficiary, county_code "
      "FROM policy_entitlements WHERE once_key = ?",
      std::vector<Value>{in.entitlement_key});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "审核清单中没有该享受资格：" + in.entitlement_key);
  const store::Row& e = rows->front();
  const std::string rule = e.Text(1);
  if (e.Int(3) == 0 || (rule != "R14" && rule != "R15")) {
    return Fail(ErrorCode::kConflict, "该享受资格不是创业担保贷款（个人创业担保贷款或小微企业创业担保贷款）：" + in.entitlement_key);
  }
  if (e.Text(2) != "approved") {
    return Fail(ErrorCode::kConflict, "该创业担保贷款资格尚未审批（当前状态：" + e.Text(2) + "）");
  }
  const bool person = rule == "R14";
  const std::string county = e.Text(7);
  const Date on = in.applied_on;
  if (in.amount_fen <= 0) return Fail(ErrorCode::kInvalidArgument, "贷款金额须大于0");
  if (in.bank.empty()) return Fail(ErrorCode::kInvalidArgument, "须填写经办银行");
  if (in.guarantee_fund.empty()) return Fail(ErrorCode::kInvalidArgument, "须填写担保基金");
  const char* max_name = person ? "loans.person_max" : "r15.max_loan";
  auto max = Param(max_name, on, county);
  if (!max) return Fail(ErrorCode::kInvalidArgument, std::string("参数未生效：") + max_name + "（" + on.ToString() + "）");
  if (in.amount_fen > *max) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(person ? "个人" : "小微企业") + "创业担保贷款金额 " + policy::FormatYuan(in.amount_fen) +
                    " 超过上限 " + policy::FormatYuan(*max) + "（" +
                    DisplayClause(person ? "A3(七)" : "A3(十)") + "）");
  }
  bool waived = false;
  if (person) {
    auto limit = Param("r14.max_loan_no_counter_guarantee", on, county);
    if (!limit) return Fail(ErrorCode::kInvalidArgument, "参数未生效：r14.max_loan_no_counter_guarantee");
    waived = in.amount_fen <= *limit;  // "10万元及以下" includes 10万
    if (!waived && in.counter_guarantee.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "个人创业担保贷款 " + policy::FormatYuan(in.amount_fen) + " 超过免除反担保额度 " +
                      policy::FormatYuan(*limit) + "（" + policy::FormatYuan(*limit) + "及以下免除反担保，" +
                      DisplayClause("A3(七)") + "），须提供反担保措施");
    }
  } else if (in.counter_guarantee.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "小微企业创业担保贷款须提供反担保措施（免除反担保仅适用于10万元及以下的个人贷款，" +
                                                 DisplayClause("A3(七)") + "）");
  }
  auto term = Param(person ? "loans.person_max_term_months" : "loans.firm_max_term_months", on, county);
  if (!term) return Fail(ErrorCode::kInvalidArgument, "参数未生效：贷款最长期限");
  if (in.term_months <= 0 || in.term_months > *term) {
    return Fail(ErrorCode::kInvalidArgument, "贷款期限 " + std::to_string(in.term_months) + " 个月不在 1–" +
                                                 std::to_string(*term) + " 个月之内");
  }
  char no[64];
  std::snprintf(no, sizeof no, "DK%s%08lld", county.c_str(), static_cast<long long>(e.Int(0)));
  const std::string loan_no = in.loan_no.empty() ? std::string(no) : in.loan_no;
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto ins = db_.Exec(
      "INSERT INTO loans (county_code, loan_no, entitlement_key, rule, kind, person_id, employer_code, borrower, "
      "amount_fen, term_months, bank, guarantee_fund, counter_guarantee, counter_guarantee_waived, applied_on, status, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      std::vector<Value>{county, loan_no, in.entitlement_key, rule, std::string(person ? "person" : "firm"), e.Int(4),
                         e.Text(5), e.Text(6), in.amount_fen, int64_t{in.term_months}, in.bank, in.guarantee_fund,
                         waived ? std::string() : in.counter_guarantee, int64_t{waived}, on.ToString(),
                         std::string(in.pending ? "applied" : "approved"), actor, Now()});
  if (!ins) {
    if (ins.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kConflict, "该享受资格已建贷款，或贷款编号已存在：" + loan_no);
    }
    return std::unexpected(ins.error());
  }
  auto loan = Find(loan_no);
  if (!loan) return std::unexpected(loan.error());
  if (!*loan) return Fail(ErrorCode::kStore, "贷款写入后未找到：" + loan_no);
  if (auto r = Event(**loan, "created", on,
                     std::string(in.pending ? "受理贷款申请 " : "审批贷款 ") + policy::FormatYuan(in.amount_fen) +
                         (waived ? "，免除反担保" : "，反担保：" + in.counter_guarantee),
                     actor);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  AuditRow(actor, in.pending ? "loans.apply" : "loans.create", "loan:" + loan_no, "ok",
           policy::FormatYuan(in.amount_fen));
  return **loan;
}

Result<std::optional<Loan>> LoanStore::Find(const std::string& loan_no) {
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM loans WHERE loan_no = ?", std::vector<Value>{loan_no});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Loan>();
  return std::optional<Loan>(FromRow(rows->front()));
}

Result<std::optional<Loan>> LoanStore::FindById(int64_t loan_id) {
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM loans WHERE loan_id = ?", std::vector<Value>{loan_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Loan>();
  return std::optional<Loan>(FromRow(rows->front()));
}

Result<std::vector<Loan>> LoanStore::List(const LoanFilter& f) {
  store::Where w;
  w.County("county_code", f.region).Eq("status", f.status).Eq("person_id", f.person_id);
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM loans WHERE " + w.Sql() +
                            " ORDER BY county_code, loan_id LIMIT ?",
                        w.Then(int64_t{f.limit}));
  if (!rows) return std::unexpected(rows.error());
  std::vector<Loan> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<LoanEvent>> LoanStore::Events(const Loan& loan) {
  auto rows = db_.Query(
      "SELECT event, on_date, detail, actor FROM loan_events WHERE county_code = ? AND loan_id = ? ORDER BY event_id",
      std::vector<Value>{loan.county_code, loan.loan_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<LoanEvent> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

Result<std::vector<Posting>> LoanStore::Postings(const Loan& loan) {
  auto rows = db_.Query(
      "SELECT kind, month_no, once_key, period_from, period_to, base_fen, rate_bp, amount_fen FROM loan_postings "
      "WHERE county_code = ? AND loan_id = ? ORDER BY kind, month_no",
      std::vector<Value>{loan.county_code, loan.loan_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<Posting> out;
  for (const auto& r : *rows) {
    out.push_back({r.Text(0), static_cast<int>(r.Int(1)), r.Text(2), Date::Parse(r.Text(3)).value_or(Date()),
                   Date::Parse(r.Text(4)).value_or(Date()), r.Int(5), r.Int(6), r.Int(7)});
  }
  return out;
}

Result<std::vector<std::pair<Date, int64_t>>> LoanStore::Schedule(const Loan& loan) {
  auto rows = db_.Query(
      "SELECT due_on, principal_fen FROM loan_schedule WHERE county_code = ? AND loan_id = ? ORDER BY month_no",
      std::vector<Value>{loan.county_code, loan.loan_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<std::pair<Date, int64_t>> out;
  for (const auto& r : *rows) out.emplace_back(Date::Parse(r.Text(0)).value_or(Date()), r.Int(1));
  return out;
}

std::string LoanStore::DisbursementProblem(const Loan& loan, Date on, int64_t amount_fen, int64_t rate_bp) const {
  if (amount_fen <= 0) return "放款金额须大于0";
  if (amount_fen > loan.amount_fen) {
    return "放款金额 " + policy::FormatYuan(amount_fen) + " 超过审批金额 " + policy::FormatYuan(loan.amount_fen);
  }
  if (on < loan.applied_on) return "放款日期早于贷款审批日期 " + loan.applied_on.ToString();
  auto lpr = Param("loans.lpr_1y", on);
  auto spread = Param("loans.rate_cap_spread_bp", on, loan.county_code);
  if (!lpr || !spread) return "放款日期 " + on.ToString() + " 无适用的LPR或利率上限参数";
  if (rate_bp <= 0) return "年利率须大于0";
  if (rate_bp > *lpr + *spread) {
    return "年利率 " + Bp(rate_bp) + " 超过上限 " + Bp(*lpr + *spread) + "（LPR " + Bp(*lpr) + " 加 " + Bp(*spread) + "）";
  }
  return "";
}

Result<void> LoanStore::DisburseInTransaction(const Loan& loan, Date on, int64_t amount_fen, int64_t rate_bp,
                                              const std::string& actor) {
  const int64_t lpr = Param("loans.lpr_1y", on).value_or(0);
  const Date maturity = on.AddMonths(loan.term_months);
  auto u = db_.Exec(
      "UPDATE loans SET status = 'disbursed', disbursed_on = ?, disbursed_fen = ?, rate_bp = ?, lpr_bp = ?, "
      "maturity_on = ? WHERE county_code = ? AND loan_id = ? AND status = 'approved'",
      std::vector<Value>{on.ToString(), amount_fen, rate_bp, lpr, maturity.ToString(), loan.county_code, loan.loan_id});
  if (!u) return std::unexpected(u.error());
  if (*u != 1) return Fail(ErrorCode::kConflict, "贷款 " + loan.loan_no + " 不在待放款状态");
  const int64_t each = amount_fen / loan.term_months;
  for (int k = 1; k <= loan.term_months; ++k) {
    const int64_t principal = k == loan.term_months ? amount_fen - each * (loan.term_months - 1) : each;
    auto r = db_.Exec(
        "INSERT INTO loan_schedule (county_code, loan_id, month_no, due_on, principal_fen) VALUES (?, ?, ?, ?, ?)",
        std::vector<Value>{loan.county_code, loan.loan_id, int64_t{k}, on.AddMonths(k).ToString(), principal});
    if (!r) return std::unexpected(r.error());
  }
  return Event(loan, "disbursed", on, "放款 " + policy::FormatYuan(amount_fen) + "，年利率 " + Bp(rate_bp), actor);
}

Result<void> LoanStore::RepayInTransaction(const Loan& loan, const std::string& bank_ref, Date on,
                                           int64_t principal_fen, const std::string& file_name,
                                           const std::string& actor) {
  auto ins = db_.Exec(
      "INSERT INTO loan_repayments (county_code, loan_id, bank_ref, paid_on, principal_fen, file_name, recorded_by, "
      "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      std::vector<Value>{loan.county_code, loan.loan_id, bank_ref, on.ToString(), principal_fen, file_name, actor, Now()});
  if (!ins) return std::unexpected(ins.error());
  // Closed when the balance reaches zero; repaying otherwise (an extended or
  // overdue loan keeps its status until cleared).
  auto u = db_.Exec(
      "UPDATE loans SET repaid_fen = repaid_fen + ?, status = CASE WHEN repaid_fen + ? >= disbursed_fen THEN 'closed' "
      "WHEN status = 'disbursed' THEN 'repaying' ELSE status END "
      "WHERE county_code = ? AND loan_id = ? AND status IN ('disbursed', 'repaying', 'extended', 'overdue') "
      "AND repaid_fen + ? <= disbursed_fen",
      std::vector<Value>{principal_fen, principal_fen, loan.county_code, loan.loan_id, principal_fen});
  if (!u) return std::unexpected(u.error());
  if (*u != 1) return Fail(ErrorCode::kConflict, "贷款 " + loan.loan_no + " 不能登记该笔还款");
  return Event(loan, "repaid", on, "还款本金 " + policy::FormatYuan(principal_fen) + "（流水号 " + bank_ref + "）", actor);
}

Result<void> LoanStore::MarkOverdueInTransaction(const Loan& loan, Date since, const std::string& actor) {
  auto u = db_.Exec(
      "UPDATE loans SET status = 'overdue', overdue_since = ? WHERE county_code = ? AND loan_id = ? "
      "AND status IN ('disbursed', 'repaying', 'extended')",
      std::vector<Value>{since.ToString(), loan.county_code, loan.loan_id});
  if (!u) return std::unexpected(u.error());
  if (*u != 1) return Fail(ErrorCode::kConflict, "贷款 " + loan.loan_no + " 不能登记逾期");
  return Event(loan, "overdue", since, "银行报送逾期", actor);
}

Result<Loan> LoanStore::Extend(const std::string& loan_no, Date applied_on, int months, const std::string& reason,
                               const std::string& actor) {
  auto found = Find(loan_no);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "没有该贷款：" + loan_no);
  return Extend(**found, applied_on, months, reason, actor);
}

Result<Loan> LoanStore::Extend(const Loan& loan, Date applied_on, int months, const std::string& reason,
                               const std::string& actor) {
  const std::string& loan_no = loan.loan_no;
  auto refuse = [&](const std::string& why) -> Result<Loan> {
    AuditRow(actor, "loans.extend", "loan:" + loan_no, "refused", why);
    return Fail(ErrorCode::kInvalidArgument, why);
  };
  const std::string clause = DisplayClause("main(五)");
  auto until = Param("r14.extension_valid_until", applied_on, loan.county_code);
  if (!until) return refuse("展期申请日 " + applied_on.ToString() + " 无适用的展期政策（" + clause + "）");
  const Date last = Date::FromDays(static_cast<int32_t>(*until));
  if (applied_on > last) {
    return refuse("展期申请日 " + applied_on.ToString() + " 晚于展期政策实施期限 " + last.ToString() + "，不予展期（" +
                  clause + "：政策实施期限截至" + std::to_string(last.year()) + "年" + std::to_string(last.month()) +
                  "月" + std::to_string(last.day()) + "日）");
  }
  auto max = Param("r14.extension_max_months", applied_on, loan.county_code);
  if (!max) return refuse("展期参数未生效（" + clause + "）");
  if (months <= 0 || months > *max) {
    return refuse("展期 " + std::to_string(months) + " 个月不在 1–" + std::to_string(*max) + " 个月之内（" + clause +
                  "：可申请不超过1年的展期还款）");
  }
  if (reason.empty()) return refuse("须说明因自然灾害、重特大突发事件等不可抗力遇到的还款困难（" + clause + "）");
  if (loan.extended_months > 0) return refuse("该贷款已展期 " + std::to_string(loan.extended_months) + " 个月，不能再次展期");
  if (loan.status != "disbursed" && loan.status != "repaying" && loan.status != "overdue") {
    return refuse("贷款状态为“" + StatusName(loan.status) + "”，不能展期");
  }
  if (!loan.disbursed_on || applied_on < *loan.disbursed_on) return refuse("展期申请日早于放款日期");
  const Date maturity = loan.maturity_on.value_or(applied_on).AddMonths(months);
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto u = db_.Exec(
      "UPDATE loans SET status = 'extended', extended_months = ?, extension_applied_on = ?, extension_reason = ?, "
      "maturity_on = ?, overdue_since = NULL WHERE county_code = ? AND loan_id = ? AND extended_months = 0",
      std::vector<Value>{int64_t{months}, applied_on.ToString(), reason, maturity.ToString(), loan.county_code,
                         loan.loan_id});
  if (!u) return std::unexpected(u.error());
  if (*u != 1) return Fail(ErrorCode::kConflict, "该贷款已展期");
  if (auto r = Event(loan, "extended", applied_on,
                     "展期 " + std::to_string(months) + " 个月，到期日改为 " + maturity.ToString() + "：" + reason, actor);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  AuditRow(actor, "loans.extend", "loan:" + loan_no, "ok", std::to_string(months) + " 个月");
  auto after = FindById(loan.loan_id);
  if (!after) return std::unexpected(after.error());
  if (!*after) return Fail(ErrorCode::kStore, "贷款展期后未找到：" + loan_no);
  return **after;
}

Result<void> LoanStore::PostInTransaction(const Loan& loan, const Posting& p, const std::string& debit,
                                          const std::string& credit, const std::string& actor) {
  const std::string now = Now();
  auto ins = db_.Exec(
      "INSERT INTO loan_postings (county_code, loan_id, kind, month_no, once_key, period_from, period_to, base_fen, "
      "rate_bp, amount_fen, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      std::vector<Value>{loan.county_code, loan.loan_id, p.kind, int64_t{p.month_no}, p.once_key,
                         p.period_from.ToString(), p.period_to.ToString(), p.base_fen, p.rate_bp, p.amount_fen, actor,
                         now});
  if (!ins) return std::unexpected(ins.error());
  return policy::PostEntries(db_, "loan:" + p.once_key, p.once_key, debit, credit, p.amount_fen, now);
}

Result<Posting> LoanStore::Compensate(const std::string& loan_no, Date on, const std::string& actor) {
  auto found = Find(loan_no);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "没有该贷款：" + loan_no);
  return Compensate(**found, on, actor);
}

Result<Posting> LoanStore::Compensate(const Loan& loan, Date on, const std::string& actor) {
  const std::string& loan_no = loan.loan_no;
  const std::string clause = DisplayClause("main(五)");
  if (loan.status != "overdue" || !loan.overdue_since) {
    return Fail(ErrorCode::kConflict, "贷款状态为“" + StatusName(loan.status) + "”，只有逾期贷款可由担保基金代偿");
  }
  auto days = Param("loans.compensation_overdue_days", on, loan.county_code);
  auto share = Param("loans.fund_share_bp", on, loan.county_code);
  if (!days || !share) return Fail(ErrorCode::kInvalidArgument, "代偿参数未生效（" + clause + "）");
  const Date earliest = loan.overdue_since->AddDays(static_cast<int>(*days));
  if (on < earliest) {
    return Fail(ErrorCode::kInvalidArgument, "逾期未满 " + std::to_string(*days) + " 天，" + earliest.ToString() +
                                                 " 起方可代偿（" + clause + "：风险分担机制）");
  }
  const int64_t balance = loan.balance_fen();
  const int64_t fund = MulDivRound(balance, *share, 10000);
  Posting p{"compensation", 0, "loan-comp|" + loan.county_code + "|" + std::to_string(loan.loan_id),
            *loan.overdue_since, on, balance, *share, fund};
  if (fund <= 0) return Fail(ErrorCode::kInvalidArgument, "贷款余额为0，无需代偿");
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  if (auto r = PostInTransaction(loan, p, kCompReceivable, kFundBank, actor); !r) {
    if (r.error().code == ErrorCode::kAlreadyExists) return Fail(ErrorCode::kConflict, "该贷款已代偿");
    return std::unexpected(r.error());
  }
  auto u = db_.Exec(
      "UPDATE loans SET status = 'compensated', compensated_on = ?, compensated_fen = ?, bank_loss_fen = ? "
      "WHERE county_code = ? AND loan_id = ? AND status = 'overdue'",
      std::vector<Value>{on.ToString(), fund, balance - fund, loan.county_code, loan.loan_id});
  if (!u) return std::unexpected(u.error());
  if (*u != 1) return Fail(ErrorCode::kConflict, "该贷款已不在逾期状态");
  if (auto r = Event(loan, "compensated", on,
                     "担保基金代偿 " + policy::FormatYuan(fund) + "（" + Bp(*share) + "），经办银行承担 " +
                         policy::FormatYuan(balance - fund),
                     actor);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  AuditRow(actor, "loans.compensate", "loan:" + loan_no, "ok", policy::FormatYuan(fund));
  return p;
}

}  // namespace qjy::loans
