#include "network/key_enterprise_store.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth/auth_schema.h"
#include "core/refdata.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"
#include "network/network_test_support.h"

namespace qjy::network {
namespace {

using ::qjy::network::testing::Regions;

using ::qjy::test_support::D;

constexpr char kKeyEnterpriseStoreFirm[] = "91520102MA0000001X";

class KeyEnterpriseStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    ASSERT_TRUE(auth::MigrateAuth(*db_));
    ks_ = std::make_unique<KeyEnterpriseStore>(*db_, Regions());
    ASSERT_TRUE(ks_->Migrate());
    const store::Value p[] = {std::string(kKeyEnterpriseStoreFirm)};
    ASSERT_TRUE(db_->Exec("INSERT INTO employers (county_code, credit_code, name, type, size, region, insured_headcount,"
                          " key_enterprise, created_at, updated_at) VALUES ('520102', ?, '某电子有限公司',"
                          " 'enterprise', 'large', '520102', 900, 1, 'x', 'x')",
                          p));
    for (auto [user, role, region, disabled] : {std::tuple{"zhuanyuan", "officer", "520102", 0},
                                                std::tuple{"zunyi", "officer", "520302", 0},
                                                std::tuple{"gone", "officer", "520102", 1},
                                                std::tuple{"auditor", "auditor", "52", 0}}) {
      const store::Value a[] = {std::string(user), std::string(role), std::string(region), int64_t{disabled}};
      ASSERT_TRUE(db_->Exec("INSERT INTO accounts (username, display_name, role, region_code, credit_code, password_hash,"
                            " grants, demo, failed_logins, locked_until, disabled, created_at)"
                            " VALUES (?, '专员', ?, ?, '', 'x', '', 0, 0, 0, ?, 0)",
                            a));
    }
  }

  int64_t Count(const char* table) {
    auto r = db_->Query(std::string("SELECT COUNT(*) FROM ") + table);
    return r ? r->at(0).Int(0) : -1;
  }

  static KeyEnterpriseInput Listed() {
    KeyEnterpriseInput in;
    in.credit_code = kKeyEnterpriseStoreFirm;
    in.kind = "规上工业企业";
    in.officer = "zhuanyuan";
    in.listed_on = D("2024-01-10");
    return in;
  }

  std::unique_ptr<KeyEnterpriseStore> ks_;
  const Date today_ = D("2025-06-30");
};

TEST_P(KeyEnterpriseStoreTest, ListsAnEnterpriseWithItsOfficerAndContacts) {
  auto id = ks_->Add(Listed(), today_, "county");
  ASSERT_TRUE(id) << id.error().message;
  KeyContact c;
  c.contacted_on = D("2024-03-01");
  c.way = "上门走访";
  c.jobs_collected = 35;
  c.needs = "普工 30 人";
  c.follow_up = "推送至零工市场";
  ASSERT_TRUE(ks_->AddContact(*id, c, today_, "zhuanyuan"));
  c.contacted_on = D("2024-06-01");
  c.way = "电话";
  c.jobs_collected = 5;
  ASSERT_TRUE(ks_->AddContact(*id, c, today_, "zhuanyuan"));

  auto list = ks_->List("5201");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  const KeyEnterprise& k = list->front();
  EXPECT_EQ(k.county_code, "520102");
  EXPECT_EQ(k.in.kind, "large_industrial");
  EXPECT_EQ(k.employer_name, "某电子有限公司");
  EXPECT_EQ(k.contacts, 2);
  EXPECT_EQ(k.last_contact, D("2024-06-01"));
  auto contacts = ks_->Contacts(*id);
  ASSERT_TRUE(contacts);
  ASSERT_EQ(contacts->size(), 2u);
  EXPECT_EQ(contacts->at(0).officer, "zhuanyuan");  // the assigned officer by default
  EXPECT_EQ(contacts->at(0).jobs_collected, 35);

  KeyEnterpriseInput moved = Listed();
  moved.delisted_on = D("2025-01-01");
  ASSERT_TRUE(ks_->Edit(*id, moved, today_, "county"));
  auto history = db_->Query("SELECT entity, diff_json FROM changes ORDER BY change_id");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 4u);
  EXPECT_EQ(history->at(1).Text(0), "key_contact");
  const auto diff = nlohmann::json::parse(history->at(3).Text(1));
  EXPECT_EQ(diff["delisted_on"][0], "");
  EXPECT_EQ(diff["delisted_on"][1], "2025-01-01");
  EXPECT_EQ(diff.size(), 1u);
  // Delisted: it may be listed again.
  EXPECT_TRUE(ks_->Add(Listed(), today_, "county"));
  EXPECT_TRUE(ks_->List("5203")->empty());
}

TEST_P(KeyEnterpriseStoreTest, BadInputNamesTheFieldAndStoresNothing) {
  struct Case {
    const char* field;
    void (*change)(KeyEnterpriseInput&);
  } cases[] = {
      {"企业", [](KeyEnterpriseInput& in) { in.credit_code = "91520102MA9999999X"; }},
      {"企业类别", [](KeyEnterpriseInput& in) { in.kind = "小微企业"; }},
      {"人社服务专员", [](KeyEnterpriseInput& in) { in.officer = ""; }},
      {"人社服务专员", [](KeyEnterpriseInput& in) { in.officer = "nobody"; }},
      {"人社服务专员", [](KeyEnterpriseInput& in) { in.officer = "zunyi"; }},    // another county
      {"人社服务专员", [](KeyEnterpriseInput& in) { in.officer = "gone"; }},     // disabled
      {"人社服务专员", [](KeyEnterpriseInput& in) { in.officer = "auditor"; }},  // not an officer
      {"列入名录日期", [](KeyEnterpriseInput& in) { in.listed_on = D("2025-07-01"); }},
      {"移出名录日期", [](KeyEnterpriseInput& in) { in.delisted_on = D("2023-12-31"); }},
  };
  for (const auto& c : cases) {
    KeyEnterpriseInput in = Listed();
    c.change(in);
    auto r = ks_->Add(in, today_, "county");
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(r.error().message.starts_with(c.field)) << r.error().message;
  }
  EXPECT_EQ(Count("network_key_enterprises"), 0);
  EXPECT_EQ(Count("changes"), 0);

  auto id = ks_->Add(Listed(), today_, "county");
  ASSERT_TRUE(id);
  auto twice = ks_->Add(Listed(), today_, "county");
  ASSERT_FALSE(twice);
  EXPECT_TRUE(twice.error().message.starts_with("企业")) << twice.error().message;
  KeyContact early;
  early.contacted_on = D("2023-12-01");  // before it was listed
  early.way = "电话";
  auto r = ks_->AddContact(*id, early, today_, "zhuanyuan");
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().message.starts_with("联系日期")) << r.error().message;
  KeyContact no_way;
  no_way.contacted_on = D("2024-02-01");
  r = ks_->AddContact(*id, no_way, today_, "zhuanyuan");
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().message.starts_with("联系方式")) << r.error().message;
  EXPECT_EQ(Count("network_key_contacts"), 0);
}

QJY_INSTANTIATE_STORE_TEST(KeyEnterpriseStoreTest);

}  // namespace
}  // namespace qjy::network
