#include "gen/rng.h"

#include <algorithm>

namespace qjy::gen {

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Rng::Rng(uint64_t seed) {
  uint64_t sm = seed;
  for (auto& s : s_) s = SplitMix64(sm);
}

Rng Rng::ForRecord(uint64_t seed, uint64_t stream, uint64_t index) {
  uint64_t sm = seed ^ 0x6A09E667F3BCC908ULL;
  uint64_t a = SplitMix64(sm) ^ (stream * 0xD1B54A32D192ED03ULL);
  uint64_t b = SplitMix64(a) ^ index;
  return Rng(SplitMix64(b));
}

uint64_t Rng::Next() {
  auto rotl = [](uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

uint64_t Rng::Below(uint64_t n) {
  unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(Next()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

int64_t Rng::Between(int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
}

bool Rng::Chance(double p) {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return static_cast<double>(Next() >> 32) < p * 4294967296.0;
}

WeightedPicker::WeightedPicker(std::span<const uint64_t> weights) {
  cumulative_.reserve(weights.size());
  uint64_t sum = 0;
  for (uint64_t w : weights) cumulative_.push_back(sum += w);
}

size_t WeightedPicker::Pick(Rng& rng) const {
  const uint64_t r = rng.Below(total());
  return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) -
                             cumulative_.begin());
}

}  // namespace qjy::gen
