// Test helper: 政策找企业 through the API, waiting for its background job
// (server/api_policy_sweep_job.h).
#ifndef QJY_SERVER_SWEEP_TEST_UTIL_H_
#define QJY_SERVER_SWEEP_TEST_UTIL_H_

#include <chrono>
#include <string>
#include <thread>

#include "server/test_env.h"

namespace qjy::server::testing {

// POST /api/policy/sweep as `l` and wait for its job: the POST's reply when
// it was refused, else the job's final view (GET /api/policy/sweep/{id}:
// status 200, "state" done or failed).
inline Reply SweepAndWait(const TestEnv& env, const Login& l, const std::string& body) {
  Reply start = env.Post(l, "/api/policy/sweep", body);
  if (start.status != 202) return start;
  const std::string id = nlohmann::json::parse(start.body)["job_id"].get<std::string>();
  for (int i = 0; i < 12000; ++i) {
    Reply job = env.Get(l, "/api/policy/sweep/" + id);
    if (job.status != 200 || job.body.find("\"state\":\"running\"") == std::string::npos) return job;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return start;
}

}  // namespace qjy::server::testing

#endif  // QJY_SERVER_SWEEP_TEST_UTIL_H_
