// R8 技能提升补贴, main(十): at most three certificates per person per
// calendar year of issue, each paid once.
#include <algorithm>

#include "policy/rules/rules.h"
#include "registry/contribution.h"

namespace qjy::policy::rules {

void R8(const Ctx& ctx, const registry::Person& p, Out& out) {
  const char* kTitle = "技能提升补贴";
  if (!ctx.explain && !ctx.world.HasCertificates(p)) return;  // sweep gate: no record read
  if (p.certificates.empty()) {
    Eval ev(ctx, "R8", kTitle, p.county_code);
    ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, "", "none");
    ev.Check("certificate", "main(十)", "取得职业资格证书或职业技能等级证书", false, [] { return std::string("无证书"); },
             "须取得职业资格证书或职业技能等级证书");
    out.push_back(ev.Finish(0, Fund::kNone));
    return;
  }
  // UI contribution months: the months with 失业保险 paid (any payer) up to
  // the decision date's month, from the insurance system's records;
  // unknown when the registry holds none of the person's months.
  MonthQuery ui_query;
  ui_query.kinds = registry::Bit(registry::InsuranceKind::kUnemployment);
  ui_query.through_month = registry::MonthOf(ctx.date);
  const std::optional<int> ui_months = ctx.world.InsuredMonths(p.person_id, ui_query);
  // 领取失业保险金 on the issue date: false without an active registration
  // (the benefit is paid to the registered unemployed only), else whatever
  // the registration records for the issue month (src/benefits) — unknown
  // when the benefit records do not cover the person.
  auto receiving_on = [&](Date d) -> std::optional<bool> {
    const Registration* r = ActiveRegistration(ctx.world, p, d);
    if (!r) return false;
    return r->ReceivesUiBenefitIn(registry::MonthOf(d));
  };
  std::vector<const registry::Certificate*> certs;
  for (const auto& c : p.certificates) certs.push_back(&c);
  std::stable_sort(certs.begin(), certs.end(), [](auto* a, auto* b) {
    return a->issued_on != b->issued_on ? a->issued_on < b->issued_on : a->name < b->name;
  });
  // A certificate that would be subsidised apart from the yearly cap: only
  // those count towards "每人每年最多三次".
  const auto start = ctx.params.ValueAt("common.policy_start", ctx.date);
  const auto until = ctx.params.ValueAt("r8.valid_until", ctx.date);
  const auto min = ctx.params.ValueAt("r8.min_ui_months", ctx.date);
  auto subsidisable = [&](const registry::Certificate& c) {
    if (!start || !until || !min) return false;
    return c.issued_on <= ctx.date && c.issued_on.days() >= *start && c.issued_on.days() <= *until &&
           ((ui_months && *ui_months >= *min) || receiving_on(c.issued_on).value_or(false));
  };
  for (size_t k = 0; k < certs.size(); ++k) {
    const registry::Certificate& cert = *certs[k];
    int rank = 1;  // the certificate's place among the subsidisable ones of its year
    for (size_t j = 0; j < k; ++j) {
      rank += certs[j]->issued_on.year() == cert.issued_on.year() && subsidisable(*certs[j]);
    }
    Eval ev(ctx, "R8", kTitle, p.county_code);
    ev.SetSubject("P:" + std::to_string(p.person_id), p.person_id, "",
                  cert.issued_on.ToString() + ":" + cert.name + ":" + std::to_string(cert.level));
    PersonInJurisdiction(ev, p, "r8.payee_insured_region");
    ev.Check("issued", "main(十)", "已取得证书（发证日不晚于决定日）", cert.issued_on <= ctx.date,
             [&] { return cert.name + " " + cert.issued_on.ToString(); }, "须已取得证书");
    if (auto start = ev.Param("common.policy_start")) {
      const Date s = Date::FromDays(static_cast<int32_t>(*start));
      ev.Check("issued_in_period", "main(十)", "发证日不早于政策发布日", cert.issued_on >= s,
               [&] { return cert.issued_on.ToString(); }, "证书须在政策发布后取得");
    }
    if (auto until = ev.Param("r8.valid_until")) {
      const Date u = Date::FromDays(static_cast<int32_t>(*until));
      ev.Check("issued_by_valid_until", "main(十)", "发证日不晚于政策实施期限（含当日）", cert.issued_on <= u,
               [&] { return cert.issued_on.ToString() + "（期限 " + u.ToString() + "）"; }, "证书须在政策实施期限内取得");
    }
    const std::optional<bool> receiving = receiving_on(cert.issued_on);
    if (auto min = ev.Param("r8.min_ui_months")) {
      // Either fact suffices; false only when both are known to fail.
      std::optional<bool> pass;
      if ((ui_months && *ui_months >= *min) || receiving.value_or(false)) {
        pass = true;
      } else if (ui_months && receiving) {
        pass = false;
      }
      const char* missing = !ui_months ? kMissingContributions : kMissingUiBenefit;
      ev.CheckKnown("ui_1yr_or_benefit", "main(十)", "参加失业保险1年以上（含12个月）的企业职工，或领取失业保险金人员",
                    pass,
                    [&] {
                      return "失业保险缴费 " + std::to_string(ui_months.value_or(0)) + " 个月（至 " +
                             registry::MonthText(ui_query.through_month) + "）" +
                             (receiving.value_or(false) ? "，领取失业保险金" : receiving ? "，未领取失业保险金" : "");
                    },
                    "失业保险缴费须满12个月，或为领取失业保险金人员", missing);
      if (!pass && !ui_months && !receiving) ev.NoteMissing(kMissingUiBenefit);
    }
    if (auto max = ev.Param("r8.max_per_year")) {
      ev.Check("max_per_year", "main(十)", "每人每年最多三次", rank <= *max,
               [&] { return cert.issued_on.ToString().substr(0, 4) + "年第 " + std::to_string(rank) + " 张证书"; },
               "同一年度已享受三次，次年再申请");
    }
    static constexpr const char* kAmountByLevel[] = {"r8.amount_level_0", "r8.amount_level_1", "r8.amount_level_2",
                                                     "r8.amount_level_3", "r8.amount_level_4", "r8.amount_level_5"};
    auto amount = ev.Param(kAmountByLevel[std::clamp(cert.level, 0, 5)]);
    if (amount) ev.Step([&] { return std::string("证书等级 " + std::to_string(cert.level) + " 标准 " + FormatYuan(*amount)); });
    // Paid from the unemployment-insurance fund (national practice; the text is silent).
    out.push_back(ev.Finish(amount.value_or(0), Fund::kUnemploymentInsurance));
  }
}

}  // namespace qjy::policy::rules
