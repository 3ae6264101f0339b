#include "network/workshop_store.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/refdata.h"
#include "network/network_store.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"
#include "network/network_test_support.h"

namespace qjy::network {
namespace {

using ::qjy::network::testing::Regions;

using ::qjy::test_support::D;

constexpr char kOperator[] = "91520102MA0000001X";

class WorkshopStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    ASSERT_TRUE(NetworkStore(*db_, Regions()).Migrate());
    const store::Value p[] = {std::string(kOperator)};
    ASSERT_TRUE(db_->Exec("INSERT INTO employers (county_code, credit_code, name, type, size, region, insured_headcount,"
                          " key_enterprise, created_at, updated_at) VALUES ('520102', ?, '某服饰有限公司',"
                          " 'enterprise', 'small', '520102', 30, 0, 'x', 'x')",
                          p));
    ws_ = std::make_unique<WorkshopStore>(*db_, Regions());
  }

  int64_t Count(const char* table) {
    auto r = db_->Query(std::string("SELECT COUNT(*) FROM ") + table);
    return r ? r->at(0).Int(0) : -1;
  }

  WorkshopInput Recognised() {
    WorkshopInput in;
    in.region = "520102016";
    in.name = "新华路就业帮扶车间";
    in.operator_credit_code = kOperator;
    in.address = "新华路12号";
    in.status = "已认定";
    in.recognised_on = D("2024-03-01");
    in.poverty_employed = 12;
    in.poverty_source = "防返贫监测系统就业帮扶台账";
    in.poverty_as_of = D("2024-02-29");
    return in;
  }

  std::unique_ptr<WorkshopStore> ws_;
  const Date today_ = D("2025-06-30");
};

TEST_P(WorkshopStoreTest, AddsAndEditsAWorkshopKeepingOldValues) {
  auto id = ws_->Add(Recognised(), today_, "county_officer");
  ASSERT_TRUE(id) << id.error().message;
  auto found = ws_->Find(*id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->county_code, "520102");
  EXPECT_EQ((*found)->in.status, "recognised");  // the label is stored as its code
  EXPECT_EQ((*found)->in.poverty_employed, 12);

  WorkshopInput revoked = Recognised();
  revoked.status = "revoked";
  revoked.revoked_on = D("2025-05-01");
  revoked.poverty_employed = 4;
  ASSERT_TRUE(ws_->Update(*id, revoked, today_, "county_officer"));
  found = ws_->Find(*id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->in.status, "revoked");
  EXPECT_EQ((*found)->in.revoked_on, D("2025-05-01"));

  auto history = db_->Query("SELECT op, diff_json, county_code FROM changes WHERE entity = 'workshop' ORDER BY change_id");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(history->at(1).Text(0), "update");
  EXPECT_EQ(history->at(1).Text(2), "520102");
  const auto diff = nlohmann::json::parse(history->at(1).Text(1));
  EXPECT_EQ(diff["status"][0], "recognised");
  EXPECT_EQ(diff["status"][1], "revoked");
  EXPECT_EQ(diff["poverty_employed"][0], 12);
  EXPECT_EQ(diff["poverty_employed"][1], 4);
  EXPECT_FALSE(diff.contains("name"));  // unchanged fields are not in the history

  auto listed = ws_->List("520102");
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 1u);
  auto elsewhere = ws_->List("5203");
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(elsewhere->empty());
}

TEST_P(WorkshopStoreTest, BadInputNamesTheFieldAndStoresNothing) {
  struct Case {
    const char* field;
    void (*change)(WorkshopInput&);
  } cases[] = {
      {"所在区划", [](WorkshopInput& in) { in.region = "110101"; }},
      {"车间名称", [](WorkshopInput& in) { in.name.clear(); }},
      {"运营单位", [](WorkshopInput& in) { in.operator_credit_code = "91520102MA9999999X"; }},
      {"认定状态", [](WorkshopInput& in) { in.status = "优秀"; }},
      {"认定日期", [](WorkshopInput& in) { in.recognised_on.reset(); }},
      {"认定日期", [](WorkshopInput& in) { in.recognised_on = D("2025-07-01"); }},
      {"撤销日期", [](WorkshopInput& in) {
         in.status = "revoked";
         in.revoked_on = D("2024-01-01");  // before recognition
       }},
      {"人数来源", [](WorkshopInput& in) { in.poverty_source.clear(); }},
      {"吸纳脱贫人口人数", [](WorkshopInput& in) { in.poverty_employed = -1; }},
  };
  for (const auto& c : cases) {
    WorkshopInput in = Recognised();
    c.change(in);
    auto r = ws_->Add(in, today_, "county_officer");
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(r.error().message.starts_with(c.field)) << r.error().message;
  }
  EXPECT_EQ(Count("network_workshops"), 0);
  EXPECT_EQ(Count("changes"), 0);

  auto id = ws_->Add(Recognised(), today_, "county_officer");
  ASSERT_TRUE(id);
  auto dup = ws_->Add(Recognised(), today_, "county_officer");
  ASSERT_FALSE(dup);
  EXPECT_TRUE(dup.error().message.starts_with("车间名称")) << dup.error().message;
  WorkshopInput moved = Recognised();
  moved.region = "520302";  // another county
  auto r = ws_->Update(*id, moved, today_, "county_officer");
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().message.starts_with("所在区划")) << r.error().message;
  EXPECT_EQ(Count("changes"), 1);
}

QJY_INSTANTIATE_STORE_TEST(WorkshopStoreTest);

}  // namespace
}  // namespace qjy::network
