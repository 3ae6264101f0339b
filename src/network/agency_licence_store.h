// The licences of market HR service agencies (附件4（二）; 人力资源服务许可证
// under 《人力资源市场暂行条例》第十八条): per agency (a site of kind
// hr_agency) each licence recorded with its number, issuing authority,
// validity (valid_to empty: 长期有效) and business scope (经营范围, codes of
// policy/network/agency_scopes.yaml). A renewed licence is a new record;
// records are never edited. The coverage reads them (Site::licences): an
// agency whose licences have all lapsed (or not begun) on a date does not
// count as 优质 then. Table network_agency_licences (migration 817, keyed
// by county_code); every record is one transaction with its `changes` row
// (entity "agency_licence"). Validation names the field in Chinese;
// nothing stored on error. Not safe for concurrent use (it borrows one Db).
#ifndef QJY_NETWORK_AGENCY_LICENCE_STORE_H_
#define QJY_NETWORK_AGENCY_LICENCE_STORE_H_

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
#include "network/quality_schemes.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::network {

std::span<const store::Migration> AgencyLicenceMigrations();  // 817

struct LicenceInput {
  int64_t site_id = 0;             // an hr_agency site
  std::string licence_no;          // 许可证编号
  std::string issuer;              // 发证机关
  std::optional<Date> valid_from;  // 有效期起
  std::optional<Date> valid_to;    // 有效期止; nullopt: 长期有效
  std::vector<std::string> scope;  // 经营范围: codes or labels of agency_scopes.yaml
};

struct AgencyLicence {
  int64_t licence_id = 0;
  std::string county_code, region;  // the agency's
  LicenceInput in;                  // scope as codes, in the file's order
  std::string created_by;
  bool ValidOn(Date d) const {
    return in.valid_from && *in.valid_from <= d && (!in.valid_to || d <= *in.valid_to);
  }
};

class AgencyLicenceStore {
 public:
  AgencyLicenceStore(store::Db& db, const RegionIndex& regions) : db_(db), regions_(regions) {}
  Result<void> Migrate();  // the network's migrations, then 817; outside a transaction

  // Validates (kInvalidArgument, "字段：原因"): the site exists and is a
  // market HR agency (机构); a licence number (许可证编号), not already
  // recorded for the agency; the issuing authority (发证机关); 有效期起
  // present and not after `today`; 有效期止 not before 有效期起; 经营范围
  // not empty, each item a known code or name (the unknown one named).
  // Returns the new licence id.
  Result<int64_t> Add(const LicenceInput& in, const AgencyScopes& scopes, Date today, std::string_view actor);
  // Licences of the agencies under `scope`, by site and 有效期起.
  Result<std::vector<AgencyLicence>> List(std::string_view scope);

 private:
  store::Db& db_;
  const RegionIndex& regions_;
};

// Attaches each licence's validity to its site (Site::licences).
void AttachLicences(std::span<const AgencyLicence> licences, std::vector<Site>& sites);

}  // namespace qjy::network

#endif  // QJY_NETWORK_AGENCY_LICENCE_STORE_H_
