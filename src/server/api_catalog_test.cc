// GET /api/jobs (trial 3): by default only the jobs open for applications on
// the server's today; officers and employers may add the closed ones
// (include_closed=1) or ask for another day (open_on=); a closed job is
// marked closed. The keyword box: every word in the title, the requirements
// or the name of the job's county or prefecture.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

// job_id → the item, for the jobs a listing returns.
std::map<std::string, json> JobsByTitle(TestEnv& env, const Login& l, const std::string& query) {
  Reply r = env.Get(l, "/api/jobs?" + query);
  EXPECT_EQ(r.status, 200) << query << ": " << r.body;
  std::map<std::string, json> out;
  if (r.status != 200) return out;
  const json body = json::parse(r.body);
  for (const auto& j : body["items"]) out[j["title"].get<std::string>()] = j;
  return out;
}

TEST(JobListApiTest, OpenTodayByDefaultClosedOnlyOnRequestForOfficersAndEmployers) {
  TestEnv env;
  // 焊工 (Nanming) stays open; 电工 (Honghuagang) closed before today; a
  // third job opens in the future.
  ASSERT_TRUE(env.setup_db->Exec("UPDATE jobs SET close_on = '2025-01-31' WHERE title = '电工'"));
  ASSERT_TRUE(env.setup_db->Exec(
      "INSERT INTO jobs (county_code, employer_credit_code, title, occupation_code, headcount, wage_min_fen, "
      "wage_max_fen, place_region, type, requirements, open_on, close_on, created_at, updated_at) "
      "SELECT county_code, employer_credit_code, '未来岗位', occupation_code, 1, wage_min_fen, wage_max_fen, "
      "place_region, type, requirements, '2099-01-01', NULL, created_at, updated_at FROM jobs WHERE title = '焊工'"));
  const Login seeker = env.LogIn("seeker"), prov = env.LogIn("prov"), employer = env.LogIn("employer");

  for (const Login* l : {&seeker, &prov, &employer}) {
    auto jobs = JobsByTitle(env, *l, "limit=50");
    EXPECT_TRUE(jobs.contains("焊工"));
    EXPECT_FALSE(jobs.contains("电工"));
    EXPECT_FALSE(jobs.contains("未来岗位"));
    if (jobs.contains("焊工")) {
      EXPECT_EQ(jobs["焊工"]["closed"], false);
      EXPECT_EQ(jobs["焊工"]["open"], true);
    }
  }
  // 含已截止: officers and employers only; the closed job says so.
  for (const Login* l : {&prov, &employer}) {
    auto all = JobsByTitle(env, *l, "limit=50&include_closed=1");
    ASSERT_TRUE(all.contains("电工"));
    EXPECT_EQ(all["电工"]["closed"], true);
    EXPECT_EQ(all["电工"]["open"], false);
    EXPECT_TRUE(all.contains("未来岗位"));
    EXPECT_EQ(all["未来岗位"]["open"], false);
  }
  EXPECT_FALSE(JobsByTitle(env, seeker, "limit=50&include_closed=1").contains("电工"));
  // Another day (a service date): the job open then.
  EXPECT_TRUE(JobsByTitle(env, prov, "limit=50&open_on=2025-01-15").contains("电工"));
  EXPECT_FALSE(JobsByTitle(env, seeker, "limit=50&open_on=2025-01-15").contains("电工"));
  EXPECT_EQ(env.Get(prov, "/api/jobs?open_on=2025-13-01").status, 400);
}

std::string EncodeQuery(const std::string& s) {
  std::string out;
  char buf[4];
  for (unsigned char ch : s) {
    if (std::isalnum(ch)) {
      out += static_cast<char>(ch);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      out += buf;
    }
  }
  return out;
}

TEST(JobListApiTest, EveryWordInTitleRequirementsOrPlaceName) {
  TestEnv env;
  ASSERT_TRUE(env.setup_db->Exec("UPDATE jobs SET requirements = '持焊工证，能适应夜班' WHERE title = '焊工'"));
  const Login seeker = env.LogIn("seeker");
  using Titles = std::set<std::string>;
  auto titles = [&](const std::string& q) {
    Titles out;
    for (const auto& [title, job] : JobsByTitle(env, seeker, "q=" + EncodeQuery(q))) out.insert(title);
    return out;
  };
  static const struct {
    const char* q;
    Titles want;
  } cases[] = {
      {"焊工", {"焊工"}},
      {"夜班", {"焊工"}},              // the requirements only
      {"工", {"焊工", "电工"}},
      {"焊工 南明", {"焊工"}},         // 南明区, the job's county
      {"焊工　贵阳", {"焊工"}},        // ideographic space; 贵阳市, its prefecture
      {"焊工 红花岗", {}},             // the other county
      {"电工 遵义", {"电工"}},         // 遵义市 holds 红花岗区
      {"遵义", {"电工"}},
      {"夜班 焊工 南明", {"焊工"}},
      {"夜班 电工", {}},               // every word must match
  };
  for (const auto& c : cases) EXPECT_EQ(titles(c.q), c.want) << c.q;
}

}  // namespace
}  // namespace qjy::server::testing
