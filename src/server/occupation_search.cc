#include "server/occupation_search.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <map>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/install_paths.h"
#include "core/pinyin.h"

namespace qjy::server {
namespace {

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string OccupationSearchLower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string ParentCode(const std::string& code) {
  auto dash = code.rfind('-');
  return dash == std::string::npos ? std::string() : code.substr(0, dash);
}

}  // namespace

const char* OccupationSearch::LevelLabel(int level) {
  switch (level) {
    case 1: return "大类";
    case 2: return "中类";
    case 3: return "小类";
    case 4: return "细类";
    default: return "";
  }
}

namespace {

// The rows of a small comma-separated data file ('#' comments and blank
// lines skipped; the first row a header, one of `headers`), each split into
// trimmed cells and handed to row_fn(row number, cells); `what` names the
// file in the read error.
template <class RowFn>
Result<void> ForEachRow(const std::string& path, const char* what, std::initializer_list<std::string_view> headers,
                        RowFn&& row_fn) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, fmt::format("无法读取{} {}", what, path));
  std::string line;
  int row = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++row;
    std::string_view l = TrimView(line);
    if (l.empty() || l.front() == '#') continue;
    if (!header) {
      header = true;
      if (std::find(headers.begin(), headers.end(), l) == headers.end()) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{} 第 {} 行：表头应为 {}", path, row, *headers.begin()));
      }
      continue;
    }
    std::vector<std::string> cells;
    for (size_t start = 0;;) {
      size_t comma = l.find(',', start);
      cells.emplace_back(TrimView(l.substr(start, comma == std::string_view::npos ? l.npos : comma - start)));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    QJY_TRY(row_fn(row, cells));
  }
  return {};
}

// typed,means rows of a synonyms file.
Result<std::vector<std::pair<std::string, std::string>>> LoadSynonyms(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> out;
  auto read = ForEachRow(path, "职业简称对照文件", {"typed,means"},
                         [&](int row, const std::vector<std::string>& cells) -> Result<void> {
                           if (cells.size() != 2 || cells[0].empty() || cells[1].empty()) {
                             return Fail(ErrorCode::kInvalidArgument,
                                         fmt::format("{} 第 {} 行：应为 typed,means 两列，均不为空", path, row));
                           }
                           out.emplace_back(cells[0], cells[1]);
                           return {};
                         });
  if (!read) return std::unexpected(read.error());
  return out;
}

}  // namespace

Result<OccupationSearch> OccupationSearch::Load(match::OccupationTree tree, const std::string& titles_path,
                                               const std::string& synonyms_path) {
  OccupationSearch s;
  std::map<std::string, size_t> at;
  for (auto& [code, name] : tree.Entries()) {
    auto parsed = match::ParseOccCode(code);
    Entry e;
    e.level = parsed ? parsed->depth : 0;
    e.initials = PinyinInitials(name, /*surname_first=*/false);
    const std::string parent = ParentCode(code);
    if (!parent.empty()) e.parent_name = tree.Name(parent);
    e.code = code;
    e.name = name;
    at[e.code] = s.entries_.size();
    s.entries_.push_back(std::move(e));
  }
  auto titles = ForEachRow(
      titles_path, "职业名称对照文件", {"code,title", "code,title,detailed"},
      [&](int row, const std::vector<std::string>& cells) -> Result<void> {
        if (cells.size() < 2 || cells.size() > 3) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("{} 第 {} 行：应有 code,title[,detailed] 列", titles_path, row));
        }
        const std::string& code = cells[0];
        const std::string& title = cells[1];
        auto it = at.find(code);
        if (it == at.end()) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("{} 第 {} 行 code：“{}”不在职业分类中", titles_path, row, code));
        }
        if (title.empty()) {
          return Fail(ErrorCode::kInvalidArgument, fmt::format("{} 第 {} 行 title：为空", titles_path, row));
        }
        size_t entry = it->second;
        // The detailed occupation, when the detailed list is loaded and has it.
        if (cells.size() == 3 && !cells[2].empty()) {
          auto d = match::ParseOccCode(cells[2]);
          if (!d || d->depth != 4 || !cells[2].starts_with(code + "-")) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("{} 第 {} 行 detailed：“{}”不是 {} 下的细类代码",
                                                                 titles_path, row, cells[2], code));
          }
          if (auto dt = at.find(cells[2]); dt != at.end()) entry = dt->second;
        }
        s.titles_.push_back({title, PinyinInitials(title, false), entry});
        return {};
      });
  if (!titles) return std::unexpected(titles.error());
  if (!synonyms_path.empty()) {
    auto synonyms = LoadSynonyms(synonyms_path);
    if (!synonyms) return std::unexpected(synonyms.error());
    s.synonyms_ = std::move(*synonyms);
  }
  return s;
}

Result<OccupationSearch> OccupationSearch::LoadDefault() {
  auto tree = match::OccupationTree::LoadDefault();
  if (!tree) return std::unexpected(tree.error());
  if (const char* f = std::getenv("QJY_OCCUPATIONS_FILE"); f && *f) {
    if (auto r = tree->LoadFile(f); !r) return std::unexpected(r.error());
  }
  return Load(std::move(*tree), ShippedPath("src/match/data/occupation_titles.csv").string(),
              ShippedPath("src/match/data/occupation_synonyms.csv").string());
}

std::vector<OccupationHit> OccupationSearch::Search(std::string_view raw, size_t limit) const {
  const std::string q(TrimView(raw));
  const std::string lower = OccupationSearchLower(q);
  const bool initials = LooksLikeInitials(q);
  const bool code_like = !q.empty() && std::isdigit(static_cast<unsigned char>(q.front()));
  // What was typed, and what the short forms in it stand for ("客服" →
  // "客户服务"); a name or title holding any of them is found.
  std::vector<std::string> forms = {q};
  if (!code_like) {
    for (const auto& [typed, means] : synonyms_) {
      if (!q.empty() && q.find(typed) != std::string::npos &&
          std::find(forms.begin(), forms.end(), means) == forms.end()) {
        forms.push_back(means);
      }
    }
  }
  auto starts = [&](const std::string& text) {
    return std::any_of(forms.begin(), forms.end(), [&](const std::string& f) { return text.starts_with(f); });
  };
  auto holds = [&](const std::string& text) {
    return std::any_of(forms.begin(), forms.end(), [&](const std::string& f) { return text.find(f) != std::string::npos; });
  };
  // Best rank per entry (lower is better) and the title that gave it.
  std::vector<int> rank(entries_.size(), INT32_MAX);
  std::vector<const std::string*> via(entries_.size(), nullptr);
  for (size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    int r = INT32_MAX;
    if (q.empty()) {
      if (e.level == 1) r = 0;
    } else if (e.code == q) {
      r = 0;
    } else if (code_like && e.code.starts_with(q)) {
      r = 1;
    } else if (starts(e.name)) {
      r = 2;
    } else if (holds(e.name)) {
      r = 3;
    } else if (initials && e.initials.starts_with(lower)) {
      r = 5;
    }
    rank[i] = r;
  }
  if (!q.empty() && !code_like) {
    for (const Title& t : titles_) {
      // A title holding what was typed, or all of its initials, ranks above
      // a name merely starting with the initials; a title's initials prefix below.
      int r = INT32_MAX;
      if (holds(t.title) || (initials && t.initials == lower)) {
        r = 4;
      } else if (initials && t.initials.starts_with(lower)) {
        r = 6;
      }
      if (r < rank[t.entry]) {
        rank[t.entry] = r;
        via[t.entry] = &t.title;
      }
    }
  }
  std::vector<size_t> order;
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (rank[i] != INT32_MAX) order.push_back(i);
  }
  // Entries are in code order already: a stable sort keeps it within ties.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (rank[a] != rank[b]) return rank[a] < rank[b];
    if (q.empty() || code_like) return false;
    return entries_[a].level > entries_[b].level;
  });
  std::vector<OccupationHit> out;
  for (size_t i : order) {
    if (out.size() >= limit) break;
    const Entry& e = entries_[i];
    out.push_back({e.code, e.name, e.level, e.parent_name, via[i] ? *via[i] : std::string()});
  }
  return out;
}

std::optional<OccupationHit> OccupationSearch::Find(std::string_view code) const {
  for (const Entry& e : entries_) {
    if (e.code == code) return OccupationHit{e.code, e.name, e.level, e.parent_name, ""};
  }
  return std::nullopt;
}

}  // namespace qjy::server
