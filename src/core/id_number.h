// Resident identity card numbers (公民身份号码, GB 11643-1999): 6-digit
// address code, 8-digit birth date YYYYMMDD, 3-digit sequence (odd for men,
// even for women), 1 check character (ISO 7064 MOD 11-2, 'X' for 10).
//
// A number is valid when it has 18 characters, the first 17 digits and the
// last a digit or X (a lowercase x is accepted and normalised to X), its
// first two digits are one of the 34 provincial codes (core/provinces.h),
// the birth date exists, is not before 1900-01-01 and not after `today`,
// and the check character matches. The remaining 4 address digits are not
// checked: an ID keeps the code of its place of issue even after that
// county is abolished or renumbered; they are looked up for display only.
// The 15-digit numbers of the first generation are not accepted.
#ifndef QJY_CORE_ID_NUMBER_H_
#define QJY_CORE_ID_NUMBER_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"

namespace qjy {

class RegionIndex;

struct ResidentIdCheck {
  bool valid = false;
  std::string kind = "resident_id";
  std::string normalized;  // trimmed, 'x' -> 'X'; the input trimmed when unusable
  std::string reason;      // Chinese; empty when valid
  // Filled only for a valid number.
  std::optional<Date> birth_date;
  std::string sex;         // "男" / "女"
  std::string province;    // "贵州省"
  std::string area_code;   // first 6 digits, "520102"
  std::string area_name;   // full name when `regions` knows the code, else empty
};

// Checks `text` (surrounding white space ignored). `today` is injected so
// that "birth date in the future" is deterministic. `regions` is optional
// and used only to fill area_name.
ResidentIdCheck CheckResidentId(std::string_view text, Date today,
                                const RegionIndex* regions = nullptr);

// The check character ('0'..'9' or 'X') for the first 17 digits of a
// number. kInvalidArgument unless `first17` is exactly 17 digits.
Result<char> ResidentIdCheckChar(std::string_view first17);

}  // namespace qjy

#endif  // QJY_CORE_ID_NUMBER_H_
