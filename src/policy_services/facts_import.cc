#include "policy_services/facts_import.h"

#include <map>
#include <optional>
#include <vector>

#include "importer/csv_reader.h"

namespace qjy::policy_services {
namespace {

struct Row {
  int64_t line = 0;
  std::string county;
  policy::Internship internship;
  policy::Venture venture;
  policy::Placement placement;
};

}  // namespace

Result<FactKind> ParseFactKind(std::string_view s) {
  if (s == "internship" || s == "见习") return FactKind::kInternship;
  if (s == "venture" || s == "创业") return FactKind::kVenture;
  if (s == "placement" || s == "外出务工") return FactKind::kPlacement;
  return Fail(ErrorCode::kInvalidArgument, "未知的记录类型：" + std::string(s) + "（应为 internship、venture 或 placement）");
}

Result<ImportedFacts> ImportFacts(store::Db& db, store::RegistryStore& registry, FactKind kind,
                                  std::string_view file_name, std::string_view csv_text,
                                  std::string_view region_scope, std::string_view actor) {
  const std::string file(file_name);
  std::vector<std::string> required, optional_cols;
  switch (kind) {
    case FactKind::kInternship:
      required = {"id_number", "host_code", "start_on", "end_on"};
      optional_cols = {"retained_on"};
      break;
    case FactKind::kVenture:
      required = {"id_number", "credit_code", "founded_on"};
      optional_cols = {"first_time"};
      break;
    case FactKind::kPlacement:
      required = {"agency_code", "id_number", "start_on"};
      break;
  }
  importer::CsvReader reader(csv_text.starts_with("\xEF\xBB\xBF") ? csv_text.substr(3) : csv_text);
  importer::CsvRecord rec;
  if (!reader.Next(rec) || rec.blank()) return Fail(ErrorCode::kInvalidArgument, "文件 " + file + "：缺少表头行");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < rec.cell_count; ++i) col[rec.cells[i]] = i;
  std::string errors;
  int n_errors = 0;
  auto error = [&](int64_t line, const std::string& field, const std::string& why) {
    if (++n_errors <= 50) {
      errors += "文件 " + file + " 第 " + std::to_string(line) + " 行" + (field.empty() ? "" : " 字段 " + field) +
                "：" + why + "\n";
    }
  };
  for (const auto& c : required) {
    if (!col.contains(c)) error(1, c, "表头缺少该列");
  }
  if (n_errors) return Fail(ErrorCode::kInvalidArgument, errors);

  std::vector<Row> rows;
  std::map<std::string, std::optional<registry::Employer>> employers;
  std::map<std::string, std::optional<int64_t>> persons;
  while (reader.Next(rec)) {
    if (rec.blank()) continue;
    const int64_t line = rec.row;
    if (rec.too_long || rec.unterminated_quote) {
      error(line, "", rec.too_long ? "记录过长" : "引号未闭合");
      continue;
    }
    auto cell = [&](const std::string& name) -> std::string {
      auto it = col.find(name);
      return it == col.end() || it->second >= rec.cell_count ? std::string() : rec.cells[it->second];
    };
    auto date = [&](const std::string& name, bool needed) -> std::optional<Date> {
      const std::string v = cell(name);
      if (v.empty()) {
        if (needed) error(line, name, "不能为空");
        return std::nullopt;
      }
      auto d = Date::Parse(v);
      if (!d) {
        error(line, name, "日期无效，应为 YYYY-MM-DD：" + v);
        return std::nullopt;
      }
      return *d;
    };
    auto person = [&]() -> std::optional<int64_t> {
      const std::string id = cell("id_number");
      if (id.empty()) {
        error(line, "id_number", "不能为空");
        return std::nullopt;
      }
      auto it = persons.find(id);
      if (it == persons.end()) {
        auto p = registry.FindPersonByIdNumber(id);
        if (!p) {
          error(line, "id_number", p.error().message);
          return std::nullopt;
        }
        it = persons.emplace(id, *p ? std::optional<int64_t>((*p)->person_id) : std::nullopt).first;
      }
      if (!it->second) error(line, "id_number", "登记库中没有该身份证号的人员");
      return it->second;
    };
    auto employer = [&](const std::string& field) -> const registry::Employer* {
      const std::string code = cell(field);
      if (code.empty()) {
        error(line, field, "不能为空");
        return nullptr;
      }
      auto it = employers.find(code);
      if (it == employers.end()) {
        auto e = registry.FindEmployer(code);
        if (!e) {
          error(line, field, e.error().message);
          return nullptr;
        }
        it = employers.emplace(code, *e).first;
      }
      if (!it->second) {
        error(line, field, "登记库中没有该统一社会信用代码的单位：" + code);
        return nullptr;
      }
      if (!it->second->county_code.starts_with(region_scope)) {
        error(line, field, "单位所在县 " + it->second->county_code + " 超出本人权限范围");
        return nullptr;
      }
      return &*it->second;
    };
    Row row;
    row.line = line;
    const int before = n_errors;
    auto pid = person();
    switch (kind) {
      case FactKind::kInternship: {
        const registry::Employer* host = employer("host_code");
        auto start = date("start_on", true), end = date("end_on", true), kept = date("retained_on", false);
        if (start && end && *end < *start) error(line, "end_on", "见习结束日期早于开始日期");
        if (start && kept && *kept < *start) error(line, "retained_on", "留用日期早于见习开始日期");
        if (n_errors == before) {
          row.county = host->county_code;
          row.internship = {*pid, host->credit_code, *start, *end, kept};
        }
        break;
      }
      case FactKind::kVenture: {
        const registry::Employer* firm = employer("credit_code");
        auto founded = date("founded_on", true);
        const std::string ft = cell("first_time");
        if (!ft.empty() && ft != "1" && ft != "0") error(line, "first_time", "应为 1（首次创业）或 0：" + ft);
        if (n_errors == before) {
          row.county = firm->county_code;
          row.venture = {*pid, firm->credit_code, *founded, ft != "0"};
        }
        break;
      }
      case FactKind::kPlacement: {
        const registry::Employer* agency = employer("agency_code");
        auto start = date("start_on", true);
        if (n_errors == before) {
          row.county = agency->county_code;
          row.placement = {agency->credit_code, *pid, *start};
        }
        break;
      }
    }
    if (n_errors == before) rows.push_back(std::move(row));
  }
  if (n_errors) {
    if (n_errors > 50) errors += "……共 " + std::to_string(n_errors) + " 处错误\n";
    return Fail(ErrorCode::kInvalidArgument, errors + "未写入任何记录");
  }
  policy::FactsStore facts(db);
  if (auto r = facts.Migrate(); !r) return std::unexpected(r.error());
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  for (const auto& row : rows) {
    Result<void> r;
    switch (kind) {
      case FactKind::kInternship: r = facts.PutInternship(row.internship, row.county, actor); break;
      case FactKind::kVenture: r = facts.PutVenture(row.venture, row.county, actor); break;
      case FactKind::kPlacement: r = facts.PutPlacement(row.placement, row.county, actor); break;
    }
    if (!r) {
      return Fail(r.error().code, "文件 " + file + " 第 " + std::to_string(row.line) + " 行：" + r.error().message +
                                      "；未写入任何记录");
    }
  }
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  return ImportedFacts{static_cast<int64_t>(rows.size())};
}

}  // namespace qjy::policy_services
