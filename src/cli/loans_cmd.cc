// qjy loans create|import|subsidy-run|extend|compensate|recover|write-off|list
// (issue #16 §3): guaranteed start-up loans from an approved R14/R15
// entitlement to closing or write-off (loans/loan_store.h), the bank's
// files (loans/bank_import.h) and the monthly interest subsidy
// (loans/subsidy.h). `qjy ledger check` reconciles the loans' postings too
// (policy_cmd.cc).
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "audit/audit_schema.h"
#include "auth/clock.h"
#include "cli/cmd_support.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "importer/cell_values.h"
#include "loans/bank_import.h"
#include "loans/loan_schema.h"
#include "loans/loan_store.h"
#include "loans/subsidy.h"
#include "policy/decision.h"
#include "policy/params.h"
#include "policy/policy_dir.h"

namespace qjy::cli {
namespace {

struct Common {
  std::string db, params;
};

void AddCommon(CLI::App* cmd, Common& c) {
  cmd->add_option("--db", c.db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
  cmd->add_option("--params", c.params, "参数目录（默认 policy/params）/ parameter directory");
}

// The connection, the parameters, the audit log and the store, on the heap
// so that moving keeps the store's references valid.
struct LoansCmdOpened {
  RegistryHandle handle;
  std::unique_ptr<policy::ParameterSet> params;
  std::unique_ptr<auth::SystemClock> clock;
  std::unique_ptr<audit::AuditLog> audit;
  std::unique_ptr<loans::LoanStore> store;
};

Result<LoansCmdOpened> Open(const Common& c) {
  auto h = OpenRegistry(c.db);
  if (!h) return std::unexpected(h.error());
  auto p = policy::ParameterSet::LoadDir(c.params.empty() ? policy::DefaultParamsDir()
                                                          : std::filesystem::path(c.params));
  if (!p) return std::unexpected(p.error());
  if (auto m = audit::MigrateAudit(*h->db); !m) return std::unexpected(m.error());
  LoansCmdOpened o{std::move(*h), std::make_unique<policy::ParameterSet>(std::move(*p)), std::make_unique<auth::SystemClock>(),
           nullptr, nullptr};
  o.audit = std::make_unique<audit::AuditLog>(*o.clock, c.db);
  o.store = std::make_unique<loans::LoanStore>(*o.handle.db, *o.params, o.audit.get(), *o.clock);
  if (auto m = o.store->Migrate(); !m) return std::unexpected(m.error());
  return o;
}

nlohmann::json ToJson(const loans::Loan& l) {
  auto date = [](const std::optional<Date>& d) { return d ? nlohmann::json(d->ToString()) : nlohmann::json(); };
  return {{"loan_no", l.loan_no},
          {"county_code", l.county_code},
          {"rule", l.rule},
          {"kind", l.kind},
          {"borrower", l.borrower},
          {"person_id", l.person_id},
          {"employer_code", l.employer_code},
          {"amount_fen", l.amount_fen},
          {"term_months", l.term_months},
          {"bank", l.bank},
          {"guarantee_fund", l.guarantee_fund},
          {"counter_guarantee_waived", l.counter_guarantee_waived},
          {"counter_guarantee", l.counter_guarantee},
          {"status", l.status},
          {"status_name", loans::StatusName(l.status)},
          {"disbursed_on", date(l.disbursed_on)},
          {"disbursed_fen", l.disbursed_fen},
          {"rate_bp", l.rate_bp},
          {"maturity_on", date(l.maturity_on)},
          {"balance_fen", l.balance_fen()},
          {"extended_months", l.extended_months},
          {"overdue_since", date(l.overdue_since)},
          {"compensated_fen", l.compensated_fen},
          {"bank_loss_fen", l.bank_loss_fen}};
}

std::string Line(const loans::Loan& l) {
  return l.loan_no + "  " + l.borrower + "  " + policy::FormatYuan(l.amount_fen) + "  " + loans::StatusName(l.status) +
         "  余额 " + policy::FormatYuan(l.balance_fen()) + "  " + l.bank +
         (l.counter_guarantee_waived ? "  免除反担保" : "  反担保：" + l.counter_guarantee) +
         (l.maturity_on ? "  到期 " + l.maturity_on->ToString() : "");
}

}  // namespace

void AddLoansCommands(CLI::App& app, int& exit_code) {
  auto* loans_cmd = app.add_subcommand("loans", "创业担保贷款 / guaranteed start-up loans");
  loans_cmd->require_subcommand(1);

  // qjy loans create
  {
    auto* cmd = loans_cmd->add_subcommand("create", "由已审批的创业担保贷款享受资格（个人或小微企业）建立贷款 / open a loan");
    auto c = std::make_shared<Common>();
    auto in = std::make_shared<loans::LoanInput>();
    auto amount = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    AddCommon(cmd, *c);
    cmd->add_option("--entitlement", in->entitlement_key, "享受资格键 / entitlement key")->required();
    cmd->add_option("--amount", *amount, "贷款金额（元）/ amount in yuan")->required();
    cmd->add_option("--term", in->term_months, "期限（月）/ term in months")->required();
    cmd->add_option("--bank", in->bank, "经办银行 / handling bank")->required();
    cmd->add_option("--fund", in->guarantee_fund, "担保基金 / guarantee fund")->required();
    cmd->add_option("--counter-guarantee", in->counter_guarantee, "反担保措施 / counter-guarantee");
    cmd->add_option("--loan-no", in->loan_no, "贷款编号（默认自动生成）/ loan number");
    cmd->add_option("--date", *date, "审批日期 YYYY-MM-DD / approval date")->required();
    cmd->callback([c, in, amount, date, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto fen = importer::ParseYuanToFen(*amount);
        if (!fen) return Fail(ErrorCode::kInvalidArgument, "--amount：「" + *amount + "」不是有效金额（元，最多两位小数）");
        auto d = ParseDate(*date, "--date");
        if (!d) return std::unexpected(d.error());
        auto o = Open(*c);
        if (!o) return std::unexpected(o.error());
        loans::LoanInput input = *in;
        input.amount_fen = *fen;
        input.applied_on = *d;
        auto l = o->store->Create(input, Actor());
        if (!l) return std::unexpected(l.error());
        std::cout << "已建立贷款 " << Line(*l) << "\n";
        return {};
      });
    });
  }

  // qjy loans import
  {
    auto* cmd = loans_cmd->add_subcommand("import", "导入银行文件：放款、还款、逾期（全部或全不）/ import a bank file");
    auto c = std::make_shared<Common>();
    auto kind = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    auto region = std::make_shared<std::string>("52");
    AddCommon(cmd, *c);
    cmd->add_option("--kind", *kind, "放款 | 还款 | 逾期 (disbursement | repayment | overdue)")->required();
    cmd->add_option("--file", *file, "CSV 或 XLSX 文件 / file")->required();
    cmd->add_option("--region", *region, "辖区代码前缀 / region scope");
    cmd->callback([c, kind, file, region, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto k = loans::ParseBankFileKind(*kind);
        if (!k) return std::unexpected(k.error());
        auto o = Open(*c);
        if (!o) return std::unexpected(o.error());
        auto r = loans::ImportBankFile(*o->store, *k, *file, *region, Actor());
        if (!r) return std::unexpected(r.error());
        std::cout << "读取 " << r->rows << " 行，登记 " << r->applied << " 行，已登记未变 " << r->unchanged << " 行\n";
        return {};
      });
    });
  }

  // qjy loans subsidy-run
  {
    auto* cmd = loans_cmd->add_subcommand("subsidy-run", "按月贴息（每月只付一次）/ monthly interest subsidy");
    auto c = std::make_shared<Common>();
    auto through = std::make_shared<std::string>();
    auto region = std::make_shared<std::string>();
    AddCommon(cmd, *c);
    cmd->add_option("--through", *through, "贴息截至日 YYYY-MM-DD / months ended by this day")->required();
    cmd->add_option("--region", *region, "辖区代码前缀 / region");
    cmd->callback([c, through, region, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto d = ParseDate(*through, "--through");
        if (!d) return std::unexpected(d.error());
        auto o = Open(*c);
        if (!o) return std::unexpected(o.error());
        auto r = loans::RunSubsidies(*o->store, *d, *region, Actor());
        if (!r) return std::unexpected(r.error());
        std::cout << "贷款 " << r->loans << " 笔：本次贴息 " << r->months_paid << " 个月，合计 "
                  << policy::FormatYuan(r->paid_fen) << "；此前已贴息 " << r->months_already << " 个月；逾期不贴息 "
                  << r->months_unsubsidised << " 个月\n";
        return {};
      });
    });
  }

  // qjy loans extend
  {
    auto* cmd = loans_cmd->add_subcommand("extend", "因不可抗力展期（不超过1年）/ extension for force majeure");
    auto c = std::make_shared<Common>();
    auto loan = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    auto months = std::make_shared<int>(0);
    auto reason = std::make_shared<std::string>();
    AddCommon(cmd, *c);
    cmd->add_option("--loan", *loan, "贷款编号 / loan number")->required();
    cmd->add_option("--date", *date, "申请日期 YYYY-MM-DD / applied on")->required();
    cmd->add_option("--months", *months, "展期月数 / months")->required();
    cmd->add_option("--reason", *reason, "不可抗力事由 / reason")->required();
    cmd->callback([c, loan, date, months, reason, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto d = ParseDate(*date, "--date");
        if (!d) return std::unexpected(d.error());
        auto o = Open(*c);
        if (!o) return std::unexpected(o.error());
        auto l = o->store->Extend(*loan, *d, *months, *reason, Actor());
        if (!l) return std::unexpected(l.error());
        std::cout << "已展期 " << Line(*l) << "\n";
        return {};
      });
    });
  }

  // qjy loans compensate
  {
    auto* cmd = loans_cmd->add_subcommand("compensate", "担保基金代偿逾期贷款 / guarantee-fund compensation");
    auto c = std::make_shared<Common>();
    auto loan = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    AddCommon(cmd, *c);
    cmd->add_option("--loan", *loan, "贷款编号 / loan number")->required();
    cmd->add_option("--date", *date, "日期 YYYY-MM-DD / date")->required();
    cmd->callback([c, loan, date, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto d = ParseDate(*date, "--date");
        if (!d) return std::unexpected(d.error());
        auto o = Open(*c);
        if (!o) return std::unexpected(o.error());
        auto p = o->store->Compensate(*loan, *d, Actor());
        if (!p) return std::unexpected(p.error());
        std::cout << "已代偿 " << *loan << " " << policy::FormatYuan(p->amount_fen) << "\n";
        return {};
      });
    });
  }

  // qjy loans recover / write-off: after compensation, money back to the
  // fund (once per receipt) and a whole or partial write-off.
  for (const bool write_off : {false, true}) {
    auto* cmd = loans_cmd->add_subcommand(write_off ? "write-off" : "recover",
                                          write_off ? "核销呆账（可部分核销）/ write off all or part of what is owed"
                                                    : "登记代偿后的追偿回款 / money recovered after compensation");
    auto c = std::make_shared<Common>();
    auto loan = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    auto amount = std::make_shared<std::string>();
    auto ref = std::make_shared<std::string>();
    AddCommon(cmd, *c);
    cmd->add_option("--loan", *loan, "贷款编号 / loan number")->required();
    cmd->add_option("--date", *date, "日期 YYYY-MM-DD / date")->required();
    if (write_off) {
      cmd->add_option("--amount", *amount, "核销金额（元；默认全部尚欠）/ amount in yuan, default all owed");
    } else {
      cmd->add_option("--amount", *amount, "回款金额（元）/ amount in yuan")->required();
      cmd->add_option("--ref", *ref, "回款凭证号 / receipt reference")->required();
    }
    cmd->callback([c, loan, date, amount, ref, write_off, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto d = ParseDate(*date, "--date");
        if (!d) return std::unexpected(d.error());
        int64_t fen = 0;
        if (!amount->empty()) {
          auto f = importer::ParseYuanToFen(*amount);
          if (!f || *f <= 0) return Fail(ErrorCode::kInvalidArgument, "--amount：「" + *amount + "」不是有效金额（元，最多两位小数）");
          fen = *f;
        }
        auto o = Open(*c);
        if (!o) return std::unexpected(o.error());
        auto found = o->store->Find(*loan);
        if (!found) return std::unexpected(found.error());
        if (!*found) return Fail(ErrorCode::kNotFound, "没有该贷款：" + *loan);
        auto p = write_off ? o->store->WriteOff(**found, *d, Actor(), fen)
                           : o->store->Recover(**found, *ref, *d, fen, Actor());
        if (!p) return std::unexpected(p.error());
        auto after = o->store->FindById((*found)->loan_id);
        if (!after) return std::unexpected(after.error());
        std::cout << (write_off ? "已核销 " : "已登记追偿回款 ") << *loan << " " << policy::FormatYuan(p->amount_fen)
                  << "，担保基金尚欠 " << policy::FormatYuan(*after ? (*after)->receivable_fen() : 0) << "\n";
        return {};
      });
    });
  }

  // qjy loans list
  {
    auto* cmd = loans_cmd->add_subcommand("list", "贷款清单 / list loans");
    auto c = std::make_shared<Common>();
    auto f = std::make_shared<loans::LoanFilter>();
    auto json = std::make_shared<bool>(false);
    AddCommon(cmd, *c);
    cmd->add_option("--region", f->region, "辖区代码前缀 / region");
    cmd->add_option("--status", f->status, "状态 / status (approved, disbursed, repaying, extended, overdue, ...)");
    cmd->add_option("--limit", f->limit, "最多行数 / limit");
    cmd->add_flag("--json", *json, "输出 JSON / JSON output");
    cmd->callback([c, f, json, &exit_code] {
      Run(exit_code, [&]() -> Result<void> {
        auto o = Open(*c);
        if (!o) return std::unexpected(o.error());
        auto ls = o->store->List(*f);
        if (!ls) return std::unexpected(ls.error());
        if (*json) {
          nlohmann::json arr = nlohmann::json::array();
          for (const auto& l : *ls) arr.push_back(ToJson(l));
          std::cout << arr.dump(2) << "\n";
          return {};
        }
        for (const auto& l : *ls) std::cout << Line(l) << "\n";
        std::cout << "共 " << ls->size() << " 笔\n";
        return {};
      });
    });
  }
}

}  // namespace qjy::cli
