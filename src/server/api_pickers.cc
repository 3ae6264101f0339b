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
#include <mutex>

#include "server/access.h"
#include "server/api_internal.h"
#include "server/occupation_search.h"
#include "server/region_search.h"
#include "core/utf8.h"

namespace qjy::server {

struct PickerState {
  std::once_flag regions_once;
  std::unique_ptr<RegionSearch> regions;
  std::once_flag occupations_once;
  std::unique_ptr<OccupationSearch> occupations;
  std::string occupations_error;
};

std::shared_ptr<PickerState> NewPickerState() { return std::make_shared<PickerState>(); }

namespace {

constexpr size_t kMaxQuery = 40;  // bytes: a name or a code, never a paragraph

const OccupationSearch* Occupations(PickerState& s, spdlog::logger& log) {
  std::call_once(s.occupations_once, [&] {
    auto o = OccupationSearch::LoadDefault();
    if (!o) {
      s.occupations_error = o.error().message;
      log.error("occupation search: {}", o.error().message);
      return;
    }
    s.occupations = std::make_unique<OccupationSearch>(std::move(*o));
  });
  return s.occupations.get();
}

}  // namespace

std::string Api::OccupationName(std::string_view code) {
  if (code.empty()) return {};
  const OccupationSearch* o = Occupations(*pickers_, *log_);
  if (!o) return {};
  // The nearest known group: "4-01-02-07" without the detailed list → 4-01's name.
  std::string c(code);
  while (!c.empty()) {
    if (auto hit = o->Find(c)) return hit->name;
    auto dash = c.rfind('-');
    if (dash == std::string::npos) break;
    c.resize(dash);
  }
  return {};
}

std::string Api::EmployerName(store::Db& db, const std::string& credit_code) {
  if (credit_code.empty()) return {};
  const store::Value params[] = {credit_code};
  auto rows = db.Query("SELECT name FROM employers WHERE credit_code = ?", params);
  return rows && !rows->empty() ? rows->front().Text(0) : std::string();
}

HttpResponse Api::SearchRegions(Call& c) {
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
  std::call_once(pickers_->regions_once, [&] { pickers_->regions = std::make_unique<RegionSearch>(regions_); });
  nlohmann::json items = nlohmann::json::array();
  for (const auto& code : pickers_->regions->Search(q, scope, deepest, static_cast<size_t>(*limit))) {
    const Region* r = regions_.Find(code);
    if (!r) continue;
    items.push_back({{"code", r->code},
                     {"name", r->name},
                     {"full_name", regions_.FullName(r->code).value_or(r->name)},
                     {"level", RegionLevelName(r->level)},
                     {"level_label", RegionLevelLabel(r->level)}});
  }
  return JsonOk({{"items", std::move(items)}});
}

HttpResponse Api::SearchOccupations(Call& c) {
  HttpResponse error;
  auto limit = QueryInt(c.query, "limit", 20, 1, 50, error);
  if (!limit) return error;
  const std::string q = QueryText(c.query, "q");
  if (!IsValidUtf8(q) || q.size() > kMaxQuery) return BadRequest("查询内容（q）无效或过长");
  const OccupationSearch* o = Occupations(*pickers_, *log_);
  if (!o) return HttpResponse::Error(503, "unavailable", "职业分类无法加载：" + pickers_->occupations_error);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& h : o->Search(q, static_cast<size_t>(*limit))) {
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
