// The programmes of a generated province that officials keep in the
// network registry (src/network), written after gen::Generate() from the
// registry it produced, so that the rules reading them (R5, R17, R19) and
// the coverage report have something true to show on the demo:
//   就业帮扶车间（基地）  every employer of type 就业帮扶车间 (main(九),
//        A2(十四)): most 已认定 (a few before the policy), some 申报中,
//        未予认定 or 已撤销认定; the number of 脱贫人口 employed is counted by
//        R19 from the generated contracts — some fall below the threshold;
//        workshops without contracts get an entered number with its source
//   充分就业社区 recognitions (A4(十五)): the generated provincial-tier
//        communities 省级 (most recognised after the policy was issued), a
//        share of the others 市州级 or 未认定, the rest not recorded
//   劳务品牌 / 贵州技工 brands (A2(二)) per county with gaps, leading
//        enterprises among the county's generated employers
//   以工代赈 projects (A2(六), A2(十六)) in about a third of counties, some
//        below the 30 % labour-remuneration share or the relocated share
//   粤黔“一县一企” employment bases (A2(一)) in about seven counties of ten
//        (some 一县多企), the partner a generated employer in Guangdong or a
//        named enterprise there; some closed, some without posts recorded,
//        the Guizhou workers entered for some named partners, unknown for
//        the rest
// Every write goes through the network stores (validated, audited, actor
// "qjy gen"). Deterministic for a seed and the registry's contents.
#ifndef QJY_GEN_PROGRAMME_GEN_H_
#define QJY_GEN_PROGRAMME_GEN_H_

#include <cstdint>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "store/db.h"

namespace qjy::gen {

struct ProgrammeCounts {
  int64_t workshops = 0, workshops_recognised = 0, recognitions = 0;
  int64_t brands = 0, relief_projects = 0, bases = 0;
};

// Migrates the network registry and writes the programmes, `as_of` being
// the generated province's today. Run once on a freshly generated
// registry (a second run fails on the duplicate names, nothing changed).
Result<ProgrammeCounts> GenerateProgrammes(store::Db& db, const RegionIndex& regions, uint64_t seed, Date as_of);

}  // namespace qjy::gen

#endif  // QJY_GEN_PROGRAMME_GEN_H_
