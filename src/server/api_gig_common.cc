#include "server/api_gig_common.h"

#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_write.h"
#include "store/registry_store.h"

namespace qjy::server::gig_api {

Result<int64_t> OwnPerson(store::Db& db, const Caller& who) {
  if (!who.seeker || who.a.id_hash.empty()) return 0;
  return SeekerPersonId(db, who.a);
}

Result<bool> PersonInScope(store::Db& db, const Vault& vault, const Caller& who, int64_t person_id) {
  if (who.seeker) {
    auto me = OwnPerson(db, who);
    if (!me) return std::unexpected(me.error());
    return person_id != 0 && person_id == *me;
  }
  if (!who.officer) return false;
  auto p = store::RegistryStore(db, vault).GetPerson(person_id);
  if (!p) return std::unexpected(p.error());
  return *p && MayReadPerson(who.a, **p, vault);
}

std::optional<gig::GigPost> PostOfPath(gig::GigBoard& board, const std::string& param, spdlog::logger& log,
                                       HttpResponse& out) {
  return PathRecord<gig::GigPost>(param, "没有该零工岗位", [&](int64_t id) { return board.GetPost(id); }, log, out);
}

std::string ListRegion(const Caller& who, const std::map<std::string, std::string>& query) {
  std::string r = QueryText(query, "region");
  if (who.officer) return r.empty() || !RegionCovers(who.a.region_code, r) ? who.a.region_code : r;
  return r.empty() ? "52" : r;
}

Result<bool> ScopeListFilter(store::Db& db, const Caller& who, const std::map<std::string, std::string>& query,
                             gig::GigFilter& f) {
  if (who.seeker) {
    auto me = OwnPerson(db, who);
    if (!me) return std::unexpected(me.error());
    f.person_id = *me;
    return *me != 0;
  }
  if (who.officer) f.region_prefix = ListRegion(who, query);
  return true;
}

std::optional<std::optional<Date>> DateParam(const std::map<std::string, std::string>& query) {
  const std::string d = QueryText(query, "date");
  if (d.empty()) return std::optional<Date>();
  auto parsed = Date::Parse(d);
  if (!parsed) return std::nullopt;
  return std::optional<Date>(*parsed);
}

nlohmann::json PostJson(const gig::GigPost& p, const std::string& place_name) {
  return {{"post_id", p.post_id},
          {"county_code", p.county_code},
          {"market_site_id", p.market_site_id ? nlohmann::json(p.market_site_id) : nlohmann::json(nullptr)},
          {"employer_credit_code", p.employer_credit_code},
          {"title", p.title},
          {"work_date", p.work_date.ToString()},
          {"start", gig::FormatMinutes(p.start_min)},
          {"end", gig::FormatMinutes(p.end_min)},
          {"place_region", p.place_region},
          {"place_name", place_name},
          {"pay_unit", std::string(gig::PayUnitCode(p.pay_unit))},
          {"pay_fen", p.pay_fen},
          {"day_pay_fen", p.DayPayFen()},
          {"headcount", p.headcount},
          {"booked", p.booked},
          {"status", p.status}};
}

nlohmann::json AvailJson(const gig::Availability& a) {
  return {{"availability_id", a.availability_id},
          {"county_code", a.county_code},
          {"person_id", a.person_id},
          {"work_date", a.work_date.ToString()},
          {"start", gig::FormatMinutes(a.start_min)},
          {"end", gig::FormatMinutes(a.end_min)},
          {"area_region", a.area_region},
          {"min_day_pay_fen", a.min_day_pay_fen},
          {"skills", a.skills}};
}

nlohmann::json BookingJson(const gig::Booking& b) {
  return {{"booking_id", b.booking_id},
          {"county_code", b.county_code},
          {"post_id", b.post_id},
          {"person_id", b.person_id},
          {"work_date", b.work_date.ToString()},
          {"start", gig::FormatMinutes(b.start_min)},
          {"end", gig::FormatMinutes(b.end_min)},
          {"status", b.status},
          {"contract_id", b.contract_id ? nlohmann::json(b.contract_id) : nlohmann::json(nullptr)}};
}

std::string MaskName(const std::string& name) {
  size_t n = 1;
  const auto lead = static_cast<unsigned char>(name[0]);
  if (lead >= 0xF0) n = 4;
  else if (lead >= 0xE0) n = 3;
  else if (lead >= 0xC0) n = 2;
  return name.substr(0, n) + "**";
}

std::optional<int> Minutes(const nlohmann::json& j, const char* key, int fallback) {
  if (!j.contains(key)) return fallback;
  if (!j[key].is_string()) return std::nullopt;
  return gig::ParseMinutes(j[key].get<std::string>());
}

nlohmann::json HoldJson(const gig::GigHold& h, const std::string& place_name) {
  nlohmann::json findings = nlohmann::json::array();
  try {
    findings = nlohmann::json::parse(h.findings_json);
  } catch (const nlohmann::json::exception&) {
  }
  return {{"hold_id", h.hold_id},
          {"status", h.status},
          {"post", PostJson(h.post, place_name)},
          {"findings", findings},
          {"warning", h.warning},
          {"posted_by", h.posted_by},
          {"posted_at", h.posted_at},
          {"reviewed_by", h.reviewed_by},
          {"reviewed_at", h.reviewed_at},
          {"review_note", h.review_note}};
}

}  // namespace qjy::server::gig_api
