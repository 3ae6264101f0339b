// The 就业帮扶车间（基地） registry kept by county officials (main(九),
// A2(十四)): each workshop with where it is, the employer running it, its
// recognition (申报中 / 已认定 / 未予认定 / 已撤销, with dates) and, where the
// registry's contracts cannot show it, the number of 脱贫人口（含监测对象）
// it employs as entered by officials with its source. The policy engine
// reads the same rows (policy/world_loader.cc): R5 and the one-time award
// R19 check recognition and the "基本标准" themselves.
// Table network_workshops (migration 801, keyed by county_code, workshop_id
// in its index); every write is one transaction with its row in the
// registry's append-only `changes` history (entity "workshop"), old values
// kept. Validation names the field in Chinese; nothing stored on error.
// Not safe for concurrent use (it borrows one Db).
#ifndef QJY_NETWORK_WORKSHOP_STORE_H_
#define QJY_NETWORK_WORKSHOP_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "store/db.h"

namespace qjy::network {

// Recognition status codes and their labels.
inline constexpr const char* kWorkshopStatuses[] = {"applied", "recognised", "rejected", "revoked"};
std::string_view WorkshopStatusLabel(std::string_view status);  // 申报中 / 已认定 / 未予认定 / 已撤销认定

struct WorkshopInput {
  std::string region;                // the Guizhou county or township where it is
  std::string name, operator_credit_code, address;
  std::string status = "applied";    // code or label
  std::optional<Date> recognised_on; // required when recognised or revoked
  std::optional<Date> revoked_on;    // required when revoked
  std::optional<int64_t> poverty_employed;  // entered; empty: not entered
  std::string poverty_source;        // required with poverty_employed
  std::optional<Date> poverty_as_of;
};

struct Workshop {
  int64_t workshop_id = 0;
  std::string county_code;
  WorkshopInput in;  // status as its code
};

class WorkshopStore {
 public:
  WorkshopStore(store::Db& db, const RegionIndex& regions) : db_(db), regions_(regions) {}

  // Validates (kInvalidArgument, "字段：原因"): region a Guizhou county or
  // township; a name; an operator registered in the registry's employers;
  // a known status; a recognition date (not after today) when recognised
  // or revoked and none when applied; a revocation date only when revoked,
  // not before recognition, not after today; an entered number ≥ 0 with
  // its source, its date not after today; the same name not already
  // registered in the region. Returns the new id.
  Result<int64_t> Add(const WorkshopInput& in, Date today, std::string_view actor);
  // Replaces the details of workshop `id` after the same validation (the
  // region stays in its county); the history row keeps each changed
  // field's old and new value. kNotFound for an unknown id.
  Result<void> Update(int64_t id, const WorkshopInput& in, Date today, std::string_view actor);
  Result<std::optional<Workshop>> Find(int64_t id);
  // Workshops whose region lies under `scope`, by id.
  Result<std::vector<Workshop>> List(std::string_view scope);

 private:
  Result<WorkshopInput> Validate(const WorkshopInput& in, Date today, int64_t self_id);

  store::Db& db_;
  const RegionIndex& regions_;
};

}  // namespace qjy::network

#endif  // QJY_NETWORK_WORKSHOP_STORE_H_
