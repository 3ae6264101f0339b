// Skill gaps against nearby jobs and the courses that close them.
#include "training/recommend.h"

#include <gtest/gtest.h>
#include "core/date_test_support.h"

namespace qjy::training {
namespace {

using ::qjy::test_support::D;

NearbyJob Job(int64_t id, const char* occ, const char* name, const char* req, int headcount = 1) {
  return {id, occ, name, std::string(name) + "岗位", req, headcount};
}

Course MakeCourse(int64_t id, const char* occ, int level, const char* kind = "employment", int left = 5) {
  Course c;
  c.course_id = id;
  c.provider_name = "县职业技能培训学校";
  c.title = "课程" + std::to_string(id);
  c.occupation_code = occ;
  c.level = level;
  c.kind = kind;
  c.start_on = D("2025-07-15");
  c.capacity = 10;
  c.enrolled = 10 - left;
  return c;
}

TEST(RecommendTest, RequiredLevelFromTheText) {
  EXPECT_EQ(RequiredCertLevel("身体健康，吃苦耐劳"), -1);
  EXPECT_EQ(RequiredCertLevel("持相应职业资格证书或技能等级证书"), 0);
  EXPECT_EQ(RequiredCertLevel("电工四级（中级工）及以上证书"), 4);
  EXPECT_EQ(RequiredCertLevel("高级技师优先"), 1);
  EXPECT_EQ(RequiredCertLevel("技师"), 2);
  EXPECT_TRUE(RelatedOccupations("4-10", "4-10-01-05"));
  EXPECT_TRUE(RelatedOccupations("4-10-01-05", "4-10"));
  EXPECT_FALSE(RelatedOccupations("4-1", "4-10"));
  EXPECT_FALSE(RelatedOccupations("4-10", "4-03"));
}

TEST(RecommendTest, GapsByOccupationAndCertificate) {
  // Holds the 电工 skill (no certificate) and a 焊工 五级 certificate.
  const std::vector<Held> held = {{"6-31-01-03", "电工", -1}, {"6-18-02-04", "焊工", 5}};
  const std::vector<NearbyJob> jobs = {
      Job(1, "6-31-01-03", "电工", "持电工四级证书", 2),
      Job(2, "6-31-01-03", "电工", "电工四级及以上证书"),
      Job(3, "6-31-01-03", "电工", "吃苦耐劳"),           // met by the skill
      Job(4, "6-18-02-04", "焊工", "焊工五级证书"),        // met by the 五级 certificate
      Job(5, "6-18-02-04", "焊工", "焊工三级证书"),        // 五级 is below 三级
      Job(6, "4-10", "生活照料服务人员", "吃苦耐劳", 3),  // an occupation not held
  };
  auto gaps = SkillGaps(held, jobs);
  ASSERT_EQ(gaps.size(), 3u);
  EXPECT_EQ(gaps[0].occupation_code, "6-31-01-03");
  EXPECT_TRUE(gaps[0].certificate);
  EXPECT_EQ(gaps[0].required_level, 4);
  EXPECT_EQ(gaps[0].jobs, 2);
  EXPECT_EQ(gaps[0].headcount, 3);
  EXPECT_EQ(gaps[1].occupation_code, "4-10");  // 1 job, 3 places
  EXPECT_FALSE(gaps[1].certificate);
  EXPECT_EQ(gaps[2].required_level, 3);

  const std::vector<Course> courses = {
      MakeCourse(10, "6-31-01-03", 5),           // 五级: below the 四级 asked
      MakeCourse(11, "6-31-01-03", 4),
      MakeCourse(12, "4-10-01-05", 5),
      MakeCourse(13, "4-10-01-05", 0, "startup"),  // 创业培训 closes no gap
      MakeCourse(14, "6-18-02-04", 3, "employment", 0),  // no place left
      MakeCourse(15, "2-02", 3),
  };
  auto recs = RecommendCourses(gaps, courses, [](const std::string& code) {
    return code == "6-31-01-03" ? std::string("电工") : std::string();
  }, 10);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].course.course_id, 11);
  EXPECT_EQ(recs[0].reason,
            "附近 2 个岗位要求 电工 四级证书，本人尚无该证书；本课程「课程11」（县职业技能培训学校，2025-07-15 开课，余 5 "
            "个名额）结业可考取 电工 四级/中级工 证书");
  EXPECT_EQ(recs[1].course.course_id, 12);
  EXPECT_NE(recs[1].reason.find("附近 1 个生活照料服务人员岗位在招（共招 3 人），本人尚无该职业的技能或证书"),
            std::string::npos);
  EXPECT_EQ(RecommendCourses(gaps, courses, nullptr, 1).size(), 1u);
  EXPECT_TRUE(SkillGaps(held, {Job(3, "6-31-01-03", "电工", "")}).empty());
}

}  // namespace
}  // namespace qjy::training
