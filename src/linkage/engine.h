// Fellegi–Sunter record linkage of a left and a right table (the model of
// Splink and fastLink), on integer-coded columnar records.
//
// The caller supplies
//  - comparisons (comparison.h): for a pair (left row a, right row b) a
//    level in [0, levels()), 0 meaning "missing on either side" (neutral:
//    weight 0), 1 the weakest agreement (disagreement), levels()-1 the best;
//  - blocking rules: one 64-bit key per row on each side (0 = no key, never
//    pairs). Candidate pairs are the union over rules of pairs with equal
//    keys, each pair produced once (a pair is skipped under rule r when it
//    already agrees on an earlier rule's key).
//
// Fitting, without labels:
//  1. u (the level frequencies among non-matches) from `u_sample_pairs`
//     random pairs, as Splink does;
//  2. m (the level frequencies among matches) by EM on the pairs of each
//     blocking rule, u held fixed and the comparisons the rule conditions on
//     left out of that session; a comparison's m is the mean over the
//     sessions that estimated it;
//  3. λ (the share of matches among candidate pairs) by EM with m, u fixed.
// The match weight of a pair is log2(λ/(1-λ)) + Σ log2(m/u) over its levels;
// its probability 2^w/(1+2^w). Estimated m is floored at 1e-4; a level
// never seen among random pairs nor trained matches weighs 0. Pairs at or above `match_probability` are
// links, those in [review_probability, match_probability) go to clerical
// review. With `one_to_one`, a row links to at most one row of the other
// side (greedy by weight, ties by row numbers).
//
// Levels of a pair are combined into one pattern number (mixed radix); EM
// runs on pattern counts, so its cost does not grow with the pair count.
// Candidate generation and comparison run on `threads` threads over fixed
// ranges of left rows; results do not depend on the thread count.
#ifndef QJY_LINKAGE_ENGINE_H_
#define QJY_LINKAGE_ENGINE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "linkage/comparison.h"

namespace qjy::linkage {

struct BlockingRule {
  std::string name;
  std::vector<uint64_t> left_keys, right_keys;  // one per row; 0 = no key
  // Indexes of the comparisons this rule conditions on (left out when m is
  // trained on this rule's pairs).
  std::vector<int> comparisons;
};

struct LevelParams {
  std::vector<double> m, u, weight;  // per level; level 0 (missing): 1, 1, 0
};

struct Model {
  double lambda = 0;                 // among candidate pairs
  std::vector<LevelParams> fields;   // per comparison
  int em_iterations = 0;             // summed over sessions
};

struct LinkOptions {
  int threads = 2;
  uint64_t seed = 20261203;
  uint64_t u_sample_pairs = 2'000'000;
  int max_em_iterations = 100;
  double em_tolerance = 1e-7;
  double match_probability = 0.9;
  double review_probability = 0.5;
  bool one_to_one = true;
  // A larger candidate set is an error (a blocking rule too loose).
  uint64_t max_candidate_pairs = 300'000'000;
  // When false, m keeps its initial values (no EM): the naive baseline.
  bool train_m = true;
  // A model fitted before (incremental linking of a small batch against
  // what is already linked): its m and u are used as they are, no random
  // pairs are drawn, no m is trained and its λ is kept (a batch of a few
  // records is too small to estimate any of them). Must have one entry per comparison with matching levels.
  const Model* model = nullptr;
  // Deduplication within one file: left and right are the same table
  // (left_rows == right_rows, each rule's left and right keys equal). Only
  // pairs left < right are candidates (no self-pairs, each unordered pair
  // once), random pairs for u never pair a row with itself, and
  // `one_to_one` is ignored (a person may have several duplicates; see
  // ClusterRows in dedup.h).
  bool dedup = false;
};

struct ScoredPair {
  uint32_t left = 0, right = 0;
  float weight = 0;       // match weight (bits)
  float probability = 0;
};

struct LinkStats {
  uint64_t candidate_pairs = 0;
  uint64_t rule_pairs = 0;        // summed over rules before deduplication
  uint64_t distinct_patterns = 0;
  double seconds_u = 0, seconds_pairs = 0, seconds_em = 0, seconds_score = 0;
};

struct LinkResult {
  Model model;
  std::vector<ScoredPair> links;   // ordered by left, right
  std::vector<ScoredPair> review;  // ordered by left, right
  LinkStats stats;
};

// Links `left_rows` × `right_rows` rows. kInvalidArgument for inconsistent
// inputs (key vectors of the wrong length, too many levels), kOutOfRange
// when the candidate set exceeds max_candidate_pairs.
Result<LinkResult> Link(size_t left_rows, size_t right_rows,
                        std::span<const Comparison* const> comparisons,
                        std::span<const BlockingRule> rules, const LinkOptions& options);

// Precision, recall and F1 of `links` against true pairs (sorted unique).
struct Accuracy {
  uint64_t true_positives = 0, predicted = 0, actual = 0;
  double precision = 0, recall = 0, f1 = 0;
};
Accuracy Score(std::span<const ScoredPair> links,
               std::span<const std::pair<uint32_t, uint32_t>> truth);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_ENGINE_H_
