#include "server/client_message.h"

#include <nlohmann/json.hpp>

#include "server/api_internal.h"

namespace qjy::server {
namespace {

// Characters that can continue a path: ASCII except white space, quotes
// and the punctuation that ends a clause (a colon too: "path: reason"); any byte >= 0x80 (Chinese text
// after a path) ends it too.
bool PathChar(unsigned char c) {
  if (c >= 0x80 || c <= ' ') return false;
  return c != '"' && c != '\'' && c != ',' && c != ';' && c != ':' && c != ')' && c != '(' && c != '`';
}

// A path may start at the beginning or after these.
bool Boundary(unsigned char c) {
  return c <= ' ' || c >= 0x80 || c == '"' || c == '\'' || c == ':' || c == '=' || c == '(' || c == '`';
}

}  // namespace

std::string StripServerPaths(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const bool starts = text[i] == '/' && (i == 0 || Boundary(static_cast<unsigned char>(text[i - 1])));
    if (starts) {
      size_t j = i + 1;
      int slashes = 1;
      while (j < text.size() && PathChar(static_cast<unsigned char>(text[j]))) {
        slashes += text[j] == '/';
        ++j;
      }
      // "/a/b" or more; a path needs a name after its first component.
      if (slashes >= 2 && j > i + 3) {
        out += kServerFileText;
        i = j;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

void StripServerPaths(HttpResponse& response) {
  if (response.status < 400 || !response.content_type.starts_with("application/json")) return;
  auto j = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return;
  bool changed = false;
  auto fix = [&](nlohmann::json& v) {
    if (!v.is_string()) return;
    std::string s = StripServerPaths(v.get_ref<const std::string&>());
    if (s != v.get_ref<const std::string&>()) {
      v = std::move(s);
      changed = true;
    }
  };
  if (j.contains("message")) fix(j["message"]);
  if (j.contains("errors") && j["errors"].is_array()) {
    for (auto& e : j["errors"]) {
      if (e.is_object() && e.contains("reason")) fix(e["reason"]);
    }
  }
  if (changed) response.body = Dump(j);
}

}  // namespace qjy::server
