#include "supervision/status_facts.h"

#include "importer/csv_reader.h"

namespace qjy::supervision {
namespace {

constexpr const char* kHeader[] = {"类型", "编号", "情形", "开始日期", "结束日期", "县区代码", "来源"};

std::string StatusFactsTrim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

FactsParse ParseStatusFacts(std::string_view csv, const std::string& scope) {
  FactsParse out;
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);
  importer::CsvReader reader(csv);
  importer::CsvRecord rec;
  bool header = true;
  auto error = [&](int64_t row, const std::string& msg) {
    out.errors.push_back({row, "第" + std::to_string(row) + "行：" + msg});
  };
  while (reader.Next(rec)) {
    if (rec.too_long) {
      error(rec.row, "该行过长");
      continue;
    }
    if (rec.blank()) continue;
    if (header) {
      header = false;
      for (size_t i = 0; i < std::size(kHeader); ++i) {
        if (i >= rec.cell_count || StatusFactsTrim(rec.cells[i]) != kHeader[i]) {
          error(rec.row, std::string("表头应为“类型,编号,情形,开始日期,结束日期,县区代码,来源”，第") +
                             std::to_string(i + 1) + "列应为“" + kHeader[i] + "”");
          return out;
        }
      }
      continue;
    }
    if (rec.cell_count < std::size(kHeader)) {
      error(rec.row, "应有7列，只有" + std::to_string(rec.cell_count) + "列");
      continue;
    }
    auto cell = [&](size_t i) { return StatusFactsTrim(rec.cells[i]); };
    const std::string type = cell(0), id = cell(1), kind_text = cell(2), from = cell(3), until = cell(4),
                      county = cell(5), source = cell(6);
    StatusFact f;
    bool ok = true;
    if (type == "人员") {
      if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos || id.size() > 18) {
        error(rec.row, "编号“" + id + "”不是人员编号（数字）");
        ok = false;
      }
      f.subject = "P:" + id;
      if (kind_text == "死亡") f.kind = "died";
      else if (kind_text == "出境定居") f.kind = "emigrated";
      else if (kind_text == "服刑") f.kind = "imprisoned";
      else {
        error(rec.row, "情形“" + kind_text + "”无效：人员应为 死亡、出境定居 或 服刑");
        ok = false;
      }
    } else if (type == "单位") {
      if (id.size() != 18) {
        error(rec.row, "编号“" + id + "”不是18位统一社会信用代码");
        ok = false;
      }
      f.subject = "E:" + id;
      if (kind_text == "注销") f.kind = "deregistered";
      else {
        error(rec.row, "情形“" + kind_text + "”无效：单位应为 注销");
        ok = false;
      }
    } else {
      error(rec.row, "类型“" + type + "”无效：应为 人员 或 单位");
      ok = false;
    }
    auto d = Date::Parse(from);
    if (!d) {
      error(rec.row, "开始日期“" + from + "”不是有效日期（YYYY-MM-DD）");
      ok = false;
    } else {
      f.from = *d;
    }
    if (!until.empty()) {
      auto u = Date::Parse(until);
      if (!u) {
        error(rec.row, "结束日期“" + until + "”不是有效日期（YYYY-MM-DD）");
        ok = false;
      } else if (f.kind != "imprisoned") {
        error(rec.row, "结束日期只适用于“服刑”，" + kind_text + "不应有结束日期");
        ok = false;
      } else if (d && *u < *d) {
        error(rec.row, "结束日期早于开始日期");
        ok = false;
      } else {
        f.until = *u;
      }
    }
    if (county.size() != 6 || county.find_first_not_of("0123456789") != std::string::npos) {
      error(rec.row, "县区代码“" + county + "”应为6位数字");
      ok = false;
    } else if (!county.starts_with(scope)) {
      error(rec.row, "县区代码“" + county + "”超出本账号管辖区域");
      ok = false;
    }
    if (source.empty()) {
      error(rec.row, "来源不能为空（如：民政部门死亡登记）");
      ok = false;
    }
    f.county_code = county;
    f.source = source;
    if (ok) out.facts.push_back(std::move(f));
  }
  if (header) error(1, "文件为空，应有表头“类型,编号,情形,开始日期,结束日期,县区代码,来源”");
  return out;
}

Result<FactsImport> ImportStatusFacts(store::Db& db, std::string_view csv, const std::string& scope,
                                      const std::string& actor, const std::string& now_iso) {
  FactsParse parsed = ParseStatusFacts(csv, scope);
  FactsImport out;
  out.rows = static_cast<int64_t>(parsed.facts.size() + parsed.errors.size());
  if (!parsed.errors.empty()) {
    out.errors = std::move(parsed.errors);
    return out;
  }
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  for (const auto& f : parsed.facts) {
    store::Value until = f.until ? store::Value{f.until->ToString()} : store::Value{};
    auto n = db.Exec(
        "INSERT INTO supervision_status_facts (county_code, subject, kind, from_on, until_on, source, recorded_by, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (county_code, subject, kind, from_on) DO UPDATE SET "
        "until_on = excluded.until_on, source = excluded.source, recorded_by = excluded.recorded_by, recorded_at = "
        "excluded.recorded_at",
        std::vector<store::Value>{f.county_code, f.subject, f.kind, f.from.ToString(), until, f.source, actor, now_iso});
    if (!n) return std::unexpected(n.error());
    ++out.written;
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return out;
}

}  // namespace qjy::supervision
