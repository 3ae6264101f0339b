// R17 (充分就业社区一次性补助, 附件4（十五）) reads the recognition from the
// network registry's application and assessment (network/community_store.h):
// a community not assessed is unknown — its explanation says 未经评估认定
// — never "not recognised", also while an application awaits assessment; an assessment
// meeting every criterion recognises it and R17 pays the provincial award;
// one failing is refused. SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <array>

#include "core/refdata.h"
#include "core/regions.h"
#include "core/vault.h"
#include "network/community_store.h"
#include "network/network_store.h"
#include "policy/engine.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::policy_services {
namespace {

const RegionIndex& Regions() {
  static const RegionIndex r = *RegionIndex::Load(RefdataDir());
  return r;
}

using ::qjy::test_support::D;

class CommunityR17Test : public store::testing::StoreTest {
 protected:
  Vault vault_ = Vault::FromKey([] {
    std::array<uint8_t, 32> k{};
    k.fill(9);
    return k;
  }());

  // R17's decision on the site as the registry holds it now.
  policy::Decision R17(store::RegistryStore& registry, int64_t site, Date on) {
    policy::NoRegistrations none;
    auto w = policy::LoadWorld(*db_, registry, none);
    EXPECT_TRUE(w) << w.error().message;
    auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
    EXPECT_TRUE(params) << params.error().message;
    auto engine = policy::Engine::Create(std::move(*params));
    EXPECT_TRUE(engine) << engine.error().message;
    auto ds = engine->EvaluateSite(*w, site, on);
    EXPECT_TRUE(ds) << ds.error().message;
    for (const auto& d : *ds) {
      if (d.rule == "R17") return d;
    }
    ADD_FAILURE() << "no R17 decision";
    return {};
  }

  static const policy::Condition* Recognised(const policy::Decision& d) {
    for (const auto& c : d.conditions) {
      if (c.id == "recognised") return &c;
    }
    return nullptr;
  }
};

TEST_P(CommunityR17Test, NotAssessedIsUnknownAssessedPassedIsPaidFailedIsRefused) {
  store::RegistryStore registry(*db_, vault_);
  ASSERT_TRUE(registry.Migrate());
  network::CommunityStore communities(*db_, Regions());
  ASSERT_TRUE(communities.Migrate());
  auto criteria = network::LoadCommunityCriteria(network::DefaultCommunityCriteriaFile());
  ASSERT_TRUE(criteria) << criteria.error().message;
  const Date today = D("2024-06-30");
  network::SiteInput in;
  in.kind = "full_employment_community";
  in.tier = "township";
  in.region = "520102016";
  in.name = "纪念塔充分就业社区";
  in.opened_on = D("2020-01-01");
  auto site = network::NetworkStore(*db_, Regions()).AddSite(in, today, "county");
  ASSERT_TRUE(site) << site.error().message;
  in.name = "另一充分就业社区";
  auto weak = network::NetworkStore(*db_, Regions()).AddSite(in, today, "county");
  ASSERT_TRUE(weak) << weak.error().message;

  // Neither applied nor assessed: unknown, not refused.
  policy::Decision d = R17(registry, *site, today);
  const policy::Condition* c = Recognised(d);
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->unknown);
  EXPECT_NE(c->seen.find("未经评估认定"), std::string::npos) << c->seen;

  // Applied, awaiting assessment: still unknown.
  auto app = communities.Apply({*site, "省级", D("2023-09-01"), {200, 190, 10, 9, 0, true, 2}}, *criteria, today, "county");
  ASSERT_TRUE(app) << app.error().message;
  d = R17(registry, *site, today);
  c = Recognised(d);
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->unknown);
  EXPECT_FALSE(d.eligible);

  // Assessed, every criterion met: recognised 省级 on the assessment date; paid 5 万元.
  auto assessed = communities.Assess(*app, {D("2023-11-20"), "省人力资源社会保障厅", "黔人社通〔2023〕99号"}, *criteria, today, "prov");
  ASSERT_TRUE(assessed) << assessed.error().message;
  ASSERT_TRUE(assessed->passed);
  d = R17(registry, *site, today);
  EXPECT_TRUE(d.eligible);
  EXPECT_EQ(d.amount_fen, 5000000);

  // Assessed and failing (85% employed): refused, not unknown.
  auto low = communities.Apply({*weak, "省级", D("2023-09-01"), {200, 170, 10, 9, 0, true, 2}}, *criteria, today, "county");
  ASSERT_TRUE(low) << low.error().message;
  ASSERT_TRUE(communities.Assess(*low, {D("2023-11-20"), "省人力资源社会保障厅", ""}, *criteria, today, "prov"));
  d = R17(registry, *weak, today);
  c = Recognised(d);
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->unknown);
  EXPECT_FALSE(c->pass);
  EXPECT_FALSE(d.eligible);
}

QJY_INSTANTIATE_STORE_TEST(CommunityR17Test);

}  // namespace
}  // namespace qjy::policy_services
