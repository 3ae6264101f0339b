// The checks of one disbursement / repayment / overdue entry (shared by the
// bank import and the officer's single entries), the single entries
// themselves, and the approval of an application (loan_store.h).
#include "loans/loan_store.h"

#include "policy/decision.h"

namespace qjy::loans {
namespace {

using store::Value;

RowCheck Refuse(std::string field, std::string why) { return {std::move(field), std::move(why), false}; }
RowCheck Unchanged() { return {"", "", true}; }

}  // namespace

RowCheck LoanStore::CheckDisbursement(const Loan& loan, Date on, int64_t amount_fen, int64_t rate_bp) const {
  if (loan.status != "approved") {
    if (loan.disbursed_on == on && loan.disbursed_fen == amount_fen && loan.rate_bp == rate_bp) return Unchanged();
    return Refuse("贷款编号", loan.disbursed_on ? "该贷款已于 " + loan.disbursed_on->ToString() + " 放款 " +
                                                   policy::FormatYuan(loan.disbursed_fen) + "，与本行不一致"
                                             : "贷款状态为“" + StatusName(loan.status) + "”，不能放款");
  }
  if (auto why = DisbursementProblem(loan, on, amount_fen, rate_bp); !why.empty()) {
    const char* field = why.starts_with("放款金额") ? "放款金额" : why.starts_with("年利率") ? "年利率" : "放款日期";
    return Refuse(field, why);
  }
  return {};
}

Result<RowCheck> LoanStore::CheckRepayment(const Loan& loan, const std::string& bank_ref, Date on,
                                           int64_t principal_fen, int64_t balance_fen) {
  if (bank_ref.empty()) return Refuse("银行流水号", "不能为空");
  if (principal_fen <= 0) return Refuse("还款本金", "还款本金须大于0");
  auto prior = db_.Query(
      "SELECT paid_on, principal_fen FROM loan_repayments WHERE county_code = ? AND loan_id = ? AND bank_ref = ?",
      std::vector<Value>{loan.county_code, loan.loan_id, bank_ref});
  if (!prior) return std::unexpected(prior.error());
  if (!prior->empty()) {
    if (prior->front().Text(0) == on.ToString() && prior->front().Int(1) == principal_fen) return Unchanged();
    return Refuse("银行流水号", "该流水号已登记为 " + prior->front().Text(0) + " 还款 " +
                                    policy::FormatYuan(prior->front().Int(1)) + "，与本行不一致");
  }
  if (!loan.disbursed_on) return Refuse("贷款编号", "该贷款尚未放款");
  if (on < *loan.disbursed_on) {
    return Refuse("还款日期", "还款日期 " + on.ToString() + " 早于放款日期 " + loan.disbursed_on->ToString());
  }
  if (loan.status != "disbursed" && loan.status != "repaying" && loan.status != "extended" &&
      loan.status != "overdue") {
    return Refuse("贷款编号", "贷款状态为“" + StatusName(loan.status) + "”，不能登记还款");
  }
  if (principal_fen > balance_fen) {
    return Refuse("还款本金", "还款本金 " + policy::FormatYuan(principal_fen) + " 大于贷款余额 " +
                                  policy::FormatYuan(balance_fen));
  }
  return RowCheck{};
}

RowCheck LoanStore::CheckOverdue(const Loan& loan, Date since) const {
  if (loan.status == "overdue" && loan.overdue_since == since) return Unchanged();
  if (!loan.disbursed_on) return Refuse("贷款编号", "该贷款尚未放款");
  if (since < *loan.disbursed_on) {
    return Refuse("逾期起始日期",
                  "逾期起始日期 " + since.ToString() + " 早于放款日期 " + loan.disbursed_on->ToString());
  }
  if (loan.status != "disbursed" && loan.status != "repaying" && loan.status != "extended") {
    return Refuse("贷款编号", "贷款状态为“" + StatusName(loan.status) + "”，不能登记逾期");
  }
  return {};
}

namespace {

Result<Loan> Reload(LoanStore& store, const Loan& loan) {
  auto after = store.FindById(loan.loan_id);
  if (!after) return std::unexpected(after.error());
  if (!*after) return Fail(ErrorCode::kStore, "贷款未找到：" + loan.loan_no);
  return **after;
}

Result<Loan> Refused(const RowCheck& c) { return Fail(ErrorCode::kInvalidArgument, c.field + "：" + c.why); }

}  // namespace

Result<Loan> LoanStore::Disburse(const Loan& loan, Date on, int64_t amount_fen, int64_t rate_bp,
                                 const std::string& actor) {
  const RowCheck c = CheckDisbursement(loan, on, amount_fen, rate_bp);
  if (c.refused()) {
    AuditRow(actor, "loans.disburse", "loan:" + loan.loan_no, "refused", c.why);
    return Refused(c);
  }
  if (!c.unchanged) {
    auto tx = store::Transaction::Begin(db_);
    if (!tx) return std::unexpected(tx.error());
    if (auto r = DisburseInTransaction(loan, on, amount_fen, rate_bp, actor); !r) return std::unexpected(r.error());
    if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
    AuditRow(actor, "loans.disburse", "loan:" + loan.loan_no, "ok", policy::FormatYuan(amount_fen));
  }
  return Reload(*this, loan);
}

Result<Loan> LoanStore::Repay(const Loan& loan, const std::string& bank_ref, Date on, int64_t principal_fen,
                              const std::string& actor) {
  auto c = CheckRepayment(loan, bank_ref, on, principal_fen, loan.balance_fen());
  if (!c) return std::unexpected(c.error());
  if (c->refused()) {
    AuditRow(actor, "loans.repay", "loan:" + loan.loan_no, "refused", c->why);
    return Refused(*c);
  }
  if (!c->unchanged) {
    auto tx = store::Transaction::Begin(db_);
    if (!tx) return std::unexpected(tx.error());
    if (auto r = RepayInTransaction(loan, bank_ref, on, principal_fen, "经办人员录入", actor); !r) {
      return std::unexpected(r.error());
    }
    if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
    AuditRow(actor, "loans.repay", "loan:" + loan.loan_no, "ok", policy::FormatYuan(principal_fen));
  }
  return Reload(*this, loan);
}

Result<Loan> LoanStore::Approve(const Loan& loan, Date on, const std::string& actor) {
  if (loan.status != "applied") {
    return Fail(ErrorCode::kConflict, "贷款状态为“" + StatusName(loan.status) + "”，只有已受理的申请可以审批");
  }
  if (on < loan.applied_on) {
    return Fail(ErrorCode::kInvalidArgument, "审批日期 " + on.ToString() + " 早于申请日期 " + loan.applied_on.ToString());
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto u = db_.Exec("UPDATE loans SET status = 'approved' WHERE county_code = ? AND loan_id = ? AND status = 'applied'",
                    std::vector<Value>{loan.county_code, loan.loan_id});
  if (!u) return std::unexpected(u.error());
  if (*u != 1) return Fail(ErrorCode::kConflict, "该贷款申请已不在待审批状态");
  if (auto r = Event(loan, "approved", on, "审批通过，待经办银行放款 " + policy::FormatYuan(loan.amount_fen), actor);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  AuditRow(actor, "loans.approve", "loan:" + loan.loan_no, "ok", policy::FormatYuan(loan.amount_fen));
  return Reload(*this, loan);
}

}  // namespace qjy::loans
