// Officers by name and unit on the pages, never by account name (trial 3).
#include "server/officer_names.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

TEST(OfficerNamesTest, AccountsByDisplayNameAndUnitGeneratedByOffice) {
  TestEnv env;
  ASSERT_TRUE(env.setup_db->Exec("UPDATE accounts SET display_name = '乡镇经办人员' WHERE username = 'town'"));
  OfficerNames names(*env.setup_db, *env.regions);
  const std::string town_name = env.regions->Find(env.town_code)->name;
  EXPECT_EQ(names.Of("town"), "乡镇经办人员（" + town_name + "）");
  EXPECT_EQ(names.Of("gen:520102"), "南明区就业服务中心（系统生成）");
  EXPECT_EQ(names.Of("gen:999999"), "就业服务机构（系统生成）");
  EXPECT_EQ(names.Of("no_such_account"), "no_such_account");  // as stored
  EXPECT_EQ(names.Of(""), "");
}

TEST(OfficerNamesTest, TheTimelineAndTheQueueNameTheOfficer) {
  TestEnv env;
  ASSERT_TRUE(env.setup_db->Exec("UPDATE accounts SET display_name = '县级经办人员' WHERE username = 'county'"));
  const Login county = env.LogIn("county");
  Reply reg = env.Post(county, "/api/services/registrations",
                       json{{"person_id", env.in_person}, {"on", "2025-03-03"}, {"region_code", env.town_code}}.dump());
  ASSERT_EQ(reg.status, 201) << reg.body;
  Reply rec = env.Post(county, "/api/services/records",
                       json{{"person_id", env.in_person}, {"kind", "career_guidance"}, {"on", "2025-03-04"}}.dump());
  ASSERT_EQ(rec.status, 201) << rec.body;
  Reply t = env.Get(county, "/api/services/persons/" + std::to_string(env.in_person) + "?as_of=2025-03-05");
  ASSERT_EQ(t.status, 200) << t.body;
  const json timeline = json::parse(t.body);
  EXPECT_EQ(timeline["records"][0]["officer_name"], "县级经办人员（南明区）");
  EXPECT_EQ(timeline["registrations"][0]["officer_name"], "县级经办人员（南明区）");
  Reply q = env.Get(county, "/api/services/queue?region=520102&as_of=2025-03-05");
  ASSERT_EQ(q.status, 200) << q.body;
  const json queue = json::parse(q.body);
  int named = 0;
  for (const auto& w : queue["items"]) {
    if (w["officer"] == "county") {
      EXPECT_EQ(w["officer_name"], "县级经办人员（南明区）");
      ++named;
    }
  }
  EXPECT_GT(named, 0) << q.body;
}

}  // namespace
}  // namespace qjy::server::testing
