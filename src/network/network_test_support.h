// Test helpers shared by the network's store tests (not linked into the
// product): the shipped regions, a date literal, a row count, and a site
// added through NetworkStore (so history and validation are the real ones).
#ifndef QJY_NETWORK_NETWORK_TEST_SUPPORT_H_
#define QJY_NETWORK_NETWORK_TEST_SUPPORT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/date.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "network/network_store.h"
#include "store/db.h"
#include "core/date_test_support.h"

namespace qjy::network::testing {

inline const RegionIndex& Regions() {
  static const RegionIndex r = *RegionIndex::Load(RefdataDir());
  return r;
}

using ::qjy::test_support::D;

inline int64_t CountRows(store::Db& db, std::string_view table) {
  auto r = db.Query("SELECT COUNT(*) FROM " + std::string(table));
  return r ? r->at(0).Int(0) : -1;
}

// Adds a site (opened on `opened`) and returns its id; 0 with a test
// failure when the store refuses it.
inline int64_t AddSite(store::Db& db, SiteInput in, Date today) {
  auto id = NetworkStore(db, Regions()).AddSite(in, today, "test");
  EXPECT_TRUE(id) << id.error().message;
  return id ? *id : 0;
}

inline SiteInput Agency(const char* region, const char* name, const char* opened) {
  SiteInput in;
  in.kind = "hr_agency";
  in.tier = "county";
  in.region = region;
  in.name = name;
  in.opened_on = D(opened);
  return in;
}

// Three labour-cooperation stations in Guangzhou, one per tier: the
// province's 总站, Guiyang's 分站 under it and Nanming's 工作站 under that.
struct StationIds {
  int64_t total = 0, branch = 0, county = 0;
};
inline StationIds AddStations(store::Db& db, Date today, const char* opened = "2019-03-01") {
  SiteInput in;
  in.kind = "labour_station";
  in.tier = "province";
  in.region = "4401";
  in.owner_region = "52";
  in.name = "贵州省驻广东劳务协作总站";
  in.opened_on = D(opened);
  StationIds ids;
  ids.total = AddSite(db, in, today);
  in.tier = "prefecture";
  in.owner_region = "5201";
  in.name = "贵阳市驻广州劳务协作分站";
  in.parent_site_id = ids.total;
  ids.branch = AddSite(db, in, today);
  in.tier = "county";
  in.region = "440106";
  in.owner_region = "520102";
  in.name = "南明区驻广州天河劳务协作工作站";
  in.parent_site_id = ids.branch;
  ids.county = AddSite(db, in, today);
  return ids;
}

}  // namespace qjy::network::testing

#endif  // QJY_NETWORK_NETWORK_TEST_SUPPORT_H_
