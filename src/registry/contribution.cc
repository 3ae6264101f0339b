#include "registry/contribution.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace qjy::registry {
namespace {

struct KindName {
  InsuranceKind kind;
  std::string_view label;
};
constexpr std::array<KindName, 4> kKinds = {{{InsuranceKind::kPension, "养老"},
                                             {InsuranceKind::kUnemployment, "失业"},
                                             {InsuranceKind::kMedical, "医疗"},
                                             {InsuranceKind::kInjury, "工伤"}}};

std::optional<int> Number(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::string_view InsuranceKindLabel(InsuranceKind k) {
  for (const auto& n : kKinds) {
    if (n.kind == k) return n.label;
  }
  return "?";
}

std::string InsuranceKindsText(uint8_t kinds) {
  std::string out;
  for (const auto& n : kKinds) {
    if (!(kinds & Bit(n.kind))) continue;
    if (!out.empty()) out += ";";
    out += n.label;
  }
  return out;
}

std::optional<uint8_t> ParseInsuranceKinds(std::string_view text) {
  // Split on ASCII separators and the multi-byte ones (；，、).
  std::string s(text);
  for (std::string_view sep : {"；", "，", "、"}) {
    for (size_t at; (at = s.find(sep)) != std::string::npos;) s.replace(at, sep.size(), ";");
  }
  uint8_t kinds = 0;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find_first_of(";,/ \t", start);
    if (end == std::string::npos) end = s.size();
    std::string_view item(s.data() + start, end - start);
    start = end + 1;
    if (item.empty()) continue;
    if (item == "全部" || item == "五险" || item == "四险") {
      kinds |= kAllInsuranceKinds;
      continue;
    }
    bool found = false;
    for (const auto& n : kKinds) {
      // "养老", "养老保险", "基本养老保险", "职工基本养老保险"...
      if (item.find(n.label) != std::string_view::npos) {
        kinds |= Bit(n.kind);
        found = true;
      }
    }
    if (!found) return std::nullopt;
  }
  if (kinds == 0) return std::nullopt;
  return kinds;
}

std::string MonthText(int32_t month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month / 12, month % 12 + 1);
  return buf;
}

std::optional<int32_t> ParseMonth(std::string_view t) {
  std::optional<int> y, m;
  if (t.size() == 6 && t.find_first_not_of("0123456789") == std::string_view::npos) {
    y = Number(t.substr(0, 4));
    m = Number(t.substr(4));
  } else if (t.size() >= 6 && t.find("年") != std::string_view::npos) {
    size_t at = t.find("年");
    y = Number(t.substr(0, at));
    std::string_view rest = t.substr(at + std::string_view("年").size());
    if (rest.size() < 4 || rest.substr(rest.size() - 3) != "月") return std::nullopt;
    m = Number(rest.substr(0, rest.size() - 3));
  } else {
    size_t at = t.find_first_of("-/.");
    if (at == std::string_view::npos) return std::nullopt;
    y = Number(t.substr(0, at));
    std::string_view rest = t.substr(at + 1);
    // "2023-07-01": a full date names its month.
    if (size_t day = rest.find_first_of("-/."); day != std::string_view::npos) {
      auto d = Date::Parse(std::string(t.substr(0, at)) + "-" + std::string(rest.substr(0, day)) + "-" +
                           std::string(rest.substr(day + 1)));
      if (!d || StartsWith(rest.substr(day + 1), "-")) return std::nullopt;
      return MonthOf(*d);
    }
    m = Number(rest);
  }
  if (!y || !m || *y < 1900 || *y > 2999 || *m < 1 || *m > 12) return std::nullopt;
  return MonthIndex(*y, *m);
}

}  // namespace qjy::registry
