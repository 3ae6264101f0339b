#include "policy/scenario.h"
#include "registry/contribution.h"

#include <yaml-cpp/yaml.h>

#include <ostream>
#include <set>

#include "policy/rules/rules.h"
#include "registry/codes.h"

namespace qjy::policy {
namespace {

using registry::Contract;
using registry::Employer;
using registry::Person;

// Parsing helpers throw ParseError; LoadScenarioFile turns it into a Result.
struct ParseError {
  std::string message;
};

[[noreturn]] void Throw(const std::string& m) { throw ParseError{m}; }

void CheckKeys(const YAML::Node& n, std::initializer_list<const char*> keys, const std::string& where) {
  if (!n.IsMap()) Throw(where + "：须为映射");
  std::set<std::string> allowed(keys.begin(), keys.end());
  for (const auto& kv : n) {
    if (!allowed.contains(kv.first.Scalar())) Throw(where + "：未知字段 “" + kv.first.Scalar() + "”");
  }
}

Date GetDate(const YAML::Node& n, const char* key, const std::string& where) {
  if (!n[key]) Throw(where + "：缺少 " + key);
  auto d = Date::Parse(n[key].Scalar());
  if (!d) Throw(where + "：" + key + " 日期无效 “" + n[key].Scalar() + "”");
  return *d;
}

std::optional<Date> OptDate(const YAML::Node& n, const char* key, const std::string& where) {
  if (!n[key] || n[key].IsNull()) return std::nullopt;
  return GetDate(n, key, where);
}

int64_t GetInt(const YAML::Node& n, const char* key, const std::string& where, int64_t def) {
  if (!n[key]) return def;
  try {
    return n[key].as<int64_t>();
  } catch (const YAML::Exception&) {
    Throw(where + "：" + key + " 须为整数");
  }
}

bool GetBool(const YAML::Node& n, const char* key, const std::string& where, bool def = false) {
  if (!n[key]) return def;
  try {
    return n[key].as<bool>();
  } catch (const YAML::Exception&) {
    Throw(where + "：" + key + " 须为 true/false");
  }
}

std::string GetText(const YAML::Node& n, const char* key, const std::string& def = "") {
  return n[key] ? n[key].Scalar() : def;
}

template <class E>
E GetEnum(const YAML::Node& n, const char* key, const std::string& where, E def) {
  if (!n[key]) return def;
  auto v = registry::Parse<E>(n[key].Scalar());
  if (!v) Throw(where + "：" + key + " 取值未知 “" + n[key].Scalar() + "”");
  return *v;
}

Person ParsePerson(const YAML::Node& n, const std::string& where) {
  CheckKeys(n, {"id", "county", "hukou", "insured_region", "birth", "sex", "name", "school_left_on", "groups",
                "certificates"},
            where);
  Person p;
  p.person_id = GetInt(n, "id", where, 0);
  if (p.person_id <= 0) Throw(where + "：id 须为正整数");
  p.county_code = GetText(n, "county", "520102");
  p.hukou_region = GetText(n, "hukou");             // empty: the owning county
  // 个人参保地: the county unless given; "unknown" leaves it empty.
  p.insured_region = GetText(n, "insured_region", p.county_code);
  if (p.insured_region == "unknown") p.insured_region.clear();
  p.birth_date = n["birth"] ? GetDate(n, "birth", where) : *Date::FromYmd(1990, 1, 1);
  p.name = GetText(n, "name", "人员" + std::to_string(p.person_id));
  p.sex = GetEnum(n, "sex", where, registry::Sex::kMale);
  p.school_left_on = OptDate(n, "school_left_on", where);
  if (n["groups"]) {
    for (const auto& g : n["groups"]) {
      registry::GroupMembership m;
      m.valid_from = *Date::FromYmd(1900, 1, 1);
      if (g.IsScalar()) {
        auto v = registry::Parse<registry::Group>(g.Scalar());
        if (!v) Throw(where + "：群体未知 “" + g.Scalar() + "”");
        m.group = *v;
      } else {
        CheckKeys(g, {"group", "from", "to"}, where + " groups");
        m.group = GetEnum(g, "group", where, registry::Group::kRuralLabour);
        if (g["from"]) m.valid_from = GetDate(g, "from", where);
        m.valid_to = OptDate(g, "to", where);
      }
      p.groups.push_back(m);
    }
  }
  if (n["certificates"]) {
    for (const auto& c : n["certificates"]) {
      CheckKeys(c, {"name", "level", "issued"}, where + " certificates");
      p.certificates.push_back({GetText(c, "name", "证书"), static_cast<int>(GetInt(c, "level", where, 0)),
                                GetDate(c, "issued", where)});
    }
  }
  return p;
}

Employer ParseEmployer(const YAML::Node& n, const std::string& where) {
  CheckKeys(n, {"code", "name", "type", "size", "county", "region", "insured_region", "insured", "years",
                "key_enterprise"},
            where);
  Employer e;
  e.credit_code = GetText(n, "code");
  if (e.credit_code.empty()) Throw(where + "：缺少 code");
  e.name = GetText(n, "name", e.credit_code);
  e.type = GetEnum(n, "type", where, registry::EmployerType::kEnterprise);
  e.size = GetEnum(n, "size", where, registry::SizeClass::kSmall);
  e.county_code = GetText(n, "county", "520102");
  e.region = GetText(n, "region", e.county_code);
  // 参保地: the county unless given; "unknown" leaves it empty (old rows).
  e.insured_region = GetText(n, "insured_region", e.county_code);
  if (e.insured_region == "unknown") e.insured_region.clear();
  e.insured_headcount = static_cast<int>(GetInt(n, "insured", where, 0));
  e.key_enterprise = GetBool(n, "key_enterprise", where);
  if (n["years"]) {
    for (const auto& y : n["years"]) {
      CheckKeys(y, {"year", "insured", "layoffs", "premium_fen"}, where + " years");
      e.years.push_back({static_cast<int>(GetInt(y, "year", where, 0)), static_cast<int>(GetInt(y, "insured", where, 0)),
                         static_cast<int>(GetInt(y, "layoffs", where, 0)), GetInt(y, "premium_fen", where, 0)});
    }
  }
  return e;
}

Contract ParseContract(const YAML::Node& n, const std::string& where, int64_t next_id) {
  CheckKeys(n, {"id", "person", "employer", "start", "end", "work", "flexible", "new_form", "county"},
            where);
  Contract c;
  c.contract_id = GetInt(n, "id", where, next_id);
  c.person_id = GetInt(n, "person", where, 0);
  c.employer_credit_code = GetText(n, "employer");
  c.start_on = GetDate(n, "start", where);
  c.end_on = OptDate(n, "end", where);
  c.work_region = GetText(n, "work");  // place of work; empty: unknown
  c.flexible = GetBool(n, "flexible", where);
  c.new_form = GetBool(n, "new_form", where);
  c.county_code = GetText(n, "county", "520102");
  return c;
}

void ParseWorld(const YAML::Node& n, const std::string& where, World& w) {
  if (!n) return;
  CheckKeys(n, {"persons", "employers", "contracts", "registrations", "internships", "ventures", "placements",
                "sites", "insurance", "workshops"},
            where);
  for (const auto& x : n["persons"]) w.persons.push_back(ParsePerson(x, where + " persons"));
  for (const auto& x : n["employers"]) w.employers.push_back(ParseEmployer(x, where + " employers"));
  for (const auto& x : n["contracts"]) {
    w.contracts.push_back(ParseContract(x, where + " contracts", static_cast<int64_t>(w.contracts.size()) + 1));
  }
  for (const auto& x : n["registrations"]) {
    CheckKeys(x, {"person", "from", "to", "ui_benefit"}, where + " registrations");
    Registration r{GetInt(x, "person", where, 0), GetDate(x, "from", where), OptDate(x, "to", where), std::nullopt};
    if (x["ui_benefit"]) r.receives_ui_benefit = GetBool(x, "ui_benefit", where);  // absent: unknown
    w.registrations.push_back(r);
  }
  for (const auto& x : n["internships"]) {
    CheckKeys(x, {"person", "host", "start", "end", "retained"}, where + " internships");
    w.internships.push_back({GetInt(x, "person", where, 0), GetText(x, "host"), GetDate(x, "start", where),
                             GetDate(x, "end", where), OptDate(x, "retained", where)});
  }
  for (const auto& x : n["ventures"]) {
    CheckKeys(x, {"person", "code", "founded", "first_time"}, where + " ventures");
    w.ventures.push_back({GetInt(x, "person", where, 0), GetText(x, "code"), GetDate(x, "founded", where),
                          GetBool(x, "first_time", where, true)});
  }
  for (const auto& x : n["placements"]) {
    CheckKeys(x, {"agency", "person", "start"}, where + " placements");
    w.placements.push_back({GetText(x, "agency"), GetInt(x, "person", where, 0), GetDate(x, "start", where)});
  }
  if (n["sites"]) w.recognitions_known = true;
  for (const auto& x : n["sites"]) {
    CheckKeys(x, {"id", "kind", "tier", "county", "level", "recognised", "name"}, where + " sites");
    registry::ServiceSite s;
    s.site_id = GetInt(x, "id", where, 0);
    s.kind = GetEnum(x, "kind", where, registry::SiteKind::kFullEmploymentCommunity);
    s.tier = GetText(x, "tier");
    s.county_code = GetText(x, "county", "520102");
    s.region = s.county_code;
    s.name = GetText(x, "name", "社区" + std::to_string(s.site_id));
    // The recognition recorded in the community registry: level absent =
    // not recorded (unknown).
    const std::string level = GetText(x, "level");
    if (!level.empty() && level != "national" && level != "province" && level != "prefecture" && level != "none") {
      Throw(where + " sites：level 应为 national、province、prefecture 或 none，而不是 “" + level + "”");
    }
    w.recognitions.push_back({s.site_id, level, OptDate(x, "recognised", where)});
    w.sites.push_back(s);
  }
  if (n["workshops"]) w.workshops_known = true;  // an empty list: the registry holds none
  for (const auto& x : n["workshops"]) {
    CheckKeys(x, {"id", "name", "county", "region", "operator", "status", "recognised", "revoked", "poverty_employed",
                  "source", "as_of"},
              where + " workshops");
    Workshop ws;
    ws.workshop_id = GetInt(x, "id", where, 0);
    ws.name = GetText(x, "name", "车间" + std::to_string(ws.workshop_id));
    ws.county_code = GetText(x, "county", "520102");
    ws.region = GetText(x, "region", ws.county_code);
    ws.operator_credit_code = GetText(x, "operator");
    ws.status = GetText(x, "status", "recognised");
    ws.recognised_on = OptDate(x, "recognised", where);
    ws.revoked_on = OptDate(x, "revoked", where);
    if (x["poverty_employed"]) ws.entered_poverty_employed = GetInt(x, "poverty_employed", where, 0);
    ws.entered_source = GetText(x, "source");
    ws.entered_as_of = OptDate(x, "as_of", where);
    w.workshops.push_back(std::move(ws));
  }
  for (const auto& x : n["insurance"]) {
    CheckKeys(x, {"person", "employer", "from", "to", "kinds"}, where + " insurance");
    InsuranceSpell s;
    s.person_id = GetInt(x, "person", where, 0);
    s.employer_credit_code = GetText(x, "employer");
    auto month = [&](const char* key, const std::string& fallback) {
      const std::string text = GetText(x, key, fallback);
      auto m = registry::ParseMonth(text);
      if (!m) Throw(where + " insurance：" + key + " 应为年月 YYYY-MM，而不是 “" + text + "”");
      return *m;
    };
    s.from_month = month("from", "");
    s.to_month = month("to", GetText(x, "from"));
    if (s.to_month < s.from_month) Throw(where + " insurance：to 早于 from");
    const std::string kinds = GetText(x, "kinds", "全部");
    auto k = registry::ParseInsuranceKinds(kinds);
    if (!k) Throw(where + " insurance：无法识别的险种 “" + kinds + "”");
    s.kinds = *k;
    w.insurance.push_back(s);
  }
}

Expectation ParseExpectation(const YAML::Node& n, const std::string& where) {
  CheckKeys(n, {"rule", "person", "employer", "site", "workshop", "period", "eligible", "amount_fen", "fund", "failed", "unknown",
                "count"},
            where);
  Expectation e;
  e.rule = GetText(n, "rule");
  if (!rules::FindRule(e.rule)) Throw(where + "：未知规则 “" + e.rule + "”（应为 R1–R19）");
  if (n["person"]) e.person_id = GetInt(n, "person", where, 0);
  if (n["employer"]) e.employer = GetText(n, "employer");
  if (n["site"]) e.site_id = GetInt(n, "site", where, 0);
  if (n["workshop"]) e.workshop_id = GetInt(n, "workshop", where, 0);
  if (n["period"]) e.period = GetText(n, "period");
  if (n["eligible"]) e.eligible = GetBool(n, "eligible", where);
  if (n["amount_fen"]) e.amount_fen = GetInt(n, "amount_fen", where, 0);
  if (n["fund"]) {
    const Fund f = ParseFund(GetText(n, "fund"));
    if (f == Fund::kNone && GetText(n, "fund") != "none") Throw(where + "：资金未知 “" + GetText(n, "fund") + "”");
    e.fund = f;
  }
  for (const auto& f : n["failed"]) e.failed.push_back(f.Scalar());
  for (const auto& f : n["unknown"]) e.unknown.push_back(f.Scalar());
  if (n["count"]) e.count = static_cast<int>(GetInt(n, "count", where, 0));
  return e;
}

bool Matches(const Decision& d, const Expectation& e) {
  if (d.rule != e.rule) return false;
  if (e.person_id && d.person_id != *e.person_id) return false;
  if (e.employer && d.employer_code != *e.employer) return false;
  if (e.site_id && d.beneficiary != "S:" + std::to_string(*e.site_id)) return false;
  if (e.workshop_id && d.beneficiary != "W:" + std::to_string(*e.workshop_id)) return false;
  if (e.period && d.period != *e.period) return false;
  return true;
}

std::string Describe(const Expectation& e) {
  std::string s = e.rule;
  if (e.person_id) s += " 人员" + std::to_string(*e.person_id);
  if (e.employer) s += " 单位" + *e.employer;
  if (e.site_id) s += " 站点" + std::to_string(*e.site_id);
  if (e.workshop_id) s += " 车间" + std::to_string(*e.workshop_id);
  if (e.period) s += " 期间" + *e.period;
  return s;
}

}  // namespace

Result<std::vector<ScenarioCase>> LoadScenarioFile(const std::filesystem::path& path) {
  const std::string file = path.filename().string();
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, file + "：无法读取或 YAML 格式错误：" + e.what());
  }
  std::vector<ScenarioCase> out;
  try {
    CheckKeys(root, {"world", "cases"}, file);
    World shared;
    ParseWorld(root["world"], file + " world", shared);
    if (!root["cases"] || !root["cases"].IsSequence()) Throw(file + "：缺少 cases 列表");
    for (const auto& n : root["cases"]) {
      ScenarioCase c;
      c.file = file;
      c.name = GetText(n, "name");
      const std::string where = file + " “" + c.name + "”";
      CheckKeys(n, {"name", "date", "params", "world", "expect"}, where);
      if (c.name.empty()) Throw(file + "：用例缺少 name");
      c.date = GetDate(n, "date", where);
      if (n["params"]) c.params_yaml = YAML::Dump(n["params"]);
      c.world = shared;
      ParseWorld(n["world"], where + " world", c.world);
      c.world.Index();
      if (!n["expect"] || n["expect"].size() == 0) Throw(where + "：缺少 expect");
      for (const auto& x : n["expect"]) c.expect.push_back(ParseExpectation(x, where + " expect"));
      out.push_back(std::move(c));
    }
  } catch (const ParseError& e) {
    return Fail(ErrorCode::kInvalidArgument, e.message);
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, file + "：" + e.what());
  }
  return out;
}

CaseResult RunCase(const ParameterSet& base, const ScenarioCase& c) {
  CaseResult result;
  ParameterSet params = base;
  if (!c.params_yaml.empty()) {
    if (auto r = params.ReplaceYaml(c.params_yaml, c.file + " “" + c.name + "” params"); !r) {
      result.report = r.error().message;
      return result;
    }
  }
  auto engine = Engine::Create(std::move(params));
  if (!engine) {
    result.report = engine.error().message;
    return result;
  }
  const std::vector<Decision> all = engine->EvaluateAll(c.world, c.date);
  std::string report;
  for (const auto& e : c.expect) {
    std::vector<const Decision*> matches;
    for (const auto& d : all) {
      if (Matches(d, e)) matches.push_back(&d);
    }
    std::string problems;
    if (e.count && static_cast<int>(matches.size()) != *e.count) {
      problems += "  期望 " + std::to_string(*e.count) + " 个决定，实际 " + std::to_string(matches.size()) + " 个\n";
    } else if (!e.count && matches.empty()) {
      problems += "  没有匹配的决定\n";
    }
    for (const Decision* d : matches) {
      std::string p;
      if (e.eligible && d->eligible != *e.eligible) {
        p += std::string("  期望") + (*e.eligible ? "符合" : "不符合") + "，实际" + (d->eligible ? "符合" : "不符合") + "\n";
      }
      if (e.amount_fen && d->amount_fen != *e.amount_fen) {
        p += "  期望金额 " + std::to_string(*e.amount_fen) + " 分，实际 " + std::to_string(d->amount_fen) + " 分\n";
      }
      if (e.fund && d->fund != *e.fund) {
        p += "  期望资金 " + std::string(FundLabel(*e.fund)) + "，实际 " + std::string(FundLabel(d->fund)) + "\n";
      }
      for (const auto& id : e.failed) {
        bool found = false;
        for (const auto& cond : d->conditions) found |= cond.id == id && !cond.pass && !cond.unknown;
        if (!found) p += "  期望条件 " + id + " 不满足，但它未被判为不满足\n";
      }
      for (const auto& id : e.unknown) {
        bool found = false;
        for (const auto& cond : d->conditions) found |= cond.id == id && cond.unknown;
        if (!found) p += "  期望条件 " + id + " 因缺少数据而未知，但它不是未知\n";
      }
      if (!p.empty()) problems += p + ToText(*d);
    }
    if (!problems.empty()) report += "  期望 " + Describe(e) + "：\n" + problems;
  }
  result.passed = report.empty();
  result.report = report;
  return result;
}

int RunScenarioFiles(const ParameterSet& base, const std::vector<std::filesystem::path>& files, std::ostream& out,
                     bool verbose) {
  int passed = 0, failed = 0;
  for (const auto& f : files) {
    auto cases = LoadScenarioFile(f);
    if (!cases) {
      out << "✗ " << f.filename().string() << "：载入失败：" << cases.error().message << "\n";
      ++failed;
      continue;
    }
    for (const auto& c : *cases) {
      CaseResult r = RunCase(base, c);
      if (r.passed) {
        ++passed;
        if (verbose) out << "✓ " << c.file << "：" << c.name << "\n";
      } else {
        ++failed;
        out << "✗ " << c.file << "：" << c.name << "（" << c.date.ToString() << "）\n" << r.report;
      }
    }
  }
  out << passed << " passed, " << failed << " failed\n";
  return failed;
}

}  // namespace qjy::policy
