// The two sinks end to end: generated data stored through the bulk path,
// and written as import files that the importer reads back without a
// single rejected row.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/vault.h"
#include "gen/csv_sink.h"
#include "gen/store_sink.h"
#include "gen/test_world.h"
#include "importer/entity.h"
#include "importer/import.h"
#include "store/db.h"
#include "store/registry_schema.h"
#include "store/registry_store.h"

namespace qjy::gen {
namespace {

using testing::Options;
using testing::TheWorld;

std::string FreshDir(const std::string& name) {
  const std::string dir = ::testing::TempDir() + "/qjy_gen_" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

Vault TestVault() {
  std::array<uint8_t, 32> key{};
  key[0] = 7;
  return Vault::FromKey(key);
}

TEST(StoreSinkTest, BulkLoadsEverythingAndFindsPersonsById) {
  const std::string dir = FreshDir("store");
  auto db = store::OpenDb(dir + "/g.db");
  ASSERT_TRUE(db.has_value()) << db.error().message;
  const Vault vault = TestVault();
  store::RegistryStore registry(**db, vault);
  ASSERT_TRUE(registry.Migrate().has_value());

  const testing::World& w = TheWorld();
  Tables t(w.profile, *w.geo, Options(11, 3000, 200, 300));
  StoreSink sink(**db, registry);
  auto memory = std::make_unique<testing::MemorySink>();
  Sink* sinks[] = {&sink, memory.get()};
  RunOptions run;
  run.batch_size = 700;
  auto counts = Generate(t, IdBase{}, sinks, run);
  ASSERT_TRUE(counts.has_value()) << counts.error().message;

  auto stored = registry.Counts();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->persons, 3000);
  EXPECT_EQ(stored->employers, 200);
  EXPECT_EQ(stored->jobs, 300);
  EXPECT_EQ(stored->contracts, counts->contracts);
  EXPECT_EQ(stored->sites, counts->sites);
  EXPECT_EQ(stored->changes, 0);  // bulk path: no history

  // The indexes dropped for the load are all back.
  for (const store::BulkIndex& index : store::RegistryBulkIndexes()) {
    const store::Value name[] = {std::string(index.name)};
    auto found = (*db)->Query("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", name);
    ASSERT_TRUE(found.has_value()) << found.error().message;
    EXPECT_EQ(found->size(), 1u) << index.name;
  }

  for (size_t i : {size_t{0}, size_t{1499}, size_t{2999}}) {
    const auto& expected = memory->persons[i];
    auto found = registry.FindPersonByIdNumber(expected.id_number);
    ASSERT_TRUE(found.has_value()) << found.error().message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->name, expected.name);
    EXPECT_EQ((*found)->person_id, expected.person_id);
    EXPECT_EQ((*found)->groups.size(), expected.groups.size());
  }
}

TEST(CsvSinkTest, ImportFilesReadBackWithoutRejects) {
  const std::string dir = FreshDir("csv");
  const testing::World& w = TheWorld();
  Tables t(w.profile, *w.geo, Options(12, 1500, 150, 200));
  auto csv = CsvSink::Open(dir + "/files");
  ASSERT_TRUE(csv.has_value()) << csv.error().message;
  Sink* sinks[] = {csv->get()};
  auto counts = Generate(t, IdBase{}, sinks);
  ASSERT_TRUE(counts.has_value()) << counts.error().message;

  {  // the header row is the importer's
    std::ifstream in(dir + "/files/persons.csv");
    std::string header;
    std::getline(in, header);
    EXPECT_EQ(header.rfind(std::string(importer::Columns(importer::Entity::kPersons)[0].name), 0), 0u)
        << header;
  }

  auto db = store::OpenDb(dir + "/i.db");
  ASSERT_TRUE(db.has_value());
  const Vault vault = TestVault();
  store::RegistryStore registry(**db, vault);
  ASSERT_TRUE(registry.Migrate().has_value());
  importer::ImportOptions opt;
  opt.today = t.options.as_of;
  opt.regions = w.regions.get();
  opt.write_rejects = false;
  opt.vault = &vault;  // the persons file carries bank accounts and addresses (payment facts)
  const std::pair<importer::Entity, int64_t> files[] = {
      {importer::Entity::kEmployers, counts->employer_years},
      {importer::Entity::kPersons, counts->persons},
      {importer::Entity::kJobs, counts->jobs},
      {importer::Entity::kContracts, counts->contracts}};
  for (const auto& [entity, rows] : files) {
    const std::string path = dir + "/files/" + std::string(importer::EntityName(entity)) + ".csv";
    auto r = importer::Import(entity, path, registry, **db, opt);
    ASSERT_TRUE(r.has_value()) << path << ": " << r.error().message;
    EXPECT_EQ(r->rows, rows) << path;
    EXPECT_EQ(r->rejected, 0) << path << ": "
                              << (r->errors.empty() ? "" : r->errors[0].column + " " + r->errors[0].reason);
  }
  auto stored = registry.Counts();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->persons, counts->persons);
  EXPECT_EQ(stored->employers, counts->employers);
  EXPECT_EQ(stored->contracts, counts->contracts);
}

}  // namespace
}  // namespace qjy::gen
