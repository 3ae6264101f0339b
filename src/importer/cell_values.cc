#include "importer/cell_values.h"

#include <charconv>

namespace qjy::importer {
namespace {

bool StripPrefix(std::string_view& s, std::string_view p) {
  if (!s.starts_with(p)) return false;
  s.remove_prefix(p.size());
  return true;
}
bool StripSuffix(std::string_view& s, std::string_view p) {
  if (!s.ends_with(p)) return false;
  s.remove_suffix(p.size());
  return true;
}

}  // namespace

std::string_view TrimCell(std::string_view s) {
  for (;;) {
    size_t before = s.size();
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' ||
                          s.front() == '\n')) {
      s.remove_prefix(1);
    }
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
      s.remove_suffix(1);
    }
    StripPrefix(s, "\xE3\x80\x80");  // U+3000 ideographic space
    StripSuffix(s, "\xE3\x80\x80");
    if (s.size() == before) return s;
  }
}

std::optional<int64_t> ParseYuanToFen(std::string_view text) {
  text = TrimCell(text);
  StripPrefix(text, "￥") || StripPrefix(text, "¥");
  StripSuffix(text, "元");
  text = TrimCell(text);
  if (text.empty()) return std::nullopt;
  int64_t yuan = 0;
  size_t i = 0;
  int digits = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    char c = text[i];
    if (c == ',') {
      if (digits == 0) return std::nullopt;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (++digits > 12) return std::nullopt;
    yuan = yuan * 10 + (c - '0');
  }
  if (digits == 0) return std::nullopt;
  int64_t fen = 0;
  if (i < text.size()) {  // the '.'
    std::string_view frac = text.substr(i + 1);
    // Spreadsheets write 1234.5600 sometimes: zeros past the fen are fine.
    while (frac.size() > 2 && frac.back() == '0') frac.remove_suffix(1);
    if (frac.size() > 2) return std::nullopt;
    for (char c : frac) {
      if (c < '0' || c > '9') return std::nullopt;
    }
    if (!frac.empty()) fen = (frac[0] - '0') * 10 + (frac.size() == 2 ? frac[1] - '0' : 0);
  }
  return yuan * 100 + fen;
}

std::string FenToYuanText(int64_t fen) {
  std::string out = fen < 0 ? "-" : "";
  uint64_t a = fen < 0 ? static_cast<uint64_t>(-(fen + 1)) + 1 : static_cast<uint64_t>(fen);
  out += std::to_string(a / 100);
  uint64_t f = a % 100;
  if (f != 0) {
    out += '.';
    out += static_cast<char>('0' + f / 10);
    if (f % 10 != 0) out += static_cast<char>('0' + f % 10);
  }
  return out;
}

std::optional<int64_t> ParseCount(std::string_view text) {
  text = TrimCell(text);
  if (StripSuffix(text, ".0")) {
    while (StripSuffix(text, "0")) {}
  }
  if (text.empty() || text.size() > 10) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < 0 || v > 1'000'000'000) {
    return std::nullopt;
  }
  return v;
}

std::optional<bool> ParseYesNo(std::string_view text) {
  text = TrimCell(text);
  static constexpr std::string_view kYes[] = {"是", "1", "Y", "y", "yes", "Yes", "YES",
                                              "true", "TRUE", "True", "√", "有"};
  static constexpr std::string_view kNo[] = {"否", "0", "N", "n", "no", "No", "NO",
                                             "false", "FALSE", "False", "×", "无"};
  for (auto y : kYes) if (text == y) return true;
  for (auto n : kNo) if (text == n) return false;
  return std::nullopt;
}

std::optional<Date> ParseDateCell(std::string_view text) {
  text = TrimCell(text);
  if (text.empty()) return std::nullopt;
  auto d = Date::Parse(text);
  if (!d) return std::nullopt;
  return *d;
}

std::vector<std::string_view> SplitList(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  auto flush = [&](size_t end) {
    std::string_view part = TrimCell(text.substr(start, end - start));
    if (!part.empty()) out.push_back(part);
  };
  for (size_t i = 0; i < text.size();) {
    size_t sep = 0;
    if (text[i] == ';') sep = 1;
    else if (text.compare(i, 3, "；") == 0 || text.compare(i, 3, "、") == 0) sep = 3;
    if (sep) {
      flush(i);
      i += sep;
      start = i;
    } else {
      ++i;
    }
  }
  flush(text.size());
  return out;
}

}  // namespace qjy::importer
