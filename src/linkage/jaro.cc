#include "linkage/jaro.h"

#include <algorithm>
#include <cstdint>

namespace qjy::linkage {

double Jaro(std::string_view a, std::string_view b) {
  constexpr size_t kMax = 64;
  if (a.size() > kMax) a = a.substr(0, kMax);
  if (b.size() > kMax) b = b.substr(0, kMax);
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  const int window = std::max(0, std::max(la, lb) / 2 - 1);
  bool ma[kMax] = {}, mb[kMax] = {};
  int matches = 0;
  for (int i = 0; i < la; ++i) {
    const int lo = std::max(0, i - window), hi = std::min(lb - 1, i + window);
    for (int j = lo; j <= hi; ++j) {
      if (!mb[j] && a[i] == b[j]) {
        ma[i] = mb[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  int transpositions = 0;
  for (int i = 0, j = 0; i < la; ++i) {
    if (!ma[i]) continue;
    while (!mb[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = matches;
  return (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
}

double JaroWinkler(std::string_view a, std::string_view b) {
  const double j = Jaro(a, b);
  int prefix = 0;
  while (prefix < 4 && prefix < static_cast<int>(a.size()) && prefix < static_cast<int>(b.size()) &&
         a[prefix] == b[prefix]) {
    ++prefix;
  }
  return j + prefix * 0.1 * (1.0 - j);
}

}  // namespace qjy::linkage
