// Which rules pay for one cause (policy/supervision/causes.yaml), and the
// parameters of the checks (policy/supervision/params/*.yaml). Loaded once
// and shared read-only.
#ifndef QJY_SUPERVISION_CAUSES_H_
#define QJY_SUPERVISION_CAUSES_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "policy/params.h"

namespace qjy::supervision {

struct Cause {
  std::string code, label, reference, note;
  std::vector<std::string> rules;
  bool contract_spell = false;  // spell: contract (else period)
};

class Causes {
 public:
  // The YAML text (`file` names it in messages): unknown keys, a rule in two
  // causes, an unknown spell are errors.
  static Result<Causes> Parse(std::string_view yaml, const std::string& file);
  // nullptr when the rule pays for no listed cause.
  const Cause* Of(std::string_view rule) const;
  bool IsHiring(std::string_view rule) const;  // a rule of the cause "hiring"
  const std::vector<Cause>& all() const { return causes_; }

 private:
  std::vector<Cause> causes_;
};

struct SupervisionConfig {
  policy::ParameterSet params;
  Causes causes;
};

// policy/supervision under the shipped root ($QJY_SUPERVISION_DIR overrides).
std::filesystem::path DefaultSupervisionDir();
// params/*.yaml and causes.yaml of `dir`.
Result<SupervisionConfig> LoadSupervisionConfig(const std::filesystem::path& dir);
// The shipped configuration, loaded once per process (nullptr and `error`
// set when it does not load).
const SupervisionConfig* ShippedSupervisionConfig(std::string& error);

}  // namespace qjy::supervision

#endif  // QJY_SUPERVISION_CAUSES_H_
