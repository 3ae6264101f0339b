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
// pattern of the file) paid far above its occupation's posted wage
// (wage_reference.h: the median of the open jobs of that occupation, or of
// its group when it has too few, times a multiplier of the file), or above
// an assumed flat monthly or daily ceiling when no reference is known.
//
// Lawful requirements (`lawful_requirements` of the file): a requirement a
// law or the document itself sets for a kind of recruitment — the age range
// of civil-service recruitment, the age and sex of conscription, the persons
// a public-welfare post is for — is not a finding inside an ad of that kind
// (its `when` expression in the ad's title, or in the first line of the
// free text of an ad without a title, or in its first two lines when the
// first only names the public body issuing a notice ("XX县人力资源和社会保障局");
// for ScreenText, in the text itself): the words of the requirement (`allows`) cancel the hits of the
// listed categories made only of them and the punctuation between
// ("男性青年，年龄18至22周岁"). Only the values the basis sets
// ("18周岁以上、35周岁以下" in a civil-service ad is lawful, "30周岁以下" is
// still a finding), and only in the free text (a structured age limit is
// judged as in any ad).
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
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ads/ad.h"
#include "ads/wage_reference.h"
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
  // `wages` (may be null): posted pay per occupation; the ad's pay is judged
  // against its occupation's reference (`pay_bait.reference`), falling back
  // to broader groups and then to the flat ceiling, and the finding says
  // which was used. Null = the flat ceiling.
  std::vector<Finding> Screen(const JobAd& ad, const WageReference* wages = nullptr) const;
  // The findings of one piece of text (`field` names it in Chinese); a
  // lawful requirement applies when the text itself is of its kind.
  std::vector<Finding> ScreenText(std::string_view field, std::string_view text) const;
  // A gig post: its title (field 零工名称) and its pay for the day (fen)
  // against the flat daily ceiling for simple work (a gig post names no
  // occupation, so no occupation reference applies).
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
  struct PayLimit;
  struct Prepared;  // a text normalised, with the prefilter's literals found
  // Which lawful requirements apply (per entry of Data::lawful, 1 = its kind
  // of recruitment is named in one of `texts`).
  std::vector<char> LawfulKinds(std::initializer_list<const Prepared*> texts) const;
  std::vector<Finding> ScreenPrepared(std::string_view field, const Prepared& p,
                                      const std::vector<char>& lawful) const;
  PayLimit MonthlyLimit(std::string_view occupation_code, const WageReference* wages) const;
  std::optional<Finding> PayBait(std::string_view text, int64_t pay_fen, const PayLimit& limit,
                                 std::string_view field, std::string_view pay_label) const;
  explicit Screener(std::shared_ptr<const Data> d) : d_(std::move(d)) {}
  std::shared_ptr<const Data> d_;
};

}  // namespace qjy::ads

#endif  // QJY_ADS_SCREENER_H_
