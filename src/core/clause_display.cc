#include "core/clause_display.h"

namespace qjy {

std::string DisplayClause(std::string_view text) {
  if (text == "main") return "正文";
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    std::string_view rest = text.substr(i);
    std::string label;
    size_t prefix = 0;
    if (rest.starts_with("main(")) {
      label = "正文";
      prefix = 5;
    } else if (rest.size() >= 3 && rest[0] == 'A' && rest[1] >= '1' && rest[1] <= '4' && rest[2] == '(') {
      label = std::string("附件") + rest[1];
      prefix = 3;
    }
    const size_t close = prefix ? rest.find(')', prefix) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += text[i++];
      continue;
    }
    out += label + "（" + std::string(rest.substr(prefix, close - prefix)) + "）";
    i += close + 1;
  }
  return out;
}

}  // namespace qjy
