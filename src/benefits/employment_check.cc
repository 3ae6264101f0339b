#include "benefits/employment_check.h"

#include "core/date.h"
#include "registry/contribution.h"

namespace qjy::benefits {

const char kContributedInMonthSql[] =
    "EXISTS (SELECT 1 FROM contributions k WHERE k.county_code = c.county_code AND k.person_id = c.person_id "
    "AND k.month = ? AND (k.kinds & 3) <> 0)";
const char kContractInMonthSql[] =
    "EXISTS (SELECT 1 FROM contracts t WHERE t.person_id = c.person_id AND t.start_on <= ? "
    "AND (t.end_on IS NULL OR t.end_on >= ?) AND NOT EXISTS (SELECT 1 FROM separations s WHERE "
    "s.person_id = t.person_id AND s.employer_credit_code = t.employer_credit_code AND s.separated_on >= t.start_on "
    "AND s.separated_on < ?))";

namespace {
using store::Value;
}

Result<std::optional<std::string>> EmploymentIn(store::Db& db, const std::string& county, int64_t person_id,
                                                int32_t month) {
  const std::string m = registry::MonthText(month);
  const Date first = *Date::FromYmd(month / 12, month % 12 + 1, 1);
  const std::string first_s = first.ToString(), last_s = first.AddMonths(1).AddDays(-1).ToString();
  auto k = db.Query(
      "SELECT employer_credit_code FROM contributions WHERE county_code = ? AND person_id = ? AND month = ? "
      "AND (kinds & 3) <> 0 ORDER BY employer_credit_code LIMIT 1",
      std::vector<Value>{county, person_id, m});
  if (!k) return std::unexpected(k.error());
  if (!k->empty()) {
    const std::string payer = k->front().Text(0);
    return std::optional<std::string>(m + " 有社会保险缴费记录（" +
                                      (payer.empty() ? std::string("个人缴费") : "缴费单位 " + payer) + "）");
  }
  auto t = db.Query(
      "SELECT t.employer_credit_code, t.start_on FROM contracts t WHERE t.person_id = ? AND t.start_on <= ? "
      "AND (t.end_on IS NULL OR t.end_on >= ?) AND NOT EXISTS (SELECT 1 FROM separations s WHERE "
      "s.person_id = t.person_id AND s.employer_credit_code = t.employer_credit_code AND s.separated_on >= t.start_on "
      "AND s.separated_on < ?) ORDER BY t.start_on LIMIT 1",
      std::vector<Value>{person_id, last_s, first_s, first_s});
  if (!t) return std::unexpected(t.error());
  if (!t->empty()) {
    return std::optional<std::string>(m + " 有在履行的劳动合同（单位 " + t->front().Text(0) + "，起 " +
                                      t->front().Text(1) + "）");
  }
  return std::optional<std::string>();
}

}  // namespace qjy::benefits
