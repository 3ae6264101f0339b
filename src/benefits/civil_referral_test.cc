// 转介民政 (附件3（三）): the exported file, the answer imported with row
// errors, all or nothing, idempotent; SQLite and PostgreSQL.
#include "benefits/civil_referral.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "benefits/benefit_test_support.h"
#include "services/services_schema.h"

namespace qjy::benefits {
namespace {

using namespace qjy::benefits::test_support;

class CivilReferralTest : public BenefitStoreTest {
 protected:
  void SetUp() override {
    BenefitStoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, services::ServicesMigrations()));
    dir_ = std::filesystem::temp_directory_path() /
           ("qjy_referral_" + std::to_string(::getpid()) + "_" + std::string(DialectNameOf()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    BenefitStoreTest::TearDown();
  }
  std::string DialectNameOf() { return GetParam() == Dialect::kSqlite ? "sqlite" : "pg"; }
  void Register(int64_t id, const char* flags, const char* region = "520102", const char* status = "open") {
    Exec(std::string("INSERT INTO unemployment_registrations (county_code, person_id, registered_on, found_on, "
                     "place_kind, region_code, channel, kind, served_as, flags, suggested_category, officer, status, "
                     "closed_on) VALUES (?, ?, '2025-02-10', '2025-02-10', 'hukou', ?, 'counter', 'unemployed', "
                     "'registered', ?, 'basic_skills', 'officer', ?, ") +
             (std::string(status) == "open" ? "NULL)" : "'2025-02-20')"),
         {std::string(region).substr(0, 6), id, std::string(region), std::string(flags), std::string(status)});
  }
  std::string Path(const char* name) { return (dir_ / name).string(); }
  std::string Read(const std::string& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  }
  void Write(const std::string& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

  std::filesystem::path dir_;
};

constexpr char kHead[] =
    "转介编号,姓名,公民身份号码,性别,出生日期,户籍地区划代码,常住地区划代码,联系电话,失业登记日期,登记地区划代码,"
    "转介原因,转介日期,救助类别,审批结果,决定日期,说明\r\n";

TEST_P(CivilReferralTest, ExportsThePersonsInLivingDifficultyOnce) {
  Person(1, 12, mar_);
  Person(2, 12, mar_);
  Person(3, 12, mar_);
  Person(4, 12, mar_, "522601");
  Register(1, "living_difficulty");
  Register(2, "veteran");                        // not in difficulty
  Register(3, "hard_to_employ,living_difficulty", "520102", "closed");  // closed
  Register(4, "living_difficulty", "522601");    // another region
  auto e = ExportReferrals(*db_, "5201", D("2025-03-05"), "officer", Path("out.csv"));
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->added, 1);
  EXPECT_EQ(e->written, 1);
  const std::string text = Read(Path("out.csv"));
  EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(text.substr(3, std::string(kHead).size()), kHead);
  EXPECT_NE(text.find(",测试,5201**********123X,男,1990-01-01,520102,520102,,2025-02-10,520102,"
                      "生活困难的登记失业人员（附件3（三））,2025-03-05,,,,\r\n"),
            std::string::npos)
      << text;
  // Again: nothing new, the pending referral listed again.
  e = ExportReferrals(*db_, "5201", D("2025-03-06"), "officer", Path("out2.csv"));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->added, 0);
  EXPECT_EQ(e->written, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM civil_referrals"), 1);
}

TEST_P(CivilReferralTest, ImportsTheAnswerAllOrNothingAndIdempotent) {
  Person(1, 12, mar_);
  Person(2, 12, mar_);
  Register(1, "living_difficulty");
  Register(2, "living_difficulty");
  ASSERT_TRUE(ExportReferrals(*db_, "52", D("2025-03-05"), "officer", Path("out.csv")));
  auto refs = ReferralsInRegion(*db_, "52");
  ASSERT_TRUE(refs);
  ASSERT_EQ(refs->size(), 2u);
  const std::string a = std::to_string((*refs)[0].referral_id), b = std::to_string((*refs)[1].referral_id);
  // Bad rows: every error named, nothing written.
  Write(Path("bad.csv"), std::string(kHead) + a + ",测试,,,,,,,,,,,临时救助,纳入,2025-03-20,\r\n" + "999,测试,,,,,,,,,,,低保,纳入,2025-03-20,\r\n" +
                             b + ",别人,,,,,,,,,,,低保,纳入,2025-03-20,\r\n" + b +
                             ",测试,,,,,,,,,,,救济,纳入,2025-03-01,\r\n");
  auto bad = ImportReferralAnswers(*db_, Path("bad.csv"), "52", "officer");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  const std::string& m = bad.error().message;
  EXPECT_NE(m.find("文件 bad.csv 第 3 行 字段 转介编号：没有该转介记录：999"), std::string::npos) << m;
  EXPECT_NE(m.find("文件 bad.csv 第 4 行 字段 姓名：与转介编号 " + b + " 的人员姓名不一致：别人"), std::string::npos) << m;
  EXPECT_NE(m.find("文件 bad.csv 第 5 行 字段 救助类别：应为 临时救助 或 低保：救济"), std::string::npos) << m;
  EXPECT_NE(m.find("文件 bad.csv 第 5 行 字段 决定日期：早于转介日期 2025-03-05：2025-03-01"), std::string::npos) << m;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM civil_referrals WHERE status = 'answered'"), 0);  // row 2 was fine: not written
  // Out of the caller's region.
  Write(Path("other.csv"), std::string(kHead) + a + ",测试,,,,,,,,,,,临时救助,纳入,2025-03-20,\r\n");
  auto other = ImportReferralAnswers(*db_, Path("other.csv"), "5226", "officer");
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("该转介不属于本辖区"), std::string::npos);
  // The answer: one granted, one still pending.
  const std::string good = std::string(kHead) + a + ",测试,,,,,,,,,,,临时救助,纳入,2025-03-20,一次性救助\r\n" + b +
                           ",测试,,,,,,,,,,,,,,\r\n";
  Write(Path("good.csv"), good);
  auto ok = ImportReferralAnswers(*db_, Path("good.csv"), "52", "officer");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->applied, 1);
  EXPECT_EQ(ok->pending, 1);
  auto again = ImportReferralAnswers(*db_, Path("good.csv"), "52", "officer");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->applied, 0);
  EXPECT_EQ(again->unchanged, 1);
  // A different answer for the same referral is an error, not an overwrite.
  Write(Path("change.csv"), std::string(kHead) + a + ",测试,,,,,,,,,,,低保,不予纳入,2025-03-21,\r\n");
  auto change = ImportReferralAnswers(*db_, Path("change.csv"), "52", "officer");
  ASSERT_FALSE(change);
  EXPECT_NE(change.error().message.find("该转介已有不同的答复：临时救助 纳入（2025-03-20）"), std::string::npos)
      << change.error().message;
  auto mine = ReferralsOfPerson(*db_, 1);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  const auto j = ReferralJson(mine->front());
  EXPECT_EQ(j["assistance_label"], "临时救助");
  EXPECT_EQ(j["result_label"], "纳入");
  EXPECT_EQ(j["decided_on"], "2025-03-20");
  EXPECT_EQ(j["status_label"], "已答复");
  // Exported again: only the pending one.
  auto e = ExportReferrals(*db_, "52", D("2025-03-25"), "officer", Path("out3.csv"));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->written, 1);
}

QJY_INSTANTIATE_STORE_TEST(CivilReferralTest);

}  // namespace
}  // namespace qjy::benefits
