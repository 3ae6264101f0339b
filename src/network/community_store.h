// Full-employment communities' applications and assessments (充分就业社区,
// 附件4（十五）): a community (a site of kind full_employment_community)
// applies (申报) for recognition at a level (省级 or 市州级) with the facts
// the criteria ask (community_criteria.h); an assessment (评估) judges
// those facts against the criteria, recording each criterion's result.
// Meeting all of them recognises the community at the level applied for,
// from the assessment date: in the same transaction the site's recognition
// (service_sites.recognition_level / recognised_on, migration 802) is set
// — never lowered — which is what R17 and the coverage read. Failing
// leaves a recorded recognition as it was, and records 未认定 when none
// was. Tables network_community_applications (migration 819, keyed by
// county_code). Every write one transaction with its `changes` rows
// (entity "community_application", and "site" for the recognition).
// Validation names the field in Chinese; nothing stored on error. Not safe
// for concurrent use (it borrows one Db).
#ifndef QJY_NETWORK_COMMUNITY_STORE_H_
#define QJY_NETWORK_COMMUNITY_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "network/community_criteria.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::network {

std::span<const store::Migration> CommunityMigrations();  // 819

struct ApplicationInput {
  int64_t site_id = 0;  // a full_employment_community site
  std::string level;    // province | prefecture (code or label)
  std::optional<Date> applied_on;
  CommunityFacts facts;
};

struct AssessmentInput {
  std::optional<Date> assessed_on;
  std::string assessor;  // 评估单位
  std::string basis;     // 认定文件号或评估报告
};

struct CommunityApplication {
  int64_t application_id = 0;
  std::string county_code, region;
  ApplicationInput in;  // level as its code
  std::string applied_by;
  // Set once assessed: the per-criterion results, whether all were met
  // (recognised at in.level from assessed_on).
  std::optional<AssessmentInput> assessment;
  std::vector<CriterionResult> results;
  bool passed = false;
};

class CommunityStore {
 public:
  CommunityStore(store::Db& db, const RegionIndex& regions) : db_(db), regions_(regions) {}
  Result<void> Migrate();  // the network's migrations, then 819; outside a transaction

  // Validates (kInvalidArgument, "字段：原因"): the site exists and is a
  // full-employment community (社区); a level of the criteria file
  // (申报级别); an application date (申报日期) not after `today` nor before
  // the community opened; every count ≥ 0 and the employed not above the
  // persons they are part of (named: 有就业能力和就业愿望的居民数,
  // 已就业人数, 就业困难人员数, 就业困难人员已就业人数, 零就业家庭户数,
  // 就业服务人员数); no application of the community still awaiting its
  // assessment (申报). Returns the application id.
  Result<int64_t> Apply(const ApplicationInput& in, const CommunityCriteria& criteria, Date today,
                        std::string_view actor);
  // Assesses an application (kNotFound for an unknown id): an assessment
  // date (评估日期) not after `today` nor before the application; the
  // assessing body (评估单位); not already assessed (评估). Returns the
  // application as assessed.
  Result<CommunityApplication> Assess(int64_t application_id, const AssessmentInput& in,
                                      const CommunityCriteria& criteria, Date today, std::string_view actor);
  // Applications of the communities under `scope` (by region or running
  // county), by community and date; results as recorded at assessment
  // (a later change of the criteria file does not rewrite them).
  Result<std::vector<CommunityApplication>> List(std::string_view scope);
  Result<std::optional<CommunityApplication>> Find(int64_t application_id);

 private:
  store::Db& db_;
  const RegionIndex& regions_;
};

}  // namespace qjy::network

#endif  // QJY_NETWORK_COMMUNITY_STORE_H_
