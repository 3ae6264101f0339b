#include "match/occupation.h"

#include <algorithm>
#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "core/install_paths.h"

namespace qjy::match {
namespace {

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"') quoted = !quoted;
    else if (ch == ',' && !quoted) out.emplace_back();
    else if (ch != '\r') out.back() += ch;
  }
  return out;
}

}  // namespace

Result<OccCode> ParseOccCode(std::string_view code) {
  OccCode c;
  size_t pos = 0;
  while (pos <= code.size()) {
    size_t dash = code.find('-', pos);
    std::string_view part = code.substr(pos, dash == std::string_view::npos ? code.size() - pos : dash - pos);
    const size_t want = c.depth == 0 ? 1 : 2;
    bool digits = part.size() == want;
    for (char ch : part) digits = digits && ch >= '0' && ch <= '9';
    if (!digits || c.depth == 4) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("职业代码“{}”格式不对，应如 6-18-02-04（2022 年版职业分类）", code));
    }
    int v = 0;
    for (char ch : part) v = v * 10 + (ch - '0');
    c.seg[c.depth++] = static_cast<uint8_t>(v);
    if (dash == std::string_view::npos) break;
    pos = dash + 1;
  }
  if (c.seg[0] < 1 || c.seg[0] > 8) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("职业代码“{}”的大类应为 1–8", code));
  }
  return c;
}

std::string FormatOccCode(const OccCode& c) {
  std::string s;
  for (int i = 0; i < c.depth; ++i) {
    s += i == 0 ? fmt::format("{}", c.seg[0]) : fmt::format("-{:02}", c.seg[i]);
  }
  return s;
}

const char* ClosenessLabel(Closeness c) {
  switch (c) {
    case Closeness::kSame: return "职业相同";
    case Closeness::kMinor: return "同小类职业";
    case Closeness::kMedium: return "同中类职业";
    case Closeness::kMajor: return "同大类职业";
    case Closeness::kNone: return "职业不同";
  }
  return "";
}

Result<OccupationTree> OccupationTree::LoadDefault() {
  OccupationTree t;
  auto r = t.LoadFile(ShippedPath("src/match/data/occupation_groups.csv").string());
  if (!r) return std::unexpected(r.error());
  t.detailed_loaded_ = false;
  return t;
}

Result<void> OccupationTree::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, fmt::format("无法读取职业分类文件 {}", path));
  std::string line;
  int row = 0;
  bool header_seen = false;
  std::unordered_map<std::string, std::string> add;
  bool detailed = false;
  while (std::getline(in, line)) {
    ++row;
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {
      header_seen = true;
      if (!line.starts_with("code,name,level")) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{} 第 {} 行：表头应为 code,name,level", path, row));
      }
      continue;
    }
    auto cells = SplitCsv(line);
    if (cells.size() < 3) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("{} 第 {} 行：应有 code,name,level 三列", path, row));
    }
    auto code = ParseOccCode(cells[0]);
    if (!code) return Fail(ErrorCode::kInvalidArgument, fmt::format("{} 第 {} 行 code：{}", path, row, code.error().message));
    if (cells[2] != std::to_string(code->depth)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} 第 {} 行 level：“{}”与代码 {} 的层级 {} 不符", path, row, cells[2], cells[0], code->depth));
    }
    if (cells[1].empty()) return Fail(ErrorCode::kInvalidArgument, fmt::format("{} 第 {} 行 name：为空", path, row));
    if (code->depth == 4) detailed = true;
    add[cells[0]] = cells[1];
  }
  if (add.empty()) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：没有职业", path));
  for (auto& [k, v] : add) names_[k] = std::move(v);
  detailed_loaded_ = detailed_loaded_ || detailed;
  return {};
}

bool OccupationTree::Known(std::string_view code) const {
  auto c = ParseOccCode(code);
  if (!c) return false;
  if (names_.contains(std::string(code))) return true;
  if (detailed_loaded_ || c->depth <= 2) return false;
  OccCode medium = *c;
  medium.depth = 2;
  return names_.contains(FormatOccCode(medium));
}

std::string OccupationTree::Name(std::string_view code) const {
  auto c = ParseOccCode(code);
  if (!c) return "";
  for (OccCode a = *c; a.depth > 0; --a.depth) {
    auto it = names_.find(FormatOccCode(a));
    if (it != names_.end()) return it->second;
  }
  return "";
}

std::vector<std::pair<std::string, std::string>> OccupationTree::Entries() const {
  std::vector<std::pair<std::string, std::string>> out(names_.begin(), names_.end());
  // Code order by segments ("4-02" before "4-10"; "4" before "4-01").
  auto key = [](const std::string& code) {
    auto c = ParseOccCode(code);
    return c ? std::pair(c->seg, c->depth) : std::pair(std::array<uint8_t, 4>{}, uint8_t{0});
  };
  std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return key(a.first) < key(b.first); });
  return out;
}

}  // namespace qjy::match
