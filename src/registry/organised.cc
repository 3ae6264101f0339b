#include "registry/organised.h"

namespace qjy::registry {
namespace {

struct Name {
  std::string_view code, label, alias1, alias2;
};
constexpr Name kNames[] = {
    {"station", "经劳务协作站", "劳务协作站", "驻外劳务协作站"},
    {"base", "经稳岗就业基地", "一县一企", "稳岗就业基地"},
    {"agency", "经人力资源服务机构", "人力资源服务机构", "劳务公司"},
    {"government", "政府组织", "政府组织输出", "点对点输送"},
    {"self", "自主外出", "非组织", "否"},
};

std::string_view OrganisedTrim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> ParseOrganisedVia(std::string_view text) {
  text = OrganisedTrim(text);
  if (text.empty()) return std::string();
  for (const auto& n : kNames) {
    if (text == n.code || text == n.label || text == n.alias1 || text == n.alias2) return std::string(n.code);
  }
  if (text == "劳务合作社" || text == "劳务经纪人") return std::string("agency");
  return std::nullopt;
}

std::string_view OrganisedViaLabel(std::string_view code) {
  for (const auto& n : kNames) {
    if (code == n.code) return n.label;
  }
  return code.empty() ? "未记录" : code;
}

bool IsOrganised(std::string_view code) { return !code.empty() && code != "self"; }

}  // namespace qjy::registry
