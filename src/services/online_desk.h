// Online registrations waiting for an officer (issue #14). A seeker's
// online registration (channel 线上, POST /api/me/registration) is kept
// under the desk name kUnassignedOnlineOfficer until a county or township
// officer assigns one; from then on its obligations carry that officer.
// Borrows one Db connection: not thread-safe, cheap to build per request.
#ifndef QJY_SERVICES_ONLINE_DESK_H_
#define QJY_SERVICES_ONLINE_DESK_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "services/registration.h"
#include "store/db.h"

namespace qjy::services {

// The responsible "officer" of an online registration until one is
// assigned; shown as is in queues and on the person page.
inline constexpr char kUnassignedOnlineOfficer[] = "线上登记（待分配经办人）";

class OnlineDesk {
 public:
  explicit OnlineDesk(store::Db& db) : db_(db) {}

  // Open registrations whose region_code starts with `region_prefix`, still
  // without an officer, oldest first, at most `limit`.
  Result<std::vector<Registration>> Waiting(std::string_view region_prefix, int limit);
  // Gives an open, unassigned registration its officer (a username).
  // kNotFound for an unknown registration; kConflict when it is closed or
  // has an officer already (the update is conditional, so of two concurrent
  // assignments one loses); kInvalidArgument for an empty officer.
  Result<void> Assign(int64_t registration_id, std::string_view officer);

 private:
  store::Db& db_;
};

}  // namespace qjy::services

#endif  // QJY_SERVICES_ONLINE_DESK_H_
