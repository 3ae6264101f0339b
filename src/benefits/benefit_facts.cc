#include "benefits/benefit_facts.h"

#include <algorithm>

#include "registry/contribution.h"
#include "store/migrations.h"

namespace qjy::benefits {
namespace {

using store::Value;

BenefitSpan SpanOf(const store::Row& r) {
  // first_month, duration_months, status, stopped_month, last_paid_month
  const int32_t first = registry::ParseMonth(r.Text(1)).value_or(0);
  BenefitSpan s{first, first + static_cast<int32_t>(r.Int(2)) - 1};
  const std::string status = r.Text(3);
  if (status == "stopped") s.through = r.IsNull(4) ? first - 1 : registry::ParseMonth(r.Text(4)).value_or(first) - 1;
  if (status == "ended") s.through = r.IsNull(5) ? first - 1 : registry::ParseMonth(r.Text(5)).value_or(first - 1);
  return s;
}

}  // namespace

Result<BenefitFacts> BenefitFacts::Load(store::Db& db, std::span<const int64_t> person_ids) {
  BenefitFacts f;
  auto applied = store::AppliedVersions(db);
  if (!applied) return std::unexpected(applied.error());
  const int version = BenefitMigrations().front().version;
  f.migrated_ = std::find(applied->begin(), applied->end(), version) != applied->end();
  if (!f.migrated_) return f;
  auto counties = db.Query("SELECT DISTINCT county_code FROM benefit_claims");
  if (!counties) return std::unexpected(counties.error());
  for (const auto& r : *counties) f.counties_.insert(r.Text(0));
  auto runs = db.Query("SELECT DISTINCT region FROM benefit_runs");
  if (!runs) return std::unexpected(runs.error());
  for (const auto& r : *runs) f.run_regions_.push_back(r.Text(0));
  constexpr char kSelect[] =
      "SELECT person_id, first_month, duration_months, status, stopped_month, last_paid_month, granted "
      "FROM benefit_claims";
  auto add = [&](const std::vector<store::Row>& rows) {
    for (const auto& r : rows) {
      const int64_t person = r.Int(0);
      auto& spans = f.spans_[person];  // a refused claim too: the person is known
      if (r.Int(6) == 0) continue;
      const BenefitSpan s = SpanOf(r);
      if (s.through >= s.from) spans.push_back(s);
    }
  };
  if (person_ids.empty()) {
    auto rows = db.Query(std::string(kSelect) + " ORDER BY person_id, first_month");
    if (!rows) return std::unexpected(rows.error());
    add(*rows);
  } else {
    // IN lists of up to 500 ids; a person's claims stay in first_month order.
    constexpr size_t kChunk = 500;
    for (size_t i = 0; i < person_ids.size(); i += kChunk) {
      const auto chunk = person_ids.subspan(i, std::min(kChunk, person_ids.size() - i));
      std::string in;
      for (size_t k = 0; k < chunk.size(); ++k) in += k ? ",?" : "?";
      auto rows = db.Query(std::string(kSelect) + " WHERE person_id IN (" + in + ") ORDER BY person_id, first_month",
                           std::vector<Value>(chunk.begin(), chunk.end()));
      if (!rows) return std::unexpected(rows.error());
      add(*rows);
    }
  }
  return f;
}

std::optional<std::vector<BenefitSpan>> BenefitFacts::SpansOf(int64_t person_id, std::string_view county) const {
  if (!migrated_) return std::nullopt;
  if (auto it = spans_.find(person_id); it != spans_.end()) return it->second;
  bool kept = counties_.contains(county);
  for (const auto& region : run_regions_) kept |= county.starts_with(region);
  if (!kept) return std::nullopt;
  return std::vector<BenefitSpan>();
}

}  // namespace qjy::benefits
