// POST /api/jobs with screening and the review queue; the gig board routes.
// Own TestEnv (not the shared one): these tests add jobs and contracts.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

class AdsGigApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env_ = new TestEnv(); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  static const Login& As(const std::string& user) {
    static std::map<std::string, Login> logins;
    auto it = logins.find(user);
    if (it == logins.end()) it = logins.emplace(user, env_->LogIn(user)).first;
    return it->second;
  }
  static int64_t JobsCount() {
    auto rows = env_->setup_db->Query("SELECT COUNT(*) FROM jobs");
    return rows ? rows->at(0).Int(0) : -1;
  }
  static std::string Today(int plus_days = 0) {
    return Date::FromDays(static_cast<int32_t>((env_->clock.Now() + 8 * 3600) / 86400) + plus_days).ToString();
  }
  static json Ad(const std::string& title, const std::string& text) {
    return {{"title", title}, {"occupation_code", "6-18"}, {"headcount", 3},
            {"wage_min_fen", 400000}, {"wage_max_fen", 600000}, {"place_region", "520102"},
            {"requirements", text}};
  }
  static TestEnv* env_;
};
TestEnv* AdsGigApiTest::env_ = nullptr;

TEST_F(AdsGigApiTest, CleanAdIsPublishedFlaggedAdWaitsForTheCountyOfficer) {
  const int64_t before = JobsCount();
  // Other tests of the suite post ads too (in any order): counts are taken
  // against what the queue and the employer's list held before.
  auto items_of = [&](const std::string& who, const std::string& path) {
    auto r = env_->Get(As(who), path);
    EXPECT_EQ(r.status, 200) << path;
    return r.status == 200 ? json::parse(r.body)["items"] : json::array();
  };
  const size_t queued_before = items_of("county", "/api/ads?limit=200").size();
  const size_t own_before = items_of("employer", "/api/ads?status=all&limit=200").size();
  auto clean = env_->Post(As("employer"), "/api/jobs", Ad("焊工", "男女不限，年龄不限，男女宿舍分开").dump());
  ASSERT_EQ(clean.status, 201) << clean.body;
  auto cj = json::parse(clean.body);
  EXPECT_EQ(cj["status"], "published");
  EXPECT_TRUE(cj["job_id"].is_number());
  EXPECT_EQ(cj["employer_credit_code"], env_->in_credit);
  EXPECT_EQ(JobsCount(), before + 1);

  auto flagged = env_->Post(As("employer"), "/api/jobs", Ad("前台文员", "限女性，30岁以下，乙肝携带者勿扰").dump());
  ASSERT_EQ(flagged.status, 202) << flagged.body;
  auto fj = json::parse(flagged.body);
  EXPECT_EQ(fj["status"], "pending");
  EXPECT_TRUE(fj["job_id"].is_null());
  std::set<std::string> cats;
  for (const auto& f : fj["findings"]) {
    cats.insert(f["category"].get<std::string>());
    EXPECT_FALSE(f["suggestion"].get<std::string>().empty());
    EXPECT_EQ(f["clause"], "main(十八)");
  }
  EXPECT_EQ(cats, (std::set<std::string>{"sex", "age", "health"}));
  EXPECT_NE(fj["warning"].get<std::string>().find("黔府发〔2023〕12号"), std::string::npos);
  EXPECT_EQ(JobsCount(), before + 1);  // not published
  const int64_t ad_id = fj["ad_id"];

  // Not in the public job list.
  auto jobs = env_->Get(As("county"), "/api/jobs?q=" + std::string("%E5%89%8D%E5%8F%B0"));
  ASSERT_EQ(jobs.status, 200);
  EXPECT_TRUE(json::parse(jobs.body)["items"].empty()) << jobs.body;

  // The queue: the county officer sees it, the Zunyi officer does not.
  const json queued = items_of("county", "/api/ads?limit=200");
  ASSERT_EQ(queued.size(), queued_before + 1);
  EXPECT_TRUE(std::any_of(queued.begin(), queued.end(), [&](const json& a) { return a["ad_id"] == ad_id; }));
  for (const auto& a : items_of("other", "/api/ads?limit=200")) EXPECT_NE(a["ad_id"], ad_id);
  EXPECT_EQ(env_->Get(As("other"), "/api/ads/" + std::to_string(ad_id)).status, 404);
  EXPECT_EQ(env_->Post(As("other"), "/api/ads/" + std::to_string(ad_id) + "/approve", "{}").status, 404);
  EXPECT_EQ(env_->Get(As("seeker"), "/api/ads").status, 403);
  // The employer sees its own ad and the warning.
  EXPECT_EQ(items_of("employer", "/api/ads?status=all&limit=200").size(), own_before + 2);
  EXPECT_EQ(env_->Post(As("employer"), "/api/ads/" + std::to_string(ad_id) + "/approve", "{}").status, 403);

  EXPECT_EQ(env_->Post(As("county"), "/api/ads/" + std::to_string(ad_id) + "/reject", "{}").status, 400);
  auto ok = env_->Post(As("county"), "/api/ads/" + std::to_string(ad_id) + "/approve", R"({"note":"已核实"})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json::parse(ok.body)["status"], "approved");
  EXPECT_EQ(JobsCount(), before + 2);
  EXPECT_EQ(env_->Post(As("county"), "/api/ads/" + std::to_string(ad_id) + "/reject", R"({"note":"x"})").status, 409);
}

// A job published through the posting desk (directly, or after an officer
// approves a flagged ad) is in the next match query and keyword search.
TEST_F(AdsGigApiTest, PublishedAdsReachTheMatchIndexAndSearch) {
  const std::string q = "/api/match/search?q=%E7%9B%B4%E6%92%AD%20%E5%B8%A6%E8%B4%A7";  // 直播 带货
  ASSERT_EQ(env_->Get(As("seeker"), q).status, 200);  // the index is loaded before the posts
  auto titles = [&] {
    std::set<std::string> out;
    const json body = json::parse(env_->Get(As("seeker"), q).body);
    for (const auto& i : body["items"]) out.insert(i["title"]);
    return out;
  };
  EXPECT_TRUE(titles().empty());
  auto clean = env_->Post(As("employer"), "/api/jobs", Ad("直播带货主播", "男女不限").dump());
  ASSERT_EQ(clean.status, 201) << clean.body;
  EXPECT_EQ(titles(), (std::set<std::string>{"直播带货主播"}));
  auto flagged = env_->Post(As("employer"), "/api/jobs", Ad("直播带货助理", "限女性").dump());
  ASSERT_EQ(flagged.status, 202) << flagged.body;
  EXPECT_EQ(titles(), (std::set<std::string>{"直播带货主播"}));  // pending: not searchable
  const int64_t ad_id = json::parse(flagged.body)["ad_id"];
  auto ok = env_->Post(As("county"), "/api/ads/" + std::to_string(ad_id) + "/approve", R"({"note":"已改正"})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(titles(), (std::set<std::string>{"直播带货主播", "直播带货助理"}));
}

TEST_F(AdsGigApiTest, BadAdsAreRefusedInChineseAndNothingIsStored) {
  const int64_t before = JobsCount();
  auto count_ads = [] {
    auto rows = env_->setup_db->Query("SELECT COUNT(*) FROM job_ads");
    return rows ? rows->at(0).Int(0) : -1;
  };
  env_->Post(As("employer"), "/api/jobs", Ad("电焊工", "").dump());  // makes sure the table exists
  const int64_t ads_before = count_ads();
  json unknown = Ad("焊工", "");
  unknown["occupation_code"] = "9-99";
  json upside = Ad("焊工", "");
  upside["wage_min_fen"] = 900000;
  json zero = Ad("焊工", "");
  zero["headcount"] = 0;
  json big = Ad("焊工", std::string(100000, 'x'));
  struct Case {
    json body;
    std::string field;
  } cases[] = {{unknown, "职业编码"}, {upside, "最高月薪(元)"}, {zero, "招聘人数"}, {big, "岗位要求"}};
  for (const auto& c : cases) {
    auto r = env_->Post(As("employer"), "/api/jobs", c.body.dump());
    ASSERT_EQ(r.status, 400) << r.body;
    auto j = json::parse(r.body);
    ASSERT_FALSE(j["errors"].empty());
    EXPECT_EQ(j["errors"][0]["field"], c.field) << r.body;
    EXPECT_NE(j["message"].get<std::string>().find("未发布"), std::string::npos);
    EXPECT_LT(r.body.size(), 2000u);  // the 100 KB text is not echoed
  }
  // A 1 MB body is refused by the server before any handler.
  auto huge = env_->Post(As("employer"), "/api/jobs", Ad("焊工", std::string(1 << 20, 'x')).dump());
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(count_ads(), ads_before);
  EXPECT_EQ(JobsCount(), before + 1);
  EXPECT_EQ(env_->Post(As("seeker"), "/api/jobs", Ad("焊工", "").dump()).status, 403);
}

TEST_F(AdsGigApiTest, GigBoardPostMatchBookComplete) {
  auto markets = env_->Get(As("county"), "/api/gig/markets");
  ASSERT_EQ(markets.status, 200) << markets.body;
  auto mj = json::parse(markets.body);
  EXPECT_EQ(mj["target"]["deadline"], "2023-06-30");
  EXPECT_EQ(mj["counties"].size(), 1u);  // the county officer's county
  EXPECT_EQ(mj["counties"][0]["status"], "missing");  // the test registry has no gig market
  auto province = json::parse(env_->Get(As("prov"), "/api/gig/markets").body);
  EXPECT_EQ(province["summary"]["counties"], 88);

  const std::string day = Today();  // completion needs the work date reached
  json post = {{"title", "搬运装卸"}, {"work_date", day}, {"start", "08:00"}, {"end", "12:00"},
               {"place_region", "520102"}, {"pay_unit", "hour"}, {"pay_fen", 3000}, {"headcount", 1}};
  auto p = env_->Post(As("employer"), "/api/gig/posts", post.dump());
  ASSERT_EQ(p.status, 201) << p.body;
  const int64_t post_id = json::parse(p.body)["post_id"];
  json bad = post;
  bad["headcount"] = 0;
  bad["end"] = "07:00";
  auto b = env_->Post(As("employer"), "/api/gig/posts", bad.dump());
  ASSERT_EQ(b.status, 400);
  EXPECT_EQ(json::parse(b.body)["errors"].size(), 2u);

  json avail = {{"work_date", day}, {"start", "07:00"}, {"end", "13:00"}, {"area_region", "5201"},
                {"min_day_pay_fen", 10000}};
  auto a = env_->Post(As("seeker"), "/api/gig/availability", avail.dump());
  ASSERT_EQ(a.status, 201) << a.body;
  const int64_t availability_id = json::parse(a.body)["availability_id"];

  auto workers = env_->Get(As("employer"), "/api/gig/posts/" + std::to_string(post_id) + "/workers");
  ASSERT_EQ(workers.status, 200) << workers.body;
  auto wj = json::parse(workers.body);
  ASSERT_EQ(wj["items"].size(), 1u);
  EXPECT_EQ(wj["items"][0]["name"], "黔**");  // masked for the employer
  auto posts = env_->Get(As("seeker"), "/api/gig/availability/" + std::to_string(availability_id) + "/posts");
  ASSERT_EQ(posts.status, 200);
  // The post is among the availability's matches (other tests of the suite
  // may have posted work for the same day).
  const json matched = json::parse(posts.body)["items"];
  EXPECT_TRUE(std::any_of(matched.begin(), matched.end(), [&](const json& m) { return m["post_id"] == post_id; }))
      << posts.body;
  EXPECT_EQ(env_->Get(As("other"), "/api/gig/posts/" + std::to_string(post_id) + "/workers").status, 404);

  auto booked = env_->Post(As("county"), "/api/gig/posts/" + std::to_string(post_id) + "/book",
                           json{{"person_id", env_->in_person}}.dump());
  ASSERT_EQ(booked.status, 201) << booked.body;
  const int64_t booking_id = json::parse(booked.body)["booking_id"];
  // Zunyi's person is outside the county officer's scope (issue 13 §4) …
  auto outside = env_->Post(As("county"), "/api/gig/posts/" + std::to_string(post_id) + "/book",
                            json{{"person_id", env_->out_person}}.dump());
  EXPECT_EQ(outside.status, 404) << outside.body;
  // … and for the province officer, the post is full.
  auto full = env_->Post(As("prov"), "/api/gig/posts/" + std::to_string(post_id) + "/book",
                         json{{"person_id", env_->out_person}}.dump());
  EXPECT_EQ(full.status, 409) << full.body;

  auto done = env_->Post(As("employer"), "/api/gig/bookings/" + std::to_string(booking_id) + "/complete", "{}");
  ASSERT_EQ(done.status, 200) << done.body;
  const int64_t contract_id = json::parse(done.body)["contract_id"];
  const store::Value key[] = {contract_id};
  auto c = env_->setup_db->Query("SELECT flexible, person_id FROM contracts WHERE contract_id = ?", key);
  ASSERT_TRUE(c && c->size() == 1);
  EXPECT_EQ(c->at(0).Int(0), 1);
  EXPECT_EQ(c->at(0).Int(1), env_->in_person);
  EXPECT_EQ(env_->Post(As("employer"), "/api/gig/bookings/" + std::to_string(booking_id) + "/complete", "{}").status, 409);
}

// Issue #17 §3: gig posts pass the same screening — a discriminatory title
// or pay far above simple work is held (202), invisible, until an officer
// of the county approves it.
TEST_F(AdsGigApiTest, FlaggedGigPostIsHeldUntilApproved) {
  const std::string day = Today();
  json post = {{"title", "临时搬运工（限男性，35岁以下）"}, {"work_date", day}, {"start", "08:00"},
               {"end", "12:00"}, {"place_region", "520102"}, {"pay_unit", "day"},
               {"pay_fen", 20000}, {"headcount", 1}};
  auto held = env_->Post(As("employer"), "/api/gig/posts", post.dump());
  ASSERT_EQ(held.status, 202) << held.body;
  auto hj = json::parse(held.body);
  EXPECT_EQ(hj["status"], "pending");
  std::set<std::string> cats;
  for (const auto& f : hj["findings"]) cats.insert(f["category"].get<std::string>());
  EXPECT_EQ(cats, (std::set<std::string>{"sex", "age"}));
  EXPECT_NE(hj["warning"].get<std::string>().find("正文（十八）"), std::string::npos);
  const int64_t hold_id = hj["hold_id"];
  auto bait = post;
  bait["title"] = "搬运工";
  bait["pay_fen"] = 150000;  // 1,500 yuan for a day of simple labour
  auto b = env_->Post(As("employer"), "/api/gig/posts", bait.dump());
  ASSERT_EQ(b.status, 202) << b.body;
  EXPECT_EQ(json::parse(b.body)["findings"][0]["category"], "pay_bait");
  auto clean = post;
  clean["title"] = "搬运工";
  ASSERT_EQ(env_->Post(As("employer"), "/api/gig/posts", clean.dump()).status, 201);

  auto titles = [&](const std::string& who) {
    std::set<std::string> out;
    auto r = env_->Get(As(who), "/api/gig/posts");
    EXPECT_EQ(r.status, 200) << r.body;
    const json list = json::parse(r.body);  // kept alive for the loop
    for (const auto& p : list["items"]) {
      out.insert(p["title"].get<std::string>());
    }
    return out;
  };
  // The clean post is listed, the held ones are not (other tests' posts may be).
  auto listed = titles("seeker");
  EXPECT_TRUE(listed.count("搬运工"));
  EXPECT_FALSE(listed.count(post["title"].get<std::string>()));
  auto queue = json::parse(env_->Get(As("county"), "/api/gig/holds").body);
  EXPECT_EQ(queue["items"].size(), 2u);
  EXPECT_TRUE(json::parse(env_->Get(As("other"), "/api/gig/holds").body)["items"].empty());
  EXPECT_EQ(json::parse(env_->Get(As("employer"), "/api/gig/holds").body)["items"].size(), 2u);
  EXPECT_EQ(env_->Get(As("seeker"), "/api/gig/holds").status, 403);
  const std::string approve = "/api/gig/holds/" + std::to_string(hold_id) + "/approve";
  EXPECT_EQ(env_->Post(As("other"), approve, "{}").status, 404);
  EXPECT_EQ(env_->Post(As("employer"), approve, "{}").status, 403);
  EXPECT_EQ(env_->Post(As("county"), "/api/gig/holds/" + std::to_string(hold_id) + "/reject", "{}").status, 400);
  auto ok = env_->Post(As("county"), approve, json{{"note", "已约谈整改"}}.dump());
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_GT(json::parse(ok.body)["post"]["post_id"].get<int64_t>(), 0);
  EXPECT_EQ(env_->Post(As("county"), approve, "{}").status, 409);
  EXPECT_TRUE(titles("seeker").count(post["title"].get<std::string>()));
}

// Issue #17 §3: employers whose ads are repeatedly held, for the labour
// inspection, with the ads as evidence; the county officer's region only.
TEST_F(AdsGigApiTest, InspectionListsRepeatedlyHeldEmployersWithEvidence) {
  for (const char* text : {"先交押金500元", "在家打字员，日结", "拉满5人入职才发底薪"}) {
    ASSERT_EQ(env_->Post(As("employer"), "/api/jobs", Ad("普工", text).dump()).status, 202);
  }
  auto r = env_->Get(As("county"), "/api/ads/inspection");
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = json::parse(r.body);
  EXPECT_EQ(j["min_held"], 3);
  EXPECT_NE(j["basis"].get<std::string>().find("正文（十八）"), std::string::npos);
  ASSERT_GE(j["items"].size(), 1u);
  const json& k = j["items"][0];
  EXPECT_GE(k["held"].get<int>(), 3);
  EXPECT_EQ(k["ads"].size(), k["held"].get<size_t>());
  std::set<std::string> texts;
  for (const auto& ad : k["ads"]) texts.insert(ad["ad"]["requirements"].get<std::string>());
  EXPECT_TRUE(texts.count("先交押金500元"));
  EXPECT_TRUE(texts.count("拉满5人入职才发底薪"));
  // Zunyi's officer sees none of Nanming's; employers and seekers may not ask.
  EXPECT_TRUE(json::parse(env_->Get(As("other"), "/api/ads/inspection").body)["items"].empty());
  EXPECT_EQ(env_->Get(As("employer"), "/api/ads/inspection").status, 403);
  EXPECT_EQ(env_->Get(As("seeker"), "/api/ads/inspection").status, 403);
  EXPECT_EQ(env_->Get(As("county"), "/api/ads/inspection?min=1000").status, 200);
  EXPECT_TRUE(json::parse(env_->Get(As("county"), "/api/ads/inspection?min=1000").body)["items"].empty());
}

// Issue #14: a seeker sees the posts of their own county first, one page at
// a time, each marked with how near it is.
TEST_F(AdsGigApiTest, SeekerSeesOwnCountyPostsFirstPaged) {
  const std::string day = Today();
  for (const char* place : {"520302", "520102"}) {  // Zunyi's posted first
    json post = {{"title", "分拣"}, {"work_date", day}, {"start", "08:00"}, {"end", "12:00"},
                 {"place_region", place}, {"pay_unit", "day"}, {"pay_fen", 20000}, {"headcount", 1},
                 {"employer_credit_code", env_->in_credit}};
    auto posted = env_->Post(As("prov"), "/api/gig/posts", post.dump());
    ASSERT_EQ(posted.status, 201) << posted.body;
  }
  auto r = env_->Get(As("seeker"), "/api/gig/posts?date=" + day + "&limit=200");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["near"]["county_code"], "520102");
  ASSERT_GE(j["items"].size(), 2u);
  EXPECT_EQ(j["total"], j["items"].size());
  EXPECT_EQ(j["items"][0]["proximity"], "本县（市、区）");
  EXPECT_EQ(j["items"].back()["proximity"], "省内其他地区");
  bool far_seen = false;
  for (const auto& p : j["items"]) {
    if (p["county_code"] != "520102") far_seen = true;
    EXPECT_FALSE(far_seen && p["county_code"] == "520102") << "own county after another: " << r.body;
  }
  auto page = json::parse(env_->Get(As("seeker"), "/api/gig/posts?date=" + day + "&limit=1&offset=1").body);
  EXPECT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["total"], j["total"]);
  EXPECT_EQ(page["items"][0]["post_id"], j["items"][1]["post_id"]);
  EXPECT_EQ(env_->Get(As("seeker"), "/api/gig/posts?limit=abc").status, 400);
  EXPECT_EQ(env_->Get(As("county"), "/api/gig/posts?near=52").status, 400);
}

}  // namespace
}  // namespace qjy::server::testing
