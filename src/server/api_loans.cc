// Guaranteed start-up loans (issue #16 §3), read-only views (the writes:
// api_loans_write.cc):
//   GET /api/loans?region=&status=  officers: the loans of their region (a
//       region outside it is 403), auditors: the province; first 500, with
//       balance, status in Chinese, counter-guarantee and the subsidy paid,
//       what the fund is owed after compensation; and `candidates`: the
//       approved R14/R15 entitlements of the region with no loan yet (first
//       200), from which an officer opens an application
//   GET /api/me/loans  a seeker's own loans (我的贷款), with the monthly
//       subsidies paid and the loan's history; other roles 403
// No ID numbers or phones are held by loans; borrowers appear by name.
#include "loans/loan_queries.h"
#include "loans/loan_schema.h"
#include "loans/loan_store.h"
#include "server/access.h"
#include "server/api_internal.h"

namespace qjy::server {
namespace {

using nlohmann::json;

// The store's read methods use no parameters.
const policy::ParameterSet& NoParams() {
  static const policy::ParameterSet p;
  return p;
}

json DateJson(const std::optional<Date>& d) { return d ? json(d->ToString()) : json(); }

}  // namespace

json LoanJson(const loans::Loan& l, int64_t subsidy_fen, int64_t subsidy_months) {
  return {{"loan_id", l.loan_id},
          {"loan_no", l.loan_no},
          {"county_code", l.county_code},
          {"kind", l.kind},
          {"kind_name", l.kind == "person" ? "个人创业担保贷款" : "小微企业创业担保贷款"},
          {"borrower", l.borrower},
          {"amount_fen", l.amount_fen},
          {"term_months", l.term_months},
          {"bank", l.bank},
          {"guarantee_fund", l.guarantee_fund},
          {"counter_guarantee_waived", l.counter_guarantee_waived},
          {"counter_guarantee", l.counter_guarantee},
          {"status", l.status},
          {"status_name", loans::StatusName(l.status)},
          {"disbursed_on", DateJson(l.disbursed_on)},
          {"rate_bp", l.rate_bp},
          {"maturity_on", DateJson(l.maturity_on)},
          {"balance_fen", l.balance_fen()},
          {"extended_months", l.extended_months},
          {"overdue_since", DateJson(l.overdue_since)},
          {"compensated_fen", l.compensated_fen},
          {"compensated_on", DateJson(l.compensated_on)},
          {"bank_loss_fen", l.bank_loss_fen},
          {"recovered_fen", l.recovered_fen},
          {"written_off_fen", l.written_off_fen},
          {"receivable_fen", l.receivable_fen()},
          {"applied_on", l.applied_on.ToString()},
          {"subsidy_months", subsidy_months},
          {"subsidy_fen", subsidy_fen}};
}


HttpResponse Api::Loans(Call& c) {
  const auth::Account& a = c.account();
  const bool officer = a.role == auth::Role::kOfficer;
  if (!officer && a.role != auth::Role::kAuditor) return Forbidden();
  std::string region = QueryText(c.query, "region");
  if (region.empty()) region = officer ? a.region_code : "52";
  if (officer && !RegionCovers(a.region_code, region)) {
    Audit(c, "loans.list", "region:" + region, "denied");
    return Forbidden();
  }
  if (auto m = loans::MigrateLoans(*c.db); !m) return StoreError(m.error(), *log_);
  loans::LoanStore store(*c.db, NoParams(), nullptr, clock_);
  loans::LoanFilter f;
  f.region = region;
  f.status = QueryText(c.query, "status");
  f.limit = 500;
  auto ls = store.List(f);
  if (!ls) return StoreError(ls.error(), *log_);
  auto subs = loans::SubsidiesByLoan(*c.db, region);
  if (!subs) return StoreError(subs.error(), *log_);
  json items = json::array();
  for (const auto& l : *ls) {
    auto it = subs->find(l.loan_id);
    const loans::SubsidyTotal sub = it == subs->end() ? loans::SubsidyTotal{} : it->second;
    items.push_back(LoanJson(l, sub.fen, sub.months));
  }
  json candidates = json::array();
  if (officer) {
    auto rows = loans::LoanCandidates(*c.db, region, 200);
    if (!rows) return StoreError(rows.error(), *log_);
    for (const auto& r : *rows) {
      candidates.push_back({{"entitlement_key", r.entitlement_key},
                            {"kind", r.rule == "R14" ? "person" : "firm"},
                            {"title", r.title},
                            {"beneficiary", r.beneficiary},
                            {"amount_fen", r.amount_fen},
                            {"county_code", r.county_code}});
    }
  }
  return JsonOk({{"region", region}, {"items", std::move(items)}, {"candidates", std::move(candidates)}});
}

HttpResponse Api::MyLoans(Call& c) {
  const auth::Account& a = c.account();
  if (a.role != auth::Role::kSeeker) return Forbidden();
  json items = json::array();
  auto person = SeekerPersonId(*c.db, a);
  if (!person) return StoreError(person.error(), *log_);
  if (*person == 0) return JsonOk({{"items", items}});
  const int64_t person_id = *person;
  if (auto m = loans::MigrateLoans(*c.db); !m) return StoreError(m.error(), *log_);
  loans::LoanStore store(*c.db, NoParams(), nullptr, clock_);
  loans::LoanFilter f;
  f.person_id = person_id;
  auto ls = store.List(f);
  if (!ls) return StoreError(ls.error(), *log_);
  for (const auto& l : *ls) {
    auto postings = store.Postings(l);
    if (!postings) return StoreError(postings.error(), *log_);
    auto events = store.Events(l);
    if (!events) return StoreError(events.error(), *log_);
    int64_t fen = 0, months = 0;
    json subsidies = json::array();
    for (const auto& p : *postings) {
      if (p.kind != "subsidy") continue;
      ++months;
      fen += p.amount_fen;
      subsidies.push_back({{"month_no", p.month_no},
                           {"from", p.period_from.ToString()},
                           {"to", p.period_to.ToString()},
                           {"base_fen", p.base_fen},
                           {"amount_fen", p.amount_fen}});
    }
    json history = json::array();
    for (const auto& e : *events) history.push_back({{"event", e.event}, {"on", e.on_date}, {"detail", e.detail}});
    json j = LoanJson(l, fen, months);
    j["subsidies"] = std::move(subsidies);
    j["history"] = std::move(history);
    items.push_back(std::move(j));
  }
  return JsonOk({{"items", std::move(items)}});
}

}  // namespace qjy::server
