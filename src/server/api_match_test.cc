// /api/match/...: recommendations with reasons in scope, candidates masked
// for the owning employer, keyword search with bad input, and a job posted
// or closed seen by the next query.
#include <gtest/gtest.h>

#include "match/load.h"
#include "server/shared_env_test_util.h"

namespace qjy::server::testing {
namespace {

std::string Enc(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

int64_t JobId(const std::string& title) {
  std::vector<store::Value> p = {title};
  auto rows = Env().setup_db->Query("SELECT job_id FROM jobs WHERE title = ?", p);
  EXPECT_TRUE(rows && !rows->empty());
  return rows && !rows->empty() ? rows->front().Int(0) : 0;
}

std::vector<std::string> Titles(const Reply& r) {
  std::vector<std::string> out;
  const auto body = nlohmann::json::parse(r.body);
  for (const auto& i : body["items"]) out.push_back(i["title"]);
  return out;
}

TEST(MatchApiTest, SeekerGetsRankedJobsWithReasonsOnlyForSelf) {
  auto& env = Env();
  Reply r = env.Get(As("seeker"), "/api/match/persons/" + std::to_string(env.in_person) + "/jobs");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  ASSERT_GE(j["items"].size(), 2u);
  EXPECT_EQ(j["items"][0]["title"], "焊工");  // same county as the seeker's residence
  EXPECT_EQ(j["items"][0]["employer_name"], "南明测试公司");  // the seeker sees who hires
  EXPECT_NE(j["items"][0]["reason_text"].get<std::string>().find("同县"), std::string::npos);
  EXPECT_GE(j["items"][0]["score"], j["items"][1]["score"]);
  // Derived from the registry unless a test run before this one stored
  // the person's own profile (match_profiles) — and so again on the next
  // request (it said so only on the request that first indexed the person).
  const std::vector<store::Value> id = {env.in_person};
  auto stored = env.setup_db->Query("SELECT COUNT(*) FROM match_profiles WHERE person_id = ?", id);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(j["profile_derived"].get<bool>(), stored->front().Int(0) == 0);
  Reply again = env.Get(As("seeker"), "/api/match/persons/" + std::to_string(env.in_person) + "/jobs");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(nlohmann::json::parse(again.body)["profile_derived"], j["profile_derived"]);
  EXPECT_EQ(env.Get(As("seeker"), "/api/match/persons/" + std::to_string(env.out_person) + "/jobs").status, 404);
  EXPECT_EQ(env.Get(As("county"), "/api/match/persons/" + std::to_string(env.out_person) + "/jobs").status, 404);
  EXPECT_EQ(env.Get(As("other"), "/api/match/persons/" + std::to_string(env.out_person) + "/jobs").status, 200);
  EXPECT_EQ(env.Get(As("employer"), "/api/match/persons/" + std::to_string(env.in_person) + "/jobs").status, 403);
  EXPECT_EQ(env.Get(As("county"), "/api/match/persons/" + std::to_string(env.in_person) + "/jobs?k=abc").status, 400);
}

TEST(MatchApiTest, EmployerSeesMaskedCandidatesOfOwnJobOnly) {
  auto& env = Env();
  // Make sure both persons are seekers in the index.
  ASSERT_EQ(env.Get(As("prov"), "/api/match/persons/" + std::to_string(env.in_person) + "/jobs").status, 200);
  ASSERT_EQ(env.Get(As("prov"), "/api/match/persons/" + std::to_string(env.out_person) + "/jobs").status, 200);
  Reply r = env.Get(As("employer"), "/api/match/jobs/" + std::to_string(JobId("焊工")) + "/candidates");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  ASSERT_GE(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["person_id"], env.in_person);
  EXPECT_NE(j["items"][0]["id_masked"].get<std::string>().find('*'), std::string::npos);
  EXPECT_EQ(r.body.find(env.in_id), std::string::npos);
  EXPECT_EQ(r.body.find(env.out_id), std::string::npos);
  EXPECT_EQ(env.Get(As("employer"), "/api/match/jobs/" + std::to_string(JobId("电工")) + "/candidates").status, 404);
  EXPECT_EQ(env.Get(As("county"), "/api/match/jobs/" + std::to_string(JobId("电工")) + "/candidates").status, 404);
  EXPECT_EQ(env.Get(As("other"), "/api/match/jobs/" + std::to_string(JobId("电工")) + "/candidates").status, 200);
  EXPECT_EQ(env.Get(As("seeker"), "/api/match/jobs/" + std::to_string(JobId("焊工")) + "/candidates").status, 404);
}

// A seeker fills in a profile: it is validated field by field (nothing stored
// on error), stored, and the next recommendation uses it (county only: the
// Zunyi job drops out; the stated occupation shows in the reasons).
TEST(MatchApiTest, SeekerProfileIsValidatedStoredAndUsedByTheNextQuery) {
  auto& env = Env();
  const std::string base = "/api/match/persons/" + std::to_string(env.in_person);
  Reply r = env.Get(As("seeker"), base + "/profile");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  EXPECT_TRUE(j["derived"]);
  EXPECT_EQ(j["profile"]["home_county"], "520102");
  auto before = Titles(env.Get(As("seeker"), base + "/jobs"));
  ASSERT_EQ(std::count(before.begin(), before.end(), "电工"), 1) << "the province-wide derived profile sees Zunyi";

  struct Bad {
    nlohmann::json body;
    std::string says;
  } bad[] = {{{{"desired_occupations", {"9-99-99"}}}, "期望职业"},
             {{{"desired_occupations", {"6-18", "4-01", "2-02", "3-01"}}}, "最多 3 项"},
             {{{"scope", "world"}}, "就业地域范围"},
             {{{"outbound_provinces", {"99"}}}, "意向外出省份"},
             {{{"home_county", "520302"}, {"outbound_provinces", {"4"}}}, "意向外出省份"},
             {{{"home_county", "440106"}}, "常住县"},
             {{{"expected_wage_fen", 1.5}}, "期望月薪"},
             {{{"available_from", "2025-02-30"}}, "可到岗日期"}};
  for (const auto& b : bad) {
    r = env.Put(As("seeker"), base + "/profile", b.body.dump());
    EXPECT_EQ(r.status, 400) << b.body.dump() << " -> " << r.body;
    EXPECT_NE(r.body.find(b.says), std::string::npos) << r.body;
  }
  EXPECT_TRUE(nlohmann::json::parse(env.Get(As("seeker"), base + "/profile").body)["derived"]);  // nothing stored

  nlohmann::json good = {{"desired_occupations", {"6-18-02-04"}}, {"scope", "county"},
                         {"expected_wage_fen", 300000}, {"outbound_provinces", {"44"}}, {"skills", {"电焊"}}};
  r = env.Put(As("seeker"), base + "/profile", good.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  j = nlohmann::json::parse(r.body);
  EXPECT_FALSE(j["derived"]);
  EXPECT_EQ(j["profile"]["scope"], "county");
  EXPECT_EQ(j["profile"]["outbound_provinces"][0]["name"], "广东省");
  EXPECT_FALSE(nlohmann::json::parse(env.Get(As("seeker"), base + "/profile").body)["derived"]);
  auto after = nlohmann::json::parse(env.Get(As("seeker"), base + "/jobs").body);
  ASSERT_GE(after["items"].size(), 1u);
  for (const auto& item : after["items"]) EXPECT_NE(item["title"], "电工") << "outside the home county";
  EXPECT_NE(after["items"][0]["reason_text"].get<std::string>().find("职业相同"), std::string::npos) << after.dump();
  // Others: an officer of another county cannot see or write it; an employer never.
  EXPECT_EQ(env.Put(As("county"), "/api/match/persons/" + std::to_string(env.out_person) + "/profile", "{}").status, 404);
  EXPECT_EQ(env.Get(As("employer"), base + "/profile").status, 403);
  EXPECT_EQ(env.Put(As("other"), base + "/profile", "{}").status, 404);
  // Back to province-wide, so the other tests see the derived behaviour.
  good["scope"] = "province";
  ASSERT_EQ(env.Put(As("seeker"), base + "/profile", good.dump()).status, 200);
}

TEST(MatchApiTest, SearchHandlesChineseAndRejectsBadQueries) {
  auto& env = Env();
  Reply r = env.Get(As("seeker"), "/api/match/search?q=" + Enc("遵义 电工"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Titles(r), std::vector<std::string>{"电工"}) << r.body;
  r = env.Get(As("seeker"), "/api/match/search?q=" + Enc("贵阳 焊工"));
  EXPECT_EQ(Titles(r), std::vector<std::string>{"焊工"});
  r = env.Get(As("seeker"), "/api/match/search?q=" + Enc("遵义 焊工"));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Titles(r).empty());
  r = env.Get(As("seeker"), "/api/match/search?q=" + Enc("！？……，。 ---"));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("没有可检索的文字"), std::string::npos);
  r = env.Get(As("seeker"), "/api/match/search?q=" + Enc(std::string(10000, 'a')));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("过长"), std::string::npos);
  EXPECT_EQ(env.Get(As("seeker"), "/api/match/search").status, 400);
}

TEST(MatchApiTest, PostedAndClosedJobsShowInTheNextQuery) {
  auto& env = Env();
  ASSERT_EQ(env.Get(As("seeker"), "/api/match/search?q=" + Enc("焊工")).status, 200);  // index loaded
  store::RegistryStore registry(*env.setup_db, *env.vault);
  registry::Job job;
  job.county_code = "520102";
  job.employer_credit_code = env.in_credit;
  job.title = "直播电商主播";
  job.occupation_code = "4-01";
  job.wage_min_fen = 400000;
  job.wage_max_fen = 800000;
  job.place_region = "520102";
  job.open_on = *Date::FromYmd(2024, 3, 1);
  {
    auto tx = store::Transaction::Begin(*env.setup_db);
    ASSERT_TRUE(registry.UpsertJob(job, "test"));
    ASSERT_TRUE(tx->Commit());
  }
  env.api->MatchJobPosted(job);
  Reply r = env.Get(As("seeker"), "/api/match/search?q=" + Enc("电商 直播"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Titles(r), std::vector<std::string>{"直播电商主播"});
  // Another county's officer cannot close it; the owning employer can.
  EXPECT_EQ(env.Post(As("other"), "/api/jobs/" + std::to_string(job.job_id) + "/close", "").status, 404);
  r = env.Post(As("employer"), "/api/jobs/" + std::to_string(job.job_id) + "/close", "");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Titles(env.Get(As("seeker"), "/api/match/search?q=" + Enc("电商 直播"))).empty());
  auto recs = Titles(env.Get(As("seeker"), "/api/match/persons/" + std::to_string(env.in_person) + "/jobs"));
  EXPECT_EQ(std::count(recs.begin(), recs.end(), "直播电商主播"), 0);
  std::vector<store::Value> p = {job.job_id};
  auto rows = env.setup_db->Query("SELECT close_on FROM jobs WHERE job_id = ?", p);
  ASSERT_TRUE(rows && !rows->empty());
  EXPECT_FALSE(rows->front().IsNull(0));  // recorded in the registry too
}

// A server running past midnight (China time) re-dates its index: a job
// that opens the next day is recommended and found from then on, one that
// closed the day before no longer is. Its own server, so that moving its
// clock touches no other test.
TEST(MatchApiTest, TheIndexFollowsTheDateInChina) {
  TestEnv env;
  const Date today = env.clock.TodayInChina();
  store::RegistryStore registry(*env.setup_db, *env.vault);
  auto add = [&](const std::string& title, Date open_on, std::optional<Date> close_on) {
    registry::Job job;
    job.county_code = "520102";
    job.employer_credit_code = env.in_credit;
    job.title = title;
    job.occupation_code = "6-18-02-04";
    job.wage_min_fen = 300000;
    job.wage_max_fen = 500000;
    job.place_region = "520102";
    job.open_on = open_on;
    job.close_on = close_on;
    auto tx = store::Transaction::Begin(*env.setup_db);
    ASSERT_TRUE(registry.UpsertJob(job, "test"));
    ASSERT_TRUE(tx->Commit());
  };
  // Written straight into the registry (another process's import): the
  // server learns of them only from the database.
  add("明日开工焊工", today.AddDays(1), std::nullopt);
  add("今日截止焊工", *Date::FromYmd(2024, 3, 1), today);
  const std::string jobs = "/api/match/persons/" + std::to_string(env.in_person) + "/jobs?k=50";
  auto has = [](const std::vector<std::string>& v, const std::string& t) {
    return std::count(v.begin(), v.end(), t) > 0;
  };

  Login seeker = env.LogIn("seeker");
  Reply r = env.Get(seeker, jobs);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(has(Titles(r), "明日开工焊工"));
  EXPECT_TRUE(has(Titles(r), "今日截止焊工"));
  EXPECT_TRUE(Titles(env.Get(seeker, "/api/match/search?q=" + Enc("明日开工"))).empty());

  env.clock.Advance(86400);
  seeker = env.LogIn("seeker");  // yesterday's session has expired
  r = env.Get(seeker, jobs);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(has(Titles(r), "明日开工焊工"));
  EXPECT_FALSE(has(Titles(r), "今日截止焊工"));
  EXPECT_EQ(Titles(env.Get(seeker, "/api/match/search?q=" + Enc("明日开工"))),
            std::vector<std::string>{"明日开工焊工"});
  EXPECT_TRUE(Titles(env.Get(seeker, "/api/match/search?q=" + Enc("今日截止"))).empty());
}

// `qjy serve` loads the match index beside the requests (Api::WarmMatchIndex):
// a fresh server's index is not loaded until asked, is loaded once warmed,
// and answers the first recommendation from what it loaded.
TEST(MatchApiTest, WarmingLoadsTheIndexBeforeAnyRequestNeedsIt) {
  TestEnv env;
  EXPECT_FALSE(env.api->MatchIndexReady());
  ASSERT_TRUE(env.api->WarmMatchIndex().has_value());
  EXPECT_TRUE(env.api->MatchIndexReady());
  ASSERT_TRUE(env.api->WarmMatchIndex().has_value());  // once: a second call finds it loaded
  Reply r = env.Get(env.LogIn("seeker"), "/api/match/persons/" + std::to_string(env.in_person) + "/jobs");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(nlohmann::json::parse(r.body)["items"].empty());
}

}  // namespace
}  // namespace qjy::server::testing
