// The 34 provincial-level divisions by their 2-digit code (GB/T 2260): the
// first two digits of a resident ID number and of the division part of a
// credit code. The set is 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71
// (台湾), 81 (香港), 82 (澳门). Not included: 83, used since 2018 by
// residence permits for Taiwan residents, and 91 ("abroad") that some
// validators accept; neither is a provincial division.
#ifndef QJY_CORE_PROVINCES_H_
#define QJY_CORE_PROVINCES_H_

#include <string_view>

namespace qjy {

// "贵州省" for "52"; empty for anything that is not one of the 34 codes.
std::string_view ProvinceName(std::string_view two_digit_code);
inline bool IsProvinceCode(std::string_view code) { return !ProvinceName(code).empty(); }

}  // namespace qjy

#endif  // QJY_CORE_PROVINCES_H_
