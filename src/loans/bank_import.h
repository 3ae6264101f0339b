// The handling bank's files (issue #16 §3): disbursements, repayments and
// overdue loans, as CSV (any encoding importer/text_encoding.h detects) or
// XLSX (first sheet), Chinese headers in any order, title rows above and a
// note block below tolerated (importer/table_source.h):
//
//   放款  贷款编号, 放款日期, 放款金额（元）, 年利率（%）
//   还款  贷款编号, 银行流水号, 还款日期, 还款本金（元）
//   逾期  贷款编号, 逾期起始日期
//
// Headers match with or without the unit in brackets (（元）/(元)).
// Amounts in yuan with at most two decimals; rates in percent with at most
// two decimals (4.35 = 435 bp); dates YYYY-MM-DD (or the forms core/date.h
// reads).
//
// Row errors (Chinese, "文件 F 第 N 行 字段 X：why"): an unknown loan number, a
// loan outside `region_scope`, a disbursement above the approved amount or
// the rate cap, a repayment larger than the balance (after the file's earlier
// rows), a date before the disbursement, a loan in the wrong status, a bank
// reference used twice in the file or already recorded with other values.
//
// All or nothing: every row is checked first; any error fails the whole file
// (kInvalidArgument, every error listed, at most 100) and nothing is
// written. Otherwise the rows are applied in one transaction.
// Idempotent: a row already recorded with the same values (the same
// disbursement, the same bank reference, the same overdue date) is counted
// as unchanged, so re-importing a file changes nothing.
#ifndef QJY_LOANS_BANK_IMPORT_H_
#define QJY_LOANS_BANK_IMPORT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "loans/loan_store.h"

namespace qjy::loans {

enum class BankFileKind { kDisbursement, kRepayment, kOverdue };

// "disbursement"/"放款", "repayment"/"还款", "overdue"/"逾期".
Result<BankFileKind> ParseBankFileKind(std::string_view s);

struct BankImportResult {
  int64_t rows = 0;
  int64_t applied = 0;
  int64_t unchanged = 0;
};

// `path`: the file (.xlsx/.xlsm read as a workbook, anything else as CSV).
// Call outside a transaction.
Result<BankImportResult> ImportBankFile(LoanStore& store, BankFileKind kind, const std::string& path,
                                        std::string_view region_scope, const std::string& actor);

}  // namespace qjy::loans

#endif  // QJY_LOANS_BANK_IMPORT_H_
