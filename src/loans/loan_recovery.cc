// After compensation (loan_store.h): recovery from the borrower back to the
// guarantee fund (追偿回款) and bad-debt write-off (呆账核销), whole or partial.
#include "core/clause_display.h"
#include "loans/loan_store.h"
#include "policy/decision.h"

namespace qjy::loans {
namespace {

using store::Value;

constexpr size_t kMaxRefBytes = 64;

// The loan's posting of `kind` under `once_key`, if any.
Result<std::optional<Posting>> PostingByKey(store::Db& db, const Loan& loan, const std::string& once_key) {
  auto rows = db.Query(
      "SELECT kind, month_no, once_key, period_from, period_to, base_fen, rate_bp, amount_fen FROM loan_postings "
      "WHERE once_key = ? AND county_code = ? AND loan_id = ?",
      std::vector<Value>{once_key, loan.county_code, loan.loan_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Posting>();
  const store::Row& r = rows->front();
  return std::optional<Posting>(Posting{r.Text(0), static_cast<int>(r.Int(1)), r.Text(2),
                                        Date::Parse(r.Text(3)).value_or(Date()), Date::Parse(r.Text(4)).value_or(Date()),
                                        r.Int(5), r.Int(6), r.Int(7)});
}

Result<int64_t> CountPostings(store::Db& db, const Loan& loan, const char* kind) {
  auto rows = db.Query("SELECT COUNT(*) FROM loan_postings WHERE county_code = ? AND loan_id = ? AND kind = ?",
                       std::vector<Value>{loan.county_code, loan.loan_id, std::string(kind)});
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

}  // namespace

Result<Posting> LoanStore::Recover(const Loan& loan, const std::string& ref, Date on, int64_t amount_fen,
                                   const std::string& actor) {
  auto refuse = [&](ErrorCode code, const std::string& why) -> Result<Posting> {
    AuditRow(actor, "loans.recover", "loan:" + loan.loan_no, "refused", why);
    return Fail(code, why);
  };
  if (ref.empty()) return refuse(ErrorCode::kInvalidArgument, "回款凭证号：不能为空");
  if (ref.size() > kMaxRefBytes) return refuse(ErrorCode::kInvalidArgument, "回款凭证号：过长（最多64字节）");
  if (amount_fen <= 0) return refuse(ErrorCode::kInvalidArgument, "追偿回款金额：须大于0");
  const std::string key = "loan-recovery|" + loan.county_code + "|" + std::to_string(loan.loan_id) + "|" + ref;
  auto prior = PostingByKey(db_, loan, key);
  if (!prior) return std::unexpected(prior.error());
  if (*prior) {
    if ((*prior)->amount_fen == amount_fen && (*prior)->period_to == on) return **prior;  // a retry: nothing new
    return refuse(ErrorCode::kConflict, "回款凭证号 " + ref + " 已登记为 " + (*prior)->period_to.ToString() + " 回款 " +
                                            policy::FormatYuan((*prior)->amount_fen) + "，与本次不一致");
  }
  if (loan.status != "compensated" || !loan.compensated_on) {
    return refuse(ErrorCode::kConflict,
                  "贷款状态为“" + StatusName(loan.status) + "”，只有已代偿且尚有应收代偿款的贷款可登记追偿回款");
  }
  if (on < *loan.compensated_on) {
    return refuse(ErrorCode::kInvalidArgument,
                  "回款日期 " + on.ToString() + " 早于代偿日期 " + loan.compensated_on->ToString());
  }
  const int64_t owed = loan.receivable_fen();
  if (amount_fen > owed) {
    return refuse(ErrorCode::kInvalidArgument, "追偿回款 " + policy::FormatYuan(amount_fen) + " 大于担保基金尚未收回的代偿款 " +
                                                   policy::FormatYuan(owed));
  }
  auto n = CountPostings(db_, loan, "recovery");
  if (!n) return std::unexpected(n.error());
  Posting p{"recovery", static_cast<int>(*n + 1), key, *loan.compensated_on, on, owed, 0, amount_fen};
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  if (auto r = PostInTransaction(loan, p, kFundBank, kCompReceivable, actor); !r) {
    if (r.error().code == ErrorCode::kAlreadyExists) return Fail(ErrorCode::kConflict, "该回款已登记，请刷新后重试");
    return std::unexpected(r.error());
  }
  // Guarded by the amounts read: a concurrent recovery or write-off makes
  // this match nothing and the whole transaction roll back.
  auto u = db_.Exec(
      "UPDATE loans SET recovered_fen = recovered_fen + ?, status = CASE WHEN ? = ? THEN 'recovered' ELSE status END "
      "WHERE county_code = ? AND loan_id = ? AND status = 'compensated' AND recovered_fen = ? AND written_off_fen = ?",
      std::vector<Value>{amount_fen, amount_fen, owed, loan.county_code, loan.loan_id, loan.recovered_fen,
                         loan.written_off_fen});
  if (!u) return std::unexpected(u.error());
  if (*u != 1) return Fail(ErrorCode::kConflict, "该贷款已被他人更新，请刷新后重试");
  const std::string rest = amount_fen == owed ? "，代偿款已全部收回" : "，尚欠 " + policy::FormatYuan(owed - amount_fen);
  if (auto r = Event(loan, "recovered", on,
                     "追偿回款 " + policy::FormatYuan(amount_fen) + " 归还担保基金（凭证号 " + ref + "）" + rest, actor);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  AuditRow(actor, "loans.recover", "loan:" + loan.loan_no, "ok", policy::FormatYuan(amount_fen) + rest);
  return p;
}

Result<Posting> LoanStore::WriteOff(const std::string& loan_no, Date on, const std::string& actor,
                                    int64_t amount_fen) {
  auto found = Find(loan_no);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "没有该贷款：" + loan_no);
  return WriteOff(**found, on, actor, amount_fen);
}

Result<Posting> LoanStore::WriteOff(const Loan& loan, Date on, const std::string& actor, int64_t amount_fen) {
  const std::string& loan_no = loan.loan_no;
  const std::string clause = DisplayClause("main(五)");
  auto refuse = [&](ErrorCode code, const std::string& why) -> Result<Posting> {
    AuditRow(actor, "loans.write_off", "loan:" + loan_no, "refused", why);
    return Fail(code, why);
  };
  if (loan.status != "compensated" || !loan.compensated_on) {
    return refuse(ErrorCode::kConflict, "贷款状态为“" + StatusName(loan.status) + "”，只有已代偿的贷款可核销呆账");
  }
  auto months = Param("loans.write_off_after_months", on, loan.county_code);
  if (!months) return refuse(ErrorCode::kInvalidArgument, "核销参数未生效（" + clause + "）");
  const Date earliest = loan.compensated_on->AddMonths(static_cast<int>(*months));
  if (on < earliest) {
    return refuse(ErrorCode::kInvalidArgument, "代偿后追偿未满 " + std::to_string(*months) + " 个月，" +
                                                   earliest.ToString() + " 起方可核销（" + clause + "：呆账核销机制）");
  }
  const int64_t owed = loan.receivable_fen();
  const int64_t amount = amount_fen == 0 ? owed : amount_fen;
  if (amount <= 0) return refuse(ErrorCode::kInvalidArgument, "核销金额：须大于0");
  if (amount > owed) {
    return refuse(ErrorCode::kInvalidArgument, "核销金额 " + policy::FormatYuan(amount) + " 大于尚未收回的代偿款 " +
                                                   policy::FormatYuan(owed));
  }
  auto n = CountPostings(db_, loan, "write_off");
  if (!n) return std::unexpected(n.error());
  const std::string base = "loan-writeoff|" + loan.county_code + "|" + std::to_string(loan.loan_id);
  Posting p{"write_off", static_cast<int>(*n), *n == 0 ? base : base + "|" + std::to_string(*n), *loan.compensated_on,
            on, owed, 0, amount};
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  if (auto r = PostInTransaction(loan, p, kWriteOffExpense, kCompReceivable, actor); !r) {
    if (r.error().code == ErrorCode::kAlreadyExists) return Fail(ErrorCode::kConflict, "该贷款已被他人核销，请刷新后重试");
    return std::unexpected(r.error());
  }
  auto u = db_.Exec(
      "UPDATE loans SET written_off_fen = written_off_fen + ?, written_off_on = ?, "
      "status = CASE WHEN ? = ? THEN 'written_off' ELSE status END "
      "WHERE county_code = ? AND loan_id = ? AND status = 'compensated' AND recovered_fen = ? AND written_off_fen = ?",
      std::vector<Value>{amount, on.ToString(), amount, owed, loan.county_code, loan.loan_id, loan.recovered_fen,
                         loan.written_off_fen});
  if (!u) return std::unexpected(u.error());
  if (*u != 1) return Fail(ErrorCode::kConflict, "该贷款已被他人更新，请刷新后重试");
  const std::string rest = amount == owed ? "" : "，尚欠 " + policy::FormatYuan(owed - amount) + " 继续追偿";
  if (auto r = Event(loan, "written_off", on, "核销呆账 " + policy::FormatYuan(amount) + rest, actor); !r) {
    return std::unexpected(r.error());
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  AuditRow(actor, "loans.write_off", "loan:" + loan_no, "ok", policy::FormatYuan(amount) + rest);
  return p;
}

}  // namespace qjy::loans
