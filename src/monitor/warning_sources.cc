#include "monitor/warning_sources.h"

#include "registry/place.h"
#include "services/caseload.h"
#include "store/separation_store.h"

namespace qjy::monitor {
namespace {

bool Needs(const std::vector<WarningSpec>& specs, WarningKind k) {
  for (const auto& s : specs) {
    if (s.kind == k) return true;
  }
  return false;
}

// The county (6 digits) of a Guizhou code, else the fallback.
std::string WarningSourcesCountyOf(std::string_view code, std::string_view fallback) {
  if (code.size() >= 6 && code.starts_with(registry::kGuizhouProvince)) return std::string(code.substr(0, 6));
  return std::string(fallback);
}

}  // namespace

Result<WarningFacts> LoadWarningFacts(const std::vector<WarningSpec>& specs, services::ServicesStore& services,
                                      store::RegistryStore& registry, const services::ObligationEngine& engine,
                                      std::string_view region, Date as_of) {
  WarningFacts f;
  if (Needs(specs, WarningKind::kMassLayoff)) {
    auto ok = registry.ForEachEmployer([&](const registry::Employer& e) {
      f.employers.push_back({e.credit_code, e.name, e.county_code, e.insured_headcount});
    });
    if (!ok) return std::unexpected(ok.error());
    store::SeparationStore separations(registry.db());
    auto sep = separations.ForEach([&](const registry::Separation& x) {
      f.separations.push_back({x.employer_credit_code, x.county_code, x.person_id, x.separated_on, x.reason});
    });
    if (!sep) return std::unexpected(sep.error());
  }
  if (Needs(specs, WarningKind::kRegistrationSurge)) {
    auto regs = services.ListRegistrations(region);
    if (!regs) return std::unexpected(regs.error());
    for (const auto& r : *regs) f.registrations.push_back({r.county_code, r.region_code, r.person_id, r.registered_on});
  }
  if (Needs(specs, WarningKind::kPovertyOutboundFall)) {
    auto ok = registry.ForEachGroupSpell(
        registry::Group::kPovertyAlleviated, registry::kGuizhouProvince,
        [&](const store::RegistryStore::GroupSpell& x) {
          f.outbound.push_back({WarningSourcesCountyOf(x.home_region, x.county_code), x.person_id, x.start, x.end, x.group_from,
                                x.group_to});
        });
    if (!ok) return std::unexpected(ok.error());
  }
  if (Needs(specs, WarningKind::kOnTimeRateFall)) {
    auto load = services::Caseload::Load(services, region);
    if (!load) return std::unexpected(load.error());
    std::vector<services::Obligation> obligations;
    using Outcome = ObligationFact::Outcome;
    for (size_t i = 0; i < load->size(); ++i) {
      const services::Registration& r = load->registration(i);
      if (r.registered_on > as_of) continue;
      obligations.clear();
      auto ok = engine.Evaluate(r.Facts(), load->RecordFacts(i), as_of, obligations);
      if (!ok) return std::unexpected(ok.error());
      for (const auto& o : obligations) {
        Outcome out = Outcome::kPending;
        switch (o.status) {
          case services::ObligationStatus::kMet: out = Outcome::kOnTime; break;
          case services::ObligationStatus::kMetLate:
          case services::ObligationStatus::kOverdue: out = Outcome::kLate; break;
          case services::ObligationStatus::kLapsed: out = Outcome::kLapsed; break;
          case services::ObligationStatus::kDue: out = Outcome::kPending; break;
        }
        f.obligations.push_back({r.county_code, r.region_code, r.person_id,
                                 o.package ? o.package->name : std::string(), o.deadline, out});
      }
    }
  }
  return f;
}

}  // namespace qjy::monitor
