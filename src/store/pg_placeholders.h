// Rewrites the portable `?` placeholders of a statement to PostgreSQL's
// $1..$n. A `?` inside a string literal ('...', E'...' with backslash
// escapes, $tag$...$tag$), a quoted identifier ("...") or a comment
// (-- ... and /* ... */, nested) is left alone.
#ifndef QJY_STORE_PG_PLACEHOLDERS_H_
#define QJY_STORE_PG_PLACEHOLDERS_H_

#include <string>
#include <string_view>

namespace qjy::store {

struct RewrittenSql {
  std::string sql;
  int params = 0;  // number of placeholders found
};

RewrittenSql RewritePlaceholders(std::string_view sql);

}  // namespace qjy::store

#endif  // QJY_STORE_PG_PLACEHOLDERS_H_
