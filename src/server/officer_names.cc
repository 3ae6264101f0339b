#include "server/officer_names.h"

#include "auth/account.h"

namespace qjy::server {

std::string OfficerNames::RegionName(const std::string& code) const {
  const Region* r = regions_.Find(code);
  return r ? r->name : std::string();
}

std::string OfficerNames::Of(const std::string& officer) {
  if (officer.empty()) return officer;
  if (auto it = cache_.find(officer); it != cache_.end()) return it->second;
  std::string text = officer;
  if (officer.starts_with("gen:")) {
    const std::string region = RegionName(officer.substr(4));
    text = (region.empty() ? std::string("就业服务机构") : region + "就业服务中心") + "（系统生成）";
  } else if (auto found = auth::AccountStore(db_).FindByUsername(officer); found && found->has_value()) {
    const auth::Account& a = **found;
    text = a.display_name.empty() ? a.username : a.display_name;
    const std::string unit = a.role == auth::Role::kOfficer ? RegionName(a.region_code) : std::string();
    if (!unit.empty() && text.find(unit) == std::string::npos) text += "（" + unit + "）";
  }
  cache_.emplace(officer, text);
  return text;
}

}  // namespace qjy::server
