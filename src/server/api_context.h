// The configuration the handlers read, built once before the server
// listens: the policy parameters (policy/params/*.yaml), the service
// packages and parameters with the shipped holiday calendar (src/services/
// data), the ad screener and the occupation codes it checks (src/ads/data),
// the match score weights and occupation tree (src/match/data, plus
// $QJY_OCCUPATIONS_FILE). `qjy serve` loads it and stops the start on a bad
// file with the loader's Chinese message, which names the file and the line
// or key; requests only read it. Immutable after loading; shared read-only
// by every thread.
//
// Tests that build an Api directly take the shipped files the same way
// (LoadApiContext() with default paths).
#ifndef QJY_SERVER_API_CONTEXT_H_
#define QJY_SERVER_API_CONTEXT_H_

#include <filesystem>
#include <memory>
#include <string>

#include "ads/screener.h"
#include "ads/validate.h"
#include "core/error.h"
#include "match/occupation.h"
#include "match/weights.h"
#include "policy/params.h"
#include "services/context.h"

namespace qjy::server {

struct ApiContext {
  std::unique_ptr<const policy::ParameterSet> policy_params;
  // The shipped calendar, service packages and parameters; each database's
  // context adds the holiday notices stored in it (services_contexts.h).
  std::unique_ptr<const services::ServicesContext> services;
  std::unique_ptr<const ads::Screener> screener;
  std::unique_ptr<const ads::OccupationList> ad_occupations;  // null: the code form only is checked
  std::unique_ptr<const match::OccupationTree> occupations;
  match::Weights match_weights;
};

// Where the files are; an empty path means the shipped default
// (policy::DefaultParamsDir(), which honours $QJY_POLICY_PARAMS, ...).
struct ApiContextPaths {
  std::filesystem::path policy_params_dir;
};

// Loads every file; the first failure is returned with its message prefixed
// by what could not be loaded ("政策参数无法加载：…").
Result<std::shared_ptr<const ApiContext>> LoadApiContext(const ApiContextPaths& paths = {});

}  // namespace qjy::server

#endif  // QJY_SERVER_API_CONTEXT_H_
