// Issue #12, "Done when": a database made by release 44e733f (the main
// before the employment facts) migrates forward in place. The fixture
// (tests/fixtures/release-44e733f, made by scripts/make-migration-fixture.sh
// with that release's own binary) is a SQLite file and a PostgreSQL dump of
// the same commands. Each test copies or restores it, runs every
// subsystem's migrations of the current code, and checks:
//   - every table keeps its rows (counts.json, written from the fixture) and
//     every old row reads back the same in every column the release had;
//   - history: identity numbers still decrypt with the old vault key, a
//     payment keeps its amount in fen, a reversal and registrations stay;
//   - facts the old release did not hold stay unknown: employers'
//     参保地 NULL, a contract imported without 工作地 keeps no place (its
//     hand-set 跨省 flag is not turned into one), no contribution months or
//     separations appear, and the rules engine names what is missing;
//   - `qjy audit verify` after `qjy audit seal` (the release's plain SHA-256
//     chain is sealed as "legacy"), and still finds an edited old row.
// PostgreSQL runs under scripts/with-postgres.sh ($QJY_TEST_PG_URL); each
// test restores the dump into a database of its own (psql) and drops it.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sstream>
#include <string>
#include <vector>

#include "ads/ad_desk.h"
#include "audit/audit_log.h"
#include "audit/audit_schema.h"
#include "auth/account.h"
#include "auth/auth_schema.h"
#include "auth/clock.h"
#include "auth/demo_marker.h"
#include "auth/password.h"
#include "auth/session_manager.h"
#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "gig/gig_board.h"
#include "match/profile_store.h"
#include "policy/engine.h"
#include "policy/ledger_schema.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "policy_services/payment_batch.h"
#include "policy_services/store_registrations.h"
#include "services/services_store.h"
#include "store/db.h"
#include "store/migrations.h"
#include "core/install_paths.h"

namespace qjy::cli {
namespace {

namespace fs = std::filesystem;
using store::Dialect;
using store::Value;

const std::string kFixture = SourceTreeDir().string() + "/tests/fixtures/release-44e733f";

// Columns the current schema dropped on purpose (migration 10: the hand-set
// cross flags give way to the place of work).
bool Dropped(const std::string& table, const std::string& column) {
  return table == "contracts" && (column == "cross_county" || column == "cross_province");
}

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("''") : std::string(1, c);
  return q + "'";
}

std::string Shell(const std::string& cmd) {
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    if (pclose(p) != 0) out = "FAILED: " + out;
  }
  return out;
}

std::string PsqlBinary() {
  for (const char* p : {"/usr/lib/postgresql/15/bin/psql", "/usr/bin/psql"}) {
    if (::access(p, X_OK) == 0) return p;
  }
  return "psql";
}

class ReleaseMigrationTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/qjy-release-migration.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    // The fixture's vault key: a fixed test key derived as the script does
    // (key files are never committed, .gitignore).
    key_ = dir_ + "/vault.key";
    {
      ASSERT_GE(sodium_init(), 0);
      const std::string phrase = "qjy migration fixture release-44e733f";
      unsigned char k[crypto_hash_sha256_BYTES];
      crypto_hash_sha256(k, reinterpret_cast<const unsigned char*>(phrase.data()), phrase.size());
      std::ofstream(key_, std::ios::binary).write(reinterpret_cast<const char*>(k), sizeof k);
      fs::permissions(key_, fs::perms::owner_read | fs::perms::owner_write);
    }
    if (GetParam() == Dialect::kPostgres) {
      const char* base = std::getenv("QJY_TEST_PG_URL");
      if (base == nullptr || *base == '\0') {
        GTEST_SKIP() << "QJY_TEST_PG_URL is not set: PostgreSQL tests skipped "
                        "(run through scripts/with-postgres.sh)";
      }
      admin_url_ = base;
      static std::atomic<int> counter{0};
      dbname_ = "qjy_release_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
      auto admin = store::OpenDb(admin_url_);
      ASSERT_TRUE(admin) << admin.error().message;
      ASSERT_TRUE((*admin)->ExecScript("CREATE DATABASE " + dbname_));
      url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + dbname_;
      const std::string out =
          Shell("gzip -dc " + Quote(kFixture + "/qjy.pg.sql.gz") + " | " + PsqlBinary() +
                " -X -q -v ON_ERROR_STOP=1 -o /dev/null -d " + Quote(url_) + " 2>&1");
      ASSERT_TRUE(out.find("FAILED") == std::string::npos && out.find("ERROR") == std::string::npos) << out;
      // The old release's and the current defaults for a PostgreSQL URL,
      // kept inside the test's directory.
      setenv("QJY_KEY_FILE", key_.c_str(), 1);
      setenv("QJY_AUDIT_KEY_FILE", (dir_ + "/audit.key").c_str(), 1);
      setenv("QJY_AUDIT_ANCHOR_FILE", (dir_ + "/audit-anchor").c_str(), 1);
      setenv("QJY_AUDIT_ANCHOR_COPY", "off", 1);
    } else {
      url_ = dir_ + "/qjy.db";
      const std::string out =
          Shell("gzip -dc " + Quote(kFixture + "/qjy.db.gz") + " > " + Quote(url_) + " 2>&1");
      ASSERT_TRUE(out.empty()) << out;
      fs::copy_file(key_, url_ + ".key");  // the release's default: <db>.key
    }
    auto db = store::OpenDb(url_);
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    std::ifstream in(kFixture + "/counts.json");
    counts_ = nlohmann::json::parse(in);
  }

  void TearDown() override {
    db_.reset();
    if (!dbname_.empty()) {
      if (auto admin = store::OpenDb(admin_url_)) {
        (void)(*admin)->ExecScript("DROP DATABASE IF EXISTS " + dbname_ + " WITH (FORCE)");
      }
      for (const char* v : {"QJY_KEY_FILE", "QJY_AUDIT_KEY_FILE", "QJY_AUDIT_ANCHOR_FILE", "QJY_AUDIT_ANCHOR_COPY"}) {
        unsetenv(v);
      }
    }
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  bool IsPg() const { return GetParam() == Dialect::kPostgres; }

  std::vector<std::string> Tables() {
    auto rows = IsPg() ? db_->Query("SELECT table_name FROM information_schema.tables "
                                    "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
                       : db_->Query("SELECT name FROM sqlite_master WHERE type = 'table' "
                                    "AND name NOT LIKE 'sqlite_%' ORDER BY 1");
    std::vector<std::string> out;
    if (rows) {
      for (const auto& r : *rows) out.push_back(r.Text(0));
    }
    return out;
  }

  std::vector<std::string> Columns(const std::string& table) {
    std::vector<std::string> out;
    if (IsPg()) {
      const Value p[] = {table};
      auto rows = db_->Query("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                             "AND table_name = ? ORDER BY ordinal_position", p);
      if (rows) for (const auto& r : *rows) out.push_back(r.Text(0));
    } else {
      auto rows = db_->Query("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
      if (rows) for (const auto& r : *rows) out.push_back(r.Text(0));
    }
    return out;
  }

  int64_t Count(const std::string& table) {
    auto r = db_->Query("SELECT COUNT(*) FROM " + table);
    return r ? r->front().Int(0) : -1;
  }

  // Every row of `table` in the given columns, as text, in a stable order.
  std::vector<std::string> Rows(const std::string& table, const std::vector<std::string>& cols) {
    std::string list;
    for (const auto& c : cols) list += (list.empty() ? "" : ", ") + c;
    std::string order;
    for (size_t i = 1; i <= cols.size(); ++i) order += (i == 1 ? "" : ", ") + std::to_string(i);
    auto rows = db_->Query("SELECT " + list + " FROM " + table + " ORDER BY " + order);
    std::vector<std::string> out;
    if (!rows) return {"ERROR " + rows.error().message};
    for (const auto& r : *rows) {
      std::string s;
      for (const auto& v : r.cells) {
        if (std::holds_alternative<std::monostate>(v)) s += "NULL";
        else if (auto* i = std::get_if<int64_t>(&v)) s += std::to_string(*i);
        else if (auto* t = std::get_if<std::string>(&v)) s += Quote(*t);
        else s += "blob:" + std::to_string(std::get<Blob>(v).size());
        s += '|';
      }
      out.push_back(std::move(s));
    }
    return out;
  }

  // Every migration of the current code, as the commands and the server
  // apply them on first use.
  void MigrateAll() {
    auto h = OpenRegistry(url_, key_);  // the registry's migrations (1..99)
    ASSERT_TRUE(h) << h.error().message;
    ASSERT_TRUE(services::ServicesStore(*h->db).Migrate());
    ASSERT_TRUE(policy::MigratePolicy(*h->db));
    ASSERT_TRUE(policy_services::PaymentBatches::Migrate(*h->db));
    ASSERT_TRUE(match::ProfileStore(*h->db).Migrate());
    ASSERT_TRUE(auth::MigrateAuth(*h->db));
    ASSERT_TRUE(audit::MigrateAudit(*h->db));
    ASSERT_TRUE(gig::GigBoard::Migrate(*h->db));
    ASSERT_TRUE(ads::AdDesk::Migrate(*h->db));
  }

  testing::CmdRun Audit(const std::string& sub) {
    return testing::RunCommand(AddAuditCommands, "audit " + sub + " --db " + url_);
  }

  std::string dir_, key_, url_, admin_url_, dbname_;
  std::unique_ptr<store::Db> db_;
  nlohmann::json counts_;
};

TEST_P(ReleaseMigrationTest, RowsAndHistorySurviveInPlace) {
  // The fixture as the release left it.
  std::map<std::string, std::vector<std::string>> before_cols, before_rows;
  for (const auto& t : Tables()) {
    ASSERT_TRUE(counts_.contains(t)) << "table " << t << " is not in counts.json";
    EXPECT_EQ(Count(t), counts_[t].get<int64_t>()) << t << " (fixture as restored)";
    for (const auto& c : Columns(t)) {
      if (!Dropped(t, c)) before_cols[t].push_back(c);
    }
    before_rows[t] = Rows(t, before_cols[t]);
  }
  ASSERT_EQ(before_cols.size(), counts_.size());
  auto applied_before = store::AppliedVersions(*db_);
  ASSERT_TRUE(applied_before);

  MigrateAll();
  if (HasFatalFailure()) return;

  // Every old version is still recorded and the new ones were added.
  auto applied = store::AppliedVersions(*db_);
  ASSERT_TRUE(applied);
  for (int v : *applied_before) EXPECT_NE(std::find(applied->begin(), applied->end(), v), applied->end()) << v;
  for (int v : {10, 20, 21, 211, 501}) {
    EXPECT_NE(std::find(applied->begin(), applied->end(), v), applied->end()) << "migration " << v;
  }

  // Every table keeps its rows, every old column its values.
  // (schema_migrations gains the new versions; its old rows stay.)
  for (const auto& [t, cols] : before_cols) {
    if (t == "schema_migrations") {
      auto now = Rows(t, cols);
      for (const auto& r : before_rows[t]) {
        EXPECT_NE(std::find(now.begin(), now.end(), r), now.end()) << "schema_migrations lost " << r;
      }
      continue;
    }
    EXPECT_EQ(Count(t), counts_[t].get<int64_t>()) << t << " after the migration";
    EXPECT_EQ(Rows(t, cols), before_rows[t]) << t << " changed in the migration";
  }
  // The facts the release did not hold were not invented.
  for (const char* t : {"contributions", "separations", "policy_payment_batches", "policy_entitlement_proposers"}) {
    EXPECT_EQ(Count(t), 0) << t;
  }
  auto insured = db_->Query("SELECT COUNT(*) FROM employers WHERE insured_region IS NOT NULL");
  ASSERT_TRUE(insured);
  EXPECT_EQ(insured->front().Int(0), 0) << "an employer's 参保地 was invented";

  // History through the current code: identity still decrypts with the old
  // vault key; 甲's contract has no place of work, 乙's keeps 440305.
  auto h = OpenRegistry(url_, key_);
  ASSERT_TRUE(h) << h.error().message;
  auto jia = h->registry->FindPersonByIdNumber("520102199505120034");
  ASSERT_TRUE(jia && jia->has_value());
  EXPECT_EQ((*jia)->name, "迁移甲");
  auto jia_contracts = h->registry->ContractsOfPerson((*jia)->person_id);
  ASSERT_TRUE(jia_contracts);
  ASSERT_EQ(jia_contracts->size(), 1u);
  EXPECT_EQ(jia_contracts->front().work_region, "") << "the hand-set 跨省 flag became a place of work";
  EXPECT_EQ(jia_contracts->front().start_on.ToString(), "2024-03-01");
  auto yi = h->registry->FindPersonByIdNumber("520121198809200054");
  ASSERT_TRUE(yi && yi->has_value());
  auto yi_contracts = h->registry->ContractsOfPerson((*yi)->person_id);
  ASSERT_TRUE(yi_contracts);
  ASSERT_EQ(yi_contracts->size(), 1u);
  EXPECT_EQ(yi_contracts->front().work_region, "440305");
  auto employer = h->registry->FindEmployer("91520102MA6DKQ8X2B");
  ASSERT_TRUE(employer && employer->has_value());
  EXPECT_EQ((*employer)->insured_region, "");

  // Payments: the sum in fen and the reversed entitlement as the release
  // recorded them (values read from the fixture before the migration).
  auto paid = db_->Query("SELECT COUNT(*), SUM(amount_fen) FROM policy_payments");
  ASSERT_TRUE(paid);
  EXPECT_EQ(paid->front().Int(0), counts_["policy_payments"].get<int64_t>());
  EXPECT_GT(paid->front().Int(1), 0);
  auto reversed = db_->Query("SELECT COUNT(*) FROM policy_entitlements WHERE status = 'reversed'");
  ASSERT_TRUE(reversed);
  EXPECT_EQ(reversed->front().Int(0), counts_["policy_reversals"].get<int64_t>());

  // The ledger still balances under the current code.
  auto check = testing::RunCommand(AddPolicyCommands, "ledger check --db " + url_);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  // New rows after the migration: the restored keys and sequences continue
  // past the old rows (a new person, contract and changes; an import with
  // the new 工作地 and a new employer with its 参保地).
  const std::string persons = dir_ + "/new-persons.csv";
  std::ofstream(persons) << "身份证号,姓名,户籍地,人员类别\n520102200001010013,迁移丙,520102,农村劳动力\n";
  auto imported = testing::RunCommand(AddDataCommands, "import persons " + persons + " --db " + url_ + " -q");
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  EXPECT_EQ(nlohmann::json::parse(imported.out)["inserted"], 1) << imported.out;
  const std::string contracts = dir_ + "/new-contracts.csv";
  std::ofstream(contracts) << "身份证号,统一社会信用代码,合同开始日期,工作地\n"
                              "520102200001010013,91520102MA6DKQ8X2B,2025-07-01,440305\n";
  imported = testing::RunCommand(AddDataCommands, "import contracts " + contracts + " --db " + url_ + " -q");
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  EXPECT_EQ(nlohmann::json::parse(imported.out)["inserted"], 1) << imported.out;
  EXPECT_EQ(Count("persons"), counts_["persons"].get<int64_t>() + 1);
  EXPECT_EQ(Count("contracts"), counts_["contracts"].get<int64_t>() + 1);
  EXPECT_GT(Count("changes"), counts_["changes"].get<int64_t>());
  auto bing = h->registry->FindPersonByIdNumber("520102200001010013");
  ASSERT_TRUE(bing && bing->has_value());
  EXPECT_GT((*bing)->person_id, counts_["persons"].get<int64_t>());

  // Migrating again finds nothing to do.
  std::map<std::string, int64_t> counts_now;
  for (const auto& t : Tables()) counts_now[t] = Count(t);
  MigrateAll();
  for (const auto& [t, n] : counts_now) EXPECT_EQ(Count(t), n) << t;
}

TEST_P(ReleaseMigrationTest, MissingFactsAreUnknownInDecisions) {
  MigrateAll();
  if (HasFatalFailure()) return;
  auto h = OpenRegistry(url_, key_);
  ASSERT_TRUE(h);
  auto jia = h->registry->FindPersonByIdNumber("520102199505120034");
  ASSERT_TRUE(jia && jia->has_value());
  auto run = testing::RunCommand(AddPolicyCommands,
                                 "policy eval --db " + url_ + " --params " + SourceTreeDir().string() +
                                     "/policy/params --date 2025-06-30 --json --person " +
                                     std::to_string((*jia)->person_id));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto decisions = nlohmann::json::parse(run.out);
  auto condition = [&](const std::string& rule, const std::string& id) -> nlohmann::json {
    for (const auto& d : decisions) {
      if (d["rule"] != rule) continue;
      for (const auto& c : d["conditions"]) {
        if (c["id"] == id) return {{"c", c}, {"missing", d["missing_data"]}, {"eligible", d["eligible"]}};
      }
    }
    return nullptr;
  };
  auto has = [](const nlohmann::json& list, const std::string& part) {
    for (const auto& m : list) {
      if (m.get<std::string>().find(part) != std::string::npos) return true;
    }
    return false;
  };
  // R6 (cross-county transport subsidy): the release held a hand-set 跨县
  // flag, no place of work; the decision names the missing place.
  auto r6 = condition("R6", "work_place_known");
  ASSERT_FALSE(r6.is_null()) << run.out;
  EXPECT_FALSE(r6["eligible"].get<bool>());
  EXPECT_TRUE(r6["c"]["unknown"].get<bool>()) << r6.dump();
  EXPECT_TRUE(has(r6["missing"], "工作地点")) << r6.dump();
  // R3 (hiring subsidy): no contribution months; the contract's old
  // "参保月数" (15) is not taken as insurance.
  auto r3 = condition("R3", "si_months");
  ASSERT_FALSE(r3.is_null()) << run.out;
  EXPECT_TRUE(r3["c"]["unknown"].get<bool>()) << r3.dump();
  EXPECT_TRUE(has(r3["missing"], "社会保险缴费月份")) << r3.dump();
  // The employer's 参保地 is unknown: no automatic payment, named as missing.
  auto r2 = condition("R2", "jurisdiction_unknown");
  ASSERT_FALSE(r2.is_null()) << run.out;
  EXPECT_FALSE(r2["eligible"].get<bool>());
  EXPECT_TRUE(r2["c"]["unknown"].get<bool>()) << r2.dump();
  EXPECT_TRUE(has(r2["missing"], "单位参保地")) << r2.dump();
}

TEST_P(ReleaseMigrationTest, AuditVerifyAfterSealAndTamperFound) {
  MigrateAll();
  if (HasFatalFailure()) return;
  const int64_t old_rows = counts_["audit_log"].get<int64_t>();
  ASSERT_GT(old_rows, 0);
  // Before the seal there is no audit key: verify says how to seal.
  auto unsealed = Audit("verify");
  EXPECT_EQ(unsealed.exit_code, 1);
  EXPECT_NE(unsealed.err.find("qjy audit seal"), std::string::npos) << unsealed.err;

  auto seal = Audit("seal");
  ASSERT_EQ(seal.exit_code, 0) << seal.err;
  auto ok = Audit("verify");
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("已校验 " + std::to_string(old_rows) + " 条记录"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("第 " + std::to_string(old_rows) + " 条及以前为升级前的 SHA-256 链"), std::string::npos)
      << ok.out;

  // A row written by the current code joins the chain with its MAC.
  {
    auth::SystemClock clock;
    audit::AuditLog log(clock, url_);
    audit::AuditEntry e;
    e.actor = "cli:test";
    e.role = "cli";
    e.action = "migration.test";
    e.target = "release-44e733f";
    e.result = "ok";
    ASSERT_TRUE(log.Append(*db_, e));
  }
  auto after_append = Audit("verify");
  EXPECT_EQ(after_append.exit_code, 0) << after_append.out << after_append.err;
  EXPECT_NE(after_append.out.find("已校验 " + std::to_string(old_rows + 1) + " 条记录"), std::string::npos)
      << after_append.out;

  // An edit of an old row behind the application's back (guards dropped,
  // as an attacker with the database's rights could) is found.
  if (IsPg()) {
    ASSERT_TRUE(db_->ExecScript("ALTER TABLE audit_log DISABLE TRIGGER USER"));
  } else {
    ASSERT_TRUE(db_->ExecScript("DROP TRIGGER audit_log_no_update"));
  }
  ASSERT_TRUE(db_->Exec("UPDATE audit_log SET detail = detail || ' (edited)' WHERE seq = 2"));
  auto tampered = Audit("verify");
  EXPECT_EQ(tampered.exit_code, 1) << tampered.out;
  EXPECT_NE(tampered.out.find("第 2 条"), std::string::npos) << tampered.out;
  EXPECT_NE(tampered.out.find("TAMPERED"), std::string::npos) << tampered.out;
}

// A strong password for the accounts the tests add (not the demo one).
constexpr char kOfficerPassword[] = "Migration-Officer-2026";

TEST_P(ReleaseMigrationTest, StaleProposalsAreWithdrawnAtSubmitAndNeverPaid) {
  MigrateAll();
  if (HasFatalFailure()) return;
  auto h = OpenRegistry(url_, key_);
  ASSERT_TRUE(h) << h.error().message;

  // The oracle: what a sweep of today's engine grants on each proposal's own
  // decision date, over the migrated database (not the code under test:
  // the re-check evaluates one subject at a time).
  auto proposed = db_->Query(
      "SELECT once_key, rule, amount_fen, decided_on FROM policy_entitlements WHERE status = 'proposed' ORDER BY 1");
  ASSERT_TRUE(proposed);
  ASSERT_EQ(proposed->size(), 40u) << "the fixture's review list";
  auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
  ASSERT_TRUE(params) << params.error().message;
  auto engine = policy::Engine::Create(std::move(*params));
  ASSERT_TRUE(engine) << engine.error().message;
  policy_services::StoreRegistrations regs(*h->db);
  auto world = policy::LoadWorld(*h->db, *h->registry, regs);
  ASSERT_TRUE(world) << world.error().message;
  std::map<std::string, std::map<std::string, int64_t>> granted;  // date → key → amount
  std::set<std::string> withdrawn_expected;
  std::map<std::string, int> refused_by_rule;
  int64_t kept_fen = 0, kept_count = 0;
  for (const auto& r : *proposed) {
    const std::string date = r.Text(3);
    if (!granted.contains(date)) {
      for (const auto& d : engine->Sweep(*world, *Date::Parse(date), {.threads = 1})) {
        granted[date][d.once_key] = d.amount_fen;
      }
    }
    auto it = granted[date].find(r.Text(0));
    ASSERT_TRUE(it == granted[date].end() || it->second == r.Int(2))
        << r.Text(0) << ": granted with another amount (the fixture has none; this test expects withdrawals only)";
    if (it == granted[date].end()) {
      withdrawn_expected.insert(r.Text(0));
      ++refused_by_rule[r.Text(1)];
    } else if (r.Text(1) != "R14" && r.Text(1) != "R15") {
      kept_fen += r.Int(2);
      ++kept_count;
    }
  }
  // R17's 3 rested on the generator's tier (issue #15: R17 now reads the
  // recognition officials record in the community registry, which the
  // release did not have: unknown, so withdrawn, not paid).
  // The hazard found on the fixture: 5 rested on hand-set cross-province
  // flags or the contract's insured months.
  EXPECT_EQ(refused_by_rule, (std::map<std::string, int>{{"R16", 2}, {"R17", 3}, {"R7", 1}, {"R8", 2}}));

  // Two officers of today (the release's demo accounts cannot sign, below).
  auth::SystemClock clock;
  for (const auto& [name, grants] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"submitter", {}}, {"approver", {"approve_payment"}}}) {
    auth::NewAccount a;
    a.username = name;
    a.role = auth::Role::kOfficer;
    a.region_code = "52";
    a.password = kOfficerPassword;
    a.grants = grants;
    auto made = auth::AccountStore(*db_).Create(a, clock.Now());
    ASSERT_TRUE(made) << made.error().message;
  }
  const int64_t payments_before = Count("policy_payments");
  setenv("QJY_PASSWORD", kOfficerPassword, 1);
  auto submit = testing::RunCommand(AddPolicyCommands, "policy submit --db " + url_ + " --user submitter --all");
  ASSERT_EQ(submit.exit_code, 0) << submit.out << submit.err;
  EXPECT_NE(submit.out.find("已撤回 " + std::to_string(withdrawn_expected.size()) + " 项按现行规则不再符合"),
            std::string::npos)
      << submit.out;
  // Each withdrawn one is named by its policy's title, never by its key.
  for (const auto& k : withdrawn_expected) {
    const store::Value key[] = {k};
    auto title = db_->Query("SELECT title FROM policy_entitlements WHERE once_key = ?", key);
    ASSERT_TRUE(title && !title->empty());
    EXPECT_NE(submit.out.find(title->front().Text(0)), std::string::npos) << k << submit.out;
    EXPECT_EQ(submit.out.find(k), std::string::npos) << k << submit.out;
  }

  // Exactly the refused ones are withdrawn (with today's explanation), the
  // rest are in the batch.
  auto withdrawn = db_->Query("SELECT once_key, explanation FROM policy_entitlements WHERE status = 'withdrawn'");
  ASSERT_TRUE(withdrawn);
  std::set<std::string> withdrawn_keys;
  for (const auto& r : *withdrawn) {
    withdrawn_keys.insert(r.Text(0));
    auto ex = nlohmann::json::parse(r.Text(1));
    EXPECT_FALSE(ex["eligible"].get<bool>()) << r.Text(1);
  }
  EXPECT_EQ(withdrawn_keys, withdrawn_expected);
  auto batch = db_->Query("SELECT batch_id, item_count FROM policy_payment_batches");
  ASSERT_TRUE(batch);
  ASSERT_EQ(batch->size(), 1u);
  EXPECT_EQ(batch->front().Int(1), 40 - static_cast<int64_t>(withdrawn_expected.size()));
  auto in_batch = db_->Query("SELECT once_key FROM policy_payment_batch_items");
  ASSERT_TRUE(in_batch);
  for (const auto& r : *in_batch) EXPECT_FALSE(withdrawn_expected.contains(r.Text(0))) << r.Text(0);

  // Approved by the second officer: none of the withdrawn is paid.
  auto approve = testing::RunCommand(AddPolicyCommands, "policy approve --db " + url_ + " --user approver --yes --batch " +
                                                            std::to_string(batch->front().Int(0)));
  unsetenv("QJY_PASSWORD");
  ASSERT_EQ(approve.exit_code, 0) << approve.out << approve.err;
  for (const auto& k : withdrawn_expected) {
    const Value p[] = {k};
    auto paid = db_->Query("SELECT COUNT(*) FROM policy_payments WHERE once_key = ?", p);
    ASSERT_TRUE(paid);
    EXPECT_EQ(paid->front().Int(0), 0) << k << " was paid";
  }
  EXPECT_EQ(Count("policy_payments"), payments_before + kept_count);
  auto sum = db_->Query("SELECT COALESCE(SUM(p.amount_fen), 0) FROM policy_payments p JOIN policy_payment_batch_items i "
                        "ON i.once_key = p.once_key");
  ASSERT_TRUE(sum) << sum.error().message;
  EXPECT_EQ(sum->front().Int(0), kept_fen);
  auto check = testing::RunCommand(AddPolicyCommands, "ledger check --db " + url_);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  auto audited = db_->Query("SELECT COUNT(*) FROM audit_log WHERE action = 'policy.withdraw'");
  ASSERT_TRUE(audited);
  EXPECT_EQ(audited->front().Int(0), static_cast<int64_t>(withdrawn_expected.size()));
}

TEST_P(ReleaseMigrationTest, ReleaseDemoAccountsCannotLogIn) {
  MigrateAll();
  if (HasFatalFailure()) return;
  auto demo = auth::IsDemoDatabase(*db_);
  ASSERT_TRUE(demo);
  ASSERT_FALSE(*demo) << "the release had no demo marker";
  // Every account the release's `qjy demo-accounts` made is named for
  // `qjy serve` to warn about ...
  auto exposed = auth::DemoPasswordAccounts(*db_);
  ASSERT_TRUE(exposed) << exposed.error().message;
  EXPECT_EQ(static_cast<int64_t>(exposed->size()), counts_["accounts"].get<int64_t>());
  EXPECT_NE(std::find(exposed->begin(), exposed->end(), "county_officer"), exposed->end());
  // ... and refused at login with the published password.
  auth::SystemClock clock;
  auth::SessionManager sessions(clock);
  auto login = sessions.Login(*db_, "county_officer", auth::kDemoPassword, "127.0.0.1");
  ASSERT_TRUE(login) << login.error().message;
  EXPECT_EQ(login->status, auth::LoginStatus::kDemoPassword);
  EXPECT_TRUE(login->token.empty());
  EXPECT_EQ(Count("sessions"), counts_["sessions"].get<int64_t>());
  // Nor can it sign a payment batch from the command line; audited.
  setenv("QJY_PASSWORD", auth::kDemoPassword, 1);
  auto submit = testing::RunCommand(AddPolicyCommands, "policy submit --db " + url_ + " --user county_officer --all");
  unsetenv("QJY_PASSWORD");
  EXPECT_EQ(submit.exit_code, 1);
  EXPECT_NE(submit.err.find("请系统管理员重置该账号的密码"), std::string::npos) << submit.err;
  EXPECT_EQ(Count("policy_payment_batches"), 0);
  auto audited = db_->Query("SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND result = 'denied'");
  ASSERT_TRUE(audited);
  EXPECT_EQ(audited->front().Int(0), 1);
}

TEST_P(ReleaseMigrationTest, NewSweepRevisitsStaleProposals) {
  MigrateAll();
  if (HasFatalFailure()) return;
  // The release's sweep date: today's sweep decides the same keys again and
  // revisits the proposals it no longer grants.
  auto sweep = testing::RunCommand(AddPolicyCommands, "policy sweep --db " + url_ + " --date 2025-06-30 --json");
  ASSERT_EQ(sweep.exit_code, 0) << sweep.out << sweep.err;
  auto j = nlohmann::json::parse(sweep.out);
  EXPECT_EQ(j["withdrawn"], 8) << sweep.out;  // R17's 3 read the registry's recognition now (#15)
  EXPECT_EQ(j["reproposed"], 0) << sweep.out;
  // The notice names each policy by its title with its count, never a rule
  // code or an entitlement key.
  const std::string notice = j["notice"].get<std::string>();
  auto titles = db_->Query(
      "SELECT title, COUNT(*) FROM policy_entitlements WHERE status = 'withdrawn' GROUP BY title ORDER BY title");
  ASSERT_TRUE(titles);
  ASSERT_FALSE(titles->empty());
  for (const auto& r : *titles) {
    EXPECT_NE(notice.find(r.Text(0) + " " + std::to_string(r.Int(1)) + " 项"), std::string::npos) << notice;
  }
  EXPECT_FALSE(std::regex_search(notice, std::regex("R[0-9]+[ |]|P:[0-9]"))) << notice;
  auto by_rule = db_->Query("SELECT rule, COUNT(*) FROM policy_entitlements WHERE status = 'withdrawn' GROUP BY rule ORDER BY rule");
  ASSERT_TRUE(by_rule);
  std::map<std::string, int64_t> got;
  for (const auto& r : *by_rule) got[r.Text(0)] = r.Int(1);
  EXPECT_EQ(got, (std::map<std::string, int64_t>{{"R16", 2}, {"R17", 3}, {"R7", 1}, {"R8", 2}}));
  // A second sweep finds nothing more to revisit.
  auto again = testing::RunCommand(AddPolicyCommands, "policy sweep --db " + url_ + " --date 2025-06-30 --json");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out)["withdrawn"], 0) << again.out;
}

INSTANTIATE_TEST_SUITE_P(Dialects, ReleaseMigrationTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         [](const ::testing::TestParamInfo<Dialect>& info) {
                           return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace qjy::cli
