// Policy parameter YAML (policy/params.h): a parameter file loaded into an
// empty set, and the same text as a scenario's replacement of the shipped
// parameters (policy/params). A set that loads answers ValueAt for every
// parameter without crashing, and no value exceeds its ceiling.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/date.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "fuzz_util.h"

namespace {

using qjy::policy::ParameterSet;

const ParameterSet& Shipped() {
  static const ParameterSet set = [] {
    auto s = ParameterSet::LoadDir(qjy::policy::DefaultParamsDir());
    QJY_FUZZ_CHECK(s.has_value());
    return std::move(*s);
  }();
  return set;
}

void Query(const ParameterSet& set) {
  static const qjy::Date kDates[] = {*qjy::Date::FromYmd(1900, 1, 1), *qjy::Date::FromYmd(2023, 6, 15),
                                     *qjy::Date::FromYmd(2025, 12, 31), *qjy::Date::FromYmd(2100, 1, 1)};
  for (const auto& [name, p] : set.all()) {
    for (const auto& v : p.values) {
      if (p.ceiling && v.value) QJY_FUZZ_CHECK(*v.value <= *p.ceiling);
    }
    for (const auto& [region, values] : p.overrides) {
      for (const auto& v : values) {
        if (p.ceiling && v.value) QJY_FUZZ_CHECK(*v.value <= *p.ceiling);
      }
    }
    for (qjy::Date d : kDates) {
      (void)set.ValueAt(name, d);
      (void)set.ValueAt(name, d, "520102");
      for (const auto& [region, values] : p.overrides) (void)set.ValueAt(name, d, region);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view yaml = qjy::fuzz::AsText(data, size);
  const ParameterSet& shipped = Shipped();

  ParameterSet fresh;
  if (fresh.AddYaml(yaml, "fuzz.yaml")) Query(fresh);

  ParameterSet replaced = shipped;
  if (replaced.ReplaceYaml(yaml, "fuzz.yaml")) Query(replaced);
  return 0;
}
