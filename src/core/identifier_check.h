// One entry point for "is this identifier valid?" when the caller does not
// know whether it holds a resident ID number or a credit code (the
// `qjy id check` command, import previews).
//
// Kind by shape, after trimming white space:
//   - 17 digits + digit/X/x: checked as a resident ID. If that fails but the
//     same 18 characters form a valid credit code (some public institutions
//     have all-digit codes), the credit-code verdict is returned instead.
//   - other 18-character text in the credit-code alphabet: credit code.
//   - 18 characters with at least 15 digits: resident ID (a mistyped one).
//   - any other 18-character text: credit code.
//   - other lengths: resident ID when only digits and X/x, credit code
//     when only credit-code characters, else kind "unknown".
#ifndef QJY_CORE_IDENTIFIER_CHECK_H_
#define QJY_CORE_IDENTIFIER_CHECK_H_

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/date.h"

namespace qjy {

struct IdentifierVerdict {
  std::string input;       // exactly as given
  bool valid = false;
  std::string kind;        // "resident_id", "credit_code" or "unknown"
  std::string normalized;  // trimmed, uppercase check letters
  std::string reason;      // Chinese; empty when valid
  // Only for a valid resident ID: birth date, "男"/"女".
  std::optional<Date> birth_date;
  std::optional<std::string> sex;
  // Province name for a valid resident ID, or a valid credit code
  // registered in a province (not for central "10" registrations).
  std::optional<std::string> province;
};

IdentifierVerdict CheckIdentifier(std::string_view input, Date today);

// {"input","valid","kind","reason","birth_date","sex","province","normalized"}
// in that order;
// absent values are null, birth_date is "YYYY-MM-DD", reason "" when valid.
nlohmann::ordered_json ToJson(const IdentifierVerdict& verdict);

}  // namespace qjy

#endif  // QJY_CORE_IDENTIFIER_CHECK_H_
