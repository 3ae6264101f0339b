// Recording a batch run's recommendations as service records and exporting
// them (SQLite and PostgreSQL): once per registration and job, only inside
// the given region, persons without an open registration skipped.
#include "match/batch_record.h"

#include <filesystem>
#include <unistd.h>

#include <gtest/gtest.h>

#include "importer/xlsx_reader.h"
#include "match/match_store_test_support.h"

namespace qjy::match {
namespace {

using test_support::D;

class BatchRecordTest : public test_support::MatchStoreTest {
 protected:
  void Register(int64_t person, const char* county) {
    services::Registration r;
    r.person_id = person;
    r.county_code = county;
    r.registered_on = r.found_on = D("2024-05-01");
    r.region_code = std::string(county) + "001";
    r.officer = "o";
    ASSERT_TRUE(services::ServicesStore(*db_).AddRegistration(r));
  }
  int64_t Recommendations(int64_t person) {
    auto recs = services::ServicesStore(*db_).RecordsOfPerson(person);
    EXPECT_TRUE(recs);
    int64_t n = 0;
    for (const auto& r : *recs) n += r.kind == services::ServiceKind::kJobRecommendation;
    return n;
  }
};

TEST_P(BatchRecordTest, RecordsOncePerJobOnlyInsideTheRegion) {
  const int64_t a = AddPerson(1, "520102003", {});
  const int64_t b = AddPerson(2, "520103001", {});
  const int64_t unregistered = AddPerson(3, "520102003", {});
  const int64_t outside = AddPerson(4, "520302001", {});
  Register(a, "520102");
  Register(b, "520103");
  Register(outside, "520302");
  const int64_t j1 = AddJob("收银员", "4-01", "520102", "2024-05-20", "2024-07-31");
  const int64_t j2 = AddJob("电焊工", "6-18-02-04", "520103", "2024-05-20", "2024-07-31");
  auto job = [](int64_t id) { return BatchRow::Job{id, "岗位", "91520102MA6DXXXX1X", 80, "职业相同 · 同县"}; };
  const std::vector<BatchRow> rows = {
      {a, "520102", {job(j1), job(j2)}, ""},
      {b, "520103", {job(j2)}, "可行岗位不足 3 个"},
      {unregistered, "520102", {job(j1)}, ""},
      {outside, "520302", {job(j1)}, ""},
  };

  auto first = RecordBatch(*db_, rows, D("2024-06-01"), "county_officer", "5201");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->added, 3u);
  EXPECT_EQ(first->already, 0u);
  EXPECT_EQ(first->not_registered, 1u);
  EXPECT_EQ(Recommendations(a), 2);
  EXPECT_EQ(Recommendations(b), 1);
  EXPECT_EQ(Recommendations(outside), 0) << "a county outside the region is not written";
  auto recs = services::ServicesStore(*db_).RecordsOfPerson(a);
  ASSERT_TRUE(recs);
  ASSERT_FALSE(recs->empty());
  EXPECT_EQ(recs->front().officer, "county_officer");
  EXPECT_EQ(recs->front().delivered_on, D("2024-06-01"));
  EXPECT_TRUE(recs->front().outcome.starts_with("批量推荐："));

  auto again = RecordBatch(*db_, rows, D("2024-06-02"), "county_officer", "5201");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->added, 0u);
  EXPECT_EQ(again->already, 3u);
  EXPECT_EQ(Recommendations(a), 2);
}

TEST_P(BatchRecordTest, ExportNamesPersonsJobsAndEmployersWithoutIdNumbers) {
  const std::vector<BatchRow> rows = {
      {7, "520102", {{11, "收银员", "91520102MA6DXXXX1X", 80, "职业相同"}}, ""},
      {8, "520103", {}, "名额已满"},
  };
  const auto path = std::filesystem::temp_directory_path() / ("batch-export-" + std::to_string(::getpid()) + ".xlsx");
  auto w = WriteBatchXlsx(rows, {{7, "张三"}}, {{"91520102MA6DXXXX1X", "贵阳某超市有限公司"}},
                          {{"520102", "贵州省贵阳市南明区"}}, path.string());
  ASSERT_TRUE(w) << w.error().message;
  auto book = importer::XlsxReader::Open(path.string());
  ASSERT_TRUE(book) << book.error().message;
  auto sheet = (*book)->ReadSheet(0);
  std::filesystem::remove(path);
  ASSERT_TRUE(sheet) << sheet.error().message;
  ASSERT_EQ(sheet->size(), 3u) << "header, one recommendation, one shortfall";
  EXPECT_EQ((*sheet)[0].cells[1], "姓名");
  const auto& rec = (*sheet)[1].cells;
  ASSERT_GE(rec.size(), 8u);
  EXPECT_EQ(rec[0], "7");
  EXPECT_EQ(rec[1], "张三");
  EXPECT_EQ(rec[2], "贵州省贵阳市南明区");
  EXPECT_EQ(rec[4], "收银员");
  EXPECT_EQ(rec[5], "贵阳某超市有限公司");
  const auto& short_row = (*sheet)[2].cells;
  ASSERT_EQ(short_row.size(), 9u);
  EXPECT_EQ(short_row[1], "未登记") << "a person without a name in the registry";
  EXPECT_EQ(short_row[8], "名额已满");
  for (const auto& r : *sheet) {
    for (const auto& cell : r.cells) EXPECT_EQ(cell.find("91520102"), std::string::npos) << "no credit code: names";
  }
}

QJY_INSTANTIATE_STORE_TEST(BatchRecordTest);

}  // namespace
}  // namespace qjy::match
