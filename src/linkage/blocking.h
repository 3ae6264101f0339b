// Blocking keys: 64-bit hashes of field values (0 = no key: a row with a
// missing part never pairs under that rule).
#ifndef QJY_LINKAGE_BLOCKING_H_
#define QJY_LINKAGE_BLOCKING_H_

#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace qjy::linkage {

// FNV-1a over the parts with a separator; 0 when any part is empty, never 0
// otherwise.
uint64_t KeyOf(std::initializer_list<std::string_view> parts);
// Mixes integer parts (0 in any part: no key).
uint64_t KeyOfInts(std::initializer_list<uint64_t> parts);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_BLOCKING_H_
