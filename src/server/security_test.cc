// Masking, plaintext-at-rest, CSRF, cookies, limits, malformed input, path
// traversal, SQL metacharacters, lockout and session lifetime over HTTP.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/mask.h"
#include "server/openapi.h"
#include "server/shared_env_test_util.h"

namespace qjy::server::testing {
namespace {

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> GetTargets() {
  auto& env = Env();
  return {"/api/me",
          "/api/regions/520102",
          "/api/persons",
          "/api/persons?region=52",
          "/api/persons?id_number=" + env.in_id,
          "/api/persons/" + std::to_string(env.in_person),
          "/api/persons/" + std::to_string(env.out_person),
          "/api/employers",
          "/api/jobs",
          "/api/audit?limit=500",
          "/api/openapi.json"};
}

TEST(MaskingScanTest, NoIdNumberOrPhoneInAnyGetAsAnyRole) {
  auto& env = Env();
  // Put identity-looking text into the audit trail first: a reveal whose
  // typed reason contains an ID number and a phone number.
  ASSERT_EQ(env.Post(As("county"), "/api/persons/" + std::to_string(env.in_person) + "/reveal",
                     R"({"field":"id_number","reason":"核对 )" + env.in_id + " " + env.in_phone +
                         R"("})")
                .status,
            200);
  const std::regex id_re("\\d{17}[\\dX]");
  const std::regex phone_re("1\\d{10}");
  for (const char* user : TestEnv::kUsers) {
    for (const auto& target : GetTargets()) {
      Reply r = env.Get(As(user), target);
      ASSERT_NE(r.status, 0) << target;
      EXPECT_FALSE(std::regex_search(r.body, id_re)) << user << " " << target << ": " << r.body;
      EXPECT_FALSE(std::regex_search(r.body, phone_re)) << user << " " << target << ": " << r.body;
    }
  }
}

TEST(PlaintextScanTest, NoPlaintextIdInDatabaseWalOrLog) {
  auto& env = Env();
  // Exercise the paths that handle the ID: search by it, read, reveal.
  ASSERT_EQ(env.Get(As("county"), "/api/persons?id_number=" + env.in_id).status, 200);
  ASSERT_EQ(env.Get(As("county"), "/api/persons/" + std::to_string(env.in_person)).status, 200);
  ASSERT_EQ(env.Post(As("county"), "/api/persons/" + std::to_string(env.in_person) + "/reveal",
                     R"({"field":"id_number","reason":"核对身份信息"})")
                .status,
            200);
  env.log->flush();
  for (const auto& path : {env.db_path, env.db_path + "-wal", env.log_path}) {
    std::string bytes = ReadBytes(path);
    for (const auto& secret : {env.in_id, env.out_id, env.in_phone, env.out_phone}) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " found in " << path;
    }
  }
  EXPECT_GT(ReadBytes(env.log_path).size(), 0u);  // the log did record requests
}

TEST(CsrfTest, StateChangingRequestsNeedTheToken) {
  auto& env = Env();
  const Login& l = As("county");
  const std::string target = "/api/persons/" + std::to_string(env.in_person) + "/reveal";
  const std::string body = R"({"field":"phone","reason":"核对身份信息"})";
  Reply r = env.Send("POST", target, body, {{"Cookie", l.cookie}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"], "csrf");
  r = env.Send("POST", target, body, {{"Cookie", l.cookie}, {"X-CSRF-Token", "forged"}});
  EXPECT_EQ(r.status, 403);
  r = env.Send("POST", target, body, {{"Cookie", l.cookie}, {"X-CSRF-Token", As("other").csrf}});
  EXPECT_EQ(r.status, 403);  // another session's token
  r = env.Send("POST", "/api/logout", "", {{"Cookie", l.cookie}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(env.Post(l, target, body).status, 200);
}

TEST(CookieTest, ForgedOrMissingCookieIs401) {
  auto& env = Env();
  EXPECT_EQ(env.Send("GET", "/api/me").status, 401);
  EXPECT_EQ(env.Send("GET", "/api/me", "", {{"Cookie", "qjy_session=forged"}}).status, 401);
  EXPECT_EQ(env.Send("GET", "/api/me", "",
                     {{"Cookie", "qjy_session=" + std::string(43, 'A')}})
                .status,
            401);
  EXPECT_EQ(env.Send("GET", "/api/me", "", {{"Cookie", "other=1"}}).status, 401);
}

// Login bodies are JSON (a text/plain post is 415: hardening_test.cc).
const std::map<std::string, std::string> kJson = {{"Content-Type", "application/json"}};

TEST(CookieTest, LoginCookieAttributesAndLogout) {
  auto& env = Env();
  Reply r = env.Send("POST", "/api/login",
                     nlohmann::json{{"username", "sysadmin"}, {"password", kPassword}}.dump(), kJson);
  ASSERT_EQ(r.status, 200);
  const std::string c = r.headers["set-cookie"];
  EXPECT_NE(c.find("HttpOnly"), std::string::npos);
  EXPECT_NE(c.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(c.find("Path=/"), std::string::npos);
  EXPECT_EQ(c.find("Secure"), std::string::npos);  // plain HTTP here
  Login l;
  l.cookie = c.substr(0, c.find(';'));
  l.csrf = nlohmann::json::parse(r.body)["csrf_token"];
  EXPECT_EQ(env.Get(l, "/api/me").status, 200);
  EXPECT_EQ(env.Post(l, "/api/logout", "").status, 204);
  EXPECT_EQ(env.Get(l, "/api/me").status, 401);
}

TEST(LoginTest, BadCredentialsAndLockoutOverHttp) {
  auto& env = Env();
  env.AddAccount("lockme", auth::Role::kAuditor, "");
  auto login = [&](const std::string& pw) {
    return env.Send("POST", "/api/login",
                    nlohmann::json{{"username", "lockme"}, {"password", pw}}.dump(), kJson);
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login("Wrong-Passw0rd!").status, 401) << i;
  Reply r = login(kPassword);
  EXPECT_EQ(r.status, 423);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"], "locked");
  EXPECT_EQ(env.Send("POST", "/api/login",
                     nlohmann::json{{"username", "nobody"}, {"password", kPassword}}.dump(), kJson)
                .status,
            401);
}

TEST(InputTest, OversizedBodyIs413) {
  auto& env = Env();
  std::string big(2 << 20, 'a');
  EXPECT_EQ(env.Send("POST", "/api/login", big).status, 413);
  // Uploads may be larger than JSON bodies, but not beyond 32 MiB.
  Reply r = env.Send("POST", "/api/import/persons", std::string(33 << 20, 'a'),
                     {{"Cookie", As("county").cookie}, {"X-CSRF-Token", As("county").csrf}});
  EXPECT_EQ(r.status, 413);
}

TEST(InputTest, MalformedJsonIs400) {
  auto& env = Env();
  for (const std::string body : {"", "{", "[1,2]", "\"x\"", "{\"username\":", "\xff\xfe"}) {
    EXPECT_EQ(env.Send("POST", "/api/login", body, kJson).status, 400) << body;
  }
  const Login& l = As("county");
  EXPECT_EQ(env.Post(l, "/api/persons/" + std::to_string(env.in_person) + "/reveal", "{oops").status,
            400);
}

TEST(InputTest, BrokenMultipartIs400) {
  auto& env = Env();
  const Login& l = As("county");
  struct Case {
    std::string content_type, body;
  } cases[] = {
      {"multipart/form-data", "--x\r\n\r\n"},                        // no boundary
      {"multipart/form-data; boundary=x", "garbage"},                // no delimiter
      {"multipart/form-data; boundary=x",
       "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"},  // no closing
      {"multipart/form-data; boundary=x", "--x\r\nno headers end"},
      {"multipart/form-data; boundary=x", "--x\r\nContent-Type: text/csv\r\n\r\nabc\r\n--x--"},
      {"multipart/form-data; boundary=x",
       "--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nabc\r\n--x--"},  // no file
      {"application/json", "{}"},
  };
  for (const auto& c : cases) {
    Reply r = env.Post(l, "/api/import/persons", c.body, c.content_type);
    EXPECT_EQ(r.status, 400) << c.body;
  }
}

TEST(InputTest, PathTraversalIs404) {
  auto& env = Env();
  for (const std::string target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/css/../../secret.txt", "/css/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/css/..\\..\\secret.txt", "/.hidden",
        "//etc/passwd", "/css/", "/nope.js", "/%00", "/index.html%00.js"}) {
    Reply r = env.Send("GET", target);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << target << " → " << r.status;
    EXPECT_EQ(r.body.find("outside the web root"), std::string::npos) << target;
  }
}

TEST(StaticTest, ServesFilesWithMimeTypes) {
  auto& env = Env();
  struct Case {
    const char* target;
    const char* type;
  } cases[] = {{"/", "text/html; charset=utf-8"},
               {"/index.html", "text/html; charset=utf-8"},
               {"/app.js", "text/javascript; charset=utf-8"},
               {"/css/site.css", "text/css; charset=utf-8"}};
  for (const auto& c : cases) {
    Reply r = env.Send("GET", c.target);
    EXPECT_EQ(r.status, 200) << c.target;
    EXPECT_EQ(r.headers["content-type"], c.type) << c.target;
    EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
  }
  EXPECT_EQ(env.Send("POST", "/index.html").status, 405);
}

TEST(InputTest, SqlMetacharactersInEveryQueryParamNever500) {
  auto& env = Env();
  const std::string nasty[] = {"'", "\"", "' OR '1'='1", "1; DROP TABLE persons; --", "%", "_",
                               "\\", "%27%20OR%201=1--", "52%' --", "\xe4\xb8", "-1", "99999999999999999999"};
  const std::pair<std::string, std::vector<std::string>> endpoints[] = {
      {"/api/persons", {"id_number", "name", "region", "group", "after", "limit"}},
      {"/api/employers", {"region", "q", "after", "limit"}},
      {"/api/jobs", {"region", "q", "employer", "after", "limit"}},
      {"/api/audit", {"actor", "action", "from", "to", "after", "limit"}},
  };
  auto encode = [](const std::string& s) {
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
  };
  for (const char* user : {"prov", "employer", "auditor"}) {
    for (const auto& [path, params] : endpoints) {
      for (const auto& p : params) {
        for (const auto& v : nasty) {
          Reply r = env.Get(As(user), path + "?" + p + "=" + encode(v));
          EXPECT_NE(r.status, 0);
          EXPECT_LT(r.status, 500) << user << " " << path << " " << p << "=" << v << ": " << r.body;
        }
      }
    }
  }
  // The tables are still there.
  EXPECT_EQ(env.Get(As("prov"), "/api/persons/" + std::to_string(env.in_person)).status, 200);
}

TEST(OpenApiTest, EveryRouteIsDescribed) {
  auto doc = nlohmann::json::parse(OpenApiJson());
  ASSERT_TRUE(doc.contains("paths"));
  for (const auto& route : Api::Routes()) {
    ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(doc["paths"][route.pattern].contains(method)) << route.method << " " << route.pattern;
  }
  Reply r = Env().Send("GET", "/api/openapi.json");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["openapi"], "3.0.3");
}

TEST(RoutingTest, UnknownApiIs404WrongMethodIs405) {
  auto& env = Env();
  EXPECT_EQ(env.Get(As("prov"), "/api/nothing").status, 404);
  EXPECT_EQ(env.Send("GET", "/api/login").status, 405);
  EXPECT_EQ(env.Send("DELETE", "/api/audit").status, 405);
}

TEST(KeepAliveTest, SeveralRequestsOnOneConnection) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  auto& env = Env();
  boost::asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect({boost::asio::ip::make_address("127.0.0.1"), env.port});
  for (int i = 0; i < 5; ++i) {
    http::request<http::string_body> req(http::verb::get, "/api/me", 11);
    req.set(http::field::cookie, As("auditor").cookie);
    req.keep_alive(true);
    http::write(stream, req);
    beast::flat_buffer buf;
    http::response<http::string_body> res;
    http::read(stream, buf, res);
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_TRUE(res.keep_alive());
  }
}

TEST(ImportTest, UploadRunsInBackgroundWithResultAndRejects) {
  auto& env = Env();
  const Login& l = As("county");
  std::string csv =
      "身份证号,姓名,民族,手机号,户籍地,常住地,工作地,参保地,文化程度,毕业(离校)日期,技能,"
      "职业资格证书,人员类别\r\n" +
      WithCheck("52010219950303111") + ",导入丙,苗族,13800001111,520102,520102,,,本科,2017-07-01,,,\r\n" +
      "123,坏行,汉族,,520102,520102,,,本科,,,,\r\n";
  std::string body = "--qjyb\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n"
                     "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--qjyb--\r\n";
  Reply r = env.Post(l, "/api/import/persons", body, "multipart/form-data; boundary=qjyb");
  ASSERT_EQ(r.status, 202) << r.body;
  std::string job = nlohmann::json::parse(r.body)["job_id"];
  nlohmann::json status;
  for (int i = 0; i < 200; ++i) {
    status = nlohmann::json::parse(env.Get(l, "/api/import/jobs/" + job).body);
    if (status["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(status["state"], "done") << status.dump();
  EXPECT_EQ(status["result"]["inserted"], 1);
  EXPECT_EQ(status["result"]["rejected"], 1);
  ASSERT_TRUE(status["rejects_url"].is_string());
  Reply rejects = env.Get(l, status["rejects_url"].get<std::string>());
  EXPECT_EQ(rejects.status, 200);
  EXPECT_NE(rejects.body.find("坏行"), std::string::npos);
  // Only the importer sees the job.
  EXPECT_EQ(env.Get(As("town"), "/api/import/jobs/" + job).status, 404);
  EXPECT_EQ(env.Get(As("town"), status["rejects_url"].get<std::string>()).status, 404);
}

// Uploads `csv` as `entity` and waits for the job; returns its status JSON.
nlohmann::json UploadAndWait(const Login& l, const std::string& entity, const std::string& csv) {
  auto& env = Env();
  std::string body = "--qjyb\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.csv\"\r\n"
                     "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--qjyb--\r\n";
  Reply r = env.Post(l, "/api/import/" + entity, body, "multipart/form-data; boundary=qjyb");
  EXPECT_EQ(r.status, 202) << r.body;
  if (r.status != 202) return {};
  std::string job = nlohmann::json::parse(r.body)["job_id"];
  nlohmann::json status;
  for (int i = 0; i < 250; ++i) {
    status = nlohmann::json::parse(env.Get(l, "/api/import/jobs/" + job).body);
    if (status["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return status;
}

// Every write is scoped: a county officer's upload stores only the persons
// whose household registration or residence lies in the county.
TEST(ImportTest, RowsOutsideTheOfficersRegionAreRejected) {
  auto& env = Env();
  const std::string in_hukou = WithCheck("52010219920202111");
  const std::string in_residence = WithCheck("52030219930303222");  // hukou elsewhere
  const std::string outside = WithCheck("52030219940404333");
  std::string csv =
      "身份证号,姓名,民族,手机号,户籍地,常住地,工作地,参保地,文化程度,毕业(离校)日期,技能,"
      "职业资格证书,人员类别\r\n" +
      in_hukou + ",范围甲,汉族,,520102,520102,,,本科,2014-07-01,,,\r\n" +
      in_residence + ",范围乙,汉族,,520302,520102,,,本科,2015-07-01,,,\r\n" +
      outside + ",范围丙,汉族,,520302,520302,,,本科,2016-07-01,,,\r\n";
  nlohmann::json status = UploadAndWait(As("county"), "persons", csv);
  ASSERT_EQ(status["state"], "done") << status.dump();
  EXPECT_EQ(status["result"]["inserted"], 2) << status.dump();
  EXPECT_EQ(status["result"]["rejected"], 1) << status.dump();
  ASSERT_EQ(status["result"]["errors"].size(), 1u) << status.dump();
  EXPECT_EQ(status["result"]["errors"][0]["row"], 4);
  EXPECT_NE(status["result"]["errors"][0]["reason"].get<std::string>().find("不在您的管辖范围"),
            std::string::npos)
      << status.dump();
  store::RegistryStore registry(*env.setup_db, *env.vault);
  for (const auto& [id, stored] :
       {std::pair{in_hukou, true}, std::pair{in_residence, true}, std::pair{outside, false}}) {
    auto p = registry.FindPersonByIdNumber(id);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->has_value(), stored) << MaskIdNumber(id);
  }
  Reply rejects = env.Get(As("county"), status["rejects_url"].get<std::string>());
  EXPECT_NE(rejects.body.find("范围丙"), std::string::npos);

  // Employers by their registered place, contracts by their person.
  const std::string in_credit = CreditWithCheck("91520102MA6DGQJYC");
  const std::string out_credit = CreditWithCheck("91520302MA6DGQJYD");
  status = UploadAndWait(As("county"), "employers",
                         "统一社会信用代码,单位名称,单位类型,规模,所在地\r\n" + in_credit +
                             ",南明范围公司,企业,小型,520102\r\n" + out_credit +
                             ",红花岗范围公司,企业,小型,520302\r\n");
  ASSERT_EQ(status["state"], "done") << status.dump();
  EXPECT_EQ(status["result"]["inserted"], 1) << status.dump();
  EXPECT_EQ(status["result"]["rejected"], 1) << status.dump();
  auto e = registry.FindEmployer(out_credit);
  ASSERT_TRUE(e.has_value());
  EXPECT_FALSE(e->has_value());

  // No takeover: a person stored in another county cannot be moved into
  // the officer's county by re-importing the same ID with a new address.
  const std::string elsewhere = WithCheck("52030219950505444");
  registry::Person stored;
  stored.id_number = elsewhere;
  stored.name = "外县人员";
  stored.county_code = "520302";
  stored.hukou_region = "520302";
  stored.residence_region = "520302";
  stored.birth_date = *Date::Parse("1995-05-05");
  ASSERT_TRUE(registry.UpsertPerson(stored, "test").has_value());
  status = UploadAndWait(As("county"), "persons",
                         "身份证号,姓名,民族,手机号,户籍地,常住地,工作地,参保地,文化程度,"
                         "毕业(离校)日期,技能,职业资格证书,人员类别\r\n" +
                             elsewhere + ",外县人员,汉族,,520102,520102,,,本科,2016-07-01,,,\r\n");
  ASSERT_EQ(status["state"], "done") << status.dump();
  EXPECT_EQ(status["result"]["rejected"], 1) << status.dump();
  EXPECT_EQ(status["result"]["updated"], 0) << status.dump();
  auto after = registry.FindPersonByIdNumber(elsewhere);
  ASSERT_TRUE(after.has_value() && after->has_value());
  EXPECT_EQ((*after)->hukou_region, "520302");
}

// Its own server: it moves the clock past the idle timeout.
TEST(SessionExpiryTest, IdleSessionIs401) {
  TestEnv env;
  Login l = env.LogIn("secadmin");
  ASSERT_EQ(env.Get(l, "/api/me").status, 200);
  env.clock.Advance(29 * 60);
  ASSERT_EQ(env.Get(l, "/api/me").status, 200);  // used: timer restarts
  env.clock.Advance(auth::kDefaultIdleTimeout + 1);
  EXPECT_EQ(env.Get(l, "/api/me").status, 401);
}

// Issue 13 §2: a footer typed into the ID column ("填表人：张三", 18 bytes)
// once made the job thread throw (invalid UTF-8 in the result JSON) and
// std::terminate took the server down. Now the row is rejected, masked
// whole, the signature block at the end is ignored, and the server answers
// the next ordinary request.
TEST(ImportTest, FooterInIdColumnDoesNotStopTheServer) {
  auto& env = Env();
  const Login& l = As("county");
  std::string csv =
      "劳动力台账（2025年6月）,,,,,,,,,,,,\r\n"
      "身份证号,姓名,民族,手机号,户籍地,常住地,工作地,参保地,文化程度,毕业(离校)日期,技能,"
      "职业资格证书,人员类别\r\n" +
      WithCheck("52010219960404222") + ",页脚甲,汉族,,520102,520102,,,本科,2018-07-01,,,\r\n" +
      "填表人：张三,,,,,,,,,,,,\r\n" +
      WithCheck("52010219970505333") + ",页脚乙,汉族,,520102,520102,,,本科,41091,,,\r\n" +
      "填表人：张三    审核人：李四,,,,,,,,,,,,\r\n";
  nlohmann::json status = UploadAndWait(l, "persons", csv);
  ASSERT_EQ(status["state"], "done") << status.dump();
  EXPECT_EQ(status["result"]["inserted"], 2) << status.dump();
  EXPECT_EQ(status["result"]["rejected"], 1) << status.dump();
  EXPECT_EQ(status["result"]["tail_rows_ignored"], 1) << status.dump();
  ASSERT_FALSE(status["result"]["errors"].empty());
  for (const auto& e : status["result"]["errors"]) EXPECT_EQ(e["row"], 4) << e.dump();
  EXPECT_EQ(status["result"]["errors"][0]["column"], "身份证号");
  EXPECT_EQ(status["result"]["errors"][0]["value"], "填**");
  // The server still serves everyone.
  Reply me = env.Get(l, "/api/me");
  EXPECT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(env.Get(As("auditor"), "/api/me").status, 200);
}

}  // namespace
}  // namespace qjy::server::testing
