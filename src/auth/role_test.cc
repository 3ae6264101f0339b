#include "auth/role.h"

#include <gtest/gtest.h>

namespace qjy::auth {
namespace {

TEST(RoleTest, NamesRoundTrip) {
  for (Role r : AllRoles()) {
    auto parsed = ParseRole(RoleName(r));
    ASSERT_TRUE(parsed.has_value()) << RoleName(r);
    EXPECT_EQ(*parsed, r);
  }
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

TEST(RoleTest, NoRoleBothGrantsAndDeletesAudit) {
  for (Role r : AllRoles()) {
    EXPECT_FALSE(RoleMay(r, Permission::kDeleteAudit)) << RoleName(r);
    EXPECT_FALSE(RoleMay(r, Permission::kGrantPermissions) && RoleMay(r, Permission::kReadAudit) &&
                 RoleMay(r, Permission::kManageAccounts))
        << RoleName(r);
  }
}

TEST(RoleTest, AccountAdminAndPermissionAdminAreDifferentRoles) {
  for (Role r : AllRoles()) {
    EXPECT_FALSE(RoleMay(r, Permission::kManageAccounts) && RoleMay(r, Permission::kGrantPermissions))
        << RoleName(r);
  }
  EXPECT_TRUE(RoleMay(Role::kSysadmin, Permission::kManageAccounts));
  EXPECT_TRUE(RoleMay(Role::kSecadmin, Permission::kGrantPermissions));
  EXPECT_FALSE(RoleMay(Role::kSysadmin, Permission::kReadAudit));
}

TEST(RoleTest, OnlyOfficersAndAuditorsReadPersons) {
  EXPECT_TRUE(RoleMay(Role::kOfficer, Permission::kReadPersons));
  EXPECT_TRUE(RoleMay(Role::kAuditor, Permission::kReadPersons));
  for (Role r : {Role::kEmployer, Role::kSeeker, Role::kSysadmin, Role::kSecadmin}) {
    EXPECT_FALSE(RoleMay(r, Permission::kReadPersons)) << RoleName(r);
  }
}

TEST(RoleTest, RegionLevels) {
  struct Case {
    const char* code;
    int level;
  } cases[] = {{"52", 1},  {"5201", 2}, {"520102", 3}, {"520102001", 4}, {"520102001001", 5},
               {"", 0},    {"520", 0},  {"52a1", 0},   {"5201020010011", 0}};
  for (const auto& c : cases) EXPECT_EQ(RegionLevel(c.code), c.level) << c.code;
  EXPECT_EQ(RegionLevelName("5201"), "prefecture");
}

}  // namespace
}  // namespace qjy::auth
