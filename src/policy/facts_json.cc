#include "policy/facts_json.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "policy/rules/rules.h"
#include "registry/codes.h"

namespace qjy::policy {
namespace {

using nlohmann::json;

// Positions of the records to copy, each once, in first-seen order.
struct Picked {
  std::vector<const registry::Person*> persons;
  std::vector<const registry::Employer*> employers;
  std::vector<const registry::Contract*> contracts;
  std::vector<uint32_t> registrations, internships, ventures, placements, insurance;
  std::vector<const registry::ServiceSite*> sites;
};

template <class T>
void AddOnce(std::vector<T>& v, T x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

void AddEmployer(const World& w, const std::string& code, Picked& p) {
  if (const registry::Employer* e = w.Employer(code)) AddOnce(p.employers, e);
}

// The person and every record a person or hiring rule reads about them.
void AddPerson(const World& w, const SubjectIndex& index, int64_t person_id, Picked& p) {
  const registry::Person* person = w.Person(person_id);
  if (!person || std::find(p.persons.begin(), p.persons.end(), person) != p.persons.end()) return;
  p.persons.push_back(person);
  for (uint32_t i : w.ContractsOfPerson(person_id)) {
    AddOnce(p.contracts, &w.contracts[i]);
    AddEmployer(w, w.contracts[i].employer_credit_code, p);
  }
  for (uint32_t i : w.RegistrationsOf(person_id)) AddOnce(p.registrations, i);
  for (uint32_t i : index.InsuranceOf(person_id)) AddOnce(p.insurance, i);
  for (uint32_t i : w.VenturesOf(person_id)) {
    AddOnce(p.ventures, i);
    AddEmployer(w, w.ventures[i].credit_code, p);
  }
}

void AddEmployerSubject(const World& w, const SubjectIndex& index, const std::string& code, const std::string& rule,
                        Picked& p) {
  AddEmployer(w, code, p);
  if (rule == "R1") return;  // 稳岗返还 reads the employer's own record only
  for (uint32_t i : w.ContractsOfEmployer(code)) {
    AddOnce(p.contracts, &w.contracts[i]);
    AddPerson(w, index, w.contracts[i].person_id, p);
  }
  for (uint32_t i : w.InternshipsOfHost(code)) {
    AddOnce(p.internships, i);
    AddPerson(w, index, w.internships[i].person_id, p);
  }
  for (uint32_t i : w.PlacementsOfAgency(code)) {
    AddOnce(p.placements, i);
    AddPerson(w, index, w.placements[i].person_id, p);
  }
}

json OptDate(const std::optional<Date>& d) { return d ? json(d->ToString()) : json(nullptr); }

json PersonJson(const registry::Person& p) {
  json groups = json::array(), certs = json::array();
  for (const auto& g : p.groups) {
    groups.push_back({{"group", registry::Code(g.group)}, {"from", g.valid_from.ToString()}, {"to", OptDate(g.valid_to)}});
  }
  for (const auto& c : p.certificates) {
    certs.push_back({{"name", c.name}, {"level", c.level}, {"issued", c.issued_on.ToString()}});
  }
  return {{"id", p.person_id},           {"county", p.county_code},          {"sex", registry::Code(p.sex)},
          {"birth", p.birth_date.ToString()}, {"hukou", p.hukou_region},     {"residence", p.residence_region},
          {"work", p.work_region},       {"insured_region", p.insured_region}, {"education", registry::Code(p.education)},
          {"school_left_on", OptDate(p.school_left_on)}, {"groups", groups}, {"certificates", certs}};
}

json EmployerJson(const registry::Employer& e) {
  json years = json::array();
  for (const auto& y : e.years) {
    years.push_back({{"year", y.year}, {"insured", y.insured_headcount}, {"layoffs", y.layoffs},
                     {"premium_fen", y.ui_premium_fen}});
  }
  return {{"id", e.employer_id},     {"county", e.county_code},   {"code", e.credit_code},
          {"name", e.name},          {"type", registry::Code(e.type)}, {"size", registry::Code(e.size)},
          {"region", e.region},      {"insured_region", e.insured_region}, {"insured", e.insured_headcount},
          {"key_enterprise", e.key_enterprise}, {"years", years}};
}

json ContractJson(const registry::Contract& c) {
  return {{"id", c.contract_id}, {"county", c.county_code}, {"person", c.person_id},
          {"employer", c.employer_credit_code}, {"start", c.start_on.ToString()}, {"end", OptDate(c.end_on)},
          {"si_months", c.social_insurance_months}, {"flexible", c.flexible}, {"new_form", c.new_form},
          {"work", c.work_region}};
}

json SiteJson(const registry::ServiceSite& s) {
  return {{"id", s.site_id}, {"county", s.county_code}, {"kind", registry::Code(s.kind)}, {"name", s.name},
          {"region", s.region}, {"tier", s.tier}, {"online", s.online}, {"opened", OptDate(s.opened_on)}};
}

json RegistrationJson(const Registration& r) {
  json months = json::array();
  for (const auto& m : r.ui_benefit_months) months.push_back({m.from, m.through});
  return {{"person", r.person_id}, {"from", r.registered_on.ToString()}, {"to", OptDate(r.ended_on)},
          {"ui_benefit", r.receives_ui_benefit ? json(*r.receives_ui_benefit) : json(nullptr)},
          {"ui_benefit_months", months}};
}

// Reading back: every field is required (a snapshot is written whole).
struct Reader {
  std::string where;
  const json& At(const json& o, const char* key) const {
    if (!o.is_object() || !o.contains(key)) throw std::runtime_error(where + " 缺少字段 " + key);
    return o.at(key);
  }
  std::string Text(const json& o, const char* key) const {
    const json& v = At(o, key);
    if (!v.is_string()) throw std::runtime_error(where + " 字段 " + key + " 应为文本");
    return v.get<std::string>();
  }
  int64_t Int(const json& o, const char* key) const {
    const json& v = At(o, key);
    if (!v.is_number_integer()) throw std::runtime_error(where + " 字段 " + key + " 应为整数");
    return v.get<int64_t>();
  }
  bool Bool(const json& o, const char* key) const {
    const json& v = At(o, key);
    if (!v.is_boolean()) throw std::runtime_error(where + " 字段 " + key + " 应为 true/false");
    return v.get<bool>();
  }
  Date Day(const json& o, const char* key) const {
    auto d = Date::Parse(Text(o, key));
    if (!d) throw std::runtime_error(where + " 字段 " + key + " 日期无效");
    return *d;
  }
  std::optional<Date> OptDay(const json& o, const char* key) const {
    if (At(o, key).is_null()) return std::nullopt;
    return Day(o, key);
  }
  template <class E>
  E Enum(const json& o, const char* key) const {
    auto v = registry::Parse<E>(Text(o, key));
    if (!v) throw std::runtime_error(where + " 字段 " + key + " 取值未知");
    return *v;
  }
  const json& List(const json& o, const char* key) const {
    const json& v = At(o, key);
    if (!v.is_array()) throw std::runtime_error(where + " 字段 " + key + " 应为列表");
    return v;
  }
};

registry::Person ReadPerson(const Reader& r, const json& j) {
  registry::Person p;
  p.person_id = r.Int(j, "id");
  p.county_code = r.Text(j, "county");
  p.sex = r.Enum<registry::Sex>(j, "sex");
  p.birth_date = r.Day(j, "birth");
  p.hukou_region = r.Text(j, "hukou");
  p.residence_region = r.Text(j, "residence");
  p.work_region = r.Text(j, "work");
  p.insured_region = r.Text(j, "insured_region");
  p.education = r.Enum<registry::Education>(j, "education");
  p.school_left_on = r.OptDay(j, "school_left_on");
  for (const auto& g : r.List(j, "groups")) {
    p.groups.push_back({r.Enum<registry::Group>(g, "group"), r.Day(g, "from"), r.OptDay(g, "to")});
  }
  for (const auto& c : r.List(j, "certificates")) {
    p.certificates.push_back({r.Text(c, "name"), static_cast<int>(r.Int(c, "level")), r.Day(c, "issued")});
  }
  return p;
}

registry::Employer ReadEmployer(const Reader& r, const json& j) {
  registry::Employer e;
  e.employer_id = r.Int(j, "id");
  e.county_code = r.Text(j, "county");
  e.credit_code = r.Text(j, "code");
  e.name = r.Text(j, "name");
  e.type = r.Enum<registry::EmployerType>(j, "type");
  e.size = r.Enum<registry::SizeClass>(j, "size");
  e.region = r.Text(j, "region");
  e.insured_region = r.Text(j, "insured_region");
  e.insured_headcount = static_cast<int>(r.Int(j, "insured"));
  e.key_enterprise = r.Bool(j, "key_enterprise");
  for (const auto& y : r.List(j, "years")) {
    e.years.push_back({static_cast<int>(r.Int(y, "year")), static_cast<int>(r.Int(y, "insured")),
                       static_cast<int>(r.Int(y, "layoffs")), r.Int(y, "premium_fen")});
  }
  return e;
}

registry::Contract ReadContract(const Reader& r, const json& j) {
  registry::Contract c;
  c.contract_id = r.Int(j, "id");
  c.county_code = r.Text(j, "county");
  c.person_id = r.Int(j, "person");
  c.employer_credit_code = r.Text(j, "employer");
  c.start_on = r.Day(j, "start");
  c.end_on = r.OptDay(j, "end");
  c.social_insurance_months = static_cast<int>(r.Int(j, "si_months"));
  c.flexible = r.Bool(j, "flexible");
  c.new_form = r.Bool(j, "new_form");
  c.work_region = r.Text(j, "work");
  return c;
}

registry::ServiceSite ReadSite(const Reader& r, const json& j) {
  registry::ServiceSite s;
  s.site_id = r.Int(j, "id");
  s.county_code = r.Text(j, "county");
  s.kind = r.Enum<registry::SiteKind>(j, "kind");
  s.name = r.Text(j, "name");
  s.region = r.Text(j, "region");
  s.tier = r.Text(j, "tier");
  s.online = r.Bool(j, "online");
  s.opened_on = r.OptDay(j, "opened");
  return s;
}

Registration ReadRegistration(const Reader& r, const json& j) {
  Registration g;
  g.person_id = r.Int(j, "person");
  g.registered_on = r.Day(j, "from");
  g.ended_on = r.OptDay(j, "to");
  if (!r.At(j, "ui_benefit").is_null()) g.receives_ui_benefit = r.Bool(j, "ui_benefit");
  for (const auto& m : r.List(j, "ui_benefit_months")) {
    if (!m.is_array() || m.size() != 2 || !m[0].is_number_integer() || !m[1].is_number_integer()) {
      throw std::runtime_error(r.where + " 字段 ui_benefit_months 应为 [起, 止] 月份");
    }
    g.ui_benefit_months.push_back({m[0].get<int32_t>(), m[1].get<int32_t>()});
  }
  return g;
}

}  // namespace

SubjectIndex::SubjectIndex(const World& w) {
  for (uint32_t i = 0; i < w.insurance.size(); ++i) insurance_[w.insurance[i].person_id].push_back(i);
}

const std::vector<uint32_t>& SubjectIndex::InsuranceOf(int64_t person_id) const {
  static const std::vector<uint32_t> kNone;
  auto it = insurance_.find(person_id);
  return it == insurance_.end() ? kNone : it->second;
}

World SubjectWorld(const World& w, const Decision& d, const SubjectIndex* given) {
  std::optional<SubjectIndex> own;
  if (!given) given = &own.emplace(w);
  const SubjectIndex& index = *given;
  Picked p;
  const rules::RuleInfo* info = rules::FindRule(d.rule);
  const rules::Subject subject = info ? info->subject : rules::Subject::kPerson;
  if (subject == rules::Subject::kSite) {
    const int64_t id = d.beneficiary.starts_with("S:") ? std::atoll(d.beneficiary.c_str() + 2) : 0;
    for (const auto& s : w.sites) {
      if (s.site_id == id) p.sites.push_back(&s);
    }
  } else if (subject == rules::Subject::kEmployer) {
    AddEmployerSubject(w, index, d.beneficiary.starts_with("E:") ? d.beneficiary.substr(2) : d.employer_code, d.rule,
                       p);
  } else {
    AddPerson(w, index, d.person_id, p);
  }
  World out;
  // Records keep the order of the source World (the order the engine met them).
  auto by_address = [](auto& v) { std::sort(v.begin(), v.end()); };
  by_address(p.persons);
  by_address(p.employers);
  by_address(p.contracts);
  for (auto* v : {&p.registrations, &p.internships, &p.ventures, &p.placements, &p.insurance}) std::sort(v->begin(), v->end());
  for (const auto* x : p.persons) out.persons.push_back(*x);
  for (const auto* x : p.employers) out.employers.push_back(*x);
  for (const auto* x : p.contracts) out.contracts.push_back(*x);
  for (const auto* x : p.sites) out.sites.push_back(*x);
  for (uint32_t i : p.registrations) out.registrations.push_back(w.registrations[i]);
  for (uint32_t i : p.internships) out.internships.push_back(w.internships[i]);
  for (uint32_t i : p.ventures) out.ventures.push_back(w.ventures[i]);
  for (uint32_t i : p.placements) out.placements.push_back(w.placements[i]);
  for (uint32_t i : p.insurance) out.insurance.push_back(w.insurance[i]);
  // The registries officials keep that R5, R17 and R19 read: the workshops
  // the picked employers run, the recognitions of the picked sites, and
  // whether each registry was loaded at all.
  out.workshops_known = w.workshops_known;
  for (const auto& ws : w.workshops) {
    for (const auto* e : p.employers) {
      if (e->credit_code == ws.operator_credit_code) {
        out.workshops.push_back(ws);
        break;
      }
    }
  }
  out.recognitions_known = w.recognitions_known;
  for (const auto& r : w.recognitions) {
    for (const auto* site : p.sites) {
      if (site->site_id == r.site_id) out.recognitions.push_back(r);
    }
  }
  out.Index();
  return out;
}

json WorldToJson(const World& w) {
  json persons = json::array(), employers = json::array(), contracts = json::array(), sites = json::array(),
       regs = json::array(), internships = json::array(), ventures = json::array(), placements = json::array(),
       insurance = json::array();
  for (const auto& x : w.persons) persons.push_back(PersonJson(x));
  for (const auto& x : w.employers) employers.push_back(EmployerJson(x));
  for (const auto& x : w.contracts) contracts.push_back(ContractJson(x));
  for (const auto& x : w.sites) sites.push_back(SiteJson(x));
  for (const auto& x : w.registrations) regs.push_back(RegistrationJson(x));
  for (const auto& x : w.internships) {
    internships.push_back({{"person", x.person_id}, {"host", x.host_credit_code}, {"start", x.start_on.ToString()},
                           {"end", x.end_on.ToString()}, {"retained", OptDate(x.retained_on)}});
  }
  for (const auto& x : w.ventures) {
    ventures.push_back({{"person", x.person_id}, {"code", x.credit_code}, {"founded", x.founded_on.ToString()},
                        {"first_time", x.first_time}});
  }
  for (const auto& x : w.placements) {
    placements.push_back({{"agency", x.agency_credit_code}, {"person", x.person_id}, {"start", x.start_on.ToString()}});
  }
  for (const auto& x : w.insurance) {
    insurance.push_back({{"person", x.person_id}, {"employer", x.employer_credit_code}, {"from", x.from_month},
                         {"to", x.to_month}, {"kinds", x.kinds}});
  }
  json workshops = json::array(), recognitions = json::array();
  for (const auto& x : w.workshops) {
    workshops.push_back({{"id", x.workshop_id},
                         {"county", x.county_code},
                         {"name", x.name},
                         {"region", x.region},
                         {"operator", x.operator_credit_code},
                         {"status", x.status},
                         {"recognised_on", OptDate(x.recognised_on)},
                         {"revoked_on", OptDate(x.revoked_on)},
                         {"entered", x.entered_poverty_employed ? json(*x.entered_poverty_employed) : json(nullptr)},
                         {"entered_source", x.entered_source},
                         {"entered_as_of", OptDate(x.entered_as_of)}});
  }
  for (const auto& x : w.recognitions) {
    recognitions.push_back({{"site", x.site_id}, {"level", x.level}, {"recognised_on", OptDate(x.recognised_on)}});
  }
  return {{"persons", persons},       {"employers", employers}, {"contracts", contracts},
          {"sites", sites},           {"registrations", regs},  {"internships", internships},
          {"ventures", ventures},     {"placements", placements}, {"insurance", insurance},
          {"workshops", workshops},   {"workshops_known", w.workshops_known},
          {"recognitions", recognitions}, {"recognitions_known", w.recognitions_known}};
}

Result<World> WorldFromJson(const json& j) {
  World w;
  try {
    const Reader top{"事实快照"};
    for (const auto& x : top.List(j, "persons")) w.persons.push_back(ReadPerson({"事实快照 persons"}, x));
    for (const auto& x : top.List(j, "employers")) w.employers.push_back(ReadEmployer({"事实快照 employers"}, x));
    for (const auto& x : top.List(j, "contracts")) w.contracts.push_back(ReadContract({"事实快照 contracts"}, x));
    for (const auto& x : top.List(j, "sites")) w.sites.push_back(ReadSite({"事实快照 sites"}, x));
    for (const auto& x : top.List(j, "registrations")) {
      w.registrations.push_back(ReadRegistration({"事实快照 registrations"}, x));
    }
    const Reader r{"事实快照 internships"};
    for (const auto& x : top.List(j, "internships")) {
      w.internships.push_back({r.Int(x, "person"), r.Text(x, "host"), r.Day(x, "start"), r.Day(x, "end"),
                               r.OptDay(x, "retained")});
    }
    const Reader rv{"事实快照 ventures"};
    for (const auto& x : top.List(j, "ventures")) {
      w.ventures.push_back({rv.Int(x, "person"), rv.Text(x, "code"), rv.Day(x, "founded"), rv.Bool(x, "first_time")});
    }
    const Reader rp{"事实快照 placements"};
    for (const auto& x : top.List(j, "placements")) {
      w.placements.push_back({rp.Text(x, "agency"), rp.Int(x, "person"), rp.Day(x, "start")});
    }
    const Reader ri{"事实快照 insurance"};
    for (const auto& x : top.List(j, "insurance")) {
      w.insurance.push_back({ri.Int(x, "person"), ri.Text(x, "employer"), static_cast<int32_t>(ri.Int(x, "from")),
                             static_cast<int32_t>(ri.Int(x, "to")), static_cast<uint8_t>(ri.Int(x, "kinds"))});
    }
    // Snapshots written before the workshop and recognition registries
    // existed have neither key: both registries unknown, as then.
    if (j.contains("workshops")) {
      const Reader rw{"事实快照 workshops"};
      for (const auto& x : top.List(j, "workshops")) {
        Workshop ws;
        ws.workshop_id = rw.Int(x, "id");
        ws.county_code = rw.Text(x, "county");
        ws.name = rw.Text(x, "name");
        ws.region = rw.Text(x, "region");
        ws.operator_credit_code = rw.Text(x, "operator");
        ws.status = rw.Text(x, "status");
        ws.recognised_on = rw.OptDay(x, "recognised_on");
        ws.revoked_on = rw.OptDay(x, "revoked_on");
        if (x.contains("entered") && !x["entered"].is_null()) ws.entered_poverty_employed = rw.Int(x, "entered");
        ws.entered_source = rw.Text(x, "entered_source");
        ws.entered_as_of = rw.OptDay(x, "entered_as_of");
        w.workshops.push_back(std::move(ws));
      }
      w.workshops_known = top.Bool(j, "workshops_known");
    }
    if (j.contains("recognitions")) {
      const Reader rr{"事实快照 recognitions"};
      for (const auto& x : top.List(j, "recognitions")) {
        w.recognitions.push_back({rr.Int(x, "site"), rr.Text(x, "level"), rr.OptDay(x, "recognised_on")});
      }
      w.recognitions_known = top.Bool(j, "recognitions_known");
    }
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInvalidArgument, e.what());
  }
  w.Index();
  return w;
}

}  // namespace qjy::policy
