#include "gen/checks.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/credit_code.h"
#include "core/id_number.h"

namespace qjy::gen {
namespace {

[[noreturn]] void Bug(const char* what, std::string_view input) {
  std::fprintf(stderr, "生成器内部错误：%s %s\n", what, std::string(input).c_str());
  std::abort();
}

}  // namespace

char ResidentIdCheckChar(std::string_view first17) {
  auto c = qjy::ResidentIdCheckChar(first17);
  if (!c) Bug("身份证号校验位", first17);
  return *c;
}

char CreditCodeCheckChar(std::string_view first17) {
  auto c = qjy::CreditCodeCheckChar(first17);
  if (!c) Bug("统一社会信用代码校验位", first17);
  return *c;
}

// GB 11714-1997 organisation code check character (core does not verify it,
// see core/credit_code.h): weights 3 7 9 10 5 8 4 2 over values 0-9, A=10
// .. Z=35; 11 - (sum mod 11), 10 -> 'X', 11 -> '0'.
char OrgCodeCheckChar(std::string_view first8) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  if (first8.size() != 8) Bug("组织机构代码", first8);
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    const char ch = first8[i];
    int v = 0;
    if (ch >= '0' && ch <= '9') v = ch - '0';
    else if (ch >= 'A' && ch <= 'Z') v = ch - 'A' + 10;
    else Bug("组织机构代码", first8);
    sum += v * kWeights[i];
  }
  const int c = 11 - sum % 11;
  return c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c);
}

}  // namespace qjy::gen
