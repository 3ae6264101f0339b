// UTF-8 text handling for user-supplied strings: validation, repair, and
// truncation that never cuts a character in half. Every cut of user text
// (error excerpts, masks) goes through these, so that whatever is later
// serialised (JSON, CSV, logs) stays valid UTF-8. Pure functions.
#ifndef QJY_CORE_UTF8_H_
#define QJY_CORE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace qjy {

// Strict UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view s);

// `s` with every invalid byte sequence replaced by U+FFFD; `s` itself when
// it is valid.
std::string RepairUtf8(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` bytes that does not end
// inside a multi-byte character (for valid UTF-8 input).
std::string_view Utf8Prefix(std::string_view s, size_t max_bytes);

// Number of characters (code points, for valid UTF-8).
size_t Utf8Length(std::string_view s);

// The first `n` characters / the last `n` characters (code points).
std::string_view Utf8First(std::string_view s, size_t n);
std::string_view Utf8Last(std::string_view s, size_t n);

}  // namespace qjy

#endif  // QJY_CORE_UTF8_H_
