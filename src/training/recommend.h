// Course recommendations from skill gaps (issue #16 §2, A3(五)2): where a
// seeker falls short of the open jobs around them — the job's occupation
// is one they hold no skill or certificate of, or the job asks for a
// certificate (of a level) they do not hold — the open courses that close
// the gap, each with a Chinese reason.
//
// Pure: the caller gathers the jobs (from the match index: open jobs of the
// person's prefecture), the person's skills and certificates (as occupation
// codes, match::OccupationOfSkill) and the open courses
// (TrainingStore::OpenCourses), and names the occupations.
//
// Occupations are related when one code is the other or its ancestor in the
// 2022 classification ("4-10" and "4-10-01-05"). A job asks for a
// certificate when its requirements or title name 证书 or a level (五级..一级,
// 初级工..高级技师); the level, when named, is the lowest accepted (a
// certificate of that level or higher — a smaller number — meets it).
#ifndef QJY_TRAINING_RECOMMEND_H_
#define QJY_TRAINING_RECOMMEND_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "training/training_store.h"

namespace qjy::training {

// What the person holds: a skill (level -1) or a certificate (level 0
// ungraded, 1..5) of an occupation.
struct Held {
  std::string occupation_code;
  std::string name;
  int level = -1;
};

struct NearbyJob {
  int64_t job_id = 0;
  std::string occupation_code, occupation_name, title, requirements;
  int headcount = 1;
};

// -1: no certificate asked; 0: a certificate of the occupation, any level;
// 1..5: that level or higher.
int RequiredCertLevel(std::string_view text);
bool RelatedOccupations(std::string_view a, std::string_view b);

// One shortfall: jobs of an occupation the person lacks, or whose
// certificate they lack.
struct Gap {
  std::string occupation_code, occupation_name;
  int required_level = -1;       // as RequiredCertLevel, for certificate gaps
  bool certificate = false;      // the certificate is what is missing
  int jobs = 0, headcount = 0;   // nearby postings and places
};

// Gaps of the person against the jobs, the largest (jobs, then headcount)
// first; jobs the person fully meets make none.
std::vector<Gap> SkillGaps(const std::vector<Held>& held, const std::vector<NearbyJob>& jobs);

struct Recommendation {
  Course course;
  Gap gap;
  std::string reason;  // "附近 3 个岗位要求 电工 四级证书，本人尚无该证书；本课程「…」…结业可获 …"
};

// For each gap, the courses that close it (related occupation; for a
// certificate gap a graded course at the level asked or higher, or any
// graded course when no level is named; 创业培训 closes none); each course
// once, with its largest gap; at most `limit`. `occupation_name(code)`
// names a course's occupation in the reason ("" → the course's title).
std::vector<Recommendation> RecommendCourses(const std::vector<Gap>& gaps, const std::vector<Course>& courses,
                                             const std::function<std::string(const std::string&)>& occupation_name,
                                             size_t limit);

nlohmann::json GapJson(const Gap& g);
nlohmann::json RecommendationJson(const Recommendation& r);

}  // namespace qjy::training

#endif  // QJY_TRAINING_RECOMMEND_H_
