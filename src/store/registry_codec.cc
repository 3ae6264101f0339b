#include "store/registry_codec.h"

#include "core/mask.h"
#include "registry/codes.h"

namespace qjy::store::codec {
namespace {

using nlohmann::ordered_json;
using registry::Code;

ordered_json OptDate(const std::optional<Date>& d) {
  return d ? ordered_json(d->ToString()) : ordered_json(nullptr);
}

ordered_json Masked(const ordered_json& v, Sensitivity s) {
  if (!v.is_string() || s == Sensitivity::kPlain) return v;
  const auto& text = v.get_ref<const std::string&>();
  if (text.empty()) return v;
  return s == Sensitivity::kIdNumber ? MaskIdNumber(text) : MaskPhone(text);
}

bool IsEmpty(const ordered_json& v) {
  return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) ||
         (v.is_array() && v.empty());
}

}  // namespace

Fields PersonFields(const registry::Person& p) {
  ordered_json certs = ordered_json::array();
  for (const auto& c : p.certificates) {
    certs.push_back({{"name", c.name}, {"level", c.level}, {"issued_on", c.issued_on.ToString()}});
  }
  ordered_json groups = ordered_json::array();
  for (const auto& g : p.groups) {
    groups.push_back({{"group", std::string(Code(g.group))},
                      {"valid_from", g.valid_from.ToString()},
                      {"valid_to", OptDate(g.valid_to)}});
  }
  return {
      {"county_code", p.county_code},
      {"id_number", p.id_number, Sensitivity::kIdNumber},
      {"name", p.name},
      {"sex", std::string(Code(p.sex))},
      {"birth_date", p.birth_date.ToString()},
      {"ethnicity", p.ethnicity},
      {"phone", p.phone, Sensitivity::kPhone},
      {"hukou_region", p.hukou_region},
      {"residence_region", p.residence_region},
      {"work_region", p.work_region},
      {"insured_region", p.insured_region},
      {"education", std::string(Code(p.education))},
      {"school_left_on", OptDate(p.school_left_on)},
      {"skills", p.skills},
      {"certificates", std::move(certs)},
      {"groups", std::move(groups)},
  };
}

Fields EmployerFields(const registry::Employer& e) {
  ordered_json years = ordered_json::array();
  for (const auto& y : e.years) {
    years.push_back({{"year", y.year},
                     {"insured_headcount", y.insured_headcount},
                     {"layoffs", y.layoffs},
                     {"ui_premium_fen", y.ui_premium_fen}});
  }
  return {
      {"county_code", e.county_code},
      {"credit_code", e.credit_code},
      {"name", e.name},
      {"type", std::string(Code(e.type))},
      {"size", std::string(Code(e.size))},
      {"region", e.region},
      {"insured_headcount", e.insured_headcount},
      {"key_enterprise", e.key_enterprise},
      {"insured_region", e.insured_region},
      {"years", std::move(years)},  // last: upserts compare it as before.back()
  };
}

Fields JobFields(const registry::Job& j) {
  return {
      {"county_code", j.county_code},
      {"employer_credit_code", j.employer_credit_code},
      {"title", j.title},
      {"occupation_code", j.occupation_code},
      {"headcount", j.headcount},
      {"wage_min_fen", j.wage_min_fen},
      {"wage_max_fen", j.wage_max_fen},
      {"place_region", j.place_region},
      {"type", std::string(Code(j.type))},
      {"requirements", j.requirements},
      {"open_on", j.open_on.ToString()},
      {"close_on", OptDate(j.close_on)},
  };
}

Fields ContractFields(const registry::Contract& c) {
  return {
      {"county_code", c.county_code},
      {"person_id", c.person_id},
      {"employer_credit_code", c.employer_credit_code},
      {"start_on", c.start_on.ToString()},
      {"end_on", OptDate(c.end_on)},
      {"social_insurance_months", c.social_insurance_months},
      {"flexible", c.flexible},
      {"new_form", c.new_form},
      {"work_region", c.work_region},
      {"organised_via", c.organised_via},
  };
}

Fields SiteFields(const registry::ServiceSite& s) {
  return {
      {"county_code", s.county_code},
      {"kind", std::string(Code(s.kind))},
      {"name", s.name},
      {"region", s.region},
      {"tier", s.tier},
      {"online", s.online},
      {"opened_on", OptDate(s.opened_on)},
  };
}

std::string DiffJson(const Fields* before, const Fields& after) {
  ordered_json diff = ordered_json::object();
  for (size_t i = 0; i < after.size(); ++i) {
    const Field& now = after[i];
    if (before == nullptr) {
      if (!IsEmpty(now.value)) {
        diff[now.name] = ordered_json::array({nullptr, Masked(now.value, now.sensitivity)});
      }
      continue;
    }
    const Field& old = (*before)[i];
    if (old.value != now.value) {
      diff[now.name] = ordered_json::array(
          {Masked(old.value, old.sensitivity), Masked(now.value, now.sensitivity)});
    }
  }
  if (before != nullptr && diff.empty()) return "";
  return diff.dump();
}

Value DateValue(Date d) { return d.ToString(); }

Value DateValue(const std::optional<Date>& d) {
  if (!d) return std::monostate{};
  return d->ToString();
}

Value TextOrNull(const std::string& s) {
  if (s.empty()) return std::monostate{};
  return s;
}

Result<Date> ParseDate(const Row& row, size_t i) {
  auto d = Date::Parse(row.Text(i));
  if (!d) return Fail(ErrorCode::kStore, "数据库中的日期无法识别：" + row.Text(i));
  return *d;
}

Result<std::optional<Date>> ParseOptDate(const Row& row, size_t i) {
  if (row.IsNull(i)) return std::optional<Date>{};
  auto d = ParseDate(row, i);
  if (!d) return std::unexpected(d.error());
  return std::optional<Date>(*d);
}

template <class E>
Result<E> ParseCode(const Row& row, size_t i) {
  std::string text = row.Text(i);
  auto v = registry::Parse<E>(text);
  if (!v) return Fail(ErrorCode::kStore, "数据库中的代码无法识别：" + text);
  return *v;
}

template Result<registry::Sex> ParseCode(const Row&, size_t);
template Result<registry::Education> ParseCode(const Row&, size_t);
template Result<registry::Group> ParseCode(const Row&, size_t);
template Result<registry::EmployerType> ParseCode(const Row&, size_t);
template Result<registry::SizeClass> ParseCode(const Row&, size_t);
template Result<registry::JobType> ParseCode(const Row&, size_t);
template Result<registry::SiteKind> ParseCode(const Row&, size_t);

std::string SkillsJson(const std::vector<std::string>& skills) {
  return nlohmann::json(skills).dump();
}

std::vector<std::string> ParseSkills(std::string_view json) {
  auto j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& s : j) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

}  // namespace qjy::store::codec
