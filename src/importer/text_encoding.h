// Turning the bytes of an officer's text file into UTF-8.
//
// Officers save CSV from Excel or WPS as UTF-8 (with or without BOM) or in
// the legacy GBK/GB18030 code page. Detection: bytes that are valid UTF-8
// are UTF-8; otherwise, when the first line (the header) is valid non-ASCII
// UTF-8, the file is UTF-8 with some bad rows mixed in (kMixedUtf8: the
// caller checks each cell with IsValidUtf8 and rejects the bad ones);
// otherwise the bytes are decoded as GB18030 (a superset of GBK) with ICU.
#ifndef QJY_IMPORTER_TEXT_ENCODING_H_
#define QJY_IMPORTER_TEXT_ENCODING_H_

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/utf8.h"

namespace qjy::importer {

enum class SourceEncoding { kUtf8, kUtf8Bom, kGb18030, kMixedUtf8 };

const char* SourceEncodingName(SourceEncoding e);  // "utf-8", "utf-8-bom", "gb18030", "mixed"

using ::qjy::IsValidUtf8;  // core/utf8.h

struct DecodedText {
  std::string text;  // UTF-8, BOM removed (kMixedUtf8: the raw bytes minus BOM)
  SourceEncoding encoding = SourceEncoding::kUtf8;
};

// Fails (kInvalidArgument, Chinese message) for an empty file, a file that
// contains NUL bytes (binary, or UTF-16) and when ICU cannot convert.
Result<DecodedText> DecodeText(std::string bytes);

// Converts UTF-8 to GB18030 (for tests and for officers who need GBK back).
Result<std::string> Utf8ToGb18030(std::string_view utf8);

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_TEXT_ENCODING_H_
