// Employment events (issue #12 §1): hires and separations with their date
// and reason, so flows can be counted per period. A hire is a contract's
// start; a separation is recorded (the separations import: who left which
// employer when and why) or, for a contract whose end date has passed with
// nothing recorded, derived as 终止 (the contract ran out).
#ifndef QJY_REGISTRY_EMPLOYMENT_H_
#define QJY_REGISTRY_EMPLOYMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace qjy::registry {

enum class SeparationReason {
  kResigned,    // 辞职
  kDismissed,   // 解除 (the employer ended it)
  kExpired,     // 终止 (the contract ran out)
  kLayoff,      // 裁员 (economic layoff)
  kRetired,     // 退休
  kDeath,       // 死亡
};
inline constexpr SeparationReason kAllSeparationReasons[] = {
    SeparationReason::kResigned, SeparationReason::kDismissed, SeparationReason::kExpired,
    SeparationReason::kLayoff,   SeparationReason::kRetired,   SeparationReason::kDeath};
std::string_view SeparationReasonCode(SeparationReason r);   // "resigned", ...
std::string_view SeparationReasonLabel(SeparationReason r);  // "辞职", ...
// Code or Chinese label ("辞职", "解除劳动合同", "合同到期终止" ... contain the label).
std::optional<SeparationReason> ParseSeparationReason(std::string_view text);

// How an employer reads in a reason shown to users: its name; when the
// registry has no name, "名称未登记（统一社会信用代码 …）" so it can still be
// found; "（单位未记录）" without a code.
std::string EmployerInText(std::string_view credit_code, std::string_view name);

// A recorded separation (table `separations`, store/separation_store.h).
struct Separation {
  std::string county_code;           // the person's owning county
  int64_t person_id = 0;
  std::string person_id_number;      // natural key of imports; plaintext in memory only
  std::string employer_credit_code;
  Date separated_on;                 // the last day employed
  SeparationReason reason = SeparationReason::kResigned;
};

enum class EventKind { kHire, kSeparation };

struct EmploymentEvent {
  EventKind kind = EventKind::kHire;
  Date on;                           // hire: first day; separation: last day
  std::string county_code;           // the person's owning county
  int64_t person_id = 0;
  std::string employer_credit_code;
  std::optional<SeparationReason> reason;  // separations only
  bool derived = false;              // a separation derived from a past end date
};

}  // namespace qjy::registry

#endif  // QJY_REGISTRY_EMPLOYMENT_H_
