// An officer's .xlsx workbook (importer/xlsx_reader.h, importer/table_source.h).
//
// Two kinds of input. One that starts like a zip file ("PK\3\4") is the
// workbook's bytes as uploaded: this reaches libzip's checks and the
// reader's handling of missing or broken entries. Any other input is the
// workbook's XML parts, separated by lines "--qjy-part--":
//   sheet1.xml, sharedStrings.xml, styles.xml, workbook.xml, workbook.xml.rels
// which the harness stores in a valid zip (parts not given get a minimal
// default), so mutations reach the XML handling instead of failing a CRC.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "importer/table_source.h"
#include "importer/xlsx_reader.h"
#include "fuzz_util.h"

namespace {

constexpr std::string_view kSeparator = "\n--qjy-part--\n";

struct Part {
  const char* name;
  const char* fallback;
};

const Part kParts[] = {
    {"xl/worksheets/sheet1.xml",
     R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row></sheetData></worksheet>)"},
    {"xl/sharedStrings.xml", R"(<sst><si><t>姓名</t></si></sst>)"},
    {"xl/styles.xml", R"(<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>)"},
    {"xl/workbook.xml",
     R"(<workbook xmlns:r="r"><sheets><sheet name="Sheet1" r:id="rId1"/></sheets></workbook>)"},
    {"xl/_rels/workbook.xml.rels",
     R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>)"
     R"(<Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/>)"
     R"(<Relationship Id="rId3" Type="x/styles" Target="styles.xml"/></Relationships>)"},
};

// Writes the parts of `text` as a stored (uncompressed) zip at `path`.
bool WriteWorkbook(std::string_view text, const std::string& path) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < std::size(kParts); ++i) {
    size_t end = text.find(kSeparator);
    if (text.empty() && i > 0) {
      parts.emplace_back(kParts[i].fallback);
      continue;
    }
    parts.emplace_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + kSeparator.size());
  }
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (z == nullptr) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    zip_source_t* src = zip_source_buffer(z, parts[i].data(), parts[i].size(), 0);
    zip_int64_t index = src ? zip_file_add(z, kParts[i].name, src, ZIP_FL_OVERWRITE) : -1;
    if (index < 0) {
      if (src) zip_source_free(src);
      zip_discard(z);
      return false;
    }
    zip_set_file_compression(z, index, ZIP_CM_STORE, 0);
  }
  return zip_close(z) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace qjy::importer;
  static qjy::fuzz::ScratchFile file(".xlsx");
  const std::string_view text = qjy::fuzz::AsText(data, size);
  if (text.starts_with(std::string_view("PK\3\4", 4))) {
    file.Write(text);
  } else if (!WriteWorkbook(text, file.path())) {
    return 0;
  }

  auto book = XlsxReader::Open(file.path());
  if (book) {
    for (size_t i = 0; i < (*book)->sheet_names().size(); ++i) {
      auto rows = (*book)->ReadSheet(i);
      if (!rows) continue;
      for (const SheetRow& r : *rows) QJY_FUZZ_CHECK(!r.cells.empty());
    }
    if (!(*book)->sheet_names().empty()) (void)(*book)->ReadSheet((*book)->sheet_names()[0]);
  }

  static const std::string_view kKnown[] = {"姓名", "公民身份号码", "身份证号", "性别", "联系电话"};
  auto source = TableSource::Open(file.path(), CsvReader::kDefaultMaxRecordBytes, kKnown);
  if (!source) return 0;
  (*source)->SetTailRule({0, 1});
  SourceRecord rec;
  while ((*source)->Next(rec)) {
  }
  return 0;
}
