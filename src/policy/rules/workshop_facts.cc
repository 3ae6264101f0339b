#include "policy/rules/workshop_facts.h"

#include <set>

#include "policy/rules/rule_util.h"

namespace qjy::policy::rules {

const Workshop* RecognisedWorkshopOf(const World& w, const std::string& code, Date date) {
  for (uint32_t i : w.WorkshopsOfOperator(code)) {
    if (w.workshops[i].RecognisedOn(date)) return &w.workshops[i];
  }
  return nullptr;
}

PovertyEmployed CountPovertyEmployed(const World& w, const Workshop& ws, Date date) {
  PovertyEmployed out;
  const auto& contracts = w.ContractsOfEmployer(ws.operator_credit_code);
  if (w.Employer(ws.operator_credit_code) != nullptr && !contracts.empty()) {
    std::set<int64_t> persons;
    for (uint32_t i : contracts) {
      const auto& c = w.contracts[i];
      if (c.start_on > date || (c.end_on && *c.end_on < date)) continue;
      const registry::Person* p = w.PersonOf(c);
      if (p && (InGroup(*p, registry::Group::kPovertyAlleviated, date) ||
                InGroup(*p, registry::Group::kMonitoringObject, date))) {
        persons.insert(c.person_id);
      }
    }
    out.count = static_cast<int64_t>(persons.size());
    out.seen = "登记库：" + date.ToString() + " 在岗的脱贫人口（含监测对象）" + std::to_string(*out.count) + " 人";
    return out;
  }
  if (ws.entered_poverty_employed) {
    out.count = *ws.entered_poverty_employed;
    out.seen = "台账录入：" + std::to_string(*out.count) + " 人";
    if (ws.entered_as_of) out.seen += "（截至 " + ws.entered_as_of->ToString() + "）";
    out.seen += "，来源：" + (ws.entered_source.empty() ? std::string("未注明") : ws.entered_source);
    return out;
  }
  out.seen = "登记库无该单位的劳动合同，也未录入台账人数";
  return out;
}

std::string WorkshopStatusText(const Workshop& ws) {
  std::string s;
  if (ws.status == "applied") s = "申报中";
  else if (ws.status == "rejected") s = "未予认定";
  else if (ws.status == "revoked") s = "已撤销认定";
  else if (ws.status == "recognised") s = "已认定";
  else s = "状态未知";
  if (ws.recognised_on) s += "（认定日期 " + ws.recognised_on->ToString() + "）";
  if (ws.revoked_on) s += "（撤销日期 " + ws.revoked_on->ToString() + "）";
  return s;
}

}  // namespace qjy::policy::rules
