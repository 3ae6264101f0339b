// The quality records of a generated province (src/network), written after
// the sites exist, so that the HR-agency and evaluation duties have
// something true to show on the demo:
//   HR-agency ratings (附件4（二）): most open agencies rated 优质 by their
//        prefecture's HR bureau in 2023 (some only in 2024, late), some 合格,
//        a few 优质 then downgraded to 合格, about one in five never rated
//        (未评级 in the report)
//   annual evaluations (正文（十三）): county and township offices open in
//        each whole year from 2023, scored on the criteria of
//        policy/network/evaluation.yaml early the next year (a few below
//        合格); some offices missed, and about one county in twelve
//        evaluates none for the latest year
// Every write goes through the stores (validated, history kept, actor
// "qjy gen"). Deterministic for a seed and the registry's contents.
#ifndef QJY_GEN_QUALITY_GEN_H_
#define QJY_GEN_QUALITY_GEN_H_

#include <cstdint>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "store/db.h"

namespace qjy::gen {

struct QualityCounts {
  int64_t agency_ratings = 0, evaluations = 0;
};

// Migrates the rating and evaluation tables and writes the records,
// `as_of` being the generated province's today. Run once.
Result<QualityCounts> GenerateQuality(store::Db& db, const RegionIndex& regions, uint64_t seed, Date as_of);

}  // namespace qjy::gen

#endif  // QJY_GEN_QUALITY_GEN_H_
