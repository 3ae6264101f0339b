// The pickers' searches (issue #14 "names everywhere"): people choose a
// region or an occupation by its name or pinyin initials; the code is what
// the form sends.
//   GET /api/regions/search?q=&within=&deepest=&limit=
//       regions at or below the caller's scope (an officer's region; the
//       province for everyone else) and `within` (a region inside it, else
//       403), no deeper than `deepest` (county/township/village, default
//       village): {items: [{code, name, full_name, level, level_label}]}
//   GET /api/occupations?q=&limit=
//       the 2022 classification's groups (and the detailed list when
//       loaded) by name, initials, code prefix or an everyday job title:
//       {items: [{code, name, level, level_label, parent_name, via}]}
// Both open to every logged-in role: the classification and the map are
// public; the region search never leaves the caller's scope.
#include <map>
#include <mutex>

#include "server/api_pickers.h"

#include "server/access.h"
#include "server/api_internal.h"
#include "server/occupation_search.h"
#include "server/region_search.h"
#include "core/utf8.h"
#include "store/catalog_pages.h"

namespace qjy::server {

namespace {

constexpr size_t kMaxQuery = 40;  // bytes: a name or a code, never a paragraph

struct Occupations {
  std::unique_ptr<OccupationSearch> search;
  std::string error;
};

const Occupations& OccupationList() {
  static Occupations o;
  static std::once_flag once;
  std::call_once(once, [] {
    auto loaded = OccupationSearch::LoadDefault();
    if (!loaded) {
      o.error = loaded.error().message;
      return;
    }
    o.search = std::make_unique<OccupationSearch>(std::move(*loaded));
  });
  return o;
}

// One RegionSearch per RegionIndex (a server has one; tests may have more).
const RegionSearch& RegionSearchFor(const RegionIndex& regions) {
  static std::mutex mu;
  static std::map<const RegionIndex*, std::pair<size_t, std::unique_ptr<RegionSearch>>> built;
  std::lock_guard lock(mu);
  auto& slot = built[&regions];
  if (!slot.second || slot.first != regions.size()) {
    slot = {regions.size(), std::make_unique<RegionSearch>(regions)};
  }
  return *slot.second;
}

}  // namespace

std::string OccupationName(std::string_view code) {
  const OccupationSearch* o = OccupationList().search.get();
  if (code.empty() || !o) return {};
  // The nearest known group: "4-01-06-02" without the detailed list → 4-01's name.
  std::string c(code);
  while (!c.empty()) {
    if (auto hit = o->Find(c)) return hit->name;
    auto dash = c.rfind('-');
    if (dash == std::string::npos) break;
    c.resize(dash);
  }
  return {};
}

std::string EmployerName(store::Db& db, const std::string& credit_code) {
  auto name = store::EmployerName(db, credit_code);
  return name && *name ? **name : std::string();
}

HttpResponse SearchRegions(Api::Call& c, const RegionIndex& regions) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto limit = QueryInt(c.query, "limit", 20, 1, 50, error);
  if (!limit) return error;
  const std::string q = QueryText(c.query, "q");
  if (!IsValidUtf8(q) || q.size() > kMaxQuery) return BadRequest("查询内容（q）无效或过长");
  std::string scope = a.role == auth::Role::kOfficer ? a.region_code : std::string("52");
  if (scope.empty()) return Forbidden();
  const std::string within = QueryText(c.query, "within");
  if (!within.empty()) {
    if (auth::RegionLevel(within) == 0) return BadRequest("范围（within）须为区划代码");
    if (!RegionCovers(scope, within)) return Forbidden();
    scope = within;
  }
  RegionLevel deepest = RegionLevel::kVillage;
  if (const std::string d = QueryText(c.query, "deepest"); !d.empty()) {
    auto parsed = ParseRegionLevel(d);
    if (!parsed) return BadRequest("层级（deepest）须为 prefecture/county/township/village");
    deepest = *parsed;
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& code : RegionSearchFor(regions).Search(q, scope, deepest, static_cast<size_t>(*limit))) {
    const Region* r = regions.Find(code);
    if (!r) continue;
    items.push_back({{"code", r->code},
                     {"name", r->name},
                     {"full_name", regions.FullName(r->code).value_or(r->name)},
                     {"level", RegionLevelName(r->level)},
                     {"level_label", RegionLevelLabel(r->level)}});
  }
  return JsonOk({{"items", std::move(items)}});
}

HttpResponse SearchOccupations(Api::Call& c, spdlog::logger& log) {
  HttpResponse error;
  auto limit = QueryInt(c.query, "limit", 20, 1, 50, error);
  if (!limit) return error;
  const std::string q = QueryText(c.query, "q");
  if (!IsValidUtf8(q) || q.size() > kMaxQuery) return BadRequest("查询内容（q）无效或过长");
  const Occupations& o = OccupationList();
  if (!o.search) {
    log.error("occupation search: {}", o.error);
    return HttpResponse::Error(503, "unavailable", "职业分类无法加载：" + o.error);
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& h : o.search->Search(q, static_cast<size_t>(*limit))) {
    items.push_back({{"code", h.code},
                     {"name", h.name},
                     {"level", h.level},
                     {"level_label", OccupationSearch::LevelLabel(h.level)},
                     {"parent_name", h.parent_name},
                     {"via", h.via}});
  }
  return JsonOk({{"items", std::move(items)}});
}

}  // namespace qjy::server
