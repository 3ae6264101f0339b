// The event columns (events.h) of the facts the stores hold, read once:
//   - unemployment registrations (services): kReemployed (+ kReemployedHard)
//     on the closing day of those closed as re-employed, in the county of
//     registration and the township it was made at (sources.h); the
//     persons' registered spans as kUnemployed +1/−1 (monthly_sources.h);
//   - employment spells (the registry): kNewUrbanJobs +1 on the start, in
//     the place-of-work county (sources.h); the persons' spans in force as
//     kEmployed; spells outside Guizhou are not counted;
//   - separations for retirement or death: kNewUrbanJobs −1;
//   - 防止返贫监测对象 members' spells: kMonitoringEmployed;
//   - with `contributions`, the contribution months (registry's
//     contributions table) as kContributions runs, in the person's county.
// Stock spans are merged per person exactly as LoadMonthlyCounts merges
// them (ForEachPersonRun) and written as +1 on the first day of the run's
// first month and −1 on the first day of the month after its last (none
// for a span still open), so the cube's month-end levels equal
// LoadMonthlyCounts and its flows equal LoadSeries.
#ifndef QJY_MONITOR_EVENT_SOURCES_H_
#define QJY_MONITOR_EVENT_SOURCES_H_

#include "core/error.h"
#include "monitor/events.h"
#include "services/services_store.h"
#include "store/registry_store.h"

namespace qjy::monitor {

struct EventOptions {
  bool flows = true;           // kNewUrbanJobs, kReemployed, kReemployedHard
  bool stocks = true;          // kUnemployed, kEmployed, kMonitoringEmployed
  bool contributions = false;  // kContributions
};

Result<EventStore> LoadEvents(services::ServicesStore& services, store::RegistryStore& registry,
                              const EventOptions& options = {});

// Writes a person's merged run [first, last] (MonthKey) of a stock; `open`
// when it runs on (no −1).
void AddRun(EventStore& store, uint16_t county, Measure m, int first, int last, bool open);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_EVENT_SOURCES_H_
