// 常态化核查比对 (附件3（四）): is a person employed in a calendar month by
// the registry's facts?
//   - a contribution month M with pension or unemployment insurance paid
//     (kinds & 3; a medical-only month is what the fund pays on the
//     beneficiary's behalf, 正文（十）, and does not count), or
//   - a labour contract in force on some day of M: start_on <= the month's
//     last day, end_on empty or >= its first day, and no separation recorded
//     for that person and employer between the start and the month's first
//     day (a separation ends an open-ended contract).
// A contract starting on any day of M makes M an employed month: the benefit
// stops the month a contract starts.
#ifndef QJY_BENEFITS_EMPLOYMENT_CHECK_H_
#define QJY_BENEFITS_EMPLOYMENT_CHECK_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/error.h"
#include "store/db.h"

namespace qjy::benefits {

// SQL boolean expressions over a row aliased `c` with columns county_code and
// person_id; parameters: month "YYYY-MM" (contributions), then month last
// day, month first day, month first day (contracts).
extern const char kContributedInMonthSql[];
extern const char kContractInMonthSql[];

// The finding for one person and month, in Chinese ("2025-04 有劳动合同（单位
// 91520…，起 2025-04-10）"), or nullopt when not employed.
Result<std::optional<std::string>> EmploymentIn(store::Db& db, const std::string& county, int64_t person_id,
                                                int32_t month);

// How the person's last employment before `before` (the first day of the
// first benefit month) ended, from the registry: the latest recorded
// separation (any employer) or contract end date (a contract that ran to
// its end_on without a separation recorded ended by expiry, 终止), the later
// of the two. nullopt when the registry holds neither (unknown).
struct EmploymentEnd {
  Date on;                        // the last day employed
  std::string employer;           // credit code
  std::string reason;             // registry::SeparationReason code; "expired" for a contract run out
  std::optional<Date> start_on;   // the ended contract's start, when a contract row matches
  std::string employer_name;      // from the registry; empty when it has none
};
Result<std::optional<EmploymentEnd>> LastEmploymentEnd(store::Db& db, int64_t person_id, Date before);

// 非因本人意愿中断就业 (《失业保险条例》第十四条（二）, 《失业保险金申领发放办法》
// 第四条): dismissed / expired / layoff → true; resigned / retired / death →
// false. The Chinese text names the date, the employer and the reason.
bool Involuntary(const EmploymentEnd& e);
std::string EndText(const EmploymentEnd& e);

}  // namespace qjy::benefits

#endif  // QJY_BENEFITS_EMPLOYMENT_CHECK_H_
