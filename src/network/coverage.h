// Coverage of the service network against every duty (duties.h) for one
// region and date: per duty the requirement, the counts, the status and the
// places (or weeks/months) missing. Pure: the caller loads sites and events
// (network_store.h); safe to call concurrently.
#ifndef QJY_NETWORK_COVERAGE_H_
#define QJY_NETWORK_COVERAGE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "network/duties.h"

namespace qjy::network {

// A site as coverage sees it. `region` is where it is; opened_on unknown
// counts as open now but not as opened by a deadline.
struct Site {
  int64_t site_id = 0;
  std::string county_code, kind, tier, region, name;
  bool online = false;
  std::optional<Date> opened_on, closed_on;
  // Market HR agencies: the quality ratings recorded (agency_rating_store.h)
  // as (rated on, rated 优质), by date. Employment offices: the years
  // evaluated (evaluation_store.h), ascending.
  std::vector<std::pair<Date, bool>> quality;
  std::vector<int> evaluated_years;
  // Market HR agencies: the licences recorded (agency_licence_store.h) as
  // (valid from, valid to; nullopt 长期有效).
  std::vector<std::pair<Date, std::optional<Date>>> licences;
  bool OpenOn(Date d) const {
    return (!opened_on || *opened_on <= d) && (!closed_on || *closed_on > d);
  }
  // Open at some time in calendar year `y` (an unknown opening date: yes).
  bool OpenIn(int y) const;
  // The rating in force on `d`: true 优质, false rated otherwise, nullopt
  // none recorded by then (未评级).
  std::optional<bool> QualityOn(Date d) const;
  // A licence in force on `d`: nullopt when none is recorded (not checked),
  // false when every licence recorded has lapsed or not begun by then.
  std::optional<bool> LicensedOn(Date d) const;
};

// A recruitment event as coverage sees it: organised by `region` (the
// province, a prefecture, county or township), held on `held_on`.
// Event kinds (codes): comprehensive 综合性招聘活动 and special 专场招聘活动
// (A4(十一)), and service_team 就业创业服务团队活动 — a team's visit to
// schools, communities or enterprises (进校园、进社区、进企业, A4(十七)).
// Only the first two are recruitment events.
std::string_view EventKindLabel(std::string_view kind);  // "" for an unknown code
bool IsRecruitmentEvent(std::string_view kind);

struct Event {
  int64_t event_id = 0;
  std::string region_code, kind;  // EventKindLabel's codes
  Date held_on;
  bool held = true;               // false: planned, not counted
};

// A work-relief (以工代赈) project (A2(六), A2(十六)) as officials record it
// (programme_store.h); coverage checks its shares.
struct ReliefInput {
  std::string region;        // a Guizhou county or township
  std::string name, sector;  // sector: 农业农村、交通运输、水利、林业、乡村振兴…
  int64_t year = 0;          // the year of the central funds
  int64_t central_funds_fen = 0;   // 中央预算内以工代赈资金
  int64_t labour_paid_fen = 0;     // 发放劳务报酬
  int64_t local_employed = 0;      // 吸纳当地群众就业人数
  int64_t relocated_employed = 0;  // 其中易地搬迁群众
  int64_t posts = 0;               // 设置岗位数
  bool relocation_site = false;    // 安置区周边项目 (A2(十六))
};

struct ReliefProject {
  int64_t project_id = 0;
  std::string county_code;
  ReliefInput in;
};

// Outbound workers of one Guizhou county on a day (outbound_share.h):
// persons of the county with an employment spell outside Guizhou running
// that day; of them those whose spell was organised, and those with no
// spell organised but one not recorded (未记录, not "not organised").
struct OutboundTally {
  std::string county;
  int64_t outbound = 0, organised = 0, unrecorded = 0;
};

enum class Status { kMet, kLate, kMissing, kPending, kInfo };
const char* StatusCode(Status s);   // "met", "late", "missing", "pending", "info"
const char* StatusLabel(Status s);  // 达标, 逾期达标, 未达标, 期限未到, 仅统计

struct Gap {
  std::string code, name;    // the place (region) missing
  std::string detail;        // e.g. "缺 3 周：2025-W21、…" or "无在运行的零工市场"
};

struct DutyResult {
  std::string id, title, clause, quote;
  std::string assumed;       // why the figure is assumed ("" = quoted)
  std::string requirement;   // the rule in words, e.g. "每个县至少 1 个，覆盖率 100%"
  Status status = Status::kInfo;
  std::optional<Date> deadline;
  // kSites: places under the scope, covered now, covered at the deadline,
  // places needed (share × places, rounded up). kCount: count now, at the
  // deadline, min_count. kEvents: place-periods checked and met.
  int64_t places = 0, covered = 0, covered_by_deadline = 0, required = 0;
  int64_t periods = 0, periods_met = 0;
  std::string period_from, period_to;  // kEvents: the periods checked
  bool applicable = true;              // false: no place of the duty's level under the scope
  // kSites with `rating`: places not covered where an open site has no
  // rating recorded (未评级) — unknown rather than failed; listed as gaps.
  int64_t unrated = 0;
  // kSites with `rating`: places not covered where an agency rated 优质 was
  // not counted because its licence had lapsed on the date.
  int64_t unlicensed = 0;
  // kQuota: the count is not held (e.g. the facts it counts not loaded).
  bool unknown = false;
  // The current state in words where the counts read differently
  // (kEvaluations, kQuota); "" = shown from the counts.
  std::string progress;
  // kOutbound: the scope's outbound workers, organised, not recorded.
  int64_t outbound = 0, organised = 0, unrecorded = 0;
  bool outbound_share = false;         // the kOutbound duty
  std::vector<OutboundTally> outbound_counties;  // kOutbound: every county under the scope with outbound workers
  int64_t gap_count = 0;               // gaps in all; `gaps` holds the first 500
  std::vector<Gap> gaps;
};

// kQuota: what the registry counts for a quota duty, per duty id (absent:
// not held, the duty reported as unknown).
struct QuotaCount {
  std::string duty_id;
  int64_t count = 0;
  std::string source;  // what was counted, shown with the count
};

struct CoverageReport {
  std::string scope, scope_name;
  Date as_of;
  std::string document;
  std::vector<DutyResult> duties;
};

// `scope` is "52" or a Guizhou prefecture, county or township code. Sites
// and events outside the scope are ignored. Event duties count completed
// periods from max(duty.from, events_from) to as_of (a week ends on Sunday,
// a month on its last day); a township scope has no prefecture or county
// places, so those duties report 0 places. kInvalidArgument for a scope
// that is not a Guizhou region above village level. Programme duties:
// brands come as sites (programme_store.h BrandSites), work-relief
// duties (kProjects) judge each of `projects` under the scope.
Result<CoverageReport> ComputeCoverage(const RegionIndex& regions, std::string_view scope, Date as_of,
                                       const Duties& duties, std::span<const Site> sites,
                                       std::span<const Event> events,
                                       std::optional<Date> events_from = std::nullopt,
                                       std::span<const ReliefProject> projects = {},
                                       std::span<const QuotaCount> quotas = {},
                                       std::span<const OutboundTally> outbound = {});

// ISO-8601 week label of the week starting on `monday`, e.g. "2025-W23".
std::string WeekLabel(Date monday);

}  // namespace qjy::network

#endif  // QJY_NETWORK_COVERAGE_H_
