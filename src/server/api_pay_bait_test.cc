// Pay bait against the occupation's posted pay on the server path (issue
// #17 §3): the wage reference comes from the match index the server holds
// (Api::AdsWageReference), so jobs posted through POST /api/jobs make the
// reference a later posting is judged against, and the held ad's finding
// names it. Own TestEnv: these tests fill the index.
#include <string>

#include <gtest/gtest.h>

#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

class PayBaitApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env_ = new TestEnv(); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  static const Login& Employer() {
    static const Login login = env_->LogIn("employer");
    return login;
  }
  static json Ad(const std::string& title, const std::string& code, int64_t wage_max_fen) {
    return {{"title", title}, {"occupation_code", code}, {"headcount", 2},
            {"wage_min_fen", wage_max_fen / 2}, {"wage_max_fen", wage_max_fen}, {"place_region", "520102"},
            {"requirements", "男女不限，年龄不限"}};
  }
  static Reply Post(const json& ad) { return env_->Post(Employer(), "/api/jobs", ad.dump()); }
  static std::string PayBaitEvidence(const Reply& r) {
    const json body = json::parse(r.body);
    for (const auto& f : body["findings"]) {
      if (f["category"] == "pay_bait") return f["matched"];
    }
    return "";
  }
  static TestEnv* env_;
};
TestEnv* PayBaitApiTest::env_ = nullptr;

TEST_F(PayBaitApiTest, PostedJobsMakeTheReferenceAndTheHeldAdNamesIt) {
  // 12,000 for cleaning: under the flat ceiling (15,000), so published
  // while the occupation has too few open jobs to be a reference.
  auto early = Post(Ad("保洁员", "4-10-05-03", 1200000));
  ASSERT_EQ(early.status, 201) << early.body;
  // 21 ordinary cleaning jobs (3,500) published (titles differ: the
  // registry merges identical postings into one job); with the one above
  // the occupation has 22 open jobs, median 3,500.
  for (int i = 0; i < 21; ++i) {
    ASSERT_EQ(Post(Ad("保洁员（" + std::to_string(i + 1) + "号楼）", "4-10-05-03", 350000)).status, 201) << i;
  }
  // The same 12,000 is now 3.4 times the occupation's pay: held, and the
  // finding says against what. (The reference is rebuilt when the index
  // has grown by a twentieth, so it may not count the last posting or two:
  // 20–22 jobs.)
  auto held = Post(Ad("保洁员", "4-10-05-03", 1200000));
  ASSERT_EQ(held.status, 202) << held.body;
  const std::string evidence = PayBaitEvidence(held);
  EXPECT_EQ(evidence.rfind("保洁：月薪上限 12000 元，为该职业（居民服务人员）在招岗位月薪中位数 3500 元（", 0), 0u)
      << evidence;
  EXPECT_NE(evidence.find(" 个岗位）的 3.4 倍"), std::string::npos) << evidence;
  EXPECT_EQ(evidence.find("4-10"), std::string::npos);  // names, not codes
  EXPECT_NE(json::parse(held.body)["warning"].get<std::string>().find("虚假、欺诈"), std::string::npos);
}

TEST_F(PayBaitApiTest, TheSamePayWhereTheOccupationPaysItIsPublished) {
  // Mining jobs post around 12,000; an underground hauler's 18,000 is above
  // the flat ceiling but 1.5 times the occupation's pay.
  // 25: the reference may lag the index by a twentieth of its jobs.
  for (int i = 0; i < 25; ++i) {
    ASSERT_EQ(Post(Ad("井下采掘工（" + std::to_string(i + 1) + "号井）", "6-16-02-01", 1200000)).status, 201) << i;
  }
  auto hauler = Post(Ad("井下搬运工", "6-16-02-01", 1800000));
  EXPECT_EQ(hauler.status, 201) << hauler.body;
  // A simple job with no reference of its own or its group's (4-03: no
  // jobs) is still judged against the flat ceiling, and says so.
  auto waiter = Post(Ad("服务员", "4-03-02-01", 1800000));
  ASSERT_EQ(waiter.status, 202) << waiter.body;
  EXPECT_NE(PayBaitEvidence(waiter).find("高于简单劳动统一上限参考 15000 元（该职业及所属类别在招岗位均不足 20 个"),
            std::string::npos)
      << PayBaitEvidence(waiter);
}

}  // namespace
}  // namespace qjy::server::testing
