// GET/PUT /api/match/persons/{person_id}/profile — a seeker's job-search
// profile (issue #6 point 1): desired occupations (2022 codes, at most 3),
// skills and certificates, experience, places acceptable (home county, scope,
// named outbound provinces), expected monthly wage (fen), work type, available
// from. The seeker edits their own; an officer whose region covers the person
// edits it at the counter. Education is the registry's (not editable here).
// GET answers the stored profile, or the one derived from the registry
// ("derived": true). PUT validates (400 naming the field in Chinese; nothing
// stored), saves, audits and puts it into the match index, so the next
// recommendation query uses it.
#include <fmt/format.h>

#include "match/index.h"
#include "match/profile_store.h"
#include "registry/codes.h"
#include "server/access.h"
#include "server/api_internal.h"

namespace qjy::server {
namespace {

nlohmann::json ProfileJson(const match::SeekerProfile& p, const match::MatchIndex& index,
                           const RegionIndex& regions) {
  nlohmann::json occ = nlohmann::json::array();
  for (const auto& o : p.desired_occupations) occ.push_back({{"code", o}, {"name", index.tree().Name(o)}});
  nlohmann::json outbound = nlohmann::json::array();
  for (const auto& pr : p.outbound_provinces) {
    outbound.push_back({{"code", pr}, {"name", regions.FullName(pr).value_or(pr)}});
  }
  return {{"desired_occupations", occ},
          {"skills", p.skills},
          {"education", registry::Code(p.education)},
          {"education_label", registry::Label(p.education)},
          {"experience_years", p.experience_years},
          {"home_county", p.home_county},
          {"home_name", regions.FullName(p.home_county).value_or(p.home_county)},
          {"scope", match::PlaceScopeCode(p.scope)},
          {"outbound_provinces", outbound},
          {"expected_wage_fen", p.expected_wage_fen},
          {"work_type", p.work_type ? nlohmann::json(registry::Code(*p.work_type)) : nlohmann::json()},
          {"available_from", p.available_from.ToString()}};
}

// Reads the editable fields of `body` over `p`; the first problem as a
// Chinese message naming the field.
Result<void> ApplyBody(const nlohmann::json& body, const match::MatchIndex& index, const RegionIndex& regions,
                       match::SeekerProfile& p) {
  auto fail = [](std::string m) { return Fail(ErrorCode::kInvalidArgument, std::move(m)); };
  auto strings = [&](const char* key, const char* label, size_t max_items,
                     std::vector<std::string>& out) -> Result<void> {
    if (!body.contains(key)) return {};
    const auto& v = body[key];
    if (!v.is_array()) return fail(fmt::format("{}（{}）应为列表", label, key));
    if (v.size() > max_items) return fail(fmt::format("{}（{}）最多 {} 项", label, key, max_items));
    out.clear();
    for (const auto& e : v) {
      if (!e.is_string() || e.get<std::string>().empty() || e.get<std::string>().size() > 60) {
        return fail(fmt::format("{}（{}）的每一项应为 1–20 个字的文字", label, key));
      }
      out.push_back(e.get<std::string>());
    }
    return {};
  };
  if (auto r = strings("desired_occupations", "期望职业", 3, p.desired_occupations); !r) return r;
  for (const auto& o : p.desired_occupations) {
    if (!index.tree().Known(o)) {
      return fail(fmt::format("期望职业（desired_occupations）“{}”不在 2022 年版职业分类中", o));
    }
  }
  if (auto r = strings("skills", "技能证书", 50, p.skills); !r) return r;
  if (auto r = strings("outbound_provinces", "意向外出省份", 10, p.outbound_provinces); !r) return r;
  for (const auto& pr : p.outbound_provinces) {
    if (pr.size() != 2 || !regions.FullName(pr)) {
      return fail(fmt::format("意向外出省份（outbound_provinces）“{}”应为 2 位省级代码，如 44（广东）", pr));
    }
  }
  if (body.contains("experience_years")) {
    if (!body["experience_years"].is_number_integer()) return fail("工作年限（experience_years）应为整数");
    p.experience_years = body["experience_years"].get<int>();
  }
  if (body.contains("expected_wage_fen")) {
    if (!body["expected_wage_fen"].is_number_integer()) {
      return fail("期望月薪（expected_wage_fen）应为整数（单位：分）");
    }
    p.expected_wage_fen = body["expected_wage_fen"].get<int64_t>();
  }
  if (body.contains("scope")) {
    if (!body["scope"].is_string()) return fail("就业地域范围（scope）应为 county/prefecture/province");
    auto s = match::ParsePlaceScope(body["scope"].get<std::string>());
    if (!s) return fail("就业地域范围（scope）应为 county（本县）、prefecture（本市州）或 province（全省）");
    p.scope = *s;
  }
  if (body.contains("home_county")) {
    if (!body["home_county"].is_string()) return fail("常住县（home_county）应为 6 位区划代码");
    const std::string h = body["home_county"];
    auto county = regions.CountyOf(h);
    if (h.size() != 6 || !regions.IsInGuizhou(h) || !county || *county != h) {
      return fail(fmt::format("常住县（home_county）“{}”不是贵州省的县级区划代码", h));
    }
    p.home_county = h;
  }
  if (body.contains("work_type")) {
    const auto& w = body["work_type"];
    if (w.is_null() || (w.is_string() && w.get<std::string>().empty())) {
      p.work_type.reset();
    } else {
      std::optional<registry::JobType> t;
      if (w.is_string()) t = registry::Parse<registry::JobType>(w.get<std::string>());
      if (!t) return fail("工作类型（work_type）应为 full_time/part_time/gig/internship/public_welfare 之一或留空");
      p.work_type = *t;
    }
  }
  if (body.contains("available_from")) {
    auto d = body["available_from"].is_string() ? Date::Parse(body["available_from"].get<std::string>())
                                                : Result<Date>(Fail(ErrorCode::kInvalidArgument, ""));
    if (!d) return fail("可到岗日期（available_from）应为 YYYY-MM-DD 格式的日期");
    p.available_from = *d;
  }
  return match::ValidateProfile(p);
}

}  // namespace

HttpResponse Api::MatchProfile(Call& c, const registry::Person& person, match::MatchIndex& index) {
  match::ProfileStore profiles(*c.db);
  auto stored = profiles.GetProfile(person.person_id);
  if (!stored) return StoreError(stored.error(), *log_);
  match::SeekerProfile p = *stored ? **stored : match::DeriveProfile(person, index.today());
  const bool derived = !*stored;
  auto answer = [&](const match::SeekerProfile& prof, bool d) {
    return JsonOk({{"person_id", person.person_id}, {"derived", d}, {"profile", ProfileJson(prof, index, regions_)}});
  };
  if (c.req.method == "GET") return answer(p, derived);

  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  if (auto r = ApplyBody(*body, index, regions_, p); !r) {
    Audit(c, "match.profile", "person:" + std::to_string(person.person_id), "invalid");
    return BadRequest(r.error().message);
  }
  p.person_id = person.person_id;
  p.county_code = person.county_code;
  p.education = person.education;
  p.derived = false;
  if (auto s = index.FindSeeker(person.person_id)) p.registered_unemployed = index.Seeker(*s).registered_unemployed;
  if (auto r = profiles.SaveProfile(p); !r) {
    if (r.error().code == ErrorCode::kInvalidArgument) return BadRequest(r.error().message);
    return StoreError(r.error(), *log_);
  }
  if (auto r = index.UpsertSeeker(p); !r) log_->warn("match index: profile of person {} skipped: {}", p.person_id, r.error().message);
  Audit(c, "match.profile", "person:" + std::to_string(person.person_id), "ok");
  return answer(p, false);
}

}  // namespace qjy::server
