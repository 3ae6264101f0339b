// Dated policy parameters of the services subsystem, from
// src/services/data/service_params.yaml: the statutory working age, the
// public-welfare-post exit rule and the monthly ledger update. Loaded once;
// immutable; safe for concurrent use.
#ifndef QJY_SERVICES_PARAMS_H_
#define QJY_SERVICES_PARAMS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/model.h"

namespace qjy::services {

struct AgeRule {
  int base_age_years = 60;
  std::optional<Date> delay_from_birth;
  int birth_months_per_step = 0;
  int max_delay_months = 0;
};

struct RetirementRule {
  Date valid_from;
  AgeRule male;
  AgeRule female;
};

struct MonitoringLine {
  Date valid_from;
  std::string region;  // code prefix
  int64_t annual_fen = 0;
};

struct ServiceParams {
  std::vector<RetirementRule> retirement;  // ascending valid_from
  int minimum_age_years = 16;
  int welfare_consecutive_months = 6;
  int welfare_task_working_days = 10;
  std::vector<MonitoringLine> monitoring_lines;  // ascending valid_from

  // kInvalidArgument naming the file and field for a malformed file.
  static Result<ServiceParams> Parse(std::string_view yaml_text, std::string_view source);
  static Result<ServiceParams> Load(const std::string& path);
  static Result<ServiceParams> LoadDefault();  // ServicesDataDir()/service_params.yaml

  // The first day past the statutory working age of a person born on
  // `birth` of sex `sex`, under the rule in force on `on`.
  Date RetirementDate(registry::Sex sex, Date birth, Date on) const;
  // The annual monitoring line in force on `on` for `region` (longest
  // matching prefix); nullopt when none.
  std::optional<int64_t> MonitoringLineFen(std::string_view region, Date on) const;
};

}  // namespace qjy::services

#endif  // QJY_SERVICES_PARAMS_H_
