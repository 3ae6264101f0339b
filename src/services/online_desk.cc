#include "services/online_desk.h"

#include <string>

#include "services/services_store.h"

namespace qjy::services {

using store::Value;

Result<std::vector<Registration>> OnlineDesk::Waiting(std::string_view prefix, int limit) {
  const std::vector<Value> params = {std::string(prefix) + "%", std::string(kUnassignedOnlineOfficer),
                                     static_cast<int64_t>(limit)};
  auto rows = db_.Query(
      "SELECT registration_id FROM unemployment_registrations WHERE region_code LIKE ? AND status = 'open' "
      "AND officer = ? ORDER BY registered_on, registration_id LIMIT ?",
      params);
  if (!rows) return std::unexpected(rows.error());
  ServicesStore store(db_);
  std::vector<Registration> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) {
    auto r = store.GetRegistration(row.Int(0));
    if (!r) return std::unexpected(r.error());
    if (*r) out.push_back(std::move(**r));
  }
  return out;
}

Result<void> OnlineDesk::Assign(int64_t id, std::string_view officer) {
  if (officer.empty()) return Fail(ErrorCode::kInvalidArgument, "经办人：须选择经办人账号");
  auto reg = ServicesStore(db_).GetRegistration(id);
  if (!reg) return std::unexpected(reg.error());
  if (!*reg) return Fail(ErrorCode::kNotFound, "没有该失业登记：" + std::to_string(id));
  if ((*reg)->closed_on) return Fail(ErrorCode::kConflict, "该失业登记已注销，无需指派经办人");
  if ((*reg)->officer != kUnassignedOnlineOfficer) {
    return Fail(ErrorCode::kConflict, "该失业登记已有经办人：" + (*reg)->officer);
  }
  const std::vector<Value> v = {std::string(officer), id, std::string(kUnassignedOnlineOfficer)};
  auto n = db_.Exec(
      "UPDATE unemployment_registrations SET officer = ? WHERE registration_id = ? AND status = 'open' "
      "AND officer = ?",
      v);
  if (!n) return std::unexpected(n.error());
  if (*n != 1) return Fail(ErrorCode::kConflict, "该失业登记已由他人指派经办人，请刷新");
  return {};
}

}  // namespace qjy::services
