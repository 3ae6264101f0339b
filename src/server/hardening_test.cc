// Issue 13 §5 hardening: JSON-only bodies (no login CSRF), HSTS under TLS,
// private files (database, key, rejects), no server path in messages.
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "core/vault.h"
#include "server/client_message.h"
#include "server/import_jobs.h"
#include "server/shared_env_test_util.h"
#include "store/db.h"
#include "core/install_paths.h"

namespace qjy::server::testing {
namespace {

namespace fs = std::filesystem;

int Mode(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 0777) : -1;
}

TEST(JsonOnlyTest, LoginRefusesFormsAndPlainText) {
  auto& env = Env();
  const std::string body = R"({"username":"county","password":")" + std::string(kPassword) + R"("})";
  for (const char* type : {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                           "multipart/form-data; boundary=x", ""}) {
    std::map<std::string, std::string> headers;
    if (*type) headers["Content-Type"] = type;
    Reply r = env.Send("POST", "/api/login", body, headers);
    EXPECT_EQ(r.status, 415) << type << ": " << r.body;
    EXPECT_EQ(r.headers["set-cookie"], "") << type;
  }
  Reply ok = env.Send("POST", "/api/login", body, {{"Content-Type", "application/json; charset=utf-8"}});
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST(JsonOnlyTest, EveryJsonRouteRefusesOtherMediaTypes) {
  auto& env = Env();
  const std::string reveal = "/api/persons/" + std::to_string(env.in_person) + "/reveal";
  Reply r = env.Post(As("county"), reveal, R"({"field":"phone","reason":"核对身份信息"})", "text/plain");
  EXPECT_EQ(r.status, 415) << r.body;
  EXPECT_NE(r.body.find("JSON"), std::string::npos);
  r = env.Post(As("county"), "/api/gig/posts", "title=x", "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 415) << r.body;
}

TEST(HstsTest, SentUnderTlsOnly) {
  auto& env = Env();
  HttpRequest req;
  req.method = "GET";
  req.target = "/api/openapi.json";
  auto header = [](const HttpResponse& res) {
    for (const auto& [k, v] : res.headers) {
      if (k == "Strict-Transport-Security") return v;
    }
    return std::string();
  };
  EXPECT_EQ(header(env.api->Handle(req)), "");
  req.tls = true;
  EXPECT_NE(header(env.api->Handle(req)).find("max-age=31536000"), std::string::npos);
  req.target = "/index.html";  // static files too
  EXPECT_NE(header(env.api->Handle(req)).find("max-age="), std::string::npos);
}

class PrivateFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qjy_private_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    old_umask_ = ::umask(022);  // the usual default: files would be 0644
  }
  void TearDown() override {
    ::umask(old_umask_);
    fs::remove_all(dir_);
  }
  fs::path dir_;
  mode_t old_umask_ = 022;
};

TEST_F(PrivateFilesTest, DatabaseAndItsWalAre0600) {
  const std::string path = (dir_ / "new.db").string();
  auto db = store::OpenDb(path);
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE((*db)->ExecScript("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);"));
  EXPECT_EQ(Mode(path), 0600);
  EXPECT_EQ(Mode(path + "-wal"), 0600);
}

TEST_F(PrivateFilesTest, VaultKeyIs0600) {
  const std::string key = (dir_ / "new.db.key").string();
  auto v = Vault::OpenOrCreate(key);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(Mode(key), 0600);
}

TEST_F(PrivateFilesTest, RejectsFileIs0600AndFailuresNameNoPath) {
  auth::ManualClock clock(1'700'000'000);
  std::string rejects;
  // Writes the rejects file the way a plain writer does (ofstream, umask 022).
  ImportRunner runner = [&](store::Db&, const Vault&, const ImportRequest& r,
                            ImportProgress&) -> Result<nlohmann::json> {
    if (r.file_name == "fail.csv") {
      return Fail(ErrorCode::kIo, "无法读取文件 " + r.file_path + "：格式错误");
    }
    std::ofstream(r.rejects_path, std::ios::trunc) << "身份证号,错误\n123,校验位错误\n";
    rejects = r.rejects_path;
    return nlohmann::json{{"rows", 1}, {"rejected", 1}, {"rejects_file", r.rejects_path}};
  };
  Vault vault = Vault::FromKey(std::array<uint8_t, 32>{1});
  ImportJobs jobs((dir_ / "t.db").string(), vault, dir_ / "uploads", runner, clock);
  auto wait = [&](const std::string& id) {
    for (int i = 0; i < 500; ++i) {
      auto v = jobs.Get(id, 7);
      if (v && v->state != "running") return *v;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "job did not finish";
    return ImportJobView{};
  };
  ImportRequest req;
  req.entity = "persons";
  req.file_name = "ok.csv";
  auto id = jobs.Start(7, req, "a,b\n");
  ASSERT_TRUE(id) << id.error().message;
  auto done = wait(*id);
  ASSERT_EQ(done.state, "done");
  ASSERT_FALSE(rejects.empty());
  EXPECT_EQ(Mode(rejects), 0600);

  req.file_name = "fail.csv";
  id = jobs.Start(7, req, "a,b\n");
  ASSERT_TRUE(id) << id.error().message;
  auto failed = wait(*id);
  ASSERT_EQ(failed.state, "failed");
  const std::string message = failed.result["message"];
  EXPECT_EQ(message.find(dir_.string()), std::string::npos) << message;
  EXPECT_NE(message.find("格式错误"), std::string::npos) << message;
  jobs.WaitAll();
}

TEST(ServerPathTest, StripServerPaths) {
  struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"无法打开数据库 /srv/qjy/data.db：disk I/O error", "无法打开数据库 （服务器文件）：disk I/O error"},
      {"招聘信息筛查规则无法加载：/work/x/policy/ads.yaml: bad", "招聘信息筛查规则无法加载：（服务器文件）: bad"},
      {"file \"/tmp/a.csv\" missing", "file \"（服务器文件）\" missing"},
      {"计酬方式应为 day/hour", "计酬方式应为 day/hour"},
      {"路径 / 无效", "路径 / 无效"},
      {"2024/01/02", "2024/01/02"},
  };
  for (const auto& c : cases) EXPECT_EQ(StripServerPaths(c.in), c.out) << c.in;
}

TEST(ServerPathTest, NoServerPathInAnyErrorResponse) {
  auto& env = Env();
  HttpResponse r = HttpResponse::Error(500, "internal", "无法打开 " + env.dir.string() + "/test.db");
  StripServerPaths(r);
  EXPECT_EQ(r.body.find(env.dir.string()), std::string::npos) << r.body;
  // Error answers of the running server: none names the server's folders.
  const std::vector<std::pair<std::string, std::string>> probes = {
      {"GET", "/api/persons/999999"}, {"GET", "/api/import/jobs/x/rejects"}, {"GET", "/api/nope"},
      {"GET", "/api/regions/9"},      {"GET", "/api/stats?region=abc"},      {"GET", "/api/policy/eval"},
      {"GET", "/api/services/queue"}, {"GET", "/api/ads/abc"},               {"GET", "/api/gig/markets"},
  };
  for (const auto& [m, t] : probes) {
    Reply rep = env.Get(As("county"), t);
    EXPECT_EQ(rep.body.find(env.dir.string()), std::string::npos) << t << ": " << rep.body;
    EXPECT_EQ(rep.body.find(SourceTreeDir().string()), std::string::npos) << t << ": " << rep.body;
  }
}

}  // namespace
}  // namespace qjy::server::testing
