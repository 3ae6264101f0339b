#include "server/access.h"

#include <sodium.h>

namespace qjy::server {

bool RegionCovers(std::string_view scope, std::string_view code) {
  if (auth::RegionLevel(scope) == 0 || code.empty()) return false;
  return code.starts_with(scope);
}

std::optional<std::string> ReadableRegion(const auth::Account& a, std::string_view requested) {
  if (!IsOfficer(a) && a.role != auth::Role::kAuditor) return std::nullopt;
  std::string region(requested);
  if (region.empty()) region = IsOfficer(a) ? a.region_code : "52";
  if (IsOfficer(a) && !RegionCovers(a.region_code, region)) return std::nullopt;
  return region;
}

bool MayReadPerson(const auth::Account& a, const registry::Person& p, const Vault& vault) {
  switch (a.role) {
    case auth::Role::kOfficer:
      return RegionCovers(a.region_code, p.hukou_region) ||
             RegionCovers(a.region_code, p.residence_region) ||
             RegionCovers(a.region_code, p.county_code);
    case auth::Role::kSeeker: {
      if (a.id_hash.empty()) return false;
      Blob h = vault.Index(p.id_number);
      return h.size() == a.id_hash.size() &&
             sodium_memcmp(h.data(), a.id_hash.data(), h.size()) == 0;
    }
    default:
      return false;
  }
}

bool MayReadEmployer(const auth::Account& a, std::string_view credit_code,
                     std::string_view region, std::string_view county_code) {
  switch (a.role) {
    case auth::Role::kOfficer:
      return RegionCovers(a.region_code, region) || RegionCovers(a.region_code, county_code);
    case auth::Role::kEmployer:
      return !a.credit_code.empty() && a.credit_code == credit_code;
    default:
      return false;
  }
}

}  // namespace qjy::server
