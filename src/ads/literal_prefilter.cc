#include "ads/literal_prefilter.h"

#include <algorithm>
#include <set>

#include <unicode/uchar.h>

namespace qjy::ads {
namespace {

// Bounds that keep the analysis small (sets of strings multiply in a
// concatenation); past them a node keeps only what it requires.
constexpr size_t kMaxExact = 256;
constexpr size_t kMaxLength = 12;
constexpr size_t kMaxClass = 24;

using Strings = std::set<std::u16string>;

// What a node of the pattern matches: exactly one of the strings of `exact`
// (when `is_exact`), or some text that contains one of `need` (when
// `has_need`), or nothing known.
struct Info {
  bool is_exact = false;
  Strings exact;
  bool has_need = false;
  Strings need;
};

Info Exact(Strings s) {
  Info i;
  i.is_exact = true;
  i.exact = std::move(s);
  return i;
}
Info Unknown() { return Info{}; }
Info Empty() { return Exact({u""}); }

// The requirement a node puts on the text, if any.
std::optional<Strings> Need(const Info& i) {
  if (i.is_exact) {
    if (i.exact.empty() || i.exact.contains(u"")) return std::nullopt;
    return i.exact;
  }
  if (i.has_need) return i.need;
  return std::nullopt;
}

// The stronger of two requirements: longer shortest literal, then fewer.
bool Better(const Strings& a, const Strings& b) {
  auto shortest = [](const Strings& s) {
    size_t n = SIZE_MAX;
    for (const auto& x : s) n = std::min(n, x.size());
    return n;
  };
  size_t la = std::min<size_t>(shortest(a), 3), lb = std::min<size_t>(shortest(b), 3);
  if (la != lb) return la > lb;
  return a.size() < b.size();
}

Info NeedOf(std::optional<Strings> a, std::optional<Strings> b) {
  Info i;
  if (a && (!b || Better(*a, *b))) {
    i.has_need = true;
    i.need = std::move(*a);
  } else if (b) {
    i.has_need = true;
    i.need = std::move(*b);
  }
  return i;
}

Info Concat(const Info& x, const Info& y) {
  if (x.is_exact && y.is_exact && x.exact.size() * y.exact.size() <= kMaxExact) {
    Strings out;
    bool fits = true;
    for (const auto& a : x.exact) {
      for (const auto& b : y.exact) {
        if (a.size() + b.size() > kMaxLength) fits = false;
        out.insert(a + b);
      }
    }
    if (fits) return Exact(std::move(out));
  }
  return NeedOf(Need(x), Need(y));
}

Info Alternate(const Info& x, const Info& y) {
  if (x.is_exact && y.is_exact && x.exact.size() + y.exact.size() <= kMaxExact) {
    Strings out = x.exact;
    out.insert(y.exact.begin(), y.exact.end());
    return Exact(std::move(out));
  }
  auto a = Need(x), b = Need(y);
  if (!a || !b) return Unknown();
  Info i;
  i.has_need = true;
  i.need = std::move(*a);
  i.need.insert(b->begin(), b->end());
  return i;
}

char16_t Fold(char16_t c) { return static_cast<char16_t>(u_foldCase(c, U_FOLD_CASE_DEFAULT)); }

// Recursive descent over the ICU syntax the screening file uses. `ok`
// turns false on anything not understood (the pattern then has no
// literals).
class Parser {
 public:
  explicit Parser(const icu::UnicodeString& p) : p_(p) {}

  std::optional<Info> Run() {
    Info i = Alternation();
    if (!ok_ || pos_ != p_.length()) return std::nullopt;
    return i;
  }

 private:
  bool AtEnd() const { return pos_ >= p_.length(); }
  char16_t Peek(int32_t ahead = 0) const {
    return pos_ + ahead < p_.length() ? p_.charAt(pos_ + ahead) : u'\0';
  }

  Info Alternation() {
    Info i = Sequence();
    while (ok_ && Peek() == u'|' && !AtEnd()) {
      ++pos_;
      i = Alternate(i, Sequence());
    }
    return i;
  }

  Info Sequence() {
    Info i = Empty();
    while (ok_ && !AtEnd() && Peek() != u'|' && Peek() != u')') i = Concat(i, Quantified());
    return i;
  }

  // An atom and its quantifier.
  Info Quantified() {
    Info a = Atom();
    if (!ok_) return Unknown();
    int min = 1, max = 1;  // max -1: unbounded
    char16_t c = Peek();
    if (c == u'?') {
      min = 0;
      ++pos_;
    } else if (c == u'*') {
      min = 0, max = -1;
      ++pos_;
    } else if (c == u'+') {
      max = -1;
      ++pos_;
    } else if (c == u'{') {
      ++pos_;
      min = Number();
      max = min;
      if (Peek() == u',') {
        ++pos_;
        max = Peek() == u'}' ? -1 : Number();
      }
      if (!ok_ || Peek() != u'}') {
        ok_ = false;
        return Unknown();
      }
      ++pos_;
    } else {
      return a;
    }
    if (Peek() == u'?' || Peek() == u'+') ++pos_;  // lazy or possessive
    if (min == 0 && max == 1) return Alternate(a, Empty());
    if (min == 0) return Unknown();
    if (min == 1 && max == 1) return a;
    Info i;  // at least once: whatever one repetition requires
    if (auto n = Need(a)) {
      i.has_need = true;
      i.need = std::move(*n);
    }
    return i;
  }

  int Number() {
    int n = 0, digits = 0;
    while (Peek() >= u'0' && Peek() <= u'9') {
      n = n * 10 + (Peek() - u'0');
      ++pos_;
      ++digits;
    }
    if (digits == 0) ok_ = false;
    return n;
  }

  Info Atom() {
    char16_t c = Peek();
    ++pos_;
    switch (c) {
      case u'(': return Group();
      case u'[': return Class();
      case u'\\': return Escape();
      case u'.': return Unknown();
      case u'^':
      case u'$': return Empty();
      case u'*':
      case u'+':
      case u'?':
      case u'{':
      case u')':
      case u'|':
        ok_ = false;
        return Unknown();
      default: return Exact({std::u16string(1, Fold(c))});
    }
  }

  Info Group() {
    bool zero_width = false;
    if (Peek() == u'?') {
      char16_t k = Peek(1);
      if (k == u':' || k == u'>') {
        pos_ += 2;
      } else if (k == u'=' || k == u'!') {
        pos_ += 2;
        zero_width = true;
      } else if (k == u'<' && (Peek(2) == u'=' || Peek(2) == u'!')) {
        pos_ += 3;
        zero_width = true;
      } else {
        ok_ = false;  // inline flags, named groups, comments
        return Unknown();
      }
    }
    Info i = Alternation();
    if (!ok_ || Peek() != u')') {
      ok_ = false;
      return Unknown();
    }
    ++pos_;
    return zero_width ? Empty() : i;
  }

  // A class of a few plain characters is exact; anything else (ranges,
  // negation, properties, nested sets) matches one unknown character.
  Info Class() {
    bool plain = Peek() != u'^';
    Strings chars;
    int depth = 1;
    bool first = true;
    while (!AtEnd()) {
      char16_t c = Peek();
      ++pos_;
      if (c == u'\\') {
        char16_t e = Peek();
        ++pos_;
        if (e == u'p' || e == u'P' || e == u'd' || e == u'D' || e == u's' || e == u'S' || e == u'w' ||
            e == u'W' || e == u'x' || e == u'u' || e == u'N') {
          plain = false;
          if (Peek() == u'{') {
            while (!AtEnd() && Peek() != u'}') ++pos_;
            ++pos_;
          }
        } else if (e == u'n') {
          chars.insert(u"\n");
        } else if (e == u't') {
          chars.insert(u"\t");
        } else if ((e >= u'a' && e <= u'z') || (e >= u'A' && e <= u'Z') || (e >= u'0' && e <= u'9')) {
          plain = false;  // an escape this analysis does not know
        } else {
          chars.insert(std::u16string(1, Fold(e)));
        }
      } else if (c == u'[') {
        plain = false;
        ++depth;
      } else if (c == u']' && !first) {
        if (--depth == 0) break;
      } else if (c == u'-' && !first && Peek() != u']') {
        plain = false;  // a range
      } else if (c == u'&' && Peek() == u'&') {
        plain = false;
      } else {
        chars.insert(std::u16string(1, Fold(c)));
      }
      first = false;
    }
    if (depth != 0) {
      ok_ = false;
      return Unknown();
    }
    if (!plain || chars.empty() || chars.size() > kMaxClass) return Unknown();
    return Exact(std::move(chars));
  }

  Info Escape() {
    char16_t e = Peek();
    ++pos_;
    switch (e) {
      case u'p':
      case u'P':
        if (Peek() != u'{') {
          ok_ = false;
          return Unknown();
        }
        while (!AtEnd() && Peek() != u'}') ++pos_;
        ++pos_;
        return Unknown();
      case u'd': case u'D': case u's': case u'S': case u'w': case u'W': case u'h': case u'H':
      case u'v': case u'V': case u'R': case u'X':
        return Unknown();
      case u'b': case u'B': case u'A': case u'z': case u'Z': case u'G':
        return Empty();
      case u'n': return Exact({u"\n"});
      case u't': return Exact({u"\t"});
      case u'r': return Exact({u"\r"});
      default:
        if ((e >= u'a' && e <= u'z') || (e >= u'A' && e <= u'Z') || (e >= u'0' && e <= u'9')) {
          ok_ = false;  // back-references, \Q, \x, \u, \N{…}
          return Unknown();
        }
        return Exact({std::u16string(1, Fold(e))});
    }
  }

  const icu::UnicodeString& p_;
  int32_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

std::optional<std::vector<std::u16string>> RequiredLiterals(const icu::UnicodeString& pattern) {
  auto info = Parser(pattern).Run();
  if (!info) return std::nullopt;
  auto need = Need(*info);
  if (!need) return std::nullopt;
  // A literal that contains another of the set adds nothing ("女性" beside "女").
  std::vector<std::u16string> out;
  for (const auto& l : *need) {
    bool covered = std::any_of(need->begin(), need->end(), [&](const std::u16string& o) {
      return o != l && l.find(o) != std::u16string::npos;
    });
    if (!covered) out.push_back(l);
  }
  return out;
}

std::u16string FoldForPrefilter(const icu::UnicodeString& text) {
  std::u16string out(static_cast<size_t>(text.length()), u'\0');
  for (int32_t i = 0; i < text.length(); ++i) out[i] = Fold(text.charAt(i));
  return out;
}

void LiteralIndex::Add(int pattern_id, const std::vector<std::u16string>& literals) {
  patterns_ = std::max(patterns_, pattern_id + 1);
  for (const auto& l : literals) {
    if (l.empty()) continue;
    auto it = std::find_if(literals_.begin(), literals_.end(), [&](const Literal& x) { return x.text == l; });
    if (it == literals_.end()) {
      literals_.push_back(Literal{l, {}});
      by_first_.emplace_back(l[0], static_cast<int>(literals_.size() - 1));
      it = literals_.end() - 1;
    }
    if (std::find(it->patterns.begin(), it->patterns.end(), pattern_id) == it->patterns.end()) {
      it->patterns.push_back(pattern_id);
    }
  }
  std::sort(by_first_.begin(), by_first_.end());
}

void LiteralIndex::Find(const std::u16string& folded, std::vector<char>& hit) const {
  if (hit.size() < static_cast<size_t>(patterns_)) hit.resize(patterns_);
  std::vector<char> seen(literals_.size(), 0);
  const std::u16string_view text(folded);
  for (size_t i = 0; i < text.size(); ++i) {
    auto lo = std::lower_bound(by_first_.begin(), by_first_.end(), std::pair<char16_t, int>(text[i], -1));
    for (auto it = lo; it != by_first_.end() && it->first == text[i]; ++it) {
      if (seen[it->second]) continue;
      const Literal& l = literals_[it->second];
      if (text.substr(i, l.text.size()) != l.text) continue;
      seen[it->second] = 1;
      for (int p : l.patterns) hit[p] = 1;
    }
  }
}

}  // namespace qjy::ads
