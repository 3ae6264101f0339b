#include "server/demo_accounts.h"

#include "auth/demo_marker.h"
#include "core/mask.h"
#include "store/registry_profile.h"
#include "store/registry_store.h"

namespace qjy::server {

Result<std::vector<DemoAccount>> CreateDemoAccounts(store::Db& db, const Vault& vault,
                                                    const RegionIndex& regions, int64_t now) {
  // The demo logins have a published password, province scope and the
  // reveal grant: never on a real database.
  auto demo = auth::IsDemoDatabase(db);
  if (!demo) return std::unexpected(demo.error());
  if (!*demo) {
    return Fail(ErrorCode::kPermissionDenied,
                "此数据库不是演示库（不是由 qjy gen 生成的），不能创建公开密码的演示账号；"
                "真实账号请用 qjy accounts create 逐个创建");
  }
  store::RegistryStore registry(db, vault);
  auto first = store::FirstRegistered(db);
  if (!first) return std::unexpected(first.error());
  std::optional<registry::Person> person;
  if (first->person_id) {
    auto p = registry.GetPerson(*first->person_id);
    if (!p) return std::unexpected(p.error());
    person = *p;
  }
  const std::string credit_code = first->employer_credit_code;
  // Officers along the first person's chain of regions, so every level sees them.
  std::string county = "520102";
  if (person) {
    if (auto c = regions.CountyOf(person->hukou_region); c) county = *c;
    else if (!person->county_code.empty()) county = person->county_code;
  }
  std::string township;
  if (person && person->hukou_region.size() >= 9) township = person->hukou_region.substr(0, 9);
  if (township.empty()) {
    if (auto kids = regions.Children(county); kids && !kids->empty()) township = kids->front().code;
  }

  std::vector<auth::NewAccount> wanted;
  auto add = [&](std::string username, std::string display, auth::Role role) -> auth::NewAccount& {
    auth::NewAccount a;
    a.username = std::move(username);
    a.display_name = std::move(display);
    a.role = role;
    a.password = kDemoPassword;
    a.demo = true;
    wanted.push_back(std::move(a));
    return wanted.back();
  };
  // The prefecture and province officers approve payment batches (审批支付)
  // that the county officer submits: the two-person rule of issue #14.
  {
    auto& a = add("prov_officer", "省级经办人员", auth::Role::kOfficer);
    a.region_code = "52";
    a.grants = {"approve_payment"};
  }
  {
    auto& a = add("pref_officer", "市级经办人员", auth::Role::kOfficer);
    a.region_code = county.substr(0, 4);
    a.grants = {"approve_payment"};
  }
  // Fund supervision (资金监管, issue #17 §1): the prefecture's supervisor
  // reviews what the cross-checks hold and enters the budgets.
  {
    auto& a = add("pref_supervisor", "市级资金监管人员", auth::Role::kOfficer);
    a.region_code = county.substr(0, 4);
    a.grants = {"supervise_funds"};
  }
  {
    auto& a = add("county_officer", "县级经办人员", auth::Role::kOfficer);
    a.region_code = county;
    a.grants = {"reveal"};
  }
  if (!township.empty()) add("town_officer", "乡镇经办人员", auth::Role::kOfficer).region_code = township;
  if (!credit_code.empty()) add("employer1", "用人单位", auth::Role::kEmployer).credit_code = credit_code;
  if (person) add("seeker1", "求职者", auth::Role::kSeeker).id_hash = vault.Index(person->id_number);
  add("auditor1", "审计员", auth::Role::kAuditor);
  add("sysadmin1", "系统管理员", auth::Role::kSysadmin);
  add("secadmin1", "安全管理员", auth::Role::kSecadmin);

  auth::AccountStore accounts(db);
  std::vector<DemoAccount> out;
  for (const auto& a : wanted) {
    DemoAccount d;
    d.username = a.username;
    d.role = std::string(auth::RoleName(a.role));
    d.binding = a.role == auth::Role::kOfficer    ? a.region_code
                : a.role == auth::Role::kEmployer ? a.credit_code
                : a.role == auth::Role::kSeeker   ? MaskIdNumber(person->id_number)
                                                  : std::string();
    auto existing = accounts.FindByUsername(a.username);
    if (!existing) return std::unexpected(existing.error());
    if (!existing->has_value()) {
      auto created = accounts.Create(a, now);
      if (!created) return std::unexpected(created.error());
      d.created = true;
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace qjy::server
