#include "core/regions.h"

#include <algorithm>

#include "core/refdata.h"

namespace qjy {
namespace {

// Hash key of a code: its digits as a number, tagged with the length so
// that "52" and "052" differ. 0 for anything that is not 1..12 digits.
uint64_t CodeKey(std::string_view code) {
  if (code.empty() || code.size() > 12) return 0;
  uint64_t value = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return (value << 4) | code.size();
}

bool IsPlaceholderName(const Region& r) {
  return r.level == RegionLevel::kPrefecture &&
         (r.name == "市辖区" || r.name == "县" || r.name.ends_with("直辖县级行政区划"));
}

bool IsSpace(std::string_view s, size_t i, size_t* width) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
    *width = 1;
    return true;
  }
  if (s.substr(i, 3) == "\u3000") {  // full-width space
    *width = 3;
    return true;
  }
  return false;
}

std::string StripSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t w = 0;
    if (IsSpace(s, i, &w)) {
      i += w;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

bool IsUtf8Boundary(std::string_view s, size_t i) {
  return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

}  // namespace

const char* RegionLevelName(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince: return "province";
    case RegionLevel::kPrefecture: return "prefecture";
    case RegionLevel::kCounty: return "county";
    case RegionLevel::kTownship: return "township";
    case RegionLevel::kVillage: return "village";
  }
  return "province";
}

const char* RegionLevelLabel(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince: return "省级";
    case RegionLevel::kPrefecture: return "地级";
    case RegionLevel::kCounty: return "县级";
    case RegionLevel::kTownship: return "乡级";
    case RegionLevel::kVillage: return "村级";
  }
  return "省级";
}

Result<RegionLevel> ParseRegionLevel(std::string_view name) {
  for (int i = 0; i < kRegionLevelCount; ++i) {
    auto level = static_cast<RegionLevel>(i);
    if (name == RegionLevelName(level)) return level;
  }
  return Fail(ErrorCode::kInvalidArgument, "未知的行政区划级别：“" + std::string(name) + "”");
}

Result<RegionIndex> RegionIndex::Load(const std::string& refdata_dir) {
  const std::string path = refdata_dir + "/regions.csv";
  auto text = ReadWholeFile(path);
  if (!text) return std::unexpected(text.error());
  std::vector<Region> rows;
  rows.reserve(static_cast<size_t>(std::count(text->begin(), text->end(), '\n')));
  std::string_view rest = *text;
  for (int line_no = 1; !rest.empty(); ++line_no) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (line_no == 1 || line.empty() || line == "\r") continue;  // header
    std::vector<std::string> f = SplitCsvLine(line);
    auto bad = [&](const std::string& why) {
      return Fail(ErrorCode::kInvalidArgument,
                  path + " 第 " + std::to_string(line_no) + " 行" + why);
    };
    if (f.size() != 4) return bad("应有 4 个字段");
    auto level = ParseRegionLevel(f[2]);
    if (!level) return bad(level.error().message);
    rows.push_back(Region{std::move(f[0]), std::move(f[1]), *level, std::move(f[3])});
  }
  auto index = FromRows(std::move(rows));
  if (!index) {
    return Fail(index.error().code, path + "：" + index.error().message);
  }
  return index;
}

Result<RegionIndex> RegionIndex::FromRows(std::vector<Region> rows) {
  RegionIndex idx;
  idx.regions_ = std::move(rows);
  const auto n = static_cast<int32_t>(idx.regions_.size());
  idx.by_code_.reserve(idx.regions_.size());
  idx.by_name_.reserve(idx.regions_.size());
  for (int32_t i = 0; i < n; ++i) {
    const Region& r = idx.regions_[i];
    uint64_t key = CodeKey(r.code);
    if (key == 0) return Fail(ErrorCode::kInvalidArgument, "行政区划代码无效：“" + r.code + "”");
    if (r.name.empty()) return Fail(ErrorCode::kInvalidArgument, "行政区划 " + r.code + " 缺少名称");
    if (!idx.by_code_.emplace(key, i).second) {
      return Fail(ErrorCode::kInvalidArgument, "行政区划代码重复：" + r.code);
    }
  }
  idx.parent_.assign(n, -1);
  idx.placeholder_.assign(n, false);
  std::vector<int32_t> child_count(n + 1, 0);
  for (int32_t i = 0; i < n; ++i) {
    const Region& r = idx.regions_[i];
    idx.placeholder_[i] = IsPlaceholderName(r);
    ++idx.level_counts_[static_cast<int>(r.level)];
    if (r.level == RegionLevel::kProvince) {
      if (!r.parent_code.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "省级行政区 " + r.code + " 不应有上级");
      }
      continue;
    }
    int32_t p = idx.IndexOf(r.parent_code);
    if (p < 0 || idx.regions_[p].code != r.parent_code) {
      return Fail(ErrorCode::kInvalidArgument,
                  "行政区划 " + r.code + " 的上级 “" + r.parent_code + "” 不存在");
    }
    if (static_cast<int>(idx.regions_[p].level) + 1 != static_cast<int>(r.level)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "行政区划 " + r.code + " 的上级 " + r.parent_code + " 级别不符");
    }
    idx.parent_[i] = p;
    ++child_count[p];
  }
  idx.child_begin_.assign(n + 1, 0);
  for (int32_t i = 0; i < n; ++i) idx.child_begin_[i + 1] = idx.child_begin_[i] + child_count[i];
  idx.children_.assign(idx.child_begin_[n], 0);
  std::vector<int32_t> fill(idx.child_begin_.begin(), idx.child_begin_.end() - 1);
  for (int32_t i = 0; i < n; ++i) {
    if (idx.parent_[i] >= 0) idx.children_[fill[idx.parent_[i]]++] = i;
  }
  for (int32_t i = 0; i < n; ++i) {
    if (!idx.placeholder_[i]) idx.by_name_.emplace(idx.regions_[i].name, i);
  }
  return idx;
}

int32_t RegionIndex::IndexOf(std::string_view code) const {
  // Exact code first, then the zero-padded forms: 12 -> 9 -> 6 -> 4 -> 2
  // digits, dropping only zeros.
  std::string_view c = code;
  while (true) {
    if (uint64_t key = CodeKey(c); key != 0) {
      auto it = by_code_.find(key);
      if (it != by_code_.end()) return it->second;
    } else {
      return -1;
    }
    size_t shorter = 0;
    switch (c.size()) {
      case 12: shorter = 9; break;
      case 9: shorter = 6; break;
      case 6: shorter = 4; break;
      case 4: shorter = 2; break;
      default: return -1;
    }
    if (c.substr(shorter).find_first_not_of('0') != std::string_view::npos) return -1;
    c = c.substr(0, shorter);
  }
}

const Region* RegionIndex::Find(std::string_view code) const {
  int32_t i = IndexOf(code);
  return i < 0 ? nullptr : &regions_[i];
}

Result<Region> RegionIndex::Lookup(std::string_view code) const {
  const Region* r = Find(code);
  if (r == nullptr) {
    return Fail(ErrorCode::kNotFound, "未知的行政区划代码：“" + std::string(code) + "”");
  }
  return *r;
}

std::string RegionIndex::FullNameOf(int32_t index) const {
  std::vector<int32_t> chain;
  for (int32_t i = index; i >= 0; i = parent_[i]) chain.push_back(i);
  std::string out;
  std::string_view last;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (placeholder_[*it]) continue;
    const std::string& name = regions_[*it].name;
    if (name == last) continue;
    out += name;
    last = name;
  }
  return out;
}

Result<std::string> RegionIndex::FullName(std::string_view code) const {
  int32_t i = IndexOf(code);
  if (i < 0) return Fail(ErrorCode::kNotFound, "未知的行政区划代码：“" + std::string(code) + "”");
  return FullNameOf(i);
}

int32_t RegionIndex::AncestorAt(int32_t index, RegionLevel level) const {
  int32_t i = index;
  while (i >= 0 && regions_[i].level > level) i = parent_[i];
  return (i >= 0 && regions_[i].level == level) ? i : -1;
}

Result<std::string> RegionIndex::CountyOf(std::string_view code) const {
  int32_t i = IndexOf(code);
  if (i < 0) return Fail(ErrorCode::kNotFound, "未知的行政区划代码：“" + std::string(code) + "”");
  if (regions_[i].level < RegionLevel::kCounty) {
    return Fail(ErrorCode::kInvalidArgument, "“" + FullNameOf(i) + "”是" +
                                                 RegionLevelLabel(regions_[i].level) +
                                                 "行政区，不属于某一个县级行政区");
  }
  return regions_[AncestorAt(i, RegionLevel::kCounty)].code;
}

Result<std::string> RegionIndex::PrefectureOf(std::string_view code) const {
  int32_t i = IndexOf(code);
  if (i < 0) return Fail(ErrorCode::kNotFound, "未知的行政区划代码：“" + std::string(code) + "”");
  if (regions_[i].level < RegionLevel::kPrefecture) {
    return Fail(ErrorCode::kInvalidArgument,
                "“" + FullNameOf(i) + "”是省级行政区，不属于某一个地级行政区");
  }
  return regions_[AncestorAt(i, RegionLevel::kPrefecture)].code;
}

Result<std::string> RegionIndex::ProvinceOf(std::string_view code) const {
  int32_t i = IndexOf(code);
  if (i < 0) return Fail(ErrorCode::kNotFound, "未知的行政区划代码：“" + std::string(code) + "”");
  return regions_[AncestorAt(i, RegionLevel::kProvince)].code;
}

bool RegionIndex::IsInGuizhou(std::string_view code) const {
  int32_t i = IndexOf(code);
  if (i < 0) return false;
  return regions_[AncestorAt(i, RegionLevel::kProvince)].code == "52";
}

bool RegionIndex::Contains(int32_t ancestor, int32_t index) const {
  for (int32_t i = index; i >= 0; i = parent_[i]) {
    if (i == ancestor) return true;
    if (regions_[i].level <= regions_[ancestor].level) return false;
  }
  return false;
}

bool RegionIndex::IsAncestorOrSelf(std::string_view ancestor, std::string_view code) const {
  int32_t a = IndexOf(ancestor);
  int32_t i = IndexOf(code);
  return a >= 0 && i >= 0 && Contains(a, i);
}

Result<std::vector<Region>> RegionIndex::Children(std::string_view code) const {
  int32_t i = IndexOf(code);
  if (i < 0) return Fail(ErrorCode::kNotFound, "未知的行政区划代码：“" + std::string(code) + "”");
  std::vector<Region> out;
  out.reserve(child_begin_[i + 1] - child_begin_[i]);
  for (int32_t k = child_begin_[i]; k < child_begin_[i + 1]; ++k) out.push_back(regions_[children_[k]]);
  return out;
}

size_t RegionIndex::Count(RegionLevel level, std::string_view within) const {
  int32_t a = IndexOf(within);
  if (a < 0) return 0;
  size_t count = 0;
  // Depth-first over the subtree, through the CSR child lists.
  std::vector<int32_t> stack{a};
  while (!stack.empty()) {
    int32_t i = stack.back();
    stack.pop_back();
    if (regions_[i].level == level) {
      ++count;
      continue;  // nothing of the same level below
    }
    if (regions_[i].level > level) continue;
    for (int32_t k = child_begin_[i]; k < child_begin_[i + 1]; ++k) stack.push_back(children_[k]);
  }
  return count;
}

// Whether `prefix` is a concatenation of names of ancestors of `index`, in
// order from the top, each used at most once, levels may be skipped.
bool RegionIndex::PrefixMatchesAncestors(std::string_view prefix, int32_t index) const {
  for (int32_t i = parent_[index]; i >= 0 && !prefix.empty(); i = parent_[i]) {
    const std::string& name = regions_[i].name;
    if (prefix.ends_with(name)) prefix.remove_suffix(name.size());
  }
  return prefix.empty();
}

Result<std::string> RegionIndex::ResolveName(std::string_view text, std::string_view within) const {
  const std::string typed = StripSpaces(text);
  if (typed.empty()) return Fail(ErrorCode::kInvalidArgument, "地区名称为空");
  int32_t scope = -1;
  if (!within.empty()) {
    scope = IndexOf(within);
    if (scope < 0) {
      return Fail(ErrorCode::kInvalidArgument, "未知的行政区划代码：“" + std::string(within) + "”");
    }
  }
  auto outside = [&](int32_t i) { return scope >= 0 && !Contains(scope, i); };
  const std::string scope_note = scope >= 0 ? "（限定在" + FullNameOf(scope) + "范围内）" : "";

  if (typed.find_first_not_of("0123456789") == std::string::npos) {
    int32_t i = IndexOf(typed);
    if (i < 0 || outside(i)) {
      return Fail(ErrorCode::kNotFound, "找不到行政区划代码“" + typed + "”" + scope_note);
    }
    return regions_[i].code;
  }

  std::vector<int32_t> matches;
  for (size_t p = 0; p < typed.size(); ++p) {
    if (!IsUtf8Boundary(typed, p)) continue;
    auto [lo, hi] = by_name_.equal_range(typed.substr(p));
    for (auto it = lo; it != hi; ++it) {
      int32_t i = it->second;
      if (outside(i)) continue;
      if (!PrefixMatchesAncestors(std::string_view(typed).substr(0, p), i)) continue;
      if (std::find(matches.begin(), matches.end(), i) == matches.end()) matches.push_back(i);
    }
  }
  if (matches.empty()) {
    return Fail(ErrorCode::kNotFound, "找不到地区“" + typed + "”" + scope_note +
                                          "，请填写完整名称（如“南明区”）或行政区划代码");
  }
  if (matches.size() > 1) {
    // One match containing all the others (东莞市 and its county 东莞市).
    for (int32_t m : matches) {
      bool contains_all = std::all_of(matches.begin(), matches.end(),
                                      [&](int32_t o) { return Contains(m, o); });
      if (contains_all) return regions_[m].code;
    }
    std::sort(matches.begin(), matches.end());
    std::string list;
    const size_t shown = std::min<size_t>(matches.size(), 5);
    for (size_t k = 0; k < shown; ++k) {
      if (k) list += "、";
      list += FullNameOf(matches[k]) + "（" + regions_[matches[k]].code + "）";
    }
    if (matches.size() > shown) list += " 等 " + std::to_string(matches.size()) + " 处";
    return Fail(ErrorCode::kConflict,
                "地区“" + typed + "”有多个匹配：" + list + "，请写上级地区或填写代码");
  }
  return regions_[matches.front()].code;
}

}  // namespace qjy
