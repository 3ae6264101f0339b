#include "benefits/employment_check.h"

#include "core/date.h"
#include "registry/contribution.h"
#include "registry/employment.h"

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
using registry::EmployerInText;
}  // namespace

Result<std::optional<std::string>> EmploymentIn(store::Db& db, const std::string& county, int64_t person_id,
                                                int32_t month) {
  const std::string m = registry::MonthText(month);
  const Date first = *Date::FromYmd(month / 12, month % 12 + 1, 1);
  const std::string first_s = first.ToString(), last_s = first.AddMonths(1).AddDays(-1).ToString();
  auto k = db.Query(
      "SELECT k.employer_credit_code, COALESCE(e.name, '') FROM contributions k "
      "LEFT JOIN employers e ON e.credit_code = k.employer_credit_code "
      "WHERE k.county_code = ? AND k.person_id = ? AND k.month = ? "
      "AND (k.kinds & 3) <> 0 ORDER BY k.employer_credit_code LIMIT 1",
      std::vector<Value>{county, person_id, m});
  if (!k) return std::unexpected(k.error());
  if (!k->empty()) {
    const std::string payer = k->front().Text(0);
    return std::optional<std::string>(
        m + " 有社会保险缴费记录（" +
        (payer.empty() ? std::string("个人缴费") : "缴费单位 " + EmployerInText(payer, k->front().Text(1))) + "）");
  }
  auto t = db.Query(
      "SELECT t.employer_credit_code, t.start_on, COALESCE((SELECT e.name FROM employers e "
      "WHERE e.credit_code = t.employer_credit_code), '') FROM contracts t WHERE t.person_id = ? AND t.start_on <= ? "
      "AND (t.end_on IS NULL OR t.end_on >= ?) AND NOT EXISTS (SELECT 1 FROM separations s WHERE "
      "s.person_id = t.person_id AND s.employer_credit_code = t.employer_credit_code AND s.separated_on >= t.start_on "
      "AND s.separated_on < ?) ORDER BY t.start_on LIMIT 1",
      std::vector<Value>{person_id, last_s, first_s, first_s});
  if (!t) return std::unexpected(t.error());
  if (!t->empty()) {
    return std::optional<std::string>(m + " 有在履行的劳动合同（单位 " +
                                      EmployerInText(t->front().Text(0), t->front().Text(2)) + "，起 " +
                                      t->front().Text(1) + "）");
  }
  return std::optional<std::string>();
}

Result<std::optional<EmploymentEnd>> LastEmploymentEnd(store::Db& db, int64_t person_id, Date before) {
  const std::string b = before.ToString();
  std::optional<EmploymentEnd> best;
  auto s = db.Query(
      "SELECT s.separated_on, s.employer_credit_code, s.reason, COALESCE((SELECT e.name FROM employers e "
      "WHERE e.credit_code = s.employer_credit_code), '') FROM separations s WHERE s.person_id = ? "
      "AND s.separated_on < ? ORDER BY s.separated_on DESC, s.employer_credit_code LIMIT 1",
      std::vector<Value>{person_id, b});
  if (!s) return std::unexpected(s.error());
  if (!s->empty()) {
    best = EmploymentEnd{Date::Parse(s->front().Text(0)).value_or(Date()), s->front().Text(1), s->front().Text(2), {},
                         s->front().Text(3)};
  }
  // A contract run to its end date with no separation recorded in its term.
  auto t = db.Query(
      "SELECT t.end_on, t.employer_credit_code, t.start_on, COALESCE((SELECT e.name FROM employers e "
      "WHERE e.credit_code = t.employer_credit_code), '') FROM contracts t WHERE t.person_id = ? AND t.end_on IS NOT NULL "
      "AND t.end_on < ? AND NOT EXISTS (SELECT 1 FROM separations s WHERE s.person_id = t.person_id AND "
      "s.employer_credit_code = t.employer_credit_code AND s.separated_on >= t.start_on AND s.separated_on <= t.end_on) "
      "ORDER BY t.end_on DESC LIMIT 1",
      std::vector<Value>{person_id, b});
  if (!t) return std::unexpected(t.error());
  if (!t->empty()) {
    const Date end = Date::Parse(t->front().Text(0)).value_or(Date());
    if (!best || best->on < end) {
      best = EmploymentEnd{end, t->front().Text(1), "expired", Date::Parse(t->front().Text(2)).value_or(Date()),
                           t->front().Text(3)};
    }
  }
  if (best && !best->start_on) {
    auto c = db.Query(
        "SELECT start_on FROM contracts WHERE person_id = ? AND employer_credit_code = ? AND start_on <= ? "
        "ORDER BY start_on DESC LIMIT 1",
        std::vector<Value>{person_id, best->employer, best->on.ToString()});
    if (!c) return std::unexpected(c.error());
    if (!c->empty()) best->start_on = Date::Parse(c->front().Text(0)).value_or(Date());
  }
  return best;
}

bool Involuntary(const EmploymentEnd& e) {
  return e.reason == "dismissed" || e.reason == "expired" || e.reason == "layoff";
}

std::string EndText(const EmploymentEnd& e) {
  std::string why = e.reason;
  if (e.reason == "resigned") why = "本人辞职";
  if (e.reason == "dismissed") why = "单位解除劳动合同";
  if (e.reason == "expired") why = "劳动合同期满终止";
  if (e.reason == "layoff") why = "经济性裁员";
  if (e.reason == "retired") why = "退休";
  if (e.reason == "death") why = "死亡";
  return e.on.ToString() + " 与单位 " + EmployerInText(e.employer, e.employer_name) + " " + why;
}

}  // namespace qjy::benefits
