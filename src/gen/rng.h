// The generator's random source: xoshiro256** seeded through SplitMix64,
// with its own integer distributions so the same seed gives the same data
// with every standard library (std::uniform_int_distribution and friends
// are implementation-defined). No std::random_device anywhere: the seed is
// always given by the caller.
//
// Records are generated from a stream derived from (seed, stream id, record
// index), so a record does not depend on batch sizes or on other records.
//
// Not thread-safe; cheap to create (one per record).
#ifndef QJY_GEN_RNG_H_
#define QJY_GEN_RNG_H_

#include <cstdint>
#include <span>
#include <vector>

namespace qjy::gen {

// SplitMix64 step: a good 64-bit mixer, used for seeding.
uint64_t SplitMix64(uint64_t& state);

class Rng {
 public:
  explicit Rng(uint64_t seed);
  // The stream for record `index` of kind `stream` under `seed`.
  static Rng ForRecord(uint64_t seed, uint64_t stream, uint64_t index);

  uint64_t Next();
  // Uniform in [0, n); n > 0. Lemire's multiply-shift with rejection: unbiased.
  uint64_t Below(uint64_t n);
  // Uniform in [lo, hi] (inclusive); lo <= hi.
  int64_t Between(int64_t lo, int64_t hi);
  // True with probability per_million / 1,000,000.
  bool PerMillion(uint32_t per_million) { return Below(1'000'000) < per_million; }
  // True with probability p (0..1), resolution 2^-32.
  bool Chance(double p);

 private:
  uint64_t s_[4];
};

// Picks an index with probability proportional to integer weights.
// Deterministic: a cumulative table and a binary search.
class WeightedPicker {
 public:
  WeightedPicker() = default;
  explicit WeightedPicker(std::span<const uint64_t> weights);
  // Index in [0, size()); requires total() > 0.
  size_t Pick(Rng& rng) const;
  size_t size() const { return cumulative_.size(); }
  uint64_t total() const { return cumulative_.empty() ? 0 : cumulative_.back(); }

 private:
  std::vector<uint64_t> cumulative_;
};

}  // namespace qjy::gen

#endif  // QJY_GEN_RNG_H_
