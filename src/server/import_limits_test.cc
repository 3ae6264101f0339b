// Concurrent imports are bounded per account and in all: beyond the limit
// the upload is refused with 429 and a Chinese message, nothing is saved.
#include <atomic>
#include <condition_variable>
#include <mutex>

#include <gtest/gtest.h>

#include "server/import_jobs.h"
#include "server/shared_env_test_util.h"

namespace qjy::server::testing {
namespace {

namespace fs = std::filesystem;

// A runner that holds every import until Release().
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  std::atomic<int> running{0};
  ImportRunner Runner() {
    return [this](store::Db&, const Vault&, const ImportRequest&, ImportProgress&) -> Result<nlohmann::json> {
      ++running;
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return open; });
      --running;
      return nlohmann::json{{"rows", 0}};
    };
  }
  void Release() {
    std::lock_guard lock(mu);
    open = true;
    cv.notify_all();
  }
};

size_t FilesIn(const fs::path& dir) {
  std::error_code ec;
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir, ec)) n += e.is_regular_file();
  return n;
}

TEST(ImportLimitsTest, PerAccountAndTotal) {
  const fs::path dir = fs::temp_directory_path() / ("qjy_import_limits_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auth::ManualClock clock(1'700'000'000);
  Vault vault = Vault::FromKey(std::array<uint8_t, 32>{1});
  Gate gate;
  {
    ImportJobs jobs((dir / "t.db").string(), vault, dir / "uploads", gate.Runner(), clock,
                    ImportJobs::kDefaultRetentionSeconds, ImportLimits{.per_account = 2, .total = 3});
    ImportRequest req;
    req.entity = "persons";
    req.file_name = "p.csv";
    ASSERT_TRUE(jobs.Start(1, req, "a\n"));
    ASSERT_TRUE(jobs.Start(1, req, "a\n"));
    const size_t files = FilesIn(dir / "uploads");
    auto third = jobs.Start(1, req, "a\n");  // account 1 is at its limit
    ASSERT_FALSE(third);
    EXPECT_EQ(third.error().code, ErrorCode::kConflict);
    EXPECT_NE(third.error().message.find("导入任务正在进行"), std::string::npos) << third.error().message;
    EXPECT_EQ(FilesIn(dir / "uploads"), files);  // nothing saved
    ASSERT_TRUE(jobs.Start(2, req, "a\n"));     // another account still may
    auto fourth = jobs.Start(3, req, "a\n");   // the server is at its limit
    ASSERT_FALSE(fourth);
    EXPECT_NE(fourth.error().message.find("上限"), std::string::npos) << fourth.error().message;
    gate.Release();
    jobs.WaitAll();
    EXPECT_TRUE(jobs.Start(1, req, "a\n"));  // finished jobs free their slots
    jobs.WaitAll();
  }
  fs::remove_all(dir);
}

TEST(ImportLimitsTest, ParallelUploadsOverHttpGet429) {
  auto& env = Env();
  Gate gate;
  ApiOptions options;
  options.web_root = env.dir / "web";
  options.work_dir = env.dir / "uploads-limits";
  options.log = env.log;
  options.import_runner = gate.Runner();
  options.import_limits = {.per_account = 1, .total = 2};
  Api api(options, *env.pool, *env.vault, *env.regions, env.clock, ShippedApiContext());

  auto call = [&](const std::string& method, const std::string& target, const std::string& body,
                  std::vector<std::pair<std::string, std::string>> headers) {
    HttpRequest r;
    r.method = method;
    r.target = target;
    r.body = body;
    r.client = "127.0.0.1";
    r.headers = std::move(headers);
    return api.Handle(r);
  };
  auto login = [&](const std::string& user) {
    HttpResponse r = call("POST", "/api/login",
                          nlohmann::json{{"username", user}, {"password", kPassword}}.dump(),
                          {{"content-type", "application/json"}});
    EXPECT_EQ(r.status, 200) << r.body;
    std::string cookie;
    for (const auto& [k, v] : r.headers) {
      if (k == "Set-Cookie") cookie = v.substr(0, v.find(';'));
    }
    return std::pair{cookie, nlohmann::json::parse(r.body)["csrf_token"].get<std::string>()};
  };
  const std::string body = "--qjyb\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n\r\n" +
                           std::string(1 << 20, 'x') + "\r\n--qjyb--\r\n";
  auto upload = [&](const std::pair<std::string, std::string>& l) {
    return call("POST", "/api/import/persons", body,
                {{"cookie", l.first}, {"x-csrf-token", l.second}, {"content-type", "multipart/form-data; boundary=qjyb"}});
  };
  auto county = login("county");
  auto town = login("town");
  auto other = login("other");
  EXPECT_EQ(upload(county).status, 202);
  HttpResponse busy = upload(county);
  EXPECT_EQ(busy.status, 429) << busy.body;
  EXPECT_NE(busy.body.find("导入任务正在进行"), std::string::npos) << busy.body;
  EXPECT_EQ(upload(town).status, 202);
  HttpResponse full = upload(other);
  EXPECT_EQ(full.status, 429) << full.body;
  gate.Release();
  api.WaitForImports();
  EXPECT_EQ(upload(other).status, 202);
  api.WaitForImports();
}

}  // namespace
}  // namespace qjy::server::testing
