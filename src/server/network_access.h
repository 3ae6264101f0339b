// Which officers a service-network site belongs to: a site is the
// officer's when its region is; a labour-cooperation station outside
// Guizhou is the county's or prefecture's that set it up (its county_code,
// network_store.h CountyKey: 520102, or 520100 for a prefecture).
#ifndef QJY_SERVER_NETWORK_ACCESS_H_
#define QJY_SERVER_NETWORK_ACCESS_H_

#include "auth/account.h"
#include "network/coverage.h"
#include "network/network_store.h"
#include "server/access.h"

namespace qjy::server {

inline bool NetworkSiteCovered(const auth::Account& a, const network::Site& s) {
  return RegionCovers(a.region_code, s.region) ||
         (s.county_code.size() == 6 && RegionCovers(a.region_code, s.county_code) && !s.region.starts_with("52"));
}

// The same for a site as the store returns it (the coverage check of a
// write to one site, Api::RecordForWrite).
inline bool SiteDetailCovered(const auth::Account& a, const network::SiteDetail& d) {
  return NetworkSiteCovered(a, d.site);
}

}  // namespace qjy::server

#endif  // QJY_SERVER_NETWORK_ACCESS_H_
