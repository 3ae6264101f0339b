#include "store/pg_placeholders.h"

#include <cctype>

namespace qjy::store {
namespace {

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// If a dollar-quote tag ($$ or $tag$) starts at `i`, returns its length.
size_t DollarTag(std::string_view s, size_t i) {
  if (s[i] != '$') return 0;
  // A tag cannot follow an identifier character ($ inside names, $1 params).
  if (i > 0 && IsIdentChar(s[i - 1])) return 0;
  size_t j = i + 1;
  if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) return 0;
  while (j < s.size() && IsIdentChar(s[j]) && s[j] != '$') ++j;
  if (j < s.size() && s[j] == '$') return j - i + 1;
  return 0;
}

}  // namespace

RewrittenSql RewritePlaceholders(std::string_view s) {
  RewrittenSql out;
  out.sql.reserve(s.size() + 16);
  size_t i = 0;
  auto copy_until = [&](size_t end) {
    out.sql.append(s.substr(i, end - i));
    i = end;
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.params);
      ++i;
    } else if (c == '\'') {
      // E'...' allows backslash escapes; plain '...' only doubles quotes.
      bool escapes = i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') &&
                     (i < 2 || !IsIdentChar(s[i - 2]));
      size_t j = i + 1;
      while (j < s.size()) {
        if (escapes && s[j] == '\\') {
          j += 2;
        } else if (s[j] == '\'') {
          if (j + 1 < s.size() && s[j + 1] == '\'') {
            j += 2;
          } else {
            ++j;
            break;
          }
        } else {
          ++j;
        }
      }
      copy_until(std::min(j, s.size()));
    } else if (c == '"') {
      size_t j = i + 1;
      while (j < s.size()) {
        if (s[j] == '"') {
          if (j + 1 < s.size() && s[j + 1] == '"') {
            j += 2;
            continue;
          }
          ++j;
          break;
        }
        ++j;
      }
      copy_until(std::min(j, s.size()));
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      size_t j = s.find('\n', i);
      copy_until(j == std::string_view::npos ? s.size() : j);
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      int depth = 0;
      size_t j = i;
      while (j < s.size()) {
        if (s.substr(j, 2) == "/*") {
          ++depth;
          j += 2;
        } else if (s.substr(j, 2) == "*/") {
          j += 2;
          if (--depth == 0) break;
        } else {
          ++j;
        }
      }
      copy_until(std::min(j, s.size()));
    } else if (size_t tag = DollarTag(s, i); tag > 0) {
      std::string_view t = s.substr(i, tag);
      size_t end = s.find(t, i + tag);
      copy_until(end == std::string_view::npos ? s.size() : end + tag);
    } else {
      out.sql += c;
      ++i;
    }
  }
  return out;
}

}  // namespace qjy::store
