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

#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "monitor/events.h"
#include "services/services_store.h"
#include "store/registry_store.h"
#include "store/shard_readers.h"

namespace qjy::monitor {

struct EventOptions {
  bool flows = true;           // kNewUrbanJobs, kReemployed, kReemployedHard
  bool stocks = true;          // kUnemployed, kEmployed, kMonitoringEmployed
  bool contributions = false;  // kContributions
  // The registrations (services): kReemployed, kReemployedHard and
  // kUnemployed. Off for a part of the registry read beside the part that
  // reads them (LoadEventsInParts).
  bool registrations = true;
  // The registry's facts (spells, separations, group spells, contribution
  // months) of these owning counties only (`county_code IN (…)`, pruned to
  // their shards on a sharded registry); empty: every county's. The
  // registrations are read whole whatever the bound.
  std::vector<std::string> counties;
};

Result<EventStore> LoadEvents(services::ServicesStore& services, store::RegistryStore& registry,
                              const EventOptions& options = {});

// One part of the registry for LoadEventsInParts: a store on a connection
// of its own and the owning counties whose facts it reads (not empty).
struct RegistryPart {
  store::RegistryStore* registry = nullptr;
  std::vector<std::string> counties;
};

// One part per shard reader (store/shard_readers.h), borrowing its store.
std::vector<RegistryPart> PartsOf(std::span<store::ShardReader> readers);

// LoadEvents with the registry's facts read in `parts` (on a sharded
// registry, one per shard: store::ShardOfCounties), each part on a thread of
// its own, concurrently, while the registrations are read once on
// `services` on the caller's thread; the stores appended in part order
// (EventStore::Append). Each part's counties replace `options.counties`.
// kInvalidArgument for a part without a store or counties. Exactly
// LoadEvents' events (as a multiset; their order differs) when the parts'
// county sets are disjoint and cover every owning county of the registry's
// rows: a person's contracts, memberships, separations and contribution
// months all carry the person's owning county (the store writes them so,
// and a sharded registry cannot move a row's county), so a person's spans
// are merged (ForEachPersonRun) within one part. A county in no part is not
// counted. The first failing part's error, after every thread has ended.
Result<EventStore> LoadEventsInParts(services::ServicesStore& services, std::span<const RegistryPart> parts,
                                     const EventOptions& options = {});

// Writes a person's merged run [first, last] (MonthKey) of a stock; `open`
// when it runs on (no −1).
void AddRun(EventStore& store, uint16_t county, Measure m, int first, int last, bool open);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_EVENT_SOURCES_H_
