#include "training/demo.h"

#include <algorithm>
#include <random>
#include <vector>

#include "training/subsidy.h"
#include "training/training_store.h"

namespace qjy::training {
namespace {

using store::Value;

struct Offer {
  const char* title;
  const char* occupation;  // 2022 职业分类大典
  int level;
  const char* kind;
  int hours;
};

constexpr Offer kOffers[] = {
    {"焊工技能培训班", "6-18-02-04", 4, "employment", 80},
    {"中式烹调师培训班", "4-03-02-01", 5, "employment", 64},
    {"电工订单式培训班", "6-31-01-03", 4, "order", 80},
    {"育婴员培训班", "4-10-01-02", 5, "employment", 56},
    {"创业培训（SYB）", "4-07-03-02", 0, "startup", 40},
    {"汽车维修工技能提升班", "4-12-01-01", 3, "upskilling", 48},
};

constexpr const char* kProviders[] = {"黔匠职业技能培训学校", "山地技工培训中心", "乡村振兴技能培训中心",
                                      "黔青创业培训学校", "锦绣职业培训学校"};

}  // namespace

Result<DemoReport> GenerateDemo(store::Db& db, const policy::ParameterSet& params, uint64_t seed, Date as_of,
                                int counties) {
  TrainingStore store(db);
  if (auto m = store.Migrate(); !m) return std::unexpected(m.error());
  auto existing = db.Query("SELECT COUNT(*) FROM training_providers");
  if (!existing) return std::unexpected(existing.error());
  if (existing->front().Int(0) > 0) return Fail(ErrorCode::kConflict, "已有培训机构，不再生成演示培训数据");
  auto top = db.Query(
      "SELECT county_code FROM persons WHERE county_code LIKE '52%' GROUP BY county_code ORDER BY COUNT(*) DESC, "
      "county_code LIMIT ?",
      std::vector<Value>{int64_t{counties}});
  if (!top) return std::unexpected(top.error());
  auto applied = store::AppliedVersions(db);
  if (!applied) return std::unexpected(applied.error());
  const bool registrations = std::find(applied->begin(), applied->end(), 100) != applied->end();
  std::mt19937_64 rng(seed);
  DemoReport rep;
  const std::string actor = "demo";
  int k = 0;
  for (const auto& row : *top) {
    const std::string county = row.Text(0);
    auto prov = store.AddProvider({0, county, kProviders[k % std::size(kProviders)], "", "", ""}, actor);
    if (!prov) return std::unexpected(prov.error());
    ++rep.providers;
    // Persons of the county, the registered unemployed first.
    const std::string sql =
        registrations
            ? "SELECT p.person_id FROM persons p LEFT JOIN unemployment_registrations r ON r.person_id = p.person_id "
              "AND r.status = 'open' WHERE p.county_code = ? ORDER BY CASE WHEN r.person_id IS NULL THEN 1 ELSE 0 "
              "END, p.person_id LIMIT 120"
            : "SELECT person_id FROM persons WHERE county_code = ? ORDER BY person_id LIMIT 120";
    auto people = db.Query(sql, std::vector<Value>{county});
    if (!people) return std::unexpected(people.error());
    std::vector<int64_t> pool;
    for (const auto& p : *people) pool.push_back(p.Int(0));
    if (pool.empty()) continue;
    for (int c = 0; c < 2; ++c) {
      const Offer& o = kOffers[(k * 2 + c) % std::size(kOffers)];
      const int days = (o.hours + 7) / 8;
      Course in;
      in.provider_id = prov->provider_id;
      in.title = o.title;
      in.occupation_code = o.occupation;
      in.level = o.level;
      in.kind = o.kind;
      in.hours = o.hours;
      in.start_on = as_of.AddDays(-150 + 40 * c + 7 * k);
      in.end_on = in.start_on.AddDays(days - 1);
      in.place_region = county;
      in.capacity = 30;
      auto course = store.AddCourse(in, actor);
      if (!course) return std::unexpected(course.error());
      ++rep.courses;
      std::shuffle(pool.begin(), pool.end(), rng);
      const int n = std::min<int>(static_cast<int>(pool.size()), 12 + static_cast<int>(rng() % 8));
      for (int i = 0; i < n; ++i) {
        auto e = store.Enrol(course->course_id, pool[i], in.start_on.AddDays(-7), actor);
        if (!e) {
          if (e.error().code == ErrorCode::kConflict) continue;
          return std::unexpected(e.error());
        }
        ++rep.enrolments;
        const bool truant = rng() % 8 == 0;  // misses a third of the days
        int left = o.hours;
        for (int d = 0; d < days && left > 0; ++d) {
          const int h = std::min(8, left);
          left -= h;
          if (truant && d % 3 == 1) continue;
          auto a = store.Attend(e->enrolment_id, in.start_on.AddDays(d), h, actor);
          if (!a) return std::unexpected(a.error());
        }
        auto done = store.Complete(e->enrolment_id, in.end_on, params, actor);
        if (!done) {
          if (done.error().code == ErrorCode::kConflict) continue;  // below the attendance share
          return std::unexpected(done.error());
        }
        ++rep.completed;
        if (std::string_view(o.kind) != "startup" && rng() % 5 != 0) {
          const bool graded = o.level > 0;
          auto cert = store.Certify(e->enrolment_id, graded ? "skill_level" : "qualification", o.level,
                                    in.end_on.AddDays(14), "", actor);
          if (!cert) return std::unexpected(cert.error());
          ++rep.certified;
        }
        const Date pay_on = in.end_on.AddDays(21);
        if (pay_on > as_of) continue;
        for (SubsidyKind kind : {SubsidyKind::kTraining, SubsidyKind::kLiving}) {
          auto paid = PaySubsidy(db, params, e->enrolment_id, kind, pay_on, actor, pay_on.ToString() + "T02:00:00Z");
          if (!paid) return std::unexpected(paid.error());
          if (paid->outcome == PayOutcome::kPaid) {
            ++rep.payments;
            rep.paid_fen += paid->decision.amount_fen;
          }
        }
      }
    }
    // A course still to come (after `as_of`, the matching date): open to
    // recommendations from the skill gaps, with no enrolment yet.
    {
      const Offer& o = kOffers[(k * 2 + 2) % std::size(kOffers)];
      Course in;
      in.provider_id = prov->provider_id;
      in.title = std::string(o.title) + "（新开班）";
      in.occupation_code = o.occupation;
      in.level = o.level;
      in.kind = o.kind;
      in.hours = o.hours;
      in.start_on = as_of.AddDays(14 + 7 * k);
      in.end_on = in.start_on.AddDays((o.hours + 7) / 8 - 1);
      in.place_region = county;
      in.capacity = 30;
      auto course = store.AddCourse(in, actor);
      if (!course) return std::unexpected(course.error());
      ++rep.courses;
    }
    ++k;
  }
  return rep;
}

}  // namespace qjy::training
