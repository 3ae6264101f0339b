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
  EXPECT_NE(j["items"][0]["reason_text"].get<std::string>().find("同县"), std::string::npos);
  EXPECT_GE(j["items"][0]["score"], j["items"][1]["score"]);
  EXPECT_TRUE(j["profile_derived"]);
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

}  // namespace
}  // namespace qjy::server::testing
