// JSON forms of ads and findings, shared by the store (job_ads.ad_json)
// and the API. Money in fen, dates ISO. Pure.
#ifndef QJY_ADS_AD_JSON_H_
#define QJY_ADS_AD_JSON_H_

#include <vector>

#include <nlohmann/json.hpp>

#include "ads/ad.h"
#include "core/error.h"

namespace qjy::ads {

nlohmann::json AdToJson(const JobAd& ad);
// Reads the fields of AdToJson (the API's POST /api/jobs body). Missing
// optional fields take their defaults; a wrong type or an unparseable date,
// job type or education is kInvalidArgument naming the field in Chinese.
// `open_on` defaults to `today`.
Result<JobAd> AdFromJson(const nlohmann::json& j, Date today);

nlohmann::json FindingsToJson(const std::vector<Finding>& findings);
std::vector<Finding> FindingsFromJson(const nlohmann::json& j);

}  // namespace qjy::ads

#endif  // QJY_ADS_AD_JSON_H_
