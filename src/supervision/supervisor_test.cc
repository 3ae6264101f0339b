// Fund supervision on the store (SQLite and PostgreSQL): each cross-check
// finds its planted case and leaves its innocent look-alike alone; holds
// stop payment until released; recoveries post their own ledger entries.
#include "supervision/supervisor.h"

#include <gtest/gtest.h>

#include "policy/ledger.h"
#include "policy_services/payment_batch.h"
#include "store/employment_schema.h"
#include "store/payment_facts_store.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"
#include "supervision/counters.h"
#include "supervision/status_facts.h"

namespace qjy::supervision {
namespace {

using store::Value;

constexpr int64_t kSupervisor20240615 = 1718409600;  // 2024-06-15T00:00:00Z
constexpr char kEmpA[] = "91520102MA6DKAAAA1";
constexpr char kEmpB[] = "91520102MA6DKBBBB2";
constexpr char kEmpC[] = "91520102MA6DKCCCC3";
constexpr char kEmpD[] = "91520102MA6DKDDDD4";

class SupervisorTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::EmploymentMigrations()));
    auto m = Supervisor::Migrate(*db_);
    ASSERT_TRUE(m) << m.error().message;
    auto c = LoadSupervisionConfig(DefaultSupervisionDir());
    ASSERT_TRUE(c) << c.error().message;
    config_ = std::make_unique<SupervisionConfig>(std::move(*c));
    sup_ = std::make_unique<Supervisor>(*db_, *config_, nullptr, clock_);
    for (const char* e : {kEmpA, kEmpB, kEmpC, kEmpD}) {
      ASSERT_TRUE(db_->Exec("INSERT INTO employers (county_code, credit_code, name, type, size, region, "
                            "insured_headcount, key_enterprise, created_at, updated_at) VALUES ('520102', ?, ?, "
                            "'enterprise', 'small', '520102', 10, 0, 'x', 'x')",
                            std::vector<Value>{std::string(e), std::string("单位") + e}));
    }
  }

  void Person(int64_t id, const std::string& county = "520102", const std::string& phone = "") {
    Blob idh(8, static_cast<uint8_t>(id));
    Value ph = phone.empty() ? Value{} : Value{Blob(phone.begin(), phone.end())};
    auto r = db_->Exec(
        "INSERT INTO persons (person_id, county_code, id_hash, id_enc, id_masked, name, sex, birth_date, ethnicity, "
        "phone_hash, phone_masked, hukou_region, residence_region, work_region, insured_region, education, skills, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, '5201**', '某某', 'M', '1990-01-01', '01', ?, '', ?, ?, ?, ?, "
        "'bachelor', '[]', 'x', 'x')",
        std::vector<Value>{id, county, idh, idh, ph, county, county, county, county});
    ASSERT_TRUE(r) << r.error().message;
  }
  void Contract(int64_t person, const std::string& emp, const std::string& from, const std::string& to = "") {
    Value end = to.empty() ? Value{} : Value{to};
    auto r = db_->Exec(
        "INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on, "
        "social_insurance_months, flexible, new_form, work_region, created_at, "
        "updated_at) VALUES ('520102', ?, ?, ?, ?, 0, 0, 0, '520102', 'x', 'x')",
        std::vector<Value>{person, emp, from, end});
    ASSERT_TRUE(r) << r.error().message;
  }
  void Contribution(int64_t person, const std::string& emp, const std::string& month) {
    ASSERT_TRUE(db_->Exec("INSERT INTO contributions (county_code, person_id, employer_credit_code, month, kinds, "
                          "base_fen, created_at, updated_at) VALUES ('520102', ?, ?, ?, 15, 400000, 'x', 'x')",
                          std::vector<Value>{person, emp, month}));
  }
  // A proposed entitlement (as a sweep lists it).
  std::string Ent(const std::string& rule, int64_t person, const std::string& emp, const std::string& period = "once",
                  const std::string& county = "520102", int64_t amount = 100000,
                  const std::string& decided_on = "2024-06-01") {
    const std::string beneficiary = emp.empty() ? "P:" + std::to_string(person) : "E:" + emp;
    const std::string key = rule + "|" + beneficiary + "|" + std::to_string(person) + "|" + period;
    auto r = db_->Exec(
        "INSERT INTO policy_entitlements (once_key, rule, title, beneficiary, person_id, employer_code, period, fund, "
        "county_code, amount_fen, loan, decided_on, explanation, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
        "'employment_subsidy', ?, ?, 0, ?, '{}', 'proposed', 'x')",
        std::vector<Value>{key, rule, rule, beneficiary, person, emp, period, county, amount, decided_on});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return key;
  }
  // A proposed entitlement of a person under its own once-only key (a
  // second claim the engine's keys would not give: raw SQL, an import).
  std::string Raw(const std::string& key, const std::string& rule, int64_t person, const std::string& period,
                  const std::string& county) {
    auto r = db_->Exec(
        "INSERT INTO policy_entitlements (once_key, rule, title, beneficiary, person_id, employer_code, period, fund, "
        "county_code, amount_fen, loan, decided_on, explanation, status, created_at) VALUES (?, ?, ?, ?, ?, '', ?, "
        "'employment_subsidy', ?, 20000, 0, '2024-06-01', '{}', 'proposed', 'x')",
        std::vector<Value>{key, rule, rule, "P:" + std::to_string(person), person, period, county});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return key;
  }
  // Pays `key` on `day` (the ledger's single-payment path).
  void Pay(const std::string& key, int64_t at) {
    clock_.Set(at);
    policy::Ledger ledger(*db_, nullptr, clock_);
    auto r = ledger.Approve(key, "payer");
    ASSERT_TRUE(r) << r.error().message;
    clock_.Set(kSupervisor20240615);
  }
  std::string Status(const std::string& key) {
    auto r = db_->Query("SELECT status FROM policy_entitlements WHERE once_key = ?", std::vector<Value>{key});
    return r && !r->empty() ? r->front().Text(0) : "?";
  }
  std::vector<HoldRow> HoldsOf(const std::string& key) {
    auto q = sup_->Queue("", "", "", 1000);
    EXPECT_TRUE(q);
    std::vector<HoldRow> out;
    for (auto& h : *q) {
      if (h.once_key == key) out.push_back(h);
    }
    return out;
  }
  // Approves payment batch `batch_id` as the payment API does: fund
  // supervision screens it before it pays.
  auto ApproveScreened(policy_services::PaymentBatches& batches, int64_t batch_id) {
    return batches.Approve(batch_id, "approver", "52", 0, [&](int64_t id) -> Result<void> {
      auto r = sup_->ScreenBatch(id, "approver");
      if (!r) return std::unexpected(r.error());
      return {};
    });
  }
  ScreenReport Sweep() {
    auto r = sup_->ScreenSweep("52", "officer");
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : ScreenReport{};
  }

  // Every kind of planted case and its look-alikes, in counties 520102 and
  // 520103, for the screens to agree on.
  void PlantScreenCases() {
    for (int64_t p = 100; p < 130; ++p) Person(p, p < 125 ? "520102" : "520103", p >= 110 && p < 115 ? "shared" : "");
    Person(130, "520102", "fam");
    Person(131, "520102", "fam");
    // Duplicate hiring (overlap) and its look-alike (handover day).
    Contract(100, kEmpA, "2024-01-01", "2024-12-31");
    Contract(100, kEmpB, "2024-03-01");
    Contract(101, kEmpA, "2023-07-01", "2024-01-31");
    Contract(101, kEmpB, "2024-01-31");
    Ent("R2", 100, kEmpA);
    Ent("R3", 100, kEmpB);
    Ent("R2", 101, kEmpA);
    Ent("R2", 101, kEmpB);
    // Transport twice in one year (one paid), once in another county; startup once.
    const std::string t1 = Ent("R6", 102, "", "2024");
    Pay(t1, kSupervisor20240615 - 86400 * 40);
    Ent("R7", 102, "", "2024", "520103");
    Ent("R6", 103, "", "2023");
    Ent("R7", 103, "", "2024");
    Ent("R12", 104, "", "once");
    // Ghost hire and an insured one; circular hiring.
    Contract(105, kEmpC, "2024-01-01");
    Contribution(105, kEmpD, "2024-02");
    Ent("R2", 105, kEmpC);
    Contract(106, kEmpD, "2024-01-01");
    Contribution(106, kEmpD, "2024-02");
    Ent("R2", 106, kEmpD);
    Contract(107, kEmpA, "2023-07-01", "2023-10-31");
    Contract(107, kEmpB, "2023-11-01", "2024-02-29");
    Contract(107, kEmpC, "2024-03-01");
    for (const char* e : {kEmpA, kEmpB, kEmpC}) Ent("R2", 107, e);
    // Status facts: a death before payment, one after; a deregistered employer.
    Ent("R6", 108, "", "2024");
    Ent("R6", 109, "", "2024");
    Contract(120, kEmpD, "2024-01-01");
    Ent("R4", 120, kEmpD);
    const std::string csv =
        "类型,编号,情形,开始日期,结束日期,县区代码,来源\n人员,108,死亡,2024-03-01,,520102,民政\n"
        "人员,109,死亡,2024-12-01,,520102,民政\n单位," + std::string(kEmpD) + ",注销,2024-05-01,,520102,市场监管\n";
    ASSERT_TRUE(ImportStatusFacts(*db_, csv, "5201", "officer", "2024-06-15T00:00:00Z"));
    // Five sharing a phone (one paid, one in a non-cause rule), a family of two.
    for (int64_t p = 110; p < 115; ++p) {
      const std::string k = Ent(p == 114 ? "R8" : "R6", p, "", "2024");
      if (p == 110) Pay(k, kSupervisor20240615 - 86400 * 10);
    }
    Ent("R6", 130, "", "2024");
    Ent("R9", 131, "", "2024");
    // An officer's own ID number on a beneficiary; withdrawn claims are nothing.
    ASSERT_TRUE(db_->Exec("INSERT INTO supervision_officer_hashes (county_code, username, kind, hash, recorded_by, "
                          "recorded_at) VALUES ('520102', 'clerk1', 'id_number', ?, 'admin', 'x')",
                          std::vector<Value>{Blob(8, 121)}));
    const std::string fam = "fam";
    ASSERT_TRUE(db_->Exec("INSERT INTO supervision_officer_hashes (county_code, username, kind, hash, recorded_by, "
                          "recorded_at) VALUES ('520102', 'clerk2', 'phone', ?, 'admin', 'x')",
                          std::vector<Value>{Blob(fam.begin(), fam.end())}));
    Ent("R9", 121, "", "2024");
    const std::string w = Ent("R6", 122, "", "2024");
    Ent("R7", 122, "", "2024");
    ASSERT_TRUE(db_->Exec("UPDATE policy_entitlements SET status = 'withdrawn' WHERE once_key = ?", std::vector<Value>{w}));
    for (int64_t p = 125; p < 130; ++p) Ent("R10", p, "", "2024-05", "520103");
    // 灵活就业社会保险补贴 (a cause by month): a claimant's other month, and a
    // second claim of one month (another key, another county).
    Ent("R10", 126, "", "2024-04", "520103");
    Raw("R10|P:127|127|2024-05|520102", "R10", 127, "2024-05", "520102");
    // Payment facts: one account for 115..117, one address for six (115..119,
    // 123), the family 130/131 at another; 118 and 119 accounts of their own.
    for (int64_t p : {115, 116, 117, 118, 119, 123, 130, 131}) {
      const std::string bank = p <= 117 ? "acct-shared" : "acct-" + std::to_string(p);
      const std::string addr = p == 130 || p == 131 ? "addr-fam" : "addr-shared";
      ASSERT_TRUE(db_->Exec("INSERT INTO person_payment_facts (person_id, county_code, bank_hash, bank_last4, "
                            "address_hash, updated_at) VALUES (?, '520102', ?, '1234', ?, 'x')",
                            std::vector<Value>{p, Blob(bank.begin(), bank.end()), Blob(addr.begin(), addr.end())}));
      if (p != 130 && p != 131) Ent("R9", p, "", "2024");
    }
  }

  auth::ManualClock clock_{kSupervisor20240615};
  std::unique_ptr<SupervisionConfig> config_;
  std::unique_ptr<Supervisor> sup_;
};

// (a) Two employers each claim a hiring subsidy for one person whose
// contracts overlap: held. The look-alike, hired by B the day A's contract
// ended (no overlap), is not.
TEST_P(SupervisorTest, DuplicateHiringSubsidyOverlappingHeldNonOverlappingNot) {
  Person(1);
  Person(2);
  Contract(1, kEmpA, "2024-01-01", "2024-12-31");
  Contract(1, kEmpB, "2024-03-01");
  Contract(2, kEmpA, "2023-07-01", "2024-01-31");
  Contract(2, kEmpB, "2024-01-31");
  const std::string a1 = Ent("R2", 1, kEmpA), b1 = Ent("R3", 1, kEmpB);
  const std::string a2 = Ent("R2", 2, kEmpA), b2 = Ent("R2", 2, kEmpB);
  Pay(a1, kSupervisor20240615 - 86400 * 30);
  Pay(a2, kSupervisor20240615 - 86400 * 30);
  auto rep = Sweep();
  EXPECT_EQ(Status(b1), "held");
  auto holds = HoldsOf(b1);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].check, kDuplicatePaid);  // a1 is paid
  EXPECT_NE(holds[0].summary.find("合同期间重叠"), std::string::npos) << holds[0].summary;
  EXPECT_NE(holds[0].summary.find("享受"), std::string::npos) << holds[0].summary;
  EXPECT_EQ(holds[0].evidence["others"][0]["once_key"], a1);
  EXPECT_EQ(Status(b2), "proposed");
  EXPECT_TRUE(HoldsOf(b2).empty());
  EXPECT_TRUE(HoldsOf(a1).empty());  // the first payment is evidence, not suspect
  EXPECT_EQ(rep.held, 1);
  EXPECT_EQ(rep.held_fen, 100000);
  // A second sweep raises nothing new.
  EXPECT_EQ(Sweep().new_holds, 0);
}

// (a) Two unpaid hiring subsidies of one hire, both held and both released
// by a supervisor: paying the first holds the second again (its counterpart
// is now paid) before a batch can pay it. The evidence of an unpaid
// counterpart says so, and two open-ended contracts give a date, not a
// count of days to the end of time.
TEST_P(SupervisorTest, ReleasedDuplicateHeldAgainOnceItsCounterpartIsPaid) {
  Person(5);
  Contract(5, kEmpA, "2024-03-01");
  Contract(5, kEmpB, "2024-04-01");
  const std::string first = Ent("R4", 5, kEmpA), second = Ent("R5", 5, kEmpB);
  Sweep();
  ASSERT_EQ(Status(first), "held");
  ASSERT_EQ(Status(second), "held");
  for (const std::string& key : {first, second}) {
    auto holds = HoldsOf(key);
    ASSERT_EQ(holds.size(), 1u) << key;
    EXPECT_EQ(holds[0].check, kDuplicateCause);
    EXPECT_NE(holds[0].summary.find("申领（尚未支付）"), std::string::npos) << holds[0].summary;
    EXPECT_EQ(holds[0].summary.find("享受，"), std::string::npos) << holds[0].summary;
    EXPECT_NE(holds[0].summary.find("两份合同均未终止，自 2024-04-01 起重叠"), std::string::npos) << holds[0].summary;
    EXPECT_EQ(holds[0].evidence["others"][0]["overlap_open"], true);
    EXPECT_LT(holds[0].evidence["others"][0]["overlap_days"].get<int64_t>(), 100);  // 2024-04-01 .. 06-15
    ASSERT_TRUE(sup_->Release(holds[0].hold_id, "52", "supervisor", "两单位均称已招用，待核实"));
  }
  ASSERT_EQ(Status(first), "proposed");
  ASSERT_EQ(Status(second), "proposed");
  // Released pairs are not raised again while neither is paid.
  EXPECT_EQ(Sweep().new_holds, 0);
  Pay(first, kSupervisor20240615 - 86400);
  // The next batch with the second is screened before it pays: held again.
  policy_services::PaymentBatches batches(*db_, nullptr, clock_);
  policy_services::BatchSelection sel;
  sel.all = true;
  auto b = batches.Submit(sel, "clerk", "52");
  ASSERT_TRUE(b) << b.error().message;
  auto out = ApproveScreened(batches, b->batch_id);
  ASSERT_TRUE(out) << out.error().message;
  ASSERT_EQ(out->held.size(), 1u);
  EXPECT_EQ(out->held[0], second);
  EXPECT_EQ(Status(second), "held");
  EXPECT_EQ(Status(first), "paid");
  bool again = false;
  for (const auto& h : HoldsOf(second)) {
    if (h.check != kDuplicatePaid) continue;
    again = true;
    EXPECT_EQ(h.status, "held");
    EXPECT_NE(h.summary.find("已由“一次性吸纳就业补贴"), std::string::npos) << h.summary;
    EXPECT_EQ(h.summary.find("R4"), std::string::npos) << h.summary;
    EXPECT_NE(h.summary.find("）享受"), std::string::npos) << h.summary;
  }
  EXPECT_TRUE(again);
  // Why it is stopped, as the review list shows it: the hold in the
  // entitlement's own state; none for the paid one.
  auto why = Supervisor::StoppingHolds(*db_, {{"520102", second}, {"520102", first}, {"520103", second}});
  ASSERT_TRUE(why) << why.error().message;
  ASSERT_EQ(why->size(), 1u);
  EXPECT_EQ(why->at(second).check, kDuplicatePaid);
  EXPECT_EQ(why->at(second).status, "held");
}

// (a) Transport subsidies of two rules for one person and year.
TEST_P(SupervisorTest, DuplicatePeriodAcrossRulesAndCountiesHeldOtherYearNot) {
  Person(3);
  Person(4);
  Ent("R6", 3, "", "2024", "520102");
  const std::string other = Ent("R7", 3, "", "2024", "520103");
  Ent("R6", 4, "", "2023", "520102");
  const std::string next_year = Ent("R7", 4, "", "2024", "520103");
  Sweep();
  EXPECT_EQ(Status(other), "held");
  EXPECT_EQ(Status(next_year), "proposed");
}

// (a) 灵活就业社会保险补贴 (R10, a cause by month): a second claim of the
// month already paid is held, from another county and from the same one
// (another key); a claim of the next month after a paid one is not, and
// its claimant's claims are not even loaded (the cause tables of migration
// 1505 count per month: nothing of theirs can match). The counters equal
// a rebuild after the screen.
TEST_P(SupervisorTest, MonthlyCauseSameMonthHeldNextMonthNotLoaded) {
  Person(5);
  Person(6, "520103");
  const std::string paid = Ent("R10", 5, "", "2024-05");
  Pay(paid, kSupervisor20240615 - 86400 * 20);
  const std::string dup = Raw("R10|P:5|5|2024-05|520103", "R10", 5, "2024-05", "520103");
  Pay(Ent("R10", 6, "", "2024-04", "520103"), kSupervisor20240615 - 86400 * 50);
  const std::string next = Ent("R10", 6, "", "2024-05", "520103");
  Person(7);
  Pay(Ent("R10", 7, "", "2024-05"), kSupervisor20240615 - 86400 * 20);
  const std::string same_county = Raw("R10|P:7|7|2024-05|again", "R10", 7, "2024-05", "520102");
  auto rep = Sweep();
  EXPECT_EQ(Status(same_county), "held");
  EXPECT_EQ(Status(dup), "held");
  auto holds = HoldsOf(dup);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].check, kDuplicatePaid);
  EXPECT_NE(holds[0].summary.find("期间 2024-05"), std::string::npos) << holds[0].summary;
  EXPECT_EQ(holds[0].evidence["others"][0]["once_key"], paid);
  EXPECT_EQ(Status(next), "proposed");
  EXPECT_TRUE(HoldsOf(next).empty());
  EXPECT_EQ(rep.held, 2);
  EXPECT_EQ(rep.claims_loaded, 4);  // persons 5's and 7's two; none of person 6's
  auto counted = CountFromLedger(*db_);
  auto counters = ReadCounters(*db_);
  ASSERT_TRUE(counted && counters);
  EXPECT_TRUE(*counters == *counted);
  EXPECT_EQ(counters->cause_totals.at({"520103", 6, "flexible_insurance"}), std::make_pair(int64_t{2}, int64_t{0}));
  // The whole-table path, which reads every claim, holds the same.
  ASSERT_TRUE(db_->Exec("DELETE FROM supervision_holds"));
  ASSERT_TRUE(db_->Exec("UPDATE policy_entitlements SET status = 'proposed' WHERE status = 'held'"));
  sup_->set_whole_table(true);
  auto whole = Sweep();
  EXPECT_EQ(whole.held, 2);
  EXPECT_EQ(Status(dup), "held");
  EXPECT_EQ(Status(next), "proposed");
  EXPECT_GT(whole.claims_loaded, rep.claims_loaded);
}

// (b) A death before the payment day holds the payment; a death after a
// payment already made is not a hit; a payment made after a death is kept
// for recovery; a prison term that ended is not a hit; a deregistered
// employer is.
TEST_P(SupervisorTest, StatusAtPaymentDayPlantedAndLookAlikes) {
  for (int64_t p : {5, 6, 7, 8}) Person(p);
  const std::string dead = Ent("R6", 5, "", "2024");
  const std::string paid_before_death = Ent("R6", 6, "", "2024");
  const std::string paid_after_death = Ent("R6", 7, "", "2024");
  const std::string released_prisoner = Ent("R6", 8, "", "2024");
  const std::string dereg = Ent("R1", 0, kEmpC, "2024");
  Pay(paid_before_death, 1704844800);  // 2024-01-10
  Pay(paid_after_death, 1710028800);   // 2024-03-10
  const std::string csv =
      "类型,编号,情形,开始日期,结束日期,县区代码,来源\n"
      "人员,5,死亡,2024-05-01,,520102,民政部门死亡登记\n"
      "人员,6,死亡,2024-02-01,,520102,民政部门死亡登记\n"
      "人员,7,死亡,2024-03-01,,520102,民政部门死亡登记\n"
      "人员,8,服刑,2022-01-01,2024-01-31,520102,司法行政部门\n"
      "单位," + std::string(kEmpC) + ",注销,2024-04-01,,520102,市场监管部门\n";
  auto imp = ImportStatusFacts(*db_, csv, "5201", "officer", "2024-06-15T00:00:00Z");
  ASSERT_TRUE(imp) << imp.error().message;
  ASSERT_TRUE(imp->errors.empty()) << imp->errors[0].message;
  EXPECT_EQ(imp->written, 5);
  Sweep();
  EXPECT_EQ(Status(dead), "held");
  ASSERT_EQ(HoldsOf(dead).size(), 1u);
  EXPECT_EQ(HoldsOf(dead)[0].check, kPersonStatus);
  EXPECT_TRUE(HoldsOf(paid_before_death).empty());
  auto after = HoldsOf(paid_after_death);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_TRUE(after[0].was_paid);
  EXPECT_EQ(Status(paid_after_death), "paid");
  EXPECT_EQ(Status(released_prisoner), "proposed");
  EXPECT_EQ(Status(dereg), "held");
  EXPECT_EQ(HoldsOf(dereg)[0].check, kEmployerDeregistered);
}

TEST_P(SupervisorTest, FactsFileWithBadRowsWritesNothingAndNamesEachRow) {
  const std::string csv =
      "类型,编号,情形,开始日期,结束日期,县区代码,来源\n"
      "人员,5,死亡,2024-05-01,,520102,民政部门\n"
      "人员,abc,失踪,2024-13-01,,520102,民政部门\n"
      "单位,123,死亡,2024-01-01,,530102,\n";
  auto imp = ImportStatusFacts(*db_, csv, "5201", "officer", "2024-06-15T00:00:00Z");
  ASSERT_TRUE(imp);
  EXPECT_EQ(imp->written, 0);
  ASSERT_GE(imp->errors.size(), 5u);
  EXPECT_NE(imp->errors[0].message.find("第3行"), std::string::npos) << imp->errors[0].message;
  std::string all;
  for (const auto& e : imp->errors) all += e.message + "\n";
  EXPECT_NE(all.find("情形“失踪”无效"), std::string::npos) << all;
  EXPECT_NE(all.find("开始日期“2024-13-01”"), std::string::npos) << all;
  EXPECT_NE(all.find("第4行：编号“123”不是18位统一社会信用代码"), std::string::npos) << all;
  EXPECT_NE(all.find("超出本账号管辖区域"), std::string::npos) << all;
  EXPECT_NE(all.find("来源不能为空"), std::string::npos) << all;
  auto n = db_->Query("SELECT COUNT(*) FROM supervision_status_facts");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->front().Int(0), 0);
}

// (c) A batch that would exceed the county's remaining budget is held with
// the shortfall; another county's batch within its budget pays.
TEST_P(SupervisorTest, BatchOverBudgetHeldWithShortfallWithinBudgetPaid) {
  for (int64_t p : {10, 11, 12}) Person(p);
  Pay(Ent("R6", 10, "", "2024", "520102", 60000), kSupervisor20240615 - 86400);
  const std::string over = Ent("R6", 11, "", "2024", "520102", 50000);
  const std::string within = Ent("R6", 12, "", "2024", "520103", 50000);
  ASSERT_TRUE(sup_->SetBudget("520102", "employment_subsidy", 2024, 100000, "prov", "52"));
  ASSERT_TRUE(sup_->SetBudget("520103", "employment_subsidy", 2024, 100000, "prov", "52"));
  auto denied = sup_->SetBudget("520102", "employment_subsidy", 2024, 1, "county", "520102");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  policy_services::PaymentBatches batches(*db_, nullptr, clock_);
  policy_services::BatchSelection sel;
  sel.all = true;
  auto b = batches.Submit(sel, "clerk", "52");
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->count, 2);
  auto out = ApproveScreened(batches, b->batch_id);
  ASSERT_TRUE(out) << out.error().message;
  ASSERT_EQ(out->held.size(), 1u);
  EXPECT_EQ(out->held[0], over);
  EXPECT_EQ(out->held_fen, 50000);
  EXPECT_EQ(out->batch.count, 1);
  EXPECT_EQ(out->batch.subsidy_fen, 50000);
  EXPECT_EQ(Status(over), "held");
  EXPECT_EQ(Status(within), "paid");
  auto holds = HoldsOf(over);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].check, kBudget);
  EXPECT_EQ(holds[0].batch_id, b->batch_id);
  EXPECT_EQ(holds[0].evidence["shortfall_fen"], 10000);
  EXPECT_NE(holds[0].summary.find("缺口 100.00元"), std::string::npos) << holds[0].summary;

  // Released (the budget was raised): proposed again, pays in a new batch.
  ASSERT_FALSE(sup_->Release(holds[0].hold_id, "52", "supervisor", " "));
  auto rel = sup_->Release(holds[0].hold_id, "52", "supervisor", "已追加预算");
  ASSERT_TRUE(rel) << rel.error().message;
  EXPECT_EQ(rel->status, "released");
  EXPECT_EQ(Status(over), "proposed");
  auto b2 = batches.Submit(sel, "clerk", "52");
  ASSERT_TRUE(b2) << b2.error().message;
  ASSERT_TRUE(sup_->SetBudget("520102", "employment_subsidy", 2024, 200000, "prov", "52"));
  auto out2 = ApproveScreened(batches, b2->batch_id);
  ASSERT_TRUE(out2) << out2.error().message;
  EXPECT_TRUE(out2->held.empty());
  EXPECT_EQ(Status(over), "paid");
}

// The budgets page opens on the data's year, not the server's calendar
// year: the latest policy decision's year, or a later budget's year.
TEST_P(SupervisorTest, DataYearIsTheLatestDecisionOrBudgetYearInScope) {
  auto none = sup_->DataYear("52");
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_FALSE(none->has_value());
  Ent("R6", 10, "", "2023", "520102", 60000, "2023-11-30");
  Ent("R6", 11, "", "2022", "520303", 60000, "2025-03-01");
  EXPECT_EQ(sup_->DataYear("52").value(), 2025);
  EXPECT_EQ(sup_->DataYear("5201").value(), 2023);  // the other county is outside
  ASSERT_TRUE(sup_->SetBudget("520102", "employment_subsidy", 2024, 100000, "prov", "52"));
  EXPECT_EQ(sup_->DataYear("5201").value(), 2024);
  EXPECT_EQ(sup_->DataYear("52").value(), 2025);
}

// A held entitlement put in a batch by key is left out; the ledger refuses
// to pay it directly.
TEST_P(SupervisorTest, HeldEntitlementNeverPaidUntilReleased) {
  Person(20);
  Person(21);
  Ent("R6", 20, "", "2024");
  const std::string dup = Ent("R7", 20, "", "2024", "520103");
  Sweep();
  ASSERT_EQ(Status(dup), "held");
  policy::Ledger ledger(*db_, nullptr, clock_);
  auto direct = ledger.Approve(dup, "x");
  ASSERT_FALSE(direct);
  EXPECT_NE(direct.error().message.find("暂停支付"), std::string::npos);
  policy_services::PaymentBatches batches(*db_, nullptr, clock_);
  policy_services::BatchSelection sel;
  sel.once_keys = {dup};
  auto b = batches.Submit(sel, "clerk", "52");
  EXPECT_FALSE(b);  // nothing proposed to submit
}

// Confirming a paid entitlement improper posts the amount due; recoveries
// are their own ledger entries; the ledger still reconciles; the report
// per county shows held, released and recovered.
TEST_P(SupervisorTest, ConfirmImproperOnPaidPostsRecoveryEntriesAndReport) {
  Person(30);
  Person(31);
  const std::string paid = Ent("R6", 30, "", "2024", "520102", 80000);
  Pay(paid, 1710028800);  // 2024-03-10
  const std::string unpaid = Ent("R6", 31, "", "2024", "520102", 20000);
  auto imp = ImportStatusFacts(*db_,
                               "类型,编号,情形,开始日期,结束日期,县区代码,来源\n"
                               "人员,30,死亡,2024-03-01,,520102,民政\n"
                               "人员,31,出境定居,2024-01-01,,520102,公安\n",
                               "52", "officer", "2024-06-15T00:00:00Z");
  ASSERT_TRUE(imp && imp->errors.empty());
  Sweep();
  const HoldRow hp = HoldsOf(paid).at(0);
  const HoldRow hu = HoldsOf(unpaid).at(0);
  auto bad = sup_->ConfirmImproper(hp.hold_id, "5201", "supervisor", "死亡后支付，已核实");
  ASSERT_TRUE(bad) << bad.error().message;
  EXPECT_EQ(bad->due_fen, 80000);
  auto out_of_scope = sup_->ConfirmImproper(hu.hold_id, "5202", "supervisor", "x");
  ASSERT_FALSE(out_of_scope);
  EXPECT_EQ(out_of_scope.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(sup_->ConfirmImproper(hu.hold_id, "52", "supervisor", "出境定居"));
  EXPECT_EQ(Status(unpaid), "improper");
  EXPECT_FALSE(sup_->RecordRecovery(hp.hold_id, "52", 90000, "R-1", "s"));  // more than due
  auto got = sup_->RecordRecovery(hp.hold_id, "52", 50000, "R-1", "s");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->recovered_fen, 50000);
  ASSERT_TRUE(sup_->RecordRecovery(hp.hold_id, "52", 50000, "R-1", "s"));  // retry: nothing new
  auto conflict = sup_->RecordRecovery(hp.hold_id, "52", 10000, "R-1", "s");
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
  auto entries = db_->Query(
      "SELECT account, debit_fen, credit_fen FROM ledger_entries WHERE txn LIKE 'sup:%' ORDER BY entry_id");
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 4u);
  EXPECT_EQ((*entries)[0].Text(0), "应收追回款:employment_subsidy");
  EXPECT_EQ((*entries)[0].Int(1), 80000);
  EXPECT_EQ((*entries)[2].Text(0), "资金专户:employment_subsidy");
  EXPECT_EQ((*entries)[2].Int(1), 50000);
  policy::Ledger ledger(*db_, nullptr, clock_);
  auto check = ledger.Check();
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->ok()) << check->problems[0].what;
  auto rep = sup_->Report("52");
  ASSERT_TRUE(rep);
  ASSERT_EQ(rep->size(), 1u);
  EXPECT_EQ((*rep)[0].improper_count, 2);
  EXPECT_EQ((*rep)[0].improper_fen, 100000);
  EXPECT_EQ((*rep)[0].due_fen, 80000);
  EXPECT_EQ((*rep)[0].recovered_fen, 50000);
}

// (e) A hiring subsidy for a contract the employer never paid insurance
// for (the employer's contributions are on record for others) is held;
// one with a contribution month is not; one whose data covers neither
// person nor employer is not judged.
TEST_P(SupervisorTest, GhostHireHeldInsuredHireNotUnknownNotJudged) {
  for (int64_t p : {40, 41, 42, 43}) Person(p);
  Contract(40, kEmpA, "2024-01-01");
  Contract(41, kEmpA, "2024-01-01");
  Contract(43, kEmpD, "2024-01-01");
  Contribution(41, kEmpA, "2024-02");
  Contribution(42, kEmpA, "2024-02");
  const std::string ghost = Ent("R2", 40, kEmpA), real = Ent("R2", 41, kEmpA), unknown = Ent("R2", 43, kEmpD);
  Sweep();
  EXPECT_EQ(Status(ghost), "held");
  EXPECT_EQ(HoldsOf(ghost).at(0).check, kGhostHire);
  EXPECT_EQ(Status(real), "proposed");
  EXPECT_EQ(Status(unknown), "proposed");
}

// (e) Circular hiring: three employers' hiring subsidies for one person
// within 24 months; two (a change of job) is fine.
TEST_P(SupervisorTest, CircularHiringHeldTwoHiresNot) {
  Person(50);
  Person(51);
  Contract(50, kEmpA, "2023-07-01", "2023-10-31");
  Contract(50, kEmpB, "2023-11-01", "2024-02-29");
  Contract(50, kEmpC, "2024-03-01");
  Contract(51, kEmpA, "2023-07-01", "2023-12-31");
  Contract(51, kEmpB, "2024-01-01");
  for (const char* e : {kEmpA, kEmpB, kEmpC}) Contribution(50, e, e == kEmpA ? "2023-08" : e == kEmpB ? "2023-12" : "2024-04");
  Contribution(51, kEmpA, "2023-08");
  Contribution(51, kEmpB, "2024-02");
  const std::string third = Ent("R2", 50, kEmpC);
  Ent("R2", 50, kEmpA);
  Ent("R2", 50, kEmpB);
  const std::string second = Ent("R2", 51, kEmpB);
  Sweep();
  EXPECT_EQ(Status(third), "held");
  bool circular = false;
  for (const auto& h : HoldsOf(third)) circular |= h.check == kCircularHire;
  EXPECT_TRUE(circular);
  EXPECT_EQ(Status(second), "proposed");
}

// (d) One phone shared by four beneficiaries (more than 3): held, and the
// evidence shows only a hash prefix; three sharing a phone are not.
TEST_P(SupervisorTest, SharedPhoneHeldFamilyPhoneNot) {
  for (int64_t p : {60, 61, 62, 63}) Person(p, "520102", "phone-many");
  for (int64_t p : {70, 71, 72}) Person(p, "520102", "phone-family");
  std::vector<std::string> many, family;
  for (int64_t p : {60, 61, 62, 63}) many.push_back(Ent("R6", p, "", "2024"));
  for (int64_t p : {70, 71, 72}) family.push_back(Ent("R6", p, "", "2024"));
  Sweep();
  for (const auto& k : many) EXPECT_EQ(Status(k), "held") << k;
  for (const auto& k : family) EXPECT_EQ(Status(k), "proposed") << k;
  const std::string shown = HoldsOf(many[0]).at(0).evidence.dump();
  EXPECT_EQ(shown.find("phone-many"), std::string::npos);
}

// (d) An officer's own identity hash matching a beneficiary: conflict of
// interest; another beneficiary is not.
TEST_P(SupervisorTest, OfficerIdentityMatchesBeneficiaryHeld) {
  Person(80);
  Person(81);
  ASSERT_TRUE(db_->Exec("INSERT INTO supervision_officer_hashes (county_code, username, kind, hash, recorded_by, "
                        "recorded_at) VALUES ('520102', 'clerk1', 'id_number', ?, 'admin', 'x')",
                        std::vector<Value>{Blob(8, 80)}));
  const std::string own = Ent("R6", 80, "", "2024"), other = Ent("R6", 81, "", "2024");
  Sweep();
  EXPECT_EQ(Status(own), "held");
  EXPECT_NE(HoldsOf(own).at(0).summary.find("clerk1"), std::string::npos);
  EXPECT_EQ(Status(other), "proposed");
}

// The scoped screen (only what each check reads) and the earlier
// whole-table path find the same holds with the same evidence on a planted
// province: every check's case and its look-alike, claims of another county
// and paid ones, for a county sweep, a province sweep and a batch.
TEST_P(SupervisorTest, ScopedScreenFindsTheSameHoldsAsWholeTable) {
  PlantScreenCases();
  auto snapshot = [&]() {
    std::vector<std::string> out;
    auto rows = db_->Query(
        "SELECT h.once_key, h.check_code, h.summary, h.evidence, h.status, h.was_paid, h.amount_fen, e.status FROM "
        "supervision_holds h LEFT JOIN policy_entitlements e ON e.once_key = h.once_key ORDER BY h.once_key, "
        "h.check_code");
    EXPECT_TRUE(rows);
    for (const auto& r : *rows) {
      // Evidence lists are compared as parsed JSON (the "others" order follows the loading order).
      auto ev = nlohmann::json::parse(r.Text(3));
      out.push_back(r.Text(0) + "|" + r.Text(1) + "|" + r.Text(2) + "|" + std::to_string(ev.size()) + "|" +
                    r.Text(4) + "|" + std::to_string(r.Int(5)) + "|" + std::to_string(r.Int(6)) + "|" + r.Text(7));
    }
    return out;
  };
  auto reset = [&]() {
    ASSERT_TRUE(db_->Exec("DELETE FROM supervision_holds"));
    ASSERT_TRUE(db_->Exec("UPDATE policy_entitlements SET status = 'proposed' WHERE status = 'held'"));
  };
  std::map<std::string, std::vector<std::string>> found[2];
  for (int whole = 0; whole < 2; ++whole) {
    sup_->set_whole_table(whole == 1);
    for (const std::string region : {"520102", "52"}) {
      auto r = sup_->ScreenSweep(region, "officer");
      ASSERT_TRUE(r) << r.error().message;
      found[whole]["sweep " + region] = snapshot();
      found[whole]["sweep " + region].push_back("screened " + std::to_string(r->screened) + " hits " +
                                                std::to_string(r->hits) + " held " + std::to_string(r->held));
      reset();
    }
  }
  sup_->set_whole_table(false);
  for (const auto& [what, rows] : found[0]) {
    EXPECT_EQ(rows, found[1][what]) << what;
    EXPECT_GT(rows.size(), 8u) << what;  // the planted cases were found
  }
  // Every kind of planted case is among them.
  std::string all;
  for (const auto& row : found[0]["sweep 52"]) all += row + "\n";
  EXPECT_NE(all.find("clerk2"), std::string::npos);  // an officer's own phone on a beneficiary
  for (const char* check : {"duplicate_cause", "duplicate_paid", "person_status", "employer_deregistered", "shared_contact", "ghost_hire",
                            "circular_hire", "shared_bank_account", "shared_address"}) {
    EXPECT_NE(all.find(std::string("|") + check + "|"), std::string::npos) << check;
  }
}

// The scoped path's fast reads and writes (default) against its reference
// implementation (set_reference: one INSERT and one UPDATE per hit): the
// same holds in the same order with the same summary and evidence, text
// for text, the same entitlements held and the same report; the counters
// equal a rebuild after each (the holds' proposed → held changes move no
// counter, migration 1503).
TEST_P(SupervisorTest, ReferenceAndFastPathsWriteTheSameHolds) {
  PlantScreenCases();
  auto snapshot = [&]() {
    std::vector<std::string> out;
    auto rows = db_->Query(
        "SELECT h.county_code, h.once_key, h.check_code, h.clause, h.rule, h.fund, h.amount_fen, h.was_paid, "
        "h.summary, h.evidence, h.status, h.batch_id, h.found_by, h.found_at, e.status FROM supervision_holds h LEFT "
        "JOIN policy_entitlements e ON e.once_key = h.once_key ORDER BY h.hold_id");
    EXPECT_TRUE(rows);
    for (const auto& r : *rows) {
      std::string line;
      for (size_t i = 0; i < r.cells.size(); ++i) {
        line += (r.IsNull(i) ? std::string("NULL")
                             : std::holds_alternative<int64_t>(r.cells[i]) ? std::to_string(r.Int(i)) : r.Text(i)) +
                "|";
      }
      out.push_back(line);
    }
    auto st = db_->Query("SELECT once_key, status FROM policy_entitlements ORDER BY once_key");
    EXPECT_TRUE(st);
    for (const auto& r : *st) out.push_back(r.Text(0) + "=" + r.Text(1));
    return out;
  };
  auto reset = [&]() {
    ASSERT_TRUE(db_->Exec("DELETE FROM supervision_holds"));
    ASSERT_TRUE(db_->Exec("UPDATE policy_entitlements SET status = 'proposed' WHERE status = 'held'"));
  };
  std::map<std::string, std::vector<std::string>> found[2];
  for (int reference = 0; reference < 2; ++reference) {
    sup_->set_reference(reference == 1);
    for (const std::string region : {"520102", "52"}) {
      auto r = sup_->ScreenSweep(region, "officer");
      ASSERT_TRUE(r) << r.error().message;
      auto& rows = found[reference]["sweep " + region];
      rows = snapshot();
      std::string by_check;
      for (const auto& [k, v] : r->by_check) by_check += k + "=" + std::to_string(v) + " ";
      rows.push_back("screened " + std::to_string(r->screened) + " hits " + std::to_string(r->hits) + " new " +
                     std::to_string(r->new_holds) + " held " + std::to_string(r->held) + " fen " +
                     std::to_string(r->held_fen) + " " + by_check);
      auto counted = CountFromLedger(*db_);
      ASSERT_TRUE(counted);
      auto counters = ReadCounters(*db_);
      ASSERT_TRUE(counters);
      EXPECT_TRUE(*counters == *counted) << "counters after the screen, reference " << reference;
      // A second screen adds nothing (every hit held already).
      auto again = sup_->ScreenSweep(region, "officer");
      ASSERT_TRUE(again);
      EXPECT_EQ(again->new_holds, 0);
      EXPECT_EQ(again->held, 0);
      reset();
    }
  }
  sup_->set_reference(false);
  for (const auto& [what, rows] : found[0]) {
    EXPECT_EQ(rows, found[1][what]) << what;
    EXPECT_GT(rows.size(), 40u) << what;
  }
}

// Bank accounts and addresses (registry person_payment_facts, keyed hashes):
// three beneficiaries paid into one account and six at one address (written
// differently) are held with evidence; a family of three at one address,
// two accounts ending alike, and a person sharing the account with no claim
// of their own are not.
TEST_P(SupervisorTest, SharedBankAccountAndAddressHeldLookAlikesNot) {
  const Vault vault = Vault::FromKey(std::array<uint8_t, 32>{9, 9});
  std::vector<registry::Person> persons;
  std::vector<registry::PaymentFacts> facts;
  auto person = [&](int64_t id, const std::string& bank, const std::string& address, bool claim = true) {
    Person(id);
    registry::Person p;
    p.person_id = id;
    p.county_code = "520102";
    persons.push_back(p);
    facts.push_back({bank, address});
    return claim ? Ent("R9", id, "", "2024") : std::string();
  };
  const std::string shared1 = person(60, "6222 0212 3456 0001", "");
  const std::string shared2 = person(61, "6222021234560001", "");
  const std::string shared3 = person(62, "6222-0212-3456-0001", "");
  person(69, "6222021234560001", "", false);  // same account, no claim
  const std::string ends_alike1 = person(63, "6222021111119999", "");
  const std::string ends_alike2 = person(64, "6222022222229999", "");
  std::vector<std::string> crowd;
  const char* ways[] = {"贵阳市南明区花果园B区3栋1单元101", "贵阳市南明区 花果园Ｂ区3栋1单元101",
                        "贵阳市南明区（花果园）B区3栋-1单元101"};
  for (int64_t id = 70; id < 76; ++id) crowd.push_back(person(id, "", ways[id % 3]));
  std::vector<std::string> family;
  for (int64_t id = 80; id < 83; ++id) family.push_back(person(id, "", "遵义市红花岗区丁字口5号"));
  {
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    auto w = store::WritePaymentFacts(*db_, vault, persons, facts, "2024-06-15");
    ASSERT_TRUE(w) << w.error().message;
    ASSERT_TRUE(tx->Commit());
  }
  auto rep = Sweep();
  for (const auto& key : {shared1, shared2, shared3}) {
    EXPECT_EQ(Status(key), "held") << key;
    auto holds = HoldsOf(key);
    ASSERT_EQ(holds.size(), 1u) << key;
    EXPECT_EQ(holds[0].check, kSharedBankAccount);
    EXPECT_EQ(holds[0].evidence["bank_last4"], "0001");
    EXPECT_EQ(holds[0].evidence["persons"], nlohmann::json({60, 61, 62}));
    EXPECT_EQ(holds[0].evidence["bank_hash"].get<std::string>().size(), 8u);
    EXPECT_NE(holds[0].summary.find("尾号0001"), std::string::npos) << holds[0].summary;
    // Never the account itself.
    EXPECT_EQ(holds[0].summary.find("6222"), std::string::npos) << holds[0].summary;
    EXPECT_EQ(holds[0].evidence.dump().find("6222"), std::string::npos);
  }
  for (const auto& key : crowd) {
    EXPECT_EQ(Status(key), "held") << key;
    auto holds = HoldsOf(key);
    ASSERT_EQ(holds.size(), 1u) << key;
    EXPECT_EQ(holds[0].check, kSharedAddress);
    EXPECT_EQ(holds[0].evidence["persons"].size(), 6u);
    EXPECT_EQ(holds[0].evidence.dump().find("花果园"), std::string::npos);
  }
  for (const auto& key : {ends_alike1, ends_alike2, family[0], family[1], family[2]}) {
    EXPECT_EQ(Status(key), "proposed") << key;
    EXPECT_TRUE(HoldsOf(key).empty()) << key;
  }
  EXPECT_EQ(rep.by_check[kSharedBankAccount], 3);
  EXPECT_EQ(rep.by_check[kSharedAddress], 6);
}

QJY_INSTANTIATE_STORE_TEST(SupervisorTest);

}  // namespace
}  // namespace qjy::supervision
