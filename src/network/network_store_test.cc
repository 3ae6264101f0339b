#include "network/network_store.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/refdata.h"
#include "network/event_gen.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"
#include "network/network_test_support.h"

namespace qjy::network {
namespace {

using store::Dialect;

using ::qjy::network::testing::Regions;

using ::qjy::test_support::D;

class NetworkStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    net_ = std::make_unique<NetworkStore>(*db_, Regions());
    auto m = net_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
  }

  int64_t Count(const char* table) {
    auto r = db_->Query(std::string("SELECT COUNT(*) FROM ") + table);
    return r ? r->at(0).Int(0) : -1;
  }

  SiteInput Office(const char* region, const char* name) {
    SiteInput in;
    in.kind = "employment_office";
    in.tier = "township";
    in.region = region;
    in.name = name;
    in.address = "镇政府一楼";
    in.staff = 3;
    in.opened_on = D("2025-03-01");
    return in;
  }

  std::unique_ptr<NetworkStore> net_;
  const Date today_ = D("2025-06-30");
};

TEST_P(NetworkStoreTest, AddsAndClosesASiteWithHistory) {
  auto id = net_->AddSite(Office("520102016", "新华路街道就业服务站"), today_, "county_officer");
  ASSERT_TRUE(id) << id.error().message;
  auto found = net_->FindSite(*id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->site.county_code, "520102");
  EXPECT_EQ((*found)->address, "镇政府一楼");
  EXPECT_EQ((*found)->staff, 3);
  EXPECT_FALSE((*found)->site.closed_on);

  auto sites = net_->Sites("520102");
  ASSERT_TRUE(sites);
  ASSERT_EQ(sites->size(), 1u);
  EXPECT_TRUE(sites->front().OpenOn(today_));

  ASSERT_TRUE(net_->CloseSite(*id, D("2025-06-01"), "并入街道便民服务中心", today_, "county_officer"));
  found = net_->FindSite(*id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->site.closed_on, D("2025-06-01"));
  EXPECT_FALSE((*found)->site.OpenOn(today_));
  EXPECT_EQ(Count("changes"), 2);

  auto again = net_->CloseSite(*id, D("2025-06-02"), "重复", today_, "county_officer");
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("已于 2025-06-01 关闭"), std::string::npos);
  EXPECT_EQ(net_->CloseSite(999999, D("2025-06-02"), "x", today_, "u").error().code, ErrorCode::kNotFound);
}

TEST_P(NetworkStoreTest, BadSitesNameTheFieldAndStoreNothing) {
  struct Case {
    const char* what;
    SiteInput in;
    const char* field;
  };
  std::vector<Case> cases;
  auto unknown = Office("529999999", "x");
  cases.push_back({"unknown region", unknown, "所在区划"});
  auto wrong_tier = Office("520102", "x");  // a county, not a township
  cases.push_back({"tier vs region", wrong_tier, "层级"});
  auto future = Office("520102016", "x");
  future.opened_on = D("2025-07-01");
  cases.push_back({"opened in the future", future, "开办日期"});
  auto closed_before = Office("520102016", "x");
  closed_before.closed_on = D("2025-02-01");
  cases.push_back({"closed before opened", closed_before, "关闭日期"});
  auto kind = Office("520102016", "x");
  kind.kind = "网吧";
  cases.push_back({"unknown kind", kind, "类型"});
  for (const auto& c : cases) {
    auto r = net_->AddSite(c.in, today_, "u");
    ASSERT_FALSE(r) << c.what;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.what;
    EXPECT_TRUE(r.error().message.starts_with(c.field)) << c.what << ": " << r.error().message;
  }
  EXPECT_EQ(Count("service_sites"), 0);
  EXPECT_EQ(Count("changes"), 0);

  ASSERT_TRUE(net_->AddSite(Office("520102016", "同名站"), today_, "u"));
  auto dup = net_->AddSite(Office("520102016", "同名站"), today_, "u");
  ASSERT_FALSE(dup);
  EXPECT_TRUE(dup.error().message.starts_with("名称")) << dup.error().message;
}

TEST_P(NetworkStoreTest, StationsHangUnderTheTierAbove) {
  SiteInput total;
  total.kind = "劳务协作站";
  total.tier = "province";
  total.region = "4401";  // 广州市
  total.owner_region = "52";
  total.name = "贵州省驻广东劳务协作总站";
  total.opened_on = D("2019-03-01");
  auto total_id = net_->AddSite(total, today_, "prov_officer");
  ASSERT_TRUE(total_id) << total_id.error().message;

  SiteInput county = total;
  county.tier = "county";
  county.region = "440106";
  county.owner_region = "520102";
  county.name = "南明区驻广州天河劳务协作工作站";
  county.parent_site_id = *total_id;  // a 总站, but a 工作站 belongs under a 分站
  auto wrong = net_->AddSite(county, today_, "u");
  ASSERT_FALSE(wrong);
  EXPECT_TRUE(wrong.error().message.starts_with("上级站")) << wrong.error().message;
  EXPECT_NE(wrong.error().message.find("市州分站"), std::string::npos);

  SiteInput branch = total;
  branch.tier = "prefecture";
  branch.region = "4401";
  branch.owner_region = "5201";
  branch.name = "贵阳市驻广州劳务协作分站";
  branch.parent_site_id = *total_id;
  auto branch_id = net_->AddSite(branch, today_, "u");
  ASSERT_TRUE(branch_id) << branch_id.error().message;
  county.parent_site_id = *branch_id;
  auto ok = net_->AddSite(county, today_, "u");
  ASSERT_TRUE(ok) << ok.error().message;
  auto found = net_->FindSite(*ok);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->site.county_code, "520102");  // the county that runs it
  EXPECT_EQ((*found)->parent_site_id, *branch_id);
}

TEST_P(NetworkStoreTest, EventsValidatedAndReadBack) {
  EventInput e;
  e.region = "520102";
  e.kind = "comprehensive";
  e.title = "南明区春风行动专场招聘会";
  e.place = "南明区人力资源市场";
  e.held_on = D("2025-06-10");
  e.employers = 40;
  e.jobs = 900;
  e.attendance = 1200;
  e.hires = 210;
  auto id = net_->AddEvent(e, today_, "county_officer");
  ASSERT_TRUE(id) << id.error().message;

  EventInput future = e;
  future.held_on = D("2025-07-02");
  auto r = net_->AddEvent(future, today_, "u");
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().message.starts_with("举办日期")) << r.error().message;
  future.held = false;
  future.attendance = future.hires = 0;
  ASSERT_TRUE(net_->AddEvent(future, today_, "u"));  // planned is fine

  EventInput bad = e;
  bad.hires = 2000;
  r = net_->AddEvent(bad, today_, "u");
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().message.starts_with("达成就业意向人数")) << r.error().message;
  bad = e;
  bad.region = "440106";
  r = net_->AddEvent(bad, today_, "u");
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().message.starts_with("主办区划")) << r.error().message;

  auto events = net_->Events("5201", D("2025-06-01"), D("2025-07-31"));
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_TRUE(events->at(0).held);
  EXPECT_FALSE(events->at(1).held);
  EXPECT_EQ(events->at(0).region_code, "520102");
  auto other = net_->Events("5202", D("2025-01-01"), D("2025-12-31"));
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());
}

TEST_P(NetworkStoreTest, BulkEventsAreAllOrNothing) {
  auto events = GenerateEvents(Regions(), 7, D("2025-05-01"), D("2025-06-30"));
  ASSERT_GT(events.size(), 500u);
  auto bad = events;
  bad[bad.size() / 2].hires = bad[bad.size() / 2].attendance + 1;
  auto r = net_->AddEvents(bad, today_, "gen");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find(fmt::format("第 {} 项活动", bad.size() / 2 + 1)), std::string::npos)
      << r.error().message;
  EXPECT_EQ(Count("network_events"), 0);
  auto n = net_->AddEvents(events, today_, "gen");
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(*n, static_cast<int64_t>(events.size()));
  EXPECT_EQ(Count("network_events"), *n);
}

TEST_P(NetworkStoreTest, EditsASiteKeepingOldValuesAndRefusesBadDates) {
  auto id = net_->AddSite(Office("520102016", "新华路街道就业服务站"), today_, "county_officer");
  ASSERT_TRUE(id) << id.error().message;
  SiteInput in = Office("520102016", "新华路街道就业服务站");
  in.closed_on = D("2025-02-01");  // before it opened
  auto bad = net_->EditSite(*id, in, today_, "county_officer");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error().message.starts_with("关闭日期")) << bad.error().message;
  in.closed_on.reset();
  in.region = "520103";
  bad = net_->EditSite(*id, in, today_, "county_officer");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error().message.starts_with("所在区划")) << bad.error().message;
  in.region.clear();
  in.recognition_level = "省级";
  in.recognised_on = D("2025-01-01");
  bad = net_->EditSite(*id, in, today_, "county_officer");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error().message.starts_with("认定级别")) << bad.error().message;  // not a community
  EXPECT_EQ(Count("changes"), 1);

  in = Office("520102016", "新华路街道就业服务站");
  in.staff = 5;
  in.closed_on = D("2025-06-01");
  ASSERT_TRUE(net_->EditSite(*id, in, today_, "county_officer"));
  auto found = net_->FindSite(*id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->staff, 5);
  EXPECT_EQ((*found)->site.closed_on, D("2025-06-01"));
  auto diff = db_->Query("SELECT diff_json FROM changes WHERE op = 'update'");
  ASSERT_TRUE(diff);
  ASSERT_EQ(diff->size(), 1u);
  EXPECT_NE(diff->front().Text(0).find("\"staff\":[3,5]"), std::string::npos) << diff->front().Text(0);

  // A community's recognition is recorded and read back as its code.
  SiteInput c;
  c.kind = "充分就业社区";
  c.tier = "township";
  c.region = "520102016";
  c.name = "新华路社区";
  auto cid = net_->AddSite(c, today_, "county_officer");
  ASSERT_TRUE(cid) << cid.error().message;
  c.recognition_level = "省级";
  bad = net_->EditSite(*cid, c, today_, "county_officer");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error().message.starts_with("认定日期")) << bad.error().message;
  c.recognised_on = D("2025-05-01");
  ASSERT_TRUE(net_->EditSite(*cid, c, today_, "county_officer"));
  found = net_->FindSite(*cid);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->recognition_level, "province");
  EXPECT_EQ((*found)->recognised_on, D("2025-05-01"));
}

QJY_INSTANTIATE_STORE_TEST(NetworkStoreTest);

}  // namespace
}  // namespace qjy::network
