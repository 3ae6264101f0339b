// Issue #14 over HTTP: the seeker registers online through the officers'
// registration path (refused while employed, naming the employer), follows
// the case, applies once to an open job; the employer sees the applicant
// masked, invites them (seen on the seeker's side), and edits a held ad
// that is screened again.
#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

int64_t JobOf(TestEnv& env, const char* county) {
  auto rows = env.setup_db->Query(std::string("SELECT MIN(job_id) FROM jobs WHERE county_code = '") + county + "'");
  return rows && !rows->empty() ? rows->front().Int(0) : 0;
}

TEST(JourneysApiTest, SeekerRegistersOnlineAppliesOnceAndTheEmployerInvites) {
  TestEnv env;
  Login seeker = env.LogIn("seeker");
  Login employer = env.LogIn("employer");

  // Employed today (an open contract with the county's company): refused,
  // the reason names the employer; nothing is registered.
  {
    store::RegistryStore registry(*env.setup_db, *env.vault);
    registry::Contract k;
    k.county_code = "520102";
    k.person_id = env.in_person;
    k.employer_credit_code = env.in_credit;
    k.start_on = *Date::Parse("2024-01-01");
    auto tx = store::Transaction::Begin(*env.setup_db);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry.UpsertContract(k, "test"));
    ASSERT_TRUE(tx->Commit());
  }
  Reply r = env.Post(seeker, "/api/me/registration", "{}");
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("南明测试公司"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("就业状态"), std::string::npos) << r.body;
  r = env.Get(seeker, "/api/me/case");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(json::parse(r.body)["current"].is_null());
  EXPECT_TRUE(json::parse(r.body)["can_register"].get<bool>());

  // The contract ended: registered online, the case shows what is owed.
  ASSERT_TRUE(env.setup_db->Exec("UPDATE contracts SET end_on = '2025-01-31' WHERE person_id = ?",
                                 std::vector<store::Value>{env.in_person}));
  // A day after today is refused in the form's terms (trial 3).
  const std::string today = Date::InChina(env.clock.Now()).ToString();
  r = env.Post(seeker, "/api/me/registration", json{{"found_on", "2099-01-01"}}.dump());
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("发现失业日期不能晚于今天（" + today + "）"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("登记日期"), std::string::npos) << r.body;
  r = env.Post(seeker, "/api/me/registration", R"({"found_on":"2025-02-01"})");
  ASSERT_EQ(r.status, 201) << r.body;
  json reg = json::parse(r.body);
  EXPECT_EQ(reg["channel"], "online");
  EXPECT_EQ(reg["channel_label"], "线上");
  EXPECT_EQ(reg["place"], "online");
  EXPECT_EQ(reg["found_on"], "2025-02-01");
  EXPECT_EQ(reg["region_code"].get<std::string>().substr(0, 6), "520102");
  r = env.Post(seeker, "/api/me/registration", "{}");
  EXPECT_EQ(r.status, 409) << r.body;  // one open registration
  r = env.Get(seeker, "/api/me/case");
  ASSERT_EQ(r.status, 200) << r.body;
  json mine = json::parse(r.body);
  ASSERT_FALSE(mine["current"].is_null());
  EXPECT_TRUE(mine["current"]["open"].get<bool>());
  EXPECT_FALSE(mine["current"]["obligations"].empty()) << r.body;
  EXPECT_FALSE(mine["can_register"].get<bool>());
  // The county officer's queue has it (the same registration path).
  r = env.Get(env.LogIn("county"), "/api/services/persons/" + std::to_string(env.in_person));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["registrations"].size(), 1u);

  // Apply once to an open job; the second is refused with the first date.
  const int64_t job = JobOf(env, "520102");
  r = env.Get(seeker, "/api/jobs/" + std::to_string(job));
  ASSERT_EQ(r.status, 200) << r.body;
  json page = json::parse(r.body);
  EXPECT_EQ(page["employer_name"], "南明测试公司");
  EXPECT_TRUE(page["open"].get<bool>());
  EXPECT_TRUE(page["my_application"].is_null());
  r = env.Post(seeker, "/api/jobs/" + std::to_string(job) + "/applications", "{}");
  ASSERT_EQ(r.status, 201) << r.body;
  r = env.Post(seeker, "/api/jobs/" + std::to_string(job) + "/applications", "{}");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("只能投递一次"), std::string::npos) << r.body;
  // A closed job cannot be applied to.
  const int64_t other_job = JobOf(env, "520302");
  ASSERT_TRUE(env.setup_db->Exec("UPDATE jobs SET close_on = '2025-01-01' WHERE job_id = ?",
                                 std::vector<store::Value>{other_job}));
  r = env.Post(seeker, "/api/jobs/" + std::to_string(other_job) + "/applications", "{}");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("截止"), std::string::npos) << r.body;
  // Nor an employer, on anyone's behalf.
  EXPECT_EQ(env.Post(employer, "/api/jobs/" + std::to_string(job) + "/applications", "{}").status, 403);

  // The employer sees the applicant masked: 黔*, no full ID or phone.
  r = env.Get(employer, "/api/applications");
  ASSERT_EQ(r.status, 200) << r.body;
  json apps = json::parse(r.body);
  ASSERT_EQ(apps["applications"].size(), 1u);
  EXPECT_EQ(apps["applications"][0]["name"], "黔**");
  EXPECT_EQ(r.body.find("黔内甲"), std::string::npos);
  EXPECT_EQ(r.body.find(env.in_id), std::string::npos);
  EXPECT_EQ(r.body.find(env.in_phone), std::string::npos);
  EXPECT_EQ(apps["applications"][0]["job_title"], "焊工");

  // Inviting the applicant reaches the seeker; twice is refused; another
  // employer's job is not found; a stranger to the job is refused.
  r = env.Post(employer, "/api/jobs/" + std::to_string(job) + "/invitations",
               json{{"person_id", env.in_person}, {"message", "请来面试"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(env.Post(employer, "/api/jobs/" + std::to_string(job) + "/invitations",
                     json{{"person_id", env.in_person}}.dump())
                .status,
            409);
  EXPECT_EQ(env.Post(employer, "/api/jobs/" + std::to_string(other_job) + "/invitations",
                     json{{"person_id", env.in_person}}.dump())
                .status,
            404);
  EXPECT_EQ(env.Post(employer, "/api/jobs/" + std::to_string(job) + "/invitations",
                     json{{"person_id", env.out_person}}.dump())
                .status,
            400);
  r = env.Get(seeker, "/api/applications");
  ASSERT_EQ(r.status, 200) << r.body;
  json seen = json::parse(r.body);
  ASSERT_EQ(seen["invitations"].size(), 1u);
  EXPECT_EQ(seen["invitations"][0]["employer_name"], "南明测试公司");
  EXPECT_EQ(seen["invitations"][0]["message"], "请来面试");
  ASSERT_EQ(seen["applications"].size(), 1u);

  // Every write is on the audit trail.
  Login auditor = env.LogIn("auditor");
  for (const char* action : {"services.register", "job.apply", "job.invite", "applications.read"}) {
    json trail = json::parse(env.Get(auditor, std::string("/api/audit?action=") + action).body);
    EXPECT_FALSE(trail["items"].empty()) << action;
  }
}

// Trial 3: neither side could reach the other after an invitation. The
// seeker answers once; accepting lets the inviting employer see the phone
// for that job (each reading audited with the invitation), declining shows
// 已婉拒 and nothing more.
TEST(JourneysApiTest, TheSeekerAnswersInvitationsAndAcceptingSharesThePhone) {
  TestEnv env;
  Login seeker = env.LogIn("seeker"), employer = env.LogIn("employer");
  ASSERT_TRUE(env.setup_db->Exec(
      "INSERT INTO jobs (county_code, employer_credit_code, title, occupation_code, headcount, wage_min_fen, "
      "wage_max_fen, place_region, type, requirements, open_on, close_on, created_at, updated_at) "
      "SELECT county_code, employer_credit_code, '仓管员', occupation_code, 1, wage_min_fen, wage_max_fen, "
      "place_region, type, requirements, open_on, NULL, created_at, updated_at FROM jobs WHERE title = '焊工'"));
  auto rows = env.setup_db->Query("SELECT job_id FROM jobs WHERE employer_credit_code = ? ORDER BY job_id",
                                  std::vector<store::Value>{env.in_credit});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  std::vector<int64_t> invitations;
  for (const auto& row : *rows) {
    const std::string job = std::to_string(row.Int(0));
    ASSERT_EQ(env.Post(seeker, "/api/jobs/" + job + "/applications", "{}").status, 201);
    Reply r = env.Post(employer, "/api/jobs/" + job + "/invitations", json{{"person_id", env.in_person}}.dump());
    ASSERT_EQ(r.status, 201) << r.body;
    invitations.push_back(json::parse(r.body)["invitation_id"].get<int64_t>());
  }
  Reply r = env.Get(employer, "/api/applications");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find(env.in_phone), std::string::npos) << "no phone before an answer";
  EXPECT_EQ(json::parse(r.body)["invitations"][0]["answer_label"], "待答复");

  auto answer = [&](const Login& l, int64_t id, const char* what) {
    return env.Post(l, "/api/me/invitations/" + std::to_string(id) + "/answer", json{{"answer", what}}.dump());
  };
  EXPECT_EQ(answer(employer, invitations[0], "accept").status, 403);  // only the seeker answers
  EXPECT_EQ(answer(seeker, 999999, "accept").status, 404);
  EXPECT_EQ(answer(seeker, invitations[0], "maybe").status, 400);
  r = answer(seeker, invitations[0], "accept");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["answer"], "accepted");
  r = answer(seeker, invitations[0], "decline");
  EXPECT_EQ(r.status, 409) << r.body;  // answered once
  EXPECT_NE(r.body.find("已接受"), std::string::npos) << r.body;
  ASSERT_EQ(answer(seeker, invitations[1], "decline").status, 200);

  r = env.Get(employer, "/api/applications");
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<int64_t, json> by_id;
  const json sent = json::parse(r.body);  // kept: a range over a temporary's member dangles
  for (const auto& i : sent["invitations"]) by_id[i["invitation_id"].get<int64_t>()] = i;
  EXPECT_EQ(by_id[invitations[0]]["answer_label"], "已接受");
  EXPECT_EQ(by_id[invitations[0]].value("phone", ""), env.in_phone);
  EXPECT_EQ(by_id[invitations[1]]["answer_label"], "已婉拒");
  EXPECT_FALSE(by_id[invitations[1]].contains("phone"));
  auto count = [&](const std::string& sql) {
    auto c = env.setup_db->Query(sql);
    return c && !c->empty() ? c->front().Int(0) : -1;
  };
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation.phone' AND detail LIKE 'invitation:" +
                  std::to_string(invitations[0]) + " %'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation.phone' AND detail LIKE 'invitation:" +
                  std::to_string(invitations[1]) + " %'"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation.answer' AND result = 'ok'"), 2);
  // The seeker sees the answers.
  r = env.Get(seeker, "/api/applications");
  const json mine = json::parse(r.body);
  ASSERT_EQ(mine["invitations"].size(), 2u);
  for (const auto& i : mine["invitations"]) EXPECT_NE(i["answer"], "") << i.dump();
}

TEST(JourneysApiTest, EmployerEditsAHeldAdUntilItPublishes) {
  TestEnv env;
  Login employer = env.LogIn("employer");
  json ad = {{"title", "仓库管理员"}, {"occupation_code", "6-18-02-04"}, {"place_region", "520102"},
             {"wage_min_fen", 300000}, {"wage_max_fen", 400000}, {"requirements", "限男性，35岁以下"},
             {"contact_name", "王女士"}, {"contact_phone", "13800001111"}};
  Reply r = env.Post(employer, "/api/jobs", ad.dump());
  ASSERT_EQ(r.status, 202) << r.body;
  const int64_t ad_id = json::parse(r.body)["ad_id"];
  EXPECT_EQ(r.body.find("13800001111"), std::string::npos) << "phone masked";
  const std::string path = "/api/ads/" + std::to_string(ad_id) + "/resubmit";

  // Still discriminatory: held again with the remaining reason.
  ad["requirements"] = "35岁以下";
  ad["contact_phone"] = "";
  r = env.Post(employer, path, ad.dump());
  ASSERT_EQ(r.status, 202) << r.body;
  json held = json::parse(r.body);
  EXPECT_EQ(held["status"], "pending");
  ASSERT_EQ(held["findings"].size(), 1u);
  EXPECT_EQ(held["findings"][0]["category"], "age");
  // A bad phone is named, nothing changes.
  ad["contact_phone"] = "12345";
  r = env.Post(employer, path, ad.dump());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("联系电话：应为 11 位手机号码"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("*"), std::string::npos) << r.body;  // no masked echo of one's own input

  // Clean: published at once, the job page shows the contact masked.
  ad["requirements"] = "男女不限，年龄不限，持证上岗";
  ad["contact_phone"] = "";
  r = env.Post(employer, path, ad.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t job = json::parse(r.body)["job_id"];
  ASSERT_GT(job, 0);
  r = env.Get(env.LogIn("seeker"), "/api/jobs/" + std::to_string(job));
  ASSERT_EQ(r.status, 200) << r.body;
  json page = json::parse(r.body);
  EXPECT_EQ(page["contact"]["name"], "王女士");
  EXPECT_EQ(page["contact"]["phone_masked"], "138****1111");
  // Published: no more edits.
  EXPECT_EQ(env.Post(employer, path, ad.dump()).status, 409);
  // Another employer's ad, and a seeker, are refused.
  EXPECT_EQ(env.Post(env.LogIn("seeker"), path, ad.dump()).status, 403);
}

// An online registration waits for an officer: the county officer sees it
// in the queue of unassigned registrations (name, masked ID, the officer
// accounts of the place) and assigns one, once; the assigned officer's
// queue then carries its obligations. Audited.
TEST(JourneysApiTest, CountyOfficerAssignsAnOfficerToAnOnlineRegistration) {
  TestEnv env;
  Login seeker = env.LogIn("seeker");
  Login county = env.LogIn("county");
  Reply r = env.Post(seeker, "/api/me/registration", "{}");
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t id = json::parse(r.body)["registration_id"];

  r = env.Get(county, "/api/services/online-registrations");
  ASSERT_EQ(r.status, 200) << r.body;
  json q = json::parse(r.body);
  ASSERT_EQ(q["items"].size(), 1u) << r.body;
  const json& item = q["items"][0];
  EXPECT_EQ(item["registration_id"], id);
  EXPECT_EQ(item["person_name"], "黔内甲");
  EXPECT_EQ(item["id_number"].get<std::string>().find(env.in_id), std::string::npos);
  EXPECT_NE(item["id_number"].get<std::string>().find('*'), std::string::npos);
  std::vector<std::string> officers;
  for (const auto& o : item["officers"]) officers.push_back(o["username"]);
  EXPECT_EQ(officers, std::vector<std::string>{"county"});  // the township officer does not cover 520102
  EXPECT_TRUE(json::parse(env.Get(env.LogIn("other"), "/api/services/online-registrations").body)["items"].empty());
  EXPECT_EQ(env.Get(seeker, "/api/services/online-registrations").status, 403);

  const std::string assign = "/api/services/online-registrations/" + std::to_string(id) + "/assign";
  EXPECT_EQ(env.Post(county, assign, R"({"officer":"town"})").status, 400);      // not of that place
  EXPECT_EQ(env.Post(county, assign, R"({"officer":"nobody"})").status, 400);
  EXPECT_EQ(env.Post(env.LogIn("other"), assign, R"({"officer":"other"})").status, 404);  // out of scope
  r = env.Post(county, assign, R"({"officer":"county"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(env.Post(county, assign, R"({"officer":"county"})").status, 409);  // once
  EXPECT_TRUE(json::parse(env.Get(county, "/api/services/online-registrations").body)["items"].empty());

  r = env.Get(county, "/api/services/queue?officer=county");
  ASSERT_EQ(r.status, 200) << r.body;
  bool mine = false;
  const json queue = json::parse(r.body);
  for (const auto& w : queue["items"]) mine |= w["person_id"] == env.in_person && w["officer"] == "county";
  EXPECT_TRUE(mine) << r.body;
  auto audit = env.setup_db->Query("SELECT COUNT(*) FROM audit_log WHERE action = 'services.assign' AND result = 'ok'");
  ASSERT_TRUE(audit) << audit.error().message;
  EXPECT_EQ(audit->front().Int(0), 1);
}

}  // namespace
}  // namespace qjy::server::testing
