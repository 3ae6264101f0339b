#include "cli/param_changes_cmd.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "audit/audit_log.h"
#include "audit/audit_schema.h"
#include "auth/clock.h"
#include "cli/registry_handle.h"
#include "cli/signer.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy_services/param_change_store.h"
#include "server/api_param_changes.h"

namespace qjy::cli {
namespace {

struct Options {
  std::string db, params_dir;
  bool json = false;
  Signer signer;
};

void AddOptions(CLI::App* cmd, Options& o) {
  cmd->add_option("--db", o.db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
  cmd->add_option("--params", o.params_dir, "参数目录（默认 policy/params）/ parameter directory");
  cmd->add_flag("--json", o.json, "输出 JSON / JSON output");
  AddSigner(cmd, o.signer);
}

// One step through the web's handler as the signed-in account: the same
// rules, the same audit row (client "cli"). Prints the answer; a refusal
// goes to stderr with exit code 1.
void Step(const Options& o, const std::string& method, const std::string& target, const nlohmann::json& body,
          std::vector<std::string> path_params, int& exit_code,
          void (*print)(const nlohmann::json&)) {
  auto fail = [&](const std::string& message) {
    std::cerr << message << "\n";
    exit_code = 1;
  };
  auto h = OpenRegistry(o.db);
  if (!h) return fail(h.error().message);
  if (auto m = audit::MigrateAudit(*h->db); !m) return fail(m.error().message);
  if (auto m = policy_services::ParamChangeStore::Migrate(*h->db); !m) return fail(m.error().message);
  auth::SystemClock clock;
  auto account = SignIn(*h->db, o.db, o.signer, clock);
  if (!account) return fail(account.error().message);
  auto base = policy::ParameterSet::LoadDir(o.params_dir.empty() ? policy::DefaultParamsDir()
                                                                 : std::filesystem::path(o.params_dir));
  if (!base) return fail("参数集无效：" + base.error().message);
  server::HttpRequest req;
  req.method = method;
  req.target = target;
  req.body = body.is_null() ? std::string() : body.dump();
  req.client = "cli";
  auto answer = server::HandleParamChanges(req, path_params, *h->db, *account, *base, Date::InChina(clock.Now()),
                                           clock.Now(), *spdlog::default_logger());
  if (answer.audit) {
    audit::AuditEntry e;
    e.actor = account->username;
    e.role = "officer";
    e.region = account->region_code;
    e.action = answer.audit->action;
    e.target = answer.audit->target;
    e.result = answer.audit->result;
    e.client = "cli";
    e.detail = answer.audit->detail;
    if (auto a = audit::AuditLog(clock, o.db).Append(*h->db, std::move(e)); !a) {
      return fail("审计记录写入失败，操作结果未确认：" + a.error().message);
    }
  }
  auto j = nlohmann::json::parse(answer.response.body, nullptr, false);
  if (answer.response.status >= 400) {
    return fail(j.is_object() && j.contains("message") ? j["message"].get<std::string>()
                                                       : "请求失败（" + std::to_string(answer.response.status) + "）");
  }
  if (o.json) {
    std::cout << j.dump(2) << "\n";
  } else {
    print(j);
  }
  exit_code = 0;
}

void PrintChange(const nlohmann::json& c) {
  std::cout << "调整 " << c.value("change_id", 0) << "［" << c.value("status_label", "") << "］"
            << c.value("description", "") << "（" << c.value("name", "") << "）：自 " << c.value("from", "") << " 起 "
            << c.value("old_text", "") << " → " << c.value("value_text", "") << "；依据 " << c.value("document", "")
            << " " << c.value("clause", "") << "；理由：" << c.value("reason", "") << "；提出人 "
            << c.value("proposed_by_name", "");
  if (!c.value("decided_by", "").empty()) {
    std::cout << "；" << (c.value("status", "") == "rejected" ? "驳回人 " : "批准人 ") << c.value("decided_by_name", "");
    if (!c.value("decision_note", "").empty()) std::cout << "（" << c.value("decision_note", "") << "）";
  }
  std::cout << "\n";
}

void PrintList(const nlohmann::json& j) {
  const nlohmann::json changes = j.contains("items") ? j["items"] : nlohmann::json::array();
  for (const auto& c : changes) PrintChange(c);
  std::cout << "共 " << changes.size() << " 项参数调整\n";
}

}  // namespace

void AddParamChangeCommands(CLI::App* params_cmd, int& exit_code) {
  // qjy policy params list --db --user U
  auto* list = params_cmd->add_subcommand("list", "参数调整记录（全部，最新在前）/ every parameter change, newest first");
  auto lo = std::make_shared<Options>();
  AddOptions(list, *lo);
  list->callback([lo, &exit_code] { Step(*lo, "GET", "/api/policy/param-changes", nullptr, {}, exit_code, PrintList); });

  // qjy policy params propose --db --user U --name N (--value V | --end) --from D --document --clause --reason
  auto* propose = params_cmd->add_subcommand(
      "propose", "提出参数调整（省级经办人员；须另一名有审批权限的人员批准）/ propose a parameter change");
  auto po = std::make_shared<Options>();
  auto name = std::make_shared<std::string>();
  auto value = std::make_shared<int64_t>(0);
  auto end = std::make_shared<bool>(false);
  auto from = std::make_shared<std::string>();
  auto document = std::make_shared<std::string>();
  auto clause = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  AddOptions(propose, *po);
  propose->add_option("--name", *name, "参数名，如 r2.amount / parameter name")->required();
  auto* v = propose->add_option("--value", *value, "新取值（参数的单位：分、基点、月…）/ new value in the parameter's unit");
  auto* e = propose->add_flag("--end", *end, "自生效日起停止执行 / the scheme ends");
  v->excludes(e);
  propose->add_option("--from", *from, "生效日期 YYYY-MM-DD（须晚于今天）/ effective date")->required();
  propose->add_option("--document", *document, "依据文件，如 黔人社发〔2026〕3号 / document")->required();
  propose->add_option("--clause", *clause, "条款，如 第二条 / clause")->required();
  propose->add_option("--reason", *reason, "调整理由 / reason")->required();
  propose->callback([=, &exit_code] {
    if (v->count() == 0 && !*end) {
      std::cerr << "须指定 --value 或 --end\n";
      exit_code = 2;
      return;
    }
    nlohmann::json body = {{"name", *name}, {"value", *end ? nlohmann::json() : nlohmann::json(*value)},
                           {"from", *from}, {"document", *document}, {"clause", *clause}, {"reason", *reason}};
    Step(*po, "POST", "/api/policy/param-changes", body, {}, exit_code, [](const nlohmann::json& c) {
      PrintChange(c);
      std::cout << "已提出，须由另一名有审批政策参数权限的人员执行：qjy policy params approve --change "
                << c.value("change_id", 0) << " --user 账号\n";
    });
  });

  // qjy policy params approve|reject --db --user U --change N [--note]
  for (const bool approve : {true, false}) {
    auto* cmd = params_cmd->add_subcommand(
        approve ? "approve" : "reject",
        approve ? "批准参数调整（须有审批政策参数权限，且不是提出人）/ approve a parameter change"
                : "驳回参数调整（须有审批政策参数权限，且不是提出人）/ reject a parameter change");
    auto o = std::make_shared<Options>();
    auto change = std::make_shared<int64_t>(0);
    auto note = std::make_shared<std::string>();
    AddOptions(cmd, *o);
    cmd->add_option("--change", *change, "调整编号 / change id")->required();
    auto* n = cmd->add_option("--note", *note, approve ? "意见 / note" : "驳回理由 / reason for rejecting");
    if (!approve) n->required();
    cmd->callback([=, &exit_code] {
      const std::string id = std::to_string(*change);
      Step(*o, "POST", "/api/policy/param-changes/" + id + (approve ? "/approve" : "/reject"), {{"note", *note}},
           {id}, exit_code, [](const nlohmann::json& c) { PrintChange(c); });
    });
  }
}

}  // namespace qjy::cli
