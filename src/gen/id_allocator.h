// Hands out resident ID numbers (GB 11643) that are unique within one
// generation run: area code = the Guizhou county of household registration,
// the real birth date, a sequence number per (county, birth date, sex) —
// odd for men, even for women — and the check character computed by
// core's ID code. Memory: one 16-bit counter per county, day and sex
// (~8 MB for 88 counties over 62 years of birth dates).
//
// Not thread-safe: allocation order decides the numbers, so one thread
// allocates in record order, which keeps runs deterministic.
#ifndef QJY_GEN_ID_ALLOCATOR_H_
#define QJY_GEN_ID_ALLOCATOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "registry/model.h"

namespace qjy::gen {

class IdAllocator {
 public:
  // Birth dates in [first_birth, last_birth]; counties 0..counties-1.
  IdAllocator(size_t counties, Date first_birth, Date last_birth);

  // The next ID for this county code (6 digits), county index, birth date
  // and sex, or nullopt when that day's 500 (men) / 499 (women) numbers
  // are used up or the date is out of range.
  std::optional<std::string> Allocate(const std::string& county_code, int county, Date birth,
                                      registry::Sex sex);

 private:
  Date first_, last_;
  size_t days_;
  std::vector<uint16_t> used_;  // [county][day][sex]
};

}  // namespace qjy::gen

#endif  // QJY_GEN_ID_ALLOCATOR_H_
