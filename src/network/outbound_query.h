// The outbound workers of each Guizhou county on a day, from the registry's
// contracts (the spells of formal and flexible work): a person of the
// county (contracts.county_code, the owning county) is outbound when one of
// the person's spells running that day has a place of work outside Guizhou
// (registry/place.h; a spell without a place of work is not counted). The
// person is organised when any such spell is (registry/organised.h), else
// unrecorded when any such spell has no way recorded, else not organised.
#ifndef QJY_NETWORK_OUTBOUND_QUERY_H_
#define QJY_NETWORK_OUTBOUND_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "network/coverage.h"
#include "store/db.h"

namespace qjy::network {

// Counties under `scope` (a prefix; a township scope reads its county)
// with at least one outbound worker on `day`, by county code.
// Reads the partial covering index contracts_outbound (store/
// registry_schema.cc) alone: a range of its county codes, no table rows.
Result<std::vector<OutboundTally>> OutboundTallies(store::Db& db, std::string_view scope, Date day);

// The tallies of `all` (of any counties) whose county lies under `scope`,
// as OutboundTallies(db, scope, day) would select them (a township scope:
// its county), in their order.
std::vector<OutboundTally> OutboundUnder(const std::vector<OutboundTally>& all, std::string_view scope);

// The statement OutboundTallies runs and its parameters (for tests that
// check the plan).
std::string OutboundTalliesSql();
std::vector<store::Value> OutboundTalliesParams(std::string_view scope, Date day);

}  // namespace qjy::network

#endif  // QJY_NETWORK_OUTBOUND_QUERY_H_
