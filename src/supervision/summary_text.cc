#include "supervision/summary_text.h"

#include <cctype>

#include "core/mask.h"
#include "policy/rules/rules.h"

namespace qjy::supervision {
namespace {

bool Alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool Digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::string PersonName(const SummaryNamers& n, int64_t id) {
  std::string p = n.person ? n.person(id) : std::string();
  return p.empty() ? "（登记信息已不存在）" : p;
}

std::string RuleTitle(const std::string& code) {
  const policy::rules::RuleInfo* r = policy::rules::FindRule(code);
  return r ? std::string("“") + r->title + "”" : std::string();
}

}  // namespace

std::string SummaryText(std::string_view s, const SummaryNamers& n) {
  static constexpr std::string_view kPerson = "人员 ";
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    // "人员 <digits>": the person by name.
    if (s.substr(i).starts_with(kPerson) && i + kPerson.size() < s.size() && Digit(s[i + kPerson.size()])) {
      size_t j = i + kPerson.size();
      while (j < s.size() && Digit(s[j])) ++j;
      if (j == s.size() || !Alnum(s[j])) {
        const int64_t id = std::stoll(std::string(s.substr(i + kPerson.size(), j - i - kPerson.size())));
        const std::string name = n.person ? n.person(id) : std::string();
        out += name.empty() ? "人员（登记信息已不存在）" : "人员 " + name;
        // The space that set the number off goes after a closing bracket.
        if (out.ends_with("）") && j < s.size() && s[j] == ' ') ++j;
        i = j;
        continue;
      }
    }
    const bool boundary = i == 0 || !Alnum(s[i - 1]);
    // A six-digit county code standing alone (not inside a credit code).
    if (boundary && Digit(s[i])) {
      size_t j = i;
      while (j < s.size() && Digit(s[j])) ++j;
      if (j - i == 6 && (j == s.size() || !Alnum(s[j]))) {
        const std::string code(s.substr(i, 6));
        std::string name = n.region ? n.region(code) : std::string();
        out += name.empty() ? code : name;
        i = j;
        continue;
      }
      out.append(s.substr(i, j - i));
      i = j;
      continue;
    }
    // A rule code standing alone ("R5").
    if (boundary && s[i] == 'R' && i + 1 < s.size() && Digit(s[i + 1])) {
      size_t j = i + 1;
      while (j < s.size() && Digit(s[j])) ++j;
      if (j == s.size() || !Alnum(s[j])) {
        std::string title = RuleTitle(std::string(s.substr(i, j - i)));
        if (!title.empty()) {
          out += title;
          i = j;
          continue;
        }
      }
    }
    // Copy up to the next ASCII alphanumeric run (whole UTF-8 sequences).
    size_t j = i + 1;
    if (Alnum(s[i])) {
      while (j < s.size() && Alnum(s[j])) ++j;
    }
    out.append(s.substr(i, j - i));
    i = j;
  }
  return out;
}

nlohmann::json NamedEvidence(const nlohmann::json& evidence, const SummaryNamers& n) {
  if (!evidence.is_object()) return evidence;
  nlohmann::json out = evidence;
  auto name_claim = [&](nlohmann::json& c) {
    if (!c.is_object()) return;
    if (c.contains("rule") && c["rule"].is_string()) {
      std::string t = RuleTitle(c["rule"].get<std::string>());
      c["rule_title"] = t.empty() ? c["rule"].get<std::string>() : t;
    }
    if (c.contains("county_code") && c["county_code"].is_string() && n.region) {
      c["county_name"] = n.region(c["county_code"].get<std::string>());
    }
    if (c.contains("person_id") && c["person_id"].is_number_integer() && c["person_id"].get<int64_t>() != 0) {
      c["person_name"] = PersonName(n, c["person_id"].get<int64_t>());
    }
  };
  if (out.contains("claim")) name_claim(out["claim"]);
  for (const char* list : {"others", "claims"}) {
    if (out.contains(list) && out[list].is_array()) {
      for (auto& c : out[list]) name_claim(c);
    }
  }
  if (out.contains("persons") && out["persons"].is_array()) {
    nlohmann::json names = nlohmann::json::array();
    for (const auto& p : out["persons"]) {
      if (p.is_number_integer()) names.push_back(PersonName(n, p.get<int64_t>()));
    }
    out["person_names"] = std::move(names);
  }
  return out;
}

std::string PersonForReader(const std::string& name, const std::string& id_number, const std::string& county_code,
                            std::string_view scope, const std::function<std::string(const std::string&)>& region) {
  if (!county_code.starts_with(scope)) {
    const std::string county = region ? region(county_code) : std::string();
    return "辖区外人员（" + (county.empty() ? std::string("其他县（区）") : county) + "）";
  }
  return name + "（" + MaskIdNumber(id_number) + "）";
}

}  // namespace qjy::supervision
