// The records officers keep about the service network's work, generated
// after the sites exist so that the demo shows them (src/network):
//   HR-agency licences (附件4（二）): most agencies hold a 人力资源服务许可证
//        (five-year or 长期有效), one in ten of those has let it lapse (the
//        coverage then does not count it as 优质); each county's most
//        recently registered agency and about one in ten others have none
//        entered yet (未登记, not checked)
//   labour-cooperation stations' monthly work (正文（十四）, 附件2（三）):
//        each open station's jobs collected, workers placed and kept in
//        work and rights cases, month by month from 2024; about one month
//        in ten not reported
//   full-employment communities' applications (附件4（十五）): about one in
//        three communities without a recognition applies in 2025 at the
//        prefecture level; most are assessed by the prefecture's HR bureau,
//        a few fall short of a criterion
// Every write goes through the stores (validated, history kept, actor
// "qjy gen"). Deterministic for a seed and the registry's contents.
#ifndef QJY_GEN_NETWORK_WORK_GEN_H_
#define QJY_GEN_NETWORK_WORK_GEN_H_

#include <cstdint>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "store/db.h"

namespace qjy::gen {

struct NetworkWorkCounts {
  int64_t licences = 0, station_months = 0, community_applications = 0, community_assessed = 0;
};

// Migrates the licence, station-work and community tables and writes the
// records, `as_of` being the generated province's today. Run once.
Result<NetworkWorkCounts> GenerateNetworkWork(store::Db& db, const RegionIndex& regions, uint64_t seed, Date as_of);

}  // namespace qjy::gen

#endif  // QJY_GEN_NETWORK_WORK_GEN_H_
