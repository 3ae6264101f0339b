#include "store/pg_placeholders.h"

#include <gtest/gtest.h>

namespace qjy::store {
namespace {

TEST(RewritePlaceholders, Table) {
  static const struct {
    const char* in;
    const char* out;
    int params;
  } kCases[] = {
      {"SELECT 1", "SELECT 1", 0},
      {"SELECT ?, ?", "SELECT $1, $2", 2},
      {"INSERT INTO t VALUES ('?', ?)", "INSERT INTO t VALUES ('?', $1)", 1},
      {"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
      {"SELECT E'a\\'?', ?", "SELECT E'a\\'?', $1", 1},
      {"SELECT \"we?ird\" FROM t WHERE a = ?", "SELECT \"we?ird\" FROM t WHERE a = $1", 1},
      {"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
      {"SELECT /* ? /* ? */ ? */ ?", "SELECT /* ? /* ? */ ? */ $1", 1},
      {"SELECT $$ ? $$, $tag$ '?' $tag$, ?", "SELECT $$ ? $$, $tag$ '?' $tag$, $1", 1},
      {"SELECT a$b, ?", "SELECT a$b, $1", 1},
      {"SELECT '?", "SELECT '?", 0},  // unterminated literal: left alone
  };
  for (const auto& c : kCases) {
    RewrittenSql r = RewritePlaceholders(c.in);
    EXPECT_EQ(r.sql, c.out) << c.in;
    EXPECT_EQ(r.params, c.params) << c.in;
  }
}

TEST(RewritePlaceholders, ManyParams) {
  std::string sql = "VALUES (";
  for (int i = 0; i < 12; ++i) sql += i ? ",?" : "?";
  sql += ")";
  RewrittenSql r = RewritePlaceholders(sql);
  EXPECT_EQ(r.params, 12);
  EXPECT_NE(r.sql.find("$12)"), std::string::npos);
  EXPECT_NE(r.sql.find("$10,$11"), std::string::npos);
}

}  // namespace
}  // namespace qjy::store
