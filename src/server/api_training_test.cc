// 职业培训 over HTTP: a county officer adds a provider and a course, enrols
// the county's person, records attendance, completes and certifies; the
// 职业培训补贴 is refused while the person is not registered unemployed
// (the reason named), paid once after registration; the seeker sees it
// under 我的培训; a wrong JSON type is a 400 naming the field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/test_env.h"
#include "services/services_schema.h"
#include "store/migrations.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

TEST(TrainingApiTest, CourseToSubsidy) {
  TestEnv env;
  Login county = env.LogIn("county");
  Reply r = env.Post(county, "/api/training/providers", json{{"county_code", "520102"}, {"name", "云岩职业培训学校"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t provider = json::parse(r.body)["provider_id"];
  json course = {{"provider_id", provider}, {"title", "焊工培训班"}, {"occupation_code", "6-18-02-04"},
                 {"level", 4},              {"kind", "就业技能培训"},  {"hours", 16},
                 {"start_on", "2024-03-01"}, {"end_on", "2024-03-02"}, {"place_region", "520102"},
                 {"capacity", 1}};
  r = env.Post(county, "/api/training/courses", course.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string cid = std::to_string(json::parse(r.body)["course_id"].get<int64_t>());
  course["hours"] = "十六";
  r = env.Post(county, "/api/training/courses", course.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("学时"), std::string::npos) << r.body;

  r = env.Post(county, "/api/training/courses/" + cid + "/enrolments",
               json{{"person_id", env.in_person}, {"enrolled_on", "2024-02-20"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.body.find(env.in_id), std::string::npos);  // masked
  const std::string eid = std::to_string(json::parse(r.body)["enrolment_id"].get<int64_t>());
  r = env.Post(county, "/api/training/courses/" + cid + "/enrolments",
               json{{"person_id", env.in_person}, {"enrolled_on", "2024-02-21"}}.dump());
  EXPECT_EQ(r.status, 409) << r.body;  // full, and already enrolled
  for (const char* day : {"2024-03-01", "2024-03-02"}) {
    r = env.Post(county, "/api/training/enrolments/" + eid + "/attendance", json{{"on", day}, {"hours", 8}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
  }
  r = env.Post(county, "/api/training/enrolments/" + eid + "/complete", R"({"completed_on":"2024-03-02"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status_label"], "已结业");
  r = env.Post(county, "/api/training/enrolments/" + eid + "/certificate",
               R"({"cert_kind":"职业技能等级证书","level":4,"issued_on":"2024-03-15"})");
  ASSERT_EQ(r.status, 200) << r.body;

  const std::string pay = "/api/training/enrolments/" + eid + "/subsidies";
  // The test person is a college graduate (a group of its own right to the
  // subsidy): without the groups only a registration could qualify them.
  ASSERT_TRUE(env.setup_db->Exec("DELETE FROM person_groups WHERE person_id = ?",
                                 std::vector<store::Value>{env.in_person}));
  // The platform keeps registrations (the table exists) but none of this person's.
  ASSERT_TRUE(store::ApplyMigrations(*env.setup_db, services::ServicesMigrations()));
  r = env.Post(county, pay, R"({"kind":"training","on":"2024-04-01"})");
  ASSERT_EQ(r.status, 200) << r.body;
  json out = json::parse(r.body);
  EXPECT_EQ(out["outcome"], "refused");
  bool named = false;
  for (const auto& c : out["decision"]["conditions"]) {
    if (c["id"] == "target_group") {
      EXPECT_FALSE(c["pass"].get<bool>());
      named = c["seen"].get<std::string>().find("未进行失业登记") != std::string::npos;
    }
  }
  EXPECT_TRUE(named) << r.body;
  ASSERT_TRUE(env.setup_db->Exec(
      "INSERT INTO unemployment_registrations (county_code, person_id, registered_on, found_on, place_kind, "
      "region_code, channel, kind, served_as, flags, suggested_category, officer, status) VALUES ('520102', ?, "
      "'2024-02-01', '2024-02-01', 'hukou', '520102', 'counter', 'unemployed', 'registered', '', 'basic_skills', 'county', 'open')",
      std::vector<store::Value>{env.in_person}));
  r = env.Post(county, pay, R"({"kind":"training","on":"2024-04-01"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["outcome"], "paid") << r.body;
  EXPECT_EQ(json::parse(r.body)["decision"]["amount_fen"], 120000);
  r = env.Post(county, pay, R"({"kind":"职业培训补贴","on":"2024-04-02"})");
  EXPECT_EQ(json::parse(r.body)["outcome"], "already_paid") << r.body;

  r = env.Get(county, "/api/training/courses");
  ASSERT_EQ(r.status, 200) << r.body;
  json items = json::parse(r.body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["completed"], 1);
  EXPECT_EQ(items[0]["certified"], 1);
  EXPECT_EQ(items[0]["subsidy_fen"], 120000);
  r = env.Get(county, "/api/training/courses/" + cid + "/enrolments");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["items"][0]["subsidies"].size(), 1u);
  EXPECT_EQ(r.body.find(env.in_id), std::string::npos);

  Login seeker = env.LogIn("seeker");
  r = env.Get(seeker, "/api/me/training");
  ASSERT_EQ(r.status, 200) << r.body;
  json mine = json::parse(r.body)["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["course"]["title"], "焊工培训班");
  EXPECT_EQ(mine[0]["subsidies"][0]["kind_label"], "职业培训补贴");
}

// Recommendations from the skill gap against the job nearby (焊工 in 南明,
// the person holds nothing), the plan with its service record, withdrawal
// and course editing over HTTP.
TEST(TrainingApiTest, RecommendationsPlanWithdrawalAndEditing) {
  TestEnv env;
  Login county = env.LogIn("county");
  ASSERT_TRUE(store::ApplyMigrations(*env.setup_db, services::ServicesMigrations()));
  ASSERT_TRUE(env.setup_db->Exec(
      "INSERT INTO unemployment_registrations (county_code, person_id, registered_on, found_on, place_kind, "
      "region_code, channel, kind, served_as, flags, suggested_category, officer, status) VALUES ('520102', ?, "
      "'2024-02-01', '2024-02-01', 'hukou', '520102', 'counter', 'unemployed', 'registered', '', 'basic_skills', 'county', 'open')",
      std::vector<store::Value>{env.in_person}));
  Reply r = env.Post(county, "/api/training/providers", json{{"county_code", "520102"}, {"name", "云岩职业培训学校"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t provider = json::parse(r.body)["provider_id"];
  const Date today = Date::InChina(env.clock.Now());
  auto add = [&](const char* title, const char* occ, int days_ahead) {
    json c = {{"provider_id", provider}, {"title", title}, {"occupation_code", occ},
              {"level", 4}, {"kind", "就业技能培训"}, {"hours", 16},
              {"start_on", today.AddDays(days_ahead).ToString()}, {"end_on", today.AddDays(days_ahead + 5).ToString()},
              {"place_region", "520102"}, {"capacity", 2}};
    Reply a = env.Post(county, "/api/training/courses", c.dump());
    EXPECT_EQ(a.status, 201) << a.body;
    return json::parse(a.body)["course_id"].get<int64_t>();
  };
  const int64_t welding = add("焊工培训班", "6-18-02-04", 20);
  add("中式烹调师培训班", "4-03-02-01", 20);  // no cook's job nearby
  add("焊工（已开课）", "6-18-02-04", -1);      // started
  const std::string recs = "/api/training/persons/" + std::to_string(env.in_person) + "/recommendations";
  r = env.Get(county, recs);
  ASSERT_EQ(r.status, 200) << r.body;
  json out = json::parse(r.body);
  ASSERT_EQ(out["items"].size(), 1u) << r.body;
  EXPECT_EQ(out["items"][0]["course"]["course_id"], welding);
  const std::string reason = out["items"][0]["reason"];
  EXPECT_NE(reason.find("附近 1 个焊工岗位在招（共招"), std::string::npos) << reason;
  EXPECT_NE(reason.find("本课程「焊工培训班」"), std::string::npos) << reason;
  EXPECT_EQ(out["region"], "5201");
  // The seeker sees the same under 我的培训.
  Login seeker = env.LogIn("seeker");
  r = env.Get(seeker, "/api/me/training");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["recommendations"]["items"][0]["reason"], reason);
  EXPECT_EQ(env.Get(seeker, "/api/training/persons/" + std::to_string(env.out_person) + "/recommendations").status,
            404);

  // Into the plan, enrolled; a 职业培训机会 service is recorded with it.
  const std::string plan = "/api/training/persons/" + std::to_string(env.in_person) + "/plan";
  r = env.Post(county, plan, json{{"course_id", "abc"}}.dump());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("培训课程编号"), std::string::npos) << r.body;
  r = env.Post(county, plan, json{{"course_id", welding}, {"reason", reason}, {"enrol", true}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  out = json::parse(r.body);
  EXPECT_EQ(out["enrolment_status_label"], "在训");
  EXPECT_GT(out["service_record_id"].get<int64_t>(), 0);
  r = env.Post(county, plan, json{{"course_id", welding}}.dump());
  EXPECT_EQ(r.status, 409) << r.body;
  r = env.Get(county, recs);
  out = json::parse(r.body);
  EXPECT_TRUE(out["items"].empty()) << r.body;
  ASSERT_EQ(out["plan"].size(), 1u);
  EXPECT_EQ(out["plan"][0]["course"]["title"], "焊工培训班");
  EXPECT_EQ(out["plan"][0]["reason"], reason);
  EXPECT_EQ(out["plan"][0]["officer_name"], "county（南明区）");  // display name and unit (trial 3)
  r = env.Get(county, "/api/services/persons/" + std::to_string(env.in_person));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("一人一策：报名培训课程「焊工培训班」"), std::string::npos) << r.body;

  // Editing before the start: capacity below the enrolled is refused naming the field.
  const std::string course = "/api/training/courses/" + std::to_string(welding);
  r = env.Put(county, course, json{{"capacity", 0}}.dump());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("名额（capacity）"), std::string::npos) << r.body;
  r = env.Put(county, course, json{{"capacity", "三"}}.dump());
  EXPECT_EQ(r.status, 400) << r.body;
  r = env.Put(county, course, json{{"title", "焊工培训班（周末）"}, {"capacity", 3}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["capacity"], 3);
  EXPECT_EQ(json::parse(r.body)["enrolled"], 1);

  // Withdrawal: the reason is required; the place is freed.
  r = env.Get(county, "/api/training/courses/" + std::to_string(welding) + "/enrolments");
  const std::string eid = std::to_string(json::parse(r.body)["items"][0]["enrolment_id"].get<int64_t>());
  r = env.Post(county, "/api/training/enrolments/" + eid + "/withdraw", json{{"on", today.ToString()}}.dump());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("退出原因（reason）"), std::string::npos) << r.body;
  r = env.Post(county, "/api/training/enrolments/" + eid + "/withdraw",
               json{{"on", today.ToString()}, {"reason", "已在外地就业"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status_label"], "已退出");
  r = env.Get(county, "/api/training/courses");
  ASSERT_EQ(r.status, 200) << r.body;
  const json listed = json::parse(r.body);
  for (const auto& c : listed["items"]) {
    if (c["course_id"] != welding) continue;
    EXPECT_EQ(c["enrolled"], 0) << c.dump();
    EXPECT_EQ(c["withdrawn"], 1) << c.dump();
  }
}

}  // namespace
}  // namespace qjy::server::testing
