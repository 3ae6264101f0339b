// 账号管理 over HTTP (issue #14): the system administrator creates an
// officer (a generated password shown once), the officer logs in, is
// disabled (the live session ends at once, the login is refused in
// Chinese), enabled again, has the password reset; the security
// administrator sets grants; every other role is refused on every route;
// every change is audited with the acting administrator.
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

int64_t Count(TestEnv& env, const std::string& sql) {
  auto rows = env.setup_db->Query(sql);
  return rows && !rows->empty() ? rows->front().Int(0) : -1;
}

TEST(AccountsApiTest, EveryRouteRefusesEveryOtherRole) {
  TestEnv env;
  const int64_t county_id = Count(env, "SELECT account_id FROM accounts WHERE username = 'county'");
  const std::string acct = "/api/accounts/" + std::to_string(county_id);
  const std::string create = json{{"username", "x_new"}, {"role", "auditor"}}.dump();
  struct Route {
    std::string method, target, body;
    std::set<std::string> allowed;
  };
  const std::vector<Route> routes = {
      {"GET", "/api/accounts", "", {"sysadmin", "secadmin"}},
      {"POST", "/api/accounts", create, {"sysadmin"}},
      {"POST", acct + "/status", R"({"disabled":true})", {"sysadmin"}},
      {"POST", acct + "/password", "{}", {"sysadmin"}},
      {"POST", acct + "/region", R"({"region_code":"5203"})", {"sysadmin"}},
      {"POST", acct + "/grants", R"({"grants":["reveal"]})", {"secadmin"}},
  };
  for (const char* user : TestEnv::kUsers) {
    const Login l = env.LogIn(user);
    ASSERT_FALSE(l.cookie.empty()) << user;
    for (const auto& r : routes) {
      if (r.allowed.contains(user)) continue;
      Reply got = r.method == "GET" ? env.Get(l, r.target) : env.Post(l, r.target, r.body);
      EXPECT_EQ(got.status, 403) << r.method << " " << r.target << " as " << user << ": " << got.body;
    }
  }
  // Nothing was changed by the refused calls, and the refusals are audited.
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM accounts WHERE username = 'x_new'"), 0);
  EXPECT_EQ(Count(env, "SELECT disabled FROM accounts WHERE username = 'county'"), 0);
  std::string denied;
  if (auto rows = env.setup_db->Query("SELECT actor, action FROM audit_log WHERE action LIKE 'account.%' AND "
                                      "result = 'denied' ORDER BY actor, action");
      rows) {
    for (const auto& row : *rows) denied += row.Text(0) + " " + row.Text(1) + "\n";
  }
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'account.%' AND result = 'denied'"),
            8 * 6 + 1 + 4)  // 8 non-admins × 6 routes, sysadmin × grants, secadmin × the 4 others
      << denied;
}

TEST(AccountsApiTest, CreateLoginDisableResetAndGrant) {
  TestEnv env;
  const Login admin = env.LogIn("sysadmin");
  const Login sec = env.LogIn("secadmin");

  // The list names regions, not codes.
  Reply r = env.Get(admin, "/api/accounts");
  ASSERT_EQ(r.status, 200) << r.body;
  json list = json::parse(r.body);
  bool named = false;
  for (const auto& a : list["items"]) {
    if (a["username"] == "county") named = a["binding"].get<std::string>().find("南明区") != std::string::npos;
  }
  EXPECT_TRUE(named) << r.body;
  EXPECT_TRUE(list["may_manage"].get<bool>());
  EXPECT_FALSE(list["may_grant"].get<bool>());

  // Created without a password: a generated one, answered once.
  r = env.Post(admin, "/api/accounts",
               json{{"username", "wudang_officer"}, {"display_name", "乌当经办"}, {"role", "officer"},
                    {"region_code", "520112"}}
                   .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  json made = json::parse(r.body);
  const std::string password = made["password"];
  const int64_t id = made["account"]["account_id"];
  EXPECT_NE(made["account"]["binding"].get<std::string>().find("乌当区"), std::string::npos) << r.body;
  const std::string acct = "/api/accounts/" + std::to_string(id);

  // Bad input: a taken name, a region outside Guizhou, a weak password, an
  // unknown employer, a bad ID number.
  EXPECT_EQ(env.Post(admin, "/api/accounts", json{{"username", "wudang_officer"}, {"role", "auditor"}}.dump()).status,
            409);
  r = env.Post(admin, "/api/accounts", json{{"username", "x1"}, {"role", "officer"}, {"region_code", "4401"}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("贵州省"), std::string::npos) << r.body;
  r = env.Post(admin, "/api/accounts", json{{"username", "x2"}, {"role", "auditor"}, {"password", "password123"}}.dump());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(env.Post(admin, "/api/accounts",
                     json{{"username", "x3"}, {"role", "employer"}, {"credit_code", "91520102MA6DGQJY00"}}.dump())
                .status,
            400);
  EXPECT_EQ(env.Post(admin, "/api/accounts", json{{"username", "x4"}, {"role", "seeker"}, {"id_number", "520102"}}.dump())
                .status,
            400);
  EXPECT_EQ(env.Post(admin, "/api/accounts", json{{"username", "x5"}, {"role", 3}}.dump()).status, 400);

  // The officer logs in and works.
  Login officer = env.LogIn("wudang_officer", password);
  ASSERT_FALSE(officer.cookie.empty());
  EXPECT_EQ(env.Get(officer, "/api/me").status, 200);

  // Never oneself.
  const int64_t admin_id = Count(env, "SELECT account_id FROM accounts WHERE username = 'sysadmin'");
  r = env.Post(admin, "/api/accounts/" + std::to_string(admin_id) + "/status", R"({"disabled":true})");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("不能停用自己"), std::string::npos) << r.body;

  // Disabled: the live session ends now; the login is refused in Chinese.
  r = env.Post(admin, acct + "/status", R"({"disabled":true})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["account"]["status_label"], "已停用");
  EXPECT_EQ(env.Get(officer, "/api/me").status, 401);
  r = env.Send("POST", "/api/login", json{{"username", "wudang_officer"}, {"password", password}}.dump(),
               {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("已被停用"), std::string::npos) << r.body;
  // A wrong password learns nothing about it.
  r = env.Send("POST", "/api/login", json{{"username", "wudang_officer"}, {"password", "Wrong-Pass-2024"}}.dump(),
               {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 401);

  // Enabled again; a typed reset must meet the policy; a generated one works
  // and ends the session (the old password's refusal: auth/account_admin_test.cc).
  r = env.Post(admin, acct + "/status", R"({"disabled":false})");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["account"]["status_label"], "正常");
  r = env.Post(admin, acct + "/password", R"({"password":"password123"})");
  EXPECT_EQ(r.status, 400);
  r = env.Post(admin, acct + "/password", "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string fresh = json::parse(r.body)["password"];
  EXPECT_NE(fresh, password);
  officer = env.LogIn("wudang_officer", fresh);
  ASSERT_FALSE(officer.cookie.empty());
  // Reset again: the live session ends at once.
  r = env.Post(admin, acct + "/password", json{{"password", "Xk7#mPq2-vTz"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(json::parse(r.body).contains("password"));  // typed: not echoed
  EXPECT_EQ(env.Get(officer, "/api/me").status, 401);
  officer = env.LogIn("wudang_officer", "Xk7#mPq2-vTz");
  ASSERT_FALSE(officer.cookie.empty());

  // The security administrator grants; the new grant applies at the next login.
  r = env.Post(sec, acct + "/grants", R"({"grants":["reveal"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["account"]["grants"][0]["label"], "查看明文身份信息");
  EXPECT_EQ(env.Post(sec, acct + "/grants", R"({"grants":["root"]})").status, 400);
  EXPECT_EQ(env.Post(sec, "/api/accounts/" + std::to_string(admin_id) + "/grants", R"({"grants":["reveal"]})").status,
            400);
  EXPECT_EQ(env.Get(officer, "/api/me").status, 401);
  officer = env.LogIn("wudang_officer", "Xk7#mPq2-vTz");
  EXPECT_EQ(json::parse(env.Get(officer, "/api/me").body)["user"]["grants"][0], "reveal");

  // The region moves; an unknown one is refused.
  EXPECT_EQ(env.Post(admin, acct + "/region", R"({"region_code":"529999"})").status, 400);
  r = env.Post(admin, acct + "/region", R"({"region_code":"520302"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(json::parse(r.body)["account"]["binding"].get<std::string>().find("红花岗区"), std::string::npos) << r.body;
  EXPECT_EQ(env.Post(admin, "/api/accounts/999999/status", R"({"disabled":true})").status, 404);

  // Every change audited with the acting administrator; no password in the trail.
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM audit_log WHERE actor = 'sysadmin' AND result = 'ok' AND target = "
                       "'account:wudang_officer' AND action IN ('account.create', 'account.status', "
                       "'account.password', 'account.region')"),
            6);
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM audit_log WHERE actor = 'secadmin' AND action = 'account.grants' AND "
                       "result = 'ok'"),
            1);
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND result = 'disabled'"), 1);
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%" + fresh + "%' OR detail LIKE '%" +
                           password + "%'"),
            0);
}

}  // namespace
}  // namespace qjy::server::testing
