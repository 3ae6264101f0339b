// What the person generator needs to know about the generated employers to
// write contracts: credit code, place and headcount, in a compact form
// (about 44 bytes per employer, so a 1,000,000-employer province needs
// ~44 MB). Employers are drawn weighted by insured headcount, so large
// employers hold more contracts.
//
// Filled once (Add), then Finish(); read-only and thread-safe afterwards.
#ifndef QJY_GEN_EMPLOYER_DIRECTORY_H_
#define QJY_GEN_EMPLOYER_DIRECTORY_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gen/employer_gen.h"
#include "gen/rng.h"

namespace qjy::gen {

class EmployerDirectory {
 public:
  EmployerDirectory(size_t counties, size_t prefectures, std::vector<int> prefecture_of_county);

  void Add(const GeneratedEmployer& g);
  void Finish();

  size_t size() const { return entries_.size(); }
  // A Guizhou employer for someone living in `county`: 70 % the same
  // county, 20 % the same prefecture, else anywhere in Guizhou (falling back
  // to wider areas when a narrower one has none). nullopt when there is no
  // Guizhou employer at all.
  std::optional<uint32_t> PickLocal(Rng& rng, int county) const;
  // An employer outside Guizhou (migrant work); nullopt when none.
  std::optional<uint32_t> PickOutside(Rng& rng) const;

  std::string CreditCode(uint32_t e) const { return std::string(entries_[e].code.data(), 18); }
  int County(uint32_t e) const { return entries_[e].county; }    // -1 outside Guizhou
  int Outside(uint32_t e) const { return entries_[e].outside; }  // -1 in Guizhou
  // Index of the employer's township within its county (-1 outside Guizhou).
  int Township(uint32_t e) const { return entries_[e].township; }

 private:
  struct Entry {
    std::array<char, 18> code;
    int32_t county, outside, township;
    uint32_t headcount;
  };
  struct List {
    std::vector<uint32_t> ids;
    WeightedPicker picker;
  };
  std::optional<uint32_t> PickFrom(const List& l, Rng& rng) const;

  std::vector<Entry> entries_;
  std::vector<int> prefecture_of_county_;
  std::vector<List> by_county_, by_prefecture_;
  List local_, outside_;
};

}  // namespace qjy::gen

#endif  // QJY_GEN_EMPLOYER_DIRECTORY_H_
