// Privacy-preserving linkage: both sides encode each field of a person as a
// keyed Bloom filter (field-level cryptographic long-term keys after
// Schnell, Bachteler & Reiher 2009) with a secret they share and the
// linkage unit does not hold; linking then runs on the encodings only
// (Dice-coefficient bands in the same Fellegi–Sunter engine), and blocking
// on keyed hashes of the blocking values.
//
// Encoding of a token (a pinyin syllable, a syllable bigram, a character, a
// positional digit of the ID, birth date or phone, a division prefix): the
// field's tag and the token are hashed with SipHash-2-4 under the secret,
// and that 64-bit value seeds the k bit positions (SplitMix64 expansion):
// without the secret nobody can compute which bits a value sets.
//
// Known attacks on Bloom-filter encodings, and what this does about them:
//  - dictionary attack (encode every common name, compare): needs the
//    secret; keyed hashing stops it while the secret stays with the two
//    parties;
//  - attacks on double hashing (Niedermeyer et al. 2014 recovered names
//    from CLKs built with h1 + i·h2): positions here come from one keyed
//    value per token, not from two public hashes;
//  - frequency / pattern-mining attacks (Kuzu et al. 2011, Christen et al.
//    2017–2018: frequent bit patterns align with frequent q-grams) and
//    graph-matching attacks (Culnane, Rubinstein & Teague 2017; Vidanage et
//    al. 2020): keying does not stop them. Field-level filters of
//    low-entropy fields (division: ~100 counties; sex is not encoded as a
//    filter at all, only as a keyed hash) are as revealing as the value's
//    frequency. Parameters against them: one filter per field with a fill
//    of roughly a third (name 512 bits, ID 512, birth and phone 256,
//    division 128; k = 10), tokens tagged by field so equal tokens of
//    different fields set unrelated bits, and the encodings are exchanged
//    only with the linkage unit, never published. Keyed blocking hashes
//    reveal which records share a blocking value (as any private blocking
//    does). Not done: salting, balancing or XOR-folding of filters, which
//    further blunt pattern mining at some cost in accuracy.
//  - The secret must be rotated per exchange; an encoding under one secret
//    links to nothing under another (tested).
#ifndef QJY_LINKAGE_BLOOM_H_
#define QJY_LINKAGE_BLOOM_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "linkage/comparison.h"
#include "linkage/engine.h"
#include "linkage/person_table.h"

namespace qjy::linkage {

using BloomSecret = std::array<uint8_t, 16>;  // SipHash key

enum BloomField { kBloomName, kBloomId, kBloomBirth, kBloomPhone, kBloomDivision, kBloomFieldCount };

// One side's encodings, columnar: per field `words(f)` 64-bit words per
// row; plus a keyed hash of sex and the four blocking keys.
class BloomTable {
 public:
  static int Words(BloomField f);  // 8, 8, 4, 4, 2
  size_t size() const { return sex.size(); }
  const uint64_t* Row(BloomField f, size_t row) const {
    return bits[f].data() + row * static_cast<size_t>(Words(f));
  }
  std::array<std::vector<uint64_t>, kBloomFieldCount> bits;
  std::array<std::vector<uint16_t>, kBloomFieldCount> ones;  // popcount per row (0 = missing)
  std::vector<uint64_t> sex;                                  // keyed hash, 0 = missing
  std::array<std::vector<uint64_t>, 4> block;                 // keyed blocking keys, 0 = none
};

// SipHash-2-4 of `data` under the secret (what seeds a token's bit
// positions and the blocking hashes).
uint64_t KeyedHash(const BloomSecret& secret, std::string_view data);

// Encodes a normalised table with `threads` threads. What leaves a party.
BloomTable EncodeBloom(const PersonTable& table, const BloomSecret& secret, int threads = 2);

// Dice coefficient of two filters of `words` words.
double Dice(const uint64_t* a, const uint64_t* b, int words, int ones_a, int ones_b);

// Comparisons (Dice bands: <0.7, >=0.7, >=0.85, >=0.95, identical; the ID
// <0.84, >=0.84, >=0.87, >=0.93, identical; missing when either filter is
// empty) and blocking rules for left × right
// encodings, in the order of PersonLinkSpec (name, id, birth, division,
// phone, sex) so a model's shape is the same kind.
class BloomLinkSpec {
 public:
  BloomLinkSpec(const BloomTable& left, const BloomTable& right);
  std::vector<const Comparison*> comparisons() const;
  std::vector<BlockingRule> Rules() const;

 private:
  const BloomTable& left_;
  const BloomTable& right_;
  std::vector<std::unique_ptr<Comparison>> comparisons_;
};

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_BLOOM_H_
