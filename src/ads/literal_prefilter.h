// A literal prefilter for the ICU patterns of screening.yaml: for each
// pattern, a set of literal strings at least one of which occurs in every
// text the pattern can match anywhere in ("(仅限|只限)\p{Han}{0,6}户籍" needs
// one of 仅限/只限, or 户籍: the analysis picks the stronger side), and an
// index that finds which of all the patterns' literals occur in a text in
// one pass. A pattern none of whose literals occurs cannot match, so its
// regular expression is not run: the screener's findings are exactly those
// it would find without the prefilter, at a fraction of the cost (the ICU
// matcher cannot skip ahead in patterns that start with a look-behind or
// \p{Han}, and tries them at every character).
//
// Soundness: the analysis understands literals, small character classes,
// groups, alternation, quantifiers and zero-width items (anchors,
// look-arounds: they require nothing); anything else (back-references,
// inline flags, \Q…\E, named groups) gives no literals, and the pattern
// simply always runs. Patterns are compiled case-insensitively, so
// literals and text are compared after simple case folding (u_foldCase per
// UTF-16 unit; ICU's full folding would also equate "ß" with "ss": no
// literal of the file has such letters).
//
// Immutable after Build(); Find() is safe to call concurrently.
#ifndef QJY_ADS_LITERAL_PREFILTER_H_
#define QJY_ADS_LITERAL_PREFILTER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <unicode/unistr.h>

namespace qjy::ads {

// The literals one of which every match of `pattern` contains (case-folded,
// non-empty strings), or nullopt when the analysis finds none (a pattern
// that can match the empty string, or one it does not understand).
std::optional<std::vector<std::u16string>> RequiredLiterals(const icu::UnicodeString& pattern);

// Simple case folding per UTF-16 unit (the form literals are kept in).
std::u16string FoldForPrefilter(const icu::UnicodeString& text);

// Literals of many patterns; Find() reports which patterns may match.
class LiteralIndex {
 public:
  // Registers `literals` for the pattern with id `pattern_id` (ids from 0;
  // a pattern may be added once).
  void Add(int pattern_id, const std::vector<std::u16string>& literals);
  // Marks in `hit` (resized to at least the number of patterns added) the
  // patterns one of whose literals occurs in `folded` (FoldForPrefilter).
  void Find(const std::u16string& folded, std::vector<char>& hit) const;
  size_t literal_count() const { return literals_.size(); }

 private:
  struct Literal {
    std::u16string text;
    std::vector<int> patterns;
  };
  std::vector<Literal> literals_;
  // Literals by their first unit (sorted by unit, then literal index).
  std::vector<std::pair<char16_t, int>> by_first_;
  int patterns_ = 0;
};

}  // namespace qjy::ads

#endif  // QJY_ADS_LITERAL_PREFILTER_H_
