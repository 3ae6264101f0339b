// Masking of identity fields for every response, export and log line.
// ID: first 4 and last 4 characters (characters, not bytes: a multi-byte
// character is never cut), the rest (including the birth date)
// hidden: "5201**********123X". Phone: "138****5678". Inputs of unexpected
// length are masked wholesale rather than passed through.
#ifndef QJY_CORE_MASK_H_
#define QJY_CORE_MASK_H_

#include <string>
#include <string_view>

namespace qjy {

std::string MaskIdNumber(std::string_view id);
std::string MaskPhone(std::string_view phone);
// Masks any value: ID-like (15/18 ASCII chars) or phone-like (11 digits) text as
// above, anything else shortened to its first character plus "**".
std::string MaskValue(std::string_view value);
// A person's name for an employer (issue #14): the first character, then
// one "*" per further character, at least one: "张三" -> "张*",
// "欧阳小明" -> "欧***". Whole UTF-8 characters; "" stays "".
std::string MaskPersonName(std::string_view name);

}  // namespace qjy

#endif  // QJY_CORE_MASK_H_
