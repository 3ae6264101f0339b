// Posted monthly pay per occupation: the reference against which pay bait
// ("pay far above the occupation's wage for simple work", issue #17 §3,
// main(十八)) is judged. A plain value built once from samples (the open
// jobs of the match index, src/server/wage_reference_index.h) and then
// only read: ads does not know the match index (one-way layering), the
// server fills this from the index it already holds.
//
// Per code of the 2022 classification and per each of its groups ("6-18-02-04"
// counts for "6-18-02-04", "6-18-02", "6-18" and "6"), the number of jobs
// and of distinct employers, and the median and upper quartile of wage_max
// (monthly fen) with each employer counted once: an employer's value is the
// median of its own jobs there, and the statistics are taken over employers,
// so that one employer posting many jobs (at bait pay, or at a low pay that
// would make honest competitors' ads look like bait) moves the reference
// no more than any other employer. Which
// statistic, how many samples make a reference and how far up the tree the
// screener falls back are parameters of screening.yaml `pay_bait.reference`
// (Screener), not of this type.
//
// Lookup: one hash lookup per code (heterogeneous, no allocation).
// Immutable after Build(); safe to read concurrently.
#ifndef QJY_ADS_WAGE_REFERENCE_H_
#define QJY_ADS_WAGE_REFERENCE_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace qjy::ads {

// One posted job: its occupation code, its monthly wage_max (fen) and its
// employer (unified social credit code). A sample with no employer counts
// as an employer of its own (the server always gives one).
struct WageSample {
  std::string occupation_code;
  int64_t wage_max_fen = 0;
  std::string employer;
};

struct WageStats {
  int count = 0;            // jobs with this code or under it
  int employers = 0;        // distinct employers of those jobs
  int64_t median_fen = 0;   // median over employers of each one's median wage_max
                            // (a median of an even count: mean of the two middle ones)
  int64_t p75_fen = 0;      // upper quartile over employers (nearest rank)
  std::string name;         // the occupation's (or group's) Chinese name; "" when unknown
};

class WageReference {
 public:
  // Samples with an empty code or a wage_max <= 0 (面议, not stated) are
  // skipped. `name` gives the Chinese name of a code (or of its nearest
  // named group); `as_of` is the date the samples describe (the index's
  // "today"), for the caller's caching.
  static WageReference Build(std::span<const WageSample> samples,
                             const std::function<std::string(std::string_view)>& name, std::string as_of);

  // The statistics of exactly this code or group; nullptr when no job has it.
  const WageStats* Find(std::string_view code) const;
  const std::string& as_of() const { return as_of_; }
  size_t sample_count() const { return samples_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, WageStats, Hash, std::equal_to<>> by_code_;
  std::string as_of_;
  size_t samples_ = 0;
};

}  // namespace qjy::ads

#endif  // QJY_ADS_WAGE_REFERENCE_H_
