#include "services/service_kind.h"

namespace qjy::services {

const char* ServiceKindCode(ServiceKind k) {
  switch (k) {
    case ServiceKind::kPolicyBriefing: return "policy_briefing";
    case ServiceKind::kCareerGuidance: return "career_guidance";
    case ServiceKind::kJobRecommendation: return "job_recommendation";
    case ServiceKind::kTrainingOffer: return "training_offer";
    case ServiceKind::kInternshipOffer: return "internship_offer";
    case ServiceKind::kCivilAffairsReferral: return "civil_affairs_referral";
    case ServiceKind::kFollowUpVisit: return "follow_up_visit";
    case ServiceKind::kIndividualPlan: return "individual_plan";
  }
  return "policy_briefing";
}

const char* ServiceKindLabel(ServiceKind k) {
  switch (k) {
    case ServiceKind::kPolicyBriefing: return "政策宣讲";
    case ServiceKind::kCareerGuidance: return "职业指导";
    case ServiceKind::kJobRecommendation: return "岗位推荐";
    case ServiceKind::kTrainingOffer: return "职业培训机会";
    case ServiceKind::kInternshipOffer: return "就业见习机会";
    case ServiceKind::kCivilAffairsReferral: return "转介民政部门";
    case ServiceKind::kFollowUpVisit: return "跟踪回访";
    case ServiceKind::kIndividualPlan: return "个性化援助方案";
  }
  return "政策宣讲";
}

Result<ServiceKind> ParseServiceKind(std::string_view code) {
  for (ServiceKind k : kAllServiceKinds) {
    if (code == ServiceKindCode(k) || code == ServiceKindLabel(k)) return k;
  }
  return Fail(ErrorCode::kInvalidArgument, "未知的服务类型：" + std::string(code));
}

const char* FlagCode(Flag f) {
  switch (f) {
    case Flag::kGraduate: return "graduate";
    case Flag::kGraduateDifficulty: return "graduate_difficulty";
    case Flag::kVeteran: return "veteran";
    case Flag::kLivingDifficulty: return "living_difficulty";
    case Flag::kHardToEmploy: return "hard_to_employ";
  }
  return "graduate";
}

const char* FlagLabel(Flag f) {
  switch (f) {
    case Flag::kGraduate: return "离校未就业高校毕业生";
    case Flag::kGraduateDifficulty: return "困难高校毕业生";
    case Flag::kVeteran: return "退役军人";
    case Flag::kLivingDifficulty: return "生活困难";
    case Flag::kHardToEmploy: return "就业困难人员";
  }
  return "";
}

Result<Flag> ParseFlag(std::string_view code) {
  for (Flag f : kAllFlags) {
    if (code == FlagCode(f)) return f;
  }
  return Fail(ErrorCode::kInvalidArgument, "未知的人员标记：" + std::string(code));
}

std::string FlagsToText(uint32_t flags) {
  std::string out;
  for (Flag f : kAllFlags) {
    if (!Has(flags, f)) continue;
    if (!out.empty()) out += ',';
    out += FlagCode(f);
  }
  return out;
}

Result<uint32_t> FlagsFromText(std::string_view text) {
  uint32_t bits = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t comma = text.find(',', i);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view part = text.substr(i, comma - i);
    if (!part.empty()) {
      auto f = ParseFlag(part);
      if (!f) return std::unexpected(f.error());
      bits |= static_cast<uint32_t>(*f);
    }
    i = comma + 1;
  }
  return bits;
}

}  // namespace qjy::services
