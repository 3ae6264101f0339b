// One reader for the monitoring's cited YAML specs (indicators, month-end
// indicators, comparison indicators, risk warnings): the file and line in
// every error, in Chinese, and one directory loader with unique ids.
//
// Contract:
// - Every error is kInvalidArgument (kIo for an unreadable file or missing
//   directory) and reads "<kind> <file> 第 N 行：<what>", kind being the
//   word users know the file by ("指标文件", "预警文件").
// - Text: a required key that is absent is "缺少字段 key"; a non-scalar is
//   "key 应为文本"; a required empty text is "key 不能为空". An optional
//   key absent or empty reads as "".
// - LoadSpecDir reads every *.yaml of a directory in file-name order, shows
//   each file as `shown_prefix + name`, and refuses a repeated id. A missing
//   directory is an error or an empty list, as the caller says.
#ifndef QJY_MONITOR_SPEC_READER_H_
#define QJY_MONITOR_SPEC_READER_H_

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.h"

namespace qjy::monitor {

class SpecReader {
 public:
  SpecReader(std::string_view kind, std::string_view file) : kind_(kind), file_(file) {}

  const std::string& file() const { return file_; }

  // An error at a node's line (the file alone when the node has no mark).
  std::unexpected<Error> Bad(const YAML::Node& at, const std::string& what) const;

  // The document's root, which must be a map.
  Result<YAML::Node> Root(std::string_view text) const;

  Result<std::string> Text(const YAML::Node& parent, const char* key, bool required = true) const;

  // An optional true/false (absent: false).
  Result<bool> Flag(const YAML::Node& parent, const char* key) const;

  // A required number in [0, 1].
  Result<double> Ratio(const YAML::Node& parent, const char* key) const;

  template <class T>
  Result<T> Number(const YAML::Node& n, const std::string& what) const {
    try {
      return n.as<T>();
    } catch (const YAML::Exception&) {
      return Bad(n, what + " 应为数字");
    }
  }

  // `assumed: true` must come with a note saying why.
  Result<bool> Assumed(const YAML::Node& root, const std::string& note) const;

  // Runs a parse that may throw YAML::Exception (a yaml-cpp conversion
  // deep inside) and turns the exception into the file's error.
  template <class Spec, class F>
  Result<Spec> Guard(F&& parse) const {
    try {
      return parse();
    } catch (const YAML::Exception& e) {
      return std::unexpected(At(e.mark.line, e.msg));
    }
  }

 private:
  Error At(int line, const std::string& what) const;

  std::string kind_;
  std::string file_;
};

struct SpecDir {
  std::filesystem::path dir;
  std::string kind;          // "指标文件"
  std::string id_word;       // "指标" in "指标 id “x” 重复"
  std::string shown_prefix;  // "monthly/" or ""
  bool missing_is_error = true;
  std::string missing_message;  // "指标目录不存在："
};

template <class Spec>
using SpecParse = std::function<Result<Spec>(std::string_view text, std::string_view shown_name)>;

// Every spec of the directory, parsed by `parse`, ids unique.
template <class Spec>
Result<std::vector<Spec>> LoadSpecDir(const SpecDir& d, const SpecParse<Spec>& parse);

// Implementation detail shared by every LoadSpecDir<Spec>.
Result<std::vector<std::pair<std::string, std::string>>> ReadSpecFiles(const SpecDir& d);

template <class Spec>
Result<std::vector<Spec>> LoadSpecDir(const SpecDir& d, const SpecParse<Spec>& parse) {
  auto files = ReadSpecFiles(d);
  if (!files) return std::unexpected(files.error());
  std::vector<Spec> out;
  std::set<std::string> ids;
  for (const auto& [name, text] : *files) {
    auto s = parse(text, name);
    if (!s) return std::unexpected(s.error());
    if (!ids.insert(s->id).second) {
      return Fail(ErrorCode::kInvalidArgument, d.kind + " " + name + "：" + d.id_word + " id “" + s->id + "” 重复");
    }
    out.push_back(std::move(*s));
  }
  return out;
}

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_SPEC_READER_H_
