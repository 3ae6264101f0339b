// Indicator YAML (monitor/indicator_spec.h): one indicator file. A spec
// that loads has an id, pace thresholds in order, and answers TargetFor.
#include <cstddef>
#include <cstdint>

#include "monitor/indicator_spec.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto spec = qjy::monitor::ParseIndicator(qjy::fuzz::AsText(data, size), "fuzz.yaml");
  if (!spec) return 0;
  QJY_FUZZ_CHECK(!spec->id.empty());
  (void)qjy::monitor::ComputationCode(spec->computation);
  for (int year : {1900, 2023, 2025, 2100}) (void)spec->TargetFor(year);
  for (const auto& [year, target] : spec->targets) QJY_FUZZ_CHECK(spec->TargetFor(year) == target);
  return 0;
}
