#include "server/api_policy.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "audit/audit_schema.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "server/test_env.h"
#include "supervision/supervisor.h"

namespace qjy::server {
namespace {

class PolicyApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("qjy-policy-api-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    db_ = std::move(*store::OpenDb((dir_ / "t.db").string()));
    std::array<uint8_t, 32> key{};
    key.fill(7);
    vault_ = std::make_unique<Vault>(Vault::FromKey(key));
    registry_ = std::make_unique<store::RegistryStore>(*db_, *vault_);
    ASSERT_TRUE(registry_->Migrate());
    ASSERT_TRUE(audit::MigrateAudit(*db_));
    registry::Employer e;
    e.credit_code = "91520102MA6DXXXX0X";
    e.county_code = "520102";
    e.region = "520102";
    e.insured_region = "520102";
    e.name = "测试公司";
    e.size = registry::SizeClass::kSmall;
    e.insured_headcount = 10;
    e.years.push_back({2022, 10, 0, 100000});
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry_->UpsertEmployer(e, "test"));
    ASSERT_TRUE(tx->Commit());
    auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
    ASSERT_TRUE(params);
    engine_ = std::make_unique<policy::Engine>(std::move(*policy::Engine::Create(*params)));
    api_ = std::make_unique<PolicyApi>(*engine_, regs_, audit_, clock_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  HttpResponse Send(const std::string& method, const std::string& target, const std::string& body = "",
                    const std::string& idem = "", const std::string& scope = "",
                    const std::string& actor = "officer1", bool may_approve = false) {
    HttpRequest r;
    r.method = method;
    r.target = target;
    r.body = body;
    if (!idem.empty()) r.headers.push_back({"idempotency-key", idem});
    return api_->Handle(r, *db_, *registry_, actor, scope, may_approve);
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<Vault> vault_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<policy::Engine> engine_;
  policy::NoRegistrations regs_;
  auth::ManualClock clock_{1'700'000'000};
  audit::AuditLog audit_{clock_, audit::SealConfig::Ephemeral()};
  std::unique_ptr<PolicyApi> api_;
};

TEST_F(PolicyApiTest, FinderSweepBatchTwoPeoplePayOnce) {
  auto eval = Send("GET", "/api/policy/eval?employer=91520102MA6DXXXX0X&date=2023-07-01");
  ASSERT_EQ(eval.status, 200) << eval.body;
  auto j = nlohmann::json::parse(eval.body);
  EXPECT_EQ(j["decisions"][0]["rule"], "R1");
  EXPECT_EQ(j["decisions"][0]["amount_fen"], 60000);
  // Each decision says how near it is (policy::ClosenessOf) and how it is paid.
  EXPECT_EQ(j["decisions"][0]["closeness"], "eligible");
  EXPECT_EQ(j["decisions"][0]["delivery"], "免申即享");
  for (const auto& d : j["decisions"]) {
    EXPECT_TRUE(d["closeness"] == "eligible" || d["closeness"] == "near" || d["closeness"] == "far") << d.dump();
  }
  EXPECT_EQ(Send("GET", "/api/policy/eval?employer=nope&date=2023-07-01").status, 404);
  EXPECT_EQ(Send("GET", "/api/policy/eval?date=2023-07-01").status, 400);

  EXPECT_EQ(Send("POST", "/api/policy/sweep", R"({"date":"2023-07-01","region":"5203"})", "", "5201").status, 403);
  auto sweep = Send("POST", "/api/policy/sweep", R"({"date":"2023-07-01"})");
  ASSERT_EQ(sweep.status, 200) << sweep.body;
  EXPECT_EQ(nlohmann::json::parse(sweep.body)["added"], 1);
  auto list = nlohmann::json::parse(Send("GET", "/api/policy/entitlements?status=proposed").body);
  ASSERT_EQ(list["entitlements"].size(), 1u);
  // The review list names the beneficiary (not "E:<credit code>").
  EXPECT_EQ(list["entitlements"][0]["beneficiary_info"]["name"], "测试公司");
  EXPECT_EQ(list["entitlements"][0]["beneficiary_info"]["kind"], "employer");
  const std::string key = list["entitlements"][0]["once_key"];
  // 提交审批 by officer1: a batch with its totals per fund, names and explanations.
  EXPECT_EQ(Send("POST", "/api/policy/approve", nlohmann::json{{"all", true}}.dump()).status, 404);  // gone
  const std::string body = nlohmann::json{{"once_keys", {key}}}.dump();
  EXPECT_EQ(Send("POST", "/api/policy/batches", body, "", "5203").status, 403);
  auto submitted = Send("POST", "/api/policy/batches", body);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  auto batch = nlohmann::json::parse(submitted.body);
  const std::string id = std::to_string(batch["batch_id"].get<int64_t>());
  EXPECT_EQ(batch["subsidy_fen"], 60000);
  EXPECT_EQ(batch["loan_count"], 0);
  EXPECT_EQ(batch["funds"][0]["fund_label"], "失业保险基金");
  EXPECT_EQ(batch["funds"][0]["count"], 1);
  EXPECT_TRUE(batch["two_person"]);
  auto detail = nlohmann::json::parse(Send("GET", "/api/policy/batches/" + id).body);
  ASSERT_EQ(detail["items"].size(), 1u);
  EXPECT_EQ(detail["items"][0]["beneficiary_info"]["name"], "测试公司");
  EXPECT_EQ(detail["proposed_by"], nlohmann::json::array({"officer1"}));  // officer1 ran the sweep
  EXPECT_FALSE(detail["can_approve"]);
  EXPECT_EQ(detail["items"][0]["explanation"]["rule"], "R1");
  EXPECT_EQ(Send("GET", "/api/policy/batches/" + id, "", "", "5203").status, 404);
  // Without the grant: refused. The submitter with the grant: two-person rule.
  const std::string approve = "/api/policy/batches/" + id + "/approve";
  EXPECT_EQ(Send("POST", approve, "{}", "", "", "officer2").status, 403);
  auto own = Send("POST", approve, "{}", "", "", "officer1", true);
  EXPECT_EQ(own.status, 403);
  EXPECT_NE(own.body.find("两人审批"), std::string::npos) << own.body;
  auto paid = Send("POST", approve, "{}", "", "", "officer2", true);
  ASSERT_EQ(paid.status, 200) << paid.body;
  auto pj = nlohmann::json::parse(paid.body);
  EXPECT_EQ(pj["results"][0]["outcome"], "paid");
  EXPECT_EQ(pj["status"], "paid");
  EXPECT_EQ(pj["approved_by"], "officer2");
  EXPECT_FALSE(pj["paid_nothing"]);
  EXPECT_EQ(pj["message"], "批次 " + id + " 已审批支付：1 笔，合计 600.00元");
  EXPECT_EQ(Send("POST", approve, "{}", "", "", "officer2", true).status, 409);  // paid once
  auto rows = db_->Query("SELECT COUNT(*) FROM policy_payments");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Int(0), 1);

  auto params = nlohmann::json::parse(Send("GET", "/api/policy/params").body);
  bool found = false;
  for (const auto& p : params["parameters"]) {
    if (p["name"] == "r10.avg_wage_prev_year") {
      found = true;
      EXPECT_EQ(p["reference"], "A3(十二)");
      EXPECT_EQ(p["values"][0]["value"], 8229100);
      EXPECT_TRUE(p["values"][1]["value"].is_null());
    }
  }
  EXPECT_TRUE(found);
}

// The employer of the fixture deregistered (a status fact), so that fund
// supervision's cross-checks hold its entitlement.
void Deregister(store::Db& db) {
  ASSERT_TRUE(supervision::Supervisor::Migrate(db));
  ASSERT_TRUE(db.Exec(
      "INSERT INTO supervision_status_facts (county_code, subject, kind, from_on, source, recorded_by, recorded_at) "
      "VALUES ('520102', 'E:91520102MA6DXXXX0X', 'deregistered', '2022-01-01', '市场监管部门', 'test', "
      "'2023-06-01T00:00:00Z')"));
}

// Submitting only what the cross-checks hold names the check and the count,
// not "nothing to submit" (user trial).
TEST_F(PolicyApiTest, SubmittingOnlyHeldEntitlementsNamesTheCheck) {
  ASSERT_EQ(Send("POST", "/api/policy/sweep", R"({"date":"2023-07-01"})").status, 200);
  auto list = nlohmann::json::parse(Send("GET", "/api/policy/entitlements?status=proposed").body);
  ASSERT_EQ(list["entitlements"].size(), 1u);
  const std::string key = list["entitlements"][0]["once_key"];
  Deregister(*db_);
  for (const std::string body : {nlohmann::json{{"once_keys", {key}}}.dump(), std::string(R"({"all":true})")}) {
    auto r = Send("POST", "/api/policy/batches", body);
    EXPECT_EQ(r.status, 400) << r.body;
    const std::string msg = nlohmann::json::parse(r.body)["message"];
    EXPECT_NE(msg.find("未生成批次：1 笔被交叉核查暂扣：向已注销单位支付"), std::string::npos) << body << msg;
    EXPECT_EQ(msg.find("没有可提交审批"), std::string::npos) << msg;
  }
  auto rows = db_->Query("SELECT COUNT(*) FROM policy_payment_batches");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Int(0), 0);
}

// A batch whose every item the screen before payment holds pays nothing and
// says so, naming the check; it is not "已审批支付" (user trial).
TEST_F(PolicyApiTest, ABatchItsScreenEmptiesSaysNothingWasPaid) {
  ASSERT_EQ(Send("POST", "/api/policy/sweep", R"({"date":"2023-07-01"})").status, 200);
  auto submitted = Send("POST", "/api/policy/batches", R"({"all":true})");
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string id = std::to_string(nlohmann::json::parse(submitted.body)["batch_id"].get<int64_t>());
  Deregister(*db_);
  auto r = Send("POST", "/api/policy/batches/" + id + "/approve", "{}", "", "", "officer2", true);
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  EXPECT_TRUE(j["results"].empty());
  EXPECT_TRUE(j["paid_nothing"]);
  const std::string msg = j["message"];
  EXPECT_NE(msg.find("批次 " + id + " 未支付任何一笔：全部 1 笔"), std::string::npos) << msg;
  EXPECT_NE(msg.find("向已注销单位支付"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("已审批支付"), std::string::npos) << msg;
  EXPECT_EQ(j["status_label"], "未支付（全部被资金监管暂停支付）");
  auto detail = nlohmann::json::parse(Send("GET", "/api/policy/batches/" + id).body);
  EXPECT_EQ(detail["status_label"], "未支付（全部被资金监管暂停支付）");
  auto rows = db_->Query("SELECT COUNT(*) FROM policy_payments");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Int(0), 0);
}

// The sweep job goes in passes of counties (one pass's world in memory at a
// time): with one person a pass, Nanming and Zunyi are a pass each, and the
// review list holds exactly the decisions of one world of the whole
// registry.
TEST_F(PolicyApiTest, SweepInPassesWritesTheWholeWorldsDecisions) {
  registry::Employer e;
  e.credit_code = "91520302MA6DYYYY0Y";
  e.county_code = e.region = e.insured_region = "520302";
  e.name = "遵义测试公司";
  e.size = registry::SizeClass::kSmall;
  e.insured_headcount = 12;
  e.years.push_back({2022, 12, 0, 100000});
  int n = 0;
  for (const char* first17 : {"52010219900101123", "52030219850505234"}) {
    registry::Person p;
    p.id_number = testing::WithCheck(first17);
    p.county_code = p.hukou_region = p.residence_region = p.id_number.substr(0, 6);
    p.name = n++ == 0 ? "黔内甲" : "遵义乙";
    p.birth_date = *Date::FromYmd(std::stoi(p.id_number.substr(6, 4)), std::stoi(p.id_number.substr(10, 2)),
                                  std::stoi(p.id_number.substr(12, 2)));
    p.sex = registry::Sex::kMale;
    p.ethnicity = "汉族";
    p.phone = "13800001234";
    p.education = registry::Education::kBachelor;
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry_->UpsertPerson(p, "test"));
    ASSERT_TRUE(tx->Commit());
  }
  auto tx = store::Transaction::Begin(*db_);
  ASSERT_TRUE(tx);
  ASSERT_TRUE(registry_->UpsertEmployer(e, "test"));
  ASSERT_TRUE(tx->Commit());
  const Date date = *Date::Parse("2023-07-01");
  auto r = api_->RunSweep(*db_, *registry_, "officer1", "52", date, nullptr, /*pass_budget=*/1);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)["passes"], 2) << r->dump();
  auto world = policy::LoadWorld(*db_, *registry_, regs_);
  ASSERT_TRUE(world) << world.error().message;
  std::set<std::string> whole;
  for (const auto& d : engine_->Sweep(*world, date, {.region = "52"})) whole.insert(d.once_key);
  ASSERT_GE(whole.size(), 2u) << "an employer of each county is found";
  auto proposed = [&] {
    std::set<std::string> keys;
    auto rows = db_->Query("SELECT once_key FROM policy_entitlements WHERE status = 'proposed'");
    EXPECT_TRUE(rows) << rows.error().message;
    if (rows) {
      for (const auto& row : *rows) keys.insert(row.Text(0));
    }
    return keys;
  };
  EXPECT_EQ(proposed(), whole);
  EXPECT_EQ((*r)["entitlements"], whole.size());
  EXPECT_EQ((*r)["added"], whole.size());
  EXPECT_EQ((*r)["withdrawn"], 0);

  // The Zunyi employer moves to Nanming: its proposal stays under Zunyi in
  // the review list, while its decision now falls in Nanming's pass. Zunyi's
  // pass must not withdraw it for being absent from Zunyi's world (it is
  // decided on the employer's own world), nor Nanming's propose it twice.
  e.county_code = e.region = e.insured_region = "520102";
  auto move = store::Transaction::Begin(*db_);
  ASSERT_TRUE(move);
  ASSERT_TRUE(registry_->UpsertEmployer(e, "test"));
  ASSERT_TRUE(move->Commit());
  r = api_->RunSweep(*db_, *registry_, "officer1", "52", date, nullptr, /*pass_budget=*/1);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)["withdrawn"], 0) << r->dump();
  EXPECT_EQ((*r)["added"], 0) << r->dump();
  EXPECT_EQ(proposed(), whole);
}

// 复核/申诉 (issue #17 §2): a swept entitlement replays from its record;
// an officer of another county does not see it; each replay is audited.
TEST_F(PolicyApiTest, ReplayOfAnEntitlementIsScopedAndAudited) {
  ASSERT_EQ(Send("POST", "/api/policy/sweep", R"({"date":"2023-07-01"})", "", "520102").status, 200);
  auto list = nlohmann::json::parse(Send("GET", "/api/policy/entitlements").body);
  ASSERT_EQ(list["entitlements"].size(), 1u);
  const std::string id = std::to_string(list["entitlements"][0]["id"].get<int64_t>());
  const std::string route = "/api/policy/entitlements/" + id + "/replay";
  auto ok = Send("GET", route, "", "", "520102");
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto j = nlohmann::json::parse(ok.body);
  EXPECT_TRUE(j["replay"]["reproduced"]) << j["replay"]["mismatch"];
  EXPECT_EQ(j["replay"]["then"]["amount_fen"], 60000);
  EXPECT_EQ(j["replay"]["then"]["rule"], "R1");
  EXPECT_EQ(j["replay"]["stored_rule_version"], "R1@1");
  EXPECT_FALSE(j["replay"]["differs"]);
  EXPECT_EQ(j["beneficiary_info"]["name"], "测试公司");
  EXPECT_FALSE(j.contains("explanation"));
  // Another county's officer: as if it did not exist.
  auto other = Send("GET", route, "", "", "520302");
  EXPECT_EQ(other.status, 404) << other.body;
  EXPECT_EQ(Send("GET", "/api/policy/entitlements/99999/replay", "", "", "520102").status, 404);
  EXPECT_EQ(Send("GET", "/api/policy/entitlements/x1/replay").status, 400);
  auto rows = db_->Query("SELECT result FROM audit_log WHERE action = 'policy.replay' ORDER BY 1");
  ASSERT_TRUE(rows);
  std::vector<std::string> results;
  for (const auto& r : *rows) results.push_back(r.Text(0));
  EXPECT_EQ(results, (std::vector<std::string>{"not_found", "not_found", "reproduced"}));
}

}  // namespace
}  // namespace qjy::server
