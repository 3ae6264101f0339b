#include "supervision/checks.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

#include "policy/decision.h"
#include "policy/rules/rules.h"

namespace qjy::supervision {
namespace {

int64_t Param(const policy::ParameterSet& p, const char* name, Date on, int64_t fallback) {
  auto v = p.ValueAt(name, on);
  return v ? *v : fallback;
}

nlohmann::json ClaimJson(const Claim& c) {
  return {{"once_key", c.once_key}, {"rule", c.rule},        {"county_code", c.county_code},
          {"employer_code", c.employer_code}, {"person_id", c.person_id}, {"period", c.period},
          {"amount_fen", c.amount_fen}, {"amount", policy::FormatYuan(c.amount_fen)},
          {"status", c.status},       {"paid", c.paid},        {"pay_on", c.pay_on.ToString()},
          {"spell_from", c.spell_from ? c.spell_from->ToString() : ""},
          {"spell_to", c.spell_to ? c.spell_to->ToString() : ""}};
}

// A rule as users name it (its title), the code only when unknown.
std::string RuleName(const std::string& code) {
  const policy::rules::RuleInfo* r = policy::rules::FindRule(code);
  return r ? std::string("“") + r->title + "”" : code;
}

bool Live(const Claim& c) {
  return c.status != "withdrawn" && c.status != "improper" && c.status != "reversed";
}

// The days two contract spells share, a handover day (one ends the day the
// other starts) not counted. Both open-ended: `open` is set and the days
// are counted up to `on` (at least the overlap has begun: 0 when it starts
// later); `shares` says whether the spells overlap at all.
struct Overlap {
  int64_t days = 0;
  bool open = false;
  bool shares = false;
  bool same = false;  // one and the same period (e.g. two subsidies of one contract)
  Date from;
};
Overlap OverlapOf(const Claim& a, const Claim& b, Date on) {
  Overlap o;
  const int32_t from = std::max(a.spell_from->days(), b.spell_from->days());
  o.from = Date::FromDays(from);
  o.same = *a.spell_from == *b.spell_from && a.spell_to == b.spell_to;
  if (!a.spell_to && !b.spell_to) {
    o.open = true;
    o.shares = true;
    o.days = std::max<int64_t>(0, on.days() - from);
    return o;
  }
  const int32_t to = std::min(a.spell_to ? a.spell_to->days() : INT32_MAX, b.spell_to ? b.spell_to->days() : INT32_MAX);
  o.days = static_cast<int64_t>(to) - from;
  o.shares = o.days > 0;
  return o;
}

}  // namespace

int32_t MonthOf(Date d) { return d.year() * 12 + d.month() - 1; }

std::string CheckLabel(const std::string& check) {
  if (check == kDuplicateCause) return "同一事由重复享受";
  if (check == kDuplicatePaid) return "同一事由重复享受（另一笔已支付）";
  if (check == kPersonStatus) return "向已死亡、出境定居或服刑人员支付";
  if (check == kEmployerDeregistered) return "向已注销单位支付";
  if (check == kBudget) return "超出预算";
  if (check == kSharedContact) return "联系方式共用（疑似冒领或利益冲突）";
  if (check == kSharedBankAccount) return "银行账户共用（疑似冒领）";
  if (check == kSharedAddress) return "住址共用（疑似虚报冒领）";
  if (check == kGhostHire) return "疑似虚假招用（无社会保险缴费）";
  if (check == kCircularHire) return "疑似循环招用";
  if (check == kCountyAnomaly) return "县区支付异常";
  return check;
}

std::string StatusKindLabel(const std::string& kind) {
  if (kind == "died") return "死亡";
  if (kind == "emigrated") return "出境定居";
  if (kind == "imprisoned") return "服刑";
  if (kind == "deregistered") return "注销";
  return kind;
}

std::vector<Hit> DuplicateCause(const std::vector<Claim>& claims, const Causes& causes,
                                const policy::ParameterSet& params, Date on) {
  const int64_t min_days = Param(params, "supervision.hire_overlap_min_days", on, 1);
  // (person, cause) → claims
  std::unordered_map<std::string, std::vector<const Claim*>> groups;
  for (const auto& c : claims) {
    if (c.person_id == 0 || !Live(c)) continue;
    const Cause* cause = causes.Of(c.rule);
    if (!cause) continue;
    groups[std::to_string(c.person_id) + "|" + cause->code].push_back(&c);
  }
  std::vector<Hit> hits;
  for (const auto& [key, group] : groups) {
    if (group.size() < 2) continue;
    const Cause* cause = causes.Of(group.front()->rule);
    for (const Claim* t : group) {
      if (!t->target) continue;
      nlohmann::json others = nlohmann::json::array();
      for (const Claim* o : group) {
        if (o == t) continue;
        // A payment already made is suspect only against an earlier one.
        if (t->paid && (!o->paid || o->pay_on > t->pay_on || (o->pay_on == t->pay_on && o->once_key > t->once_key))) {
          continue;
        }
        bool same = false;
        Overlap ov;
        if (cause->contract_spell) {
          if (!t->spell_from || !o->spell_from) continue;  // contract unknown: not judged
          ov = OverlapOf(*t, *o, on);
          // Two open-ended contracts overlap for as long as they last.
          same = ov.open || ov.days >= min_days;
        } else {
          same = t->period == o->period || t->period == "once" || o->period == "once";
        }
        if (!same) continue;
        nlohmann::json oj = ClaimJson(*o);
        if (cause->contract_spell) {
          oj["overlap_days"] = ov.days;
          oj["overlap_open"] = ov.open;
          oj["overlap_from"] = ov.from.ToString();
          oj["same_spell"] = ov.same;
        }
        others.push_back(std::move(oj));
      }
      if (others.empty()) continue;
      // The first paid counterpart leads the summary, else the first.
      auto lead = std::find_if(others.begin(), others.end(), [](const nlohmann::json& o) { return o["paid"].get<bool>(); });
      const bool any_paid = lead != others.end();
      if (!any_paid) lead = others.begin();
      Hit h{t->once_key, t->county_code, any_paid ? kDuplicatePaid : kDuplicateCause, cause->reference, "", {}};
      const nlohmann::json& first = *lead;
      std::string overlap;
      if (cause->contract_spell) {
        const std::string from = first["overlap_from"].get<std::string>();
        overlap = first["same_spell"].get<bool>()
                      ? "，同一劳动合同期间（自 " + from + " 起" + (first["overlap_open"].get<bool>() ? "，未终止" : "") + "）"
                  : first["overlap_open"].get<bool>()
                      ? "，两份合同均未终止，自 " + from + " 起重叠"
                      : "，合同期间重叠 " + std::to_string(first["overlap_days"].get<int64_t>()) + " 天";
      } else {
        overlap = "，期间 " + first["period"].get<std::string>();
      }
      h.summary = "人员 " + std::to_string(t->person_id) + " 的" + cause->label +
                  (any_paid ? "已由" : "另由") + RuleName(first["rule"].get<std::string>()) + "（" +
                  first["county_code"].get<std::string>() +
                  (first["employer_code"].get<std::string>().empty() ? "" : "，单位 " + first["employer_code"].get<std::string>()) +
                  overlap + "）" + (any_paid ? "享受" : "申领（尚未支付）") +
                  (others.size() > 1 ? "，共 " + std::to_string(others.size()) + " 笔" : "");
      h.evidence = {{"cause", cause->code}, {"cause_label", cause->label}, {"note", cause->note},
                    {"claim", ClaimJson(*t)}, {"others", std::move(others)}, {"min_overlap_days", min_days}};
      hits.push_back(std::move(h));
    }
  }
  return hits;
}

std::vector<Hit> StatusAtPayment(const std::vector<Claim>& claims, const std::vector<StatusFact>& facts,
                                 const policy::ParameterSet& params, Date on) {
  const int64_t grace = Param(params, "supervision.status_grace_days", on, 0);
  std::unordered_map<std::string, std::vector<const StatusFact*>> by_subject;
  for (const auto& f : facts) by_subject[f.subject].push_back(&f);
  std::vector<Hit> hits;
  for (const auto& c : claims) {
    if (!c.target) continue;
    auto look = [&](const std::string& subject, bool person) {
      auto it = by_subject.find(subject);
      if (it == by_subject.end()) return;
      for (const StatusFact* f : it->second) {
        if (person == (f->kind == "deregistered")) continue;
        if (c.pay_on < f->from.AddDays(static_cast<int>(grace))) continue;
        if (f->until && c.pay_on > *f->until) continue;
        Hit h{c.once_key, c.county_code, person ? kPersonStatus : kEmployerDeregistered, "main(二十一)", "", {}};
        h.summary = std::string(person ? "人员 " + std::to_string(c.person_id) : "单位 " + subject.substr(2)) + " 于 " +
                    f->from.ToString() + " " + StatusKindLabel(f->kind) +
                    (f->until ? "（至 " + f->until->ToString() + "）" : "") + "，" + (c.paid ? "已于 " : "拟于 ") +
                    c.pay_on.ToString() + " 支付 " + policy::FormatYuan(c.amount_fen);
        h.evidence = {{"claim", ClaimJson(c)},
                      {"fact", {{"kind", f->kind}, {"kind_label", StatusKindLabel(f->kind)}, {"from", f->from.ToString()},
                                {"until", f->until ? f->until->ToString() : ""}, {"source", f->source},
                                {"county_code", f->county_code}}},
                      {"grace_days", grace}};
        hits.push_back(std::move(h));
        return;  // one hit per subject
      }
    };
    if (c.person_id != 0) look("P:" + std::to_string(c.person_id), true);
    std::string employer = c.employer_code;
    if (employer.empty() && c.beneficiary.starts_with("E:")) employer = c.beneficiary.substr(2);
    if (!employer.empty()) look("E:" + employer, false);
  }
  return hits;
}

std::vector<Hit> SharedContact(const std::vector<Claim>& claims, const std::map<int64_t, std::string>& phone_of,
                               const std::map<int64_t, std::string>& id_hash_of,
                               const std::map<std::string, std::string>& officer_hashes,
                               const policy::ParameterSet& params, Date on) {
  const int64_t max = Param(params, "supervision.shared_contact_max_beneficiaries", on, 3);
  std::map<std::string, std::set<int64_t>> persons_of_phone;
  for (const auto& c : claims) {
    if (c.person_id == 0 || !Live(c)) continue;
    auto it = phone_of.find(c.person_id);
    if (it != phone_of.end()) persons_of_phone[it->second].insert(c.person_id);
  }
  std::vector<Hit> hits;
  for (const auto& c : claims) {
    if (!c.target || c.person_id == 0) continue;
    auto ph = phone_of.find(c.person_id);
    if (ph != phone_of.end()) {
      const auto& sharing = persons_of_phone[ph->second];
      if (static_cast<int64_t>(sharing.size()) > max) {
        Hit h{c.once_key, c.county_code, kSharedContact, "main(二十一)", "", {}};
        h.summary = "联系电话（散列 " + ph->second.substr(0, 8) + "…）由 " + std::to_string(sharing.size()) +
                    " 名享受人员共用，超过 " + std::to_string(max) + " 人";
        h.evidence = {{"claim", ClaimJson(c)}, {"phone_hash", ph->second.substr(0, 8)},
                      {"persons", std::vector<int64_t>(sharing.begin(), sharing.end())}, {"max", max}};
        hits.push_back(std::move(h));
      }
    }
    for (const auto* m : {&phone_of, &id_hash_of}) {
      auto it = m->find(c.person_id);
      if (it == m->end()) continue;
      auto off = officer_hashes.find(it->second);
      if (off == officer_hashes.end()) continue;
      const bool phone = m == &phone_of;
      Hit h{c.once_key, c.county_code, kSharedContact, "main(二十一)", "", {}};
      h.summary = std::string("享受人员 ") + std::to_string(c.person_id) + " 的" + (phone ? "联系电话" : "身份证件号码") +
                  "与经办人员 " + off->second + " 本人相同（利益冲突）";
      h.evidence = {{"claim", ClaimJson(c)}, {"officer", off->second}, {"matched", phone ? "phone" : "id_number"},
                    {"hash", it->second.substr(0, 8)}};
      hits.push_back(std::move(h));
      break;
    }
  }
  return hits;
}

std::vector<Hit> SharedPaymentFacts(const std::vector<Claim>& claims, const std::map<int64_t, PaymentFactsOf>& facts,
                                    const policy::ParameterSet& params, Date on) {
  struct Kind {
    const char* check;
    const char* param;
    const char* what;
    std::string PaymentFactsOf::*hash;
    bool bank;
    int64_t fallback;
  };
  static const Kind kKinds[] = {
      {kSharedBankAccount, "supervision.shared_bank_account_max_beneficiaries", "银行账户", &PaymentFactsOf::bank_hash, true, 1},
      {kSharedAddress, "supervision.shared_address_max_beneficiaries", "住址", &PaymentFactsOf::address_hash, false, 5},
  };
  std::vector<Hit> hits;
  for (const Kind& k : kKinds) {
    const int64_t max = Param(params, k.param, on, k.fallback);
    // Beneficiaries (persons with a live claim) per hash.
    std::map<std::string, std::set<int64_t>> holders;
    for (const auto& c : claims) {
      if (c.person_id == 0 || !Live(c)) continue;
      auto it = facts.find(c.person_id);
      if (it != facts.end() && !(it->second.*k.hash).empty()) holders[it->second.*k.hash].insert(c.person_id);
    }
    for (const auto& c : claims) {
      if (!c.target || c.person_id == 0) continue;
      auto it = facts.find(c.person_id);
      if (it == facts.end() || (it->second.*k.hash).empty()) continue;
      const std::string& hash = it->second.*k.hash;
      const auto& sharing = holders[hash];
      if (static_cast<int64_t>(sharing.size()) <= max) continue;
      Hit h{c.once_key, c.county_code, k.check, "main(二十一)", "", {}};
      const bool bank = k.bank;
      h.summary = std::string(k.what) + "（" +
                  (bank && !it->second.bank_last4.empty() ? "尾号" + it->second.bank_last4 + "，" : std::string()) +
                  "散列 " + hash.substr(0, 8) + "…）由 " + std::to_string(sharing.size()) + " 名享受人员共用，超过 " +
                  std::to_string(max) + " 人";
      h.evidence = {{"claim", ClaimJson(c)},
                    {bank ? "bank_hash" : "address_hash", hash.substr(0, 8)},
                    {"persons", std::vector<int64_t>(sharing.begin(), sharing.end())},
                    {"max", max}};
      if (bank) h.evidence["bank_last4"] = it->second.bank_last4;
      hits.push_back(std::move(h));
    }
  }
  return hits;
}

std::vector<Hit> GhostHire(const std::vector<Claim>& claims, const Causes& causes, const ContributionFacts& contrib,
                           const policy::ParameterSet& params, Date on) {
  const int64_t months = Param(params, "supervision.ghost_hire_months", on, 3);
  std::vector<Hit> hits;
  for (const auto& c : claims) {
    if (!c.target || c.paid || !causes.IsHiring(c.rule) || !c.spell_from || c.employer_code.empty()) continue;
    // Contribution data covers neither the person nor the employer: unknown, not judged.
    if (!contrib.persons_known.contains(c.person_id) && !contrib.employers_known.contains(c.employer_code)) continue;
    const int32_t from = MonthOf(*c.spell_from);
    // Only months already due by the payment day (the month of payment is not yet due).
    const int32_t through = std::min<int32_t>(from + static_cast<int32_t>(months) - 1, MonthOf(c.pay_on) - 1);
    if (through < from) continue;
    int paid = 0;
    auto it = contrib.months.find({c.person_id, c.employer_code});
    if (it != contrib.months.end()) {
      for (int32_t m : it->second) paid += m >= from && m <= through;
    }
    if (paid > 0) continue;
    Hit h{c.once_key, c.county_code, kGhostHire, "main(二十一)", "", {}};
    h.summary = "单位 " + c.employer_code + " 招用人员 " + std::to_string(c.person_id) + "（合同自 " +
                c.spell_from->ToString() + "）后 " + std::to_string(through - from + 1) + " 个月内无该单位缴纳社会保险记录";
    h.evidence = {{"claim", ClaimJson(c)}, {"months_checked", through - from + 1}, {"months_param", months},
                  {"person_has_contributions", contrib.persons_known.contains(c.person_id)}};
    hits.push_back(std::move(h));
  }
  return hits;
}

std::vector<Hit> CircularHire(const std::vector<Claim>& claims, const Causes& causes,
                              const policy::ParameterSet& params, Date on) {
  const int64_t max = Param(params, "supervision.circular_hire_max", on, 2);
  const int64_t window = Param(params, "supervision.circular_hire_window_months", on, 24);
  std::unordered_map<int64_t, std::vector<const Claim*>> of_person;
  for (const auto& c : claims) {
    if (c.person_id != 0 && Live(c) && causes.IsHiring(c.rule) && c.spell_from) of_person[c.person_id].push_back(&c);
  }
  std::vector<Hit> hits;
  for (const auto& [person, list] : of_person) {
    if (static_cast<int64_t>(list.size()) <= max) continue;
    for (const Claim* t : list) {
      if (!t->target || t->paid) continue;
      nlohmann::json within = nlohmann::json::array();
      std::set<std::string> employers;
      for (const Claim* o : list) {
        const int32_t d = MonthOf(*o->spell_from) - MonthOf(*t->spell_from);
        if (d > -window && d < window) {
          within.push_back(ClaimJson(*o));
          employers.insert(o->employer_code);
        }
      }
      if (static_cast<int64_t>(within.size()) <= max) continue;
      Hit h{t->once_key, t->county_code, kCircularHire, "main(二十一)", "", {}};
      h.summary = "人员 " + std::to_string(person) + " 在 " + std::to_string(window) + " 个月内被 " +
                  std::to_string(employers.size()) + " 个单位招用并申领一次性吸纳就业补贴 " +
                  std::to_string(within.size()) + " 笔，超过 " + std::to_string(max) + " 笔";
      h.evidence = {{"claim", ClaimJson(*t)}, {"claims", std::move(within)}, {"max", max}, {"window_months", window}};
      hits.push_back(std::move(h));
    }
  }
  return hits;
}

std::vector<Hit> BudgetExceeded(const std::vector<Claim>& claims, const std::map<BudgetKey, int64_t>& budgets,
                                const std::map<BudgetKey, int64_t>& spent, Date on) {
  std::map<BudgetKey, std::vector<const Claim*>> groups;
  for (const auto& c : claims) {
    if (c.target && !c.paid && !c.loan) groups[{c.county_code, c.fund, on.year()}].push_back(&c);
  }
  std::vector<Hit> hits;
  for (const auto& [key, list] : groups) {
    auto b = budgets.find(key);
    if (b == budgets.end()) continue;
    int64_t want = 0;
    for (const Claim* c : list) want += c->amount_fen;
    auto s = spent.find(key);
    const int64_t used = s == spent.end() ? 0 : s->second;
    const int64_t remaining = b->second - used;
    if (want <= remaining) continue;
    const std::string fund_label(policy::FundLabel(policy::ParseFund(key.fund)));
    for (const Claim* c : list) {
      Hit h{c->once_key, c->county_code, kBudget, "main(二十一)", "", {}};
      h.summary = key.county_code + " " + std::to_string(key.year) + " 年" + fund_label + "预算 " +
                  policy::FormatYuan(b->second) + "，已支付 " + policy::FormatYuan(used) + "，剩余 " +
                  policy::FormatYuan(remaining) + "，本次待付 " + policy::FormatYuan(want) + "，缺口 " +
                  policy::FormatYuan(want - remaining);
      h.evidence = {{"claim", ClaimJson(*c)},      {"fund", key.fund},          {"fund_label", fund_label},
                    {"year", key.year},            {"budget_fen", b->second},   {"spent_fen", used},
                    {"remaining_fen", remaining},  {"batch_fen", want},         {"shortfall_fen", want - remaining},
                    {"shortfall", policy::FormatYuan(want - remaining)}};
      hits.push_back(std::move(h));
    }
  }
  return hits;
}

std::vector<Hit> CountyAnomalies(const std::map<std::string, int64_t>& amount_fen,
                                 const std::map<std::string, int64_t>& persons,
                                 const std::map<std::string, int64_t>& history_fen,
                                 const policy::ParameterSet& params, Date on) {
  const double z_max = Param(params, "supervision.county_anomaly_z_x100", on, 350) / 100.0;
  const int64_t spike_x100 = Param(params, "supervision.county_spike_x100", on, 300);
  std::map<std::string, double> per_person;
  for (const auto& [county, n] : persons) {
    if (n <= 0) continue;
    auto a = amount_fen.find(county);
    per_person[county] = (a == amount_fen.end() ? 0.0 : static_cast<double>(a->second)) / static_cast<double>(n);
  }
  std::vector<Hit> hits;
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  };
  double med = 0, mad = 0;
  if (per_person.size() >= 3) {
    std::vector<double> xs;
    for (const auto& [c, x] : per_person) xs.push_back(x);
    med = median(xs);
    std::vector<double> dev;
    for (double x : xs) dev.push_back(std::fabs(x - med));
    mad = median(dev);
  }
  for (const auto& [county, x] : per_person) {
    const std::string key = "county|" + county + "|" + std::to_string(on.year());
    nlohmann::json ev = {{"county_code", county}, {"per_person_fen", std::llround(x)}, {"median_fen", std::llround(med)},
                         {"mad_fen", std::llround(mad)}, {"z_max", z_max}, {"persons", persons.at(county)},
                         {"amount_fen", amount_fen.contains(county) ? amount_fen.at(county) : 0}};
    if (per_person.size() >= 3 && mad > 0) {
      const double z = 0.6745 * (x - med) / mad;
      if (z > z_max) {
        Hit h{key, county, kCountyAnomaly, "main(二十一)", "", ev};
        h.evidence["z"] = std::round(z * 100) / 100;
        h.summary = "县区 " + county + " 人均享受金额 " + policy::FormatYuan(std::llround(x)) + "，同级县区中位数 " +
                    policy::FormatYuan(std::llround(med)) + "，稳健Z值 " + std::to_string(std::lround(z * 10) / 10.0).substr(0, 4) +
                    "，超过 " + std::to_string(z_max).substr(0, 4);
        hits.push_back(std::move(h));
        continue;
      }
    }
    auto hist = history_fen.find(county);
    auto amt = amount_fen.find(county);
    if (hist != history_fen.end() && hist->second > 0 && amt != amount_fen.end() &&
        amt->second * 100 > hist->second * spike_x100) {
      Hit h{key, county, kCountyAnomaly, "main(二十一)", "", ev};
      h.evidence["history_fen"] = hist->second;
      h.evidence["spike_x100"] = spike_x100;
      h.summary = "县区 " + county + " 本年享受金额 " + policy::FormatYuan(amt->second) + "，为以往年均 " +
                  policy::FormatYuan(hist->second) + " 的 " + std::to_string(amt->second * 100 / hist->second) +
                  "%，超过 " + std::to_string(spike_x100) + "%";
      hits.push_back(std::move(h));
    }
  }
  return hits;
}

}  // namespace qjy::supervision
