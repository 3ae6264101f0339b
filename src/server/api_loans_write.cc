// Guaranteed start-up loans (issue #16 §3), the officer's writes. Each calls
// the loan store the CLI calls (loans/loan_store.h, loans/bank_import.h):
//   POST /api/loans  {entitlement_key, amount_fen, term_months, bank,
//        guarantee_fund, counter_guarantee?, loan_no?, on}: an application
//        (已受理待审批) from an approved R14/R15 entitlement
//   POST /api/loans/{loan_id}/approve       {on}
//   POST /api/loans/{loan_id}/disburse      {on, amount_fen, rate_bp}
//   POST /api/loans/{loan_id}/repayments    {bank_ref, on, principal_fen}
//   POST /api/loans/{loan_id}/extension     {on, months, reason}
//   POST /api/loans/{loan_id}/compensation  {on}
//   POST /api/loans/{loan_id}/recoveries    {ref, on, amount_fen}
//   POST /api/loans/{loan_id}/write-off     {on, amount_fen?}  (absent/0: all owed)
//   POST /api/loans/bank-files  multipart: kind (放款/还款/逾期), file (CSV/XLSX):
//        all or nothing; 400 with row_errors ["文件 F 第 N 行 字段 X：why"]
// Officers only, and only loans (entitlements) of counties their region
// covers: others 403, audited as denied; an unknown loan is 404. Amounts in
// fen, rates in basis points, dates YYYY-MM-DD. Every write is audited
// (loans.apply, loans.approve, …, loans.bank_file) with its outcome.
#include <cstdlib>
#include <fstream>
#include <mutex>

#include "loans/bank_import.h"
#include "loans/loan_schema.h"
#include "loans/loan_store.h"
#include "policy/decision.h"
#include "policy/ledger.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/multipart.h"

namespace qjy::server {
namespace {

using nlohmann::json;

Result<void> MigrateLoanTables(store::Db& db) { return loans::MigrateLoans(db); }

std::string ApiLoansWriteBodyText(const json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
}

// The store's error as an answer: 400 for the input, 409 for the state.
HttpResponse LoanError(const Error& e, spdlog::logger& log) {
  if (e.code == ErrorCode::kInvalidArgument) return BadRequest(e.message);
  if (e.code == ErrorCode::kNotFound) return NotFound(e.message);
  return ConflictAwareError(e, log);
}

struct Action {
  const char* segment;  // the last path segment
  const char* audit;    // the audit action
};
constexpr Action kActions[] = {
    {"approve", "loans.approve"},         {"disburse", "loans.disburse"},
    {"repayments", "loans.repay"},        {"extension", "loans.extend"},
    {"compensation", "loans.compensate"}, {"recoveries", "loans.recover"},
    {"write-off", "loans.write_off"},
};

}  // namespace

HttpResponse Api::LoanApply(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  const std::string key = ApiLoansWriteBodyText(*body, "entitlement_key");
  const std::string target = "entitlement:" + key;
  if (a.role != auth::Role::kOfficer) {
    Audit(c, "loans.apply", target, "denied");
    return Forbidden();
  }
  if (key.empty()) return BadRequest("享受资格（entitlement_key）：不能为空");
  auto on = Date::Parse(ApiLoansWriteBodyText(*body, "on"));
  if (!on) return BadRequest("申请日期（on）：格式应为 YYYY-MM-DD");
  const auto amount = BodyInt(*body, "amount_fen");
  if (!amount) return BadRequest("贷款金额（amount_fen）：须为整数（分）");
  const auto term = BodyInt(*body, "term_months");
  if (!term || *term > 1200) return BadRequest("贷款期限（term_months）：须为整数（月）");
  if (auto m = EnsureMigrated(pool_.url() + "#loans", c.db, &MigrateLoanTables); !m) return StoreError(m.error(), *log_);
  auto ent = policy::Ledger(*c.db, nullptr, clock_).Find(key);
  if (!ent) return StoreError(ent.error(), *log_);
  if (!*ent) return NotFound("审核清单中没有该享受资格");
  if (!RegionCovers(a.region_code, (*ent)->county_code)) {
    Audit(c, "loans.apply", target, "denied");
    return Forbidden();
  }
  std::string perr;
  const policy::ParameterSet* params = ShippedPolicyParams(perr);
  if (!params) return HttpResponse::Error(503, "unavailable", "贷款参数无法加载：" + perr);
  loans::LoanStore store(*c.db, *params, nullptr, clock_);
  loans::LoanInput in;
  in.entitlement_key = key;
  in.loan_no = ApiLoansWriteBodyText(*body, "loan_no");
  in.amount_fen = *amount;
  in.term_months = static_cast<int>(*term);
  in.bank = ApiLoansWriteBodyText(*body, "bank");
  in.guarantee_fund = ApiLoansWriteBodyText(*body, "guarantee_fund");
  in.counter_guarantee = ApiLoansWriteBodyText(*body, "counter_guarantee");
  in.applied_on = *on;
  in.pending = true;
  auto loan = store.Create(in, a.username);
  if (!loan) {
    Audit(c, "loans.apply", target, "rejected", loan.error().message);
    return LoanError(loan.error(), *log_);
  }
  Audit(c, "loans.apply", "loan:" + std::to_string(loan->loan_id), "ok",
        loan->loan_no + " " + policy::FormatYuan(loan->amount_fen));
  return JsonOk({{"loan", LoanJson(*loan, 0, 0)}, {"message", "已受理贷款申请 " + loan->loan_no}}, 201);
}

HttpResponse Api::LoanAction(Call& c) {
  const auth::Account& a = c.account();
  const std::string path = c.req.Path();
  const std::string segment = path.substr(path.rfind('/') + 1);
  const Action* act = nullptr;
  for (const auto& x : kActions) {
    if (segment == x.segment) act = &x;
  }
  if (!act) return NotFound();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  const std::string target = "loan:" + c.params[0];
  if (a.role != auth::Role::kOfficer) {
    Audit(c, act->audit, target, "denied");
    return Forbidden();
  }
  if (c.params[0].size() > 18 || c.params[0].find_first_not_of("0123456789") != std::string::npos) {
    return NotFound("没有该贷款");
  }
  const int64_t id = std::stoll(c.params[0]);
  if (auto m = EnsureMigrated(pool_.url() + "#loans", c.db, &MigrateLoanTables); !m) return StoreError(m.error(), *log_);
  std::string perr;
  const policy::ParameterSet* params = ShippedPolicyParams(perr);
  if (!params) return HttpResponse::Error(503, "unavailable", "贷款参数无法加载：" + perr);
  loans::LoanStore store(*c.db, *params, nullptr, clock_);
  auto found = store.FindById(id);
  if (!found) return StoreError(found.error(), *log_);
  if (!*found) return NotFound("没有该贷款");
  const loans::Loan& loan = **found;
  if (!RegionCovers(a.region_code, loan.county_code)) {
    Audit(c, act->audit, target, "denied");
    return Forbidden();
  }
  auto on = Date::Parse(ApiLoansWriteBodyText(*body, "on"));
  if (!on) return BadRequest("日期（on）：格式应为 YYYY-MM-DD");
  auto need = [&](const char* key, const char* label) -> std::optional<int64_t> {
    auto v = BodyInt(*body, key);
    if (!v) error = BadRequest(std::string(label) + "（" + key + "）：须为整数");
    return v;
  };
  std::string done;  // the Chinese summary of what was written
  auto fail = [&](const Error& e) -> HttpResponse {
    Audit(c, act->audit, target, "rejected", e.message);
    return LoanError(e, *log_);
  };
  if (segment == "approve") {
    auto l = store.Approve(loan, *on, a.username);
    if (!l) return fail(l.error());
    done = "已审批贷款 " + loan.loan_no;
  } else if (segment == "disburse") {
    auto amount = need("amount_fen", "放款金额（分）");
    if (!amount) return error;
    auto rate = need("rate_bp", "年利率（万分点）");
    if (!rate) return error;
    auto l = store.Disburse(loan, *on, *amount, *rate, a.username);
    if (!l) return fail(l.error());
    done = "已登记放款 " + policy::FormatYuan(*amount);
  } else if (segment == "repayments") {
    auto amount = need("principal_fen", "还款本金（分）");
    if (!amount) return error;
    auto l = store.Repay(loan, ApiLoansWriteBodyText(*body, "bank_ref"), *on, *amount, a.username);
    if (!l) return fail(l.error());
    done = "已登记还款 " + policy::FormatYuan(*amount) + "，贷款余额 " + policy::FormatYuan(l->balance_fen());
  } else if (segment == "extension") {
    auto months = need("months", "展期月数");
    if (!months) return error;
    if (*months > 1200 || *months < -1200) return BadRequest("展期月数（months）：不在合理范围内");
    auto l = store.Extend(loan, *on, static_cast<int>(*months), ApiLoansWriteBodyText(*body, "reason"), a.username);
    if (!l) return fail(l.error());
    done = "已展期 " + std::to_string(*months) + " 个月，到期日 " + (l->maturity_on ? l->maturity_on->ToString() : "");
  } else if (segment == "compensation") {
    auto p = store.Compensate(loan, *on, a.username);
    if (!p) return fail(p.error());
    done = "担保基金已代偿 " + policy::FormatYuan(p->amount_fen);
  } else if (segment == "recoveries") {
    auto amount = need("amount_fen", "追偿回款金额（分）");
    if (!amount) return error;
    auto p = store.Recover(loan, ApiLoansWriteBodyText(*body, "ref"), *on, *amount, a.username);
    if (!p) return fail(p.error());
    done = "已登记追偿回款 " + policy::FormatYuan(p->amount_fen) + "，归还担保基金";
  } else {  // write-off
    int64_t amount = 0;
    if (body->contains("amount_fen") && !(*body)["amount_fen"].is_null()) {
      auto v = need("amount_fen", "核销金额（分）");
      if (!v) return error;
      amount = *v;
      if (amount <= 0) return BadRequest("核销金额（amount_fen）：须大于0，不填则核销全部尚欠代偿款");
    }
    auto p = store.WriteOff(loan, *on, a.username, amount);
    if (!p) return fail(p.error());
    done = "已核销呆账 " + policy::FormatYuan(p->amount_fen);
  }
  auto after = store.FindById(id);
  if (!after) return StoreError(after.error(), *log_);
  if (!*after) return NotFound("没有该贷款");
  Audit(c, act->audit, target, "ok", loan.loan_no + " " + done);
  return JsonOk({{"loan", LoanJson(**after, 0, 0)}, {"message", done}});
}

HttpResponse Api::LoanBankFile(Call& c) {
  const auth::Account& a = c.account();
  if (a.role != auth::Role::kOfficer) {
    Audit(c, "loans.bank_file", "bank-file", "denied");
    return Forbidden();
  }
  auto parts = ParseMultipart(c.req.Header("content-type"), c.req.body);
  if (!parts) return HttpResponse::Error(400, "bad_multipart", parts.error().message);
  const FormPart* file = nullptr;
  std::string kind_text;
  for (const auto& p : *parts) {
    if (p.name == "file") file = &p;
    if (p.name == "kind") kind_text = std::string(p.data);
  }
  auto kind = loans::ParseBankFileKind(kind_text);
  if (!kind) return BadRequest("文件类型（kind）：" + kind.error().message);
  if (!file) return HttpResponse::Error(400, "bad_multipart", "缺少文件字段 file");
  if (file->data.empty()) return HttpResponse::Error(400, "bad_multipart", "上传的文件为空");
  std::string name = std::filesystem::path(file->filename).filename().string();
  if (name.empty() || name == "." || name == "..") name = "银行文件.csv";
  if (auto m = EnsureMigrated(pool_.url() + "#loans", c.db, &MigrateLoanTables); !m) return StoreError(m.error(), *log_);
  std::string perr;
  const policy::ParameterSet* params = ShippedPolicyParams(perr);
  if (!params) return HttpResponse::Error(503, "unavailable", "贷款参数无法加载：" + perr);
  // The file in a private directory of its own, removed whatever happens.
  const std::filesystem::path base =
      options_.work_dir.empty() ? std::filesystem::temp_directory_path() : options_.work_dir;
  std::error_code made;
  std::filesystem::create_directories(base, made);  // the work directory is made on first use
  std::string tmpl = (base / "qjy-bank-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) return HttpResponse::Error(500, "internal", "无法创建临时目录");
  const std::filesystem::path path = std::filesystem::path(tmpl) / name;
  Result<loans::BankImportResult> result;
  {
    std::ofstream out(path, std::ios::binary);
    out.write(file->data.data(), static_cast<std::streamsize>(file->data.size()));
    out.close();
    if (!out) {
      result = Fail(ErrorCode::kIo, "无法保存上传的文件");
    } else {
      loans::LoanStore store(*c.db, *params, nullptr, clock_);
      result = loans::ImportBankFile(store, *kind, path.string(), a.region_code, a.username);
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(tmpl, ec);
  const std::string target = "bank-file:" + kind_text;
  if (!result) {
    Audit(c, "loans.bank_file", target, "rejected", name + "：" + result.error().message.substr(0, 2000));
    if (result.error().code != ErrorCode::kInvalidArgument) return LoanError(result.error(), *log_);
    json lines = json::array();
    std::string_view rest = result.error().message;
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      if (!line.empty()) lines.push_back(std::string(line));
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
    return JsonOk({{"error", "invalid_argument"}, {"message", result.error().message}, {"row_errors", lines}}, 400);
  }
  const std::string summary = "读取 " + std::to_string(result->rows) + " 行，登记 " + std::to_string(result->applied) +
                              " 行，已登记未变 " + std::to_string(result->unchanged) + " 行";
  Audit(c, "loans.bank_file", target, "ok", name + "：" + summary);
  return JsonOk({{"file", name},
                 {"rows", result->rows},
                 {"applied", result->applied},
                 {"unchanged", result->unchanged},
                 {"message", summary}});
}

}  // namespace qjy::server
