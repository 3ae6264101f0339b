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
  EXPECT_FALSE(has(seen_during, "persons_name"));     // dropped while loading
  EXPECT_FALSE(has(seen_during, "persons_id_hash"));  // SQLite: the natural key too
  for (const auto& index : store::RegistryBulkIndexes()) {
    EXPECT_TRUE(has(index_names(), index.name)) << index.name;
  }
  auto plan = reg_.db->Query("EXPLAIN QUERY PLAN SELECT person_id FROM persons WHERE name = '张三'");
  ASSERT_TRUE(plan.has_value());
  ASSERT_FALSE(plan->empty());
  EXPECT_NE(plan->back().Text(3).find("persons_name"), std::string::npos);

  // With a person row filter (the server's looks persons up by ID number
  // while reading), the ID-hash index stays even into an empty registry.
  {
    TempDir other_dir;
    TestRegistry other(other_dir / "registry.db");
    auto reader_db = store::OpenDb(other_dir / "registry.db");  // the filter's own connection
    ASSERT_TRUE(reader_db.has_value());
    ImportOptions filtered = TestOptions();
    std::vector<std::string> names;
    filtered.row_filter.person = [&](const registry::Person&) {
      auto rows = (*reader_db)->Query("SELECT name FROM sqlite_master WHERE type = 'index'");
      names.clear();
      if (rows) for (const auto& r : *rows) names.push_back(r.Text(0));
      return std::string();
    };
    auto f = Import(Entity::kPersons, path, *other.registry, *other.db, filtered);
    ASSERT_TRUE(f.has_value()) << f.error().message;
    EXPECT_EQ(f->inserted, 2);
    EXPECT_TRUE(has(names, "persons_id_hash"));
    EXPECT_FALSE(has(names, "persons_name"));
  }

  WriteFile(path, std::string(kPersonHeader) + PersonRow(3));
  seen_during.clear();
  auto again = Run(Entity::kPersons, path, options);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->inserted, 1);
  EXPECT_TRUE(has(seen_during, "persons_name"));  // not empty: nothing dropped
}

// Into an empty registry the importer skips looking persons up, as long as
// nobody else inserts persons meanwhile. Someone does here, between two
// batches, with a person that comes later in the file: that row must
// update the stored person, not duplicate it.
TEST_F(ImportTest, FirstLoadNoticesAnotherWriterBetweenBatches) {
  std::string path = dir_ / "persons.csv";
  std::string text = kPersonHeader;
  for (int i = 1; i <= 6; ++i) text += PersonRow(i);
  WriteFile(path, text);
  ImportOptions options = TestOptions();
  options.batch_size = 2;
  bool wrote = false;
  options.after_batch = [&](int64_t) {
    if (wrote) return;
    wrote = true;
    registry::Person other;
    other.id_number = PersonId(5);
    other.county_code = "520102";
    other.name = "别人先录入";
    other.birth_date = *Date::FromYmd(1980, 1, 1);
    other.ethnicity = "汉族";
    other.hukou_region = "520102";
    auto tx = store::Transaction::Begin(*reg_.db);
    ASSERT_TRUE(tx);
    auto u = reg_.registry->UpsertPerson(other, "officer");
    ASSERT_TRUE(u) << u.error().message;
    ASSERT_TRUE(tx->Commit());
  };
  auto r = Run(Entity::kPersons, path, options);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_TRUE(wrote);
  EXPECT_EQ(r->inserted, 5);
  EXPECT_EQ(r->updated, 1);
  EXPECT_EQ(r->rejected, 0) << r->ToJson().dump();
  EXPECT_EQ(PersonCount(), 6);
  EXPECT_EQ(Find(PersonId(5))->name, "张三");
  auto distinct = reg_.db->Query("SELECT COUNT(DISTINCT id_hash) FROM persons");
  ASSERT_TRUE(distinct);
  EXPECT_EQ(distinct->at(0).Int(0), 6);
  // Person 5's history: the officer's insert, then the import's update.
  auto h = reg_.registry->History("person", Find(PersonId(5))->person_id);
  ASSERT_TRUE(h);
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[0].actor, "officer");
  EXPECT_EQ((*h)[1].op, "update");
  // Person 1's: the import's batch entry, naming the file and its rows.
  auto h1 = reg_.registry->History("person", Find(PersonId(1))->person_id);
  ASSERT_TRUE(h1);
  ASSERT_EQ(h1->size(), 1u);
  EXPECT_EQ((*h1)[0].actor, "import:persons.csv");
  EXPECT_NE((*h1)[0].diff_json.find("\"rows\":[null,\"2-3\"]"), std::string::npos)
      << (*h1)[0].diff_json;
}

}  // namespace
}  // namespace qjy::importer
