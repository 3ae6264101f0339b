// Status facts file (资金监管比对信息): deaths, emigration and imprisonment
// of persons and deregistration of employers, as a CSV with a header row:
//
//   类型,编号,情形,开始日期,结束日期,县区代码,来源
//   人员,1024,死亡,2024-03-02,,520102,民政部门死亡登记
//   人员,2048,服刑,2023-05-01,2025-04-30,520102,司法行政部门
//   单位,91520102MA6DKXXXX1,注销,2024-01-15,,520102,市场监管部门
//
// 类型 人员 (编号 = the registry's person number) or 单位 (编号 = unified
// social credit code); 情形 死亡 | 出境定居 | 服刑 (persons) or 注销
// (employers); 结束日期 empty = open-ended (only 服刑 may end). UTF-8 with
// or without BOM. The whole file is checked first: any bad row makes the
// import write nothing, and every bad row is reported in Chinese with its
// row number and field. Rows are UNIQUE per (county, subject, kind, start):
// a repeated row updates its end date and source.
#ifndef QJY_SUPERVISION_STATUS_FACTS_H_
#define QJY_SUPERVISION_STATUS_FACTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/db.h"
#include "supervision/checks.h"

namespace qjy::supervision {

struct FactsRowError {
  int64_t row = 0;
  std::string message;  // "第3行：开始日期“2024-13-01”不是有效日期（YYYY-MM-DD）"
};

struct FactsParse {
  std::vector<StatusFact> facts;
  std::vector<FactsRowError> errors;
};

// Parses the file; every county code must lie in `scope` (the importer's
// region), else that row is an error.
FactsParse ParseStatusFacts(std::string_view csv, const std::string& scope);

struct FactsImport {
  int64_t rows = 0, written = 0;
  std::vector<FactsRowError> errors;  // non-empty: nothing written
};

// Parses and, when the file has no error, writes every row in one
// transaction (recorded_by `actor`).
Result<FactsImport> ImportStatusFacts(store::Db& db, std::string_view csv, const std::string& scope,
                                      const std::string& actor, const std::string& now_iso);

}  // namespace qjy::supervision

#endif  // QJY_SUPERVISION_STATUS_FACTS_H_
