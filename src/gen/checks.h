// The check characters the generator needs, taken from core (never
// recomputed here): GB 11643 for resident IDs, GB 32100 for unified social
// credit codes and GB 11714 for the organisation-code part of the latter.
// Inputs are produced by the generator itself, so a failure is a bug and
// aborts with a message.
#ifndef QJY_GEN_CHECKS_H_
#define QJY_GEN_CHECKS_H_

#include <string_view>

namespace qjy::gen {

char ResidentIdCheckChar(std::string_view first17);
char CreditCodeCheckChar(std::string_view first17);
char OrgCodeCheckChar(std::string_view first8);

}  // namespace qjy::gen

#endif  // QJY_GEN_CHECKS_H_
