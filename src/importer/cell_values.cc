#include "importer/cell_values.h"

#include <charconv>
#include <cmath>

#include "core/id_number.h"

namespace qjy::importer {
namespace {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

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

std::optional<Date> ExcelSerialDate(double serial) {
  if (!(serial >= 1 && serial < 2958466)) return std::nullopt;
  auto days = static_cast<int32_t>(std::floor(serial));
  if (days == 60) return std::nullopt;  // 1900-02-29 never was
  if (days < 60) ++days;                // before Excel's phantom leap day
  return Date::FromDays(days - 25569);  // serial 25569 = 1970-01-01
}

std::optional<Date> ParseDateCell(std::string_view text) {
  text = TrimCell(text);
  if (text.empty()) return std::nullopt;
  if (text.size() >= 5 && IsDigits(text.substr(0, 5)) &&
      (text.size() == 5 || (text[5] == '.' && text.size() > 6 && IsDigits(text.substr(6))))) {
    double serial = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), serial);
    if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
    return ExcelSerialDate(serial);
  }
  auto d = Date::Parse(text);
  if (!d) return std::nullopt;
  return *d;
}

std::string IdDigitsLostReason(std::string_view text) {
  text = TrimCell(text);
  bool lost = false;
  // Scientific notation: d.ddd…E+nn (either case, '+' optional).
  size_t e = text.find_first_of("eE");
  if (e != std::string_view::npos && e >= 1 && e + 1 < text.size()) {
    std::string_view mant = text.substr(0, e), exp = text.substr(e + 1);
    if (exp.front() == '+') exp.remove_prefix(1);
    size_t dot = mant.find('.');
    bool mant_ok = dot == std::string_view::npos
                       ? IsDigits(mant)
                       : IsDigits(mant.substr(0, dot)) &&
                             (dot + 1 == mant.size() || IsDigits(mant.substr(dot + 1)));
    lost = mant_ok && !mant.empty() && mant.front() != '.' && IsDigits(exp);
  }
  if (!lost && text.size() == 18 && IsDigits(text) && text.ends_with("000")) {
    auto check = ResidentIdCheckChar(text.substr(0, 17));
    lost = check && *check != text[17];
  }
  if (!lost) return "";
  return "身份证号码被 Excel/WPS 当作数字保存，只保留了前 15 位，后几位数字已丢失（显示为“" +
         std::string(text.substr(0, 24)) +
         "”），无法还原：请把该列单元格格式设置为“文本”后重新录入完整号码，"
         "或在号码前加英文单引号 ' 再输入";
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
