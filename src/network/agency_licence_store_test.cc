#include "network/agency_licence_store.h"

#include <gtest/gtest.h>

#include "network/network_test_support.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"

namespace qjy::network {
namespace {

using testing::CountRows;
using testing::D;
using testing::Regions;

class AgencyLicenceStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    licences_ = std::make_unique<AgencyLicenceStore>(*db_, Regions());
    auto m = licences_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
    auto s = LoadAgencyScopes(DefaultAgencyScopesFile());
    ASSERT_TRUE(s) << s.error().message;
    scopes_ = *s;
    agency_ = testing::AddSite(*db_, testing::Agency("520102", "某人力资源服务有限公司", "2022-05-01"), today_);
    SiteInput gig = testing::Agency("520102", "南明区零工市场", "2022-05-01");
    gig.kind = "gig_market";
    gig_ = testing::AddSite(*db_, gig, today_);
  }

  LicenceInput Licence(const char* no, const char* from, const char* to) const {
    LicenceInput in{agency_, no, "贵阳市人力资源和社会保障局", D(from), std::nullopt, {"job_fair", "为劳动者介绍用人单位"}};
    if (to != nullptr) in.valid_to = D(to);
    return in;
  }

  std::unique_ptr<AgencyLicenceStore> licences_;
  AgencyScopes scopes_;
  int64_t agency_ = 0, gig_ = 0;
  const Date today_ = D("2025-06-30");
};

TEST_P(AgencyLicenceStoreTest, LicencesAreKeptWithScopeCodesAndHistory) {
  const int64_t changes = CountRows(*db_, "changes");
  auto a = licences_->Add(Licence("520102202200001", "2022-05-01", "2024-12-31"), scopes_, today_, "county");
  ASSERT_TRUE(a) << a.error().message;
  auto b = licences_->Add(Licence("520102202500007", "2025-01-01", nullptr), scopes_, today_, "county");
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(CountRows(*db_, "changes"), changes + 2);

  auto list = licences_->List("5201");
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).in.licence_no, "520102202200001");
  EXPECT_EQ(list->at(0).county_code, "520102");
  // Names stored as codes, in the file's order.
  EXPECT_EQ(list->at(0).in.scope, (std::vector<std::string>{"intro_employer", "job_fair"}));
  EXPECT_EQ(list->at(0).in.valid_to, D("2024-12-31"));
  EXPECT_FALSE(list->at(1).in.valid_to.has_value());  // 长期有效
  EXPECT_TRUE(list->at(0).ValidOn(D("2024-12-31")));
  EXPECT_FALSE(list->at(0).ValidOn(D("2025-01-01")));
  EXPECT_TRUE(list->at(1).ValidOn(D("2030-01-01")));
  auto other = licences_->List("5203");
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());

  auto sites = NetworkStore(*db_, Regions()).Sites("520102");
  ASSERT_TRUE(sites);
  AttachLicences(*list, *sites);
  for (const auto& s : *sites) {
    if (s.site_id == agency_) {
      EXPECT_EQ(s.licences.size(), 2u);
      EXPECT_EQ(s.LicensedOn(D("2025-03-01")), true);
    } else {
      EXPECT_FALSE(s.LicensedOn(D("2025-03-01")).has_value());
    }
  }
}

TEST_P(AgencyLicenceStoreTest, BadInputNamesTheFieldAndStoresNothing) {
  const int64_t changes = CountRows(*db_, "changes");
  struct Case {
    LicenceInput in;
    const char* message;
  };
  LicenceInput gig = Licence("L1", "2023-01-01", nullptr);
  gig.site_id = gig_;
  LicenceInput missing = Licence("L1", "2023-01-01", nullptr);
  missing.site_id = 999999;
  LicenceInput no_issuer = Licence("L1", "2023-01-01", nullptr);
  no_issuer.issuer.clear();
  LicenceInput no_from = Licence("L1", "2023-01-01", nullptr);
  no_from.valid_from.reset();
  LicenceInput no_scope = Licence("L1", "2023-01-01", nullptr);
  no_scope.scope.clear();
  LicenceInput bad_scope = Licence("L1", "2023-01-01", nullptr);
  bad_scope.scope.push_back("劳务派遣");
  const Case cases[] = {
      {gig, "机构：「南明区零工市场」不是市场化人力资源服务机构"},
      {missing, "机构：编号 999999"},
      {Licence("", "2023-01-01", nullptr), "许可证编号：不能为空"},
      {no_issuer, "发证机关：不能为空"},
      {no_from, "有效期起：不能为空"},
      {Licence("L1", "2025-07-01", nullptr), "有效期起：2025-07-01 晚于今天"},
      {Licence("L1", "2023-01-01", "2022-12-31"), "有效期止：2022-12-31 早于有效期起 2023-01-01"},
      {no_scope, "经营范围：至少选择一项"},
      {bad_scope, "经营范围：「劳务派遣」不是可登记的经营范围"},
  };
  for (const auto& c : cases) {
    auto r = licences_->Add(c.in, scopes_, today_, "county");
    ASSERT_FALSE(r) << c.message;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << r.error().message;
  }
  ASSERT_TRUE(licences_->Add(Licence("L1", "2023-01-01", nullptr), scopes_, today_, "county"));
  auto dup = licences_->Add(Licence("L1", "2024-01-01", nullptr), scopes_, today_, "county");
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message.find("许可证编号：「L1」已登记"), std::string::npos) << dup.error().message;
  EXPECT_EQ(CountRows(*db_, "network_agency_licences"), 1);
  EXPECT_EQ(CountRows(*db_, "changes"), changes + 1);
}

TEST(AgencyScopesTest, ShippedScopesAreCitedAndAssumed) {
  auto s = LoadAgencyScopes(DefaultAgencyScopesFile());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->clause, "第十八条");
  EXPECT_TRUE(s->assumed);
  EXPECT_FALSE(s->reason.empty());
  ASSERT_NE(s->Find("组织开展现场招聘会"), nullptr);
  EXPECT_TRUE(s->Find("job_fair")->licensed);
  EXPECT_FALSE(s->Find("人力资源培训")->licensed);
  auto dup = ParseAgencyScopes("document: d\nclause: c\nquote: q\nscopes:\n  - {code: a, label: 甲}\n  - {code: a, label: 乙}\n",
                               "s.yaml");
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message.find("重复"), std::string::npos) << dup.error().message;
}

QJY_INSTANTIATE_STORE_TEST(AgencyLicenceStoreTest);

}  // namespace
}  // namespace qjy::network
