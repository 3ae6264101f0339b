// The logic version of each rule R1..R18, kept beside the catalogue
// (catalogue.cc). Bump a rule's number in versions.cc with every change to
// what the rule decides from the same facts and parameters: it is stored
// with each decision (decision_record.h), and a replay (replay.h) whose
// stored version differs from the code's says so in Chinese.
#ifndef QJY_POLICY_RULES_VERSIONS_H_
#define QJY_POLICY_RULES_VERSIONS_H_

#include <string>
#include <string_view>

namespace qjy::policy::rules {

// "R2@1": the rule and its logic version; empty for an unknown rule.
std::string RuleVersion(std::string_view rule);

}  // namespace qjy::policy::rules

#endif  // QJY_POLICY_RULES_VERSIONS_H_
