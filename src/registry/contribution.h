// Social-insurance contributions as dated months (issue #12 §1): one
// record per person, payer and calendar month, as the insurance system
// exports them. Conditions such as "参加失业保险1年以上" or "缴纳社会保险3个月"
// count these months, never the length of a contract.
//
// A month is an integer: year * 12 + (month - 1) (2023-07 → 24282), so
// months compare and subtract as numbers. Text form "YYYY-MM".
#ifndef QJY_REGISTRY_CONTRIBUTION_H_
#define QJY_REGISTRY_CONTRIBUTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace qjy::registry {

// Insurance kinds, as bits of Contribution::kinds.
enum class InsuranceKind : uint8_t {
  kPension = 1,       // 养老保险
  kUnemployment = 2,  // 失业保险
  kMedical = 4,       // 医疗保险
  kInjury = 8,        // 工伤保险
};
inline constexpr uint8_t kAllInsuranceKinds = 15;
inline constexpr uint8_t Bit(InsuranceKind k) { return static_cast<uint8_t>(k); }
std::string_view InsuranceKindLabel(InsuranceKind k);  // "养老"
// "养老;失业;医疗;工伤" for the set bits, in that order ("" for none).
std::string InsuranceKindsText(uint8_t kinds);
// Reads "养老;失业" / "养老保险、医疗保险" / "全部" / "五险" ... (separators
// ; ； , ， 、 / and spaces); nullopt for an unknown name or an empty set.
std::optional<uint8_t> ParseInsuranceKinds(std::string_view text);

struct Contribution {
  std::string county_code;           // the person's owning county (shard key)
  int64_t person_id = 0;
  std::string person_id_number;      // natural key of imports; plaintext in memory only
  std::string employer_credit_code;  // the payer; "" = paid as an individual (灵活就业)
  int32_t month = 0;                 // MonthIndex
  uint8_t kinds = 0;                 // InsuranceKind bits, at least one
  int64_t base_fen = 0;              // monthly contribution base (缴费基数)
};

constexpr int32_t MonthIndex(int year, int month) { return year * 12 + (month - 1); }
inline int32_t MonthOf(Date d) { return MonthIndex(d.year(), d.month()); }
std::string MonthText(int32_t month);  // "2023-07"
// "2023-07", "2023-7", "202307", "2023/07", "2023年7月", "2023-07-01"; nullopt otherwise.
std::optional<int32_t> ParseMonth(std::string_view text);

}  // namespace qjy::registry

#endif  // QJY_REGISTRY_CONTRIBUTION_H_
