#include "monitor/sources.h"

#include "services/service_kind.h"
#include "store/separation_store.h"

namespace qjy::monitor {

namespace {

// The 9-digit township of a Guizhou place code, or empty when the code
// stops above the township.
std::string SourcesTownshipOf(const std::string& code) {
  return code.size() >= 9 && code.starts_with("52") ? code.substr(0, 9) : std::string();
}

}  // namespace

Result<SourceSeries> LoadSeries(Computation c, services::ServicesStore& services, store::RegistryStore& registry) {
  SourceSeries result;
  CountySeries& out = result.counties;
  switch (c) {
    case Computation::kRegistrationsReemployed:
    case Computation::kRegistrationsReemployedHardToEmploy: {
      auto regs = services.ListRegistrations("");
      if (!regs) return std::unexpected(regs.error());
      const bool hard = c == Computation::kRegistrationsReemployedHardToEmploy;
      for (const auto& r : *regs) {
        if (!r.closed_on || r.close_reason != services::CloseReason::kReemployed) continue;
        if (hard && !services::Has(r.flags, services::Flag::kHardToEmploy)) continue;
        out[r.county_code].Add(*r.closed_on);
        if (auto t = SourcesTownshipOf(r.region_code); !t.empty()) result.townships[t].Add(*r.closed_on);
      }
      return result;
    }
    case Computation::kContractHires: {
      // The narrow scan (no join with persons, no ID number decrypted).
      auto ok = registry.ForEachSpell([&](const store::RegistryStore::Spell& k) {
        std::string county;
        if (k.work_region.size() >= 6) {
          if (!k.work_region.starts_with("52")) return;  // outside Guizhou
          county = k.work_region.substr(0, 6);
        } else {
          county = k.county_code;
        }
        out[county].Add(k.start);
        if (auto t = SourcesTownshipOf(k.work_region); !t.empty()) result.townships[t].Add(k.start);
      });
      if (!ok) return std::unexpected(ok.error());
      // Natural attrition (retirement, death) recorded as separations is
      // subtracted in the person's county and month.
      store::SeparationStore separations(registry.db());
      auto sep = separations.ForEach([&](const registry::Separation& x) {
        if (x.reason == registry::SeparationReason::kRetired || x.reason == registry::SeparationReason::kDeath) {
          out[x.county_code].Add(x.separated_on, -1);
        }
      });
      if (!sep) return std::unexpected(sep.error());
      return result;
    }
  }
  return result;
}

}  // namespace qjy::monitor
