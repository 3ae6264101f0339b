// Issue 14: finding persons (part of a name, 拼音首字母, masked or full
// numbers, village) within the officer's region; the person page's data
// with names instead of codes; a service record's job checked to exist and
// be open (any job of the province: jobs are public postings, trial 3).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

std::vector<std::string> Names(TestEnv& env, const Login& l, const std::string& query) {
  Reply r = env.Get(l, "/api/persons?" + query);
  EXPECT_EQ(r.status, 200) << query << ": " << r.body;
  std::vector<std::string> out;
  if (r.status != 200) return out;
  const json body = json::parse(r.body);  // kept: a range over a temporary's member dangles
  for (const auto& p : body["items"]) out.push_back(p["name"]);
  return out;
}

std::string Encode(const std::string& s) {
  std::string out;
  char buf[4];
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

using V = std::vector<std::string>;

TEST(PersonSearchApiTest, PartOfANameInitialsNumbersAndVillageWithinScope) {
  TestEnv env;
  const Login county = env.LogIn("county"), other = env.LogIn("other"), prov = env.LogIn("prov");
  EXPECT_EQ(Names(env, county, "q=" + Encode("黔")), V{"黔内甲"});
  EXPECT_EQ(Names(env, county, "q=" + Encode("内甲")), V{"黔内甲"});
  EXPECT_EQ(Names(env, other, "q=" + Encode("黔")), V{});  // another county's officer
  EXPECT_EQ(Names(env, other, "q=" + Encode("遵")), V{"遵义乙"});
  EXPECT_EQ(Names(env, county, "q=" + Encode("遵")), V{});
  EXPECT_EQ(Names(env, prov, "q=" + Encode("乙")), V{"遵义乙"});
  EXPECT_EQ(Names(env, county, "q=qnj"), V{"黔内甲"});
  EXPECT_EQ(Names(env, county, "q=" + env.in_phone), V{"黔内甲"});
  EXPECT_EQ(Names(env, county, "q=" + Encode(env.in_phone.substr(0, 3) + "****" + env.in_phone.substr(7))),
            V{"黔内甲"});
  EXPECT_EQ(Names(env, county, "q=" + env.in_id), V{"黔内甲"});
  EXPECT_EQ(Names(env, county, "q=" + env.out_id), V{});  // out of scope: not found
  EXPECT_EQ(Names(env, county, "q=" + Encode(env.in_id.substr(0, 4) + std::string(10, '*') + env.in_id.substr(14))),
            V{"黔内甲"});
  EXPECT_EQ(Names(env, county, "q=" + env.in_id.substr(14)), V{"黔内甲"});
  // The older name= reads as part of a name too.
  EXPECT_EQ(Names(env, county, "name=" + Encode("黔")), V{"黔内甲"});
  // Village / township by part of its name.
  const Region* town = env.regions->Find(env.town_code);
  ASSERT_NE(town, nullptr);
  EXPECT_EQ(Names(env, county, "village=" + Encode(town->name)), V{"黔内甲"});
  EXPECT_EQ(Names(env, county, "village=" + Encode("不存在的村名")), V{});

  // Masked numbers and place names in the answer, never a full number.
  Reply r = env.Get(county, "/api/persons?q=" + Encode("黔"));
  EXPECT_EQ(r.body.find(env.in_id), std::string::npos);
  EXPECT_EQ(r.body.find(env.in_phone), std::string::npos);
  json item = json::parse(r.body)["items"][0];
  EXPECT_EQ(item["hukou_region_name"], town->name);
  EXPECT_EQ(json::parse(r.body)["searched"], "姓名");

  // What the box cannot read is a clear 400, never a 500.
  Reply bad = env.Get(county, "/api/persons?q=52010");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("身份证号"), std::string::npos) << bad.body;
  EXPECT_EQ(env.Get(county, "/api/persons?q=" + Encode("黔") + "&after=x").status, 400);
}

int64_t JobId(TestEnv& env, const Login& l, const std::string& region) {
  Reply r = env.Get(l, "/api/jobs?region=" + region);
  EXPECT_EQ(r.status, 200) << r.body;
  auto items = json::parse(r.body)["items"];
  EXPECT_FALSE(items.empty());
  return items.empty() ? 0 : items[0]["job_id"].get<int64_t>();
}

TEST(ServiceRecordApiTest, TheJobMustExistAndBeOpen) {
  TestEnv env;
  const Login county = env.LogIn("county");
  const int64_t in_job = JobId(env, county, "520102");
  const int64_t out_job = JobId(env, env.LogIn("other"), "520302");
  ASSERT_GT(in_job, 0);
  ASSERT_GT(out_job, 0);
  Reply reg = env.Post(county, "/api/services/registrations",
                       json{{"person_id", env.in_person}, {"on", "2025-03-03"}, {"region_code", env.town_code}}.dump());
  ASSERT_EQ(reg.status, 201) << reg.body;

  auto record = [&](json body) {
    body["person_id"] = env.in_person;
    if (!body.contains("kind")) body["kind"] = "job_recommendation";
    if (!body.contains("on")) body["on"] = "2025-03-04";
    return env.Post(county, "/api/services/records", body.dump());
  };
  static const struct {
    const char* name;
    json body;
    const char* message;
  } refused[] = {
      {"unknown job", {{"job_id", 12345}}, "岗位编号 12345 不存在"},
      {"no job", json::object(), "须填写推荐的岗位"},
      {"job with another kind", {{"kind", "career_guidance"}, {"job_id", 1}}, "只有“岗位推荐”"},
      {"not a number", {{"job_id", "abc"}}, "岗位编号（job_id）应为整数"},  // the body schema's check
      {"negative", {{"job_id", -3}}, "推荐岗位：岗位编号须为正整数"},
  };
  for (const auto& c : refused) {
    Reply r = record(c.body);
    EXPECT_EQ(r.status, 400) << c.name << ": " << r.body;
    EXPECT_NE(r.body.find("岗位"), std::string::npos) << c.name << ": " << r.body;  // names the field
    EXPECT_NE(r.body.find(c.message), std::string::npos) << c.name << ": " << r.body;
  }
  Reply early = record({{"job_id", in_job}, {"on", "2024-02-01"}});  // the job opens 2024-03-01
  EXPECT_EQ(early.status, 400) << early.body;
  EXPECT_NE(early.body.find("不在招聘期内"), std::string::npos) << early.body;
  const store::Value closed_id[] = {out_job};
  ASSERT_TRUE(env.setup_db->Exec("UPDATE jobs SET close_on = '2025-01-31' WHERE job_id = ?", closed_id));
  Reply closed = record({{"job_id", out_job}});  // closed before the service date
  EXPECT_EQ(closed.status, 400) << closed.body;
  EXPECT_NE(closed.body.find("已于 2025-01-31 截止招聘"), std::string::npos) << closed.body;

  // Nothing refused was stored or counted.
  Reply t = env.Get(county, "/api/services/persons/" + std::to_string(env.in_person) + "?as_of=2025-03-05");
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_TRUE(json::parse(t.body)["records"].empty());

  Reply ok = record({{"job_id", in_job}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(record({{"kind", "career_guidance"}}).status, 201);
  t = env.Get(county, "/api/services/persons/" + std::to_string(env.in_person) + "?as_of=2025-03-05");
  json timeline = json::parse(t.body);
  ASSERT_EQ(timeline["records"].size(), 2u);
  {
    // A township officer recommends a job outside the township (here in
    // another county: jobs are province-wide); the person stays in scope.
    const Login town = env.LogIn("town");
    const store::Value reopen[] = {out_job};
    ASSERT_TRUE(env.setup_db->Exec("UPDATE jobs SET close_on = NULL WHERE job_id = ?", reopen));
    for (const int64_t job : {in_job, out_job}) {
      Reply r = env.Post(town, "/api/services/records",
                         json{{"person_id", env.in_person}, {"kind", "job_recommendation"}, {"on", "2025-03-04"},
                              {"job_id", job}}.dump());
      EXPECT_EQ(r.status, 201) << job << ": " << r.body;
    }
    Reply other_person = env.Post(town, "/api/services/records",
                                  json{{"person_id", env.out_person}, {"kind", "job_recommendation"},
                                       {"on", "2025-03-04"}, {"job_id", in_job}}.dump());
    EXPECT_EQ(other_person.status, 404) << other_person.body;  // the person is still scoped
  }
  const json& rec = timeline["records"][0];
  EXPECT_EQ(rec["job_id"], in_job);
  EXPECT_EQ(rec["job_title"], "焊工");
  EXPECT_EQ(rec["employer_name"], "南明测试公司");
  EXPECT_FALSE(timeline["registrations"][0]["region_name"].get<std::string>().empty());

  // The queue names whom each item is about.
  Reply q = env.Get(county, "/api/services/queue?region=520102&as_of=2025-03-05");
  ASSERT_EQ(q.status, 200) << q.body;
  bool named = false;
  const json queue = json::parse(q.body);
  for (const auto& w : queue["items"]) {
    if (w["person_id"] == env.in_person) named = w["person_name"] == "黔内甲";
  }
  EXPECT_TRUE(named) << q.body;

  // The category's reason names the assessing officer as the pages do
  // (display name and unit), not by the account name.
  Reply as = env.Post(county, "/api/services/assessments",
                      json{{"person_id", env.in_person}, {"category", "basic_skills"}, {"on", "2025-03-05"}}.dump());
  ASSERT_EQ(as.status, 201) << as.body;
  t = env.Get(county, "/api/services/persons/" + std::to_string(env.in_person) + "?as_of=2025-03-05");
  ASSERT_EQ(t.status, 200) << t.body;
  timeline = json::parse(t.body);
  const std::string reason = timeline["current"]["category_reason"];
  const std::string officer = timeline["registrations"][0]["officer_name"];
  EXPECT_NE(officer, "county");
  EXPECT_NE(reason.find(officer + " 评估"), std::string::npos) << reason;
  EXPECT_EQ(reason.find(" county 评估"), std::string::npos) << reason;
}

TEST(PersonPageApiTest, RegionsByNameAndEntitlementsOnlyInScope) {
  TestEnv env;
  const Login county = env.LogIn("county"), other = env.LogIn("other");
  Reply p = env.Get(county, "/api/persons/" + std::to_string(env.in_person));
  ASSERT_EQ(p.status, 200) << p.body;
  json j = json::parse(p.body);
  EXPECT_EQ(j["hukou_region_name"], env.regions->Find(env.town_code)->name);
  EXPECT_EQ(j["residence_region_name"], "南明区");
  EXPECT_EQ(env.Get(county, "/api/policy/entitlements?person=" + std::to_string(env.in_person)).status, 200);
  EXPECT_EQ(env.Get(county, "/api/policy/entitlements?person=" + std::to_string(env.out_person)).status, 404);
  EXPECT_EQ(env.Get(other, "/api/policy/entitlements?person=" + std::to_string(env.in_person)).status, 404);
  EXPECT_EQ(env.Get(county, "/api/policy/entitlements?person=abc").status, 400);
}

// A person with a labour contract on the day is refused registration with
// the reason; the reason names the employer, not its credit code (#14).
TEST(RegistrationApiTest, TheEmployedReasonNamesTheEmployer) {
  TestEnv env;
  const Login county = env.LogIn("county");
  const store::Value p[] = {env.in_person, env.in_credit};
  ASSERT_TRUE(env.setup_db->Exec(
      "INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on, "
      "social_insurance_months, flexible, new_form, work_region, created_at, updated_at) "
      "VALUES ('520102', ?, ?, '2025-01-01', NULL, 0, 0, 0, '520102', 'x', 'x')",
      p));
  Reply reg = env.Post(county, "/api/services/registrations",
                       json{{"person_id", env.in_person}, {"on", "2025-03-03"}, {"region_code", env.town_code}}.dump());
  ASSERT_EQ(reg.status, 409) << reg.body;
  const std::string message = json::parse(reg.body)["message"];
  EXPECT_NE(message.find("单位 南明测试公司"), std::string::npos) << message;
  EXPECT_EQ(message.find(env.in_credit), std::string::npos) << message;
}

}  // namespace
}  // namespace qjy::server::testing
