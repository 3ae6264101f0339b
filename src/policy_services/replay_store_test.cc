// Replayable decisions through the store (issue #17 §2), on SQLite and
// PostgreSQL: every entitlement a sweep of a generated county proposes gets
// its decision record, each replays byte for byte from it, and after
// officials approve a parameter change the stored decision still replays
// while today's evaluation names the changed parameter.
#include <gtest/gtest.h>

#include <set>
#include <span>

#include "auth/clock.h"
#include "core/vault.h"
#include "gen/generator.h"
#include "gen/store_sink.h"
#include "gen/test_world.h"
#include "policy/decision_record.h"
#include "policy/entitlement_replay.h"
#include "policy/engine.h"
#include "policy/ledger.h"
#include "policy/ledger_schema.h"
#include "policy/param_changes.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "policy_services/facts_gen.h"
#include "policy_services/param_change_store.h"
#include "policy_services/payment_batch.h"
#include "policy_services/recheck.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::policy_services {
namespace {

using ::qjy::test_support::D;

class FixedClock final : public auth::Clock {
 public:
  int64_t Now() const override { return 1700000000; }
};

class ReplayStoreTest : public store::testing::StoreTest {
 protected:
  Vault vault_ = Vault::FromKey([] {
    std::array<uint8_t, 32> k{};
    k.fill(5);
    return k;
  }());
  FixedClock clock_;
};

TEST_P(ReplayStoreTest, SweptEntitlementsReplayAcrossAnApprovedParameterChange) {
  store::RegistryStore registry(*db_, vault_);
  ASSERT_TRUE(registry.Migrate());
  ASSERT_TRUE(policy::MigratePolicy(*db_));
  ASSERT_TRUE(ParamChangeStore::Migrate(*db_));
  const auto& world = gen::testing::TheWorld();
  ASSERT_TRUE(world.geo);
  gen::Tables tables(world.profile, *world.geo, gen::testing::Options(17, 2000, 500, 50));
  gen::StoreSink sink(*db_, registry);
  gen::Sink* sinks[] = {&sink};
  ASSERT_TRUE(gen::Generate(tables, gen::IdBase{}, sinks));
  ASSERT_TRUE(GenerateFacts(*db_, registry, 17));
  policy::NoRegistrations none;
  auto w = policy::LoadWorld(*db_, registry, none);
  ASSERT_TRUE(w) << w.error().message;

  auto base = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
  ASSERT_TRUE(base) << base.error().message;
  auto engine = policy::Engine::Create(*base);
  ASSERT_TRUE(engine);
  const Date decided = D("2023-12-31");
  auto ds = engine->Sweep(*w, decided, {.region = "", .threads = 2, .explain = true});
  ASSERT_GT(ds.size(), 20u) << "the province must have entitlements to replay";
  policy::Ledger ledger(*db_, nullptr, clock_);
  const policy::DecisionRecorder recorder(engine->params(), *w);
  auto added = ledger.Propose(ds, "sweeper", &recorder);
  ASSERT_TRUE(added) << added.error().message;
  ASSERT_EQ(*added, static_cast<int64_t>(ds.size()));
  // Every entitlement has exactly one record and the set is stored once.
  auto counts = db_->Query(
      "SELECT (SELECT COUNT(*) FROM policy_decision_records), (SELECT COUNT(*) FROM policy_param_sets)");
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->front().Int(0), *added);
  EXPECT_EQ(counts->front().Int(1), 1);
  // Records cannot be edited.
  EXPECT_FALSE(db_->Exec("UPDATE policy_decision_records SET facts = '{}'"));

  // Each one replays byte for byte from its record, with nothing different
  // under the same parameters.
  policy::ReviewFilter all;
  all.limit = 100000;
  auto listed = ledger.List(all);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), ds.size());
  int64_t amount_id = 0;
  std::string amount_param;
  int64_t amount_value = 0;
  for (const auto& e : *listed) {
    auto r = policy::ReplayEntitlement(*db_, e.entitlement_id, "", *base, decided);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->replay.reproduced) << e.once_key << "：" << r->replay.mismatch;
    EXPECT_FALSE(r->replay.Differs()) << e.once_key;
    EXPECT_FALSE(r->redecided_since);
    // An entitlement whose amount is a flat parameter, to change below.
    for (const auto& name : policy::ParamNames(r->replay.then)) {
      const policy::Parameter* p = base->Find(name);
      if (!amount_id && name.ends_with(".amount") && p && p->overrides.empty() && !e.loan) {
        amount_id = e.entitlement_id;
        amount_param = name;
        amount_value = *base->ValueAt(name, decided);
      }
    }
  }
  ASSERT_NE(amount_id, 0) << "some entitlement is paid a flat amount";

  // Out of another region's reach.
  auto other = policy::ReplayEntitlement(*db_, amount_id, "5299", *base, decided);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);

  // Officials lower the amount from 2026-01-01 (proposed and approved by two people).
  ParamChangeStore changes(*db_);
  auto c = changes.Propose(*base, {amount_param, amount_value - 10000, D("2026-01-01"), "黔人社发〔2025〕9号", "第二条",
                                   "标准调整"},
                           "policy_a", D("2025-10-01"), 100);
  ASSERT_TRUE(c) << c.error().message;
  ASSERT_TRUE(changes.Approve(c->change_id, "policy_b", D("2025-10-02"), 200));
  auto today = WithApprovedChanges(*db_, *base);
  ASSERT_TRUE(today) << today.error().message;

  auto r = policy::ReplayEntitlement(*db_, amount_id, "", *today, D("2026-06-01"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->replay.reproduced) << r->replay.mismatch;
  EXPECT_EQ(r->replay.then.amount_fen, r->entitlement.amount_fen);
  EXPECT_TRUE(r->replay.amount_changed);
  EXPECT_EQ(r->replay.then.amount_fen - r->replay.now.amount_fen, 10000);
  const policy::ParamDifference* changed = nullptr;
  for (const auto& p : r->replay.params) {
    if (p.name == amount_param) changed = &p;
  }
  ASSERT_NE(changed, nullptr) << "the difference names " << amount_param;
  EXPECT_EQ(*changed->then_value, amount_value);
  EXPECT_EQ(*changed->now_value, amount_value - 10000);
  EXPECT_EQ(changed->now_from, "2026-01-01");
  EXPECT_NE(policy::ToText(r->replay).find("自 2026-01-01 起"), std::string::npos);
}

// A re-check under changed parameters stores its own decision record:
// the re-decided entitlement replays byte for byte as re-checked (new
// amount, the new set's hash, version 2), not as first proposed, and an
// unchanged one keeps its single record.
TEST_P(ReplayStoreTest, RecheckAcrossAParameterChangeStoresAReplayableRecord) {
  store::RegistryStore registry(*db_, vault_);
  ASSERT_TRUE(registry.Migrate());
  ASSERT_TRUE(policy::MigratePolicy(*db_));
  ASSERT_TRUE(PaymentBatches::Migrate(*db_));
  const auto& world = gen::testing::TheWorld();
  ASSERT_TRUE(world.geo);
  gen::Tables tables(world.profile, *world.geo, gen::testing::Options(17, 2000, 500, 50));
  gen::StoreSink sink(*db_, registry);
  gen::Sink* sinks[] = {&sink};
  ASSERT_TRUE(gen::Generate(tables, gen::IdBase{}, sinks));
  ASSERT_TRUE(GenerateFacts(*db_, registry, 17));
  policy::NoRegistrations none;
  auto w = policy::LoadWorld(*db_, registry, none);
  ASSERT_TRUE(w) << w.error().message;
  auto base = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
  ASSERT_TRUE(base);
  auto engine = policy::Engine::Create(*base);
  ASSERT_TRUE(engine);
  const Date decided = D("2023-12-31");
  auto ds = engine->Sweep(*w, decided, {.region = "", .threads = 2, .explain = true});
  ASSERT_GT(ds.size(), 20u);
  policy::Ledger ledger(*db_, nullptr, clock_);
  const policy::DecisionRecorder recorder(engine->params(), *w);
  ASSERT_TRUE(ledger.Propose(ds, "sweeper", &recorder));

  // A flat amount parameter that some entitlement is paid by.
  policy::ReviewFilter all;
  all.limit = 100000;
  auto listed = ledger.List(all);
  ASSERT_TRUE(listed);
  std::string amount_param;
  int64_t amount_value = 0;
  for (const auto& e : *listed) {
    auto r = policy::ReplayEntitlement(*db_, e.entitlement_id, "", *base, decided);
    ASSERT_TRUE(r) << r.error().message;
    for (const auto& name : policy::ParamNames(r->replay.then)) {
      const policy::Parameter* p = base->Find(name);
      if (amount_param.empty() && name.ends_with(".amount") && p && p->overrides.empty() && !e.loan) {
        amount_param = name;
        amount_value = *base->ValueAt(name, decided);
      }
    }
  }
  ASSERT_FALSE(amount_param.empty());

  // The amount corrected from the decision date on: the re-check re-proposes.
  const policy::ParamValueChange change{1, amount_param, decided, amount_value - 10000};
  auto changed = policy::WithChanges(*base, std::span(&change, 1));
  ASSERT_TRUE(changed) << changed.error().message;
  auto engine2 = policy::Engine::Create(*changed);
  ASSERT_TRUE(engine2);
  PaymentBatches batches(*db_, nullptr, clock_);
  auto sum = batches.ApplyRecheck(*listed, WorldRecheck(*engine2, *w), "checker");
  ASSERT_TRUE(sum) << sum.error().message;
  ASSERT_FALSE(sum->changed.empty());

  std::set<std::string> redecided;
  for (const auto& c : sum->changed) redecided.insert(c.once_key);
  auto after = ledger.List(all);
  ASSERT_TRUE(after);
  const policy::DecisionRecorder recorder2(engine2->params(), *w);
  ASSERT_NE(recorder2.params_hash(), recorder.params_hash());
  int checked = 0;
  for (const auto& e : *after) {
    auto records = db_->Query("SELECT COUNT(*), MAX(version) FROM policy_decision_records WHERE once_key = ?",
                              std::vector<store::Value>{e.once_key});
    ASSERT_TRUE(records);
    auto r = policy::ReplayEntitlement(*db_, e.entitlement_id, "", *changed, decided);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->replay.reproduced) << e.once_key << "：" << r->replay.mismatch;
    EXPECT_FALSE(r->redecided_since) << e.once_key;
    if (!redecided.contains(e.once_key)) {
      EXPECT_EQ(records->front().Int(0), 1) << e.once_key;
      continue;
    }
    ++checked;
    EXPECT_EQ(records->front().Int(1), 2) << e.once_key;
    // The re-check as recorded: today's amount, under the set now in force.
    EXPECT_EQ(r->replay.then.amount_fen, e.amount_fen);
    EXPECT_FALSE(r->replay.Differs()) << e.once_key;
    auto latest = db_->Query("SELECT params_hash FROM policy_decision_records WHERE once_key = ? AND version = 2",
                             std::vector<store::Value>{e.once_key});
    ASSERT_TRUE(latest);
    ASSERT_EQ(latest->size(), 1u);
    EXPECT_EQ(latest->front().Text(0), recorder2.params_hash());
  }
  EXPECT_EQ(checked, static_cast<int>(redecided.size()));
}

QJY_INSTANTIATE_STORE_TEST(ReplayStoreTest);

}  // namespace
}  // namespace qjy::policy_services
