#include "loans/bank_import.h"

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "importer/cell_values.h"
#include "importer/table_source.h"
#include "policy/decision.h"

namespace qjy::loans {
namespace {

using store::Value;

constexpr int kMaxErrors = 100;

// "放款金额（元）" / "放款金额(元)" / " 放款金额 " → "放款金额".
std::string BareHeader(std::string_view h) {
  std::string s(importer::TrimCell(h));
  for (const char* open : {"（", "("}) {
    if (auto p = s.find(open); p != std::string::npos && p > 0) s.resize(p);
  }
  return std::string(importer::TrimCell(s));
}

std::optional<int64_t> ParseRateBp(std::string_view text) {
  std::string s(importer::TrimCell(text));
  if (s.ends_with("%")) s.pop_back();
  if (s.empty()) return std::nullopt;
  return importer::ParseYuanToFen(s);  // percent with ≤ 2 decimals → bp, as yuan → fen
}

struct Pending {
  int64_t row = 0;
  Loan loan;
  Date on;
  int64_t amount_fen = 0, rate_bp = 0;
  std::string bank_ref;
};

}  // namespace

Result<BankFileKind> ParseBankFileKind(std::string_view s) {
  if (s == "disbursement" || s == "放款") return BankFileKind::kDisbursement;
  if (s == "repayment" || s == "还款") return BankFileKind::kRepayment;
  if (s == "overdue" || s == "逾期") return BankFileKind::kOverdue;
  return Fail(ErrorCode::kInvalidArgument, "未知的银行文件类型：" + std::string(s) + "（应为 放款、还款 或 逾期）");
}

Result<BankImportResult> ImportBankFile(LoanStore& store, BankFileKind kind, const std::string& path,
                                        std::string_view region_scope, const std::string& actor) {
  const std::string file = std::filesystem::path(path).filename().string();
  std::vector<std::string_view> columns;
  switch (kind) {
    case BankFileKind::kDisbursement:
      columns = {"贷款编号", "放款日期", "放款金额", "年利率"};
      break;
    case BankFileKind::kRepayment:
      columns = {"贷款编号", "银行流水号", "还款日期", "还款本金"};
      break;
    case BankFileKind::kOverdue:
      columns = {"贷款编号", "逾期起始日期"};
      break;
  }
  // The table source looks for the header among known columns with their
  // usual units too.
  std::vector<std::string> known_text;
  for (auto c : columns) {
    known_text.emplace_back(c);
    known_text.push_back(std::string(c) + "（元）");
    known_text.push_back(std::string(c) + "（%）");
  }
  std::vector<std::string_view> known(known_text.begin(), known_text.end());
  auto src = importer::TableSource::Open(path, importer::CsvReader::kDefaultMaxRecordBytes, known);
  if (!src) return Fail(src.error().code, "文件 " + file + "：" + src.error().message);

  std::string errors;
  int n_errors = 0;
  auto error = [&](int64_t row, const std::string& field, const std::string& why) {
    if (++n_errors <= kMaxErrors) {
      errors += "文件 " + file + " 第 " + std::to_string(row) + " 行" + (field.empty() ? "" : " 字段 " + field) + "：" +
                why + "\n";
    }
  };
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < (*src)->header().size(); ++i) col.emplace(BareHeader((*src)->header()[i]), i);
  for (auto c : columns) {
    if (!col.contains(std::string(c))) error((*src)->header_row(), std::string(c), "表头缺少该列");
  }
  if (n_errors) return Fail(ErrorCode::kInvalidArgument, errors);
  (*src)->SetTailRule({static_cast<int>(col.at("贷款编号"))});

  BankImportResult result;
  std::vector<Pending> accepted_rows;
  std::map<std::string, Loan> loans;              // by loan number, as read
  std::map<std::string, int64_t> balance;         // after the file's earlier rows
  std::set<std::pair<std::string, std::string>> refs_in_file;
  std::set<std::string> disbursed_in_file, overdue_in_file;
  importer::SourceRecord rec;
  while ((*src)->Next(rec)) {
    ++result.rows;
    const int64_t row = rec.row;
    if (!rec.problem.empty()) {
      error(row, "", rec.problem);
      continue;
    }
    auto cell = [&](std::string_view name) -> std::string {
      auto it = col.find(std::string(name));
      return it == col.end() || it->second >= rec.cells.size() ? std::string()
                                                               : std::string(importer::TrimCell(rec.cells[it->second]));
    };
    auto date = [&](std::string_view name) -> std::optional<Date> {
      const std::string v = cell(name);
      if (v.empty()) {
        error(row, std::string(name), "不能为空");
        return std::nullopt;
      }
      auto d = Date::Parse(v);
      if (!d) {
        error(row, std::string(name), "日期格式不正确：" + v);
        return std::nullopt;
      }
      return *d;
    };
    auto money = [&](std::string_view name) -> std::optional<int64_t> {
      const std::string v = cell(name);
      auto f = importer::ParseYuanToFen(v);
      if (!f || *f <= 0) {
        error(row, std::string(name), v.empty() ? "不能为空" : "金额须为大于0、最多两位小数的数：" + v);
        return std::nullopt;
      }
      return *f;
    };
    const std::string no = cell("贷款编号");
    if (no.empty()) {
      error(row, "贷款编号", "不能为空");
      continue;
    }
    if (!loans.contains(no)) {
      auto found = store.Find(no);
      if (!found) return std::unexpected(found.error());
      if (!*found) {
        error(row, "贷款编号", "没有该贷款：" + no);
        continue;
      }
      loans.emplace(no, **found);
      balance[no] = (*found)->balance_fen();
    }
    const Loan& loan = loans.at(no);
    if (!loan.county_code.starts_with(region_scope)) {
      error(row, "贷款编号", "该贷款不属于本辖区：" + no);
      continue;
    }
    Pending p{row, loan, Date(), 0, 0, ""};
    switch (kind) {
      case BankFileKind::kDisbursement: {
        auto on = date("放款日期");
        auto amount = money("放款金额");
        auto rate = ParseRateBp(cell("年利率"));
        if (!rate) error(row, "年利率", "须为百分数，最多两位小数，如 4.35：" + cell("年利率"));
        if (!on || !amount || !rate) continue;
        if (disbursed_in_file.contains(no)) {
          error(row, "贷款编号", "同一贷款在文件中放款两次");
          continue;
        }
        disbursed_in_file.insert(no);
        const RowCheck check = store.CheckDisbursement(loan, *on, *amount, *rate);
        if (check.unchanged) {
          ++result.unchanged;  // the same row imported before
          continue;
        }
        if (check.refused()) {
          error(row, check.field, check.why);
          continue;
        }
        p.on = *on;
        p.amount_fen = *amount;
        p.rate_bp = *rate;
        balance[no] = *amount;
        break;
      }
      case BankFileKind::kRepayment: {
        const std::string ref = cell("银行流水号");
        if (ref.empty()) error(row, "银行流水号", "不能为空");
        auto on = date("还款日期");
        auto amount = money("还款本金");
        if (ref.empty() || !on || !amount) continue;
        if (!refs_in_file.insert({no, ref}).second) {
          error(row, "银行流水号", "同一贷款的流水号在文件中出现两次：" + ref);
          continue;
        }
        auto check = store.CheckRepayment(loan, ref, *on, *amount, balance[no]);
        if (!check) return std::unexpected(check.error());
        if (check->unchanged) {
          ++result.unchanged;
          continue;
        }
        if (check->refused()) {
          error(row, check->field, check->why);
          continue;
        }
        balance[no] -= *amount;
        p.on = *on;
        p.amount_fen = *amount;
        p.bank_ref = ref;
        break;
      }
      case BankFileKind::kOverdue: {
        auto on = date("逾期起始日期");
        if (!on) continue;
        if (!overdue_in_file.insert(no).second) {
          error(row, "贷款编号", "同一贷款在文件中出现两次");
          continue;
        }
        const RowCheck check = store.CheckOverdue(loan, *on);
        if (check.unchanged) {
          ++result.unchanged;
          continue;
        }
        if (check.refused()) {
          error(row, check.field, check.why);
          continue;
        }
        p.on = *on;
        break;
      }
    }
    accepted_rows.push_back(std::move(p));
  }
  if (n_errors) {
    if (n_errors > kMaxErrors) errors += "……共 " + std::to_string(n_errors) + " 处错误\n";
    return Fail(ErrorCode::kInvalidArgument, errors + "文件未导入（全部或全不）");
  }

  auto tx = store::Transaction::Begin(store.db());
  if (!tx) return std::unexpected(tx.error());
  for (const auto& p : accepted_rows) {
    Result<void> r;
    switch (kind) {
      case BankFileKind::kDisbursement:
        r = store.DisburseInTransaction(p.loan, p.on, p.amount_fen, p.rate_bp, actor);
        break;
      case BankFileKind::kRepayment:
        r = store.RepayInTransaction(p.loan, p.bank_ref, p.on, p.amount_fen, file, actor);
        break;
      case BankFileKind::kOverdue:
        r = store.MarkOverdueInTransaction(p.loan, p.on, actor);
        break;
    }
    if (!r) return Fail(r.error().code, "文件 " + file + " 第 " + std::to_string(p.row) + " 行：" + r.error().message);
    ++result.applied;
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return result;
}

}  // namespace qjy::loans
