#include "core/identifier_check.h"

#include <algorithm>

#include "core/credit_code.h"
#include "core/id_number.h"

namespace qjy {
namespace {

std::string_view IdentifierCheckTrim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool IdentifierCheckIsDigit(char c) { return c >= '0' && c <= '9'; }

IdentifierVerdict FromId(std::string_view input, const ResidentIdCheck& r) {
  IdentifierVerdict v{.input = std::string(input), .valid = r.valid, .kind = r.kind,
                      .normalized = r.normalized, .reason = r.reason};
  if (r.valid) {
    v.birth_date = r.birth_date;
    v.sex = r.sex;
    v.province = r.province;
  }
  return v;
}

IdentifierVerdict FromCredit(std::string_view input, const CreditCodeCheck& r) {
  IdentifierVerdict v{.input = std::string(input), .valid = r.valid, .kind = r.kind,
                      .normalized = r.normalized, .reason = r.reason};
  if (r.valid && !r.province.empty()) v.province = r.province;
  return v;
}

}  // namespace

IdentifierVerdict CheckIdentifier(std::string_view input, Date today) {
  const std::string_view t = IdentifierCheckTrim(input);
  const auto digits = static_cast<size_t>(std::count_if(t.begin(), t.end(), IdentifierCheckIsDigit));
  const bool id_shaped = t.size() == 18 && std::all_of(t.begin(), t.begin() + 17, IdentifierCheckIsDigit) &&
                         (IdentifierCheckIsDigit(t[17]) || t[17] == 'X' || t[17] == 'x');
  if (id_shaped) {
    ResidentIdCheck id = CheckResidentId(t, today);
    if (!id.valid) {
      CreditCodeCheck credit = CheckCreditCode(t);
      if (credit.valid) return FromCredit(input, credit);
    }
    return FromId(input, id);
  }
  if (t.size() == 18) {
    if (!IsCreditCodeAlphabet(t) && digits >= 15) return FromId(input, CheckResidentId(t, today));
    return FromCredit(input, CheckCreditCode(t));
  }
  const bool id_chars = std::all_of(t.begin(), t.end(),
                                    [](char c) { return IdentifierCheckIsDigit(c) || c == 'X' || c == 'x'; });
  if (id_chars) return FromId(input, CheckResidentId(t, today));
  if (IsCreditCodeAlphabet(t)) return FromCredit(input, CheckCreditCode(t));
  return IdentifierVerdict{.input = std::string(input), .valid = false, .kind = "unknown",
                           .normalized = std::string(t),
                           .reason = "既不是18位身份证号码，也不是18位统一社会信用代码"};
}

nlohmann::ordered_json ToJson(const IdentifierVerdict& v) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["input"] = v.input;
  j["valid"] = v.valid;
  j["kind"] = v.kind;
  j["reason"] = v.reason;
  j["birth_date"] = v.birth_date ? Json(v.birth_date->ToString()) : Json();
  j["sex"] = v.sex ? Json(*v.sex) : Json();
  j["province"] = v.province ? Json(*v.province) : Json();
  j["normalized"] = v.normalized;
  return j;
}

}  // namespace qjy
