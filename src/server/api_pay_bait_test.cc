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
  // Five employers post: a reference needs jobs of at least
  // `min_employers` (5) distinct employers (screening.yaml).
  static void SetUpTestSuite() {
    env_ = new TestEnv();
    store::RegistryStore registry(*env_->setup_db, *env_->vault);
    for (int k = 2; k <= kEmployers; ++k) {
      const std::string code = CreditWithCheck("91520102MA6DGQJY" + std::string(1, static_cast<char>('B' + k)));
      env_->AddEmployer(registry, code, "南明测试" + std::to_string(k) + "公司", "520102");
      auth::NewAccount a;
      a.username = "employer" + std::to_string(k);
      a.role = auth::Role::kEmployer;
      a.credit_code = code;
      a.password = kPassword;
      TestEnv::Check(auth::AccountStore(*env_->setup_db, auth::HashCost::kMinimumForTests)
                         .Create(a, env_->clock.Now()));
    }
  }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  static constexpr int kEmployers = 5;
  // Employer k (1..5); 1 is TestEnv's own.
  static const Login& Employer(int k = 1) {
    static std::vector<Login> logins;
    if (logins.empty()) {
      for (int i = 1; i <= kEmployers; ++i) logins.push_back(env_->LogIn(i == 1 ? "employer" : "employer" + std::to_string(i)));
    }
    return logins[k - 1];
  }
  static json Ad(const std::string& title, const std::string& code, int64_t wage_max_fen) {
    return {{"title", title}, {"occupation_code", code}, {"headcount", 2},
            {"wage_min_fen", wage_max_fen / 2}, {"wage_max_fen", wage_max_fen}, {"place_region", "520102"},
            {"requirements", "男女不限，年龄不限"}};
  }
  static Reply Post(const json& ad, int employer = 1) { return env_->Post(Employer(employer), "/api/jobs", ad.dump()); }
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
  // 21 ordinary cleaning jobs (3,500) published by five employers (titles
  // differ: the registry merges identical postings into one job); with the
  // one above the occupation has 22 open jobs, median 3,500 over employers.
  for (int i = 0; i < 21; ++i) {
    ASSERT_EQ(Post(Ad("保洁员（" + std::to_string(i + 1) + "号楼）", "4-10-05-03", 350000), 1 + i % kEmployers).status,
              201)
        << i;
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
  EXPECT_NE(evidence.find(" 个岗位、5 家单位）的 3.4 倍"), std::string::npos) << evidence;
  EXPECT_EQ(evidence.find("4-10"), std::string::npos);  // names, not codes
  EXPECT_NE(json::parse(held.body)["warning"].get<std::string>().find("虚假、欺诈"), std::string::npos);
}

TEST_F(PayBaitApiTest, AWellPaidOccupationDoesNotLiftTheFlatCeiling) {
  // Mining jobs post around 12,000 (five employers); 3 times that is above
  // the flat ceiling, so an underground hauler's 18,000 is still held, and
  // the finding says the ceiling applied although a reference was found.
  // 25: the reference may lag the index by a twentieth of its jobs.
  for (int i = 0; i < 25; ++i) {
    ASSERT_EQ(Post(Ad("井下采掘工（" + std::to_string(i + 1) + "号井）", "6-16-02-01", 1200000), 1 + i % kEmployers)
                  .status,
              201)
        << i;
  }
  auto hauler = Post(Ad("井下搬运工", "6-16-02-01", 1800000));
  ASSERT_EQ(hauler.status, 202) << hauler.body;
  EXPECT_NE(PayBaitEvidence(hauler).find("在招岗位月薪中位数 12000 元的 3 倍为 36000 元，高于统一上限，按统一上限判断"),
            std::string::npos)
      << PayBaitEvidence(hauler);
  // A simple job with no reference of its own or its group's (4-03: no
  // jobs) is still judged against the flat ceiling, and says so.
  auto waiter = Post(Ad("服务员", "4-03-02-01", 1800000));
  ASSERT_EQ(waiter.status, 202) << waiter.body;
  EXPECT_NE(PayBaitEvidence(waiter).find("高于简单劳动统一上限参考 15000 元（该职业及所属类别在招岗位均不足 20 个"),
            std::string::npos)
      << PayBaitEvidence(waiter);
}

TEST_F(PayBaitApiTest, OneEmployersPostsAreNotAReference) {
  // 25 jobs at 3,500 of one employer (保洁员, whose group 4-09 nobody else
  // posts in): not a market, so another employer's 12,000 in the same
  // occupation is judged against the flat ceiling and published.
  for (int i = 0; i < 25; ++i) {
    ASSERT_EQ(Post(Ad("保洁员（" + std::to_string(i + 1) + "号商铺）", "4-09-08-01", 350000), 2).status, 201) << i;
  }
  auto own = Post(Ad("保洁员", "4-09-08-01", 1200000), 3);
  EXPECT_EQ(own.status, 201) << own.body;
}

}  // namespace
}  // namespace qjy::server::testing
