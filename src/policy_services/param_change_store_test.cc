// Parameter changes on SQLite and PostgreSQL: proposed with a citation,
// approved only by a second person, never backdated, history kept.
#include "policy_services/param_change_store.h"

#include <gtest/gtest.h>

#include "policy/policy_dir.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::policy_services {
namespace {

using ::qjy::test_support::D;

class ParamChangeStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(ParamChangeStore::Migrate(*db_));
    auto p = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
    ASSERT_TRUE(p) << p.error().message;
    params_ = std::move(*p);
  }
  ParamProposal Proposal(int64_t value, const char* from = "2026-01-01") {
    return {"r7.amount", value, D(from), "黔人社发〔2025〕9号", "第三条", "交通成本上涨"};
  }
  policy::ParameterSet params_;
};

TEST_P(ParamChangeStoreTest, ProposedThenApprovedByAnotherOfficer) {
  ParamChangeStore s(*db_);
  auto c = s.Propose(params_, Proposal(15000), "policy_a", D("2025-10-01"), 100);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->status, "proposed");
  EXPECT_EQ(c->old_value, 10000);
  EXPECT_EQ(s.Revision().value(), 0);
  EXPECT_TRUE(s.Approved()->empty());
  // Not by the proposer.
  auto own = s.Approve(c->change_id, "policy_a", D("2025-10-02"), 200);
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::kPermissionDenied);
  auto ok = s.Approve(c->change_id, "policy_b", D("2025-10-02"), 300);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->status, "approved");
  EXPECT_EQ(ok->decided_by, "policy_b");
  EXPECT_EQ(ok->decided_at, 300);
  EXPECT_EQ(s.Revision().value(), 1);
  // Decided once only.
  EXPECT_EQ(s.Approve(c->change_id, "policy_c", D("2025-10-02"), 400).error().code, ErrorCode::kConflict);
  auto approved = s.Approved();
  ASSERT_TRUE(approved);
  ASSERT_EQ(approved->size(), 1u);
  auto layered = policy::WithChanges(params_, *approved);
  ASSERT_TRUE(layered);
  EXPECT_EQ(layered->ValueAt("r7.amount", D("2025-12-31")), 10000);
  EXPECT_EQ(layered->ValueAt("r7.amount", D("2026-01-01")), 15000);
  // The next proposal records the value it replaces as layered.
  auto next = s.Propose(params_, Proposal(18000, "2026-07-01"), "policy_a", D("2025-10-03"), 500);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->old_value, 15000);
  auto all = s.List();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->front().change_id, next->change_id);  // newest first
  EXPECT_EQ(all->back().document, "黔人社发〔2025〕9号");
  EXPECT_EQ(all->back().clause, "第三条");
}

TEST_P(ParamChangeStoreTest, RefusedInputWritesNothing) {
  ParamChangeStore s(*db_);
  struct Case {
    ParamProposal p;
    const char* says;
  } cases[] = {
      {Proposal(15000, "2025-10-01"), "生效日期须晚于今天"},  // today: not after it
      {Proposal(15000, "2025-09-01"), "生效日期须晚于今天"},
      {{"r7.amount", 15000, D("2026-01-01"), "", "第三条", "x"}, "依据文件"},
      {{"r7.amount", 15000, D("2026-01-01"), "文件", "", "x"}, "依据条款"},
      {{"r7.amount", 15000, D("2026-01-01"), "文件", "第一条", ""}, "调整说明"},
      {{"r6.amount", 60000, D("2026-01-01"), "文件", "第一条", "x"}, "上限"},
      {{"nothing.here", 1, D("2026-01-01"), "文件", "第一条", "x"}, "没有该政策参数"},
  };
  for (const auto& c : cases) {
    auto r = s.Propose(params_, c.p, "policy_a", D("2025-10-01"), 1);
    ASSERT_FALSE(r) << c.says;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
  }
  EXPECT_TRUE(s.List()->empty());
}

TEST_P(ParamChangeStoreTest, NoApprovalOnceTheDateHasComeAndRejectionKeepsHistory) {
  ParamChangeStore s(*db_);
  auto late = s.Propose(params_, Proposal(15000, "2025-10-05"), "policy_a", D("2025-10-01"), 1);
  ASSERT_TRUE(late);
  auto r = s.Approve(late->change_id, "policy_b", D("2025-10-05"), 2);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(s.Reject(late->change_id, "policy_b", "", 3).error().code, ErrorCode::kInvalidArgument);
  auto rejected = s.Reject(late->change_id, "policy_b", "日期已过", 3);
  ASSERT_TRUE(rejected) << rejected.error().message;
  EXPECT_EQ(rejected->status, "rejected");
  EXPECT_EQ(rejected->decision_note, "日期已过");
  EXPECT_TRUE(s.Approved()->empty());
  EXPECT_EQ(s.List()->size(), 1u);
}

QJY_INSTANTIATE_STORE_TEST(ParamChangeStoreTest);

}  // namespace
}  // namespace qjy::policy_services
