// Where: the conditions of a list query, joined by AND, with their
// parameters in the order they appear, so that a repository's List writes
// each optional filter once instead of the four-line
// `if (!f.x.empty()) { sql += " AND x = ?"; params.push_back(f.x); }`
// repeated per filter and per repository.
//
//   store::Where w("claim_id > ?", {f.after_id});
//   w.Prefix("county_code", f.region).Eq("status", f.status).Eq("person_id", f.person_id);
//   db.Query("SELECT … FROM benefit_claims WHERE " + w.Sql() + " ORDER BY claim_id LIMIT ?",
//            w.Then(int64_t{f.limit}));
//
// A filter the caller did not set is left out: Eq and Prefix skip an empty
// string and Eq skips the id 0 (ids start at 1; a filter on "no id" is
// never meant). Column names are the caller's constants, never user input.
// A value object; cheap to build per query.
#ifndef QJY_STORE_SQL_WHERE_H_
#define QJY_STORE_SQL_WHERE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace qjy::store {

class Where {
 public:
  // No condition yet: Sql() is "1 = 1" until one is added.
  Where() = default;
  // A first condition that always applies (a keyset bound, an owner), with
  // its parameters.
  Where(std::string condition, std::vector<Value> params);

  // `column = ?` unless `value` is empty.
  Where& Eq(std::string_view column, std::string_view value);
  // `column = ?` unless `id` is 0.
  Where& Eq(std::string_view column, int64_t id);
  // `column LIKE 'prefix%'` (a region: a county code prefix) unless
  // `prefix` is empty. Region codes are digits, so no LIKE escaping.
  Where& Prefix(std::string_view column, std::string_view prefix);
  // A region on a county-code column: `column = ?` when `region` is one
  // county (6 digits: an index on the column serves it, and in order),
  // else Prefix. Nothing when `region` is empty.
  Where& County(std::string_view column, std::string_view region);
  // `substr(column, 1, n) = prefix` (the form some tables' indexes serve)
  // unless `prefix` is empty.
  Where& SubstrPrefix(std::string_view column, std::string_view prefix);
  // Any condition, always added, with its parameters.
  Where& And(std::string_view condition, std::vector<Value> params = {});

  // "a = ? AND b LIKE ? …", or "1 = 1" when nothing was added.
  std::string Sql() const;
  const std::vector<Value>& Params() const { return params_; }
  // The parameters followed by those of what the caller writes after the
  // WHERE (LIMIT, OFFSET).
  std::vector<Value> Then(std::vector<Value> more) const;
  std::vector<Value> Then(int64_t limit) const { return Then(std::vector<Value>{Value(limit)}); }

 private:
  std::vector<std::string> conditions_;
  std::vector<Value> params_;
};

}  // namespace qjy::store

#endif  // QJY_STORE_SQL_WHERE_H_
