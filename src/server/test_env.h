// Test-only: an in-process server over a throwaway SQLite database with
// persons, employers and jobs inside and outside Guiyang's Nanming county,
// one account per role (and an officer of another county), served on an
// ephemeral port, plus a small blocking HTTP client.
#ifndef QJY_SERVER_TEST_ENV_H_
#define QJY_SERVER_TEST_ENV_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include "audit/audit_schema.h"
#include "auth/account.h"
#include "auth/auth_schema.h"
#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "server/api.h"
#include "server/api_context.h"
#include "server/http_server.h"
#include "server/import_runner.h"
#include "store/registry_store.h"

namespace qjy::server::testing {

inline constexpr char kPassword[] = "Test-Passw0rd!";

// The configuration of the shipped files (api_context.h), loaded once per
// test binary; a file that does not load fails the test run at once.
inline std::shared_ptr<const ApiContext> ShippedApiContext() {
  static const std::shared_ptr<const ApiContext> context = [] {
    auto c = LoadApiContext();
    if (!c) throw std::runtime_error(c.error().message);
    return *c;
  }();
  return context;
}

struct Reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

// One HTTP/1.1 request to 127.0.0.1:`port` on a fresh connection, the
// target sent verbatim; status 0 when no answer could be read. Defined in
// test_env_test_support.cc, so that Boost.Beast is compiled once per test
// binary rather than in every test file.
Reply SendRequest(uint16_t port, const std::string& method, const std::string& target,
                  const std::string& body, const std::map<std::string, std::string>& headers);

struct Login {
  std::string cookie;  // "qjy_session=..."
  std::string csrf;
};

inline std::string WithCheck(std::string first17) {
  return first17 + ResidentIdCheckChar(first17).value();
}
inline std::string CreditWithCheck(std::string first17) {
  return first17 + CreditCodeCheckChar(first17).value();
}

class TestEnv {
 public:
  // Roles by test name.
  static constexpr const char* kUsers[] = {"prov",  "pref",    "county",  "town",     "other",
                                           "employer", "seeker", "auditor", "sysadmin", "secadmin"};

  TestEnv() : TestEnv(std::filesystem::temp_directory_path()) {}

  // Everything the server writes (database, log, uploads) under `parent`,
  // e.g. a small filesystem (store/small_disk_test_support.h).
  explicit TestEnv(const std::filesystem::path& parent) : clock(auth::SystemClock().Now()) {
    static std::atomic<int> n{0};
    dir = parent / ("qjy_server_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "web" / "css");
    std::ofstream(dir / "web" / "index.html") << "<!doctype html><title>黔就业</title>";
    std::ofstream(dir / "web" / "app.js") << "console.log('qjy');";
    std::ofstream(dir / "web" / "css" / "site.css") << "body{}";
    std::ofstream(dir / "secret.txt") << "outside the web root";
    db_path = (dir / "test.db").string();
    log_path = (dir / "server.log").string();

    std::array<uint8_t, 32> key{};
    for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 7 + 1);
    vault = std::make_unique<Vault>(Vault::FromKey(key));
    auto r = RegionIndex::Load(RefdataDir());
    if (!r) throw std::runtime_error(r.error().message);
    regions = std::make_unique<RegionIndex>(std::move(*r));

    auto db = store::OpenDb(db_path);
    if (!db) throw std::runtime_error(db.error().message);
    setup_db = std::move(*db);
    store::RegistryStore registry(*setup_db, *vault);
    Check(registry.Migrate());
    Check(auth::MigrateAuth(*setup_db));
    Check(audit::MigrateAudit(*setup_db));

    town_code = FirstChild(*regions, "520102");

    in_id = WithCheck("52010219900101123");
    out_id = WithCheck("52030219850505234");
    in_phone = "13912345678";
    out_phone = "13787654321";
    in_person = AddPerson(registry, in_id, "黔内甲", in_phone, town_code, "520102");
    out_person = AddPerson(registry, out_id, "遵义乙", out_phone, "520302", "520302");
    in_credit = CreditWithCheck("91520102MA6DGQJYA");
    out_credit = CreditWithCheck("91520302MA6DGQJYB");
    AddEmployer(registry, in_credit, "南明测试公司", "520102");
    AddEmployer(registry, out_credit, "红花岗测试公司", "520302");
    AddJob(registry, in_credit, "焊工", "520102");
    AddJob(registry, out_credit, "电工", "520302");

    AddAccount("prov", auth::Role::kOfficer, "52");
    AddAccount("pref", auth::Role::kOfficer, "5201");
    AddAccount("county", auth::Role::kOfficer, "520102", {"reveal"});
    AddAccount("town", auth::Role::kOfficer, town_code);
    AddAccount("other", auth::Role::kOfficer, "520302", {"reveal"});
    {
      auth::NewAccount a;
      a.username = "employer";
      a.role = auth::Role::kEmployer;
      a.credit_code = in_credit;
      a.password = kPassword;
      Check(auth::AccountStore(*setup_db, auth::HashCost::kMinimumForTests).Create(a, clock.Now()));
    }
    {
      auth::NewAccount a;
      a.username = "seeker";
      a.role = auth::Role::kSeeker;
      a.id_hash = vault->Index(in_id);
      a.password = kPassword;
      Check(auth::AccountStore(*setup_db, auth::HashCost::kMinimumForTests).Create(a, clock.Now()));
    }
    AddAccount("auditor", auth::Role::kAuditor, "");
    AddAccount("sysadmin", auth::Role::kSysadmin, "");
    AddAccount("secadmin", auth::Role::kSecadmin, "");

    auto p = DbPool::Open(db_path, 3);
    if (!p) throw std::runtime_error(p.error().message);
    pool = std::move(*p);
    log = std::make_shared<spdlog::logger>(
        "test", std::make_shared<spdlog::sinks::basic_file_sink_mt>(log_path, true));
    log->set_level(spdlog::level::trace);
    log->flush_on(spdlog::level::trace);
    ApiOptions options;
    options.web_root = dir / "web";
    options.work_dir = dir / "uploads";
    options.log = log;
    options.import_runner = MakeImporterRunner(*regions, clock);
    api = std::make_unique<Api>(options, *pool, *vault, *regions, clock, ShippedApiContext());
    HttpServerOptions http;
    http.port = 0;
    http.threads = 2;
    http.read_timeout = std::chrono::seconds(5);
    http.admission = [this](const HttpRequest& r) { return api->Admit(r); };
    auto s = HttpServer::Start(http, [this](const HttpRequest& r) { return api->Handle(r); });
    if (!s) throw std::runtime_error(s.error().message);
    server = std::move(*s);
    port = server->port();
  }

  ~TestEnv() {
    server.reset();
    api.reset();
    pool.reset();
    setup_db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  static std::string FirstChild(const RegionIndex& regions, const std::string& code) {
    auto kids = regions.Children(code);
    if (!kids || kids->empty()) throw std::runtime_error("no township under " + code);
    return kids->front().code;
  }

  template <class R>
  static void Check(const R& r) {
    if (!r) throw std::runtime_error(r.error().message);
  }

  int64_t AddPerson(store::RegistryStore& registry, const std::string& id, const std::string& name,
                    const std::string& phone, const std::string& hukou,
                    const std::string& residence) {
    registry::Person p;
    p.county_code = hukou.substr(0, 6);
    p.id_number = id;
    p.name = name;
    p.birth_date = *Date::FromYmd(std::stoi(id.substr(6, 4)), std::stoi(id.substr(10, 2)),
                                  std::stoi(id.substr(12, 2)));
    p.sex = (id[16] - '0') % 2 ? registry::Sex::kMale : registry::Sex::kFemale;
    p.ethnicity = "汉族";
    p.phone = phone;
    p.hukou_region = hukou;
    p.residence_region = residence;
    p.education = registry::Education::kBachelor;
    p.groups.push_back({registry::Group::kCollegeGraduate, *Date::FromYmd(2012, 7, 1), {}});
    auto tx = store::Transaction::Begin(*setup_db);
    Check(tx);
    Check(registry.UpsertPerson(p, "test"));
    Check(tx->Commit());
    return p.person_id;
  }

  void AddEmployer(store::RegistryStore& registry, const std::string& code, const std::string& name,
                   const std::string& region) {
    registry::Employer e;
    e.county_code = region.substr(0, 6);
    e.credit_code = code;
    e.name = name;
    e.region = region;
    e.insured_region = e.county_code;  // 参保地 known (#12)
    e.insured_headcount = 12;
    auto tx = store::Transaction::Begin(*setup_db);
    Check(tx);
    Check(registry.UpsertEmployer(e, "test"));
    Check(tx->Commit());
  }

  void AddJob(store::RegistryStore& registry, const std::string& code, const std::string& title,
              const std::string& region) {
    registry::Job j;
    j.county_code = region.substr(0, 6);
    j.employer_credit_code = code;
    j.title = title;
    j.occupation_code = "6-18-02-04";
    j.wage_min_fen = 300000;
    j.wage_max_fen = 500000;
    j.place_region = region;
    j.open_on = *Date::FromYmd(2024, 3, 1);
    auto tx = store::Transaction::Begin(*setup_db);
    Check(tx);
    Check(registry.UpsertJob(j, "test"));
    Check(tx->Commit());
  }

  void AddAccount(const std::string& username, auth::Role role, const std::string& region,
                  std::vector<std::string> grants = {}) {
    auth::NewAccount a;
    a.username = username;
    a.role = role;
    a.region_code = region;
    a.grants = std::move(grants);
    a.password = kPassword;
    Check(auth::AccountStore(*setup_db, auth::HashCost::kMinimumForTests).Create(a, clock.Now()));
  }

  // One request on a fresh connection. `raw_target` is sent verbatim.
  Reply Send(const std::string& method, const std::string& target, const std::string& body = "",
             const std::map<std::string, std::string>& headers = {}) const {
    return SendRequest(port, method, target, body, headers);
  }

  Login LogIn(const std::string& username, const std::string& password = kPassword) const {
    auto r = Send("POST", "/api/login",
                  nlohmann::json{{"username", username}, {"password", password}}.dump(),
                  {{"Content-Type", "application/json"}});
    Login l;
    if (r.status != 200) return l;
    auto set_cookie = r.headers["set-cookie"];
    l.cookie = set_cookie.substr(0, set_cookie.find(';'));
    l.csrf = nlohmann::json::parse(r.body)["csrf_token"].get<std::string>();
    return l;
  }

  Reply Get(const Login& l, const std::string& target) const {
    return Send("GET", target, "", {{"Cookie", l.cookie}});
  }
  Reply Post(const Login& l, const std::string& target, const std::string& body,
             const std::string& content_type = "application/json") const {
    return Send("POST", target, body,
                {{"Cookie", l.cookie}, {"X-CSRF-Token", l.csrf}, {"Content-Type", content_type}});
  }

  Reply Put(const Login& l, const std::string& target, const std::string& body) const {
    return Send("PUT", target, body,
                {{"Cookie", l.cookie}, {"X-CSRF-Token", l.csrf}, {"Content-Type", "application/json"}});
  }

  std::filesystem::path dir;
  std::string db_path, log_path;
  auth::ManualClock clock;
  std::unique_ptr<Vault> vault;
  std::unique_ptr<RegionIndex> regions;
  std::unique_ptr<store::Db> setup_db;
  std::unique_ptr<DbPool> pool;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<Api> api;
  std::unique_ptr<HttpServer> server;
  uint16_t port = 0;
  std::string town_code, in_id, out_id, in_phone, out_phone, in_credit, out_credit;
  int64_t in_person = 0, out_person = 0;
};

}  // namespace qjy::server::testing

#endif  // QJY_SERVER_TEST_ENV_H_
