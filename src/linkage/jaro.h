// String similarity for comparisons: Jaro–Winkler on bytes (the FEBRL and
// other Latin-script fields), without allocation. Strings longer than 64
// bytes are compared on their first 64 bytes.
#ifndef QJY_LINKAGE_JARO_H_
#define QJY_LINKAGE_JARO_H_

#include <string_view>

namespace qjy::linkage {

// Jaro similarity in [0, 1]; 1 for two equal strings (two empty: 1).
double Jaro(std::string_view a, std::string_view b);
// Jaro–Winkler (prefix scale 0.1, prefix up to 4) in [0, 1].
double JaroWinkler(std::string_view a, std::string_view b);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_JARO_H_
