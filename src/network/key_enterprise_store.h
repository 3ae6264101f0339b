// The east–west key-enterprise list (main(十六), A4(六)): employers the
// county serves closely — 粤黔“一县一企”“一县多企” employment bases, major
// investment projects, large industrial firms (规上工业企业) and large state
// firms — each with its assigned 人社服务专员 (an officer account whose
// region covers the employer) and the record of regular contact and
// follow-up ("常态化联系+跟踪服务": the date, the way, jobs collected, the
// needs heard and the follow-up promised).
// Tables network_key_enterprises and network_key_contacts (migration 812),
// keyed by county_code; every write is one transaction with its row in
// the registry's `changes` history (entities "key_enterprise",
// "key_contact"). Validation names the field in Chinese; nothing stored on
// error. Not safe for concurrent use (it borrows one Db).
#ifndef QJY_NETWORK_KEY_ENTERPRISE_STORE_H_
#define QJY_NETWORK_KEY_ENTERPRISE_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::network {

std::span<const store::Migration> KeyEnterpriseMigrations();  // 812

// Kinds: base 一县一企/一县多企基地, major_project 重大招商引资项目,
// large_industrial 规上工业企业, state_owned 大型国有企业.
std::string_view KeyKindLabel(std::string_view kind);

struct KeyEnterpriseInput {
  std::string credit_code;   // an employer of the registry in Guizhou
  std::string kind;          // code or label
  std::string officer;       // username of the 人社服务专员
  std::optional<Date> listed_on, delisted_on;
  std::string note;
};

struct KeyContact {
  int64_t contact_id = 0;
  Date contacted_on;
  std::string way;           // 上门走访 / 电话 / 线上 / 座谈会
  std::string officer;
  int64_t jobs_collected = 0;
  std::string needs, follow_up;
};

struct KeyEnterprise {
  int64_t enterprise_id = 0;
  std::string county_code, employer_name;
  KeyEnterpriseInput in;     // kind as its code
  std::optional<Date> last_contact;
  int64_t contacts = 0;
};

class KeyEnterpriseStore {
 public:
  KeyEnterpriseStore(store::Db& db, const RegionIndex& regions) : db_(db), regions_(regions) {}
  Result<void> Migrate();  // the network's migrations, then 812

  // Validates (kInvalidArgument, "字段：原因"): the employer registered and
  // in Guizhou; a known kind; the officer an active officer account whose
  // region covers the employer's county (or contains it); dates not after
  // today, delisting not before listing; the employer not already listed
  // (while not delisted). Returns the new id.
  Result<int64_t> Add(const KeyEnterpriseInput& in, Date today, std::string_view actor);
  // Changes kind, officer, dates and note (the employer stays).
  Result<void> Edit(int64_t id, const KeyEnterpriseInput& in, Date today, std::string_view actor);
  // A contact of the officer `officer` with the enterprise: date not after
  // today nor before listing; a way; jobs ≥ 0.
  Result<int64_t> AddContact(int64_t id, const KeyContact& c, Date today, std::string_view actor);
  Result<std::optional<KeyEnterprise>> Find(int64_t id);
  // Listed enterprises of the counties under `scope`, with their last contact.
  Result<std::vector<KeyEnterprise>> List(std::string_view scope);
  Result<std::vector<KeyContact>> Contacts(int64_t id);

 private:
  Result<KeyEnterpriseInput> Validate(const KeyEnterpriseInput& in, const std::string& county, Date today,
                                      int64_t self_id);
  Result<void> CheckOfficer(std::string_view username, const std::string& county, const char* field);

  store::Db& db_;
  const RegionIndex& regions_;
};

}  // namespace qjy::network

#endif  // QJY_NETWORK_KEY_ENTERPRISE_STORE_H_
