// Roles and what each may do. The separation of duties is structural:
// only kSecadmin grants permissions, only kSysadmin manages accounts, the
// auditors read the audit trail, and no role at all may delete audit rows.
//
// Pure functions, thread-safe.
#ifndef QJY_AUTH_ROLE_H_
#define QJY_AUTH_ROLE_H_

#include <optional>
#include <span>
#include <string_view>

namespace qjy::auth {

enum class Role { kOfficer, kEmployer, kSeeker, kAuditor, kSysadmin, kSecadmin };

enum class Permission {
  kReadPersons,        // list and read person records (masked) in scope
  kRevealIdentity,     // see a plaintext ID/phone — needs also the account grant "reveal"
  kImport,             // upload registry files
  kReadEmployers,
  kReadJobs,
  kReadAudit,
  kManageAccounts,     // create/disable accounts
  kGrantPermissions,   // grant/revoke per-account permissions such as "reveal"
  kDeleteAudit,        // nobody: listed so that the rule is checkable
};

std::string_view RoleName(Role r);           // "officer", "employer", ...
std::string_view RoleLabel(Role r);          // "经办人员", ...
std::optional<Role> ParseRole(std::string_view name);
std::span<const Role> AllRoles();
std::span<const Permission> AllPermissions();

// Whether the role as such may do this (region scope and per-account
// grants are checked elsewhere).
bool RoleMay(Role role, Permission p);

// Region levels by code length: 2 province, 4 prefecture, 6 county,
// 9 township, 12 village; 0 for anything else.
int RegionLevel(std::string_view code);
std::string_view RegionLevelName(std::string_view code);  // "province", ...

}  // namespace qjy::auth

#endif  // QJY_AUTH_ROLE_H_
