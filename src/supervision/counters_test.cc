// The supervision counters (counters.h) on SQLite and PostgreSQL: after
// every kind of write (propose, pay in two years, reverse, withdraw, hold
// and release, loans, a person's phone and county changed, a person
// removed) they hold what a rebuild from the ledger computes, with the
// expected figures; a rebuild repairs them; a change of causes.yaml
// rebuilds the cause counts. The holders of each payment-fact hash
// (fact_counters.h, migration 1504) after facts are added, changed and
// removed equal a count over person_payment_facts.
#include "supervision/counters.h"

#include <gtest/gtest.h>

#include <cstring>

#include "policy/ledger.h"
#include "store/employment_schema.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"
#include "policy_services/payment_batch.h"
#include "supervision/supervision_schema.h"
#include "supervision/supervisor.h"

namespace qjy::supervision {
namespace {

using store::Value;

constexpr int64_t k20230301 = 1677628800;  // 2023-03-01T00:00:00Z
constexpr int64_t k20240615 = 1718409600;  // 2024-06-15T00:00:00Z

// Hiring (a contract cause: any two of its claims can match) and transport
// (a period cause), as causes.yaml has them.
const std::vector<CauseRule> kRules = {
    {"R2", "hiring", true}, {"R3", "hiring", true}, {"R6", "transport", false}, {"R7", "transport", false}};
// The same with the monthly 灵活就业社会保险补贴 (R10).
std::vector<CauseRule> WithR10(bool any_period = false) {
  auto rules = kRules;
  rules.push_back({"R10", "flexible_insurance", any_period});
  return rules;
}

class CountersTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::EmploymentMigrations()));
    auto m = Supervisor::Migrate(*db_);
    ASSERT_TRUE(m) << m.error().message;
    auto rebuilt = SyncCauseRules(*db_, kRules);
    ASSERT_TRUE(rebuilt) << rebuilt.error().message;
    // Sharded after the counters' migrations, as `qjy db shard` on a
    // running province (tests/shards: supervision_shards).
    ShardIfAsked();
  }
  void Person(int64_t id, const std::string& county, const std::string& phone) {
    Blob idh(8, static_cast<uint8_t>(id));
    auto r = db_->Exec(
        "INSERT INTO persons (person_id, county_code, id_hash, id_enc, id_masked, name, sex, birth_date, ethnicity, "
        "phone_hash, phone_masked, hukou_region, residence_region, work_region, insured_region, education, skills, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, '5201**', '某某', 'M', '1990-01-01', '01', ?, '', ?, ?, ?, ?, "
        "'bachelor', '[]', 'x', 'x')",
        std::vector<Value>{id, county, idh, idh, Blob(phone.begin(), phone.end()), county, county, county, county});
    ASSERT_TRUE(r) << r.error().message;
  }
  std::string Ent(const std::string& rule, int64_t person, const std::string& county, int64_t amount, int loan = 0,
                  const std::string& period = "once") {
    const std::string key =
        rule + "|P:" + std::to_string(person) + "|" + county + (period == "once" ? std::string() : "|" + period);
    auto r = db_->Exec(
        "INSERT INTO policy_entitlements (once_key, rule, title, beneficiary, person_id, employer_code, period, fund, "
        "county_code, amount_fen, loan, decided_on, explanation, status, created_at) VALUES (?, ?, ?, ?, ?, '', "
        "?, 'employment_subsidy', ?, ?, ?, '2024-06-01', '{}', 'proposed', 'x')",
        std::vector<Value>{key, rule, rule, "P:" + std::to_string(person), person, period, county, amount,
                           int64_t{loan}});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return key;
  }
  void Pay(const std::string& key, int64_t at) {
    auth::ManualClock clock(at);
    policy::Ledger ledger(*db_, nullptr, clock);
    auto r = ledger.Approve(key, "payer");
    ASSERT_TRUE(r) << r.error().message;
  }
  void Exec(const std::string& sql, std::vector<Value> ps = {}) {
    auto r = db_->Exec(sql, ps);
    ASSERT_TRUE(r) << r.error().message;
  }
  // The counters equal a rebuild from the ledger; returns them.
  // The counters, spoiled by the caller to differ from `good`, are put
  // back by RebuildCounters.
  void ExpectSpoiledThenRebuilt(const CounterSnapshot& good) {
    auto broken = ReadCounters(*db_);
    ASSERT_TRUE(broken);
    EXPECT_FALSE(*broken == good);
    ASSERT_TRUE(RebuildCounters(*db_));
    auto fixed = ReadCounters(*db_);
    ASSERT_TRUE(fixed);
    EXPECT_TRUE(*fixed == good);
  }

  CounterSnapshot Consistent() {
    auto folded = FoldNewEntitlements(*db_);
    EXPECT_TRUE(folded) << (folded ? "" : folded.error().message);
    auto held = ReadCounters(*db_);
    auto want = CountFromLedger(*db_);
    EXPECT_TRUE(held && want);
    if (!held || !want) return {};
    EXPECT_TRUE(*held == *want);
    EXPECT_EQ(held->persons.size(), want->persons.size());
    EXPECT_EQ(held->amounts, want->amounts);
    EXPECT_EQ(held->county_persons, want->county_persons);
    EXPECT_EQ(held->fact_holders, want->fact_holders);
    EXPECT_EQ(held->cause_totals, want->cause_totals);
    EXPECT_EQ(held->cause_periods, want->cause_periods);
    return *held;
  }
  using Amounts = std::map<std::tuple<std::string, std::string, int64_t>, int64_t>;
};

TEST_P(CountersTest, TriggersKeepWhatARebuildComputes) {
  Person(1, "520102", "phone-a");
  Person(2, "520102", "phone-a");
  Person(3, "520103", "phone-b");
  const std::string t1 = Ent("R6", 1, "520102", 30000);   // transport, a cause
  const std::string t1b = Ent("R7", 1, "520103", 20000);  // a second claim of a cause, another county
  const std::string o2 = Ent("R10", 2, "520102", 50000);  // not a cause
  const std::string h3 = Ent("R2", 3, "520103", 100000);
  const std::string loan = Ent("R12", 3, "520103", 9000000, 1);
  auto c = Consistent();
  EXPECT_EQ(c.persons.at({"520102", 1}), std::make_tuple(std::string("70686f6e652d61"), int64_t{1}, int64_t{1}));
  EXPECT_EQ(c.persons.at({"520103", 1}), std::make_tuple(std::string("70686f6e652d61"), int64_t{1}, int64_t{1}));
  EXPECT_EQ(std::get<2>(c.persons.at({"520102", 2})), 0);  // R10 is no cause
  EXPECT_EQ(c.amounts, (Amounts{{{"520102", "unpaid", 0}, 80000}, {{"520103", "unpaid", 0}, 120000}}));
  EXPECT_EQ(c.county_persons, (std::map<std::string, int64_t>{{"520102", 2}, {"520103", 1}}));

  Pay(t1, k20230301);  // paid in 2023
  Pay(h3, k20240615);  // paid in 2024
  c = Consistent();
  EXPECT_EQ(c.amounts, (Amounts{{{"520102", "unpaid", 0}, 50000},
                                {{"520102", "paid", 2023}, 30000},
                                {{"520102", "payments", 2023}, 30000},
                                {{"520103", "unpaid", 0}, 20000},
                                {{"520103", "paid", 2024}, 100000},
                                {{"520103", "payments", 2024}, 100000}}));

  // Reversed: no longer paid nor live, the payment stays in the history.
  {
    auth::ManualClock clock(k20240615);
    policy::Ledger ledger(*db_, nullptr, clock);
    ASSERT_TRUE(ledger.Reverse(h3, "officer", "测试冲正"));
  }
  c = Consistent();
  EXPECT_FALSE(c.amounts.contains({"520103", "paid", 2024}));
  EXPECT_EQ(c.amounts.at({"520103", "payments", 2024}), 100000);
  EXPECT_EQ(std::get<1>(c.persons.at({"520103", 3})), 1);  // the loan is still live
  EXPECT_EQ(std::get<2>(c.persons.at({"520103", 3})), 0);

  // Withdrawn, held and released, re-proposed with another amount.
  Exec("UPDATE policy_entitlements SET status = 'withdrawn' WHERE once_key = ?", {o2});
  Exec("UPDATE policy_entitlements SET status = 'held' WHERE once_key = ?", {t1b});
  c = Consistent();
  EXPECT_EQ(std::get<2>(c.persons.at({"520103", 1})), 1);  // held is live
  Exec("UPDATE policy_entitlements SET status = 'proposed', amount_fen = 25000 WHERE once_key = ?", {t1b});
  c = Consistent();
  EXPECT_EQ(c.amounts.at({"520103", "unpaid", 0}), 25000);
  EXPECT_FALSE(c.amounts.contains({"520102", "unpaid", 0}));

  // A person's phone and county change; a person removed; a person
  // registered after the claim.
  Exec("UPDATE persons SET phone_hash = ?, county_code = '520111' WHERE person_id = 1",
       {Blob{'n', 'e', 'w'}});
  Exec("DELETE FROM persons WHERE person_id = 2");
  Ent("R6", 4, "520111", 30000);
  Person(4, "520111", "phone-b");
  c = Consistent();
  EXPECT_EQ(std::get<0>(c.persons.at({"520102", 1})), "6e6577");
  EXPECT_EQ(std::get<0>(c.persons.at({"520111", 4})), "70686f6e652d62");
  EXPECT_EQ(c.county_persons, (std::map<std::string, int64_t>{{"520103", 1}, {"520111", 2}}));
  (void)loan;
}

TEST_P(CountersTest, RebuildRepairsAndCauseRuleChangeRebuilds) {
  Person(1, "520102", "p");
  Ent("R6", 1, "520102", 30000);
  Ent("R10", 1, "520102", 40000);
  // Proposed and withdrawn before any fold: the fold sees it withdrawn.
  const std::string gone = Ent("R7", 1, "520102", 5000);
  Exec("UPDATE policy_entitlements SET status = 'withdrawn' WHERE once_key = ?", {gone});
  const CounterSnapshot good = Consistent();
  EXPECT_EQ(std::get<1>(good.persons.at({"520102", 1})), 2);
  EXPECT_EQ(std::get<2>(good.persons.at({"520102", 1})), 1);
  Exec("UPDATE supervision_person_counts SET live_n = 99");
  Exec("UPDATE supervision_county_amounts SET amount_fen = 1");
  Exec("DELETE FROM supervision_county_persons");
  ExpectSpoiledThenRebuilt(good);
  // R10 becomes a cause: rebuilt, the person has two claims of a cause.
  auto same = SyncCauseRules(*db_, {kRules[3], kRules[2], kRules[1], kRules[0]});
  ASSERT_TRUE(same);
  EXPECT_FALSE(*same);
  auto changed = SyncCauseRules(*db_, WithR10());
  ASSERT_TRUE(changed);
  EXPECT_TRUE(*changed);
  EXPECT_EQ(std::get<2>(Consistent().persons.at({"520102", 1})), 2);
}

// A sweep's proposals folded in their own transaction (ProposalFold, as
// the sweep writes the review list county by county): the counters equal a
// rebuild with no screen and no FoldNewEntitlements in between, and the
// watermark covers every row.
TEST_P(CountersTest, SweepProposalsAreFoldedWithoutAScreen) {
  Person(1, "520102", "phone-a");
  Person(2, "520102", "phone-a");
  Person(3, "520103", "phone-b");
  // A row proposed by a writer without the observer: folded by the next
  // proposal's Before().
  const std::string early = Ent("R6", 3, "520103", 7000);
  auto decision = [](const std::string& rule, int64_t person, const std::string& county, int64_t fen, bool loan = false) {
    policy::Decision d;
    d.rule = rule;
    d.title = rule;
    d.date = "2024-06-01";
    d.eligible = true;
    d.loan = loan;
    d.amount_fen = fen;
    d.fund = policy::Fund::kEmploymentSubsidy;
    d.beneficiary = "P:" + std::to_string(person);
    d.person_id = person;
    d.period = "2024";
    d.county_code = county;
    d.once_key = rule + "|P:" + std::to_string(person) + "|sweep";
    return d;
  };
  auth::ManualClock clock(k20240615);
  policy::Ledger ledger(*db_, nullptr, clock);
  ProposalFold fold;
  // County by county, as RunSweep writes; one decision not eligible.
  std::vector<policy::Decision> c102 = {decision("R6", 1, "520102", 30000), decision("R10", 2, "520102", 50000),
                                        decision("R7", 1, "520102", 20000)};
  c102.push_back(decision("R2", 2, "520102", 99999));
  c102.back().eligible = false;
  std::vector<policy::Decision> c103 = {decision("R2", 3, "520103", 100000), decision("R12", 3, "520103", 9000000, true)};
  auto n = ledger.Propose(c102, "sweeper", nullptr, &fold);
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(*n, 3);
  n = ledger.Propose(c103, "sweeper", nullptr, &fold);
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(fold.folded(), 5);
  // The same sweep again adds nothing and counts nothing twice.
  n = ledger.Propose(c102, "sweeper", nullptr, &fold);
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(*n, 0);
  EXPECT_EQ(fold.folded(), 5);

  auto state = db_->Query("SELECT (SELECT value FROM supervision_counter_state WHERE name = 'entitlements'), "
                          "(SELECT MAX(entitlement_id) FROM policy_entitlements)");
  ASSERT_TRUE(state);
  EXPECT_EQ((*state)[0].Int(0), (*state)[0].Int(1));
  auto held = ReadCounters(*db_);
  auto want = CountFromLedger(*db_);
  ASSERT_TRUE(held && want);
  EXPECT_TRUE(*held == *want);
  EXPECT_EQ(held->persons.at({"520102", 1}), std::make_tuple(std::string("70686f6e652d61"), int64_t{2}, int64_t{2}));
  EXPECT_EQ(held->persons.at({"520102", 2}), std::make_tuple(std::string("70686f6e652d61"), int64_t{1}, int64_t{0}));
  EXPECT_EQ(held->persons.at({"520103", 3}), std::make_tuple(std::string("70686f6e652d62"), int64_t{3}, int64_t{2}));
  EXPECT_EQ(held->amounts, (Amounts{{{"520102", "unpaid", 0}, 100000}, {{"520103", "unpaid", 0}, 107000}}));
  // Nothing left for a screen's fold; later writes are the triggers'.
  auto folded = FoldNewEntitlements(*db_);
  ASSERT_TRUE(folded);
  EXPECT_EQ(*folded, 0);
  Pay(c103[0].once_key, k20240615);
  Exec("UPDATE policy_entitlements SET status = 'withdrawn' WHERE once_key = ?", {c102[1].once_key});
  auto c = Consistent();
  EXPECT_EQ(c.amounts.at({"520103", "paid", 2024}), 100000);
  EXPECT_FALSE(c.persons.contains({"520102", 2}));  // its one claim withdrawn
  (void)early;
}

// The holders of each payment-fact hash (fact_counters.h, migration 1504)
// after facts are added, changed (one hash, both, none, to NULL and back)
// and removed equal a count over person_payment_facts; a rebuild repairs
// them; the screen's question "held by more than N" reads them.
TEST_P(CountersTest, PaymentFactHoldersKeptByTriggers) {
  auto facts = [&](int64_t person, const char* bank, const char* addr) {
    auto blob = [](const char* x) { return x ? Value{Blob(x, x + std::strlen(x))} : Value{}; };
    Exec("INSERT INTO person_payment_facts (person_id, county_code, bank_hash, bank_last4, address_hash, updated_at) "
         "VALUES (?, '520102', ?, '1234', ?, 'x')",
         {person, blob(bank), blob(addr)});
  };
  using Holders = std::map<std::pair<std::string, std::string>, int64_t>;
  const std::string a = "616363742d61", b = "616363742d62", home = "686f6d65", flat = "666c6174";  // hex
  facts(1, "acct-a", "home");
  facts(2, "acct-a", "home");
  facts(3, "acct-b", "home");
  facts(4, nullptr, "flat");
  EXPECT_EQ(Consistent().fact_holders,
            (Holders{{{"bank", a}, 2}, {{"bank", b}, 1}, {{"address", home}, 3}, {{"address", flat}, 1}}));
  // One account changed; an address removed; a change of neither hash; an
  // account given where there was none.
  Exec("UPDATE person_payment_facts SET bank_hash = ?, updated_at = 'y' WHERE person_id = 2", {Blob{'a', 'c', 'c', 't', '-', 'b'}});
  Exec("UPDATE person_payment_facts SET address_hash = NULL WHERE person_id = 3");
  Exec("UPDATE person_payment_facts SET updated_at = 'z', bank_last4 = '9999' WHERE person_id = 1");
  Exec("UPDATE person_payment_facts SET bank_hash = ?, address_hash = ? WHERE person_id = 4",
       {Blob{'a', 'c', 'c', 't', '-', 'a'}, Blob{'h', 'o', 'm', 'e'}});
  EXPECT_EQ(Consistent().fact_holders,
            (Holders{{{"bank", a}, 2}, {{"bank", b}, 2}, {{"address", home}, 3}}));
  // Removed.
  Exec("DELETE FROM person_payment_facts WHERE person_id IN (1, 2)");
  EXPECT_EQ(Consistent().fact_holders, (Holders{{{"bank", a}, 1}, {{"bank", b}, 1}, {{"address", home}, 1}}));
  // The screen's lookup: hashes held by more than one person.
  facts(5, "acct-b", nullptr);
  auto many = db_->Query("SELECT kind, hash FROM supervision_fact_holders WHERE kind = ? AND holders > ?",
                         std::vector<Value>{Value{std::string("bank")}, Value{int64_t{1}}});
  ASSERT_TRUE(many) << many.error().message;
  ASSERT_EQ(many->size(), 1u);
  EXPECT_EQ((*many)[0].Bytes(1), (Blob{'a', 'c', 'c', 't', '-', 'b'}));
  // Spoiled, then rebuilt.
  const CounterSnapshot good = Consistent();
  Exec("UPDATE supervision_fact_holders SET holders = 7");
  ExpectSpoiledThenRebuilt(good);
}

// The cause tables of migration 1505: per (person, cause) the live claims
// and those matching any period (a contract cause's, period "once"), per
// (person, cause, period) a period cause's claims of one period. A monthly
// cause's claimant of two months counts one claim a period (nothing that
// can match); a planted second claim of the same month counts two. Kept
// by the sweep's fold, the triggers (withdrawn, a changed period, a row
// deleted) and a rebuild; a change of a rule's cause alone re-counts them.
TEST_P(CountersTest, CauseTablesCountWhatCanMatch) {
  auto rebuilt = SyncCauseRules(*db_, WithR10());
  ASSERT_TRUE(rebuilt) << rebuilt.error().message;
  EXPECT_TRUE(*rebuilt);
  for (int64_t p = 1; p <= 5; ++p) Person(p, "520102", "phone-" + std::to_string(p));
  Ent("R10", 1, "520102", 50000, 0, "2024-04");
  Ent("R6", 3, "520102", 30000, 0, "once");
  Consistent();
  // A sweep of May, with the fold: person 1's next month, person 2's May
  // twice (the second from another county, planted), person 3's transport
  // of 2024, person 4's two hiring subsidies and person 5's May twice in
  // one county (planted, under another key).
  auto decision = [](const std::string& rule, int64_t person, const std::string& county, const std::string& period) {
    policy::Decision d;
    d.rule = rule;
    d.title = rule;
    d.date = "2024-06-01";
    d.eligible = true;
    d.amount_fen = 10000;
    d.fund = policy::Fund::kEmploymentSubsidy;
    d.beneficiary = "P:" + std::to_string(person);
    d.person_id = person;
    d.period = period;
    d.county_code = county;
    d.once_key = rule + "|P:" + std::to_string(person) + "|" + county + "|" + period;
    return d;
  };
  auth::ManualClock clock(k20240615);
  policy::Ledger ledger(*db_, nullptr, clock);
  ProposalFold fold;
  auto again = decision("R10", 5, "520102", "2024-05");
  again.once_key += "|again";
  auto n = ledger.Propose({decision("R10", 1, "520102", "2024-05"), decision("R10", 2, "520102", "2024-05"),
                           decision("R7", 3, "520102", "2024"), decision("R2", 4, "520102", "once"),
                           decision("R3", 4, "520102", "2024"), decision("R10", 5, "520102", "2024-05"), again},
                          "sweeper", nullptr, &fold);
  ASSERT_TRUE(n) << n.error().message;
  n = ledger.Propose({decision("R10", 2, "520103", "2024-05")}, "sweeper", nullptr, &fold);
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(fold.folded(), 8);
  // Equal to a rebuild without a fold in between.
  auto held = ReadCounters(*db_);
  auto want = CountFromLedger(*db_);
  ASSERT_TRUE(held && want);
  EXPECT_EQ(held->cause_totals, want->cause_totals);
  EXPECT_EQ(held->cause_periods, want->cause_periods);
  EXPECT_TRUE(*held == *want);
  using Totals = std::map<std::tuple<std::string, int64_t, std::string>, std::pair<int64_t, int64_t>>;
  using Periods = std::map<std::tuple<std::string, int64_t, std::string, std::string>, int64_t>;
  const std::string flex = "flexible_insurance";
  EXPECT_EQ(held->cause_totals, (Totals{{{"520102", 1, flex}, {2, 0}},
                                        {{"520102", 2, flex}, {1, 0}},
                                        {{"520103", 2, flex}, {1, 0}},
                                        {{"520102", 3, "transport"}, {2, 1}},
                                        {{"520102", 4, "hiring"}, {2, 2}},
                                        {{"520102", 5, flex}, {2, 0}}}));
  EXPECT_EQ(held->cause_periods, (Periods{{{"520102", 1, flex, "2024-04"}, 1},
                                          {{"520102", 1, flex, "2024-05"}, 1},
                                          {{"520102", 2, flex, "2024-05"}, 1},
                                          {{"520103", 2, flex, "2024-05"}, 1},
                                          {{"520102", 3, "transport", "2024"}, 1},
                                          {{"520102", 5, flex, "2024-05"}, 2}}));
  // The persons that can hold a duplicate (the screen's question): in one
  // county by the partial indexes (3, 4, 5), across counties by the person
  // counters (2); not 1.
  auto many = db_->Query("SELECT person_id FROM supervision_cause_totals WHERE any_n > 0 AND n > 1 UNION SELECT "
                         "person_id FROM supervision_cause_periods WHERE n > 1 UNION SELECT person_id FROM "
                         "supervision_person_counts WHERE cause_n > 0 GROUP BY person_id HAVING COUNT(*) > 1 ORDER BY 1");
  ASSERT_TRUE(many) << many.error().message;
  std::vector<int64_t> ids;
  for (const auto& r : *many) ids.push_back(r.Int(0));
  EXPECT_EQ(ids, (std::vector<int64_t>{2, 3, 4, 5}));

  // Withdrawn; a period changed (April's claim moved to May); a row deleted.
  Exec("UPDATE policy_entitlements SET status = 'withdrawn' WHERE once_key = ?",
       {decision("R10", 2, "520103", "2024-05").once_key});
  Exec("UPDATE policy_entitlements SET period = '2024-05' WHERE once_key = 'R10|P:1|520102|2024-04'");
  Exec("DELETE FROM policy_entitlements WHERE once_key = ?", {decision("R2", 4, "520102", "once").once_key});
  auto c = Consistent();
  EXPECT_FALSE(c.cause_totals.contains({"520103", 2, flex}));
  EXPECT_EQ(c.cause_periods.at({"520102", 1, flex, "2024-05"}), 2);
  EXPECT_FALSE(c.cause_periods.contains({"520102", 1, flex, "2024-04"}));
  EXPECT_EQ(c.cause_totals.at({"520102", 4, "hiring"}), std::make_pair(int64_t{1}, int64_t{1}));
  // A payment moves no cause counter.
  Pay(again.once_key, k20240615);
  c = Consistent();
  EXPECT_EQ(c.cause_periods.at({"520102", 5, flex, "2024-05"}), 2);
  // Spoiled, then rebuilt.
  Exec("UPDATE supervision_cause_periods SET n = 5");
  Exec("DELETE FROM supervision_cause_totals WHERE person_id = 3");
  ExpectSpoiledThenRebuilt(c);
  // Only R10's spell changes (any period): only the cause tables are
  // counted again; the person counters stand.
  Exec("UPDATE supervision_person_counts SET live_n = 99 WHERE person_id = 3");
  auto changed = SyncCauseRules(*db_, WithR10(true));
  ASSERT_TRUE(changed);
  EXPECT_TRUE(*changed);
  auto after = ReadCounters(*db_);
  ASSERT_TRUE(after);
  EXPECT_EQ(std::get<1>(after->persons.at({"520102", 3})), 99);  // not rebuilt
  auto ledger_now = CountFromLedger(*db_);
  ASSERT_TRUE(ledger_now);
  EXPECT_EQ(after->cause_totals, ledger_now->cause_totals);
  EXPECT_EQ(after->cause_periods, ledger_now->cause_periods);
  EXPECT_EQ(after->cause_totals.at({"520102", 1, flex}), std::make_pair(int64_t{2}, int64_t{2}));
  EXPECT_FALSE(after->cause_periods.contains({"520102", 1, flex, "2024-05"}));
}

// Migration 1505 on a database the earlier migrations filled: the cause
// tables backfilled from the folded rows with every rule pooled into one
// cause matching any period (what "two claims of a cause" read before),
// rows above the watermark left to the fold; the first sync of the causes
// counts them by cause and period.
class CauseSpellsMigrationTest : public store::testing::StoreTest {};

TEST_P(CauseSpellsMigrationTest, BackfillPoolsUntilTheCausesAreSynced) {
  ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
  ASSERT_TRUE(store::ApplyMigrations(*db_, store::EmploymentMigrations()));
  ASSERT_TRUE(policy_services::PaymentBatches::Migrate(*db_));
  const auto all = SupervisionMigrations();
  ASSERT_EQ(all.back().version, 1505);
  ASSERT_TRUE(store::ApplyMigrations(*db_, all.first(all.size() - 1)));
  ASSERT_TRUE(db_->Exec("INSERT INTO supervision_cause_rules (rule) VALUES ('R6'), ('R7'), ('R10')"));
  auto ent = [&](const std::string& rule, int64_t person, const std::string& period) {
    auto r = db_->Exec(
        "INSERT INTO policy_entitlements (once_key, rule, title, beneficiary, person_id, employer_code, period, fund, "
        "county_code, amount_fen, loan, decided_on, explanation, status, created_at) VALUES (?, ?, ?, ?, ?, '', ?, "
        "'employment_subsidy', '520102', 1000, 0, '2024-06-01', '{}', 'proposed', 'x')",
        std::vector<Value>{rule + "|" + std::to_string(person) + "|" + period, rule, rule,
                           "P:" + std::to_string(person), person, period});
    ASSERT_TRUE(r) << r.error().message;
  };
  ent("R10", 1, "2024-04");
  ent("R10", 1, "2024-05");
  ent("R6", 2, "2024");
  ent("R7", 2, "2024");
  ent("R9", 3, "2024");  // no cause
  ASSERT_TRUE(db_->Exec("UPDATE supervision_counter_state SET value = (SELECT MAX(entitlement_id) FROM "
                        "policy_entitlements) WHERE name = 'entitlements'"));
  ent("R10", 4, "2024-05");  // above the watermark: the next fold's
  auto m = Supervisor::Migrate(*db_);
  ASSERT_TRUE(m) << m.error().message;
  auto held = ReadCounters(*db_);
  ASSERT_TRUE(held);
  using Totals = std::map<std::tuple<std::string, int64_t, std::string>, std::pair<int64_t, int64_t>>;
  EXPECT_EQ(held->cause_totals, (Totals{{{"520102", 1, ""}, {2, 2}}, {{"520102", 2, ""}, {2, 2}}}));
  EXPECT_TRUE(held->cause_periods.empty());
  // The causes: R10 monthly, R6/R7 transport.
  auto synced = SyncCauseRules(*db_, {{"R6", "transport", false}, {"R7", "transport", false},
                                      {"R10", "flexible_insurance", false}});
  ASSERT_TRUE(synced) << synced.error().message;
  EXPECT_TRUE(*synced);
  held = ReadCounters(*db_);
  ASSERT_TRUE(held);
  EXPECT_EQ(held->cause_totals,
            (Totals{{{"520102", 1, "flexible_insurance"}, {2, 0}}, {{"520102", 2, "transport"}, {2, 0}}}));
  EXPECT_EQ(held->cause_periods.size(), 3u);
  EXPECT_EQ(held->cause_periods.at({"520102", 2, "transport", "2024"}), 2);
  ASSERT_TRUE(FoldNewEntitlements(*db_));
  held = ReadCounters(*db_);
  auto want = CountFromLedger(*db_);
  ASSERT_TRUE(held && want);
  EXPECT_EQ(held->cause_totals, want->cause_totals);
  EXPECT_EQ(held->cause_periods, want->cause_periods);
  EXPECT_EQ(held->cause_totals.at({"520102", 4, "flexible_insurance"}), std::make_pair(int64_t{1}, int64_t{0}));
}

QJY_INSTANTIATE_STORE_TEST(CauseSpellsMigrationTest);

QJY_INSTANTIATE_STORE_TEST(CountersTest);

}  // namespace
}  // namespace qjy::supervision
