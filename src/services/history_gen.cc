#include "services/history_gen.h"

#include <algorithm>
#include <array>
#include <vector>

#include "services/registration.h"

namespace qjy::services {
namespace {

// SplitMix64: a small, portable, seedable generator (the same numbers on
// every platform, unlike the std distributions).
struct Rng {
  uint64_t s;
  uint64_t Next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
};

// Relative weight of each month for becoming unemployed: returns after the
// Spring Festival (February, March), graduation (July, August).
constexpr std::array<double, 12> kMonthWeight = {0.7, 1.5, 1.4, 1.0, 0.9, 1.0, 1.5, 1.2, 0.9, 0.8, 0.7, 0.6};

int DrawMonth(Rng& rng) {
  double total = 0;
  for (double w : kMonthWeight) total += w;
  double x = rng.Unit() * total;
  for (int m = 0; m < 12; ++m) {
    x -= kMonthWeight[m];
    if (x < 0) return m + 1;
  }
  return 12;
}

}  // namespace

Result<HistoryCounts> GenerateHistory(store::Db& db, store::RegistryStore& registry, const ServiceParams& params,
                                      const HistoryOptions& o,
                                      const std::function<void(int64_t, int64_t)>& progress) {
  if (o.to < o.from) return Fail(ErrorCode::kInvalidArgument, "历史起止日期有误：截止日期早于开始日期");
  ServicesStore store(db);
  if (auto m = store.Migrate(); !m) return std::unexpected(m.error());
  auto existing = store.ListRegistrations("");
  if (!existing) return std::unexpected(existing.error());
  if (!existing->empty()) {
    return Fail(ErrorCode::kAlreadyExists, "数据库中已有失业登记，历史数据只能生成到新建的省份数据库");
  }
  std::vector<registry::Person> persons;
  auto read = registry.ForEachPerson([&](const registry::Person& p) {
    registry::Person light = p;
    light.id_number.clear();  // not needed; keep no plaintext around
    light.phone.clear();
    persons.push_back(std::move(light));
  });
  if (!read) return std::unexpected(read.error());

  const double years = (o.to.days() - o.from.days() + 1) / 365.25;
  const double p_register = std::min(0.95, o.yearly_share * years);
  HistoryCounts n;
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  int64_t looked = 0;
  for (const registry::Person& p : persons) {
    if (progress && ++looked % 5000 == 0) progress(looked, static_cast<int64_t>(persons.size()));
    Rng rng{o.seed * 0x2545F4914F6CDD1Dull ^ static_cast<uint64_t>(p.person_id)};
    if (rng.Unit() >= p_register) continue;
    // The day found: a year in range, a seasonal month, a day.
    const int y0 = o.from.year(), y1 = o.to.year();
    Date found;
    for (int tries = 0; tries < 8; ++tries) {
      int y = y0 + rng.Below(y1 - y0 + 1);
      int m = DrawMonth(rng);
      auto d = Date::FromYmd(y, m, 1 + rng.Below(28));
      if (d && *d >= o.from && *d <= o.to) {
        found = *d;
        break;
      }
    }
    if (found.days() == 0) continue;
    RegistrationRequest req;
    req.on = found.AddDays(rng.Below(3));
    if (req.on > o.to) req.on = found;
    req.found_on = found;
    req.region_code = p.hukou_region.starts_with("52") && p.hukou_region.size() >= 6 ? p.hukou_region.substr(0, 9)
                                                                                   : p.county_code;
    req.channel = rng.Unit() < 0.25 ? "online" : "counter";
    req.officer = "gen:" + req.region_code.substr(0, 6);
    auto reg = BuildRegistration(p, req, params);
    if (!reg) continue;  // under age, retired, ...: not registered
    if (auto ok = store.AddRegistration(*reg); !ok) return std::unexpected(ok.error());
    ++n.registrations;
    // "1311": policy briefing, career guidance, 3 recommendations, a
    // training offer; 80 % within the 5 working days, 12 % late.
    const double u = rng.Unit();
    if (u < 0.92) {
      const int lag = u < 0.80 ? 1 + rng.Below(5) : 9 + rng.Below(20);
      auto add = [&](ServiceKind kind, int extra, int64_t job) -> Result<void> {
        ServiceRecord r;
        r.registration_id = reg->registration_id;
        r.person_id = p.person_id;
        r.county_code = reg->county_code;
        r.kind = kind;
        r.delivered_on = std::min(o.to, reg->registered_on.AddDays(lag + extra));
        r.officer = req.officer;
        r.job_id = job;
        auto ok = store.AddRecord(r);
        if (ok) ++n.records;
        return ok;
      };
      if (auto ok = add(ServiceKind::kPolicyBriefing, 0, 0); !ok) return std::unexpected(ok.error());
      if (auto ok = add(ServiceKind::kCareerGuidance, 0, 0); !ok) return std::unexpected(ok.error());
      if (o.max_job_id > 0) {
        for (int k = 0; k < 3; ++k) {
          int64_t job = 1 + static_cast<int64_t>(rng.Next() % static_cast<uint64_t>(o.max_job_id));
          if (auto ok = add(ServiceKind::kJobRecommendation, k, job); !ok) return std::unexpected(ok.error());
        }
      }
      if (auto ok = add(ServiceKind::kTrainingOffer, 1, 0); !ok) return std::unexpected(ok.error());
    }
    // The spell: 1–18 months, shorter ones more likely.
    const int months = 1 + static_cast<int>(17.0 * rng.Unit() * rng.Unit());
    Date end = reg->registered_on.AddMonths(months).AddDays(rng.Below(20));
    if (end > o.to) {
      ++n.still_open;
      continue;
    }
    const double c = rng.Unit();
    CloseReason reason = c < 0.80 ? CloseReason::kReemployed
                         : c < 0.90 ? CloseReason::kWithdrawn
                         : c < 0.95 ? CloseReason::kMoved
                                    : CloseReason::kOther;
    if (auto ok = store.CloseRegistration(reg->registration_id, end, reason, "历史数据"); !ok) {
      return std::unexpected(ok.error());
    }
    if (reason == CloseReason::kReemployed) ++n.reemployed;
  }
  if (progress) progress(static_cast<int64_t>(persons.size()), static_cast<int64_t>(persons.size()));
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return n;
}

}  // namespace qjy::services
