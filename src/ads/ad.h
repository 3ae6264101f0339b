// A job ad as an employer posts it: the registry's job record plus the
// structured requirements a posting form offers, and what screening found.
// Plain value types.
#ifndef QJY_ADS_AD_H_
#define QJY_ADS_AD_H_

#include <string>
#include <vector>

#include "registry/model.h"

namespace qjy::ads {

// Structured requirements of a posting. Empty or "不限" means none.
// A minimum education is lawful and lives in `min_education`.
struct AdRequirements {
  std::string sex;          // "男" | "女" | "不限" | ""
  int age_min = 0;          // 0 = none
  int age_max = 0;          // 0 = none
  std::string hukou;        // required household registration, e.g. "贵阳市户籍"
  std::string ethnicity;    // required ethnicity
  std::string marital;      // required marital/childbearing status
  std::string school_tier;  // e.g. "985/211"
  registry::Education min_education = registry::Education::kUnknown;
};

struct JobAd {
  registry::Job job;
  AdRequirements req;
  // Whom applicants may call (issue #14): shown on the job page with the
  // phone masked. Optional; the phone is a mobile (11 digits from 1) or a
  // landline (0 + area code, optional hyphen, 7–8 digits).
  std::string contact_name;
  std::string contact_phone;
};

// One discriminatory or fraudulent element of an ad.
struct Finding {
  std::string category;    // stable code: sex, age, education, ethnicity, hukou, marital, health,
                           // appearance, religion, identity (discrimination); fee, documents, brushing,
                           // pyramid, unregistered, loan, account, terms, pay_bait (fraud)
  std::string label;       // Chinese: 性别, 年龄, ...
  std::string clause;      // e.g. "main(十八)"
  std::string field;       // Chinese field name where it was found: 岗位名称, 岗位要求, 性别要求 ...
  std::string matched;     // the offending text
  std::string suggestion;  // a neutral wording
  std::string kind = "discrimination";  // discrimination | fraud
  friend bool operator==(const Finding&, const Finding&) = default;
};

}  // namespace qjy::ads

#endif  // QJY_ADS_AD_H_
