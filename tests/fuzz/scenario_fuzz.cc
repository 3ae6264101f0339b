// Scenario YAML (policy/scenario.h): a scenario file is loaded, and each of
// its first cases that loads is run by the engine against the shipped
// parameters (policy/params) with the case's replacements, so fuzzed
// worlds (persons, employers, contracts, dates) reach the rules R1–R18.
#include <cstddef>
#include <cstdint>
#include <string>

#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/scenario.h"
#include "fuzz_util.h"

namespace {

constexpr size_t kMaxCasesRun = 8;

const qjy::policy::ParameterSet& Shipped() {
  static const qjy::policy::ParameterSet set = [] {
    auto s = qjy::policy::ParameterSet::LoadDir(qjy::policy::DefaultParamsDir());
    QJY_FUZZ_CHECK(s.has_value());
    return std::move(*s);
  }();
  return set;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static qjy::fuzz::ScratchFile file(".yaml");
  auto cases = qjy::policy::LoadScenarioFile(file.Write(qjy::fuzz::AsText(data, size)));
  if (!cases) return 0;
  for (size_t i = 0; i < cases->size() && i < kMaxCasesRun; ++i) {
    (void)qjy::policy::RunCase(Shipped(), (*cases)[i]);
  }
  return 0;
}
