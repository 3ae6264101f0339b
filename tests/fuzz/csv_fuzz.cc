// An officer's CSV file (importer/text_encoding.h, importer/csv_reader.h,
// importer/table_source.h): encoding detection (UTF-8, BOM, GBK/GB18030,
// mixed), RFC 4180 records with a small and the default record limit, and
// the header search and tail rule of TableSource over the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "importer/csv_reader.h"
#include "importer/table_source.h"
#include "importer/text_encoding.h"
#include "fuzz_util.h"

namespace {

using qjy::importer::CsvReader;
using qjy::importer::CsvRecord;

void ReadAll(std::string_view text, size_t max_record_bytes) {
  CsvReader reader(text, max_record_bytes);
  CsvRecord rec;
  int64_t last_row = 0;
  while (reader.Next(rec)) {
    QJY_FUZZ_CHECK(rec.row > last_row);
    QJY_FUZZ_CHECK(rec.cell_count <= rec.cells.size());
    QJY_FUZZ_CHECK(!rec.too_long || rec.cell_count == 0);
    last_row = rec.row;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace qjy::importer;
  static qjy::fuzz::ScratchFile file(".csv");
  const std::string bytes(qjy::fuzz::AsText(data, size));

  auto decoded = DecodeText(bytes);
  if (decoded) {
    if (decoded->encoding != SourceEncoding::kMixedUtf8) {
      QJY_FUZZ_CHECK(IsValidUtf8(decoded->text));
    }
    ReadAll(decoded->text, CsvReader::kDefaultMaxRecordBytes);
    ReadAll(decoded->text, 64);
    if (IsValidUtf8(decoded->text)) (void)Utf8ToGb18030(decoded->text);
  }

  static const std::string_view kKnown[] = {"姓名", "公民身份号码", "身份证号", "性别", "联系电话"};
  auto source = TableSource::Open(file.Write(bytes), 256, kKnown);
  if (!source) return 0;
  (*source)->SetTailRule({0, 1});
  SourceRecord rec;
  while ((*source)->Next(rec)) {
    QJY_FUZZ_CHECK(rec.problem_column < static_cast<int>(rec.cells.size()) || rec.cells.empty() ||
                   rec.problem_column == -1);
  }
  return 0;
}
