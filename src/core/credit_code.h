// Unified social credit codes (统一社会信用代码, GB 32100-2015) of employers
// and other organisations: 18 characters from the 31-character alphabet
// 0-9 A-H J-N P-R T U W-Y (no I, O, Z, S, V):
//   1     registration authority (登记管理部门)
//   2     category within that authority (机构类别)
//   3-8   administrative division of the registering office (6 digits)
//   9-17  organisation code (GB 11714)
//   18    check character: weights 3^i mod 31 (i = 0..16), value
//         31 - (sum mod 31), 31 read as 0.
//
// Valid when the alphabet, the check character, the authority/category
// pair (table in credit_code.cc: 1 机构编制, 2 外交, 3 司法行政, 4 文化,
// 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管, A 中央军委改革和编制办公室,
// N 农业农村, Y 其他), and the division (6 digits starting with a
// provincial code, or "10" for central registrations) all agree. The
// organisation code's own check character is not verified: codes issued
// to individual businesses do not always carry a GB 11714 one.
// Lowercase input is accepted and normalised to uppercase.
#ifndef QJY_CORE_CREDIT_CODE_H_
#define QJY_CORE_CREDIT_CODE_H_

#include <string>
#include <string_view>

#include "core/error.h"

namespace qjy {

struct CreditCodeCheck {
  bool valid = false;
  std::string kind = "credit_code";
  std::string normalized;  // trimmed, uppercase
  std::string reason;      // Chinese; empty when valid
  // Filled only for a valid code.
  std::string authority;      // "市场监管"
  std::string category;       // "企业"
  std::string division_code;  // "520102"
  std::string province;       // "贵州省"; empty for central ("10") registrations
};

CreditCodeCheck CheckCreditCode(std::string_view text);

// The check character for the first 17 characters (uppercase or lowercase
// alphabet characters). kInvalidArgument otherwise.
Result<char> CreditCodeCheckChar(std::string_view first17);

// Whether every character is in the credit-code alphabet (either case).
bool IsCreditCodeAlphabet(std::string_view text);

}  // namespace qjy

#endif  // QJY_CORE_CREDIT_CODE_H_
