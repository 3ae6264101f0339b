#include "network/coverage.h"
#include "network/tiers.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "network/outbound_share.h"
#include "registry/codes.h"
#include "registry/model.h"

namespace qjy::network {
namespace {

constexpr size_t kMaxGaps = 500;

// GB/T 2260 codes: a region's ancestors are its prefixes of these lengths.
size_t CodeLength(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince: return 2;
    case RegionLevel::kPrefecture: return 4;
    case RegionLevel::kCounty: return 6;
    case RegionLevel::kTownship: return 9;
    case RegionLevel::kVillage: return 12;
  }
  return 0;
}

const char* PlaceName(RegionLevel level) {
  switch (level) {
    case RegionLevel::kPrefecture: return "市（州）";
    case RegionLevel::kCounty: return "县（市、区、特区）";
    case RegionLevel::kTownship: return "乡（镇、街道）";
    case RegionLevel::kVillage: return "村（社区）";
    default: return "省";
  }
}

// Programmes counted like sites (programme_store.h BrandSites).
bool IsProgramme(std::string_view kind) {
  return kind == "labour_brand" || kind == "skill_brand" || kind == "brand_leading_enterprise" ||
         kind == "employment_base";
}

std::string KindLabel(std::string_view kind) {
  if (kind == "labour_brand") return "劳务品牌";
  if (kind == "skill_brand") return "“贵州技工”培训品牌";
  if (kind == "brand_leading_enterprise") return "劳务品牌龙头企业";
  if (kind == "employment_base") return "“一县一企”“一县多企”稳岗就业基地";
  auto k = registry::Parse<registry::SiteKind>(kind);
  return k ? std::string(registry::Label(*k)) : std::string(kind);
}

// The place of `level` a region code lies in ("" when the code is above
// that level).
std::string_view PlaceOf(std::string_view code, RegionLevel level) {
  const size_t n = CodeLength(level);
  return code.size() >= n ? code.substr(0, n) : std::string_view();
}

void Collect(const RegionIndex& regions, const std::string& code, RegionLevel level,
             std::vector<Region>& out) {
  const Region* r = regions.Find(code);
  if (r == nullptr) return;
  if (r->level == level) {
    out.push_back(*r);
    return;
  }
  if (static_cast<int>(r->level) > static_cast<int>(level)) return;
  auto children = regions.Children(code);
  if (!children) return;
  for (const auto& c : *children) Collect(regions, c.code, level, out);
}

bool InScope(std::string_view scope, std::string_view code) { return code.starts_with(scope); }

// "周" / "个月" / "年": the period as counted in a gap.
const char* PeriodCount(Period p) { return p == Period::kWeek ? "周" : p == Period::kMonth ? "个月" : "年"; }
// "周" / "月" / "年": the period in a requirement ("每月").
const char* PeriodEach(Period p) { return p == Period::kWeek ? "周" : p == Period::kMonth ? "月" : "年"; }

void AddGap(DutyResult& r, Gap g) {
  ++r.gap_count;
  if (r.gaps.size() < kMaxGaps) r.gaps.push_back(std::move(g));
}

Status Judge(Date as_of, std::optional<Date> deadline, int64_t now, int64_t by_deadline, int64_t required) {
  if (deadline && as_of < *deadline) return now >= required ? Status::kMet : Status::kPending;
  if (now < required) return Status::kMissing;
  return by_deadline >= required ? Status::kMet : Status::kLate;
}

// Whether site `s` counts for duty `d` on date `on`: open, and for a duty
// with `rating`, rated 优质 then (nullopt: open but not rated by then) and
// its licence not lapsed (an agency with no licence recorded is not checked).
std::optional<bool> CountsOn(const Duty& d, const Site& s, Date on) {
  if (!s.OpenOn(on)) return false;
  if (d.rating.empty()) return true;
  const auto quality = s.QualityOn(on);
  if (quality.value_or(false) && !s.LicensedOn(on).value_or(true)) return false;
  return quality;
}

// Rated 优质 on `on` but its licence lapsed then (so not counted).
bool LapsedQuality(const Site& s, Date on) {
  return s.OpenOn(on) && s.QualityOn(on).value_or(false) && !s.LicensedOn(on).value_or(true);
}

void SitesDuty(const RegionIndex& regions, const std::string& scope, Date as_of, const Duty& d,
               std::span<const Site> sites, DutyResult& r) {
  std::vector<Region> places;
  Collect(regions, scope, d.unit, places);
  std::unordered_map<std::string_view, int> now, at_deadline, open_now, unrated_now, lapsed_now;
  for (const auto& s : sites) {
    if (s.kind != d.site_kind || (!d.tier.empty() && s.tier != d.tier)) continue;
    std::string_view place = PlaceOf(s.region, d.unit);
    if (place.empty() || !InScope(scope, place)) continue;
    const auto counts = CountsOn(d, s, as_of);
    if (counts.value_or(false)) ++now[place];
    if (s.OpenOn(as_of)) ++open_now[place];
    if (!counts) ++unrated_now[place];
    if (!d.rating.empty() && LapsedQuality(s, as_of)) ++lapsed_now[place];
    if (d.deadline && s.opened_on && CountsOn(d, s, *d.deadline).value_or(false)) ++at_deadline[place];
  }
  auto count = [](const auto& m, std::string_view k) {
    auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  };
  r.places = static_cast<int64_t>(places.size());
  r.required = (r.places * d.share_bp + 9999) / 10000;
  for (const auto& p : places) {
    const int n = count(now, p.code);
    const bool covered = n >= d.min_per_place;
    if (count(at_deadline, p.code) >= d.min_per_place) ++r.covered_by_deadline;
    if (covered) {
      ++r.covered;
      continue;
    }
    std::string detail;
    if (d.rating.empty()) {
      detail = fmt::format("{}{} {} 个", IsProgramme(d.site_kind) ? "" : "在运行的", KindLabel(d.site_kind), n);
    } else {
      const int unrated = count(unrated_now, p.code);
      const int lapsed = count(lapsed_now, p.code);
      if (unrated > 0) ++r.unrated;
      if (lapsed > 0) ++r.unlicensed;
      detail = fmt::format("在运行的{} {} 个，其中评为优质 {} 个{}{}", KindLabel(d.site_kind), count(open_now, p.code), n,
                           lapsed > 0 ? fmt::format("、评为优质但人力资源服务许可证已过有效期 {} 个（不计入）", lapsed)
                                      : std::string(),
                           unrated > 0 ? fmt::format("、未评级 {} 个（评级未知）", unrated) : std::string());
    }
    AddGap(r, {p.code, regions.FullName(p.code).value_or(p.name), std::move(detail)});
  }
  r.requirement = fmt::format("{}% 的{}各有至少 {} 个{}{}{}{}", d.share_bp / 100.0, PlaceName(d.unit),
                              d.min_per_place, IsProgramme(d.site_kind) ? "" : "在运行的",
                              d.rating.empty() ? "" : "评为优质的",
                              d.tier.empty() ? "" : TierLabel(d.tier), KindLabel(d.site_kind));
  if (r.unrated > 0) r.requirement += fmt::format("（{} 个地方有未评级机构，达标与否未知）", r.unrated);
  if (r.unlicensed > 0) {
    r.requirement += fmt::format("（{} 个地方有评为优质但人力资源服务许可证已过有效期的机构，不计入）", r.unlicensed);
  }
  r.status = Judge(as_of, d.deadline, r.covered, r.covered_by_deadline, r.required);
  if (places.empty()) {  // e.g. a prefecture duty seen from a county
    r.status = Status::kInfo;
    r.applicable = false;
  }
}

struct PeriodRange {
  Date start, end;  // inclusive
  std::string label;
};

std::vector<PeriodRange> Periods(Period period, Date from, Date as_of) {
  std::vector<PeriodRange> out;
  if (period == Period::kWeek) {
    Date monday = from.AddDays((8 - from.iso_weekday()) % 7);  // first Monday on or after `from`
    for (; monday.AddDays(6) <= as_of; monday = monday.AddDays(7)) {
      out.push_back({monday, monday.AddDays(6), WeekLabel(monday)});
    }
  } else if (period == Period::kYear) {
    Date first = *Date::FromYmd(from.year(), 1, 1);
    if (first < from) first = first.AddYears(1);  // a year begun before `from` is not counted
    for (; first.AddYears(1).AddDays(-1) <= as_of; first = first.AddYears(1)) {
      out.push_back({first, first.AddYears(1).AddDays(-1), std::to_string(first.year())});
    }
  } else {
    Date first = *Date::FromYmd(from.year(), from.month(), 1);
    if (first < from) first = first.AddMonths(1);
    for (; first.AddMonths(1).AddDays(-1) <= as_of; first = first.AddMonths(1)) {
      out.push_back({first, first.AddMonths(1).AddDays(-1), first.ToString().substr(0, 7)});
    }
  }
  return out;
}

void EventsDuty(const RegionIndex& regions, const std::string& scope, Date as_of, const Duty& d,
                std::span<const Event> events, std::optional<Date> events_from, DutyResult& r) {
  std::vector<Region> places;
  Collect(regions, scope, d.unit, places);
  std::unordered_map<std::string_view, std::vector<Date>> held;
  for (const auto& e : events) {
    if (!e.held || e.held_on > as_of) continue;
    if (d.event_kind.empty() ? !IsRecruitmentEvent(e.kind) : e.kind != d.event_kind) continue;
    if (e.region_code.size() != CodeLength(d.unit) || !InScope(scope, e.region_code)) continue;
    held[e.region_code].push_back(e.held_on);
  }
  for (auto& [_, v] : held) std::sort(v.begin(), v.end());
  Date from = *d.from;
  // The listing window (events_from) narrows weekly and monthly duties; a
  // yearly duty always looks back over its whole years.
  if (events_from && *events_from > from && d.period != Period::kYear) from = *events_from;
  const auto periods = Periods(d.period, from, as_of);
  if (!periods.empty()) {
    r.period_from = periods.front().label;
    r.period_to = periods.back().label;
  }
  r.places = static_cast<int64_t>(places.size());
  for (const auto& p : places) {
    auto it = held.find(p.code);
    std::vector<std::string> missed;
    for (const auto& per : periods) {
      int64_t n = 0;
      if (it != held.end()) {
        n = std::upper_bound(it->second.begin(), it->second.end(), per.end) -
            std::lower_bound(it->second.begin(), it->second.end(), per.start);
      }
      ++r.periods;
      if (n >= d.min_per_period) {
        ++r.periods_met;
      } else {
        missed.push_back(per.label);
      }
    }
    if (missed.empty()) {
      ++r.covered;
      continue;
    }
    std::string list;
    for (size_t i = 0; i < missed.size() && i < 12; ++i) list += (i ? "、" : "") + missed[i];
    if (missed.size() > 12) list += "…";
    AddGap(r, {p.code, regions.FullName(p.code).value_or(p.name),
               fmt::format("{} {}不足 {} 次：{}", missed.size(), PeriodCount(d.period), d.min_per_period, list)});
  }
  if (periods.empty()) r.covered = 0;  // nothing judged yet is not "met"
  r.required = r.places;
  r.requirement = fmt::format("{}每{}至少 {} 次{}", d.unit == RegionLevel::kProvince ? "省级" : "每个" + std::string(PlaceName(d.unit)),
                              PeriodEach(d.period), d.min_per_period,
                              d.event_kind.empty() ? std::string_view("招聘活动") : EventKindLabel(d.event_kind));
  r.status = periods.empty() ? Status::kInfo : (r.covered == r.places ? Status::kMet : Status::kMissing);
  if (places.empty()) {
    r.status = Status::kInfo;
    r.applicable = false;
  }
}

void CountDuty(const std::string& scope, Date as_of, const Duty& d, std::span<const Site> sites,
               DutyResult& r) {
  for (const auto& s : sites) {
    if (s.kind != d.site_kind || (!d.tier.empty() && s.tier != d.tier) || !InScope(scope, s.region)) continue;
    if (s.OpenOn(as_of)) ++r.covered;
    if (d.deadline && s.opened_on && s.OpenOn(*d.deadline)) ++r.covered_by_deadline;
  }
  r.required = d.min_count;
  r.requirement = fmt::format("全省{}{}达到 {} 个左右", d.tier.empty() ? "各级" : TierLabel(d.tier),
                              KindLabel(d.site_kind), d.min_count);
  // A province-wide total: judged for the province only.
  r.status = scope == "52" ? Judge(as_of, d.deadline, r.covered, r.covered_by_deadline, r.required)
                           : Status::kInfo;
}

// num / den as a percentage with two decimals, rounded down so that a share
// just below a threshold never shows as reaching it.
std::string Percent(int64_t num, int64_t den) {
  if (den == 0) return "—";
  const int64_t bp100 = num * 10000 / den;  // hundredths of a percent
  return fmt::format("{}.{:02}%", bp100 / 100, bp100 % 100);
}

// Each project under the scope (relocated share: those by a relocation
// site) must reach the share: labour remuneration / central funds, or
// relocated persons employed / posts. Projects without central funds
// (resp. posts) cannot be judged and are listed as gaps.
void ProjectsDuty(const RegionIndex& regions, const std::string& scope, const Duty& d,
                  std::span<const ReliefProject> projects, DutyResult& r) {
  const bool labour = d.measure == Measure::kLabourShare;
  for (const auto& p : projects) {
    if (!InScope(scope, p.in.region) || (!labour && !p.in.relocation_site)) continue;
    ++r.places;
    const int64_t num = labour ? p.in.labour_paid_fen : p.in.relocated_employed;
    const int64_t den = labour ? p.in.central_funds_fen : p.in.posts;
    if (den > 0 && num * 10000 >= den * d.share_bp) {
      ++r.covered;
      continue;
    }
    const std::string place = regions.FullName(p.in.region).value_or(p.in.region);
    AddGap(r, {p.in.region, fmt::format("{}（{} 年，编号 {}）", p.in.name, p.in.year, p.project_id),
               den == 0 ? std::string(labour ? "未登记中央以工代赈资金" : "未登记岗位数")
                        : fmt::format("{}{}，{}", labour ? "劳务报酬占比 " : "搬迁群众占岗位 ", Percent(num, den), place)});
  }
  r.required = r.places;
  r.requirement = labour ? fmt::format("每个以工代赈项目劳务报酬占中央资金 {}% 以上", d.share_bp / 100.0)
                         : fmt::format("每个安置区周边以工代赈项目至少 {}% 的岗位吸纳易地搬迁群众{}", d.share_bp / 100.0,
                                       d.assumed.empty() ? "" : "（比例为假定）");
  r.status = r.places == 0 ? Status::kInfo : (r.covered == r.places ? Status::kMet : Status::kMissing);
}

// Each institution of the duty's kind and tiers open in the year judged
// must have an evaluation for it. The year judged is the latest whose
// evaluation was due (due_days after its end) by as_of, from the duty's
// first year; none yet: 期限未到. Places are the duty's unit; `periods`
// counts the institutions to evaluate, `periods_met` those evaluated.
void EvaluationsDuty(const RegionIndex& regions, const std::string& scope, Date as_of, const Duty& d,
                     std::span<const Site> sites, DutyResult& r) {
  std::vector<Region> places;
  Collect(regions, scope, d.unit, places);
  int year = as_of.year();
  while (Date::FromYmd(year, 12, 31)->AddDays(d.due_days) > as_of) --year;
  const int first = d.from->year();
  r.places = static_cast<int64_t>(places.size());
  r.required = r.places;
  std::string tiers;
  for (const auto& t : d.tiers) tiers += (tiers.empty() ? "" : "、") + TierLabel(t);
  r.requirement = fmt::format("每个{}内{}{}每年评估一次（年度结束后 {} 天内完成）", PlaceName(d.unit), tiers,
                              KindLabel(d.site_kind), d.due_days);
  if (places.empty()) {
    r.status = Status::kInfo;
    r.applicable = false;
    return;
  }
  if (year < first) {
    r.status = Status::kPending;
    r.period_from = r.period_to = std::to_string(first);
    r.progress = fmt::format("{} 年度的评估尚未到期", first);
    return;
  }
  r.period_from = r.period_to = std::to_string(year);
  r.deadline = Date::FromYmd(year, 12, 31)->AddDays(d.due_days);
  std::map<std::string, std::vector<const Site*>> missing;
  std::map<std::string, int> due;
  for (const auto& s : sites) {
    if (s.kind != d.site_kind || std::find(d.tiers.begin(), d.tiers.end(), s.tier) == d.tiers.end()) continue;
    const std::string place(PlaceOf(s.region, d.unit));
    if (place.empty() || !InScope(scope, place) || !s.OpenIn(year)) continue;
    ++r.periods;
    ++due[place];
    if (std::find(s.evaluated_years.begin(), s.evaluated_years.end(), year) != s.evaluated_years.end()) {
      ++r.periods_met;
    } else {
      missing[place].push_back(&s);
    }
  }
  for (const auto& p : places) {
    auto it = missing.find(p.code);
    if (it == missing.end()) {
      ++r.covered;
      continue;
    }
    std::string names;
    for (size_t i = 0; i < it->second.size() && i < 8; ++i) names += (i ? "、" : "") + it->second[i]->name;
    if (it->second.size() > 8) names += "…";
    AddGap(r, {p.code, regions.FullName(p.code).value_or(p.name),
               fmt::format("{} 年度应评估 {} 个，未评估 {} 个：{}", year, due[p.code], it->second.size(), names)});
  }
  r.status = r.covered == r.places ? Status::kMet : Status::kMissing;
  r.progress = fmt::format("{} 年度：应评估 {} 个机构，已评估 {} 个；{} 个{}中 {} 个全部完成", year, r.periods, r.periods_met,
                           r.places, PlaceName(d.unit), r.covered);
}

// A yearly province-wide target counted from the registry's facts
// (`quotas`): judged for the province once the year has ended; below the
// province the count is shown for information.
void QuotaDuty(const std::string& scope, Date as_of, const Duty& d, std::span<const QuotaCount> quotas,
               DutyResult& r) {
  r.required = d.min_count;
  r.deadline = *Date::FromYmd(d.year, 12, 31);
  r.requirement = fmt::format("{} 年全省不少于 {}（统计：{}）", d.year, d.min_count, d.source);
  const QuotaCount* q = nullptr;
  for (const auto& c : quotas) {
    if (c.duty_id == d.id) q = &c;
  }
  if (q == nullptr) {
    r.unknown = true;
    r.status = Status::kInfo;
    r.requirement += "；本库未载入相应记录，无法统计";
    r.progress = "无法统计（本库未载入相应记录）";
    return;
  }
  r.covered = r.covered_by_deadline = q->count;
  r.progress = fmt::format("{} 年已统计 {}，目标 {}{}", d.year, q->count, d.min_count, scope == "52" ? "" : "（全省目标，本区划仅统计）");
  if (scope != "52") {
    r.status = Status::kInfo;
    return;
  }
  r.status = as_of <= *r.deadline ? (q->count >= d.min_count ? Status::kMet : Status::kPending)
                                  : (q->count >= d.min_count ? Status::kMet : Status::kMissing);
  if (q->count < d.min_count) {
    AddGap(r, {scope, "全省", fmt::format("{} 年已统计 {}，距目标差 {}", d.year, q->count, d.min_count - q->count)});
  }
}

}  // namespace

bool Site::OpenIn(int y) const {
  const Date start = *Date::FromYmd(y, 1, 1);
  const Date end = *Date::FromYmd(y, 12, 31);
  return (!opened_on || *opened_on <= end) && (!closed_on || *closed_on > start);
}

std::optional<bool> Site::QualityOn(Date d) const {
  std::optional<bool> out;
  for (const auto& [on, quality] : this->quality) {
    if (on > d) break;
    out = quality;
  }
  return out;
}

std::optional<bool> Site::LicensedOn(Date d) const {
  if (licences.empty()) return std::nullopt;
  for (const auto& [from, to] : licences) {
    if (from <= d && (!to || d <= *to)) return true;
  }
  return false;
}

std::string_view EventKindLabel(std::string_view kind) {
  if (kind == "comprehensive") return "综合性招聘活动";
  if (kind == "special") return "专场招聘活动";
  if (kind == "service_team") return "就业创业服务团队活动";
  return "";
}

bool IsRecruitmentEvent(std::string_view kind) { return kind == "comprehensive" || kind == "special"; }

const char* StatusCode(Status s) {
  switch (s) {
    case Status::kMet: return "met";
    case Status::kLate: return "late";
    case Status::kMissing: return "missing";
    case Status::kPending: return "pending";
    case Status::kInfo: return "info";
  }
  return "info";
}

const char* StatusLabel(Status s) {
  switch (s) {
    case Status::kMet: return "达标";
    case Status::kLate: return "逾期达标";
    case Status::kMissing: return "未达标";
    case Status::kPending: return "期限未到";
    case Status::kInfo: return "仅统计";
  }
  return "仅统计";
}

std::string WeekLabel(Date monday) {
  // The ISO year is that of the week's Thursday.
  const Date thursday = monday.AddDays(3);
  const Date jan1 = *Date::FromYmd(thursday.year(), 1, 1);
  const int week = (thursday.days() - jan1.days()) / 7 + 1;
  return fmt::format("{}-W{:02}", thursday.year(), week);
}

Result<CoverageReport> ComputeCoverage(const RegionIndex& regions, std::string_view scope, Date as_of,
                                       const Duties& duties, std::span<const Site> sites,
                                       std::span<const Event> events, std::optional<Date> events_from,
                                       std::span<const ReliefProject> projects,
                                       std::span<const QuotaCount> quotas,
                                       std::span<const OutboundTally> outbound) {
  const Region* r = regions.Find(scope);
  if (r == nullptr || !scope.starts_with("52") || r->level == RegionLevel::kVillage) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("区划「{}」不是贵州省的省、市（州）、县或乡级区划", scope));
  }
  CoverageReport out;
  out.scope = std::string(scope);
  out.scope_name = regions.FullName(scope).value_or(r->name);
  out.as_of = as_of;
  out.document = duties.document;
  for (const auto& d : duties.duties) {
    DutyResult res;
    res.id = d.id;
    res.title = d.title;
    res.clause = d.clause;
    res.quote = d.quote;
    res.deadline = d.deadline;
    res.assumed = d.assumed;
    switch (d.kind) {
      case DutyKind::kSites: SitesDuty(regions, out.scope, as_of, d, sites, res); break;
      case DutyKind::kEvents: EventsDuty(regions, out.scope, as_of, d, events, events_from, res); break;
      case DutyKind::kCount: CountDuty(out.scope, as_of, d, sites, res); break;
      case DutyKind::kProjects: ProjectsDuty(regions, out.scope, d, projects, res); break;
      case DutyKind::kEvaluations: EvaluationsDuty(regions, out.scope, as_of, d, sites, res); break;
      case DutyKind::kQuota: QuotaDuty(out.scope, as_of, d, quotas, res); break;
      case DutyKind::kOutbound: OutboundDuty(regions, out.scope, d, outbound, res); break;
    }
    out.duties.push_back(std::move(res));
  }
  return out;
}

}  // namespace qjy::network
