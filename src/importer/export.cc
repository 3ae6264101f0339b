#include "importer/export.h"

#include <functional>
#include <ostream>

#include "importer/csv_reader.h"
#include "importer/rows.h"
#include "importer/xlsx_writer.h"

namespace qjy::importer {
namespace {

std::vector<std::string> Header(Entity entity) {
  std::vector<std::string> h;
  for (const auto& c : Columns(entity)) h.emplace_back(c.name);
  return h;
}

// Calls `emit` with every row of the entity, in id order.
Result<void> ForEachRow(Entity entity, store::RegistryStore& registry,
                        const std::function<void(const std::vector<std::string>&)>& emit) {
  std::vector<std::string> cells;
  std::vector<std::vector<std::string>> rows;
  switch (entity) {
    case Entity::kPersons:
      return registry.ForEachPerson([&](const registry::Person& p) {
        FormatPerson(p, /*mask=*/true, cells);
        emit(cells);
      });
    case Entity::kEmployers:
      return registry.ForEachEmployer([&](const registry::Employer& e) {
        FormatEmployer(e, rows);
        for (const auto& r : rows) emit(r);
      });
    case Entity::kJobs:
      return registry.ForEachJob([&](const registry::Job& j) {
        FormatJob(j, cells);
        emit(cells);
      });
    case Entity::kContracts:
      return registry.ForEachContract([&](const registry::Contract& c) {
        FormatContract(c, /*mask=*/true, cells);
        emit(cells);
      });
    case Entity::kContributions:
      return Fail(ErrorCode::kInvalidArgument, "社保缴费记录不提供导出（来源为社保经办系统）");
    case Entity::kSeparations:
      return Fail(ErrorCode::kInvalidArgument, "离职记录暂不提供导出");
  }
  return {};
}

void AppendLine(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    AppendCsvField(out, cells[i]);
  }
  out += "\r\n";
}

}  // namespace

Result<int64_t> ExportCsv(Entity entity, store::RegistryStore& registry, std::ostream& out) {
  std::string buf = "\xEF\xBB\xBF";
  AppendLine(buf, Header(entity));
  int64_t n = 0;
  auto r = ForEachRow(entity, registry, [&](const std::vector<std::string>& cells) {
    AppendLine(buf, cells);
    ++n;
    if (buf.size() > (1 << 16)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  });
  if (!r) return std::unexpected(r.error());
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  out.flush();
  if (!out) return Fail(ErrorCode::kIo, "写出导出数据失败");
  return n;
}

Result<int64_t> ExportXlsx(Entity entity, store::RegistryStore& registry, const std::string& path) {
  auto w = XlsxWriter::Create(path, /*streaming=*/true);
  if (!w) return std::unexpected(w.error());
  int s = (*w)->AddSheet(EntityLabel(entity));
  auto specs = Columns(entity);
  for (size_t c = 0; c < specs.size(); ++c) {
    (*w)->SetColumn(s, static_cast<int>(c), specs[c].width, /*text_format=*/true);
  }
  (*w)->WriteHeader(s, Header(entity));
  int64_t n = 0;
  auto r = ForEachRow(entity, registry,
                      [&](const std::vector<std::string>& cells) { (*w)->WriteRow(s, ++n, cells); });
  if (!r) return std::unexpected(r.error());
  if (auto c = (*w)->Close(); !c) return std::unexpected(c.error());
  return n;
}

Result<void> WriteTemplate(Entity entity, const std::string& path) {
  auto w = XlsxWriter::Create(path);
  if (!w) return std::unexpected(w.error());
  int s = (*w)->AddSheet(EntityLabel(entity));
  auto specs = Columns(entity);
  for (size_t c = 0; c < specs.size(); ++c) {
    (*w)->SetColumn(s, static_cast<int>(c), specs[c].width, /*text_format=*/true);
  }
  (*w)->WriteHeader(s, Header(entity));

  int notes = (*w)->AddSheet("填写说明");
  (*w)->SetColumn(notes, 0, 20);
  (*w)->SetColumn(notes, 1, 10);
  (*w)->SetColumn(notes, 2, 70, false, /*wrap=*/true);
  (*w)->SetColumn(notes, 3, 40, false, /*wrap=*/true);
  (*w)->WriteHeader(notes, std::vector<std::string>{"列名", "是否必填", "填写格式", "示例"});
  int64_t row = 1;
  for (const auto& c : specs) {
    (*w)->WriteRow(notes, row++,
                   std::vector<std::string>{std::string(c.name), c.required ? "必填" : "选填",
                                            std::string(c.format), std::string(c.example)});
  }
  ++row;
  const std::string general[] = {
      "第一行为表头，请勿修改列名；选填的列可以整列删除，列的顺序可以调整。",
      "每行一条记录，从第 2 行开始填写；行号即导入结果中报告的行号。",
      "行政区划可填代码（如 520102）或全称（如 贵阳市南明区）。金额以元为单位，最多两位小数。",
      "导入后，未通过校验的行会写入同目录下的“<文件名>.rejects.xlsx”，最后一列“错误原因”"
      "说明问题；改正后可直接再次导入该文件。",
      "重复导入同一文件不会产生重复数据：已存在且未改动的记录计为“未变”。",
  };
  if (entity == Entity::kEmployers) {
    (*w)->WriteString(notes, row++, 0, "年度数据：同一单位每个年度一行，单位基本信息各行须一致；"
                                       "文件中未出现的已有年度数据保持不变。");
  }
  for (const auto& g : general) (*w)->WriteString(notes, row++, 0, g);
  return (*w)->Close();
}

}  // namespace qjy::importer
