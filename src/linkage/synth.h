// A synthetic Chinese linkage test set with known truth: a left file of
// persons and a right file holding corrupted copies of some of them plus
// persons of its own, shuffled. Names come from the project generator's
// tables (src/gen/data/surnames.csv, given_chars.csv); corruptions are the
// ones partner files show: a homophone typed for a character (same pinyin),
// two given-name characters transposed, one dropped, a character replaced;
// an ID digit mistyped or two adjacent digits swapped, the 15-digit first
// generation form; day and month swapped, a wrong day or year; a different
// county of the same prefecture; a changed or mistyped phone; missing
// fields. The rates are assumptions of this test set (SynthOptions), not
// measurements of any partner's data.
//
// Deterministic for a given random stream (the caller injects it).
#ifndef QJY_LINKAGE_SYNTH_H_
#define QJY_LINKAGE_SYNTH_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "linkage/person_table.h"

namespace qjy::linkage {

// xoshiro256** seeded through SplitMix64.
class SynthRng {
 public:
  explicit SynthRng(uint64_t seed);
  uint64_t Next();
  uint64_t Below(uint64_t n);  // [0, n), n > 0
  bool Chance(double p);

 private:
  uint64_t s_[4];
};

struct SynthOptions {
  size_t left = 20'000;
  size_t right = 20'000;
  double overlap = 0.5;  // share of right rows that are copies of left rows
  // Corruption rates of a copy (assumed).
  double name_homophone = 0.08, name_transpose = 0.03, name_drop = 0.03, name_replace = 0.02,
         name_missing = 0.02;
  double id_missing = 0.10, id_digit = 0.04, id_swap = 0.02, id_15 = 0.05;
  double birth_missing = 0.08, birth_swap = 0.04, birth_wrong = 0.02;
  double sex_missing = 0.03;
  double division_moved = 0.10, division_missing = 0.05;
  double phone_missing = 0.25, phone_changed = 0.10, phone_typo = 0.02;
  // Missing on the left (the registry side).
  double left_phone_missing = 0.15, left_id_missing = 0.02;
};

struct SynthData {
  std::vector<PersonFields> left, right;
  std::vector<std::pair<uint32_t, uint32_t>> truth;  // (left row, right row), sorted
};

// kIo / kInvalidArgument when the generator's tables cannot be read from
// `gen_data_dir`.
Result<SynthData> Synthesize(const SynthOptions& options, const std::string& gen_data_dir,
                             SynthRng& rng);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_SYNTH_H_
