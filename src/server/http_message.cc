#include "server/http_message.h"

#include <nlohmann/json.hpp>

namespace qjy::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (c == '\0') return std::nullopt;
    out += c;
  }
  return out;
}

std::string_view HttpRequest::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return {};
}

std::string HttpRequest::Path() const {
  std::string_view t = target;
  if (auto q = t.find('?'); q != std::string_view::npos) t = t.substr(0, q);
  auto decoded = PercentDecode(t, false);
  return decoded.value_or("");
}

std::map<std::string, std::string> HttpRequest::Query() const {
  std::map<std::string, std::string> out;
  auto q = target.find('?');
  if (q == std::string::npos) return out;
  std::string_view rest = std::string_view(target).substr(q + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = PercentDecode(pair.substr(0, eq), true);
    auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                              : PercentDecode(pair.substr(eq + 1), true);
    if (key && value) out[*key] = *value;
  }
  return out;
}

std::optional<std::string> HttpRequest::Cookie(std::string_view name) const {
  std::string_view all = Header("cookie");
  while (!all.empty()) {
    auto semi = all.find(';');
    std::string_view item = Trim(all.substr(0, semi));
    all = semi == std::string_view::npos ? std::string_view() : all.substr(semi + 1);
    auto eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    if (Trim(item.substr(0, eq)) == name) return std::string(Trim(item.substr(eq + 1)));
  }
  return std::nullopt;
}

HttpResponse HttpResponse::Json(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::Error(int status, std::string_view code, std::string_view message) {
  nlohmann::json j = {{"error", code}, {"message", message}};
  return Json(status, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace qjy::server
