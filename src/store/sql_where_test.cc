#include "store/sql_where.h"

#include <gtest/gtest.h>

#include "store/store_test_support.h"

namespace qjy::store {
namespace {

TEST(WhereTest, LeavesOutFiltersNotGivenAndKeepsParametersInOrder) {
  Where none;
  EXPECT_EQ(none.Sql(), "1 = 1");
  EXPECT_TRUE(none.Params().empty());

  Where w("claim_id > ?", {Value(int64_t{7})});
  w.Prefix("county_code", "").Eq("status", "").Eq("person_id", int64_t{0});
  EXPECT_EQ(w.Sql(), "claim_id > ?");
  ASSERT_EQ(w.Params().size(), 1u);

  w.Prefix("county_code", "5201").Eq("status", "active").Eq("person_id", int64_t{42}).SubstrPrefix("c", "52");
  EXPECT_EQ(w.Sql(), "claim_id > ? AND county_code LIKE ? AND status = ? AND person_id = ? AND substr(c, 1, ?) = ?");
  const std::vector<Value> want = {Value(int64_t{7}),  Value(std::string("5201%")), Value(std::string("active")),
                                   Value(int64_t{42}), Value(int64_t{2}),           Value(std::string("52"))};
  EXPECT_EQ(w.Params(), want);
  auto all = w.Then(int64_t{50});
  ASSERT_EQ(all.size(), want.size() + 1);
  EXPECT_EQ(all.back(), Value(int64_t{50}));
}

class WhereStoreTest : public testing::StoreTest {};

// The conditions select the same rows on both engines: the region prefix
// in both forms, an equality skipped when not given, a keyset bound.
TEST_P(WhereStoreTest, SelectsTheRowsItsFiltersName) {
  ASSERT_TRUE(db_->ExecScript("CREATE TABLE w (id BIGINT PRIMARY KEY, county_code TEXT, status TEXT)"));
  const char* rows[][2] = {{"520102", "active"}, {"520111", "ended"}, {"520201", "active"}, {"522601", "active"}};
  int64_t id = 0;
  for (const auto& r : rows) {
    const std::vector<Value> v = {Value(++id), Value(std::string(r[0])), Value(std::string(r[1]))};
    ASSERT_TRUE(db_->Exec("INSERT INTO w VALUES (?, ?, ?)", v));
  }
  auto ids = [&](const Where& w) {
    std::vector<int64_t> out;
    auto got = db_->Query("SELECT id FROM w WHERE " + w.Sql() + " ORDER BY id LIMIT ?", w.Then(int64_t{10}));
    EXPECT_TRUE(got) << (got ? "" : got.error().message);
    if (got) {
      for (const auto& row : *got) out.push_back(row.Int(0));
    }
    return out;
  };
  EXPECT_EQ(ids(Where()), (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(ids(Where().Prefix("county_code", "5201")), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(ids(Where().SubstrPrefix("county_code", "5201")), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(ids(Where().County("county_code", "5201")), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(ids(Where().County("county_code", "520111")), (std::vector<int64_t>{2}));
  EXPECT_EQ(Where().County("c", "520111").Sql(), "c = ?");
  EXPECT_EQ(Where().County("c", "5201").Sql(), "c LIKE ?");
  EXPECT_EQ(ids(Where().Prefix("county_code", "52").Eq("status", "active")), (std::vector<int64_t>{1, 3, 4}));
  EXPECT_EQ(ids(Where("id > ?", {Value(int64_t{1})}).Eq("status", "active").Eq("id", int64_t{0})),
            (std::vector<int64_t>{3, 4}));
}

QJY_INSTANTIATE_STORE_TEST(WhereStoreTest);

}  // namespace
}  // namespace qjy::store
