#include "monitor/spec_reader.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace qjy::monitor {

Error SpecReader::At(int line, const std::string& what) const {
  std::string where = file_;
  if (line >= 0) where += " 第 " + std::to_string(line + 1) + " 行";
  return Error{ErrorCode::kInvalidArgument, kind_ + " " + where + "：" + what};
}

std::unexpected<Error> SpecReader::Bad(const YAML::Node& at, const std::string& what) const {
  return std::unexpected(At(at.IsDefined() ? at.Mark().line : -1, what));
}

Result<YAML::Node> SpecReader::Root(std::string_view text) const {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return std::unexpected(At(e.mark.line, "YAML 格式错误（" + e.msg + "）"));
  }
  if (!root.IsMap()) return Bad(root, "文件应为键值格式");
  return root;
}

Result<std::string> SpecReader::Text(const YAML::Node& parent, const char* key, bool required) const {
  const YAML::Node n = parent[key];
  if (!n) {
    if (!required) return std::string();
    return Bad(parent, std::string("缺少字段 ") + key);
  }
  if (!n.IsScalar()) return Bad(n, std::string(key) + " 应为文本");
  if (required && n.Scalar().empty()) return Bad(n, std::string(key) + " 不能为空");
  return n.Scalar();
}

Result<bool> SpecReader::Flag(const YAML::Node& parent, const char* key) const {
  const YAML::Node n = parent[key];
  if (!n) return false;
  try {
    return n.as<bool>();
  } catch (const YAML::Exception&) {
    return Bad(n, std::string(key) + " 应为 true 或 false");
  }
}

Result<double> SpecReader::Ratio(const YAML::Node& parent, const char* key) const {
  const YAML::Node n = parent[key];
  if (!n) return Bad(parent, std::string("缺少字段 ") + key);
  auto v = Number<double>(n, key);
  if (!v) return v;
  if (*v < 0 || *v > 1) return Bad(n, std::string(key) + " 应在 0 与 1 之间");
  return v;
}

Result<bool> SpecReader::Assumed(const YAML::Node& root, const std::string& note) const {
  auto a = Flag(root, "assumed");
  if (!a) return a;
  if (*a && note.empty()) return Bad(root, "口径为假设（assumed: true）时须写明 note");
  return a;
}

Result<std::vector<std::pair<std::string, std::string>>> ReadSpecFiles(const SpecDir& d) {
  std::vector<std::pair<std::string, std::string>> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(d.dir, ec)) {
    if (!d.missing_is_error) return out;
    return Fail(ErrorCode::kIo, d.missing_message + d.dir.string());
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(d.dir, ec)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Fail(ErrorCode::kIo, "无法读取" + d.kind + " " + f.string());
    std::stringstream text;
    text << in.rdbuf();
    out.emplace_back(d.shown_prefix + f.filename().string(), text.str());
  }
  return out;
}

}  // namespace qjy::monitor
