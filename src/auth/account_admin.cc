#include "auth/account_admin.h"

#include <algorithm>

namespace qjy::auth {
namespace {

Result<void> May(const Account& actor, Permission p) {
  if (!RoleMay(actor.role, p) || actor.disabled) {
    return Fail(ErrorCode::kPermissionDenied,
                p == Permission::kGrantPermissions ? "只有安全管理员可以授予权限" : "只有系统管理员可以管理账号");
  }
  return {};
}

}  // namespace

Result<Account> AccountAdmin::Find(int64_t account_id) {
  auto found = accounts_.FindById(account_id);
  if (!found) return std::unexpected(found.error());
  if (!found->has_value()) return Fail(ErrorCode::kNotFound, "没有该账号");
  return std::move(**found);
}

Result<CreatedAccount> AccountAdmin::Create(const Account& actor, NewAccount a, int64_t now) {
  if (auto m = May(actor, Permission::kManageAccounts); !m) return std::unexpected(m.error());
  if (!a.grants.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "权限由安全管理员在账号创建后授予");
  }
  a.demo = false;
  CreatedAccount out;
  if (a.password.empty()) {
    auto generated = GeneratePassword();
    if (!generated) return std::unexpected(generated.error());
    a.password = *generated;
    out.generated_password = std::move(*generated);
  }
  auto created = accounts_.Create(a, now);
  if (!created) return std::unexpected(created.error());
  out.account = std::move(*created);
  return out;
}

Result<Account> AccountAdmin::SetDisabled(const Account& actor, int64_t account_id, bool disabled) {
  if (auto m = May(actor, Permission::kManageAccounts); !m) return std::unexpected(m.error());
  auto target = Find(account_id);
  if (!target) return std::unexpected(target.error());
  if (disabled && target->account_id == actor.account_id) {
    return Fail(ErrorCode::kConflict, "不能停用自己的账号");
  }
  if (disabled && target->role == Role::kSysadmin && !target->disabled) {
    auto enabled = accounts_.CountEnabled(Role::kSysadmin);
    if (!enabled) return std::unexpected(enabled.error());
    if (*enabled <= 1) return Fail(ErrorCode::kConflict, "不能停用最后一个系统管理员账号");
  }
  // Checked, then written: two administrators disabling each other in the
  // same instant could both pass the count (accepted: both are audited, and
  // `qjy accounts disable --enable` on the server restores either).
  if (auto r = accounts_.SetDisabled(account_id, disabled); !r) return std::unexpected(r.error());
  return Find(account_id);
}

Result<std::string> AccountAdmin::ResetPassword(const Account& actor, int64_t account_id,
                                               const std::string& password) {
  if (auto m = May(actor, Permission::kManageAccounts); !m) return std::unexpected(m.error());
  if (auto target = Find(account_id); !target) return std::unexpected(target.error());
  std::string generated;
  std::string chosen = password;
  if (chosen.empty()) {
    auto g = GeneratePassword();
    if (!g) return std::unexpected(g.error());
    generated = *g;
    chosen = std::move(*g);
  }
  if (auto r = accounts_.SetPassword(account_id, chosen); !r) return std::unexpected(r.error());
  return generated;
}

Result<Account> AccountAdmin::SetGrants(const Account& actor, int64_t account_id, std::vector<std::string> grants) {
  if (auto m = May(actor, Permission::kGrantPermissions); !m) return std::unexpected(m.error());
  auto target = Find(account_id);
  if (!target) return std::unexpected(target.error());
  std::sort(grants.begin(), grants.end());
  grants.erase(std::unique(grants.begin(), grants.end()), grants.end());
  if (auto v = ValidateGrants(target->role, grants); !v) return std::unexpected(v.error());
  if (auto r = accounts_.SetGrants(account_id, grants); !r) return std::unexpected(r.error());
  return Find(account_id);
}

Result<Account> AccountAdmin::SetRegion(const Account& actor, int64_t account_id, const std::string& region_code) {
  if (auto m = May(actor, Permission::kManageAccounts); !m) return std::unexpected(m.error());
  if (auto r = accounts_.SetRegion(account_id, region_code); !r) return std::unexpected(r.error());
  return Find(account_id);
}

}  // namespace qjy::auth
