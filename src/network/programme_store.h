// Programmes counties keep beside the service network (issue #15):
//   labour brands (A2(二)): 劳务品牌 and "贵州技工" 培训品牌 per county, and
//     the 劳务品牌龙头企业 of a labour brand (employers in the registry);
//   work-relief (以工代赈) projects (A2(六), A2(十六)): central funds,
//     labour remuneration paid (fen), local and relocated persons employed,
//     posts, whether the project is by a relocation site (安置区周边).
// Tables network_brands, network_brand_enterprises (migration 810) and
// network_relief_projects (migration 811), keyed by county_code; every
// write is one transaction with its row in the registry's append-only
// `changes` history (entities "brand", "brand_enterprise",
// "relief_project"). Validation names the field in Chinese; nothing is
// stored on error. Not safe for concurrent use (it borrows one Db).
#ifndef QJY_NETWORK_PROGRAMME_STORE_H_
#define QJY_NETWORK_PROGRAMME_STORE_H_

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

std::span<const store::Migration> ProgrammeMigrations();  // 810, 811

// Brand kinds: labour_brand 劳务品牌, skill_brand “贵州技工”培训品牌.
std::string_view BrandKindLabel(std::string_view kind);

struct BrandInput {
  std::string county;        // a Guizhou county code
  std::string kind;          // code or label
  std::string name, industry, description;
  std::optional<Date> established_on;  // not after today
};

struct Brand {
  int64_t brand_id = 0;
  BrandInput in;  // kind as its code
  struct Leading {
    int64_t link_id = 0;
    std::string credit_code, name;
    std::optional<Date> recognised_on;
  };
  std::vector<Leading> leading;  // labour brands only
};

class ProgrammeStore {
 public:
  ProgrammeStore(store::Db& db, const RegionIndex& regions) : db_(db), regions_(regions) {}
  // The network's migrations, then 810 and 811; outside a transaction.
  Result<void> Migrate();

  // Validates (kInvalidArgument, "字段：原因"): a Guizhou county; a known
  // kind; a name not already registered for the county and kind; the date
  // not after today. Returns the new id.
  Result<int64_t> AddBrand(const BrandInput& in, Date today, std::string_view actor);
  // Replaces the details (the county and kind stay); history keeps the
  // changed fields' old values. kNotFound for an unknown id.
  Result<void> EditBrand(int64_t id, const BrandInput& in, Date today, std::string_view actor);
  // Records `credit_code` (an employer in the registry) as a leading
  // enterprise of labour brand `brand_id`; once per brand.
  Result<int64_t> AddLeadingEnterprise(int64_t brand_id, std::string_view credit_code,
                                       std::optional<Date> recognised_on, Date today, std::string_view actor);
  Result<std::optional<Brand>> FindBrand(int64_t id);
  // Brands of the counties under `scope` (with their leading enterprises), by id.
  Result<std::vector<Brand>> Brands(std::string_view scope);

  // Validates: a Guizhou county or township; a name (unique in the
  // region and year); a year from 2000 to today's; amounts and counts ≥ 0;
  // relocated persons not above those employed. Returns the new id.
  Result<int64_t> AddRelief(const ReliefInput& in, Date today, std::string_view actor);
  Result<void> EditRelief(int64_t id, const ReliefInput& in, Date today, std::string_view actor);
  Result<std::optional<ReliefProject>> FindRelief(int64_t id);
  Result<std::vector<ReliefProject>> Reliefs(std::string_view scope);

  // What coverage (coverage.h) counts: each brand as a Site of kind
  // labour_brand / skill_brand, each leading enterprise as one of kind
  // brand_leading_enterprise, located in the brand's county and opened on
  // its date.
  Result<std::vector<Site>> BrandSites(std::string_view scope);

 private:
  Result<BrandInput> ValidateBrand(const BrandInput& in, Date today, int64_t self_id);
  Result<void> ValidateRelief(const ReliefInput& in, Date today, int64_t self_id);

  store::Db& db_;
  const RegionIndex& regions_;
};

}  // namespace qjy::network

#endif  // QJY_NETWORK_PROGRAMME_STORE_H_
