#include "auth/role.h"

#include <array>

namespace qjy::auth {
namespace {

constexpr std::array kRoles = {Role::kOfficer, Role::kEmployer, Role::kSeeker,
                               Role::kAuditor, Role::kSysadmin, Role::kSecadmin};
constexpr std::array kPermissions = {
    Permission::kReadPersons,    Permission::kRevealIdentity, Permission::kImport,
    Permission::kReadEmployers,  Permission::kReadJobs,       Permission::kReadAudit,
    Permission::kManageAccounts, Permission::kGrantPermissions, Permission::kDeleteAudit};

}  // namespace

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kOfficer: return "officer";
    case Role::kEmployer: return "employer";
    case Role::kSeeker: return "seeker";
    case Role::kAuditor: return "auditor";
    case Role::kSysadmin: return "sysadmin";
    case Role::kSecadmin: return "secadmin";
  }
  return "unknown";
}

std::string_view RoleLabel(Role r) {
  switch (r) {
    case Role::kOfficer: return "经办人员";
    case Role::kEmployer: return "用人单位";
    case Role::kSeeker: return "求职者";
    case Role::kAuditor: return "审计员";
    case Role::kSysadmin: return "系统管理员";
    case Role::kSecadmin: return "安全管理员";
  }
  return "未知";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kRoles) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

std::span<const Role> AllRoles() { return kRoles; }
std::span<const Permission> AllPermissions() { return kPermissions; }

bool RoleMay(Role role, Permission p) {
  switch (p) {
    case Permission::kReadPersons: return role == Role::kOfficer || role == Role::kAuditor;
    case Permission::kRevealIdentity: return role == Role::kOfficer;
    case Permission::kImport: return role == Role::kOfficer;
    case Permission::kReadEmployers: return role == Role::kOfficer || role == Role::kEmployer;
    case Permission::kReadJobs: return true;
    case Permission::kReadAudit: return role == Role::kAuditor || role == Role::kSecadmin;
    case Permission::kManageAccounts: return role == Role::kSysadmin;
    case Permission::kGrantPermissions: return role == Role::kSecadmin;
    case Permission::kDeleteAudit: return false;
  }
  return false;
}

int RegionLevel(std::string_view code) {
  for (char c : code) {
    if (c < '0' || c > '9') return 0;
  }
  switch (code.size()) {
    case 2: return 1;
    case 4: return 2;
    case 6: return 3;
    case 9: return 4;
    case 12: return 5;
    default: return 0;
  }
}

std::string_view RegionLevelName(std::string_view code) {
  switch (RegionLevel(code)) {
    case 1: return "province";
    case 2: return "prefecture";
    case 3: return "county";
    case 4: return "township";
    case 5: return "village";
    default: return "";
  }
}

}  // namespace qjy::auth
