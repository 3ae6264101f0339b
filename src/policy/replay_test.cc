#include "policy/replay.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include <set>

#include "policy/decision_record.h"
#include "policy/engine.h"
#include "policy/facts_json.h"
#include "policy/param_changes.h"
#include "policy/params_json.h"
#include "policy/policy_dir.h"
#include "policy/rules/rules.h"
#include "policy/rules/versions.h"
#include "policy/scenario.h"
#include "core/install_paths.h"
#include "core/date_test_support.h"

namespace qjy::policy {
namespace {

using ::qjy::test_support::D;

StoredDecision Store(const DecisionRecorder& rec, const Decision& d) {
  DecisionRecord r = rec.Record(d);
  return {r.decision_json, r.rule_version, r.params_hash, rec.params_json(), r.params_read, r.facts_json};
}

std::vector<ScenarioCase> AllCases() {
  std::vector<ScenarioCase> out;
  for (const auto& f : std::filesystem::directory_iterator(SourceTreeDir() / "policy" / "tests")) {
    if (f.path().extension() != ".yaml") continue;
    auto loaded = LoadScenarioFile(f.path());
    EXPECT_TRUE(loaded) << loaded.error().message;
    if (loaded) out.insert(out.end(), loaded->begin(), loaded->end());
  }
  return out;
}

// Every entitlement a sweep finds on every scenario of the suite replays
// from its record alone (the subject's facts, the stored set) byte for
// byte, and under the same parameters "today" nothing differs: the facts
// snapshot holds everything each rule reads.
TEST(ReplayTest, EverySweptEntitlementOfTheSuiteReplaysBitForBit) {
  auto base = ParameterSet::LoadDir(DefaultParamsDir());
  ASSERT_TRUE(base) << base.error().message;
  int replayed = 0;
  std::set<std::string> rules;
  for (const auto& c : AllCases()) {
    ParameterSet p = *base;
    if (!c.params_yaml.empty()) ASSERT_TRUE(p.ReplaceYaml(c.params_yaml, c.name));
    auto engine = Engine::Create(p);
    ASSERT_TRUE(engine);
    const DecisionRecorder rec(engine->params(), c.world);
    for (const auto& d : engine->Sweep(c.world, c.date, {.region = "", .threads = 1, .explain = true})) {
      auto r = ReplayDecision(Store(rec, d), engine->params(), c.date);
      ASSERT_TRUE(r) << r.error().message;
      EXPECT_TRUE(r->reproduced) << c.file << " " << c.name << " " << d.once_key << "：" << r->mismatch;
      EXPECT_FALSE(r->Differs()) << c.name << " " << d.once_key;
      EXPECT_TRUE(r->version_note.empty());
      ++replayed;
      rules.insert(d.rule);
    }
  }
  EXPECT_GT(replayed, 40);
  EXPECT_GE(rules.size(), 10u) << "the suite's entitlements cover most rules";
}

// A youth hire decided in 2023 with r2.amount 1,000 元; officials then lower
// the amount from 2026-01-01. The stored decision still replays exactly,
// while "today" (2026-06-01) gives the new amount and names the parameter.
class ReplayAfterChangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto base = ParameterSet::LoadDir(DefaultParamsDir());
    ASSERT_TRUE(base) << base.error().message;
    base_ = std::move(*base);
    registry::Person p;
    p.person_id = 7;
    p.county_code = p.insured_region = "520102";
    p.birth_date = D("2001-03-01");
    p.school_left_on = D("2023-06-30");
    p.name = "张三";
    p.id_number = "520102200103010011";
    p.groups.push_back({registry::Group::kCollegeGraduate, D("2023-06-30"), std::nullopt});
    world_.persons.push_back(p);
    registry::Employer e;
    e.credit_code = "91520102MA0000001X";
    e.county_code = e.region = e.insured_region = "520102";
    e.insured_headcount = 20;
    world_.employers.push_back(e);
    registry::Contract c;
    c.contract_id = 1;
    c.county_code = "520102";
    c.person_id = 7;
    c.employer_credit_code = e.credit_code;
    c.start_on = D("2023-07-10");
    c.end_on = D("2025-07-09");
    world_.contracts.push_back(c);
    world_.insurance.push_back({7, e.credit_code, 2023 * 12 + 6, 2023 * 12 + 9, 15});
    world_.Index();
    auto engine = Engine::Create(base_);
    ASSERT_TRUE(engine);
    for (const auto& d : engine->Sweep(world_, D("2023-10-20"), {.region = "", .threads = 1, .explain = true})) {
      if (d.rule == "R2") decision_ = d;
    }
    ASSERT_TRUE(decision_.eligible) << "the scenario must grant R2";
    ASSERT_EQ(decision_.amount_fen, 100000);
    const DecisionRecorder rec(base_, world_);
    stored_ = Store(rec, decision_);
    const ParamValueChange lower{1, "r2.amount", D("2026-01-01"), 80000};
    auto today = WithChanges(base_, std::span(&lower, 1));
    ASSERT_TRUE(today) << today.error().message;
    today_ = std::move(*today);
  }
  ParameterSet base_, today_;
  World world_;
  Decision decision_;
  StoredDecision stored_;
};

TEST_F(ReplayAfterChangeTest, StoredDecisionStillReplaysAndTodayDiffersByTheParameter) {
  auto r = ReplayDecision(stored_, today_, D("2026-06-01"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->reproduced) << r->mismatch;
  EXPECT_EQ(r->then.amount_fen, 100000);
  EXPECT_EQ(ToJson(r->then).dump(), stored_.decision_json);
  EXPECT_TRUE(r->now.eligible);
  EXPECT_EQ(r->now.amount_fen, 80000);
  EXPECT_TRUE(r->amount_changed);
  EXPECT_FALSE(r->eligible_changed);
  ASSERT_EQ(r->params.size(), 1u);
  EXPECT_EQ(r->params[0].name, "r2.amount");
  EXPECT_EQ(r->params[0].reference, "A1(一)");
  EXPECT_EQ(*r->params[0].then_value, 100000);
  EXPECT_EQ(*r->params[0].now_value, 80000);
  EXPECT_EQ(r->params[0].now_from, "2026-01-01");
  const std::string text = ToText(*r);
  EXPECT_NE(text.find("1,000.00元 → 800.00元"), std::string::npos) << text;
  EXPECT_NE(text.find("附件1（一）"), std::string::npos) << text;
  // The same replay before the change takes effect: nothing differs.
  auto before = ReplayDecision(stored_, today_, D("2025-12-31"));
  ASSERT_TRUE(before);
  EXPECT_FALSE(before->Differs());
}

TEST_F(ReplayAfterChangeTest, RecordHoldsTheParametersReadAndNoIdentity) {
  const std::string hash = ParamsHash(ParamsToJson(base_).dump());
  EXPECT_EQ(stored_.params_hash, hash);
  EXPECT_EQ(stored_.params_hash.size(), 64u);
  EXPECT_NE(ParamsHash(ParamsToJson(today_).dump()), hash) << "a changed set has another hash";
  EXPECT_EQ(stored_.rule_version, "R2@1");
  bool amount = false;
  for (const auto& p : stored_.params_read) {
    if (p["name"] == "r2.amount") {
      amount = true;
      EXPECT_EQ(p["value"], 100000);
      EXPECT_EQ(p["from"], "2023-06-15");
      EXPECT_EQ(p["shown"], "1,000.00元");
    }
  }
  EXPECT_TRUE(amount) << stored_.params_read.dump();
  EXPECT_EQ(stored_.facts_json.find("520102200103010011"), std::string::npos);
  EXPECT_EQ(stored_.facts_json.find("张三"), std::string::npos);
  // The stored set reads back as the same set.
  auto back = ParamsFromJson(nlohmann::json::parse(stored_.params_json));
  ASSERT_TRUE(back);
  EXPECT_EQ(ParamsToJson(*back).dump(), stored_.params_json);
}

TEST_F(ReplayAfterChangeTest, TamperedFactsOrDecisionOrSetAreNotReproduced) {
  StoredDecision amount = stored_;
  const std::string from = "\"amount_fen\":100000";
  amount.decision_json.replace(amount.decision_json.find(from), from.size(), "\"amount_fen\":150000");
  auto r = ReplayDecision(amount, base_, D("2023-10-20"));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->reproduced);
  EXPECT_NE(r->mismatch.find("金额不同"), std::string::npos) << r->mismatch;

  StoredDecision facts = stored_;
  const std::string start = "2023-07-10";
  facts.facts_json.replace(facts.facts_json.find(start), start.size(), "2024-02-10");
  r = ReplayDecision(facts, base_, D("2023-10-20"));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->reproduced);

  StoredDecision set = stored_;
  const std::string value = "100000]";
  set.params_json.replace(set.params_json.find(value), value.size(), "100001]");
  r = ReplayDecision(set, base_, D("2023-10-20"));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->hash_ok);
  EXPECT_FALSE(r->reproduced);
}

TEST_F(ReplayAfterChangeTest, AnotherRuleVersionIsSaidInChinese) {
  StoredDecision old = stored_;
  old.rule_version = "R2@0";
  auto r = ReplayDecision(old, base_, D("2023-10-20"));
  ASSERT_TRUE(r);
  EXPECT_NE(r->version_note.find("规则版本已变化"), std::string::npos);
  EXPECT_NE(r->version_note.find("R2@0"), std::string::npos);
  EXPECT_NE(ToText(*r).find("规则版本已变化"), std::string::npos);
}

TEST(RuleVersionTest, EveryRuleOfTheCatalogueHasAVersion) {
  for (const auto& r : rules::Catalogue()) {
    const std::string v = rules::RuleVersion(r.id);
    EXPECT_TRUE(v.starts_with(std::string(r.id) + "@")) << r.id << " " << v;
    EXPECT_GE(std::atoi(v.c_str() + std::string(r.id).size() + 1), 1) << v;
  }
  // R5 and R17 read the registries officials keep since version 2.
  EXPECT_EQ(rules::RuleVersion("R5"), "R5@2");
  EXPECT_EQ(rules::RuleVersion("R17"), "R17@2");
  EXPECT_EQ(rules::RuleVersion("R99"), "");
}

TEST(FactsJsonTest, RoundTripIsCanonical) {
  World w;
  registry::Person p;
  p.person_id = 3;
  p.county_code = "520102";
  p.birth_date = D("1990-01-01");
  p.certificates.push_back({"焊工", 4, D("2023-01-01")});
  w.persons.push_back(p);
  Registration reg{3, D("2023-01-01"), std::nullopt, true, {{24277, 24280}}};
  w.registrations.push_back(reg);
  w.Index();
  const auto j = WorldToJson(w);
  auto back = WorldFromJson(j);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(WorldToJson(*back).dump(), j.dump());
  auto bad = j;
  bad["persons"][0].erase("birth");
  auto err = WorldFromJson(bad);
  ASSERT_FALSE(err);
  EXPECT_NE(err.error().message.find("birth"), std::string::npos);
}

}  // namespace
}  // namespace qjy::policy
