// What the comparison with partner provinces found (issue #18), as
// monitoring indicators in cited data: one YAML file per indicator in
// policy/indicators/linkage (README one folder up). Each lists measures —
// per region and month, counted by linkage/indicator_counts.h — and may
// name a share (numerator ÷ denominator of two measures, higher is
// better) with green/amber thresholds; the document cites no number for
// these, so a file with thresholds must say `status.assumed: true` and
// why (the loader refuses one that does not).
// Load errors (kInvalidArgument) name the file and line. Immutable after
// loading.
#ifndef QJY_MONITOR_LINKAGE_SPEC_H_
#define QJY_MONITOR_LINKAGE_SPEC_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace qjy::monitor {

// The measure codes a file may list (linkage/indicator_counts.h):
// workers, employed, unemployed, insured, returned (outbound workers);
// followups, due (in time + late + overdue), done_in_time, done_late,
// open_overdue, open_pending (return follow-ups by start month);
// poverty_flags, poverty_closed, benefit_flags, benefit_closed.
bool IsLinkageMeasure(std::string_view code);

struct LinkageMeasureSpec {
  std::string code, label;
};

struct LinkageShare {
  std::string numerator, denominator;  // measure codes
  std::string label;                   // e.g. 按时服务率
  double green_at = 0, amber_at = 0;   // share thresholds (0..1)
  bool assumed = false;
  std::string note;                    // the rule and, when assumed, why
};

struct LinkageSpec {
  std::string id, name, clause, target_text, definition, source, unit;
  bool assumed = false;
  std::string note;
  std::vector<LinkageMeasureSpec> measures;
  std::optional<LinkageShare> share;
  std::string file;
};

Result<LinkageSpec> ParseLinkageIndicator(std::string_view yaml_text, std::string_view file);
// Every *.yaml of `dir`, sorted by file name; empty when the directory is
// missing. kInvalidArgument for a bad file or a duplicate id.
Result<std::vector<LinkageSpec>> LoadLinkageIndicators(const std::filesystem::path& dir);
// $QJY_INDICATORS/linkage, else the source tree's policy/indicators/linkage.
std::filesystem::path DefaultLinkageIndicatorsDir();

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_LINKAGE_SPEC_H_
