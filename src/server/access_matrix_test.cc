// Every endpoint × every role × a record inside and outside the caller's
// scope: the right status, and nothing from outside the scope in the body.
#include <gtest/gtest.h>

#include <set>

#include "server/shared_env_test_util.h"

namespace qjy::server::testing {
namespace {

struct Expect {
  const char* user;
  int status;
};

struct Case {
  std::string name;
  std::string method;
  std::string target;  // with {in} / {out} person ids
  std::string body;
  std::vector<Expect> expect;  // one entry per user in TestEnv::kUsers
};

std::string Fill(std::string s) {
  auto rep = [&](const std::string& key, int64_t v) {
    for (size_t p; (p = s.find(key)) != std::string::npos;) s.replace(p, key.size(), std::to_string(v));
  };
  rep("{in}", Env().in_person);
  rep("{out}", Env().out_person);
  if (s.find("{in_job}") != std::string::npos) {
    auto rows = Env().setup_db->Query("SELECT MIN(job_id) FROM jobs WHERE county_code = '520102'");
    rep("{in_job}", rows && !rows->empty() ? rows->front().Int(0) : 0);
  }
  return s;
}

std::vector<Case> Cases() {
  const char* reveal = R"({"field":"id_number","reason":"核对身份信息"})";
  return {
      {"me", "GET", "/api/me", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 200}, {"seeker", 200}, {"auditor", 200}, {"sysadmin", 200}, {"secadmin", 200}}},
      {"region", "GET", "/api/regions/5201", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 200}, {"seeker", 200}, {"auditor", 200}, {"sysadmin", 200}, {"secadmin", 200}}},
      // The pickers' searches: every role; regions never beyond the caller's scope.
      {"regions_search", "GET", "/api/regions/search?q=byq", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 200}, {"seeker", 200}, {"auditor", 200}, {"sysadmin", 200}, {"secadmin", 200}}},
      {"regions_search_within_5203", "GET", "/api/regions/search?q=byq&within=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 200}, {"seeker", 200}, {"auditor", 200}, {"sysadmin", 200}, {"secadmin", 200}}},
      {"occupations", "GET", "/api/occupations?q=dszb", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 200}, {"seeker", 200}, {"auditor", 200}, {"sysadmin", 200}, {"secadmin", 200}}},
      {"person_in", "GET", "/api/persons/{in}", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 404},
        {"employer", 403}, {"seeker", 200}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"person_out", "GET", "/api/persons/{out}", "",
       {{"prov", 200}, {"pref", 404}, {"county", 404}, {"town", 404}, {"other", 200},
        {"employer", 403}, {"seeker", 404}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"person_missing", "GET", "/api/persons/999999", "",
       {{"prov", 404}, {"pref", 404}, {"county", 404}, {"town", 404}, {"other", 404},
        {"employer", 403}, {"seeker", 404}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"persons_list", "GET", "/api/persons", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"persons_other_region", "GET", "/api/persons?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"reveal_in", "POST", "/api/persons/{in}/reveal", reveal,
       {{"prov", 403}, {"pref", 403}, {"county", 200}, {"town", 403}, {"other", 404},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"reveal_out", "POST", "/api/persons/{out}/reveal", reveal,
       {{"prov", 403}, {"pref", 403}, {"county", 404}, {"town", 403}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      // The surveyed unemployment rate: the province and prefecture officers
      // of the region enter it; counties, townships and the rest do not.
      {"surveyed_rate_5201", "POST", "/api/monitor/surveyed-rate",
       R"({"region":"5201","month":"2025-06","rate_bp":530,"source":"贵阳调查队"})",
       {{"prov", 201}, {"pref", 201}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      // 失业保险金 claims: officers of the region and auditors read them.
      {"benefit_claims", "GET", "/api/benefits/claims", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"benefit_claims_5203", "GET", "/api/benefits/claims?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      // Living subsidies (附件3（二）) as the claims; one person's benefits
      // for officers covering the person's county (the town officer's
      // region is below it) and auditors; my benefits for the seeker.
      {"benefit_subsidies", "GET", "/api/benefits/subsidies", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"benefit_subsidies_5203", "GET", "/api/benefits/subsidies?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"benefit_person_in", "GET", "/api/benefits/persons/{in}", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"benefit_person_out", "GET", "/api/benefits/persons/{out}", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"my_benefits", "GET", "/api/me/benefits", "",
       {{"prov", 403}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 200}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"network_coverage", "GET", "/api/network/coverage", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"network_coverage_5203", "GET", "/api/network/coverage?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"loans", "GET", "/api/loans", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"loans_5203", "GET", "/api/loans?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      // Loan writes (the scope cases: write_access_test, api_loans_test):
      // officers reach the store (an unknown loan or entitlement is 404, a
      // bank upload without a file 400), every other role is refused.
      {"loan_apply_unknown", "POST", "/api/loans",
       R"({"entitlement_key":"R14|none","amount_fen":100,"term_months":12,"bank":"b","guarantee_fund":"f","on":"2023-08-25"})",
       {{"prov", 404}, {"pref", 404}, {"county", 404}, {"town", 404}, {"other", 404},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"loan_approve_unknown", "POST", "/api/loans/999999/approve", R"({"on":"2023-08-26"})",
       {{"prov", 404}, {"pref", 404}, {"county", 404}, {"town", 404}, {"other", 404},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"loan_write_off_unknown", "POST", "/api/loans/999999/write-off", R"({"on":"2025-01-01"})",
       {{"prov", 404}, {"pref", 404}, {"county", 404}, {"town", 404}, {"other", 404},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"loan_bank_file_no_file", "POST", "/api/loans/bank-files", "",
       {{"prov", 400}, {"pref", 400}, {"county", 400}, {"town", 400}, {"other", 400},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"my_loans", "GET", "/api/me/loans", "",
       {{"prov", 403}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 200}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      // Training (#16 §2): officers in their region, auditors province-wide; a seeker's own.
      {"training_courses", "GET", "/api/training/courses", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"training_courses_5203", "GET", "/api/training/courses?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"training_providers_5203", "GET", "/api/training/providers?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"my_training", "GET", "/api/me/training", "",
       {{"prov", 403}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 200}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      // Course recommendations of a person: officers covering the person, the seeker themself.
      {"training_recs_in", "GET", "/api/training/persons/{in}/recommendations", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 404},
        {"employer", 403}, {"seeker", 200}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"training_recs_out", "GET", "/api/training/persons/{out}/recommendations", "",
       {{"prov", 200}, {"pref", 404}, {"county", 404}, {"town", 404}, {"other", 200},
        {"employer", 403}, {"seeker", 404}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"network_sites_5203", "GET", "/api/network/sites?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"network_agency_ratings_5203", "GET", "/api/network/agency-ratings?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"network_evaluations_5203", "GET", "/api/network/evaluations?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      // Record linkage (#18): officers in their region, auditors province-wide.
      {"linkage_batches", "GET", "/api/linkage/batches", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"linkage_review_5203", "GET", "/api/linkage/review?status=open&region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"linkage_flags_5203", "GET", "/api/linkage/flags?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"linkage_summary_5203", "GET", "/api/linkage/summary?region=5203", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"employers", "GET", "/api/employers", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 200}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"employers_other_region", "GET", "/api/employers?region=520302", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 200},
        {"employer", 200}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"jobs", "GET", "/api/jobs", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 200}, {"seeker", 200}, {"auditor", 200}, {"sysadmin", 200}, {"secadmin", 200}}},
      // Issue #14: a seeker's own case; a job page for anyone; applications
      // for the seeker (own) and the employer (to its jobs).
      {"my_case", "GET", "/api/me/case", "",
       {{"prov", 403}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 200}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"job_page", "GET", "/api/jobs/{in_job}", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 200}, {"seeker", 200}, {"auditor", 200}, {"sysadmin", 200}, {"secadmin", 200}}},
      {"job_page_missing", "GET", "/api/jobs/999999", "",
       {{"prov", 404}, {"pref", 404}, {"county", 404}, {"town", 404}, {"other", 404},
        {"employer", 404}, {"seeker", 404}, {"auditor", 404}, {"sysadmin", 404}, {"secadmin", 404}}},
      {"applications", "GET", "/api/applications", "",
       {{"prov", 403}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 200}, {"seeker", 200}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"stats", "GET", "/api/stats", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"stats_other_region", "GET", "/api/stats?region=520302", "",
       {{"prov", 200}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"audit", "GET", "/api/audit", "",
       {{"prov", 403}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 200}}},
      {"import_job_unknown", "GET", "/api/import/jobs/nope", "",
       {{"prov", 404}, {"pref", 404}, {"county", 404}, {"town", 404}, {"other", 404},
        {"employer", 404}, {"seeker", 404}, {"auditor", 404}, {"sysadmin", 404}, {"secadmin", 404}}},
      {"import_rejects_unknown", "GET", "/api/import/jobs/nope/rejects", "",
       {{"prov", 404}, {"pref", 404}, {"county", 404}, {"town", 404}, {"other", 404},
        {"employer", 404}, {"seeker", 404}, {"auditor", 404}, {"sysadmin", 404}, {"secadmin", 404}}},
      // 账号管理: the administrators only (issue #14); the system administrator
      // creates and changes accounts, the security administrator grants.
      {"accounts", "GET", "/api/accounts", "",
       {{"prov", 403}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 200}, {"secadmin", 200}}},
      {"account_create_incomplete", "POST", "/api/accounts", "{}",
       {{"prov", 403}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 400}, {"secadmin", 403}}},
      {"account_status_unknown", "POST", "/api/accounts/999999/status", R"({"disabled":true})",
       {{"prov", 403}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 404}, {"secadmin", 403}}},
      {"account_grants_unknown", "POST", "/api/accounts/999999/grants", R"({"grants":[]})",
       {{"prov", 403}, {"pref", 403}, {"county", 403}, {"town", 403}, {"other", 403},
        {"employer", 403}, {"seeker", 403}, {"auditor", 403}, {"sysadmin", 403}, {"secadmin", 404}}},
      // Parameter changes (issue #14): the history for officers and auditors.
      {"param_changes", "GET", "/api/policy/param-changes", "",
       {{"prov", 200}, {"pref", 200}, {"county", 200}, {"town", 200}, {"other", 200},
        {"employer", 403}, {"seeker", 403}, {"auditor", 200}, {"sysadmin", 403}, {"secadmin", 403}}},
      {"import_denied", "POST", "/api/import/persons", "",
       {{"prov", 403}, {"pref", 403}, {"employer", 403}, {"seeker", 403}, {"auditor", 403},
        {"sysadmin", 403}, {"secadmin", 403}}},
  };
}

class AccessMatrixTest : public ::testing::TestWithParam<Case> {};

TEST_P(AccessMatrixTest, StatusAndNoLeak) {
  const Case& c = GetParam();
  auto& env = Env();
  for (const auto& e : c.expect) {
    const Login& l = As(e.user);
    ASSERT_FALSE(l.cookie.empty()) << e.user;
    Reply r = c.method == "GET" ? env.Get(l, Fill(c.target)) : env.Post(l, Fill(c.target), c.body);
    EXPECT_EQ(r.status, e.status) << c.name << " as " << e.user << ": " << r.body;
    // Out-of-scope records never appear: Zunyi's person and employer for
    // Guiyang users, Nanming's for the Zunyi officer, anyone else's for
    // the employer and the seeker.
    std::string user = e.user;
    bool sees_out = user == "prov" || user == "other" || user == "auditor" || user == "secadmin";
    bool sees_in = user != "other";
    if (!sees_out) {
      EXPECT_EQ(r.body.find("遵义乙"), std::string::npos) << c.name << " as " << user;
      if (c.name != "jobs") {
        EXPECT_EQ(r.body.find("红花岗测试公司"), std::string::npos) << c.name << " as " << user;
      }
      EXPECT_EQ(r.body.find(env.out_id), std::string::npos) << c.name << " as " << user;
    }
    if (!sees_in) {
      EXPECT_EQ(r.body.find("黔内甲"), std::string::npos) << c.name << " as " << user;
      EXPECT_EQ(r.body.find(env.in_id), std::string::npos) << c.name << " as " << user;
    }
    if (user == "employer" || user == "seeker") {
      EXPECT_EQ(r.body.find("遵义乙"), std::string::npos) << c.name << " as " << user;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Endpoints, AccessMatrixTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return info.param.name; });

// The routes anyone may call without a session, pinned here rather than
// read from the route table: a route that loses its session check by
// mistake fails this test instead of silently widening the list.
TEST(AccessTest, AnonymousRoutesArePinned) {
  const std::set<std::string> kAnonymous = {"POST /api/login", "GET /api/openapi.json"};
  std::set<std::string> open;
  for (const auto& route : Api::Routes()) {
    if (!route.needs_session) open.insert(route.method + " " + route.pattern);
  }
  EXPECT_EQ(open, kAnonymous);
  // And every other route answers 401 without a session, whatever the table says.
  for (const auto& route : Api::Routes()) {
    const std::string key = route.method + " " + route.pattern;
    if (kAnonymous.contains(key)) continue;
    std::string target = route.pattern;
    for (size_t p; (p = target.find('{')) != std::string::npos;) {
      target.replace(p, target.find('}', p) - p + 1, "1");
    }
    EXPECT_EQ(Env().Send(route.method, target, "{}", {{"Content-Type", "application/json"}}).status, 401) << key;
  }
}

TEST(AccessTest, AnonymousGets401OnEveryProtectedRoute) {
  for (const auto& route : Api::Routes()) {
    if (!route.needs_session) continue;
    std::string target = route.pattern;
    for (size_t p; (p = target.find('{')) != std::string::npos;) {
      target.replace(p, target.find('}', p) - p + 1, "1");
    }
    Reply r = Env().Send(route.method, target);
    EXPECT_EQ(r.status, 401) << route.method << " " << target;
  }
}

TEST(AccessTest, ListsOnlyRecordsInScope) {
  auto ids = [](const Reply& r) {
    std::set<int64_t> out;
    const auto j = nlohmann::json::parse(r.body);
    for (const auto& i : j["items"]) out.insert(i["person_id"].get<int64_t>());
    return out;
  };
  auto& env = Env();
  auto county = ids(env.Get(As("county"), "/api/persons"));
  EXPECT_TRUE(county.contains(env.in_person));
  EXPECT_FALSE(county.contains(env.out_person));
  auto other = ids(env.Get(As("other"), "/api/persons"));
  EXPECT_FALSE(other.contains(env.in_person));
  EXPECT_TRUE(other.contains(env.out_person));
  auto prov = ids(env.Get(As("prov"), "/api/persons"));
  EXPECT_TRUE(prov.contains(env.in_person) && prov.contains(env.out_person));
  auto town = ids(env.Get(As("town"), "/api/persons"));
  EXPECT_TRUE(town.contains(env.in_person));
  // Search by ID number outside the scope finds nothing.
  auto by_id = ids(env.Get(As("county"), "/api/persons?id_number=" + env.out_id));
  EXPECT_TRUE(by_id.empty());
  by_id = ids(env.Get(As("other"), "/api/persons?id_number=" + env.out_id));
  EXPECT_EQ(by_id, std::set<int64_t>{env.out_person});

  auto employers = nlohmann::json::parse(env.Get(As("employer"), "/api/employers").body)["items"];
  ASSERT_EQ(employers.size(), 1u);
  EXPECT_EQ(employers[0]["credit_code"], env.in_credit);
}

TEST(AccessTest, RevealReturnsPlaintextAndIsAudited) {
  auto& env = Env();
  Reply r = env.Post(As("county"), "/api/persons/" + std::to_string(env.in_person) + "/reveal",
                     R"({"field":"phone","reason":"电话回访核实"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["value"], env.in_phone);
  Reply bad = env.Post(As("county"), "/api/persons/" + std::to_string(env.in_person) + "/reveal",
                       R"({"field":"phone","reason":""})");
  EXPECT_EQ(bad.status, 400);
  bad = env.Post(As("county"), "/api/persons/" + std::to_string(env.in_person) + "/reveal",
                 R"({"field":"password","reason":"核对身份信息"})");
  EXPECT_EQ(bad.status, 400);
  auto audit = nlohmann::json::parse(env.Get(As("auditor"), "/api/audit?action=person.reveal").body);
  ASSERT_FALSE(audit["items"].empty());
  EXPECT_EQ(audit["items"][0]["actor"], "county");
  EXPECT_EQ(audit["items"][0]["target"], "person:" + std::to_string(env.in_person));
  EXPECT_NE(audit["items"][0]["detail"].get<std::string>().find("电话回访核实"), std::string::npos);
}

TEST(AccessTest, EveryPersonReadIsAudited) {
  auto& env = Env();
  auto count = [&] {
    auto j = nlohmann::json::parse(
        env.Get(As("auditor"), "/api/audit?action=person.read&actor=pref&limit=500").body);
    return j["items"].size();
  };
  size_t before = count();
  ASSERT_EQ(env.Get(As("pref"), "/api/persons/" + std::to_string(env.in_person)).status, 200);
  ASSERT_EQ(env.Get(As("pref"), "/api/persons/" + std::to_string(env.out_person)).status, 404);
  EXPECT_EQ(count(), before + 2);  // the refused read is on record too
}

}  // namespace
}  // namespace qjy::server::testing
