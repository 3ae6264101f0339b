#include "server/multipart.h"

#include <algorithm>
#include <cctype>

namespace qjy::server {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view MultipartTrim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The value of `key=` in a header's parameters ("; name=\"file\"").
std::string Param(std::string_view header, std::string_view key) {
  std::string lower = Lower(header);
  size_t pos = 0;
  const std::string needle = std::string(key) + "=";
  while ((pos = lower.find(needle, pos)) != std::string::npos) {
    bool at_start = pos == 0 || lower[pos - 1] == ';' || lower[pos - 1] == ' ';
    pos += needle.size();
    if (!at_start) continue;
    std::string_view rest = header.substr(pos);
    if (!rest.empty() && rest[0] == '"') {
      auto end = rest.find('"', 1);
      if (end == std::string_view::npos) return {};
      return std::string(rest.substr(1, end - 1));
    }
    auto end = rest.find(';');
    return std::string(MultipartTrim(rest.substr(0, end)));
  }
  return {};
}

}  // namespace

Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body) {
  if (!Lower(content_type).starts_with("multipart/form-data")) {
    return Fail(ErrorCode::kInvalidArgument, "上传须为 multipart/form-data");
  }
  std::string boundary = Param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) {
    return Fail(ErrorCode::kInvalidArgument, "multipart 缺少 boundary");
  }
  const std::string delim = "--" + boundary;
  std::vector<FormPart> parts;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return Fail(ErrorCode::kInvalidArgument, "multipart 格式错误");
  pos += delim.size();
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return Fail(ErrorCode::kInvalidArgument, "multipart 格式错误");
    pos += 2;
    size_t header_end = body.find("\r\n\r\n", pos);
    if (header_end == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument, "multipart 分段缺少头部");
    }
    FormPart part;
    std::string_view headers = body.substr(pos, header_end - pos);
    while (!headers.empty()) {
      auto eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name = Lower(MultipartTrim(line.substr(0, colon)));
      std::string_view value = MultipartTrim(line.substr(colon + 1));
      if (name == "content-disposition") {
        part.name = Param(value, "name");
        part.filename = Param(value, "filename");
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    if (part.name.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "multipart 分段缺少 Content-Disposition 名称");
    }
    size_t data_start = header_end + 4;
    size_t next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument, "multipart 缺少结束分隔符");
    }
    part.data = body.substr(data_start, next - data_start);
    parts.push_back(std::move(part));
    pos = next + 2 + delim.size();
  }
}

}  // namespace qjy::server
