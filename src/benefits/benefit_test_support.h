// The store fixture of the benefit tests (SQLite and PostgreSQL): a
// registry with one employer, persons with UI months and an ended contract,
// contracts, the monthly run and the ledger check.
#ifndef QJY_BENEFITS_BENEFIT_TEST_SUPPORT_H_
#define QJY_BENEFITS_BENEFIT_TEST_SUPPORT_H_

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "benefits/benefit_store.h"
#include "benefits/monthly_run.h"
#include "policy/ledger.h"
#include "store/contribution_store.h"
#include "store/employment_schema.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::benefits::test_support {

using registry::MonthIndex;
using store::Dialect;
using store::Value;

using ::qjy::test_support::D;
inline constexpr char kEmployer[] = "91520102MA6DKQ8X2B";

class BenefitStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::EmploymentMigrations()));
    store_ = std::make_unique<BenefitStore>(*db_);
    auto m = store_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
    auto p = LoadBenefitParams();
    ASSERT_TRUE(p) << p.error().message;
    params_ = *p;
    Exec("INSERT INTO employers (county_code, credit_code, name, type, size, region, insured_headcount, "
         "key_enterprise, created_at, updated_at) VALUES ('520102', ?, '贵阳某公司', 'enterprise', 'small', '520102', 10, "
         "0, 'x', 'x')",
         {std::string(kEmployer)});
  }
  void TearDown() override {
    store_.reset();
    StoreTest::TearDown();
  }

  void Exec(const std::string& sql, std::vector<Value> params = {}) {
    auto r = db_->Exec(sql, params);
    ASSERT_TRUE(r) << r.error().message << "\n" << sql;
  }
  int64_t Count(const std::string& sql) {
    auto r = db_->Query(sql);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? r->front().Int(0) : -1;
  }

  // A person of `county` with `months` UI months ending the month before `first`.
  // With `months` > 0 and `ended_contract`, a contract with kEmployer covering
  // those months that ran to its end date (ended by expiry: 非因本人意愿).
  void Person(int64_t id, int months, int32_t first, const std::string& county = "520102",
              bool ended_contract = true) {
    Exec("INSERT INTO persons (person_id, county_code, id_hash, id_enc, id_masked, name, sex, birth_date, ethnicity, "
         "phone_masked, hukou_region, residence_region, work_region, insured_region, education, skills, created_at, "
         "updated_at) VALUES (?, ?, ?, ?, '5201**********123X', '测试', 'M', '1990-01-01', '汉族', '', ?, ?, ?, ?, "
         "'本科', '[]', 'x', 'x')",
         {id, county, Blob{uint8_t(id), uint8_t(id >> 8), 7}, Blob{1}, county, county, county, county});
    std::vector<registry::Contribution> rows;
    for (int i = 1; i <= months; ++i) {
      registry::Contribution c;
      c.county_code = county;
      c.person_id = id;
      c.employer_credit_code = kEmployer;
      c.month = first - i;
      c.kinds = 15;
      c.base_fen = 400000;
      rows.push_back(c);
    }
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(store::ContributionStore(*db_).BulkInsert(rows));
    ASSERT_TRUE(tx->Commit());
    if (months > 0 && ended_contract) {
      const Date start = *Date::FromYmd((first - months) / 12, (first - months) % 12 + 1, 1);
      const Date end = Date::FromYmd(first / 12, first % 12 + 1, 1)->AddDays(-1);
      Contract(id, start.ToString().c_str(), end.ToString().c_str());
    }
  }
  void Contribution(int64_t id, int32_t month, uint8_t kinds, const std::string& county = "520102") {
    Exec("INSERT INTO contributions (county_code, person_id, employer_credit_code, month, kinds, base_fen, "
         "created_at, updated_at) VALUES (?, ?, '', ?, ?, 400000, 'x', 'x')",
         {county, id, registry::MonthText(month), int64_t{kinds}});
  }
  void Contract(int64_t id, const char* start, std::optional<const char*> end = std::nullopt) {
    Exec("INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on, "
         "social_insurance_months, flexible, new_form, work_region, created_at, updated_at) "
         "VALUES ('520102', ?, ?, ?, ?, 0, 0, 0, '520102', 'x', 'x')",
         {id, std::string(kEmployer), std::string(start), end ? Value{std::string(*end)} : Value{}});
  }
  Claim Apply(int64_t id, const char* on) {
    auto c = store_->Apply(id, D(on), params_, "officer");
    EXPECT_TRUE(c) << c.error().message;
    return c.value_or(Claim());
  }
  // Runs month mar_ in a child process with `batch` claims per transaction
  // and kill -9 inside the claim numbered `at` (before its commit), then
  // reopens the database as a fresh connection, which sees whole
  // transactions only.
  void KillRunAt(int batch, int at) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      auto db = Open();
      if (!db) _exit(3);
      auth::ManualClock clock(1740787200);
      (void)RunMonth(**db, mar_, "52", "officer", clock, {.batch_claims = batch, .hook = [at](int i) {
                                                            if (i == at) raise(SIGKILL);
                                                          }});
      _exit(4);  // not reached
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exit " << WEXITSTATUS(status);
    ASSERT_EQ(WTERMSIG(status), SIGKILL);
    db_.reset();
    auto db = Open();
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    store_ = std::make_unique<BenefitStore>(*db_);
  }

  RunReport Run(int32_t month, const std::string& region = "52") {
    auto r = RunMonth(*db_, month, region, "officer", clock_);
    EXPECT_TRUE(r) << r.error().message;
    return r.value_or(RunReport());
  }
  void ExpectLedgerBalances() {
    policy::Ledger ledger(*db_, nullptr, clock_);
    auto rep = ledger.Check();
    ASSERT_TRUE(rep) << rep.error().message;
    for (const auto& p : rep->problems) ADD_FAILURE() << p.kind << " " << p.what;
    EXPECT_EQ(rep->debit_fen, rep->credit_fen);
  }

  std::unique_ptr<BenefitStore> store_;
  policy::ParameterSet params_;
  auth::ManualClock clock_{1740787200};  // 2025-03-01
  const int32_t mar_ = MonthIndex(2025, 3);
};

}  // namespace qjy::benefits::test_support

#endif  // QJY_BENEFITS_BENEFIT_TEST_SUPPORT_H_
