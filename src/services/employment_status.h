// A person's employment status on a date, derived from the registry's
// employment facts (issue #12): labour contracts (flexible work included)
// and social-insurance contribution months. Pure: the caller reads the
// facts (store::RegistryStore::ContractsOfPerson,
// store::ContributionStore::OfPerson) and passes them in.
//
// Employed on day D when
//   - a labour contract is in force on D (start <= D, and D <= end or no
//     end); a flexible-work (灵活就业) or platform contract counts; or
//   - an employer paid insurance for the person for D's month and no
//     contract with that employer ended before D (a month paid for a job
//     that ended earlier in the month is the usual last month, not work).
// Months paid as an individual do not make a person employed: the
// unemployed often keep paying their pension themselves.
// Not employed when neither holds. Unknown when the registry holds no
// contract and no contribution month of the person at all: nothing says
// whether they work (the status names the missing data).
#ifndef QJY_SERVICES_EMPLOYMENT_STATUS_H_
#define QJY_SERVICES_EMPLOYMENT_STATUS_H_

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "registry/contribution.h"
#include "registry/model.h"

namespace qjy::services {

enum class EmploymentState { kEmployed, kNotEmployed, kUnknown };
const char* EmploymentStateCode(EmploymentState s);   // "employed", "not_employed", "unknown"
const char* EmploymentStateLabel(EmploymentState s);  // "就业", "未就业", "未知"

struct EmploymentStatus {
  EmploymentState state = EmploymentState::kUnknown;
  // Why, in Chinese, naming the contract or the month that decides it
  // ("劳动合同在履行：单位 贵阳某某有限公司，2023-07-01 起，无固定期限").
  std::string reason;
  bool flexible = false;              // employed through flexible or platform work
  std::vector<std::string> missing;   // data the registry lacks (kUnknown)
};

// Employers' names by credit code, for the reasons: users read names, not
// codes. A code missing here is shown as "名称未登记（统一社会信用代码 …）".
using EmployerNames = std::map<std::string, std::string, std::less<>>;

// How an employer reads in a reason: its name, or that the registry has
// none, with the code to find it by.
std::string EmployerText(std::string_view credit_code, const EmployerNames& names);

EmploymentStatus StatusOn(std::span<const registry::Contract> contracts,
                          std::span<const registry::Contribution> months, Date on,
                          const EmployerNames& employer_names = {});

// "离校未就业": did the person work (a contract began, or an employer paid a
// month) between leaving school and `on`? nullopt when the registry cannot
// say: no school-leaving date, or no employment fact of the person at all.
std::optional<bool> WorkedSince(std::span<const registry::Contract> contracts,
                                std::span<const registry::Contribution> months, Date since, Date on);

}  // namespace qjy::services

#endif  // QJY_SERVICES_EMPLOYMENT_STATUS_H_
