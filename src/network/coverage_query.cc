#include "network/coverage_query.h"

#include <map>

#include "network/outbound_query.h"
#include "network/quality_query.h"
#include "network/outbound_share.h"

namespace qjy::network {

Result<CoverageReport> CoverageOf(NetworkStore& store, const RegionIndex& regions, const Duties& duties,
                                  std::string_view scope, Date as_of, std::optional<Date> events_from,
                                  ProgrammeStore* programmes, store::Db* quality_db, BaseStore* bases,
                                  const std::vector<OutboundTally>* kept_outbound) {
  if (!events_from) events_from = *Date::FromYmd(as_of.year(), 1, 1);
  std::optional<Date> first;
  for (const auto& d : duties.duties) {
    if (d.kind != DutyKind::kEvents) continue;
    // A yearly duty judges whole years from its own start, whatever window
    // the weekly and monthly listings use (EventsDuty does the same).
    const Date from = d.period == Period::kYear || *d.from > *events_from ? *d.from : *events_from;
    if (!first || from < *first) first = from;
  }
  auto sites = store.Sites(scope);
  if (!sites) return std::unexpected(sites.error());
  std::vector<Event> events;
  if (first) {
    auto e = store.Events(scope, *first, as_of);
    if (!e) return std::unexpected(e.error());
    events = std::move(*e);
  }
  std::vector<ReliefProject> projects;
  if (programmes != nullptr) {
    auto brands = programmes->BrandSites(scope);
    if (!brands) return std::unexpected(brands.error());
    sites->insert(sites->end(), brands->begin(), brands->end());
    auto p = programmes->Reliefs(scope);
    if (!p) return std::unexpected(p.error());
    projects = std::move(*p);
  }
  std::vector<QuotaCount> quotas;
  if (quality_db != nullptr) {
    if (auto q = AddQualityFacts(*quality_db, regions, duties, scope, as_of, *sites, quotas); !q) {
      return std::unexpected(q.error());
    }
  }
  std::vector<OutboundTally> outbound;
  if (bases != nullptr) {
    auto b = bases->BaseSites(scope);
    if (!b) return std::unexpected(b.error());
    sites->insert(sites->end(), b->begin(), b->end());
    if (kept_outbound != nullptr) {
      outbound = OutboundUnder(*kept_outbound, scope);
    } else {
      auto o = bases->Outbound(scope, as_of);
      if (!o) return std::unexpected(o.error());
      outbound = std::move(*o);
    }
  }
  return ComputeCoverage(regions, scope, as_of, duties, *sites, events, events_from, projects, quotas, outbound);
}

nlohmann::json CoverageJson(const CoverageReport& r) {
  nlohmann::json duties = nlohmann::json::array();
  std::map<std::string, int> summary = {{"met", 0}, {"late", 0}, {"missing", 0}, {"pending", 0}, {"info", 0}};
  for (const auto& d : r.duties) {
    nlohmann::json counties = nlohmann::json::array();
    for (const auto& t : d.outbound_counties) {
      const int64_t bp = OrganisedShareBp(t);
      counties.push_back({{"county", t.county}, {"outbound", t.outbound}, {"organised", t.organised},
                          {"unrecorded", t.unrecorded}, {"share_bp", bp < 0 ? nlohmann::json() : nlohmann::json(bp)}});
    }
    nlohmann::json gaps = nlohmann::json::array();
    for (const auto& g : d.gaps) gaps.push_back({{"code", g.code}, {"name", g.name}, {"detail", g.detail}});
    ++summary[StatusCode(d.status)];
    duties.push_back({{"id", d.id},
                      {"title", d.title},
                      {"clause", d.clause},
                      {"quote", d.quote},
                      {"assumed", d.assumed},
                      {"requirement", d.requirement},
                      {"status", StatusCode(d.status)},
                      {"status_label", d.applicable ? StatusLabel(d.status) : "本区划不适用"},
                      {"applicable", d.applicable},
                      {"deadline", d.deadline ? d.deadline->ToString() : ""},
                      {"places", d.places},
                      {"covered", d.covered},
                      {"covered_by_deadline", d.covered_by_deadline},
                      {"required", d.required},
                      {"periods", d.periods},
                      {"periods_met", d.periods_met},
                      {"period_from", d.period_from},
                      {"period_to", d.period_to},
                      {"outbound_share", d.outbound_share},
                      {"outbound", d.outbound},
                      {"organised", d.organised},
                      {"unrecorded", d.unrecorded},
                      {"outbound_counties", std::move(counties)},
                      {"gap_count", d.gap_count},
                      {"unrated", d.unrated},
                      {"unlicensed", d.unlicensed},
                      {"unknown", d.unknown},
                      {"progress", d.progress},
                      {"gaps", std::move(gaps)}});
  }
  return {{"scope", r.scope},
          {"scope_name", r.scope_name},
          {"as_of", r.as_of.ToString()},
          {"document", r.document},
          {"duties", std::move(duties)},
          {"summary", summary}};
}

}  // namespace qjy::network
