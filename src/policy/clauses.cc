#include "policy/clauses.h"

#include <array>

namespace qjy::policy {
namespace {

constexpr std::array<std::string_view, 22> kNumerals = {
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一",
    "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "二十一", "二十二"};

// Number of (n) clauses per part, counted in seed/qianfufa-2023-12.txt.
int ClauseCount(std::string_view part) {
  if (part == "main") return 22;
  if (part == "A1") return 20;
  if (part == "A2") return 17;
  if (part == "A3") return 13;
  if (part == "A4") return 17;
  return 0;
}

// Numbered items inside a clause: A3(五) has 1–3, A3(六) has 1–4.
int ItemCount(std::string_view part, std::string_view numeral) {
  if (part == "A3" && numeral == "五") return 3;
  if (part == "A3" && numeral == "六") return 4;
  return 0;
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size())) {
    s.replace(i, from.size(), to);
  }
}

}  // namespace

std::optional<std::string> CanonicalClause(std::string_view reference) {
  std::string s(reference);
  ReplaceAll(s, "（", "(");
  ReplaceAll(s, "）", ")");
  ReplaceAll(s, " ", "");
  for (char n : {'1', '2', '3', '4'}) {
    ReplaceAll(s, std::string("附件") + n, std::string("A") + n);
  }
  if (s == "main") return s;
  const size_t open = s.find('(');
  const size_t close = s.find(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return std::nullopt;
  const std::string part = s.substr(0, open);
  const std::string numeral = s.substr(open + 1, close - open - 1);
  const std::string item = s.substr(close + 1);
  const int count = ClauseCount(part);
  int index = -1;
  for (int i = 0; i < count; ++i) {
    if (kNumerals[i] == numeral) index = i;
  }
  if (index < 0) return std::nullopt;
  if (!item.empty()) {
    const int items = ItemCount(part, numeral);
    if (item.size() != 1 || item[0] < '1' || item[0] > '0' + items) return std::nullopt;
  }
  return s;
}

}  // namespace qjy::policy
