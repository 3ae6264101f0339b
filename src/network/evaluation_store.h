// The annual evaluation of public employment service institutions
// (正文（十三）"每年组织对就业公共服务机构进行评估"): per institution (a site
// of kind employment_office) and year, the points on each criterion of
// policy/network/evaluation.yaml (quality_schemes.h), the total and the
// result it earns (优秀/合格/不合格 by the scheme's thresholds), the date
// and who evaluated. One evaluation per institution and year: entering it
// again replaces the scores, the old values kept in the registry's
// `changes` history (entity "evaluation"). Table network_evaluations
// (migration 814, keyed by county_code). Validation names the field in
// Chinese; nothing stored on error. Not safe for concurrent use.
#ifndef QJY_NETWORK_EVALUATION_STORE_H_
#define QJY_NETWORK_EVALUATION_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "network/coverage.h"
#include "network/quality_schemes.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::network {

std::span<const store::Migration> EvaluationMigrations();  // 814

struct EvaluationInput {
  int64_t site_id = 0;                    // an employment_office site
  int year = 0;                           // the year evaluated
  std::map<std::string, int64_t> scores;  // criterion id or label → points
  std::optional<Date> evaluated_on;
  std::string evaluator;                  // 评估单位
  std::string note;
};

struct Evaluation {
  int64_t evaluation_id = 0;
  std::string county_code, region;  // the institution's
  EvaluationInput in;               // scores keyed by criterion id
  int64_t total = 0;
  std::string result;               // the scheme's result code
  std::string created_by;
};

class EvaluationStore {
 public:
  EvaluationStore(store::Db& db, const RegionIndex& regions) : db_(db), regions_(regions) {}
  Result<void> Migrate();  // the network's migrations, then 814; outside a transaction

  // Validates (kInvalidArgument, "字段：原因"): the site exists and is a
  // public employment service institution (机构); the year from the
  // scheme's first year to today's, and the institution open in it (评估年度);
  // every criterion of the scheme scored, each from 0 to its points, none
  // unknown (评分「均等化」…); an evaluation date not after today nor before
  // the year began (评估日期); who evaluated (评估单位). Stores the total and
  // result; an existing evaluation of the institution for the year is
  // replaced (history kept; nothing changed: no write). Returns its id.
  Result<int64_t> Record(const EvaluationInput& in, const EvaluationScheme& scheme, Date today,
                         std::string_view actor);
  Result<std::optional<Evaluation>> Find(int64_t id);
  // Evaluations of the institutions under `scope`, of `year` (0: all), by site.
  Result<std::vector<Evaluation>> List(std::string_view scope, int year = 0);

 private:
  store::Db& db_;
  const RegionIndex& regions_;
};

// Attaches the years evaluated to each site (Site::evaluated_years).
void AttachEvaluations(std::span<const Evaluation> evaluations, std::vector<Site>& sites);

}  // namespace qjy::network

#endif  // QJY_NETWORK_EVALUATION_STORE_H_
