// Realistic internships, start-ups and outbound placements for a generated
// province (qjy policy gen-facts, run by scripts/demo.sh after qjy gen), so
// that R11–R13 and R18 have rows to decide on. Reads the registry the
// generator wrote and adds, deterministically from `seed`:
//   - internships: about 1 in 8 college graduates who left school from 2021
//     on interns at an enterprise of their county (of any county when it has
//     none), starting 0–6 months after leaving school, for 3–12 months;
//     about 55 % are retained on a day within the internship;
//   - ventures: about 1 in 3 individual businesses and small/micro
//     enterprises gets a founder — a person of the same county aged 20–55 on
//     the founding day, founded 2019-01-01..2024-12-31, first start-up for
//     9 in 10;
//   - placements: about 1 in 5 cross-county or cross-province contracts of
//     rural labour starting from 2021 is organised by an HR agency or cooperative of the
//     person's county (when it has one), starting on the contract's start.
// Writes through policy::FactsStore in one transaction (call outside one);
// returns the row counts.
#ifndef QJY_POLICY_SERVICES_FACTS_GEN_H_
#define QJY_POLICY_SERVICES_FACTS_GEN_H_

#include <cstdint>

#include "core/error.h"
#include "policy/facts_store.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::policy_services {

Result<policy::FactsStore::Counts> GenerateFacts(store::Db& db, store::RegistryStore& registry, uint64_t seed);

}  // namespace qjy::policy_services

#endif  // QJY_POLICY_SERVICES_FACTS_GEN_H_
