#include "services/package.h"

#include <gtest/gtest.h>

namespace qjy::services {
namespace {

TEST(PackageCatalogTest, ShippedFileLoadsWithCitations) {
  auto cat = PackageCatalog::LoadDefault();
  ASSERT_TRUE(cat) << cat.error().message;
  EXPECT_EQ(cat->document(), "黔府发〔2023〕12号");
  const Package* p1311 = cat->Find("1311");
  ASSERT_NE(p1311, nullptr);
  EXPECT_EQ(p1311->clause, "A4(三)");
  EXPECT_TRUE(p1311->assumed);
  EXPECT_EQ(p1311->working_days, 5);
  ASSERT_TRUE(p1311->priority.has_value());
  EXPECT_EQ(p1311->priority->flag, Flag::kVeteran);
  EXPECT_EQ(p1311->ItemsText(), "1次政策宣讲、3次岗位推荐、1次职业指导、1次职业培训机会");
  const Package* g = cat->Find("graduate_131");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->clause, "A1(十五)");
  ASSERT_EQ(g->items.size(), 3u);
  EXPECT_EQ(g->items[2].kinds.size(), 2u);  // training or internship
  for (const auto& p : cat->packages()) {
    EXPECT_FALSE(p.clause.empty()) << p.id;
    EXPECT_FALSE(p.items.empty()) << p.id;
  }
  const Package* mid_long = cat->Find("level_mid_long");
  ASSERT_NE(mid_long, nullptr);
  EXPECT_EQ(mid_long->deadline_kind, DeadlineKind::kLevelEnd);
  EXPECT_EQ(mid_long->trigger.level, Level::kMidLong);
}

struct BadCase {
  const char* yaml;
  const char* expect_in_message;
};

const BadCase kBad[] = {
    {"packages:\n - {id: a, clause: A3(六)2, valid_from: 2023-06-15, trigger: found, "
     "deadline: {working_days: 5}, items: [{service: massage, count: 1}]}\n",
     "未知的服务类型：massage"},
    {"packages:\n - {id: a, valid_from: 2023-06-15, trigger: found, "
     "deadline: {working_days: 5}, items: [{service: career_guidance}]}\n",
     "缺少条款出处"},
    {"packages:\n - {id: a, clause: X, valid_from: 2023-06-15, trigger: sometimes, "
     "deadline: {working_days: 5}, items: [{service: career_guidance}]}\n",
     "未知的触发条件"},
    {"packages:\n - {id: a, clause: X, valid_from: 2023-06-15, trigger: found, "
     "items: [{service: career_guidance}]}\n",
     "缺少期限"},
    {"packages:\n - {id: a, clause: X, valid_from: 2023-06-15, trigger: found, "
     "deadline: {level_end: true}, items: [{service: career_guidance}]}\n",
     "level_end"},
    {"packages:\n - {id: a, clause: X, trigger: found, "
     "deadline: {working_days: 5}, items: [{service: career_guidance}]}\n",
     "valid_from"},
    {"packages:\n - {id: a, clause: X, valid_from: 2023-06-15, trigger: found, "
     "deadline: {working_days: 5}, items: [{service: career_guidance, count: 0}]}\n",
     "count"},
    {"packages:\n - {id: a, clause: X, valid_from: 2023-06-15, trigger: found, "
     "deadline: {working_days: 5}, items: [{service: career_guidance}]}\n"
     " - {id: a, clause: X, valid_from: 2023-06-15, trigger: found, "
     "deadline: {working_days: 5}, items: [{service: career_guidance}]}\n",
     "id 重复"},
    {"packages: [ {", "YAML"},
};

TEST(PackageCatalogTest, BadFilesFailAtLoadWithClearMessage) {
  for (const auto& c : kBad) {
    auto cat = PackageCatalog::Parse(c.yaml, "test.yaml");
    ASSERT_FALSE(cat) << c.yaml;
    EXPECT_EQ(cat.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(cat.error().message.find(c.expect_in_message), std::string::npos)
        << cat.error().message;
    EXPECT_NE(cat.error().message.find("test.yaml"), std::string::npos) << cat.error().message;
  }
}

}  // namespace
}  // namespace qjy::services
