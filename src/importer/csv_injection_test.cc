// No CSV we write lets a spreadsheet run a formula (core/csv_cell.h).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "core/credit_code.h"
#include "importer/csv_reader.h"
#include "importer/export.h"
#include "store/registry_store.h"

namespace qjy::importer {
namespace {

std::string Field(std::string_view v) {
  std::string out;
  AppendCsvField(out, v);
  return out;
}

TEST(CsvInjectionTest, AppendCsvFieldNeutralisesFormulas) {
  EXPECT_EQ(Field("=1+1"), "'=1+1");
  EXPECT_EQ(Field("@SUM(A1:A9)"), "'@SUM(A1:A9)");
  EXPECT_EQ(Field("=HYPERLINK(\"http://evil\",\"点击\")"), "\"'=HYPERLINK(\"\"http://evil\"\",\"\"点击\"\")\"");
  EXPECT_EQ(Field("\t=1+1"), "\"'\t=1+1\"");
  EXPECT_EQ(Field("-5"), "-5");  // a plain number stays a number
  EXPECT_EQ(Field("-5+1"), "'-5+1");
  EXPECT_EQ(Field("焊工"), "焊工");
}

TEST(CsvInjectionTest, ExportedJobTitleCannotRun) {
  const auto path = std::filesystem::temp_directory_path() / ("qjy_csv_inj_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto db = store::OpenDb(path.string());
    ASSERT_TRUE(db) << db.error().message;
    Vault vault = Vault::FromKey(std::array<uint8_t, 32>{3});
    store::RegistryStore registry(**db, vault);
    ASSERT_TRUE(registry.Migrate());
    registry::Employer e;
    e.credit_code = std::string("91520102MA6DGQJYA") + CreditCodeCheckChar("91520102MA6DGQJYA").value();
    e.county_code = "520102";
    e.name = "@SUM(1+1)*cmd";
    e.region = "520102";
    registry::Job j;
    j.county_code = "520102";
    j.employer_credit_code = e.credit_code;
    j.title = "=HYPERLINK(\"http://evil\",\"点击领取补贴\")";
    j.occupation_code = "6-18-02-04";
    j.wage_min_fen = 300000;
    j.wage_max_fen = 500000;
    j.place_region = "520102";
    j.open_on = *Date::FromYmd(2024, 3, 1);
    {
      auto tx = store::Transaction::Begin(**db);
      ASSERT_TRUE(tx);
      ASSERT_TRUE(registry.UpsertEmployer(e, "test"));
      ASSERT_TRUE(registry.UpsertJob(j, "test"));
      ASSERT_TRUE(tx->Commit());
    }
    for (Entity entity : {Entity::kJobs, Entity::kEmployers}) {
      std::ostringstream out;
      auto n = ExportCsv(entity, registry, out);
      ASSERT_TRUE(n) << n.error().message;
      const std::string csv = out.str();
      // No cell starts with = or @ (after the separator or an opening quote).
      for (const char* bad : {",=", ",@", ",\"=", ",\"@", "\n=", "\n@"}) {
        EXPECT_EQ(csv.find(bad), std::string::npos) << bad << " in\n" << csv;
      }
    }
  }
  for (auto s : {"", "-wal", "-shm", ".key"}) std::filesystem::remove(path.string() + s);
}

}  // namespace
}  // namespace qjy::importer
