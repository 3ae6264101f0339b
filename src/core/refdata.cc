#include "core/refdata.h"
#include "core/install_paths.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>


namespace qjy {

std::string RefdataDir() {
  const char* env = std::getenv("QJY_REFDATA");
  if (env != nullptr && *env != '\0') return env;
  if (ShippedRoot() != SourceTreeDir()) {
    std::error_code ec;
    if (auto dir = ShippedRoot() / "refdata"; std::filesystem::is_directory(dir, ec)) return dir.string();
  }
  return BuildRefdataDir().string();
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "无法打开文件：" + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Fail(ErrorCode::kIo, "读取文件失败：" + path);
  return std::move(buf).str();
}

std::vector<std::string> SplitCsvLine(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else {
      field.push_back(c);
    }
  }
  fields.push_back(std::move(field));
  return fields;
}

}  // namespace qjy
