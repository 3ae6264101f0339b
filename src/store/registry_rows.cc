#include "store/registry_rows.h"

#include <algorithm>

#include "core/mask.h"
#include "registry/codes.h"
#include "store/registry_codec.h"

namespace qjy::store::registry_rows {
namespace {

using registry::Code;

std::vector<Value> WithId(std::optional<int64_t> id, std::vector<Value> v) {
  if (!id) return v;
  std::vector<Value> out;
  out.reserve(v.size() + 1);
  out.emplace_back(*id);
  for (auto& x : v) out.push_back(std::move(x));
  return out;
}

Value Flag(bool b) { return int64_t{b ? 1 : 0}; }
std::string Str(std::string_view s) { return std::string(s); }

}  // namespace

std::vector<std::string> SplitColumns(std::string_view list) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < list.size()) {
    size_t comma = list.find(',', i);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view part = list.substr(i, comma - i);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    i = comma + 1;
  }
  return out;
}

std::string Marks(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

std::vector<Value> CountyValues(std::span<const std::string> counties) {
  std::vector<std::string> sorted(counties.begin(), counties.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return std::vector<Value>(sorted.begin(), sorted.end());
}

std::optional<TableRef> TableOf(std::string_view entity) {
  if (entity == "person") return TableRef{"persons", "person_id"};
  if (entity == "employer") return TableRef{"employers", "employer_id"};
  if (entity == "job") return TableRef{"jobs", "job_id"};
  if (entity == "contract") return TableRef{"contracts", "contract_id"};
  if (entity == "site") return TableRef{"service_sites", "site_id"};
  if (entity == "change") return TableRef{"changes", "change_id"};
  return std::nullopt;
}

namespace {

// Length-prefixed, so no field value can imitate a separator.
void Put(std::string& out, std::string_view v) {
  const uint32_t n = static_cast<uint32_t>(v.size());
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(v);
}
void PutDate(std::string& out, const std::optional<Date>& d) {
  Put(out, d ? d->ToString() : std::string("\x01null"));
}

}  // namespace

Blob PersonFingerprint(const registry::Person& p, const Vault& vault) {
  std::string s = "qjy-person-fingerprint-v1";
  s.reserve(256);
  for (std::string_view v : {std::string_view(p.county_code), std::string_view(p.id_number),
                             std::string_view(p.name), Code(p.sex)}) {
    Put(s, v);
  }
  Put(s, p.birth_date.ToString());
  for (std::string_view v : {std::string_view(p.ethnicity), std::string_view(p.phone),
                             std::string_view(p.hukou_region),
                             std::string_view(p.residence_region),
                             std::string_view(p.work_region), std::string_view(p.insured_region),
                             Code(p.education)}) {
    Put(s, v);
  }
  PutDate(s, p.school_left_on);
  Put(s, std::to_string(p.skills.size()));
  for (const auto& k : p.skills) Put(s, k);
  Put(s, std::to_string(p.certificates.size()));
  for (const auto& c : p.certificates) {
    Put(s, c.name);
    Put(s, std::to_string(c.level));
    Put(s, c.issued_on.ToString());
  }
  Put(s, std::to_string(p.groups.size()));
  for (const auto& g : p.groups) {
    Put(s, Code(g.group));
    Put(s, g.valid_from.ToString());
    PutDate(s, g.valid_to);
  }
  return vault.Index(s);
}

std::vector<Value> PersonValues(const registry::Person& p, const Vault& vault,
                                const std::string& now, std::optional<int64_t> id) {
  std::vector<Value> v;
  v.reserve(23);  // and UpsertPersons' insert_change_id
  if (id) v.emplace_back(*id);
  v.emplace_back(p.county_code);
  v.emplace_back(vault.Index(p.id_number));
  v.emplace_back(vault.Encrypt(p.id_number));
  v.emplace_back(MaskIdNumber(p.id_number));
  v.emplace_back(p.name);
  v.emplace_back(Str(Code(p.sex)));
  v.emplace_back(p.birth_date.ToString());
  v.emplace_back(p.ethnicity);
  if (p.phone.empty()) {
    v.emplace_back(std::monostate{});
    v.emplace_back(std::monostate{});
    v.emplace_back(std::string());
  } else {
    v.emplace_back(vault.Index(p.phone));
    v.emplace_back(vault.Encrypt(p.phone));
    v.emplace_back(MaskPhone(p.phone));
  }
  v.emplace_back(p.hukou_region);
  v.emplace_back(p.residence_region);
  v.emplace_back(p.work_region);
  v.emplace_back(p.insured_region);
  v.emplace_back(Str(Code(p.education)));
  v.push_back(codec::DateValue(p.school_left_on));
  v.emplace_back(codec::SkillsJson(p.skills));
  v.emplace_back(PersonFingerprint(p, vault));
  v.emplace_back(now);
  v.emplace_back(now);
  return v;
}

std::vector<Value> CertificateValues(const registry::Person& p, size_t i) {
  const auto& c = p.certificates[i];
  return {p.person_id, static_cast<int64_t>(i), p.county_code, c.name, int64_t{c.level},
          c.issued_on.ToString()};
}

std::vector<Value> GroupValues(const registry::Person& p, size_t i) {
  const auto& g = p.groups[i];
  return {p.person_id,         static_cast<int64_t>(i),       p.county_code,
          Str(Code(g.group)),  g.valid_from.ToString(),       codec::DateValue(g.valid_to)};
}

std::vector<Value> EmployerValues(const registry::Employer& e, const std::string& now,
                                  std::optional<int64_t> id) {
  return WithId(id, {e.county_code, e.credit_code,  e.name, Str(Code(e.type)), Str(Code(e.size)),
          e.region,      int64_t{e.insured_headcount}, Flag(e.key_enterprise),
          codec::TextOrNull(e.insured_region), now, now});
}

std::vector<Value> EmployerYearValues(const registry::Employer& e, size_t i) {
  const auto& y = e.years[i];
  return {e.employer_id, int64_t{y.year}, e.county_code, int64_t{y.insured_headcount},
          int64_t{y.layoffs}, y.ui_premium_fen};
}

std::vector<Value> JobValues(const registry::Job& j, const std::string& now,
                             std::optional<int64_t> id) {
  return WithId(id, {j.county_code,
          j.employer_credit_code,
          j.title,
          j.occupation_code,
          int64_t{j.headcount},
          j.wage_min_fen,
          j.wage_max_fen,
          j.place_region,
          Str(Code(j.type)),
          j.requirements,
          j.open_on.ToString(),
          codec::DateValue(j.close_on),
          now,
          now});
}

std::vector<Value> ContractValues(const registry::Contract& c, const std::string& now,
                                  std::optional<int64_t> id) {
  return WithId(id, {c.county_code,
          c.person_id,
          c.employer_credit_code,
          c.start_on.ToString(),
          codec::DateValue(c.end_on),
          int64_t{c.social_insurance_months},
          Flag(c.flexible),
          Flag(c.new_form),
          c.work_region,
          c.organised_via,
          now,
          now});
}

std::vector<Value> SiteValues(const registry::ServiceSite& s, const std::string& now,
                              std::optional<int64_t> id) {
  return WithId(id, {s.county_code, Str(Code(s.kind)), s.name, s.region, s.tier, Flag(s.online),
          codec::DateValue(s.opened_on), now, now});
}

Result<registry::Person> PersonFromRow(const Row& r, const Vault& vault) {
  registry::Person p;
  p.person_id = r.Int(0);
  p.county_code = r.Text(1);
  QJY_ASSIGN_OR_RETURN(p.id_number, vault.Decrypt(r.Bytes(2)));
  p.name = r.Text(3);
  QJY_ASSIGN_OR_RETURN(p.sex, codec::ParseCode<registry::Sex>(r, 4));
  QJY_ASSIGN_OR_RETURN(p.birth_date, codec::ParseDate(r, 5));
  p.ethnicity = r.Text(6);
  if (!r.IsNull(7)) QJY_ASSIGN_OR_RETURN(p.phone, vault.Decrypt(r.Bytes(7)));
  p.hukou_region = r.Text(8);
  p.residence_region = r.Text(9);
  p.work_region = r.Text(10);
  p.insured_region = r.Text(11);
  QJY_ASSIGN_OR_RETURN(p.education, codec::ParseCode<registry::Education>(r, 12));
  QJY_ASSIGN_OR_RETURN(p.school_left_on, codec::ParseOptDate(r, 13));
  p.skills = codec::ParseSkills(r.Text(14));
  return p;
}

Result<registry::Employer> EmployerFromRow(const Row& r) {
  registry::Employer e;
  e.employer_id = r.Int(0);
  e.county_code = r.Text(1);
  e.credit_code = r.Text(2);
  e.name = r.Text(3);
  QJY_ASSIGN_OR_RETURN(e.type, codec::ParseCode<registry::EmployerType>(r, 4));
  QJY_ASSIGN_OR_RETURN(e.size, codec::ParseCode<registry::SizeClass>(r, 5));
  e.region = r.Text(6);
  e.insured_headcount = static_cast<int>(r.Int(7));
  e.key_enterprise = r.Int(8) != 0;
  if (!r.IsNull(9)) e.insured_region = r.Text(9);  // NULL: unknown (before #12)
  return e;
}

Result<registry::Job> JobFromRow(const Row& r) {
  registry::Job j;
  j.job_id = r.Int(0);
  j.county_code = r.Text(1);
  j.employer_credit_code = r.Text(2);
  j.title = r.Text(3);
  j.occupation_code = r.Text(4);
  j.headcount = static_cast<int>(r.Int(5));
  j.wage_min_fen = r.Int(6);
  j.wage_max_fen = r.Int(7);
  j.place_region = r.Text(8);
  QJY_ASSIGN_OR_RETURN(j.type, codec::ParseCode<registry::JobType>(r, 9));
  j.requirements = r.Text(10);
  QJY_ASSIGN_OR_RETURN(j.open_on, codec::ParseDate(r, 11));
  QJY_ASSIGN_OR_RETURN(j.close_on, codec::ParseOptDate(r, 12));
  return j;
}

Result<registry::Contract> ContractFromRow(const Row& r) {
  registry::Contract c;
  c.contract_id = r.Int(0);
  c.county_code = r.Text(1);
  c.person_id = r.Int(2);
  c.employer_credit_code = r.Text(3);
  QJY_ASSIGN_OR_RETURN(c.start_on, codec::ParseDate(r, 4));
  QJY_ASSIGN_OR_RETURN(c.end_on, codec::ParseOptDate(r, 5));
  c.social_insurance_months = static_cast<int>(r.Int(6));
  c.flexible = r.Int(7) != 0;
  c.new_form = r.Int(8) != 0;
  c.work_region = r.Text(9);
  c.organised_via = r.Text(10);
  return c;
}

Result<registry::ServiceSite> SiteFromRow(const Row& r) {
  registry::ServiceSite s;
  s.site_id = r.Int(0);
  s.county_code = r.Text(1);
  QJY_ASSIGN_OR_RETURN(s.kind, codec::ParseCode<registry::SiteKind>(r, 2));
  s.name = r.Text(3);
  s.region = r.Text(4);
  s.tier = r.Text(5);
  s.online = r.Int(6) != 0;
  QJY_ASSIGN_OR_RETURN(s.opened_on, codec::ParseOptDate(r, 7));
  return s;
}

}  // namespace qjy::store::registry_rows
