// GET /api/stats?region=CODE: counts of one region for the officer's home
// page, read from the counters the registry keeps as it is written
// (store/region_counts.h): a few rows per request, whatever the province's
// size.
//
// A record counts for the region with the read rules of access.h:
//   persons   — household registration, residence or owning county at or
//               below the region;
//   employers — registered place or owning county;
//   jobs      — workplace or owning county.
// `children` counts persons per child region by household registration
// (户籍地) only, so each person counts once; a person whose household
// registration is coded only to the region itself (or lies outside it, the
// person being in the region by residence) counts in no child, so the
// children may sum to less than `persons`.
#include "server/access.h"
#include "server/api_internal.h"
#include "store/region_counts.h"

namespace qjy::server {

HttpResponse Api::Stats(Call& c) {
  const auth::Account& a = c.account();
  if (a.role != auth::Role::kOfficer) return Forbidden();
  std::string code = QueryText(c.query, "region");
  if (code.empty()) code = a.region_code;
  if (auth::RegionLevel(code) == 0) return BadRequest("区划代码须为 2/4/6/9/12 位数字");
  if (!RegionCovers(a.region_code, code)) return Forbidden();
  const Region* region = regions_.Find(code);
  if (!region) return NotFound("没有该区划");

  auto counts = store::region_counts::Read(*c.db, code);
  if (!counts) return StoreError(counts.error(), *log_);
  nlohmann::json children = nlohmann::json::array();
  auto kids = regions_.Children(code);
  if (kids && !kids->empty()) {
    std::vector<std::string> codes;
    for (const auto& k : *kids) codes.push_back(k.code);
    auto by_child = store::region_counts::ReadHukou(*c.db, codes);
    if (!by_child) return StoreError(by_child.error(), *log_);
    for (const auto& k : *kids) {
      auto it = by_child->find(k.code);
      children.push_back({{"code", k.code},
                          {"name", k.name},
                          {"persons", it == by_child->end() ? 0 : it->second}});
    }
  }
  return JsonOk({{"region", code},
                 {"name", region->name},
                 {"persons", counts->persons},
                 {"employers", counts->employers},
                 {"jobs", counts->jobs},
                 {"children", std::move(children)}});
}

}  // namespace qjy::server
