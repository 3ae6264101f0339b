#include "policy/rules/versions.h"

#include <utility>

namespace qjy::policy::rules {
namespace {

// Every rule of the catalogue (catalogue.cc) with its logic version.
constexpr std::pair<std::string_view, int> kVersions[] = {
    {"R1", 1},  {"R2", 1},  {"R3", 1},  {"R4", 1},  {"R5", 2},  {"R6", 1},  {"R7", 1},  {"R8", 1},  {"R9", 1},
    {"R10", 1}, {"R11", 1}, {"R12", 1}, {"R13", 1}, {"R14", 1}, {"R15", 1}, {"R16", 1}, {"R17", 2}, {"R18", 1}, {"R19", 1},
};

}  // namespace

std::string RuleVersion(std::string_view rule) {
  for (const auto& [id, version] : kVersions) {
    if (id == rule) return std::string(id) + "@" + std::to_string(version);
  }
  return {};
}

}  // namespace qjy::policy::rules
