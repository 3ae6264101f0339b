#include "importer/text_encoding.h"

#include <unicode/ucnv.h>

#include <cstring>

namespace qjy::importer {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

Result<std::string> Convert(const char* to, const char* from, std::string_view in) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t need = ucnv_convert(to, from, nullptr, 0, in.data(), static_cast<int32_t>(in.size()),
                              &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string("无法转换文件编码：") + u_errorName(status));
  }
  std::string out(static_cast<size_t>(need), '\0');
  status = U_ZERO_ERROR;
  ucnv_convert(to, from, out.data(), need, in.data(), static_cast<int32_t>(in.size()), &status);
  if (U_FAILURE(status) && status != U_STRING_NOT_TERMINATED_WARNING) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string("无法转换文件编码：") + u_errorName(status));
  }
  return out;
}

}  // namespace

const char* SourceEncodingName(SourceEncoding e) {
  switch (e) {
    case SourceEncoding::kUtf8: return "utf-8";
    case SourceEncoding::kUtf8Bom: return "utf-8-bom";
    case SourceEncoding::kGb18030: return "gb18030";
    case SourceEncoding::kMixedUtf8: return "mixed";
  }
  return "?";
}

Result<DecodedText> DecodeText(std::string bytes) {
  if (bytes.find('\0') != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                "文件不是文本表格（含有二进制 NUL 字节，可能是 UTF-16 或其他格式）："
                "请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入");
  }
  DecodedText out;
  bool bom = std::string_view(bytes).starts_with(kBom);
  if (bom) bytes.erase(0, kBom.size());
  if (bytes.find_first_not_of(" \t\r\n,") == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "文件为空：没有表头，也没有数据行");
  }
  if (IsValidUtf8(bytes)) {
    out.encoding = bom ? SourceEncoding::kUtf8Bom : SourceEncoding::kUtf8;
    out.text = std::move(bytes);
    return out;
  }
  std::string_view first_line = std::string_view(bytes).substr(0, bytes.find('\n'));
  bool header_non_ascii = false;
  for (char c : first_line) header_non_ascii |= (static_cast<unsigned char>(c) >= 0x80);
  if (bom || (header_non_ascii && IsValidUtf8(first_line))) {
    out.encoding = SourceEncoding::kMixedUtf8;
    out.text = std::move(bytes);
    return out;
  }
  auto converted = Convert("UTF-8", "GB18030", bytes);
  if (!converted) return std::unexpected(converted.error());
  out.encoding = SourceEncoding::kGb18030;
  out.text = std::move(*converted);
  return out;
}

Result<std::string> Utf8ToGb18030(std::string_view utf8) { return Convert("GB18030", "UTF-8", utf8); }

}  // namespace qjy::importer
