// Whom an officer field of a record names, as the pages show it (trial 3:
// queues and timelines showed "gen:520502", "town_officer"):
//   an account          → its display name and unit, "乡镇经办人员（水箐镇）"
//                          (the unit is the region of an officer account);
//   "gen:CODE"          → the generated history's office,
//                          "七星关区就业服务中心（系统生成）";
//   anything else       → as stored (an account since deleted, a name typed).
// Not thread-safe; one object serves one request (it caches per username).
#ifndef QJY_SERVER_OFFICER_NAMES_H_
#define QJY_SERVER_OFFICER_NAMES_H_

#include <map>
#include <string>

#include "core/regions.h"
#include "store/db.h"

namespace qjy::server {

class OfficerNames {
 public:
  OfficerNames(store::Db& db, const RegionIndex& regions) : db_(db), regions_(regions) {}

  // The text for `officer` ("" stays ""). A failed account lookup answers
  // the stored text: a name is for reading, never worth failing a page.
  std::string Of(const std::string& officer);

 private:
  std::string RegionName(const std::string& code) const;

  store::Db& db_;
  const RegionIndex& regions_;
  std::map<std::string, std::string> cache_;
};

}  // namespace qjy::server

#endif  // QJY_SERVER_OFFICER_NAMES_H_
