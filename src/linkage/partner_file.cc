#include "linkage/partner_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "importer/table_source.h"
#include "importer/text_encoding.h"

namespace qjy::linkage {
namespace {

struct FieldInfo {
  PartnerField field;
  const char* name;
  const char* label;
};
constexpr FieldInfo kFields[] = {
    {PartnerField::kName, "name", "姓名"},
    {PartnerField::kIdNumber, "id_number", "身份证号"},
    {PartnerField::kBirthDate, "birth_date", "出生日期"},
    {PartnerField::kSex, "sex", "性别"},
    {PartnerField::kDivisionCode, "division_code", "户籍地区划代码"},
    {PartnerField::kPhone, "phone", "联系电话"},
    {PartnerField::kEmployer, "employer", "工作单位"},
    {PartnerField::kInsuredMonths, "insured_months", "参保月数"},
    {PartnerField::kStatus, "status", "就业状态"},
};

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// GB18030 decoding substitutes what it cannot read; such a file is not in
// an encoding we recognise.
bool HasSubstitution(std::string_view utf8) {
  return utf8.find("\xEF\xBF\xBD") != std::string_view::npos ||  // U+FFFD
         utf8.find('\x1A') != std::string_view::npos;
}

}  // namespace

const char* PartnerFieldName(PartnerField f) { return kFields[static_cast<int>(f)].name; }
const char* PartnerFieldLabel(PartnerField f) { return kFields[static_cast<int>(f)].label; }

Result<PartnerMapping> ParsePartnerMapping(const std::string& yaml_text) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, std::string("映射文件不是有效的 YAML：") + e.what());
  }
  if (!root.IsMap() || !root["columns"] || !root["columns"].IsMap()) {
    return Fail(ErrorCode::kInvalidArgument, "映射文件缺少 columns（合作方列名: 本系统字段）");
  }
  PartnerMapping m;
  if (root["partner"]) m.partner = root["partner"].as<std::string>("");
  std::map<PartnerField, std::string> seen;
  for (const auto& kv : root["columns"]) {
    const std::string column = Trim(kv.first.as<std::string>(""));
    const std::string target = Trim(kv.second.as<std::string>(""));
    const FieldInfo* info = nullptr;
    for (const auto& f : kFields) {
      if (target == f.name) info = &f;
    }
    if (column.empty()) return Fail(ErrorCode::kInvalidArgument, "映射文件中有空的合作方列名");
    if (info == nullptr) {
      return Fail(ErrorCode::kInvalidArgument,
                  "映射文件：列“" + column + "”映射到未知字段“" + target + "”");
    }
    if (auto it = seen.find(info->field); it != seen.end()) {
      return Fail(ErrorCode::kInvalidArgument, std::string("映射文件：字段“") + info->label + "”（" +
                                                   info->name + "）被映射了两次：“" + it->second +
                                                   "”和“" + column + "”");
    }
    seen[info->field] = column;
    m.columns[column] = info->field;
  }
  if (!seen.contains(PartnerField::kName) && !seen.contains(PartnerField::kIdNumber)) {
    return Fail(ErrorCode::kInvalidArgument, "映射文件至少要映射姓名（name）或身份证号（id_number）");
  }
  if (root["ignore"]) {
    if (!root["ignore"].IsSequence()) return Fail(ErrorCode::kInvalidArgument, "映射文件：ignore 应为列表");
    for (const auto& n : root["ignore"]) m.ignore.push_back(Trim(n.as<std::string>("")));
  }
  return m;
}

Result<PartnerMapping> LoadPartnerMapping(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "读不到映射文件：" + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ParsePartnerMapping(ss.str());
}

Result<PartnerFile> ReadPartnerFile(const std::string& path, const PartnerMapping& mapping) {
  if (importer::FormatOfPath(path) == importer::FileFormat::kCsv) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(ErrorCode::kIo, "读不到文件：" + path);
    std::stringstream ss;
    ss << in.rdbuf();
    auto decoded = importer::DecodeText(ss.str());
    if (!decoded) return std::unexpected(decoded.error());
    if (decoded->encoding == importer::SourceEncoding::kGb18030 && HasSubstitution(decoded->text)) {
      return Fail(ErrorCode::kInvalidArgument, "无法识别文件编码：既不是 UTF-8，也不是 GBK/GB18030");
    }
  }
  std::vector<std::string_view> known;
  for (const auto& [column, field] : mapping.columns) known.push_back(column);
  auto source = importer::TableSource::Open(path, importer::CsvReader::kDefaultMaxRecordBytes, known);
  if (!source) return std::unexpected(source.error());
  importer::TableSource& src = **source;

  PartnerFile out;
  out.encoding = std::string(src.encoding());
  const auto& header = src.header();
  std::vector<int> field_of(header.size(), -1);
  std::set<std::string> found;
  std::string unmapped;
  for (size_t c = 0; c < header.size(); ++c) {
    if (header[c].empty()) continue;
    if (auto it = mapping.columns.find(header[c]); it != mapping.columns.end()) {
      field_of[c] = static_cast<int>(it->second);
      found.insert(header[c]);
    } else if (std::find(mapping.ignore.begin(), mapping.ignore.end(), header[c]) == mapping.ignore.end()) {
      unmapped += (unmapped.empty() ? "“" : "、“") + header[c] + "”";
    }
  }
  std::string missing;
  for (const auto& [column, field] : mapping.columns) {
    if (!found.contains(column)) missing += (missing.empty() ? "“" : "、“") + column + "”";
  }
  if (!missing.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "文件缺少映射文件中的列：" + missing);
  }
  if (!unmapped.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "文件中的列" + unmapped + "未在映射文件中配置（映射到字段或列入 ignore）");
  }

  importer::SourceRecord rec;
  while (src.Next(rec)) {
    ++out.rows;
    auto error = [&](int column, std::string message) {
      out.errors.push_back({rec.row, column >= 0 ? header[static_cast<size_t>(column)] : "",
                            std::move(message)});
    };
    if (!rec.problem.empty()) {
      error(rec.problem_column, rec.problem);
      continue;
    }
    PartnerRecord r;
    r.row = rec.row;
    const size_t before = out.errors.size();
    for (size_t c = 0; c < rec.cells.size() && c < header.size(); ++c) {
      if (field_of[c] < 0) continue;
      const std::string v = Trim(rec.cells[c]);
      const int col = static_cast<int>(c);
      switch (static_cast<PartnerField>(field_of[c])) {
        case PartnerField::kName: r.person.name = v; break;
        case PartnerField::kIdNumber:
          if (!v.empty() && NormalizeIdNumber(v).empty()) {
            error(col, "身份证号“" + v + "”不是 15 位或 18 位号码");
          }
          r.person.id_number = v;
          break;
        case PartnerField::kBirthDate:
          if (!v.empty() && NormalizeBirthDate(v) == 0) error(col, "无法识别的日期“" + v + "”");
          r.person.birth_date = v;
          break;
        case PartnerField::kSex:
          if (!v.empty() && NormalizeSex(v) == 0) error(col, "性别应为“男”或“女”，而不是“" + v + "”");
          r.person.sex = v;
          break;
        case PartnerField::kDivisionCode:
          if (!v.empty() && !(AllDigits(v) && (v.size() == 6 || v.size() == 9 || v.size() == 12))) {
            error(col, "区划代码“" + v + "”应为 6、9 或 12 位数字");
          }
          r.person.division_code = v;
          break;
        case PartnerField::kPhone:
          if (!v.empty() && NormalizePhone(v) == 0) error(col, "联系电话“" + v + "”不是 11 位手机号");
          r.person.phone = v;
          break;
        case PartnerField::kEmployer: r.employer = v; break;
        case PartnerField::kStatus: r.status = v; break;
        case PartnerField::kInsuredMonths:
          if (v.empty()) break;
          if (!AllDigits(v) || v.size() > 4) {
            error(col, "参保月数“" + v + "”不是非负整数");
          } else {
            r.insured_months = std::stoi(v);
          }
          break;
      }
    }
    if (out.errors.size() == before && r.person.name.empty() && r.person.id_number.empty()) {
      error(-1, "姓名和身份证号都为空");
    }
    if (out.errors.size() == before) out.records.push_back(std::move(r));
  }
  if (!out.errors.empty()) out.records.clear();
  return out;
}

}  // namespace qjy::linkage
