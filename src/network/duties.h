// The service network's duties (policy/network/duties.yaml): what the
// document requires of offices, markets, agencies, events and communities,
// each with its clause and the quoted requirement. Loaded once; immutable.
#ifndef QJY_NETWORK_DUTIES_H_
#define QJY_NETWORK_DUTIES_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"

namespace qjy::network {

enum class DutyKind { kSites, kEvents, kCount, kProjects, kEvaluations, kQuota, kOutbound };
// kEvaluations: every institution (site_kind, of `tiers`) open in a year
// evaluated for it (正文（十三）); kQuota: a yearly province-wide target the
// registry can count (附件1), `measure` naming what is counted.
// kOutbound: each county's organised share of its outbound workers
// (outbound_share.h) must reach share_bp.
// kProjects: what share each work-relief project must reach.
enum class Measure { kLabourShare, kRelocatedShare };
enum class Period { kWeek, kMonth, kYear };

struct Duty {
  std::string id, title, clause, quote;
  DutyKind kind = DutyKind::kSites;
  std::string site_kind;            // registry SiteKind code; kSites, kCount
  std::string tier;                 // "" = any tier
  RegionLevel unit = RegionLevel::kCounty;  // kSites, kEvents (events: also the province)
  int64_t share_bp = 10000;         // kSites: share of places to cover; kProjects, kOutbound: the share
  int min_per_place = 1;            // kSites
  std::optional<Date> deadline;     // kSites, kCount
  std::string event_kind;           // kEvents: "" = any recruitment event (not service_team)
  Period period = Period::kMonth;   // kEvents
  int min_per_period = 1;           // kEvents
  std::optional<Date> from;         // kEvents: first period counted
  int64_t min_count = 0;            // kCount
  Measure measure = Measure::kLabourShare;  // kProjects; share_bp is the share
  std::string assumed;              // why a figure is assumed ("" = quoted)
  // kSites: "quality" counts only sites rated 优质 on the date
  // (agency_grades.yaml); "" any open site.
  std::string rating;
  std::vector<std::string> tiers;   // kEvaluations: the tiers evaluated
  int due_days = 0;                 // kEvaluations: a year is judged this many days after it ends
  std::string quota_measure;        // kQuota: internships_started, …
  int year = 0;                     // kQuota: the target's year
  std::string source;               // kQuota: the registry's facts counted, in words
};

struct Duties {
  std::string document;
  Date valid_from;
  std::vector<Duty> duties;
};

// Parses the YAML text; `source` names the file in errors. kInvalidArgument
// with the file, the duty's id (or position) and the field for a missing or
// bad value, an unknown key, or a duplicate id.
Result<Duties> ParseDuties(std::string_view yaml, std::string_view source);
Result<Duties> LoadDuties(const std::filesystem::path& file);
// ShippedPath("policy/network/duties.yaml"), or $QJY_NETWORK_DUTIES.
std::filesystem::path DefaultDutiesFile();

}  // namespace qjy::network

#endif  // QJY_NETWORK_DUTIES_H_
