// Screening of job ads for employment discrimination and for fraudulent or
// deceptive recruitment (main(十八), A1(十九) of 黔府发〔2023〕12号) with the
// patterns of src/ads/data/screening.yaml: discrimination categories (sex,
// age, school tier, ethnicity, household registration or origin,
// marital/childbearing status, health, appearance) and fraud categories
// (fees or deposits, identity documents kept, 刷单/typing-at-home schemes,
// pay for recruiting others, pay bait), each with ICU regular expressions,
// neutral expressions that cancel a hit they contain, the clause breached
// and a suggested wording. Word lists per category (`lexicons`) are data
// referenced as {name} in patterns; a rule may be structural (`all: [A, B]`
// within a number of characters in one sentence). The text is normalised
// first (normalise.h: full-width, Chinese numerals, zero-width characters);
// a finding quotes the words as written. Pay bait is also structural: simple work (a
// pattern of the file) paid above an assumed monthly or daily ceiling.
//
// Cost: per piece of text one pass of a literal prefilter
// (literal_prefilter.h: every rule and neutral expression requires one of a
// few literals, found by analysing the pattern); only the patterns whose
// literals occur are run, so the findings are exactly those of running
// every pattern. bench/ads_bench.cc measures it (`--per-pattern` lists
// what each pattern costs).
//
// Immutable after loading; Screen() is safe to call concurrently (each
// call makes its own matchers).
#ifndef QJY_ADS_SCREENER_H_
#define QJY_ADS_SCREENER_H_

#include <cstdint>
#include <memory>
#include <optional>
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
  // file or a pattern ICU does not compile. `prefilter` false runs every
  // pattern on every text (the same findings, slower: for tests).
  static Result<Screener> Parse(std::string_view yaml_text, std::string_view source,
                                bool prefilter = true);
  static Result<Screener> Load(const std::string& path);
  static Result<Screener> LoadDefault();  // AdsDataDir()/screening.yaml

  // Every finding of the ad: structured requirements first, then the title
  // and the free text. At most one finding per (category, field, matched
  // text), and none whose text overlaps an earlier finding of its category
  // in the same field. Empty = the ad is clean.
  std::vector<Finding> Screen(const JobAd& ad) const;
  // The findings of one piece of text (`field` names it in Chinese).
  std::vector<Finding> ScreenText(std::string_view field, std::string_view text) const;
  // A gig post: its title (field 零工名称) and its pay for the day (fen)
  // against the ceiling for simple work.
  std::vector<Finding> ScreenGig(std::string_view title, int64_t day_pay_fen) const;

  // The warning to the employer for these findings: the file's template of
  // each kind present (discrimination, then fraud), with the categories
  // filled in, then the file's `held_note` once. Empty for no findings.
  std::string Warning(const std::vector<Finding>& findings) const;
  static bool HasFraud(const std::vector<Finding>& findings);

  // The document and categories (for the review page).
  const std::string& document() const;
  // Held ads (pending or rejected) that put an employer on the inspection
  // list (`inspection.min_held_ads`, an assumed parameter).
  int inspection_min_held() const;
  std::vector<std::string> CategoryCodes() const;
  // Every pattern as compiled (lexicons expanded, `all` rules written out),
  // for the naive baseline of bench/ads_bench.cc.
  const std::vector<std::string>& PatternTexts() const;

 private:
  struct Data;
  std::optional<Finding> PayBait(std::string_view text, int64_t pay_fen, int64_t max_fen,
                                 std::string_view field) const;
  explicit Screener(std::shared_ptr<const Data> d) : d_(std::move(d)) {}
  std::shared_ptr<const Data> d_;
};

}  // namespace qjy::ads

#endif  // QJY_ADS_SCREENER_H_
