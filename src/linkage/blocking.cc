#include "linkage/blocking.h"

namespace qjy::linkage {

uint64_t KeyOf(std::initializer_list<std::string_view> parts) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (std::string_view p : parts) {
    if (p.empty()) return 0;
    for (unsigned char c : p) h = (h ^ c) * 0x100000001b3ull;
    h = (h ^ 0x1f) * 0x100000001b3ull;
  }
  return h == 0 ? 1 : h;
}

uint64_t KeyOfInts(std::initializer_list<uint64_t> parts) {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  for (uint64_t p : parts) {
    if (p == 0) return 0;
    h ^= p + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  return h == 0 ? 1 : h;
}

}  // namespace qjy::linkage
