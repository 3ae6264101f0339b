#include "linkage/person_compare.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "linkage/blocking.h"

namespace qjy::linkage {
namespace {

// Optimal string alignment distance between two syllable sequences (<= 4
// long), capped at 2.
int SyllableDistance(const NameCode& a, const NameCode& b) {
  const int n = a.length, m = b.length;
  if (n - m > 1 || m - n > 1) return 2;
  int d[5][5];
  for (int i = 0; i <= n; ++i) d[i][0] = i;
  for (int j = 0; j <= m; ++j) d[0][j] = j;
  for (int i = 1; i <= n; ++i) {
    for (int j = 1; j <= m; ++j) {
      const int cost = a.syllables[i - 1] == b.syllables[j - 1] ? 0 : 1;
      int v = std::min(std::min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a.syllables[i - 1] == b.syllables[j - 2] &&
          a.syllables[i - 2] == b.syllables[j - 1]) {
        v = std::min(v, d[i - 2][j - 2] + 1);
      }
      d[i][j] = v;
    }
  }
  return std::min(d[n][m], 2);
}

template <class F>
class FnComparison final : public Comparison {
 public:
  FnComparison(std::string name, int levels, std::vector<std::string> labels, F f)
      : name_(std::move(name)), levels_(levels), labels_(std::move(labels)), f_(std::move(f)) {}
  std::string name() const override { return name_; }
  int levels() const override { return levels_; }
  int Level(uint32_t a, uint32_t b) const override { return f_(a, b); }
  std::string LevelLabel(int level) const override {
    return level >= 0 && static_cast<size_t>(level) < labels_.size() ? labels_[static_cast<size_t>(level)]
                                                                      : Comparison::LevelLabel(level);
  }

 private:
  std::string name_;
  int levels_;
  std::vector<std::string> labels_;
  F f_;
};

template <class F>
std::unique_ptr<Comparison> MakeFn(std::string name, std::vector<std::string> labels, F f) {
  const int levels = static_cast<int>(labels.size());
  return std::make_unique<FnComparison<F>>(std::move(name), levels, std::move(labels), std::move(f));
}

}  // namespace

int CompareName(const NameCode& a, const NameCode& b) {
  if (a.length == 0 || b.length == 0) return 0;
  if (a.length == b.length && a.chars == b.chars) return 5;
  if (a.length == b.length && a.syllables == b.syllables) return 4;
  if (SyllableDistance(a, b) == 1) return 3;
  if (a.syllables[0] == b.syllables[0]) return 2;
  return 1;
}

int CompareId(const std::array<char, 18>& a, const std::array<char, 18>& b) {
  if (a[0] == 0 || b[0] == 0) return 0;
  if (a == b) return 3;
  const std::string_view x(a.data(), 17), y(b.data(), 17);
  if (x == y) return 1;  // same first 17, different check character: not the same number
  return OneTypoApart(x, y) ? 2 : 1;
}

int CompareBirth(uint32_t a, uint32_t b) {
  if (a == 0 || b == 0) return 0;
  if (a == b) return 4;
  const uint32_t ya = a / 10000, ma = a / 100 % 100, da = a % 100;
  const uint32_t yb = b / 10000, mb = b / 100 % 100, db = b % 100;
  if (ya == yb && ma == db && da == mb) return 3;
  const int same = (ya == yb) + (ma == mb) + (da == db);
  return same == 2 ? 2 : 1;
}

int CompareDivision(uint32_t a, uint32_t b) {
  if (a == 0 || b == 0) return 0;
  if (a == b && a % 100 != 0) return 4;
  if (a / 100 == b / 100) return 3;
  if (a / 10000 == b / 10000) return 2;
  return 1;
}

int ComparePhone(uint64_t a, uint64_t b) {
  if (a == 0 || b == 0) return 0;
  if (a == b) return 3;
  char x[11], y[11];
  for (int i = 10; i >= 0; --i, a /= 10, b /= 10) {
    x[i] = static_cast<char>('0' + a % 10);
    y[i] = static_cast<char>('0' + b % 10);
  }
  return OneTypoApart(std::string_view(x, 11), std::string_view(y, 11)) ? 2 : 1;
}

int CompareSex(uint8_t a, uint8_t b) {
  if (a == 0 || b == 0) return 0;
  return a == b ? 2 : 1;
}

PersonLinkSpec::PersonLinkSpec(const PersonTable& left, const PersonTable& right)
    : left_(left), right_(right) {
  const PersonTable* l = &left_;
  const PersonTable* r = &right_;
  comparisons_.push_back(MakeFn("name", {"missing", "different", "surname", "one edit", "homophone", "exact"},
                                [l, r](uint32_t a, uint32_t b) { return CompareName(l->name[a], r->name[b]); }));
  comparisons_.push_back(MakeFn("id_number", {"missing", "different", "one typo", "exact"},
                                [l, r](uint32_t a, uint32_t b) { return CompareId(l->id[a], r->id[b]); }));
  comparisons_.push_back(MakeFn("birth_date", {"missing", "different", "2 of 3", "day/month swap", "exact"},
                                [l, r](uint32_t a, uint32_t b) { return CompareBirth(l->birth[a], r->birth[b]); }));
  comparisons_.push_back(MakeFn("division", {"missing", "other province", "province", "prefecture", "county"},
                                [l, r](uint32_t a, uint32_t b) {
                                  return CompareDivision(l->division[a], r->division[b]);
                                }));
  comparisons_.push_back(MakeFn("phone", {"missing", "different", "one typo", "exact"},
                                [l, r](uint32_t a, uint32_t b) { return ComparePhone(l->phone[a], r->phone[b]); }));
  comparisons_.push_back(MakeFn("sex", {"missing", "different", "exact"},
                                [l, r](uint32_t a, uint32_t b) { return CompareSex(l->sex[a], r->sex[b]); }));
}

std::vector<const Comparison*> PersonLinkSpec::comparisons() const {
  std::vector<const Comparison*> out;
  for (const auto& c : comparisons_) out.push_back(c.get());
  return out;
}

namespace {

uint64_t IdKey(const PersonTable& t, size_t i) {
  if (t.id[i][0] == 0) return 0;
  return KeyOf({std::string_view(t.id[i].data(), 18)});
}
uint64_t BirthSurnameKey(const PersonTable& t, size_t i) {
  if (t.name[i].length == 0) return 0;
  return KeyOfInts({t.EffectiveBirth(i), t.name[i].syllables[0] + 1u});
}
uint64_t NamePrefectureKey(const PersonTable& t, size_t i) {
  const NameCode& n = t.name[i];
  if (n.length == 0 || t.division[i] == 0) return 0;
  uint64_t syl = n.length;
  for (int k = 0; k < n.length; ++k) syl = syl * 65536 + n.syllables[static_cast<size_t>(k)];
  return KeyOfInts({syl, t.division[i] / 100});
}

}  // namespace

std::vector<BlockingRule> PersonLinkSpec::Rules() const {
  std::vector<BlockingRule> rules(4);
  rules[0] = {"id_number", {}, {}, {kIdNumber, kBirth}};
  rules[1] = {"birth+surname", {}, {}, {kBirth, kName}};
  rules[2] = {"phone", {}, {}, {kPhone}};
  rules[3] = {"name+prefecture", {}, {}, {kName, kDivision}};
  for (int side = 0; side < 2; ++side) {
    const PersonTable& t = side == 0 ? left_ : right_;
    auto keys = [&](BlockingRule& r) -> std::vector<uint64_t>& {
      return side == 0 ? r.left_keys : r.right_keys;
    };
    for (auto& r : rules) keys(r).resize(t.size());
    for (size_t i = 0; i < t.size(); ++i) {
      keys(rules[0])[i] = IdKey(t, i);
      keys(rules[1])[i] = BirthSurnameKey(t, i);
      keys(rules[2])[i] = t.phone[i];
      keys(rules[3])[i] = NamePrefectureKey(t, i);
    }
  }
  return rules;
}

}  // namespace qjy::linkage
