// Officers' identity hashes on the store (SQLite and PostgreSQL): stored as
// keyed hashes only, masked in results, scoped to the registering officer's
// region, a file imported all or nothing; a registered officer's own ID
// number paid as a beneficiary is held by the next screen.
#include "supervision/officer_hashes.h"

#include <gtest/gtest.h>

#include "auth/account.h"
#include "auth/auth_schema.h"
#include "core/id_number.h"
#include "store/employment_schema.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"
#include "supervision/supervisor.h"

namespace qjy::supervision {
namespace {

using store::Value;

constexpr int64_t kOfficerDay = 1718409600;

// A valid resident ID number of 520102, born 1990-01-01, sequence `seq`.
std::string Id(int seq) {
  std::string s = std::to_string(seq % 1000);
  std::string first = "52010219900101" + std::string(3 - s.size(), '0') + s;
  return first + *ResidentIdCheckChar(first);
}

class OfficerHashesTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::EmploymentMigrations()));
    ASSERT_TRUE(auth::MigrateAuth(*db_));
    ASSERT_TRUE(Supervisor::Migrate(*db_));
    std::array<uint8_t, 32> key{};
    key[0] = 7;
    vault_ = std::make_unique<Vault>(Vault::FromKey(key));
    auth::AccountStore accounts(*db_, auth::HashCost::kMinimumForTests);
    for (const auto& [user, region] : {std::pair<const char*, const char*>{"clerk1", "520102"}, {"clerk2", "520103"},
                                       {"zunyi1", "520302"}}) {
      auth::NewAccount a;
      a.username = user;
      a.role = auth::Role::kOfficer;
      a.region_code = region;
      a.password = "Correct-Horse-Battery-9";
      auto r = accounts.Create(a, kOfficerDay);
      ASSERT_TRUE(r) << r.error().message;
    }
    auth::NewAccount s;
    s.username = "seeker1";
    s.role = auth::Role::kSeeker;
    s.id_hash = Blob(8, 1);
    s.password = "Correct-Horse-Battery-9";
    ASSERT_TRUE(accounts.Create(s, kOfficerDay));
    hashes_ = std::make_unique<OfficerHashes>(*db_, *vault_, nullptr, clock_);
  }

  int64_t Count() {
    auto r = db_->Query("SELECT COUNT(*) FROM supervision_officer_hashes");
    return r && !r->empty() ? r->front().Int(0) : -1;
  }

  auth::ManualClock clock_{kOfficerDay};
  std::unique_ptr<Vault> vault_;
  std::unique_ptr<OfficerHashes> hashes_;
};

TEST_P(OfficerHashesTest, RegisterStoresKeyedHashesOnlyAndMasksTheResult) {
  const std::string id = Id(123);
  auto r = hashes_->Register({"clerk1", id, "13800001234"}, "5201", "chief");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->county_code, "520102");
  EXPECT_EQ(r->id_masked.find(id), std::string::npos);
  EXPECT_EQ(r->id_masked.substr(0, 4), "5201");
  EXPECT_EQ(r->phone_masked.find("13800001234"), std::string::npos);
  EXPECT_EQ(r->id_hash_prefix.size(), 8u);
  auto rows = db_->Query("SELECT kind, hash, username, recorded_by FROM supervision_officer_hashes ORDER BY kind");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Text(0), "id_number");
  EXPECT_EQ((*rows)[0].Bytes(1), vault_->Index(id));
  EXPECT_EQ((*rows)[1].Bytes(1), vault_->Index("13800001234"));
  EXPECT_EQ((*rows)[0].Text(3), "chief");
  // Registering again replaces the hash of that kind.
  ASSERT_TRUE(hashes_->Register({"clerk1", "", "13900001234"}, "52", "chief"));
  EXPECT_EQ(Count(), 2);
  auto list = hashes_->List("5201");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().phone_hash_prefix.size(), 8u);
  EXPECT_EQ(list->front().id_masked, "");  // never recoverable from the store
}

TEST_P(OfficerHashesTest, RegisterRejectsBadFieldsAndOfficersOutsideScope) {
  std::string bad = Id(5);
  bad.back() = bad.back() == '1' ? '2' : '1';
  auto r = hashes_->Register({"clerk1", bad, ""}, "52", "chief");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("身份证号"), std::string::npos);
  EXPECT_EQ(r.error().message.find(bad), std::string::npos);  // masked in the error too
  r = hashes_->Register({"clerk1", "", "2380000123"}, "52", "chief");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("手机号"), std::string::npos);
  r = hashes_->Register({"clerk1", "", ""}, "52", "chief");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  r = hashes_->Register({"zunyi1", Id(7), ""}, "5201", "chief");  // 遵义 officer, 贵阳 scope
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  r = hashes_->Register({"seeker1", Id(7), ""}, "52", "chief");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("不是经办人员账号"), std::string::npos);
  EXPECT_EQ(Count(), 0);
}

TEST_P(OfficerHashesTest, ImportIsAllOrNothingWithChineseRowErrors) {
  std::string bad = Id(9);
  bad.back() = bad.back() == '1' ? '2' : '1';
  const std::string file = "\xEF\xBB\xBF账号,身份证号,手机号\nclerk1," + Id(11) + ",13800001111\nnobody," + Id(12) +
                           ",\nclerk2," + bad + ",13800002222\nclerk1,," + "13800003333\n";
  auto r = hashes_->Import(file, "52", "chief");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->rows, 4);
  EXPECT_EQ(r->written, 0);
  ASSERT_EQ(r->errors.size(), 3u);
  EXPECT_EQ(r->errors[0].row, 3);
  EXPECT_EQ(r->errors[0].field, "账号");
  EXPECT_NE(r->errors[0].message.find("第3行"), std::string::npos);
  EXPECT_EQ(r->errors[1].row, 4);
  EXPECT_EQ(r->errors[1].field, "身份证号");
  EXPECT_EQ(r->errors[1].message.find(bad), std::string::npos);
  EXPECT_NE(r->errors[2].message.find("与第2行重复"), std::string::npos);
  EXPECT_EQ(Count(), 0);

  const std::string good = "工号,手机号,身份证号\nclerk1,13800001111," + Id(11) + "\nclerk2,," + Id(13) + "\n";
  r = hashes_->Import(good, "52", "chief");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->errors.empty());
  EXPECT_EQ(r->written, 2);
  EXPECT_EQ(Count(), 3);
  auto header = hashes_->Import("姓名,电话\n张三,13800001111\n", "52", "chief");
  ASSERT_TRUE(header);
  ASSERT_EQ(header->errors.size(), 1u);
  EXPECT_NE(header->errors[0].message.find("表头"), std::string::npos);
}

// The registered officer's own ID number on a beneficiary: held by the
// screen (conflict of interest); another beneficiary is not.
TEST_P(OfficerHashesTest, RegisteredOfficerMatchesBeneficiaryInScreen) {
  const std::string id = Id(21);
  ASSERT_TRUE(hashes_->Register({"clerk1", id, ""}, "52", "chief"));
  for (int64_t p : {1, 2}) {
    const Blob idh = vault_->Index(p == 1 ? id : Id(22));
    ASSERT_TRUE(db_->Exec(
        "INSERT INTO persons (person_id, county_code, id_hash, id_enc, id_masked, name, sex, birth_date, ethnicity, "
        "phone_hash, phone_masked, hukou_region, residence_region, work_region, insured_region, education, skills, "
        "created_at, updated_at) VALUES (?, '520102', ?, ?, '5201**', '某某', 'M', '1990-01-01', '01', NULL, '', "
        "'520102', '520102', '520102', '520102', 'bachelor', '[]', 'x', 'x')",
        std::vector<Value>{p, idh, idh}));
    ASSERT_TRUE(db_->Exec(
        "INSERT INTO policy_entitlements (once_key, rule, title, beneficiary, person_id, employer_code, period, fund, "
        "county_code, amount_fen, loan, decided_on, explanation, status, created_at) VALUES (?, 'R6', 'R6', ?, ?, '', "
        "'2024', 'employment_subsidy', '520102', 100000, 0, '2024-06-01', '{}', 'proposed', 'x')",
        std::vector<Value>{"R6|" + std::to_string(p), "P:" + std::to_string(p), p}));
  }
  auto config = LoadSupervisionConfig(DefaultSupervisionDir());
  ASSERT_TRUE(config);
  Supervisor sup(*db_, *config, nullptr, clock_);
  ASSERT_TRUE(sup.ScreenSweep("52", "chief"));
  auto st = db_->Query("SELECT once_key, status FROM policy_entitlements ORDER BY once_key");
  ASSERT_TRUE(st);
  EXPECT_EQ((*st)[0].Text(1), "held");
  EXPECT_EQ((*st)[1].Text(1), "proposed");
  auto q = sup.Queue("52", "held", "shared_contact");
  ASSERT_TRUE(q);
  ASSERT_EQ(q->size(), 1u);
  EXPECT_NE(q->front().summary.find("clerk1"), std::string::npos);
  EXPECT_EQ(q->front().evidence.dump().find(id), std::string::npos);
}

QJY_INSTANTIATE_STORE_TEST(OfficerHashesTest);

}  // namespace
}  // namespace qjy::supervision
