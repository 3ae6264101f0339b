// Outcomes of training for officers: per course the enrolled, completed,
// certified and employed-after-training counts, and which enrolments count
// as employed after training — a contract of the registry in force on some
// day from the completion date through completion + N months
// (training.employment_window_months on the completion date, the course's
// county). Counts only; rates are the caller's (completed / enrolled, ...).
#ifndef QJY_TRAINING_TRAINING_STATS_H_
#define QJY_TRAINING_TRAINING_STATS_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "policy/params.h"
#include "store/db.h"
#include "training/training_store.h"

namespace qjy::training {

struct CourseStats {
  Course course;
  int64_t enrolled = 0, completed = 0, certified = 0, employed = 0;  // enrolled: not withdrawn
  int64_t withdrawn = 0;                                             // 退出
  int64_t subsidy_fen = 0;  // training + living subsidies paid for the course
};

// Enrolments of `region` (and of `course_id` unless 0) employed after training.
Result<std::set<int64_t>> EmployedAfterTraining(store::Db& db, const policy::ParameterSet& params,
                                                const std::string& region, int64_t course_id = 0);
// Every course of `region` (first `limit` by id) with its counts.
Result<std::vector<CourseStats>> CourseStatsOf(store::Db& db, const policy::ParameterSet& params,
                                               const std::string& region, int limit = 500);
nlohmann::json CourseStatsJson(const CourseStats& s);

}  // namespace qjy::training

#endif  // QJY_TRAINING_TRAINING_STATS_H_
