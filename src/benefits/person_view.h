// One person's benefits for the person page and 我的失业保险金: the
// 失业保险金 claims with the months paid, the 失业补助金 / 一次性生活补助
// claims with their payments and conditions, and the 转介民政 referrals with
// civil affairs' answer. Reads only; the caller scopes who may see whom.
#ifndef QJY_BENEFITS_PERSON_VIEW_H_
#define QJY_BENEFITS_PERSON_VIEW_H_

#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "store/db.h"

namespace qjy::benefits {

// {"claims": [ClaimJson + "payments": [{month, amount_fen, medical_fen}]],
//  "subsidies": [SubsidyClaimJson + "payments": [{month, amount_fen}]],
//  "referrals": [ReferralJson], "paid_fen": total benefit + subsidies paid}.
// After BenefitStore::Migrate.
Result<nlohmann::json> PersonBenefitsJson(store::Db& db, int64_t person_id);

}  // namespace qjy::benefits

#endif  // QJY_BENEFITS_PERSON_VIEW_H_
