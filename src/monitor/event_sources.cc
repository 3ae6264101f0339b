#include "monitor/event_sources.h"

#include <thread>
#include <vector>

#include "monitor/monthly_sources.h"
#include "registry/place.h"
#include "services/service_kind.h"
#include "store/contribution_store.h"
#include "store/separation_store.h"

namespace qjy::monitor {

namespace {

// Far enough that no fact reaches it: a span capped here is still open.
constexpr int kOpen = MonthKey(2200, 12);

Date FirstDay(int key) { return *Date::FromYmd(key / 12, key % 12 + 1, 1); }

std::string TownshipOf(const std::string& code) {
  return code.size() >= 9 && code.starts_with("52") ? code.substr(0, 9) : std::string();
}

std::string CountyOf(std::string_view code, std::string_view fallback) {
  if (code.size() >= 6 && code.starts_with(registry::kGuizhouProvince))
    return std::string(code.substr(0, 6));
  return std::string(fallback);
}

void AddRuns(EventStore& out, std::vector<PersonSpan> spans, Measure m) {
  ForEachPersonRun(std::move(spans), [&](const std::string& county, MonthSpan run) {
    AddRun(out, out.County(county), m, run.first, run.last, run.last >= kOpen);
  });
}

}  // namespace

void AddRun(EventStore& store, uint16_t county, Measure m, int first, int last, bool open) {
  store.Add(county, EventStore::kNoTownship, FirstDay(first), m, 1);
  if (!open) store.Add(county, EventStore::kNoTownship, FirstDay(last + 1), m, -1);
}

namespace {

// The registrations' events (kReemployed*, kUnemployed) into `out`.
Result<void> AddRegistrationEvents(EventStore& out, services::ServicesStore& services, const EventOptions& options) {
  if (!options.flows && !options.stocks) return {};
  {
    auto regs = services.ListRegistrations("");
    if (!regs) return std::unexpected(regs.error());
    std::vector<PersonSpan> unemployed;
    for (const auto& r : *regs) {
      if (options.flows && r.closed_on && r.close_reason == services::CloseReason::kReemployed) {
        const uint16_t c = out.County(r.county_code);
        const uint16_t t = out.Township(TownshipOf(r.region_code));
        out.Add(c, t, *r.closed_on, Measure::kReemployed, 1);
        if (services::Has(r.flags, services::Flag::kHardToEmploy))
          out.Add(c, t, *r.closed_on, Measure::kReemployedHard, 1);
      }
      std::optional<Date> last;
      if (r.closed_on) last = r.closed_on->AddDays(-1);
      if (!options.stocks) continue;
      if (auto s = MonthEndsCovered(r.registered_on, last, kOpen))
        unemployed.push_back({r.person_id, r.county_code, *s});
    }
    AddRuns(out, std::move(unemployed), Measure::kUnemployed);
  }
  return {};
}

// The registry's events of `options.counties` (empty: all) into `out`.
Result<void> AddRegistryEvents(EventStore& out, store::RegistryStore& registry, const EventOptions& options) {
  const std::span<const std::string> counties = options.counties;
  if (options.flows || options.stocks) {
    std::vector<PersonSpan> employed;
    auto ok = registry.ForEachSpell([&](const store::RegistryStore::Spell& k) {
      std::string county;
      if (k.work_region.size() >= 6) {
        if (!k.work_region.starts_with(registry::kGuizhouProvince)) return;  // outside Guizhou
        county = k.work_region.substr(0, 6);
      } else {
        county = k.county_code;
      }
      if (options.flows) {
        out.Add(out.County(county), out.Township(TownshipOf(k.work_region)), k.start,
                Measure::kNewUrbanJobs, 1);
      }
      if (!options.stocks) return;
      if (auto s = MonthEndsCovered(k.start, k.end, kOpen))
        employed.push_back({k.person_id, county, *s});
    }, counties);
    if (!ok) return std::unexpected(ok.error());
    AddRuns(out, std::move(employed), Measure::kEmployed);
  }
  if (options.flows) {
    store::SeparationStore separations(registry.db());
    auto ok = separations.ForEach([&](const registry::Separation& x) {
      if (x.reason == registry::SeparationReason::kRetired ||
          x.reason == registry::SeparationReason::kDeath) {
        out.Add(out.County(x.county_code), EventStore::kNoTownship, x.separated_on,
                Measure::kNewUrbanJobs, -1);
      }
    }, counties);
    if (!ok) return std::unexpected(ok.error());
  }
  if (options.stocks) {
    std::vector<PersonSpan> employed;
    auto ok = registry.ForEachGroupSpell(
        registry::Group::kMonitoringObject, "", [&](const store::RegistryStore::GroupSpell& x) {
          auto s = MonthEndsCovered(x.start, x.end, kOpen);
          auto m = MonthEndsCovered(x.group_from, x.group_to, kOpen);
          if (!s || !m) return;
          MonthSpan both{std::max(s->first, m->first), std::min(s->last, m->last)};
          if (both.first <= both.last)
            employed.push_back({x.person_id, CountyOf(x.home_region, x.county_code), both});
        }, counties);
    if (!ok) return std::unexpected(ok.error());
    AddRuns(out, std::move(employed), Measure::kMonitoringEmployed);
  }
  if (options.contributions) {
    // In (county, person, payer, month) order: consecutive months of one
    // person and payer are one run.
    store::ContributionStore contributions(registry.db());
    std::string county, payer;
    int64_t person = -1;
    int first = 0, last = -2;
    auto flush = [&] {
      if (person >= 0) AddRun(out, out.County(county), Measure::kContributions, first, last, false);
    };
    auto each = [&](const registry::Contribution& c) {
      if (c.person_id == person && c.county_code == county && c.employer_credit_code == payer &&
          c.month == last + 1) {
        last = c.month;
        return;
      }
      flush();
      county = c.county_code;
      payer = c.employer_credit_code;
      person = c.person_id;
      first = last = c.month;
    };
    auto ok = counties.empty() ? contributions.ForEach(each) : contributions.ForEachOfCounties(counties, each);
    if (!ok) return std::unexpected(ok.error());
    flush();
  }
  return {};
}

}  // namespace

Result<EventStore> LoadEvents(services::ServicesStore& services, store::RegistryStore& registry,
                              const EventOptions& options) {
  EventStore out;
  if (options.registrations) QJY_TRY(AddRegistrationEvents(out, services, options));
  QJY_TRY(AddRegistryEvents(out, registry, options));
  return out;
}

std::vector<RegistryPart> PartsOf(std::span<store::ShardReader> readers) {
  std::vector<RegistryPart> out;
  for (auto& r : readers) out.push_back({.registry = r.registry.get(), .counties = r.counties});
  return out;
}

Result<EventStore> LoadEventsInParts(services::ServicesStore& services, std::span<const RegistryPart> parts,
                                     const EventOptions& options) {
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].registry == nullptr || parts[i].counties.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "分部分读取登记数据：第 " + std::to_string(i + 1) + " 部分没有数据库连接或区县");
    }
  }
  std::vector<EventStore> got(parts.size());
  std::vector<Result<void>> ok(parts.size());
  EventStore out;
  Result<void> regs;
  {
    std::vector<std::jthread> threads;
    for (size_t i = 0; i < parts.size(); ++i) {
      threads.emplace_back([&, i] {
        EventOptions part = options;
        part.counties = parts[i].counties;
        ok[i] = AddRegistryEvents(got[i], *parts[i].registry, part);
      });
    }
    // Meanwhile, on this thread and connection.
    if (options.registrations) regs = AddRegistrationEvents(out, services, options);
  }  // joined
  if (!regs) return std::unexpected(regs.error());
  for (const auto& r : ok) {
    if (!r) return std::unexpected(r.error());
  }
  for (const auto& g : got) out.Append(g);
  return out;
}

}  // namespace qjy::monitor
