// The calendar through the API with the clock set past the official
// calendar (issue: "the calendar runs out"): queues answer with provisional
// deadlines instead of failing, a province officer loads next year's
// notice, and the officers see which deadlines moved.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/refdata.h"
#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

int64_t At(const char* beijing_iso_date) {
  // Noon in Beijing on that day.
  return static_cast<int64_t>(Date::Parse(beijing_iso_date)->days()) * 86400 + 4 * 3600;
}

bool ShippedCovers2027() {
  auto cal = WorkCalendar::Load(RefdataDir());
  return cal && cal->Covers(2027);
}

std::string NoticeBody(const std::string& extra_holiday) {
  std::string text =
      "year: 2027\ntitle: 国务院办公厅关于2027年部分节假日安排的通知（测试）\ndocument: 测试〔2026〕2号\n"
      "published_on: 2026-11-20\nholidays:\n  - name: 元旦\n    off: [2027-01-01, 2027-01-03]\n" +
      extra_holiday;
  return json{{"text", text}, {"file_name", "通知2027.yaml"}}.dump();
}

json Queue(TestEnv& env, const Login& l) {
  Reply r = env.Get(l, "/api/services/queue?region=520102");
  EXPECT_EQ(r.status, 200) << r.body;
  return json::parse(r.body);
}

const json* Find(const json& items, const std::string& package) {
  for (const auto& w : items) {
    if (w["package_id"] == package) return &w;
  }
  return nullptr;
}

TEST(CalendarApiTest, December2026QueuesGiveProvisionalDeadlinesAndALoadMovesThem) {
  if (ShippedCovers2027()) GTEST_SKIP() << "the shipped calendar covers 2027 already";
  TestEnv env;
  env.clock.Set(At("2026-12-20"));
  Login county = env.LogIn("county");
  Reply reg = env.Post(county, "/api/services/registrations",
                       json{{"person_id", env.in_person}, {"on", "2026-12-20"}, {"region_code", env.town_code}}.dump());
  ASSERT_EQ(reg.status, 201) << reg.body;

  json q = Queue(env, county);
  const json* w1311 = Find(q["items"], "1311");
  ASSERT_NE(w1311, nullptr) << q.dump();
  // Found on Sunday 20 Dec: Mon 21 .. Fri 25 — inside 2026, final.
  EXPECT_EQ((*w1311)["deadline"], "2026-12-25");
  EXPECT_EQ((*w1311)["deadline_provisional"], false);
  // The short-term level ends in 2027: provisional, with the note.
  const json* lvl = Find(q["items"], "level_short");
  ASSERT_NE(lvl, nullptr) << q.dump();
  EXPECT_EQ((*lvl)["deadline_provisional"], true);
  EXPECT_EQ((*lvl)["deadline_note"], "2027 年节假日安排尚未公布，暂按周末计算");
  ASSERT_EQ(q["calendar_notes"].size(), 1u);
  const std::string old_deadline = (*lvl)["deadline"];
  const Date old_d = *Date::Parse(old_deadline);
  ASSERT_FALSE(old_d.is_weekend());

  // The person page shows the same note.
  Reply tl = env.Get(county, "/api/services/persons/" + std::to_string(env.in_person));
  ASSERT_EQ(tl.status, 200);
  EXPECT_NE(tl.body.find("暂按周末计算"), std::string::npos);

  json cal = json::parse(env.Get(county, "/api/calendar").body);
  EXPECT_EQ(cal["provisional_years"].front(), 2027);
  EXPECT_EQ(cal["may_load"], false);

  // Only a province-level officer may load; a county officer is refused.
  std::string holiday = "  - name: 测试假日\n    off: [" + old_deadline + ", " + old_deadline + "]\n";
  Reply denied = env.Post(county, "/api/calendar/notices", NoticeBody(holiday));
  EXPECT_EQ(denied.status, 403) << denied.body;
  // A bad notice: 400 naming the file and the line, nothing stored.
  Login prov = env.LogIn("prov");
  Reply bad = env.Post(prov, "/api/calendar/notices",
                       NoticeBody("  - name: 春节\n    off: [2027-02-06, 2027-02-12]\n    work: [2027-02-19]\n"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("通知2027.yaml 第 10 行"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("调休上班日应为星期六或星期日"), std::string::npos) << bad.body;
  EXPECT_TRUE(json::parse(env.Get(prov, "/api/calendar").body)["notices"].empty());

  // The notice makes the level's last day a holiday: the deadline moves to
  // the next working day and is final.
  EXPECT_EQ(json::parse(env.Get(prov, "/api/calendar").body)["may_load"], true);
  Reply ok = env.Post(prov, "/api/calendar/notices", NoticeBody(holiday));
  ASSERT_EQ(ok.status, 201) << ok.body;
  json loaded = json::parse(ok.body);
  EXPECT_GE(loaded["moved"].get<int>(), 1);

  json after = Queue(env, county);
  const json* lvl2 = Find(after["items"], "level_short");
  ASSERT_NE(lvl2, nullptr);
  Date want = old_d.AddDays(1);
  while (want.is_weekend()) want = want.AddDays(1);
  EXPECT_EQ((*lvl2)["deadline"], want.ToString());
  EXPECT_EQ((*lvl2)["deadline_provisional"], false);
  EXPECT_TRUE(after["calendar_notes"].empty());
  bool listed = false;
  for (const auto& c : after["deadline_changes"]) {
    if (c["package_id"] == "level_short" && c["old_deadline"] == old_deadline &&
        c["new_deadline"] == want.ToString()) {
      listed = true;
    }
  }
  EXPECT_TRUE(listed) << after["deadline_changes"].dump();
  // Another county's officer does not see this county's changes.
  json other = json::parse(env.Get(env.LogIn("other"), "/api/calendar").body);
  EXPECT_TRUE(other["deadline_changes"].empty());
  // The load is audited.
  Reply audit = env.Get(env.LogIn("auditor"), "/api/audit?action=calendar.load");
  EXPECT_NE(audit.body.find("calendar:2027"), std::string::npos) << audit.body;
}

TEST(CalendarApiTest, March2027EverythingAnswersWithoutANotice) {
  if (ShippedCovers2027()) GTEST_SKIP() << "the shipped calendar covers 2027 already";
  TestEnv env;
  env.clock.Set(At("2027-03-01"));
  Login county = env.LogIn("county");
  Reply reg = env.Post(county, "/api/services/registrations",
                       json{{"person_id", env.in_person}, {"on", "2027-03-01"}, {"region_code", env.town_code}}.dump());
  ASSERT_EQ(reg.status, 201) << reg.body;
  json q = Queue(env, county);
  const json* w1311 = Find(q["items"], "1311");
  ASSERT_NE(w1311, nullptr) << q.dump();
  EXPECT_EQ((*w1311)["deadline"], "2027-03-08");  // Mon 1 Mar + 5 weekdays
  EXPECT_EQ((*w1311)["deadline_provisional"], true);
  for (const char* path : {"/api/services/compliance?region=520102", "/api/services/classify?region=520102",
                           "/api/calendar"}) {
    Reply r = env.Get(county, path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  }
  Reply tl = env.Get(county, "/api/services/persons/" + std::to_string(env.in_person));
  EXPECT_EQ(tl.status, 200) << tl.body;
  json cal = json::parse(env.Get(county, "/api/calendar").body);
  EXPECT_EQ(cal["today"], "2027-03-01");
  EXPECT_EQ(cal["provisional_note"], "2027、2028、2029 年节假日安排尚未公布，暂按周末计算");
}

}  // namespace
}  // namespace qjy::server::testing
