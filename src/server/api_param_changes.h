// Parameter changes over HTTP (issue #14 "parameters officials can edit"),
// reached through Api::Policy (api_policy_routes.cc):
//   GET  /api/policy/param-changes                officers and auditors: every change,
//                                                 newest first, with names and dates as shown
//   POST /api/policy/param-changes                a province-level officer proposes
//                                                 {"name","value","from","document","clause","reason"}
//   POST /api/policy/param-changes/{id}/approve   a province-level officer holding
//   POST /api/policy/param-changes/{id}/reject    "approve_params", not the proposer
// The rules are the store's (policy_services/param_change_store.h); here:
// who may call, the JSON, and what to audit (the caller writes it).
// Parameters other subsystems read from their own files (loans.yaml,
// training.yaml) are not editable here: the policy engine is the one reader
// of the layered values.
#ifndef QJY_SERVER_API_PARAM_CHANGES_H_
#define QJY_SERVER_API_PARAM_CHANGES_H_

#include <optional>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "auth/account.h"
#include "core/date.h"
#include "policy/params.h"
#include "server/http_message.h"
#include "store/db.h"

namespace qjy::server {

struct ParamChangeAudit {
  std::string action, target, result, detail;
};

struct ParamChangeAnswer {
  HttpResponse response;
  std::optional<ParamChangeAudit> audit;
};

// Whether officials may change the parameter here (see above).
bool ParamEditable(const policy::Parameter& p);

// `params`: the path parameters ({change_id} for approve/reject).
ParamChangeAnswer HandleParamChanges(const HttpRequest& req, const std::vector<std::string>& params, store::Db& db,
                                     const auth::Account& account, const policy::ParameterSet& base, Date today,
                                     int64_t now, spdlog::logger& log);

}  // namespace qjy::server

#endif  // QJY_SERVER_API_PARAM_CHANGES_H_
