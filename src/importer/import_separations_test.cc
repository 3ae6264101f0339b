// Separations (离职记录): reasons, row errors, idempotent re-import.
#include <gtest/gtest.h>

#include "importer/import.h"
#include "importer/import_test_util.h"
#include "store/separation_store.h"

namespace qjy::importer {
namespace {

using namespace testing;  // NOLINT

TEST(SeparationsImportTest, RecordedWithReasonsBadRowsRejected) {
  TempDir dir;
  TestRegistry reg(dir / "r.db");
  auto run = [&](Entity e, const std::string& name, const std::string& content) {
    WriteFile(dir / name, content);
    auto r = Import(e, dir / name, *reg.registry, *reg.db, TestOptions());  // today 2024-06-01
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : ImportResult{};
  };
  run(Entity::kPersons, "p.csv", std::string(kPersonHeader) + PersonRow(1) + PersonRow(2, "李四"));
  run(Entity::kEmployers, "e.csv",
      "统一社会信用代码,单位名称,单位类型,规模,所在地\r\n" + EmployerCode(1) + ",测试有限公司,企业,小型,520102\r\n");
  run(Entity::kContracts, "c.csv",
      "身份证号,统一社会信用代码,合同开始日期,合同结束日期\r\n" + PersonId(1) + "," + EmployerCode(1) +
          ",2023-03-01,2026-02-28\r\n");
  const std::string file = std::string("身份证号,统一社会信用代码,离职日期,离职原因\r\n") +
                           PersonId(1) + "," + EmployerCode(1) + ",2024-03-10,经济性裁员\r\n" +  // row 2 ok
                           PersonId(2) + "," + EmployerCode(1) + ",2024-03-10,辞职\r\n" +       // row 3 no contract
                           PersonId(1) + "," + EmployerCode(1) + ",2024-07-01,辞职\r\n" +       // row 4 future
                           PersonId(1) + "," + EmployerCode(1) + ",2024-03-10,辞职\r\n" +       // row 5 duplicate
                           PersonId(1) + "," + EmployerCode(1) + ",2024-04-10,调岗\r\n" +       // row 6 bad reason
                           PersonId(3) + "," + EmployerCode(1) + ",2024-04-10,辞职\r\n";        // row 7 unknown person
  auto r = run(Entity::kSeparations, "s.csv", file);
  EXPECT_EQ(r.inserted, 1) << r.ToJson().dump(1);
  EXPECT_EQ(r.rejected, 5);
  const struct {
    int64_t row;
    const char* column;
    const char* part;
  } cases[] = {{3, "统一社会信用代码", "没有"}, {4, "离职日期", "晚于今天"}, {5, "离职日期", "与第 2 行重复"},
               {6, "离职原因", "无法识别"},   {7, "身份证号", "尚未登记"}};
  for (const auto& c : cases) {
    bool found = false;
    for (const auto& e : r.errors) {
      if (e.row == c.row && e.column == c.column && e.reason.find(c.part) != std::string::npos) found = true;
    }
    EXPECT_TRUE(found) << "row " << c.row << " " << r.ToJson().dump(1);
  }
  auto p = reg.registry->FindPersonByIdNumber(PersonId(1)).value();
  ASSERT_TRUE(p);
  auto stored = store::SeparationStore(*reg.db).OfPerson(p->person_id);
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].reason, registry::SeparationReason::kLayoff);
  EXPECT_EQ((*stored)[0].separated_on, *Date::Parse("2024-03-10"));
  auto again = run(Entity::kSeparations, "s.csv", file);
  EXPECT_EQ(again.unchanged, 1);
  EXPECT_EQ(again.inserted + again.updated, 0);
}

}  // namespace
}  // namespace qjy::importer
