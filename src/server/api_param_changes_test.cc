// Parameter changes over HTTP (issue #14): a province officer proposes a
// new value with a date and a citation, cannot approve it, a second officer
// with the grant does; the parameter browser and the engine read the new
// value from its date; every step is audited; bad proposals are refused in
// Chinese.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

json ValuesOf(const Reply& r, const std::string& name) {
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
  if (r.status != 200) return json::array();
  const json all = json::parse(r.body);  // bound first: no range-for over a temporary's member
  for (const auto& p : all["parameters"]) {
    if (p["name"] == name) return p["values"];
  }
  ADD_FAILURE() << name << " not listed";
  return json::array();
}

TEST(ParamChangesApiTest, ProposedByOneApprovedByAnotherReadFromItsDate) {
  TestEnv env;
  env.AddAccount("prov_a", auth::Role::kOfficer, "52", {"approve_params"});
  env.AddAccount("prov_b", auth::Role::kOfficer, "52", {"approve_params"});
  const Login a = env.LogIn("prov_a"), b = env.LogIn("prov_b"), county = env.LogIn("county");
  const Date today = Date::InChina(env.clock.Now());
  const std::string from = today.AddDays(30).ToString();
  const json proposal = {{"name", "r7.amount"}, {"value", 15000}, {"from", from},
                         {"document", "黔人社发〔2026〕9号"}, {"clause", "第三条"}, {"reason", "交通成本上涨"}};

  // Not a province officer: refused, nothing written.
  EXPECT_EQ(env.Post(county, "/api/policy/param-changes", proposal.dump()).status, 403);
  // Bad proposals: today's date, above the clause's ceiling, a loans
  // parameter, no citation, a value of the wrong type.
  struct Bad {
    json patch;
    const char* says;
  } bad[] = {
      {{{"from", today.ToString()}}, "晚于今天"},
      {{{"name", "r6.amount"}, {"value", 60000}}, "上限"},
      {{{"name", "loans.person_max"}}, "不在此修改"},
      {{{"document", ""}}, "依据文件"},
      {{{"value", "150"}}, "新的取值"},
  };
  for (const auto& x : bad) {
    json body = proposal;
    body.update(x.patch);
    Reply r = env.Post(a, "/api/policy/param-changes", body.dump());
    EXPECT_EQ(r.status, 400) << x.says << ": " << r.body;
    EXPECT_NE(r.body.find(x.says), std::string::npos) << r.body;
  }
  Reply r = env.Post(a, "/api/policy/param-changes", proposal.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const json made = json::parse(r.body);
  EXPECT_EQ(made["status_label"], "待审批");
  EXPECT_EQ(made["old_text"], "100.00 元");
  EXPECT_EQ(made["value_text"], "150.00 元");
  const std::string approve = "/api/policy/param-changes/" + std::to_string(made["change_id"].get<int64_t>()) + "/approve";

  // Until approved, nothing changes; the proposer cannot approve; the
  // county officer has no grant.
  EXPECT_EQ(ValuesOf(env.Get(a, "/api/policy/params"), "r7.amount").size(), 1u);
  r = env.Post(a, approve, "{}");
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("不能审批自己"), std::string::npos) << r.body;
  EXPECT_EQ(env.Post(county, approve, "{}").status, 403);
  r = env.Post(b, approve, "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status_label"], "已批准，待生效");
  EXPECT_EQ(env.Post(b, approve, "{}").status, 409);  // decided once

  // The engine reads the new value from its date on, the old one before.
  const json values = ValuesOf(env.Get(county, "/api/policy/params"), "r7.amount");
  ASSERT_EQ(values.size(), 2u) << values.dump();
  EXPECT_EQ(values[0]["value"], 10000);
  EXPECT_EQ(values[1]["from"], from);
  EXPECT_EQ(values[1]["value"], 15000);

  // The history, with who did what.
  r = env.Get(county, "/api/policy/param-changes");
  ASSERT_EQ(r.status, 200) << r.body;
  const json history = json::parse(r.body);
  ASSERT_EQ(history["items"].size(), 1u);
  EXPECT_EQ(history["items"][0]["proposed_by"], "prov_a");
  EXPECT_EQ(history["items"][0]["decided_by"], "prov_b");
  EXPECT_EQ(history["items"][0]["document"], "黔人社发〔2026〕9号");
  EXPECT_FALSE(history["may_propose"].get<bool>());
  EXPECT_EQ(env.Get(env.LogIn("employer"), "/api/policy/param-changes").status, 403);

  auto count = [&](const std::string& sql) {
    auto rows = env.setup_db->Query(sql);
    return rows && !rows->empty() ? rows->front().Int(0) : -1;
  };
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.param_propose' AND result = 'ok' AND "
                  "actor = 'prov_a'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.param_approve' AND result = 'ok' AND "
                  "actor = 'prov_b'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.param_approve' AND result = 'denied'"), 2);
}

}  // namespace
}  // namespace qjy::server::testing
