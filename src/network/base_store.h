// 粤黔“一县一企”“一县多企”农村劳动力稳岗就业基地 (附件2（一）, 正文（十四）):
// the employment bases a Guizhou county builds with an enterprise in
// Guangdong (or another province), kept by county officials. Each base has
// its Guizhou county, its partner enterprise — an employer of the registry
// (credit code) or one named here with its province/city code — the partner
// city, the dates it was signed and closed, the posts it offers, and the
// Guizhou workers employed there: counted from the registry's contracts at
// the partner employer (active on the day asked), else the number entered
// here with its source, else unknown (Workers()).
//
// Tables network_employment_bases (migration 815, keyed by county_code);
// migration 816 copies the key-enterprise rows of kind "base"
// (key_enterprise_store.h) into it once, linked by key_enterprise_id, their
// partner city left to be filled in. Every write is one transaction with
// its row in the registry's `changes` history (entity "employment_base",
// network/history.h). Validation names the field in Chinese; nothing
// stored on error. Not safe for concurrent use (it borrows one Db).
#ifndef QJY_NETWORK_BASE_STORE_H_
#define QJY_NETWORK_BASE_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "network/coverage.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::network {

std::span<const store::Migration> BaseMigrations();  // 815, 816

struct BaseInput {
  std::string county;               // the Guizhou county (6 digits)
  std::string name;                 // 基地名称
  std::string partner_credit_code;  // an employer of the registry; or empty and:
  std::string partner_name;         // the enterprise's name when not in the registry
  std::string partner_region;       // its province/city code when not in the registry
  std::string partner_city;         // 协作城市: a prefecture (or finer) outside Guizhou
  std::optional<Date> signed_on, closed_on;
  std::optional<int64_t> posts_offered;     // 提供岗位数; empty: not recorded
  std::optional<int64_t> workers_entered;   // 吸纳贵州籍务工人员 as entered
  std::string workers_source;               // required with workers_entered
  std::optional<Date> workers_as_of;
  std::string note;
};

struct Base {
  int64_t base_id = 0;
  std::optional<int64_t> key_enterprise_id;  // migrated from the key-enterprise list
  BaseInput in;
  std::string partner_label;  // the registry employer's name, else partner_name
};

// Guizhou workers employed at a base on a day: from contracts, entered, or
// unknown (source "unknown", count empty).
struct BaseWorkers {
  std::optional<int64_t> count;
  std::string source;  // "contracts" | "entered" | "unknown"
  std::string note;    // the entered number's source and date
};

class BaseStore {
 public:
  BaseStore(store::Db& db, const RegionIndex& regions) : db_(db), regions_(regions) {}
  Result<void> Migrate();  // the key-enterprise migrations, then 815, 816

  // Validates (kInvalidArgument, "字段：原因"): county a Guizhou county; a
  // name; the partner either a registered employer (credit code) or a name
  // with a province/city code outside Guizhou; the partner city a
  // prefecture or finer outside Guizhou; signed and closed not after
  // today, closed not before signed; posts ≥ 0; workers ≥ 0 with their
  // source, as-of not after today; the same name not already in the
  // county. Returns the new id.
  Result<int64_t> Add(const BaseInput& in, Date today, std::string_view actor);
  // Replaces the details after the same validation; the county stays.
  // kNotFound for an unknown id. The history keeps old and new values.
  Result<void> Edit(int64_t id, const BaseInput& in, Date today, std::string_view actor);
  Result<std::optional<Base>> Find(int64_t id);
  // Bases of the counties under `scope`, by id.
  Result<std::vector<Base>> List(std::string_view scope);
  // The Guizhou workers at the base on `day` (see the file comment).
  Result<BaseWorkers> Workers(const Base& b, Date day);
  // The bases under `scope` as coverage sites (kind "employment_base",
  // region its county, opened on signing, closed on closing).
  Result<std::vector<Site>> BaseSites(std::string_view scope);
  // The outbound workers of each county under `scope` on `day`
  // (outbound_query.h OutboundTallies on this store's database).
  Result<std::vector<OutboundTally>> Outbound(std::string_view scope, Date day);

 private:
  Result<BaseInput> Validate(const BaseInput& in, Date today, int64_t self_id);

  store::Db& db_;
  const RegionIndex& regions_;
};

}  // namespace qjy::network

#endif  // QJY_NETWORK_BASE_STORE_H_
