// Screening of job ads for employment discrimination (main(十八), A1(十九)
// of 黔府发〔2023〕12号) with the patterns of src/ads/data/screening.yaml:
// eight categories (sex, age, school tier, ethnicity, household registration
// or origin, marital/childbearing status, health, appearance), each with
// ICU regular expressions, neutral expressions that cancel a hit they
// contain, the clause breached and a suggested neutral wording.
//
// Immutable after loading; Screen() is safe to call concurrently (each
// call makes its own matchers).
#ifndef QJY_ADS_SCREENER_H_
#define QJY_ADS_SCREENER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ads/ad.h"
#include "core/error.h"

namespace qjy::ads {

// Directory of the ads data files: $QJY_ADS_DATA or src/ads/data.
std::string AdsDataDir();

class Screener {
 public:
  // kInvalidArgument (Chinese, naming `source` and the rule) for a malformed
  // file or a pattern ICU does not compile.
  static Result<Screener> Parse(std::string_view yaml_text, std::string_view source);
  static Result<Screener> Load(const std::string& path);
  static Result<Screener> LoadDefault();  // AdsDataDir()/screening.yaml

  // Every finding of the ad: structured requirements first, then the title
  // and the free text. At most one finding per (category, field, matched
  // text). Empty = the ad is clean.
  std::vector<Finding> Screen(const JobAd& ad) const;
  // The findings of one piece of text (`field` names it in Chinese).
  std::vector<Finding> ScreenText(std::string_view field, std::string_view text) const;

  // The warning to the employer for these findings (the file's template,
  // with the categories and clauses filled in). Empty for no findings.
  std::string Warning(const std::vector<Finding>& findings) const;

  // The document and categories (for the review page).
  const std::string& document() const;
  std::vector<std::string> CategoryCodes() const;

 private:
  struct Data;
  explicit Screener(std::shared_ptr<const Data> d) : d_(std::move(d)) {}
  std::shared_ptr<const Data> d_;
};

}  // namespace qjy::ads

#endif  // QJY_ADS_SCREENER_H_
