#include "importer/xlsx_reader.h"

#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <pugixml.hpp>
#include <unordered_map>

#include "core/date.h"
#include "importer/cell_values.h"

namespace qjy::importer {
namespace {

constexpr int64_t kMaxRows = 1048576;  // Excel's last row
// One part of a workbook, uncompressed: a sheet of Excel's 1,048,576 rows
// with a few short columns stays well below.
constexpr zip_uint64_t kMaxEntryBytes = zip_uint64_t{1} << 30;
constexpr zip_uint64_t kReserveBytes = zip_uint64_t{64} << 20;

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

std::string JoinPath(std::string_view base_dir, std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  std::string out(base_dir);
  while (target.starts_with("../")) {
    target.remove_prefix(3);
    size_t slash = out.find_last_of('/', out.size() >= 2 ? out.size() - 2 : 0);
    out = slash == std::string::npos ? "" : out.substr(0, slash + 1);
  }
  return out + std::string(target);
}

// Built-in number formats that display dates (ECMA-376 18.8.30 plus the
// CJK ones Excel uses in Chinese locales).
bool IsBuiltinDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

bool IsDateFormatCode(std::string_view code) {
  bool in_quote = false, in_bracket = false;
  bool date_char = false;
  for (char c : code) {
    if (in_quote) { in_quote = c != '"'; continue; }
    if (in_bracket) { in_bracket = c != ']'; continue; }
    if (c == '"') in_quote = true;
    else if (c == '[') in_bracket = true;
    else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') date_char = true;
    else if (c == 'm' || c == 'M') date_char = true;
    else if (c == '0' || c == '#') return false;
  }
  return date_char;
}

// The text of a number cell as a person would read it.
std::string NumberText(std::string_view v) {
  double d = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || ptr != v.data() + v.size()) return std::string(v);
  if (std::fabs(d) < 1e15 && d == std::floor(d)) {
    char buf[32];
    int n = std::snprintf(buf, sizeof buf, "%.0f", d);
    return std::string(buf, n);
  }
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%.15g", d);
  return std::string(buf, n);
}

void AppendText(const pugi::xml_node& node, std::string& out) {
  // <t> directly, or rich-text runs <r><t/></r>; phonetic runs (<rPh>) skipped.
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "t") out += child.text().get();
    else if (name == "r") out += child.child("t").text().get();
  }
}

}  // namespace

struct XlsxReader::Impl {
  std::unique_ptr<zip_t, ZipCloser> zip;
  std::vector<std::string> sheet_paths;
  std::vector<std::string> shared_strings;
  std::vector<bool> date_styles;  // by cellXfs index

  Result<std::string> ReadEntry(const std::string& name, bool required) {
    zip_int64_t index = zip_name_locate(zip.get(), name.c_str(), 0);
    if (index < 0) {
      if (!required) return std::string();
      return Fail(ErrorCode::kInvalidArgument, "Excel 文件缺少 " + name + "，文件已损坏");
    }
    zip_stat_t st;
    if (zip_stat_index(zip.get(), index, 0, &st) != 0) {
      return Fail(ErrorCode::kInvalidArgument, "无法读取 Excel 文件中的 " + name);
    }
    if (st.size > kMaxEntryBytes) {
      return Fail(ErrorCode::kInvalidArgument, "Excel 文件中的 " + name + " 解压后超过 1 GB，无法读取");
    }
    zip_file_t* f = zip_fopen_index(zip.get(), index, 0);
    if (f == nullptr) return Fail(ErrorCode::kInvalidArgument, "无法读取 Excel 文件中的 " + name);
    // The size in the zip directory is the uploader's claim: memory grows
    // with what actually decompresses, not with it (found by fuzzing: a
    // 2 KB file claiming 4 GB was allocated up front).
    std::string data;
    data.reserve(static_cast<size_t>(std::min<zip_uint64_t>(st.size, kReserveBytes)));
    char buf[1 << 16];
    zip_int64_t got = 0;
    while ((got = zip_fread(f, buf, sizeof buf)) > 0 && data.size() + got <= st.size) {
      data.append(buf, static_cast<size_t>(got));
    }
    zip_fclose(f);
    if (got != 0 || data.size() != st.size) {
      return Fail(ErrorCode::kInvalidArgument, "Excel 文件中的 " + name + " 已损坏");
    }
    return data;
  }

  Result<pugi::xml_document> Parse(const std::string& name, bool required) {
    auto data = ReadEntry(name, required);
    if (!data) return std::unexpected(data.error());
    pugi::xml_document doc;
    if (data->empty()) return doc;
    pugi::xml_parse_result r = doc.load_buffer(data->data(), data->size());
    if (!r) return Fail(ErrorCode::kInvalidArgument, "Excel 文件中的 " + name + " 不是合法的 XML");
    return doc;
  }
};

XlsxReader::XlsxReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxReader::~XlsxReader() = default;

Result<std::unique_ptr<XlsxReader>> XlsxReader::Open(const std::string& path) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (z == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "无法打开 Excel 文件（不是 .xlsx 格式或已损坏）：" + path);
  }
  auto impl = std::make_unique<Impl>();
  impl->zip.reset(z);

  auto workbook = impl->Parse("xl/workbook.xml", true);
  if (!workbook) return std::unexpected(workbook.error());
  auto rels = impl->Parse("xl/_rels/workbook.xml.rels", true);
  if (!rels) return std::unexpected(rels.error());
  std::unordered_map<std::string, std::string> targets;
  std::string shared_path = "xl/sharedStrings.xml", styles_path = "xl/styles.xml";
  for (pugi::xml_node r : rels->child("Relationships").children("Relationship")) {
    std::string target = JoinPath("xl/", r.attribute("Target").value());
    std::string_view type = r.attribute("Type").value();
    targets[r.attribute("Id").value()] = target;
    if (type.ends_with("/sharedStrings")) shared_path = target;
    if (type.ends_with("/styles")) styles_path = target;
  }
  std::unique_ptr<XlsxReader> reader(new XlsxReader(std::move(impl)));
  Impl& im = *reader->impl_;
  for (pugi::xml_node s : workbook->child("workbook").child("sheets").children("sheet")) {
    auto it = targets.find(s.attribute("r:id").value());
    if (it == targets.end()) continue;
    reader->sheet_names_.push_back(s.attribute("name").value());
    im.sheet_paths.push_back(it->second);
  }

  auto shared = im.Parse(shared_path, false);
  if (!shared) return std::unexpected(shared.error());
  for (pugi::xml_node si : shared->child("sst").children("si")) {
    std::string text;
    AppendText(si, text);
    im.shared_strings.push_back(std::move(text));
  }

  auto styles = im.Parse(styles_path, false);
  if (!styles) return std::unexpected(styles.error());
  pugi::xml_node ss = styles->child("styleSheet");
  std::unordered_map<int, bool> custom_date;
  for (pugi::xml_node f : ss.child("numFmts").children("numFmt")) {
    custom_date[f.attribute("numFmtId").as_int()] = IsDateFormatCode(f.attribute("formatCode").value());
  }
  for (pugi::xml_node xf : ss.child("cellXfs").children("xf")) {
    int id = xf.attribute("numFmtId").as_int();
    auto it = custom_date.find(id);
    im.date_styles.push_back(it != custom_date.end() ? it->second : IsBuiltinDateFormat(id));
  }
  return reader;
}

Result<std::vector<SheetRow>> XlsxReader::ReadSheet(std::string_view name) {
  for (size_t i = 0; i < sheet_names_.size(); ++i) {
    if (sheet_names_[i] == name) return ReadSheet(i);
  }
  return Fail(ErrorCode::kNotFound, "Excel 文件中没有名为“" + std::string(name) + "”的工作表");
}

Result<std::vector<SheetRow>> XlsxReader::ReadSheet(size_t index) {
  if (index >= impl_->sheet_paths.size()) {
    return Fail(ErrorCode::kInvalidArgument, "Excel 文件中没有工作表");
  }
  auto doc = impl_->Parse(impl_->sheet_paths[index], true);
  if (!doc) return std::unexpected(doc.error());
  std::vector<SheetRow> rows;
  int64_t next_row = 1;
  for (pugi::xml_node r : doc->child("worksheet").child("sheetData").children("row")) {
    SheetRow row;
    // A row number outside Excel's 1..1048576 (pugixml saturates overlong
    // ones at INT64_MAX) is corrupt: the row takes the next number instead.
    row.row = r.attribute("r").as_llong(next_row);
    if (row.row < 1 || row.row > kMaxRows) row.row = next_row;
    next_row = row.row + 1;
    int next_col = 0;
    for (pugi::xml_node c : r.children("c")) {
      int col = next_col;
      if (pugi::xml_attribute ref = c.attribute("r")) {
        auto [rr, cc] = ParseCellRef(ref.value());
        if (cc >= 0) col = cc;
      }
      next_col = col + 1;
      std::string_view type = c.attribute("t").value();
      std::string value;
      if (type == "s") {
        size_t i = c.child("v").text().as_ullong(~0ull);
        if (i < impl_->shared_strings.size()) value = impl_->shared_strings[i];
      } else if (type == "inlineStr") {
        AppendText(c.child("is"), value);
      } else if (type == "str" || type == "e") {
        value = c.child("v").text().get();
      } else if (type == "b") {
        value = c.child("v").text().as_bool() ? "1" : "0";
      } else {
        std::string_view v = c.child("v").text().get();
        if (v.empty()) continue;
        size_t style = c.attribute("s").as_uint(0);
        if (style < impl_->date_styles.size() && impl_->date_styles[style]) {
          value = ExcelSerialToIsoDate(std::strtod(std::string(v).c_str(), nullptr));
          if (value.empty()) value = std::string(v);
        } else {
          value = NumberText(v);
        }
      }
      if (value.empty()) continue;
      if (row.cells.size() <= static_cast<size_t>(col)) row.cells.resize(col + 1);
      row.cells[col] = std::move(value);
    }
    if (!row.cells.empty()) rows.push_back(std::move(row));
  }
  return rows;
}

std::string ExcelSerialToIsoDate(double serial) {
  auto d = ExcelSerialDate(serial);
  return d ? d->ToString() : std::string();
}

std::pair<int64_t, int> ParseCellRef(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  // At most 3 letters (Excel's last column is XFD); a fourth is read only
  // to reject the reference, so `col` stays far from overflowing.
  while (i < ref.size() && i <= 3 && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    ++i;
  }
  if (i == 0 || i == ref.size() || i > 3) return {0, -1};
  int64_t row = 0;
  auto [p, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  if (ec != std::errc() || p != ref.data() + ref.size() || row < 1) return {0, -1};
  return {row, col - 1};
}

}  // namespace qjy::importer
