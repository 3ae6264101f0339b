#include "registry/employment.h"

namespace qjy::registry {

std::string_view SeparationReasonCode(SeparationReason r) {
  switch (r) {
    case SeparationReason::kResigned: return "resigned";
    case SeparationReason::kDismissed: return "dismissed";
    case SeparationReason::kExpired: return "expired";
    case SeparationReason::kLayoff: return "layoff";
    case SeparationReason::kRetired: return "retired";
    case SeparationReason::kDeath: return "death";
  }
  return "?";
}

std::string_view SeparationReasonLabel(SeparationReason r) {
  switch (r) {
    case SeparationReason::kResigned: return "辞职";
    case SeparationReason::kDismissed: return "解除";
    case SeparationReason::kExpired: return "终止";
    case SeparationReason::kLayoff: return "裁员";
    case SeparationReason::kRetired: return "退休";
    case SeparationReason::kDeath: return "死亡";
  }
  return "?";
}

std::optional<SeparationReason> ParseSeparationReason(std::string_view text) {
  for (SeparationReason r : kAllSeparationReasons) {
    if (text == SeparationReasonCode(r)) return r;
  }
  std::optional<SeparationReason> found;
  for (SeparationReason r : kAllSeparationReasons) {
    if (text.find(SeparationReasonLabel(r)) == std::string_view::npos) continue;
    if (found) return std::nullopt;  // two reasons in one cell: ambiguous
    found = r;
  }
  if (!found && (text.find("到期") != std::string_view::npos)) found = SeparationReason::kExpired;
  return found;
}

std::string EmployerInText(std::string_view credit_code, std::string_view name) {
  if (!name.empty()) return std::string(name);
  if (credit_code.empty()) return "（单位未记录）";
  return "名称未登记（统一社会信用代码 " + std::string(credit_code) + "）";
}

}  // namespace qjy::registry
