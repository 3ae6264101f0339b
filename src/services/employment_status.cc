#include "services/employment_status.h"

#include "registry/employment.h"

namespace qjy::services {
namespace {

std::string Term(const registry::Contract& c) {
  return c.start_on.ToString() + " 起，" + (c.end_on ? "至 " + c.end_on->ToString() : std::string("无固定期限"));
}

}  // namespace

std::string EmployerText(std::string_view credit_code, const EmployerNames& names) {
  auto it = names.find(credit_code);
  return registry::EmployerInText(credit_code, it == names.end() ? std::string_view() : it->second);
}

const char* EmploymentStateCode(EmploymentState s) {
  switch (s) {
    case EmploymentState::kEmployed: return "employed";
    case EmploymentState::kNotEmployed: return "not_employed";
    case EmploymentState::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* EmploymentStateLabel(EmploymentState s) {
  switch (s) {
    case EmploymentState::kEmployed: return "就业";
    case EmploymentState::kNotEmployed: return "未就业";
    case EmploymentState::kUnknown: return "未知";
  }
  return "未知";
}

EmploymentStatus StatusOn(std::span<const registry::Contract> contracts,
                          std::span<const registry::Contribution> months, Date on,
                          const EmployerNames& employer_names) {
  EmploymentStatus s;
  for (const auto& c : contracts) {
    if (c.start_on <= on && (!c.end_on || on <= *c.end_on)) {
      s.state = EmploymentState::kEmployed;
      s.flexible = c.flexible || c.new_form;
      s.reason = std::string(c.flexible ? "灵活就业" : c.new_form ? "新就业形态用工" : "劳动合同") + "在履行：单位 " +
                 EmployerText(c.employer_credit_code, employer_names) + "，" + Term(c);
      return s;
    }
  }
  const int32_t month = registry::MonthOf(on);
  for (const auto& m : months) {
    if (m.month != month || m.employer_credit_code.empty()) continue;
    bool ended_before = false;
    for (const auto& c : contracts) {
      ended_before |= c.employer_credit_code == m.employer_credit_code && c.end_on && *c.end_on < on;
    }
    if (ended_before) continue;
    s.state = EmploymentState::kEmployed;
    s.reason = "单位 " + EmployerText(m.employer_credit_code, employer_names) + " 为其缴纳了 " + registry::MonthText(month) +
               " 的社会保险费（" + registry::InsuranceKindsText(m.kinds) + "）";
    return s;
  }
  if (contracts.empty() && months.empty()) {
    s.state = EmploymentState::kUnknown;
    s.reason = "登记库没有该人员的劳动合同和社会保险缴费记录，无法判断就业状态";
    s.missing = {"劳动合同记录", "社会保险缴费月份"};
    return s;
  }
  s.state = EmploymentState::kNotEmployed;
  s.reason = on.ToString() + " 无在履行的劳动合同，" + registry::MonthText(month) + " 无单位缴费记录";
  return s;
}

std::optional<bool> WorkedSince(std::span<const registry::Contract> contracts,
                                std::span<const registry::Contribution> months, Date since, Date on) {
  for (const auto& c : contracts) {
    if (c.start_on >= since && c.start_on <= on) return true;
  }
  // The month after leaving school onwards: the leaving month may still be
  // a paid internship's or a school's.
  const int32_t from = registry::MonthOf(since) + 1, to = registry::MonthOf(on);
  for (const auto& m : months) {
    if (!m.employer_credit_code.empty() && m.month >= from && m.month <= to) return true;
  }
  if (contracts.empty() && months.empty()) return std::nullopt;
  return false;
}

}  // namespace qjy::services
