// Ledger flags of a link run on SQLite and PostgreSQL (ledger_flags.h): a
// poverty-alleviated person the partner calls unemployed enters the month's
// 就业帮扶台账 (A4(九)); a benefit recipient the partner calls employed is
// flagged for the benefit cross-check (A3(四)); look-alikes (an unemployed
// person of no monitored group, an employed person whose claim has ended, a
// membership that ended before the day) raise nothing; re-running adds
// nothing; an officer outside the county cannot close a flag.
#include "linkage/ledger_flags.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "benefits/benefit_store.h"
#include "linkage/link_store.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::linkage {
namespace {

const Vault& FlagsVault() {
  static const Vault v = Vault::FromKey(std::array<uint8_t, 32>{7, 1, 9});
  return v;
}

constexpr char kLedgerMapping[] = R"(partner: 国家防返贫监测系统
columns:
  姓名: name
  身份证: id_number
  就业状态: status
)";

using ::qjy::test_support::D;

TEST(FlagPolicyTest, ShippedFileAndBadGroup) {
  auto p = LoadFlagPolicy(DefaultFollowupPolicyFile());
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->poverty.clause, "A4(九)");
  EXPECT_EQ(p->benefit.clause, "A3(四)");
  EXPECT_NE(std::find(p->poverty_groups.begin(), p->poverty_groups.end(), registry::Group::kPovertyAlleviated),
            p->poverty_groups.end());
  auto bad = ParseFlagPolicy(
      "poverty_ledger: {title: t, clause: c, quote: q, groups: [贫困户]}\n"
      "benefit_check: {title: t, clause: c, quote: q}\n",
      "bad.yaml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("贫困户"), std::string::npos);
  EXPECT_NE(bad.error().message.find("bad.yaml"), std::string::npos);
}

class LedgerFlagsTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    registry_ = std::make_unique<store::RegistryStore>(*db_, FlagsVault());
    ASSERT_TRUE(registry_->Migrate());
    links_ = std::make_unique<LinkStore>(*db_, FlagsVault());
    ASSERT_TRUE(links_->Migrate());
    benefits::BenefitStore benefits(*db_);
    ASSERT_TRUE(benefits.Migrate());
    dir_ = std::filesystem::temp_directory_path() / ("qjy_flags_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    StoreTest::TearDown();
  }
  int64_t AddPerson(const char* name, const char* id, const char* county,
                    std::vector<registry::GroupMembership> groups) {
    registry::Person p;
    p.county_code = county;
    p.id_number = id;
    p.name = name;
    p.birth_date = D("1990-03-07");
    p.ethnicity = "苗族";
    p.hukou_region = p.residence_region = std::string(county) + "001";
    p.groups = std::move(groups);
    auto tx = store::Transaction::Begin(*db_);
    EXPECT_TRUE(tx);
    EXPECT_TRUE(registry_->UpsertPerson(p, "t"));
    EXPECT_TRUE(tx->Commit());
    return p.person_id;
  }
  void AddClaim(int64_t person_id, const char* county, const char* status) {
    const std::vector<store::Value> p = {std::string(county), person_id, std::string(status)};
    ASSERT_TRUE(db_->Exec("INSERT INTO benefit_claims (county_code, person_id, applied_on, first_month, granted,"
                          " decision_text, contribution_months, duration_months, monthly_fen, medical_fen, status,"
                          " created_by) VALUES (?, ?, '2026-06-01', '2026-06', 1, '', 24, 12, 150000, 0, ?, 't')",
                          p));
  }
  std::vector<int64_t> LinkFile(const std::string& rows) {
    const std::string path = (dir_ / "p.csv").string();
    std::ofstream(path, std::ios::binary) << "姓名,身份证,就业状态\n" << rows;
    auto file = ReadPartnerFile(path, *ParsePartnerMapping(kLedgerMapping));
    EXPECT_TRUE(file.has_value() && file->errors.empty());
    auto batch = links_->ImportBatch(*file, "国家防返贫监测系统", "p.csv", "520102", "officer");
    EXPECT_TRUE(batch) << batch.error().message;
    EXPECT_TRUE(links_->LinkBatch(*batch, LinkOptions{}, "officer"));
    FollowupStore f(*db_, FlagsVault());
    return *f.BatchClusters(*batch);
  }
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<LinkStore> links_;
  std::filesystem::path dir_;
};

TEST_P(LedgerFlagsTest, PovertyLedgerAndBenefitCheck) {
  const registry::GroupMembership poor{registry::Group::kPovertyAlleviated, D("2021-01-01"), std::nullopt};
  const registry::GroupMembership relocated_ended{registry::Group::kRelocated, D("2019-01-01"), D("2025-12-31")};
  const int64_t a = AddPerson("王芳", "520102199003070022", "520102", {poor});
  const int64_t b = AddPerson("李明", "520102199105060017", "520102", {});                 // no monitored group
  const int64_t c = AddPerson("赵强", "520103198807080035", "520103", {relocated_ended});  // ended before the day
  const int64_t d = AddPerson("陈静", "520103199201020049", "520103", {});
  const int64_t e = AddPerson("周亮", "520102199302030015", "520102", {});
  AddClaim(d, "520103", "active");
  AddClaim(e, "520102", "ended");

  const auto clusters = LinkFile(
      "王芳,520102199003070022,未就业\n"
      "李明,520102199105060017,失业\n"
      "赵强,520103198807080035,无业\n"
      "陈静,520103199201020049,在岗\n"
      "周亮,520102199302030015,在岗\n");
  auto words = LoadFollowupPolicy(DefaultFollowupPolicyFile());
  auto policy = LoadFlagPolicy(DefaultFollowupPolicyFile());
  ASSERT_TRUE(words && policy);
  FlagStore flags(*db_, FlagsVault());
  const Date today = D("2026-12-03");
  auto n = flags.FlagClusters(clusters, *words, *policy, today);
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(*flags.FlagClusters(clusters, *words, *policy, today), 0);  // once a month
  EXPECT_EQ(*flags.FlagClusters(clusters, *words, *policy, D("2027-01-04")), 2);  // next month's ledger

  auto all = flags.InScope("52", "2026-12", "");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  std::map<std::string, LedgerFlag> by_kind;
  for (const auto& f : *all) by_kind[f.kind] = f;
  EXPECT_EQ(by_kind["poverty_unemployed"].person_id, a);
  EXPECT_EQ(by_kind["poverty_unemployed"].county_code, "520102");
  EXPECT_EQ(by_kind["poverty_unemployed"].status, "未就业");
  EXPECT_EQ(by_kind["poverty_unemployed"].person_name, "王芳");
  EXPECT_EQ(by_kind["poverty_unemployed"].id_masked.find("199003070022"), std::string::npos);  // masked
  EXPECT_FALSE(by_kind["poverty_unemployed"].id_masked.empty());
  EXPECT_EQ(by_kind["benefit_employed"].person_id, d);
  EXPECT_EQ(by_kind["benefit_employed"].county_code, "520103");
  (void)b;
  (void)c;
  EXPECT_EQ(flags.InScope("520102", "2026-12", "")->size(), 1u);
  EXPECT_EQ(flags.InScope("520103", "", "benefit_employed")->size(), 2u);  // December and January
  EXPECT_TRUE(flags.InScope("520102001", "", "")->empty());

  const int64_t id = by_kind["benefit_employed"].flag_id;
  auto outside = flags.Close(id, "520102", "已核实", "officer");
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(flags.Close(id, "520103", "", "officer").error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(flags.Close(id, "520103", "已核实在广东就业，停发失业保险金", "officer"));
  EXPECT_EQ(flags.Close(id, "520103", "再次", "officer").error().code, ErrorCode::kConflict);
  auto closed = flags.InScope("520103", "2026-12", "benefit_employed");
  ASSERT_EQ(closed->size(), 1u);
  EXPECT_EQ(closed->front().closed_by, "officer");
  EXPECT_FALSE(closed->front().closed_at.empty());
}

QJY_INSTANTIATE_STORE_TEST(LedgerFlagsTest);

}  // namespace
}  // namespace qjy::linkage
