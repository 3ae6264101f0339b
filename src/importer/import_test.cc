#include "importer/import.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "importer/import_test_util.h"
#include "importer/table_source.h"
#include "importer/text_encoding.h"
#include "importer/xlsx_reader.h"
#include "importer/xlsx_writer.h"
#include "store/registry_schema.h"

namespace qjy::importer {
namespace {

using namespace testing;  // NOLINT

class ImportTest : public ::testing::Test {
 protected:
  ImportTest() : reg_(dir_ / "registry.db") {}

  Result<ImportResult> Run(Entity e, const std::string& path,
                           ImportOptions options = TestOptions()) {
    return Import(e, path, *reg_.registry, *reg_.db, options);
  }
  std::optional<registry::Person> Find(const std::string& id) {
    auto p = reg_.registry->FindPersonByIdNumber(id);
    EXPECT_TRUE(p.has_value());
    return p ? *p : std::nullopt;
  }
  int64_t PersonCount() { return reg_.registry->Counts().value().persons; }

  TempDir dir_;
  TestRegistry reg_;
};

TEST_F(ImportTest, PersonsInsertThenUnchangedThenUpdated) {
  std::string path = dir_ / "persons.csv";
  WriteFile(path, std::string(kPersonHeader) + PersonRow(1) + PersonRow(2) + PersonRow(3));
  auto r = Run(Entity::kPersons, path);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->rows, 3);
  EXPECT_EQ(r->inserted, 3);
  EXPECT_EQ(r->rejected, 0) << r->ToJson().dump();
  EXPECT_TRUE(r->rejects_file.empty());

  auto p = Find(PersonId(2));
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->name, "张三");
  EXPECT_EQ(p->county_code, "520102");
  EXPECT_EQ(p->residence_region, "520103");  // resolved from the name
  EXPECT_EQ(p->education, registry::Education::kBachelor);
  ASSERT_EQ(p->certificates.size(), 1u);
  EXPECT_EQ(p->certificates[0].level, 4);
  ASSERT_EQ(p->groups.size(), 2u);
  EXPECT_EQ(p->groups[1].group, registry::Group::kPovertyAlleviated);
  EXPECT_EQ(p->groups[1].valid_to, Date::FromYmd(2025, 12, 31).value());
  EXPECT_EQ(p->skills, (std::vector<std::string>{"焊接", "电工"}));

  auto again = Run(Entity::kPersons, path);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(again->inserted + again->updated, 0);

  WriteFile(path, std::string(kPersonHeader) + PersonRow(1) + PersonRow(2, "李四") + PersonRow(3) +
                      PersonRow(4));
  auto third = Run(Entity::kPersons, path);
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->inserted, 1);
  EXPECT_EQ(third->updated, 1);
  EXPECT_EQ(third->unchanged, 2);
  EXPECT_EQ(Find(PersonId(2))->name, "李四");
  EXPECT_EQ(PersonCount(), 4);
}

// A first load into an empty registry drops the random-key indexes of
// persons for its length (store/registry_schema.h); they must all be back,
// and be used, when it ends. A later import leaves them in place.
TEST_F(ImportTest, FirstLoadRebuildsThePersonIndexes) {
  auto index_names = [&] {
    std::vector<std::string> out;
    auto rows = reg_.db->Query("SELECT name FROM sqlite_master WHERE type = 'index'");
    EXPECT_TRUE(rows.has_value());
    if (rows) for (const auto& r : *rows) out.push_back(r.Text(0));
    return out;
  };
  std::string path = dir_ / "persons.csv";
  WriteFile(path, std::string(kPersonHeader) + PersonRow(1) + PersonRow(2));
  std::vector<std::string> seen_during;
  ImportOptions options = TestOptions();
  options.after_batch = [&](int64_t) { seen_during = index_names(); };
  auto r = Run(Entity::kPersons, path, options);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->inserted, 2);
  auto has = [](const std::vector<std::string>& names, const char* n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
  EXPECT_FALSE(has(seen_during, "persons_name"));   // dropped while loading
  EXPECT_TRUE(has(seen_during, "persons_id_hash"));  // the natural key stays
  for (const auto& index : store::RegistryBulkIndexes()) {
    EXPECT_TRUE(has(index_names(), index.name)) << index.name;
  }
  auto plan = reg_.db->Query("EXPLAIN QUERY PLAN SELECT person_id FROM persons WHERE name = '张三'");
  ASSERT_TRUE(plan.has_value());
  ASSERT_FALSE(plan->empty());
  EXPECT_NE(plan->back().Text(3).find("persons_name"), std::string::npos);

  WriteFile(path, std::string(kPersonHeader) + PersonRow(3));
  seen_during.clear();
  auto again = Run(Entity::kPersons, path, options);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->inserted, 1);
  EXPECT_TRUE(has(seen_during, "persons_name"));  // not empty: nothing dropped
}

}  // namespace
}  // namespace qjy::importer
