// The public employment service network on the real divisions (A4(一),
// A4(二), A4(十五), A4(十六), main(十四), A2(三)):
//   employment offices   province, each prefecture, county and township,
//                        and about 80 % of villages
//   gig markets          at least one per Guizhou county (some also online)
//   labour stations      outside Guizhou in Guangdong, Zhejiang, Fujian and
//                        Jiangsu: one provincial head station per province,
//                        a prefecture branch per prefecture and province,
//                        a county work station per county
//   HR agencies          at least one per prefecture and per county
//   full-employment communities   ~160 urban sub-districts (街道)
// Province- and prefecture-level records carry the zero-padded code
// ("520000", "520300") as county_code.
#ifndef QJY_GEN_SITE_GEN_H_
#define QJY_GEN_SITE_GEN_H_

#include <vector>

#include "gen/tables.h"
#include "registry/model.h"

namespace qjy::gen {

// Ids from `first_id` on. Independent of the person/employer counts.
std::vector<registry::ServiceSite> GenerateSites(const Tables& t, int64_t first_id);

}  // namespace qjy::gen

#endif  // QJY_GEN_SITE_GEN_H_
