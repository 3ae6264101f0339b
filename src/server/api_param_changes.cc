#include "server/api_param_changes.h"

#include <charconv>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "auth/account.h"
#include "core/clause_display.h"
#include "core/clock.h"
#include "policy_services/param_change_store.h"
#include "server/api_internal.h"

namespace qjy::server {
namespace {

using nlohmann::json;
using policy_services::ParamChange;
using policy_services::ParamChangeStore;

// A value as the page shows it: 元, %, 个月, dates.
std::string Shown(const policy::Parameter* p, const std::optional<int64_t>& v) {
  if (!v) return "停止执行";
  if (!p) return std::to_string(*v);
  switch (p->unit) {
    case policy::Unit::kFen: return fmt::format("{}.{:02} 元", *v / 100, *v % 100);
    case policy::Unit::kPercentBp: {
      std::string s = fmt::format("{}.{:02}", *v / 100, *v % 100);
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
      return s + "%";
    }
    case policy::Unit::kMonths: return fmt::format("{} 个月", *v);
    case policy::Unit::kYears: return fmt::format("{} 年", *v);
    case policy::Unit::kDate: return Date::FromDays(static_cast<int32_t>(*v)).ToString();
    case policy::Unit::kBool: return *v ? "是" : "否";
    default: return std::to_string(*v);
  }
}

std::string StatusLabel(const ParamChange& c, Date today) {
  if (c.status == "proposed") return "待审批";
  if (c.status == "rejected") return "已驳回";
  return c.from > today ? "已批准，待生效" : "已生效";
}

json ChangeJson(const ParamChange& c, const policy::ParameterSet& base, Date today,
                const std::map<std::string, std::string>& names) {
  const policy::Parameter* p = base.Find(c.name);
  auto name_of = [&](const std::string& user) {
    auto it = names.find(user);
    return it == names.end() || it->second.empty() ? user : it->second;
  };
  return {{"change_id", c.change_id},
          {"name", c.name},
          {"description", p ? DisplayClause(p->description) : c.name},
          {"unit", p ? policy::UnitName(p->unit) : "count"},
          {"old_value", c.old_value ? json(*c.old_value) : json()},
          {"value", c.value ? json(*c.value) : json()},
          {"old_text", Shown(p, c.old_value)},
          {"value_text", Shown(p, c.value)},
          {"from", c.from.ToString()},
          {"document", c.document},
          {"clause", c.clause},
          {"reason", c.reason},
          {"status", c.status},
          {"status_label", StatusLabel(c, today)},
          {"proposed_by", c.proposed_by},
          {"proposed_by_name", name_of(c.proposed_by)},
          {"proposed_at", ChinaDateTimeText(c.proposed_at)},
          {"decided_by", c.decided_by},
          {"decided_by_name", c.decided_by.empty() ? "" : name_of(c.decided_by)},
          {"decided_at", ChinaDateTimeText(c.decided_at)},
          {"decision_note", c.decision_note}};
}

std::string ApiParamChangesText(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

HttpResponse ErrorOf(const Error& e, spdlog::logger& log) {
  if (e.code == ErrorCode::kPermissionDenied) return HttpResponse::Error(403, "forbidden", e.message);
  return ConflictAwareError(e, log);
}

}  // namespace

bool ParamEditable(const policy::Parameter& p) {
  return p.unit != policy::Unit::kRegion && p.file != "loans.yaml" && p.file != "training.yaml";
}

ParamChangeAnswer HandleParamChanges(const HttpRequest& req, const std::vector<std::string>& params, store::Db& db,
                                     const auth::Account& a, const policy::ParameterSet& base, Date today,
                                     int64_t now, spdlog::logger& log) {
  const bool officer = a.role == auth::Role::kOfficer;
  const bool province = officer && a.region_code == "52";
  const bool approver = province && a.HasGrant(policy_services::kApproveParamsGrant);
  const std::string path = req.Path();
  ParamChangeStore store(db);

  if (req.method == "GET") {
    if (!officer && a.role != auth::Role::kAuditor) return {Forbidden(), ParamChangeAudit{"policy.param_changes", "params", "denied", ""}};
    auto list = store.List();
    if (!list) return {StoreError(list.error(), log), std::nullopt};
    std::map<std::string, std::string> names;
    auto accounts = auth::AccountStore(db).List();
    if (!accounts) return {StoreError(accounts.error(), log), std::nullopt};
    for (const auto& acc : *accounts) names[acc.username] = acc.display_name;
    json items = json::array();
    for (const auto& c : *list) items.push_back(ChangeJson(c, base, today, names));
    json editable = json::array();
    for (const auto& [name, p] : base.all()) {
      if (ParamEditable(p)) editable.push_back(name);
    }
    return {JsonOk({{"items", std::move(items)},
                    {"editable", std::move(editable)},
                    {"may_propose", province},
                    {"may_approve", approver},
                    {"me", a.username},
                    {"today", today.ToString()}}),
            std::nullopt};
  }

  if (params.empty()) {  // POST /api/policy/param-changes: a proposal
    if (!province) {
      return {HttpResponse::Error(403, "forbidden", "只有省级经办人员可以提出政策参数调整"),
              ParamChangeAudit{"policy.param_propose", "params", "denied", ""}};
    }
    HttpResponse error;
    auto body = ParseJsonObject(req, error);
    if (!body) return {error, std::nullopt};
    policy_services::ParamProposal p;
    p.name = ApiParamChangesText(*body, "name");
    const policy::Parameter* param = base.Find(p.name);
    if (!param) return {BadRequest("请选择要调整的政策参数"), std::nullopt};
    if (!ParamEditable(*param)) {
      return {BadRequest("“" + DisplayClause(param->description) + "”由其业务系统按文件发布调整，不在此修改"), std::nullopt};
    }
    auto value = body->find("value");
    if (value == body->end()) return {BadRequest("请填写新的取值"), std::nullopt};
    if (!value->is_null()) p.value = value->get<int64_t>();  // integer or null: body_schema.cc
    auto from = Date::Parse(ApiParamChangesText(*body, "from"));
    if (!from) return {BadRequest("生效日期无效，应为 YYYY-MM-DD"), std::nullopt};
    p.from = *from;
    p.document = ApiParamChangesText(*body, "document");
    p.clause = ApiParamChangesText(*body, "clause");
    p.reason = ApiParamChangesText(*body, "reason");
    auto made = store.Propose(base, p, a.username, today, now);
    if (!made) {
      return {ErrorOf(made.error(), log),
              ParamChangeAudit{"policy.param_propose", "param:" + p.name, "failed", made.error().message}};
    }
    const std::string detail = fmt::format("{}：自 {} 起 {} → {}；依据 {} {}；{}", DisplayClause(param->description),
                                           made->from.ToString(), Shown(param, made->old_value),
                                           Shown(param, made->value), made->document, made->clause, made->reason);
    return {JsonOk(ChangeJson(*made, base, today, {}), 201),
            ParamChangeAudit{"policy.param_propose", "param_change:" + std::to_string(made->change_id), "ok", detail}};
  }

  // POST …/{change_id}/approve | reject
  const bool approve = path.ends_with("/approve");
  const std::string action = approve ? "policy.param_approve" : "policy.param_reject";
  int64_t id = 0;
  auto [end, ec] = std::from_chars(params[0].data(), params[0].data() + params[0].size(), id);
  const std::string target = "param_change:" + params[0];
  if (!approver) {
    return {HttpResponse::Error(403, "forbidden", "只有持有“审批政策参数”权限的省级经办人员可以审批"),
            ParamChangeAudit{action, target, "denied", ""}};
  }
  if (ec != std::errc() || end != params[0].data() + params[0].size() || id <= 0) {
    return {NotFound("没有该参数调整"), std::nullopt};
  }
  HttpResponse error;
  auto body = ParseJsonObject(req, error);
  if (!body) return {error, std::nullopt};
  auto decided = approve ? store.Approve(id, a.username, today, now)
                         : store.Reject(id, a.username, ApiParamChangesText(*body, "note"), now);
  if (!decided) {
    const bool denied = decided.error().code == ErrorCode::kPermissionDenied;
    return {ErrorOf(decided.error(), log), ParamChangeAudit{action, target, denied ? "denied" : "failed", decided.error().message}};
  }
  const policy::Parameter* param = base.Find(decided->name);
  const std::string detail =
      fmt::format("{}：自 {} 起 {} → {}（{} 提出）{}", param ? DisplayClause(param->description) : decided->name,
                  decided->from.ToString(), Shown(param, decided->old_value), Shown(param, decided->value),
                  decided->proposed_by, approve ? "" : "；驳回理由：" + decided->decision_note);
  return {JsonOk(ChangeJson(*decided, base, today, {})), ParamChangeAudit{action, target, "ok", detail}};
}

}  // namespace qjy::server
