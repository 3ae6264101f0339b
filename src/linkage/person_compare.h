// Comparisons suited to Chinese person records (PersonTable columns), and
// the standard set of comparisons and blocking rules for linking two
// person tables.
//
// Levels (0 is always "missing on either side"):
//  name      1 different, 2 same surname syllable, 3 syllables one edit
//            apart (a given-name character missing/extra/replaced, or two
//            adjacent characters transposed), 4 same syllables (homophones:
//            张伟/章玮), 5 same characters;
//  id        1 different, 2 one typo (one character replaced, or two
//            adjacent swapped, in the first 17; the check character may
//            differ too), 3 same (after 15 -> 18 upgrade);
//  birth     1 different, 2 two of year/month/day equal, 3 day and month
//            swapped, 4 same;
//  division  1 other province, 2 same province, 3 same prefecture, 4 same
//            county;
//  phone     1 different, 2 one typo, 3 same;
//  sex       1 different, 2 same.
#ifndef QJY_LINKAGE_PERSON_COMPARE_H_
#define QJY_LINKAGE_PERSON_COMPARE_H_

#include <memory>
#include <vector>

#include "linkage/comparison.h"
#include "linkage/engine.h"
#include "linkage/person_table.h"

namespace qjy::linkage {

enum PersonField { kName, kIdNumber, kBirth, kDivision, kPhone, kSex, kPersonFieldCount };

// Level functions, usable without a Comparison object.
int CompareName(const NameCode& a, const NameCode& b);
int CompareId(const std::array<char, 18>& a, const std::array<char, 18>& b);
int CompareBirth(uint32_t a, uint32_t b);
int CompareDivision(uint32_t a, uint32_t b);
int ComparePhone(uint64_t a, uint64_t b);
int CompareSex(uint8_t a, uint8_t b);

// The comparisons (indexed by PersonField) and blocking rules for
// left × right. Holds references to both tables: they must outlive it.
class PersonLinkSpec {
 public:
  PersonLinkSpec(const PersonTable& left, const PersonTable& right);
  std::vector<const Comparison*> comparisons() const;
  // ID number; effective birth date + surname syllable; phone; full name
  // syllables + prefecture.
  std::vector<BlockingRule> Rules() const;
  const Comparison& comparison(PersonField f) const { return *comparisons_[f]; }

 private:
  const PersonTable& left_;
  const PersonTable& right_;
  std::vector<std::unique_ptr<Comparison>> comparisons_;
};

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_PERSON_COMPARE_H_
