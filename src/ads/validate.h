// Validation of a job ad before screening: the registry's job rules
// (registry/validate.h: title, credit code, occupation code form, headcount
// ≥ 1, wage range not upside down, place, dates), the occupation code known
// to the 2022 classification, the structured requirements (ages in range)
// and a size limit on the text, so that a 1 MB ad is refused before any
// pattern runs. Pure; safe to call concurrently.
#ifndef QJY_ADS_VALIDATE_H_
#define QJY_ADS_VALIDATE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "ads/ad.h"
#include "core/error.h"
#include "registry/validate.h"

namespace qjy::ads {

// Largest title + free text accepted, in bytes of UTF-8.
inline constexpr size_t kMaxAdTextBytes = 8000;

// Whether an occupation code belongs to the classification.
using OccupationKnown = std::function<bool(std::string_view code)>;

// The codes of a classification file (first CSV column; '#' lines and a
// "code" header skipped), e.g. the major and medium groups of the 2022
// classification. A code is known when it or its medium group ("6-18" of
// "6-18-02-04") is listed: the detailed groups are an administrator's file.
class OccupationList {
 public:
  static Result<OccupationList> Load(const std::string& path);
  static OccupationList FromCodes(std::unordered_set<std::string> codes);
  bool Known(std::string_view code) const;
  size_t size() const { return codes_.size(); }

 private:
  std::unordered_set<std::string> codes_;
};

// Appends the ad's problems (Chinese field names and reasons) and returns
// true when there are none.
bool ValidateAd(const JobAd& ad, const registry::ValidationContext& ctx,
                const OccupationKnown& occupation_known, registry::FieldErrors& out);

// A contact phone of an ad: a mobile (1 + 10 digits) or a landline (0, a
// 2–3 digit area code, an optional hyphen, 7–8 digits).
bool ContactPhoneValid(std::string_view phone);

// "字段「值」：原因；…" for an error message.
std::string JoinFieldErrors(const registry::FieldErrors& errors);

}  // namespace qjy::ads

#endif  // QJY_ADS_VALIDATE_H_
