// 账号管理 (issue #14): the administrators' account routes over
// auth::AccountAdmin (the rules: who may do what, never oneself, never the
// last system administrator, generated passwords, sessions ended).
//   GET  /api/accounts                         system and security administrators: every account
//                                              (administrators are province-wide), names not codes
//   POST /api/accounts                         system administrator: create with role and binding
//   POST /api/accounts/{account_id}/status     system administrator: {"disabled": bool}
//   POST /api/accounts/{account_id}/password   system administrator: reset (typed or generated)
//   POST /api/accounts/{account_id}/region     system administrator: an officer's region
//   POST /api/accounts/{account_id}/grants     security administrator: {"grants": [...]}
// Every other role: 403. Every change and every refusal is audited with the
// acting administrator; a password is never written to the audit trail or
// the log, and a generated one is answered once.
#include <charconv>
#include <cstdio>

#include "auth/account_admin.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/mask.h"
#include "server/api_internal.h"
#include "store/catalog_pages.h"
#include "store/person_keys.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;

std::optional<int64_t> AccountId(const std::string& text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string Text(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool IsAdmin(const auth::Account& a) {
  return auth::RoleMay(a.role, auth::Permission::kManageAccounts) ||
         auth::RoleMay(a.role, auth::Permission::kGrantPermissions);
}

// 403 for a role that may not, 400/404/409 with the rule's message otherwise.
HttpResponse AdminError(const Error& e, spdlog::logger& log) {
  if (e.code == ErrorCode::kPermissionDenied) return Forbidden();
  if (e.code == ErrorCode::kConflict || e.code == ErrorCode::kAlreadyExists) {
    return HttpResponse::Error(409, "conflict", e.message);
  }
  return StoreError(e, log);
}

}  // namespace

json Api::AdminAccountJson(store::Db& db, const auth::Account& a) const {
  json grants = json::array();
  for (const auto& g : a.grants) grants.push_back({{"grant", g}, {"label", auth::GrantLabel(g)}});
  const bool locked = a.locked_until > clock_.Now();
  json j = {{"account_id", a.account_id},
            {"username", a.username},
            {"display_name", a.display_name},
            {"role", auth::RoleName(a.role)},
            {"role_label", auth::RoleLabel(a.role)},
            {"region_code", a.region_code},
            {"region_name", ""},
            {"binding", ""},
            {"grants", std::move(grants)},
            {"disabled", a.disabled},
            {"locked", locked},
            {"status_label", a.disabled ? "已停用" : locked ? "已锁定" : "正常"},
            {"demo", a.demo},
            {"created_at", ChinaDateTimeText(a.created_at)}};
  // What the account is bound to, by name: the region, the employer, the person.
  if (!a.region_code.empty()) {
    auto full = regions_.FullName(a.region_code);
    j["region_name"] = full ? *full : RegionName(a.region_code);
    j["binding"] = j["region_name"];
  } else if (!a.credit_code.empty()) {
    auto name = store::EmployerName(db, a.credit_code);
    j["binding"] = name && *name ? **name : std::string("未登记的用人单位");
  } else if (!a.id_hash.empty()) {
    auto name = store::PersonNameByHash(db, a.id_hash);
    j["binding"] = name && *name ? "本人：" + **name : std::string("本人（尚未登记）");
  } else {
    j["binding"] = "全省";
  }
  return j;
}

HttpResponse Api::AccountsList(Call& c) {
  const auth::Account& me = c.account();
  if (!IsAdmin(me)) {
    Audit(c, "account.list", "accounts", "denied");
    return Forbidden();
  }
  auto all = auth::AccountStore(*c.db).List();
  if (!all) return StoreError(all.error(), *log_);
  const std::string role = QueryText(c.query, "role");
  json items = json::array();
  for (const auto& a : *all) {
    if (!role.empty() && auth::RoleName(a.role) != role) continue;
    items.push_back(AdminAccountJson(*c.db, a));
  }
  json roles = json::array();
  for (auth::Role r : auth::AllRoles()) roles.push_back({{"role", auth::RoleName(r)}, {"label", auth::RoleLabel(r)}});
  json grants = json::array();
  for (const char* g : {"reveal", "approve_payment", "approve_params", "supervise_funds"}) grants.push_back({{"grant", g}, {"label", auth::GrantLabel(g)}});
  return JsonOk({{"items", std::move(items)},
                 {"roles", std::move(roles)},
                 {"grants", std::move(grants)},
                 {"me", me.account_id},
                 {"may_manage", auth::RoleMay(me.role, auth::Permission::kManageAccounts)},
                 {"may_grant", auth::RoleMay(me.role, auth::Permission::kGrantPermissions)}});
}

HttpResponse Api::AccountCreate(Call& c) {
  if (!auth::RoleMay(c.account().role, auth::Permission::kManageAccounts)) {
    Audit(c, "account.create", "accounts", "denied");
    return Forbidden();
  }
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  auth::NewAccount a;
  a.username = Text(*body, "username");
  a.display_name = Text(*body, "display_name");
  const std::string role_name = Text(*body, "role");
  auto role = auth::ParseRole(role_name);
  if (!role) return BadRequest("请选择角色");
  a.role = *role;
  a.password = Text(*body, "password");
  std::string binding;
  switch (a.role) {
    case auth::Role::kOfficer: {
      a.region_code = Text(*body, "region_code");
      const Region* r = regions_.Find(a.region_code);
      if (a.region_code.empty()) return BadRequest("经办人员须选择所属区划");
      if (!r || !a.region_code.starts_with("52")) return BadRequest("所属区划不是贵州省的区划");
      binding = regions_.FullName(a.region_code).value_or(r->name);
      break;
    }
    case auth::Role::kEmployer: {
      a.credit_code = Text(*body, "credit_code");
      store::RegistryStore registry(*c.db, vault_);
      auto e = registry.FindEmployer(a.credit_code);
      if (!e) return StoreError(e.error(), *log_);
      if (!*e) return BadRequest("没有该统一社会信用代码的用人单位：" + a.credit_code);
      binding = (*e)->name;
      break;
    }
    case auth::Role::kSeeker: {
      auto check = CheckResidentId(Text(*body, "id_number"), Date::InChina(clock_.Now()), &regions_);
      if (!check.valid) return BadRequest("公民身份号码无效：" + check.reason);
      a.id_hash = vault_.Index(check.normalized);
      binding = MaskIdNumber(check.normalized);
      break;
    }
    default:
      break;
  }
  auto created = auth::AccountAdmin(*c.db).Create(c.account(), std::move(a), clock_.Now());
  if (!created) {
    Audit(c, "account.create", "account:" + ScrubIdentity(Text(*body, "username")), "failed",
          created.error().message);
    return AdminError(created.error(), *log_);
  }
  const auth::Account& made = created->account;
  Audit(c, "account.create", "account:" + made.username, "ok",
        std::string("角色：") + std::string(auth::RoleLabel(made.role)) + (binding.empty() ? "" : "；绑定：" + binding) +
            (created->generated_password.empty() ? "；密码由管理员设置" : "；系统生成初始密码"));
  json out = {{"account", AdminAccountJson(*c.db, made)}};
  if (!created->generated_password.empty()) out["password"] = created->generated_password;
  return JsonOk(out, 201);
}

HttpResponse Api::AccountChange(Call& c) {
  const std::string path = c.req.Path();
  const std::string what = path.substr(path.rfind('/') + 1);  // status, password, region, grants
  const auth::Permission needed =
      what == "grants" ? auth::Permission::kGrantPermissions : auth::Permission::kManageAccounts;
  const std::string action = "account." + what;
  if (!auth::RoleMay(c.account().role, needed)) {
    Audit(c, action, "account:" + c.params[0], "denied");
    return Forbidden();
  }
  auto id = AccountId(c.params[0]);
  if (!id) return NotFound("没有该账号");
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  auth::AccountAdmin admin(*c.db);
  auto before = auth::AccountStore(*c.db).FindById(*id);
  if (!before) return StoreError(before.error(), *log_);
  if (!before->has_value()) return NotFound("没有该账号");
  const std::string target = "account:" + (*before)->username;

  Result<auth::Account> changed = std::unexpected(Error{});
  std::string detail, generated;
  if (what == "status") {
    auto it = body->find("disabled");
    if (it == body->end() || !it->is_boolean()) return BadRequest("请说明停用（disabled: true）或启用（false）");
    const bool disabled = it->get<bool>();
    changed = admin.SetDisabled(c.account(), *id, disabled);
    detail = disabled ? "停用账号，其登录会话已结束" : "启用账号";
  } else if (what == "password") {
    auto r = admin.ResetPassword(c.account(), *id, Text(*body, "password"));
    if (r) {
      generated = *r;
      auto found = auth::AccountStore(*c.db).FindById(*id);
      if (!found) return StoreError(found.error(), *log_);
      changed = found->value_or(**before);
    } else {
      changed = std::unexpected(r.error());
    }
    detail = generated.empty() ? "管理员设置新密码，其登录会话已结束" : "系统生成新密码，其登录会话已结束";
  } else if (what == "region") {
    const std::string region = Text(*body, "region_code");
    const Region* r = regions_.Find(region);
    if (!r || !region.starts_with("52")) return BadRequest("所属区划不是贵州省的区划");
    changed = admin.SetRegion(c.account(), *id, region);
    detail = "所属区划改为 " + regions_.FullName(region).value_or(r->name) + "，其登录会话已结束";
  } else {  // grants
    auto it = body->find("grants");
    if (it == body->end() || !it->is_array()) return BadRequest("请给出权限列表（grants）");
    std::vector<std::string> grants;
    for (const auto& g : *it) grants.push_back(g.get<std::string>());  // strings: body_schema.cc
    changed = admin.SetGrants(c.account(), *id, grants);
    std::string names;
    if (changed) {
      for (const auto& g : changed->grants) names += (names.empty() ? "" : "、") + std::string(auth::GrantLabel(g));
    }
    detail = "权限设为：" + (names.empty() ? std::string("无") : names) + "，其登录会话已结束";
  }
  if (!changed) {
    Audit(c, action, target, changed.error().code == ErrorCode::kPermissionDenied ? "denied" : "failed",
          changed.error().message);
    return AdminError(changed.error(), *log_);
  }
  sessions_.ForgetAccount(*id);
  Audit(c, action, target, "ok", detail);
  json out = {{"account", AdminAccountJson(*c.db, *changed)}, {"message", detail}};
  if (!generated.empty()) out["password"] = generated;
  return JsonOk(out);
}

}  // namespace qjy::server
