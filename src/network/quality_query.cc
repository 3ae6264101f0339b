#include "network/quality_query.h"

#include <algorithm>

#include <fmt/format.h>

#include "network/agency_licence_store.h"
#include "network/agency_rating_store.h"
#include "network/evaluation_store.h"
#include "network/quality_schemes.h"
#include "store/migrations.h"

namespace qjy::network {
namespace {

constexpr int kPolicyFactsMigration = 201;  // policy_internships (policy/ledger_schema.h)

Result<std::optional<int64_t>> InternshipsStarted(store::Db& db, std::string_view scope, int year, Date as_of) {
  auto applied = store::AppliedVersions(db);
  if (!applied) return std::unexpected(applied.error());
  if (std::find(applied->begin(), applied->end(), kPolicyFactsMigration) == applied->end()) {
    return std::optional<int64_t>();
  }
  Date to = *Date::FromYmd(year, 12, 31);
  if (as_of < to) to = as_of;
  const store::Value p[] = {std::string(scope) + "%", Date::FromYmd(year, 1, 1)->ToString(), to.ToString()};
  auto rows = db.Query("SELECT COUNT(*) FROM policy_internships WHERE county_code LIKE ? AND start_on >= ? AND start_on <= ?",
                       p);
  if (!rows) return std::unexpected(rows.error());
  return std::optional<int64_t>(rows->at(0).Int(0));
}

}  // namespace

Result<void> AddQualityFacts(store::Db& db, const RegionIndex& regions, const Duties& duties, std::string_view scope,
                             Date as_of, std::vector<Site>& sites, std::vector<QuotaCount>& quotas) {
  AgencyRatingStore ratings(db, regions);
  if (auto m = ratings.Migrate(); !m) return m;
  EvaluationStore evaluations(db, regions);
  if (auto m = evaluations.Migrate(); !m) return m;
  auto grades = LoadAgencyGrades(DefaultAgencyGradesFile());
  if (!grades) return std::unexpected(grades.error());
  auto r = ratings.List(scope);
  if (!r) return std::unexpected(r.error());
  AttachRatings(*r, *grades, sites);
  AgencyLicenceStore licences(db, regions);
  if (auto m = licences.Migrate(); !m) return m;
  auto l = licences.List(scope);
  if (!l) return std::unexpected(l.error());
  AttachLicences(*l, sites);
  auto e = evaluations.List(scope);
  if (!e) return std::unexpected(e.error());
  AttachEvaluations(*e, sites);
  for (const auto& d : duties.duties) {
    if (d.kind != DutyKind::kQuota || d.quota_measure != "internships_started") continue;
    auto n = InternshipsStarted(db, scope, d.year, as_of);
    if (!n) return std::unexpected(n.error());
    if (*n) quotas.push_back({d.id, **n, d.source});
  }
  return {};
}

}  // namespace qjy::network
