#include "policy/rules/rule_util.h"

#include <algorithm>
#include <cstdio>

#include "core/clause_display.h"
#include "core/provinces.h"
#include "registry/codes.h"
#include "registry/place.h"

namespace qjy::policy::rules {

Eval::Eval(const Ctx& ctx, const char* rule, const char* title, std::string region)
    : ctx_(ctx), title_(title), region_(std::move(region)) {
  d_.rule = rule;
  d_.county_code = region_;
  if (ctx_.explain) d_.date = ctx_.date.ToString();
}

ParamCache::Entry* ParamCache::Find(const ParameterSet& params, std::string_view name, Date date) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  for (size_t i = h % kSlots, n = 0; n < kSlots; i = (i + 1) % kSlots, ++n) {
    Entry& e = slots_[i];
    if (e.name == nullptr) {
      auto it = params.all().find(name);
      if (it == params.all().end()) return nullptr;
      e.name = &it->first;
      e.regional = !it->second.overrides.empty();
      e.value = ValueOn(it->second.values, date);
      return &e;
    }
    if (*e.name == name) return &e;
  }
  return nullptr;  // more names than slots
}

std::optional<int64_t> ParamCache::Get(const ParameterSet& params, std::string_view name, Date date,
                                       std::string_view region) {
  const Entry* e = Find(params, name, date);
  if (!e || e->regional) return params.ValueAt(name, date, region);
  return e->value;
}

const std::optional<int64_t>* ParamCache::Uniform(const ParameterSet& params, std::string_view name, Date date) {
  const Entry* e = Find(params, name, date);
  return e && !e->regional ? &e->value : nullptr;
}

HireWindows ResolveHireWindows(const ParameterSet& params, ParamCache& cache, Date date) {
  HireWindows w;
  const auto* start = cache.Uniform(params, "common.policy_start", date);
  // The rules whose CheckHire reads these valid-until parameters (R5 has none).
  const std::pair<int, const char*> kUntil[] = {{2, "r2.valid_until"}, {3, "r3.valid_until"}, {4, "r4.valid_until"}, {5, ""}};
  for (const auto& [rule, name] : kUntil) {
    HireWindow& h = w[rule];
    if (start && *start) h.from = static_cast<int32_t>(**start);
    h.to = date.days();  // hired_by_decision_date
    if (*name) {
      const auto* until = cache.Uniform(params, name, date);
      if (until && *until) h.to = std::min<int32_t>(h.to, static_cast<int32_t>(**until));
    }
  }
  return w;
}

bool SweepHireMayPass(const Ctx& ctx, int32_t day, int rule) {
  if (ctx.explain || !ctx.windows) return true;
  const HireWindow& h = (*ctx.windows)[rule];
  return day >= h.from && day <= h.to;
}

std::optional<int64_t> Eval::Param(std::string_view name_view) {
  if (!ctx_.explain) {
    auto v = ctx_.cache ? ctx_.cache->Get(ctx_.params, name_view, ctx_.date, region_)
                        : ctx_.params.ValueAt(name_view, ctx_.date, region_);
    if (!v) ok_ = false;
    return v;
  }
  auto v = ctx_.params.ValueAt(name_view, ctx_.date, region_);
  const std::string name(name_view);
  const Parameter* p = ctx_.params.Find(name);
  if (!v) {
    ok_ = false;
    d_.conditions.push_back(Condition{
        "param:" + name, p ? p->reference : "", "参数“" + (p ? DisplayClause(p->description) : std::string("未定义的参数")) + "”在决定日期有效",
        "该日期无有效值（政策未实施、已到期或本地未开展）", false,
        "有关部门发布在 " + ctx_.date.ToString() + " 有效的参数值"});
    return std::nullopt;
  }
  if (ctx_.explain && p) {
    std::string shown = p->unit == Unit::kDate ? Date::FromDays(static_cast<int32_t>(*v)).ToString()
                        : p->unit == Unit::kRegion
                            ? std::to_string(*v) + "（" + std::string(ProvinceName(std::to_string(*v).substr(0, 2))) + "）"
                            : std::to_string(*v) + " " + std::string(UnitName(p->unit));
    d_.params_used.push_back(name + " = " + shown + "（" + DisplayClause(p->reference) + (p->assumed ? "，假定值" : "") + "）");
  }
  return v;
}

bool Eval::Jurisdiction(std::string_view param, std::string_view what, std::string_view place) {
  auto scope = Param(param);
  if (!scope) return false;
  if (!ctx_.explain) {
    const std::string s = std::to_string(*scope);
    const bool in = registry::WithinRegion(place, s);
    if (!in) ok_ = false;
    return in;
  }
  const std::string s = std::to_string(*scope);
  const std::string_view province = ProvinceName(s.substr(0, 2));
  const std::string scope_name = s.size() == 2 && !province.empty() ? "本省（" + std::string(province) + "）"
                                                                   : "区划 " + s + " 内";
  const Parameter* def = ctx_.params.Find(param);
  const std::string clause = def ? def->reference : "";
  const std::string text = std::string(what) + "在" + scope_name;
  if (place.empty()) {
    UnknownFact("jurisdiction_unknown", clause, text, "未知：缺少数据“" + std::string(what) + "”",
                "补录" + std::string(what) + "后重新审核；" + std::string(what) + "未知时不自动发放", what);
    return false;
  }
  const bool in = registry::WithinRegion(place, s);
  if (!in) ok_ = false;
  const std::string_view where = ProvinceName(place.substr(0, 2));
  const std::string shown = (where.empty() ? std::string("区划") : std::string(where)) + "（" + std::string(place) + "）";
  d_.conditions.push_back(Condition{
      "jurisdiction", clause, text,
      in ? shown : std::string(what) + "不在本省：" + shown, in,
      in ? "" : std::string(what) + "不在本省：本省资金不予支付，由" + std::string(what) + "所在地按当地规定办理"});
  return in;
}

bool EmployerInJurisdiction(Eval& ev, const registry::Employer& e, std::string_view param) {
  return ev.Jurisdiction(param, "单位参保地", e.insured_region);
}

bool PersonInJurisdiction(Eval& ev, const registry::Person& p, std::string_view param) {
  if (param.ends_with("payee_hukou_region")) return ev.Jurisdiction(param, "户籍地", registry::HomeRegion(p));
  return ev.Jurisdiction(param, "个人参保地", p.insured_region);
}

void Eval::SetSubject(std::string beneficiary, int64_t person_id, std::string employer_code,
                      std::string period) {
  d_.beneficiary = std::move(beneficiary);
  d_.person_id = person_id;
  d_.employer_code = std::move(employer_code);
  d_.period = std::move(period);
}

void Eval::Unknown(const char* id, const char* clause, const char* text, const char* missing) {
  ok_ = false;
  if (!ctx_.explain) return;
  Condition c{id, clause, text, std::string("未知：缺少") + missing, false,
              std::string("补录") + missing + "后重新判断"};
  c.unknown = true;
  d_.conditions.push_back(std::move(c));
  NoteMissing(missing);
}

void Eval::UnknownFact(const char* id, std::string clause, std::string text, std::string seen, std::string fix,
                       std::string_view missing) {
  ok_ = false;
  if (!ctx_.explain) return;
  Condition c{id, std::move(clause), std::move(text), std::move(seen), false, std::move(fix)};
  c.unknown = true;
  d_.conditions.push_back(std::move(c));
  NoteMissing(missing);
}

void Eval::NoteMissing(std::string_view missing) {
  if (!ctx_.explain) return;
  if (std::find(d_.missing_data.begin(), d_.missing_data.end(), missing) == d_.missing_data.end()) {
    d_.missing_data.emplace_back(missing);
  }
}

Decision Eval::Finish(int64_t amount_fen, Fund fund, bool loan) {
  d_.eligible = ok_ && amount_fen > 0;
  if (!d_.eligible && !ctx_.explain) return std::move(d_);  // dropped by the sweep
  d_.title = title_;
  if (ok_ && amount_fen <= 0) {
    d_.conditions.push_back(Condition{"amount_positive", "", "金额大于零", "0", false, "计算金额须大于零"});
  }
  d_.amount_fen = d_.eligible ? amount_fen : 0;
  d_.fund = fund;
  d_.loan = loan;
  d_.once_key = d_.rule + "|" + d_.beneficiary + "|" + std::to_string(d_.person_id) + "|" + d_.period;
  return std::move(d_);
}

std::string Str(Date d) { return d.ToString(); }
std::string Str(const std::optional<Date>& d) { return d ? d->ToString() : "无固定期限"; }
std::string Bp(int64_t bp) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld%%", static_cast<long long>(bp / 100),
                static_cast<long long>(bp % 100));
  return buf;
}

bool ContractAtLeastYears(const registry::Contract& c, int years) {
  if (!c.end_on) return true;
  return *c.end_on >= c.start_on.AddYears(years).AddDays(-1);
}

std::string ContractTerm(const registry::Contract& c) {
  return c.start_on.ToString() + " 至 " + Str(c.end_on);
}

bool StableMonths(const registry::Contract& c, int months, Date date) {
  const Date reached = c.start_on.AddMonths(months);
  if (reached > date) return false;
  return !c.end_on || *c.end_on >= reached.AddDays(-1);
}

bool InGroup(const registry::Person& p, registry::Group g, Date date) {
  for (const auto& m : p.groups) {
    if (m.group == g && m.valid_from <= date && (!m.valid_to || date <= *m.valid_to)) return true;
  }
  return false;
}

const Registration* ActiveRegistration(const World& w, int64_t person_id, Date date) {
  for (uint32_t i : w.RegistrationsOf(person_id)) {
    const Registration& r = w.registrations[i];
    if (r.registered_on <= date && (!r.ended_on || date <= *r.ended_on)) return &r;
  }
  return nullptr;
}

const Registration* ActiveRegistration(const World& w, const registry::Person& p, Date date) {
  for (uint32_t i : w.RegistrationsOf(p)) {
    const Registration& r = w.registrations[i];
    if (r.registered_on <= date && (!r.ended_on || date <= *r.ended_on)) return &r;
  }
  return nullptr;
}

int FullMonths(Date from, Date to) {
  if (to < from) return 0;
  int n = (to.year() - from.year()) * 12 + (to.month() - from.month());
  while (n > 0 && from.AddMonths(n) > to) --n;
  return n;
}

bool IsSmallOrMicro(const registry::Employer& e) {
  return e.size == registry::SizeClass::kSmall || e.size == registry::SizeClass::kMicro;
}

std::string GroupsText(const registry::Person& p, Date date) {
  std::string s;
  for (const auto& m : p.groups) {
    if (m.valid_from <= date && (!m.valid_to || date <= *m.valid_to)) {
      if (!s.empty()) s += "、";
      s += std::string(registry::Label(m.group));
    }
  }
  return s.empty() ? "无" : s;
}

}  // namespace qjy::policy::rules
