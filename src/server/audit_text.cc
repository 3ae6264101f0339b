#include "server/audit_text.h"

#include <charconv>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "policy/decision.h"
#include "policy/rules/rules.h"

namespace qjy::server {
namespace {

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::optional<int64_t> Number(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string Named(const std::function<std::string(const std::string&)>& f, const std::string& code,
                  const char* fallback) {
  std::string n = f ? f(code) : std::string();
  return n.empty() ? fallback : n;
}

std::string PersonText(const AuditNamers& n, int64_t id) {
  std::string p = n.person ? n.person(id) : std::string();
  return p.empty() ? "人员（登记信息已不存在）" : p;
}

std::string RuleTitle(const std::string& code) {
  const policy::rules::RuleInfo* r = policy::rules::FindRule(code);
  return r ? std::string("“") + r->title + "”" : std::string("政策");
}

// "R5|E:<credit code>|25100|2023-07" → 享受资格：“title”（单位 X，招用 张三（…），期间 2023-07）
std::string EntitlementText(const std::string& key, const AuditNamers& n) {
  auto parts = SplitOn(key, '|');
  if (parts.size() != 4) return "享受资格";
  std::vector<std::string> who;
  const std::string& ben = parts[1];
  auto person = Number(parts[2]);
  if (ben.starts_with("E:")) {
    who.push_back("单位 " + Named(n.employer, ben.substr(2), "（名称未登记）"));
    if (person && *person != 0) who.push_back("人员 " + PersonText(n, *person));
  } else if (person && *person != 0) {
    who.push_back(PersonText(n, *person));
  }
  if (parts[3] != "once" && !parts[3].empty()) who.push_back("期间 " + parts[3]);
  std::string out = "享受资格：" + RuleTitle(parts[0]);
  if (!who.empty()) {
    out += "（";
    for (size_t i = 0; i < who.size(); ++i) out += (i ? "，" : "") + who[i];
    out += "）";
  }
  return out;
}

}  // namespace

std::string AuditTargetText(std::string_view target, const AuditNamers& n) {
  const size_t colon = target.find(':');
  const std::string kind(target.substr(0, colon == std::string_view::npos ? target.size() : colon));
  const std::string rest(colon == std::string_view::npos ? std::string_view() : target.substr(colon + 1));
  if (target == "review-list") return "待审核清单";
  if (colon == std::string_view::npos) return "";
  if (kind == "entitlement") return EntitlementText(rest, n);
  if (kind == "payment-batch") return "支付批次 " + rest;
  if (kind == "hold") return "资金监管核查记录 " + rest;
  if (kind == "officer") return "经办人员账户 " + rest;
  if (kind == "person") {
    auto id = Number(rest);
    return id ? "人员 " + PersonText(n, *id) : "人员";
  }
  if (kind == "budget") {
    // budget:<county>:<fund>:<year>
    auto parts = SplitOn(rest, ':');
    if (parts.size() != 3) return "预算";
    return "预算：" + Named(n.region, parts[0], "（县区）") + " " + parts[2] + " 年" +
           std::string(policy::FundLabel(policy::ParseFund(parts[1])));
  }
  if (kind == "region") {
    // region:<code>[ <quarter or more>]
    const size_t sp = rest.find(' ');
    const std::string code = rest.substr(0, sp);
    return "区域 " + Named(n.region, code, "（未知区域）") + (sp == std::string::npos ? "" : rest.substr(sp));
  }
  if (kind == "supervision") {
    // The supervision page's own paths (supervision:holds/5/release).
    auto parts = SplitOn(rest, '/');
    if (parts[0] == "holds") return parts.size() > 1 ? "资金监管核查记录 " + parts[1] : "资金监管核查清单";
    if (parts[0] == "budgets") return "资金监管预算";
    if (parts[0] == "report") return "资金监管各县区核查情况";
    if (parts[0] == "facts") return "资金监管比对信息";
    if (parts[0] == "screen") return "资金监管核查";
    if (parts[0] == "officers") return "经办人员身份信息";
    return "资金监管";
  }
  return "";
}

std::string AuditDetailText(std::string_view detail) {
  if (!detail.starts_with("{")) return std::string(detail);
  auto j = nlohmann::json::parse(detail, nullptr, false);
  if (!j.is_object()) return std::string(detail);
  static const std::pair<const char*, const char*> kLabels[] = {
      {"registration_id", "登记编号"}, {"on", "日期"},          {"employment", "就业情况"},
      {"override_reason", "经办人说明"}, {"before", "清理截止日期"}, {"deleted", "删除条数"},
      {"anchor_seq", "锚点序号"},      {"anchor_hash", "锚点散列"}, {"reason", "理由"},
      {"count", "笔数"},         {"year", "年度"},
  };
  // Known fields in the table's order, then any other.
  auto field = [](const std::string& key, const nlohmann::json& value, const char* label) {
    if (key == "amount_fen" && value.is_number_integer()) return "金额：" + policy::FormatYuan(value.get<int64_t>());
    return std::string(label) + "：" + (value.is_string() ? value.get<std::string>() : value.dump());
  };
  std::string out;
  auto add = [&out](const std::string& text) { out += (out.empty() ? "" : "；") + text; };
  for (const auto& [k, l] : kLabels) {
    if (j.contains(k)) add(field(k, j[k], l));
  }
  if (j.contains("amount_fen")) add(field("amount_fen", j["amount_fen"], "金额"));
  for (const auto& [key, value] : j.items()) {
    bool known = key == "amount_fen";
    for (const auto& [k, l] : kLabels) known = known || key == k;
    if (!known) add(field(key, value, "其他"));
  }
  return out;
}

}  // namespace qjy::server
