#include "network/programme_store.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/refdata.h"
#include "network/coverage_query.h"
#include "network/duties.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"
#include "network/network_test_support.h"

namespace qjy::network {
namespace {

using ::qjy::network::testing::Regions;

using ::qjy::test_support::D;

constexpr char kLeader[] = "91520102MA0000001X";

class ProgrammeStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    ps_ = std::make_unique<ProgrammeStore>(*db_, Regions());
    ASSERT_TRUE(ps_->Migrate());
    const store::Value p[] = {std::string(kLeader)};
    ASSERT_TRUE(db_->Exec("INSERT INTO employers (county_code, credit_code, name, type, size, region, insured_headcount,"
                          " key_enterprise, created_at, updated_at) VALUES ('520102', ?, '某劳务有限公司',"
                          " 'enterprise', 'small', '520102', 30, 0, 'x', 'x')",
                          p));
  }

  int64_t Count(const char* table) {
    auto r = db_->Query(std::string("SELECT COUNT(*) FROM ") + table);
    return r ? r->at(0).Int(0) : -1;
  }

  static BrandInput Brand(const char* county, const char* kind, const char* name) {
    BrandInput in;
    in.county = county;
    in.kind = kind;
    in.name = name;
    in.established_on = D("2024-05-01");
    return in;
  }

  static ReliefInput Relief(const char* region, const char* name, int64_t central, int64_t labour) {
    ReliefInput in;
    in.region = region;
    in.name = name;
    in.sector = "农业农村";
    in.year = 2024;
    in.central_funds_fen = central;
    in.labour_paid_fen = labour;
    in.local_employed = 40;
    in.relocated_employed = 10;
    in.posts = 40;
    return in;
  }

  std::unique_ptr<ProgrammeStore> ps_;
  const Date today_ = D("2025-06-30");
};

TEST_P(ProgrammeStoreTest, BrandsWithLeadingEnterprisesKeepTheirHistory) {
  auto id = ps_->AddBrand(Brand("520102", "劳务品牌", "南明家政"), today_, "officer");
  ASSERT_TRUE(id) << id.error().message;
  auto link = ps_->AddLeadingEnterprise(*id, kLeader, D("2024-06-01"), today_, "officer");
  ASSERT_TRUE(link) << link.error().message;
  auto again = ps_->AddLeadingEnterprise(*id, kLeader, std::nullopt, today_, "officer");
  ASSERT_FALSE(again);
  EXPECT_TRUE(again.error().message.starts_with("龙头企业")) << again.error().message;
  auto skill = ps_->AddBrand(Brand("520102", "贵州技工", "南明焊工"), today_, "officer");
  ASSERT_TRUE(skill);
  auto on_skill = ps_->AddLeadingEnterprise(*skill, kLeader, std::nullopt, today_, "officer");
  ASSERT_FALSE(on_skill);
  EXPECT_TRUE(on_skill.error().message.starts_with("品牌")) << on_skill.error().message;

  BrandInput edited = Brand("520102", "labour_brand", "南明家政服务");
  edited.industry = "家政服务";
  ASSERT_TRUE(ps_->EditBrand(*id, edited, today_, "officer"));
  auto found = ps_->FindBrand(*id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->in.name, "南明家政服务");
  EXPECT_EQ((*found)->in.kind, "labour_brand");
  ASSERT_EQ((*found)->leading.size(), 1u);
  EXPECT_EQ((*found)->leading[0].name, "某劳务有限公司");

  auto history = db_->Query("SELECT entity, op, diff_json FROM changes WHERE entity LIKE 'brand%' ORDER BY change_id");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 4u);  // brand, leading enterprise, skill brand, edit
  EXPECT_EQ(history->at(1).Text(0), "brand_enterprise");
  const auto diff = nlohmann::json::parse(history->at(3).Text(2));
  EXPECT_EQ(diff["name"][0], "南明家政");
  EXPECT_EQ(diff["name"][1], "南明家政服务");
  EXPECT_FALSE(diff.contains("kind"));

  auto sites = ps_->BrandSites("5201");
  ASSERT_TRUE(sites);
  ASSERT_EQ(sites->size(), 3u);
  EXPECT_EQ(sites->at(1).kind, "brand_leading_enterprise");
  EXPECT_EQ(sites->at(1).region, "520102");
  auto elsewhere = ps_->Brands("5203");
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(elsewhere->empty());
}

TEST_P(ProgrammeStoreTest, BadInputNamesTheFieldAndStoresNothing) {
  struct BrandCase {
    const char* field;
    BrandInput in;
  } brands[] = {
      {"所在县", Brand("110101", "劳务品牌", "甲")},
      {"所在县", Brand("520102016", "劳务品牌", "甲")},  // a township, not a county
      {"品牌类型", Brand("520102", "明星品牌", "甲")},
      {"品牌名称", Brand("520102", "劳务品牌", "")},
  };
  for (const auto& c : brands) {
    auto r = ps_->AddBrand(c.in, today_, "officer");
    ASSERT_FALSE(r) << c.field;
    EXPECT_TRUE(r.error().message.starts_with(c.field)) << r.error().message;
  }
  BrandInput future = Brand("520102", "劳务品牌", "甲");
  future.established_on = D("2025-07-01");
  auto f = ps_->AddBrand(future, today_, "officer");
  ASSERT_FALSE(f);
  EXPECT_TRUE(f.error().message.starts_with("培育（认定）日期")) << f.error().message;

  struct ReliefCase {
    const char* field;
    void (*change)(ReliefInput&);
  } reliefs[] = {
      {"所在区划", [](ReliefInput& in) { in.region = "5201"; }},
      {"项目名称", [](ReliefInput& in) { in.name.clear(); }},
      {"资金年度", [](ReliefInput& in) { in.year = 2026; }},
      {"发放劳务报酬", [](ReliefInput& in) { in.labour_paid_fen = -1; }},
      {"其中易地搬迁群众人数", [](ReliefInput& in) { in.relocated_employed = 41; }},
  };
  for (const auto& c : reliefs) {
    ReliefInput in = Relief("520102016", "村道硬化", 100'000'00, 30'000'00);
    c.change(in);
    auto r = ps_->AddRelief(in, today_, "officer");
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(r.error().message.starts_with(c.field)) << r.error().message;
  }
  EXPECT_EQ(Count("network_brands"), 0);
  EXPECT_EQ(Count("network_relief_projects"), 0);
  EXPECT_EQ(Count("changes"), 0);

  auto id = ps_->AddRelief(Relief("520102016", "村道硬化", 100'000'00, 30'000'00), today_, "officer");
  ASSERT_TRUE(id) << id.error().message;
  auto dup = ps_->AddRelief(Relief("520102016", "村道硬化", 1, 1), today_, "officer");
  ASSERT_FALSE(dup);
  EXPECT_TRUE(dup.error().message.starts_with("项目名称")) << dup.error().message;
  auto moved = ps_->EditRelief(*id, Relief("520302", "村道硬化", 1, 1), today_, "officer");
  ASSERT_FALSE(moved);
  EXPECT_TRUE(moved.error().message.starts_with("所在区划")) << moved.error().message;
  ReliefInput paid = Relief("520102016", "村道硬化", 100'000'00, 35'000'00);
  ASSERT_TRUE(ps_->EditRelief(*id, paid, today_, "officer"));
  auto history = db_->Query("SELECT diff_json FROM changes WHERE entity = 'relief_project' ORDER BY change_id");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  const auto diff = nlohmann::json::parse(history->at(1).Text(0));
  EXPECT_EQ(diff["labour_paid_fen"][0], 3000000);
  EXPECT_EQ(diff["labour_paid_fen"][1], 3500000);
  EXPECT_EQ(diff.size(), 1u);
}

// Hand-counted: 南明区 (520102) has one labour brand with a leading
// enterprise and two 贵州技工 brands (needs 3); 云岩区 (520103) has only a
// skill brand. Projects: A pays 30 % exactly (met), B 29.99 % (missing),
// C by a relocation site employs 12 relocated on 40 posts (30 %, met),
// D by a relocation site 11 on 40 (27.5 %, missing).
TEST_P(ProgrammeStoreTest, CoverageCountsBrandsPerCountyAndSharesPerProject) {
  auto brand = ps_->AddBrand(Brand("520102", "劳务品牌", "南明家政"), today_, "o");
  ASSERT_TRUE(brand);
  ASSERT_TRUE(ps_->AddLeadingEnterprise(*brand, kLeader, D("2024-06-01"), today_, "o"));
  ASSERT_TRUE(ps_->AddBrand(Brand("520102", "贵州技工", "南明焊工"), today_, "o"));
  ASSERT_TRUE(ps_->AddBrand(Brand("520102", "贵州技工", "南明电工"), today_, "o"));
  ASSERT_TRUE(ps_->AddBrand(Brand("520103", "贵州技工", "云岩厨师"), today_, "o"));
  ASSERT_TRUE(ps_->AddRelief(Relief("520102", "A", 1'000'000, 300'000), today_, "o"));
  ASSERT_TRUE(ps_->AddRelief(Relief("520102", "B", 1'000'000, 299'900), today_, "o"));
  ReliefInput c = Relief("520103", "C", 1'000'000, 500'000);
  c.relocation_site = true;
  c.relocated_employed = 12;
  ASSERT_TRUE(ps_->AddRelief(c, today_, "o"));
  ReliefInput d = Relief("520103", "D", 1'000'000, 500'000);
  d.relocation_site = true;
  d.relocated_employed = 11;
  ASSERT_TRUE(ps_->AddRelief(d, today_, "o"));

  auto duties = LoadDuties(DefaultDutiesFile());
  ASSERT_TRUE(duties) << duties.error().message;
  NetworkStore network(*db_, Regions());
  auto report = CoverageOf(network, Regions(), *duties, "5201", today_, std::nullopt, ps_.get());
  ASSERT_TRUE(report) << report.error().message;
  auto duty = [&](const char* id) -> const DutyResult& {
    for (const auto& r : report->duties) {
      if (r.id == id) return r;
    }
    ADD_FAILURE() << id;
    return report->duties.front();
  };
  const int64_t counties = duty("labour_brand_county").places;  // 贵阳市's counties
  EXPECT_GE(counties, 10);
  EXPECT_EQ(duty("labour_brand_county").covered, 1);
  EXPECT_EQ(duty("labour_brand_county").status, Status::kPending);  // deadline 2025-12-31
  EXPECT_EQ(duty("labour_brand_county").gap_count, counties - 1);
  EXPECT_EQ(duty("brand_leading_enterprise_county").covered, 1);
  EXPECT_EQ(duty("skill_brand_county").covered, 0);  // 2 and 1 of the 3 needed
  bool nanming_listed = false;
  for (const auto& g : duty("skill_brand_county").gaps) {
    if (g.code == "520102") {
      nanming_listed = true;
      EXPECT_NE(g.detail.find("2 个"), std::string::npos) << g.detail;
    }
  }
  EXPECT_TRUE(nanming_listed);

  const auto& labour = duty("relief_labour_share");
  EXPECT_EQ(labour.places, 4);
  EXPECT_EQ(labour.covered, 3);  // A, C, D
  EXPECT_EQ(labour.status, Status::kMissing);
  ASSERT_EQ(labour.gaps.size(), 1u);
  EXPECT_NE(labour.gaps[0].name.find("B"), std::string::npos);
  EXPECT_NE(labour.gaps[0].detail.find("29.99%"), std::string::npos) << labour.gaps[0].detail;
  const auto& relocated = duty("relief_relocated_share");
  EXPECT_EQ(relocated.places, 2);
  EXPECT_EQ(relocated.covered, 1);
  EXPECT_FALSE(relocated.assumed.empty());
  ASSERT_EQ(relocated.gaps.size(), 1u);
  EXPECT_NE(relocated.gaps[0].detail.find("27.50%"), std::string::npos) << relocated.gaps[0].detail;

  // Seen from 云岩区 only its own project pair counts.
  auto yunyan = CoverageOf(network, Regions(), *duties, "520103", today_, std::nullopt, ps_.get());
  ASSERT_TRUE(yunyan);
  for (const auto& r : yunyan->duties) {
    if (r.id == "relief_labour_share") EXPECT_EQ(r.places, 2);
    if (r.id == "skill_brand_county") EXPECT_EQ(r.covered, 0);
  }
}

QJY_INSTANTIATE_STORE_TEST(ProgrammeStoreTest);

}  // namespace
}  // namespace qjy::network
