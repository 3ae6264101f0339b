// Type-confused JSON bodies on every state-changing route: never a 5xx;
// a declared field of the wrong type is a 400 that names the field.
#include "server/body_schema.h"

#include <gtest/gtest.h>

#include <set>

#include "core/utf8.h"
#include "server/shared_env_test_util.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

bool StateChanging(const std::string& m) { return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE"; }

// State-changing routes that read no JSON body (multipart or nothing).
const std::set<std::string> kNoJsonBody = {
    "POST /api/logout",
    "POST /api/import/{entity}",
    "POST /api/loans/bank-files",  // multipart
    "POST /api/gig/bookings/{booking_id}/complete",
    "POST /api/gig/bookings/{booking_id}/cancel",
    "POST /api/jobs/{job_id}/close",
    "POST /api/supervision/facts",  // a CSV file
};

// Values of every JSON type except the declared one (null only where the
// field is not nullable).
std::vector<json> WrongValues(const BodyField& f) {
  const std::vector<json> all = {json(nullptr), json(1), json(-7), json(1.5), json(true), json("x"), json("12"),
                                 json::array(), json::array({1, 2}), json::object(), json({{"a", 1}}),
                                 json(std::string(300, 'a')), json(9223372036854775807LL)};
  std::vector<json> out;
  for (const auto& v : all) {
    if (!FieldTypeMatches(f, v)) out.push_back(v);
  }
  return out;
}

// A concrete target for a pattern: {person_id} the in-scope person, any
// other id 1, {entity} persons, {action} each services write.
std::vector<std::string> Targets(const std::string& pattern) {
  auto& env = Env();
  std::string t = pattern;
  auto rep = [&](const std::string& key, const std::string& v) {
    for (size_t p; (p = t.find(key)) != std::string::npos;) t.replace(p, key.size(), v);
  };
  rep("{person_id}", std::to_string(env.in_person));
  rep("{entity}", "persons");
  if (t.find("{action}") != std::string::npos) {
    std::vector<std::string> out;
    for (const char* a : {"registrations", "records", "assessments", "deregistrations"}) {
      std::string x = t;
      x.replace(x.find("{action}"), 8, a);
      out.push_back(x);
    }
    return out;
  }
  for (size_t p; (p = t.find('{')) != std::string::npos;) t.replace(p, t.find('}', p) - p + 1, "1");
  return {t};
}

class BodySchemaTest : public OwnEnvSuite {};

TEST_F(BodySchemaTest, EveryStateChangingRouteIsDeclared) {
  for (const auto& r : Api::Routes()) {
    if (!StateChanging(r.method)) continue;
    const std::string key = r.method + " " + r.pattern;
    EXPECT_TRUE(FindBodySchema(r.method, r.pattern) != nullptr || kNoJsonBody.contains(key))
        << key << " reads a body without a declared schema";
  }
  for (const auto& s : BodySchemas()) {
    bool routed = false;
    for (const auto& r : Api::Routes()) routed |= r.method == s.method && r.pattern == s.pattern;
    EXPECT_TRUE(routed) << s.method << " " << s.pattern << " is not a route";
  }
}

TEST_F(BodySchemaTest, FieldTypes) {
  BodyField id{"person_id", FieldType::kIntegerOrDigits, "人员编号"};
  EXPECT_TRUE(FieldTypeMatches(id, json(12)));
  EXPECT_TRUE(FieldTypeMatches(id, json("12")));
  EXPECT_FALSE(FieldTypeMatches(id, json("12a")));
  EXPECT_FALSE(FieldTypeMatches(id, json("")));
  EXPECT_FALSE(FieldTypeMatches(id, json(1.5)));
  EXPECT_FALSE(FieldTypeMatches(id, json(nullptr)));
  BodyField list{"skills", FieldType::kStringArray, "技能"};
  EXPECT_TRUE(FieldTypeMatches(list, json::array({"a"})));
  EXPECT_FALSE(FieldTypeMatches(list, json::array({"a", 1})));
  BodyField note{"note", FieldType::kString, "备注", true};
  EXPECT_TRUE(FieldTypeMatches(note, json(nullptr)));
  EXPECT_FALSE(FieldTypeMatches(note, json(1)));
}

// A long Chinese value of the wrong type is shown by its first characters,
// never cut inside a character (the answer is valid UTF-8 without U+FFFD).
TEST_F(BodySchemaTest, ShownValueIsCutBetweenCharacters) {
  BodySchema schema{"POST", "/x", {{"person_id", FieldType::kIntegerOrDigits, "人员编号"}}};
  HttpRequest req;
  req.method = "POST";
  req.target = "/x";
  req.headers = {{"content-type", "application/json"}};
  std::string value = "a";  // one ASCII byte first: byte 40 falls inside a character
  for (int i = 0; i < 30; ++i) value += "填表人";
  req.body = json{{"person_id", value}}.dump();
  auto r = CheckJsonBody(schema, req);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 400);
  ASSERT_TRUE(IsValidUtf8(r->body)) << r->body;
  EXPECT_EQ(r->body.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(r->body.find("\\ufffd"), std::string::npos);
  auto shown = json::parse(r->body)["errors"][0]["value"].get<std::string>();
  EXPECT_TRUE(shown.ends_with("…")) << shown;
  EXPECT_NE(shown.find("填表人填表人"), std::string::npos) << shown;
}

// Sends the body as the county officer (the login route anonymously).
Reply SendAs(const std::string& method, const std::string& target, const std::string& body) {
  auto& env = Env();
  if (target == "/api/login") {
    return env.Send(method, target, body, {{"Content-Type", "application/json"}});
  }
  return method == "PUT" ? env.Put(As("county"), target, body) : env.Post(As("county"), target, body);
}

TEST_F(BodySchemaTest, TypeConfusedBodiesNeverGive5xx) {
  auto& env = Env();
  // A gig post of the county, so that booking would reach its body.
  const Date soon = Date::FromDays(static_cast<int32_t>((env.clock.Now() + 8 * 3600) / 86400)).AddDays(5);
  json post = {{"employer_credit_code", env.in_credit}, {"title", "搬运"}, {"place_region", "520102"},
               {"pay_fen", 20000}, {"headcount", 2}, {"work_date", soon.ToString()}};
  EXPECT_EQ(env.Post(As("county"), "/api/gig/posts", post.dump()).status, 201);

  int sent = 0;
  for (const auto& r : Api::Routes()) {
    if (!StateChanging(r.method)) continue;
    if (r.pattern == "/api/logout") continue;  // would end the session the test uses
    const BodySchema* schema = FindBodySchema(r.method, r.pattern);
    for (const auto& target : Targets(r.pattern)) {
      // Bodies that are no object at all.
      for (const char* raw : {"1", "\"x\"", "[]", "null", "{", "{\"a\":}", "\xff\xfe"}) {
        Reply rep = SendAs(r.method, target, raw);
        ++sent;
        EXPECT_LT(rep.status, 500) << r.method << " " << target << " " << raw << ": " << rep.body;
        EXPECT_GT(rep.status, 0) << r.method << " " << target;
      }
      if (!schema) continue;
      for (const auto& f : schema->fields) {
        for (const auto& v : WrongValues(f)) {
          const std::string body = json{{f.name, v}}.dump();
          Reply rep = SendAs(r.method, target, body);
          ++sent;
          EXPECT_EQ(rep.status, 400) << r.method << " " << target << " " << body << ": " << rep.body;
          if (rep.status != 400) continue;
          auto j = json::parse(rep.body);
          EXPECT_NE(j["message"].get<std::string>().find(f.name), std::string::npos) << rep.body;
          EXPECT_NE(j["message"].get<std::string>().find(f.label), std::string::npos) << rep.body;
          ASSERT_EQ(j["errors"].size(), 1u) << rep.body;
          EXPECT_EQ(j["errors"][0]["field"], f.name);
        }
      }
    }
  }
  EXPECT_GT(sent, 500);
  // The server still answers an ordinary request.
  EXPECT_EQ(env.Get(As("county"), "/api/me").status, 200);
}

}  // namespace
}  // namespace qjy::server::testing
