// Match profiles: what a seeker wants and offers, what a job requires
// beyond its registry record (registry/model.h Job). Plain value types.
// Region codes as in the registry (county = 6 digits, province = 2).
#ifndef QJY_MATCH_PROFILE_H_
#define QJY_MATCH_PROFILE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/model.h"

namespace qjy::match {

// How far from home a seeker will work (besides the named provinces).
enum class PlaceScope { kCounty, kPrefecture, kProvince };
const char* PlaceScopeCode(PlaceScope s);  // "county" | "prefecture" | "province"
Result<PlaceScope> ParsePlaceScope(std::string_view s);

struct SeekerProfile {
  int64_t person_id = 0;
  std::string county_code;                       // owning county (scoping)
  std::vector<std::string> desired_occupations;  // 2022 codes, at most 3 used
  std::vector<std::string> skills;               // skill and certificate names
  registry::Education education = registry::Education::kUnknown;
  int experience_years = 0;
  std::string home_county;                       // 6 digits
  PlaceScope scope = PlaceScope::kProvince;
  std::vector<std::string> outbound_provinces;   // 2-digit codes, e.g. "44" 广东
  int64_t expected_wage_fen = 0;                 // monthly; 0 = not stated
  std::optional<registry::JobType> work_type;    // empty = any
  Date available_from;
  bool registered_unemployed = false;            // open unemployment registration
  bool derived = false;                          // built from the registry, not stored
};

// What a job requires beyond its registry record.
struct JobRequirements {
  std::vector<std::string> skills;  // skill or certificate names
  registry::Education min_education = registry::Education::kUnknown;  // kUnknown = none
};

// Best-effort requirements read from the job's free text and title:
// "大专及以上学历" -> kJuniorCollege, skill names found in the title
// (the skill list of match/data/skills.csv).
JobRequirements DeriveRequirements(const registry::Job& job);

// A profile from the registry when none is stored: desired occupations from
// the person's skills and certificates (match/data/skills.csv), home county
// from the residence region (else the owning county), whole province,
// full-time, available from `today`.
SeekerProfile DeriveProfile(const registry::Person& p, Date today);

// Skill name -> occupation code (match/data/skills.csv); "" when unknown.
std::string OccupationOfSkill(std::string_view skill);
// The reverse, for naming a certificate of an occupation: the name of
// match/data/skills.csv whose code is `code` or its nearest ancestor
// ("4-10-01-02" → 育婴员 of "4-10-01"), the longest name on ties
// ("中式烹调师" before "中式烹调"); "" when none is.
std::string SkillOfOccupation(std::string_view code);
// The skill names of that file (for requirement derivation and tests).
const std::vector<std::string>& KnownSkills();

// Checks a profile a user submitted; Chinese error naming the field.
Result<void> ValidateProfile(const SeekerProfile& p);

}  // namespace qjy::match

#endif  // QJY_MATCH_PROFILE_H_
