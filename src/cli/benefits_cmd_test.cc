// qjy benefits: an application refused with the count and clause, one
// granted by the duration step, the monthly run paying through the ledger
// (qjy ledger check balances), the 核查比对 stop the month a contract
// starts, masked ID numbers, and a bad stop reason named.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "store/contribution_store.h"
#include "core/date_test_support.h"

namespace qjy::cli {
namespace {

namespace fs = std::filesystem;

testing::CmdRun Ben(const std::string& line) { return testing::RunCommand(AddBenefitsCommands, line); }
testing::CmdRun Pol(const std::string& line) { return testing::RunCommand(AddPolicyCommands, line); }

using ::qjy::test_support::D;
constexpr char kEmployer[] = "91520102MA6DKQ8X2B";

class BenefitsCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qjy-benefits-cmd-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "b.db").string();
    auto h = OpenRegistry(db_);
    ASSERT_TRUE(h) << h.error().message;
    registry::Employer e;
    e.credit_code = kEmployer;
    e.county_code = "520102";
    e.region = "520102";
    e.insured_region = "520102";
    e.name = "测试制造公司";
    e.size = registry::SizeClass::kMedium;
    e.insured_headcount = 80;
    auto tx = store::Transaction::Begin(*h->db);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(h->registry->UpsertEmployer(e, "t"));
    few_ = AddPerson(*h, "520102199001010018", "张一", 11);
    many_ = AddPerson(*h, "520102198505050027", "王二", 60);
    ASSERT_TRUE(tx->Commit());
  }
  void TearDown() override { fs::remove_all(dir_); }

  int64_t AddPerson(RegistryHandle& h, const char* id, const char* name, int months) {
    registry::Person p;
    p.county_code = "520102";
    p.id_number = id;
    p.name = name;
    p.birth_date = D("1990-01-01");
    p.ethnicity = "汉族";
    p.hukou_region = "520102001";
    p.residence_region = "520102001";
    p.education = registry::Education::kSeniorHigh;
    EXPECT_TRUE(h.registry->UpsertPerson(p, "t"));
    store::ContributionStore store(*h.db);
    for (int i = 1; i <= months; ++i) {
      registry::Contribution k;
      k.county_code = "520102";
      k.person_id = p.person_id;
      k.employer_credit_code = kEmployer;
      k.month = registry::MonthIndex(2025, 3) - i;
      k.kinds = registry::kAllInsuranceKinds;
      k.base_fen = 400000;
      EXPECT_TRUE(store.Put(k));
    }
    // The contract of those months ran out on 2025-02-28 (期满终止: 非因本人意愿).
    registry::Contract c;
    c.person_id_number = id;
    c.employer_credit_code = kEmployer;
    c.start_on = D("2019-01-01");
    c.end_on = D("2025-02-28");
    c.work_region = "520102";
    EXPECT_TRUE(h.registry->UpsertContract(c, "t"));
    return p.person_id;
  }

  fs::path dir_;
  std::string db_;
  int64_t few_ = 0, many_ = 0;
};

TEST_F(BenefitsCmdTest, ApplyRunCheckAndStop) {
  auto refused = Ben("benefits apply --db " + db_ + " --person " + std::to_string(few_) + " --on 2025-03-04");
  ASSERT_EQ(refused.exit_code, 0) << refused.err;
  EXPECT_NE(refused.out.find("不予核准"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("累计缴费11个月，不足12个月（《失业保险条例》第十四条）"), std::string::npos) << refused.out;

  auto granted = Ben("benefits apply --db " + db_ + " --person " + std::to_string(many_) + " --on 2025-03-04 --json");
  ASSERT_EQ(granted.exit_code, 0) << granted.err;
  const auto claim = nlohmann::json::parse(granted.out);
  EXPECT_EQ(claim["duration_months"], 18);  // 60 months: 满5年
  EXPECT_EQ(claim["status"], "active");
  const std::string claim_id = std::to_string(claim["claim_id"].get<int64_t>());
  // Masked ID, never the full number.
  EXPECT_EQ(granted.out.find("520102198505050027"), std::string::npos);
  EXPECT_NE(claim["id_masked"].get<std::string>().find('*'), std::string::npos);

  auto mar = Ben("benefits run --db " + db_ + " --month 2025-03");
  ASSERT_EQ(mar.exit_code, 0) << mar.err;
  EXPECT_NE(mar.out.find("发放 1 人"), std::string::npos) << mar.out;
  auto again = Ben("benefits run --db " + db_ + " --month 2025-03 --json");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out)["paid"], 0);

  auto check = Pol("ledger check --db " + db_);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("支付 2 笔"), std::string::npos) << check.out;  // benefit + medical fee
  EXPECT_NE(check.out.find("账本一致"), std::string::npos) << check.out;

  // A contract starting 2025-04-10: April is not paid, the claim stops.
  {
    auto h = OpenRegistry(db_);
    ASSERT_TRUE(h);
    registry::Contract c;
    c.person_id_number = "520102198505050027";
    c.employer_credit_code = kEmployer;
    c.start_on = D("2025-04-10");
    c.work_region = "520102";
    auto tx = store::Transaction::Begin(*h->db);
    ASSERT_TRUE(tx);
    auto r = h->registry->UpsertContract(c, "t");
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_TRUE(tx->Commit());
  }
  auto apr = Ben("benefits run --db " + db_ + " --month 2025-04");
  ASSERT_EQ(apr.exit_code, 0) << apr.err;
  EXPECT_NE(apr.out.find("核查比对停发 1 人"), std::string::npos) << apr.out;
  EXPECT_NE(apr.out.find("2025-04-10"), std::string::npos) << apr.out;
  auto list = Ben("benefits list --db " + db_ + " --status stopped --json");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const auto stopped = nlohmann::json::parse(list.out);
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0]["stop_reason"], "再就业");
  EXPECT_EQ(stopped[0]["stopped_month"], "2025-04");
  EXPECT_EQ(stopped[0]["months_paid"], 1);
  check = Pol("ledger check --db " + db_);
  EXPECT_NE(check.out.find("支付 2 笔"), std::string::npos) << check.out;

  // Stopping: a reason outside the list is named; an already stopped claim conflicts.
  auto bad = Ben("benefits stop --db " + db_ + " --claim " + claim_id + " --reason 旅游 --month 2025-05");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("不是停发原因"), std::string::npos) << bad.err;
  auto twice = Ben("benefits stop --db " + db_ + " --claim " + claim_id + " --reason 迁出 --month 2025-05");
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.err.find("停止领取"), std::string::npos) << twice.err;
}

}  // namespace
}  // namespace qjy::cli
