// Weights of the match score, read from a dated, cited YAML file
// (match/data/weights.yaml). All integer points.
#ifndef QJY_MATCH_WEIGHTS_H_
#define QJY_MATCH_WEIGHTS_H_

#include <cstdint>
#include <string>

#include "core/error.h"

namespace qjy::match {

struct Weights {
  int occ_same = 40, occ_minor = 30, occ_medium = 22, occ_major = 8;
  int skills = 15;
  int place_county = 20, place_prefecture = 12, place_province = 6, place_outbound = 6;
  int wage_meets = 15, wage_near = 7, wage_near_per_mille = 800;
  int work_type = 10;
  int education = 5;
  int fresh_days = 7, fresh = 5, recent_days = 30, recent = 3;

  // Largest score of the non-occupation, non-place components.
  int MaxRest() const;
  // Largest score any pair can get (every component at its best).
  int64_t MaxTotal() const;
};

// Reads `path`; every key is required, every value a non-negative integer.
// Errors (Chinese) name the file and the key.
Result<Weights> LoadWeights(const std::string& path);
// The shipped file (ShippedPath("src/match/data/weights.yaml")).
Result<Weights> LoadDefaultWeights();

}  // namespace qjy::match

#endif  // QJY_MATCH_WEIGHTS_H_
