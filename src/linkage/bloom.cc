#include "linkage/bloom.h"

#include <sodium.h>

#include <bit>
#include <cstring>
#include <string>
#include <thread>

#include "core/pinyin.h"
#include "linkage/person_compare.h"

namespace qjy::linkage {
namespace {

constexpr int kHashes = 10;
constexpr int kWords[kBloomFieldCount] = {8, 8, 4, 4, 2};

uint64_t Keyed(const BloomSecret& secret, std::string_view data) {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  uint64_t out = 0;
  crypto_shorthash(reinterpret_cast<unsigned char*>(&out), reinterpret_cast<const unsigned char*>(data.data()),
                   data.size(), secret.data());
  return out;
}

uint64_t SplitMix(uint64_t& s) {
  uint64_t z = (s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Encoder {
 public:
  Encoder(const BloomSecret& secret, BloomField field, uint64_t* bits)
      : secret_(secret), field_(field), bits_(bits), nbits_(static_cast<uint64_t>(kWords[field]) * 64) {}
  // Adds a token: field tag + kind byte + payload.
  void Add(char kind, std::string_view payload) {
    char buf[64];
    buf[0] = static_cast<char>('A' + field_);
    buf[1] = kind;
    const size_t n = std::min(payload.size(), sizeof buf - 2);
    std::memcpy(buf + 2, payload.data(), n);
    uint64_t seed = Keyed(secret_, std::string_view(buf, n + 2));
    for (int i = 0; i < kHashes; ++i) {
      const uint64_t pos = SplitMix(seed) % nbits_;
      bits_[pos / 64] |= uint64_t{1} << (pos % 64);
    }
  }
  void AddDigits(std::string_view digits) {  // positional digits
    for (size_t i = 0; i < digits.size(); ++i) {
      const char t[2] = {static_cast<char>('a' + i), digits[i]};
      Add('d', std::string_view(t, 2));
    }
  }

 private:
  const BloomSecret& secret_;
  BloomField field_;
  uint64_t* bits_;
  uint64_t nbits_;
};

void EncodeRow(const PersonTable& t, size_t i, const BloomSecret& secret, BloomTable& out) {
  auto row = [&](BloomField f) { return out.bits[f].data() + i * static_cast<size_t>(kWords[f]); };
  const NameCode& n = t.name[i];
  if (n.length > 0) {
    Encoder e(secret, kBloomName, row(kBloomName));
    for (int k = 0; k < n.length; ++k) {
      const std::string_view syl = PinyinSyllableText(n.syllables[static_cast<size_t>(k)]);
      e.Add('s', syl);  // syllable (homophones agree)
      char cp[4];
      std::memcpy(cp, &n.chars[static_cast<size_t>(k)], 4);
      e.Add('c', std::string_view(cp, 4));  // character
      if (k + 1 < n.length) {
        const std::string bigram =
            std::string(syl) + "|" + std::string(PinyinSyllableText(n.syllables[static_cast<size_t>(k) + 1]));
        e.Add('b', bigram);  // order
      }
    }
    e.Add('f', PinyinSyllableText(n.syllables[0]));  // the surname's place
  }
  if (t.id[i][0] != 0) Encoder(secret, kBloomId, row(kBloomId)).AddDigits(std::string_view(t.id[i].data(), 18));
  if (t.birth[i] != 0) {
    Encoder(secret, kBloomBirth, row(kBloomBirth)).AddDigits(std::to_string(t.birth[i]));
  }
  if (t.phone[i] != 0) Encoder(secret, kBloomPhone, row(kBloomPhone)).AddDigits(std::to_string(t.phone[i]));
  if (t.division[i] != 0) {
    Encoder e(secret, kBloomDivision, row(kBloomDivision));
    const std::string d = std::to_string(t.division[i]);
    e.Add('p', d.substr(0, 2));
    e.Add('f', d.substr(0, 4));
    if (t.division[i] % 100 != 0) e.Add('c', d);
  }
  for (int f = 0; f < kBloomFieldCount; ++f) {
    int ones = 0;
    for (int w = 0; w < kWords[f]; ++w) ones += std::popcount(row(static_cast<BloomField>(f))[w]);
    out.ones[f][i] = static_cast<uint16_t>(ones);
  }
  if (t.sex[i] != 0) out.sex[i] = Keyed(secret, t.sex[i] == 1 ? "sex:1" : "sex:2") | 1;
  // Blocking keys: keyed hashes of the plain rules' values.
  auto key = [&](std::string_view material) { return Keyed(secret, material) | 1; };
  if (t.id[i][0] != 0) out.block[0][i] = key("id:" + std::string(t.id[i].data(), 18));
  if (n.length > 0) {
    if (const uint32_t b = t.EffectiveBirth(i); b != 0) {
      out.block[1][i] = key("bs:" + std::to_string(b) + std::string(PinyinSyllableText(n.syllables[0])));
    }
  }
  if (t.phone[i] != 0) out.block[2][i] = key("ph:" + std::to_string(t.phone[i]));
  if (n.length > 0 && t.division[i] != 0) {
    std::string m = "np:" + std::to_string(t.division[i] / 100);
    for (int k = 0; k < n.length; ++k) m += "|" + std::string(PinyinSyllableText(n.syllables[static_cast<size_t>(k)]));
    out.block[3][i] = key(m);
  }
}

class DiceBands final : public Comparison {
 public:
  DiceBands(std::string name, BloomField f, const BloomTable& l, const BloomTable& r,
            std::array<double, 3> bands = {0.7, 0.85, 0.95})
      : name_(std::move(name)), f_(f), l_(l), r_(r), bands_(bands) {}
  std::string name() const override { return name_; }
  int levels() const override { return 6; }
  int Level(uint32_t a, uint32_t b) const override {
    const int oa = l_.ones[f_][a], ob = r_.ones[f_][b];
    if (oa == 0 || ob == 0) return 0;
    const uint64_t* x = l_.Row(f_, a);
    const uint64_t* y = r_.Row(f_, b);
    const int w = kWords[f_];
    if (oa == ob && std::memcmp(x, y, static_cast<size_t>(w) * 8) == 0) return 5;
    const double d = Dice(x, y, w, oa, ob);
    return d >= bands_[2] ? 4 : d >= bands_[1] ? 3 : d >= bands_[0] ? 2 : 1;
  }
  std::string LevelLabel(int level) const override {
    if (level == 0) return "missing";
    if (level == 5) return "identical";
    if (level == 1) return "dice<" + std::to_string(bands_[0]).substr(0, 4);
    return "dice>=" + std::to_string(bands_[static_cast<size_t>(level) - 2]).substr(0, 4);
  }

 private:
  std::string name_;
  BloomField f_;
  const BloomTable& l_;
  const BloomTable& r_;
  std::array<double, 3> bands_;
};

class KeyedEqual final : public Comparison {
 public:
  KeyedEqual(const BloomTable& l, const BloomTable& r) : l_(l), r_(r) {}
  std::string name() const override { return "sex"; }
  int levels() const override { return 3; }
  int Level(uint32_t a, uint32_t b) const override {
    if (l_.sex[a] == 0 || r_.sex[b] == 0) return 0;
    return l_.sex[a] == r_.sex[b] ? 2 : 1;
  }

 private:
  const BloomTable& l_;
  const BloomTable& r_;
};

}  // namespace

int BloomTable::Words(BloomField f) { return kWords[f]; }

uint64_t KeyedHash(const BloomSecret& secret, std::string_view data) { return Keyed(secret, data); }

double Dice(const uint64_t* a, const uint64_t* b, int words, int ones_a, int ones_b) {
  int both = 0;
  for (int w = 0; w < words; ++w) both += std::popcount(a[w] & b[w]);
  return ones_a + ones_b == 0 ? 0.0 : 2.0 * both / (ones_a + ones_b);
}

BloomTable EncodeBloom(const PersonTable& table, const BloomSecret& secret, int threads) {
  BloomTable out;
  const size_t n = table.size();
  for (int f = 0; f < kBloomFieldCount; ++f) {
    out.bits[f].assign(n * static_cast<size_t>(kWords[f]), 0);
    out.ones[f].assign(n, 0);
  }
  out.sex.assign(n, 0);
  for (auto& b : out.block) b.assign(n, 0);
  threads = std::max(1, threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      const size_t lo = n * static_cast<size_t>(t) / static_cast<size_t>(threads);
      const size_t hi = n * static_cast<size_t>(t + 1) / static_cast<size_t>(threads);
      for (size_t i = lo; i < hi; ++i) EncodeRow(table, i, secret, out);
    });
  }
  for (auto& th : pool) th.join();
  return out;
}

BloomLinkSpec::BloomLinkSpec(const BloomTable& left, const BloomTable& right) : left_(left), right_(right) {
  comparisons_.push_back(std::make_unique<DiceBands>("name", kBloomName, left, right));
  // 18 positional digits: one typo leaves 17/18 (0.94), an adjacent swap
  // 16/18 (0.89); another person of the same county and birthday shares
  // 14/18 (0.78), which must stay "different".
  comparisons_.push_back(
      std::make_unique<DiceBands>("id_number", kBloomId, left, right, std::array<double, 3>{0.84, 0.87, 0.93}));
  comparisons_.push_back(std::make_unique<DiceBands>("birth_date", kBloomBirth, left, right));
  comparisons_.push_back(std::make_unique<DiceBands>("division", kBloomDivision, left, right));
  comparisons_.push_back(std::make_unique<DiceBands>("phone", kBloomPhone, left, right));
  comparisons_.push_back(std::make_unique<KeyedEqual>(left, right));
}

std::vector<const Comparison*> BloomLinkSpec::comparisons() const {
  std::vector<const Comparison*> out;
  for (const auto& c : comparisons_) out.push_back(c.get());
  return out;
}

std::vector<BlockingRule> BloomLinkSpec::Rules() const {
  std::vector<BlockingRule> rules(4);
  rules[0] = {"id_number", left_.block[0], right_.block[0], {kIdNumber, kBirth}};
  rules[1] = {"birth+surname", left_.block[1], right_.block[1], {kBirth, kName}};
  rules[2] = {"phone", left_.block[2], right_.block[2], {kPhone}};
  rules[3] = {"name+prefecture", left_.block[3], right_.block[3], {kName, kDivision}};
  return rules;
}

}  // namespace qjy::linkage
