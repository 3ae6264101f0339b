// What an officer can deliver (A3(五), A3(六), A3(三), A1(十五), A4(三)) and
// the facts about a registration that trigger service packages.
#ifndef QJY_SERVICES_SERVICE_KIND_H_
#define QJY_SERVICES_SERVICE_KIND_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace qjy::services {

enum class ServiceKind {
  kPolicyBriefing,        // 政策宣讲
  kCareerGuidance,        // 职业指导
  kJobRecommendation,     // 岗位推荐 (carries a job_id)
  kTrainingOffer,         // 职业培训机会
  kInternshipOffer,       // 就业见习机会
  kCivilAffairsReferral,  // 转介民政部门 (A3(三))
  kFollowUpVisit,         // 跟踪回访 (A3(五)3)
  kIndividualPlan,        // 个性化援助方案 / 一人一策
};
inline constexpr std::array<ServiceKind, 8> kAllServiceKinds = {
    ServiceKind::kPolicyBriefing,   ServiceKind::kCareerGuidance,
    ServiceKind::kJobRecommendation, ServiceKind::kTrainingOffer,
    ServiceKind::kInternshipOffer,  ServiceKind::kCivilAffairsReferral,
    ServiceKind::kFollowUpVisit,    ServiceKind::kIndividualPlan};

const char* ServiceKindCode(ServiceKind k);   // "job_recommendation"
const char* ServiceKindLabel(ServiceKind k);  // "岗位推荐"
Result<ServiceKind> ParseServiceKind(std::string_view code);

// Facts about a registration (bit flags) that packages can be triggered by.
enum class Flag : uint32_t {
  kGraduate = 1u << 0,            // 离校未就业高校毕业生 (A3(二), A1(十五))
  kGraduateDifficulty = 1u << 1,  // 困难毕业生 (A1(十六))
  kVeteran = 1u << 2,             // 退役军人 (main(十二))
  kLivingDifficulty = 1u << 3,    // 生活困难 (A3(三))
  kHardToEmploy = 1u << 4,        // 就业困难人员
};
inline constexpr std::array<Flag, 5> kAllFlags = {Flag::kGraduate, Flag::kGraduateDifficulty,
                                                  Flag::kVeteran, Flag::kLivingDifficulty,
                                                  Flag::kHardToEmploy};
const char* FlagCode(Flag f);   // "graduate"
const char* FlagLabel(Flag f);  // "离校未就业高校毕业生"
Result<Flag> ParseFlag(std::string_view code);
// "graduate,veteran" <-> bits; unknown names are an error.
std::string FlagsToText(uint32_t flags);
Result<uint32_t> FlagsFromText(std::string_view text);
inline bool Has(uint32_t flags, Flag f) { return (flags & static_cast<uint32_t>(f)) != 0; }

}  // namespace qjy::services

#endif  // QJY_SERVICES_SERVICE_KIND_H_
