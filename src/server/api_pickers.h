// The pickers' searches and the names that replace codes in responses
// (issue #14 "names everywhere"), as functions of the request so that the
// Api class needs no new members (api_pickers.cc).
//
// Thread-safe: the occupation list and the region search are built once per
// process (per RegionIndex) and only read afterwards.
#ifndef QJY_SERVER_API_PICKERS_H_
#define QJY_SERVER_API_PICKERS_H_

#include <string>
#include <string_view>

#include "server/api_internal.h"

namespace qjy::server {

// GET /api/regions/search (see api_pickers.cc).
HttpResponse SearchRegions(Api::Call& c, const RegionIndex& regions);
// GET /api/occupations (see api_pickers.cc).
HttpResponse SearchOccupations(Api::Call& c, spdlog::logger& log);

// The 2022 classification's name of an occupation code (of its nearest
// known group), "" when unknown.
std::string OccupationName(std::string_view code);
// An employer's name by credit code, "" when unknown.
std::string EmployerName(store::Db& db, const std::string& credit_code);

}  // namespace qjy::server

#endif  // QJY_SERVER_API_PICKERS_H_
