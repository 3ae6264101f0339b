// The fixture of the match tests that need a store (SQLite and PostgreSQL):
// the registry, services and profile tables migrated, and helpers adding a
// person and a job.
#ifndef QJY_MATCH_MATCH_STORE_TEST_SUPPORT_H_
#define QJY_MATCH_MATCH_STORE_TEST_SUPPORT_H_

#include <array>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "match/profile_store.h"
#include "services/services_store.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::match::test_support {

using ::qjy::test_support::D;

class MatchStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    store::testing::StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    registry_ = std::make_unique<store::RegistryStore>(*db_, vault_);
    ASSERT_TRUE(registry_->Migrate());
    ASSERT_TRUE(services::ServicesStore(*db_).Migrate());
    ASSERT_TRUE(ProfileStore(*db_).Migrate());
  }
  int64_t AddPerson(int n, const char* residence, std::vector<std::string> skills) {
    registry::Person p;
    p.county_code = std::string(residence).substr(0, 6);
    char id[32];
    std::snprintf(id, sizeof id, "5201021990%07d%c", n, "0123456789X"[n % 11]);
    p.id_number = id;
    p.name = "测试" + std::to_string(n);
    p.birth_date = D("1990-01-01");
    p.ethnicity = "汉族";
    p.hukou_region = residence;
    p.residence_region = residence;
    p.education = registry::Education::kSeniorHigh;
    p.skills = std::move(skills);
    auto tx = store::Transaction::Begin(*db_);
    EXPECT_TRUE(registry_->UpsertPerson(p, "t"));
    EXPECT_TRUE(tx->Commit());
    return p.person_id;
  }
  int64_t AddJob(const char* title, const char* occ, const char* place, const char* open, const char* close) {
    registry::Job j;
    j.county_code = std::string(place).substr(0, 6);
    j.employer_credit_code = "91520102MA6DXXXX1X";
    j.title = title;
    j.occupation_code = occ;
    j.place_region = place;
    j.wage_min_fen = 300000;
    j.wage_max_fen = 500000;
    j.requirements = "初中及以上学历";
    j.open_on = D(open);
    j.close_on = D(close);
    auto tx = store::Transaction::Begin(*db_);
    auto r = registry_->UpsertJob(j, "t");
    EXPECT_TRUE(r) << r.error().message;
    EXPECT_TRUE(tx->Commit());
    return j.job_id;
  }
  static Vault TestVault() {
    std::array<uint8_t, 32> key{};
    key[0] = 9;
    return Vault::FromKey(key);
  }
  Vault vault_ = TestVault();
  std::unique_ptr<store::RegistryStore> registry_;
};

}  // namespace qjy::match::test_support

#endif  // QJY_MATCH_MATCH_STORE_TEST_SUPPORT_H_
