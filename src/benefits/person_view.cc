#include "benefits/person_view.h"

#include "benefits/benefit_store.h"
#include "benefits/civil_referral.h"
#include "benefits/subsidy_store.h"

namespace qjy::benefits {

using store::Value;

Result<nlohmann::json> PersonBenefitsJson(store::Db& db, int64_t person_id) {
  nlohmann::json claims = nlohmann::json::array(), subsidies = nlohmann::json::array();
  int64_t total = 0;
  ClaimFilter f;
  f.person_id = person_id;
  auto list = BenefitStore(db).List(f);
  if (!list) return std::unexpected(list.error());
  for (const auto& c : *list) {
    nlohmann::json j = ClaimJson(c), pays = nlohmann::json::array();
    auto rows = db.Query(
        "SELECT month, amount_fen, medical_fen FROM benefit_payments WHERE county_code = ? AND claim_id = ? ORDER BY month",
        std::vector<Value>{c.county_code, c.claim_id});
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) {
      pays.push_back({{"month", r.Text(0)}, {"amount_fen", r.Int(1)}, {"medical_fen", r.Int(2)}});
      total += r.Int(1);
    }
    j["payments"] = pays;
    claims.push_back(j);
  }
  SubsidyFilter sf;
  sf.person_id = person_id;
  auto slist = SubsidyStore(db).List(sf);
  if (!slist) return std::unexpected(slist.error());
  for (const auto& c : *slist) {
    nlohmann::json j = SubsidyClaimJson(c), pays = nlohmann::json::array();
    auto rows = db.Query(
        "SELECT month, amount_fen FROM living_subsidy_payments WHERE county_code = ? AND claim_id = ? ORDER BY month",
        std::vector<Value>{c.county_code, c.claim_id});
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) {
      pays.push_back({{"month", r.Text(0)}, {"amount_fen", r.Int(1)}});
      total += r.Int(1);
    }
    j["payments"] = pays;
    subsidies.push_back(j);
  }
  nlohmann::json referrals = nlohmann::json::array();
  auto refs = ReferralsOfPerson(db, person_id);
  if (!refs) return std::unexpected(refs.error());
  for (const auto& r : *refs) referrals.push_back(ReferralJson(r));
  return nlohmann::json{{"claims", claims}, {"subsidies", subsidies}, {"referrals", referrals}, {"paid_fen", total}};
}

}  // namespace qjy::benefits
