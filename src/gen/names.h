// Plausible Chinese names for generated persons and employers. Pure
// functions of the random stream and the profile tables.
#ifndef QJY_GEN_NAMES_H_
#define QJY_GEN_NAMES_H_

#include <string>

#include "gen/rng.h"
#include "gen/tables.h"
#include "registry/model.h"

namespace qjy::gen {

// Surname by frequency, then one (about a quarter) or two given-name
// characters, mostly from the sex's list.
std::string PersonName(Rng& rng, const Tables& t, registry::Sex sex);

// Two characters for a trade name ("鑫盛", "黔源").
std::string TradeName(Rng& rng);

// A name fitting the employer's type, e.g. "遵义市鑫盛食品有限公司",
// "平坝区高峰镇茶叶种植农民专业合作社". `place` is a county (or township)
// name, `township` a township name (may be empty).
std::string EmployerName(Rng& rng, const Tables& t, registry::EmployerType type,
                         registry::SizeClass size, const std::string& place,
                         const std::string& township);

// The county name without its kind suffix where that reads naturally
// ("遵义市汇川区" -> "汇川"). Used inside employer and site names.
std::string ShortPlace(const std::string& name);

}  // namespace qjy::gen

#endif  // QJY_GEN_NAMES_H_
