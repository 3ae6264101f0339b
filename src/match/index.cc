#include "match/index.h"

#include <algorithm>
#include <climits>
#include <mutex>
#include <type_traits>
#include <unordered_set>

#include <fmt/format.h>

#include "registry/codes.h"

namespace qjy::match {

struct MatchIndex::JobRec {
  int64_t job_id = 0;
  OccCode occ;
  int32_t county = 0;  // place county as a number (6 digits)
  int64_t wage_max = 0;
  int8_t type = 0;
  uint8_t min_edu = 0;
  int32_t open_on = 0, close_on = INT32_MAX;
  bool closed = false;
  std::vector<uint16_t> skills;  // sorted
};

struct MatchIndex::SeekerRec {
  int64_t person_id = 0;
  std::array<OccCode, 3> occ{};
  uint8_t n_occ = 0;
  int32_t home = 0;
  PlaceScope scope = PlaceScope::kProvince;
  std::vector<uint8_t> outbound;  // province numbers
  int64_t expected_wage = 0;
  int8_t work_type = -1;  // -1 = any
  uint8_t edu = 0;
  int32_t available_from = 0;
  bool registered = false;
  std::vector<uint16_t> skills;  // sorted
};

namespace {

int32_t CountyNumber(std::string_view region, std::string_view fallback) {
  std::string_view r = region.size() >= 6 ? region : fallback;
  if (r.size() < 6) return 0;
  int32_t v = 0;
  for (int i = 0; i < 6; ++i) {
    if (r[i] < '0' || r[i] > '9') return 0;
    v = v * 10 + (r[i] - '0');
  }
  return v;
}

// How a job paying up to max_wage fits an expected wage (0 = no
// expectation): the one rule behind the score (ScoreLocked) and the bounds
// of TopJobs.
enum class WageFit { kMeets, kNear, kBelow };
WageFit FitWage(const Weights& w, int64_t expected, int64_t max_wage) {
  if (expected == 0 || max_wage >= expected) return WageFit::kMeets;
  if (max_wage * 1000 >= expected * w.wage_near_per_mille) return WageFit::kNear;
  return WageFit::kBelow;
}
int WagePoints(const Weights& w, WageFit fit) {
  return fit == WageFit::kMeets ? w.wage_meets : fit == WageFit::kNear ? w.wage_near : 0;
}

// 3 = same county, 2 = same prefecture, 1 = same province, 0 = elsewhere.
int PlaceRel(int32_t home, int32_t job) {
  if (home == job) return 3;
  if (home / 100 == job / 100) return 2;
  if (home / 10000 == job / 10000) return 1;
  return 0;
}

uint64_t JobKey(uint16_t medium, int32_t county) {
  return (static_cast<uint64_t>(medium) << 32) | static_cast<uint32_t>(county);
}
uint64_t SeekerKey(uint16_t medium, int32_t county, PlaceScope scope, bool registered) {
  return (static_cast<uint64_t>(medium) << 32) | (static_cast<uint64_t>(county) << 3) |
         (static_cast<uint64_t>(scope) << 1) | (registered ? 1 : 0);
}
uint32_t OutboundKey(uint8_t province, bool registered) { return province * 2u + (registered ? 1 : 0); }

// A reason to an Explanation's list, or to a joined string (as
// Explanation::Joined() would join the list).
void AddReason(Explanation* why, std::string_view r) { why->reasons.emplace_back(r); }
void AddReason(std::string* joined, std::string_view r) {
  if (!joined->empty()) *joined += " · ";
  *joined += r;
}

}  // namespace

std::string Explanation::Joined() const {
  std::string s;
  for (const auto& r : reasons) {
    if (!s.empty()) s += " · ";
    s += r;
  }
  return s;
}

MatchIndex::MatchIndex(OccupationTree tree, Weights weights, Date today)
    : tree_(std::move(tree)), weights_(weights), today_(today) {}
MatchIndex::~MatchIndex() = default;

uint16_t MatchIndex::SkillIdLocked(const std::string& name) {
  auto [it, inserted] = skill_ids_.try_emplace(name, static_cast<uint16_t>(skill_ids_.size()));
  return it->second;
}

Result<JobIndex> MatchIndex::UpsertJob(const registry::Job& job, const JobRequirements& req) {
  if (!tree_.Known(job.occupation_code)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("岗位 {} 的职业代码（occupation_code）“{}”不在 2022 年版职业分类中", job.job_id,
                            job.occupation_code));
  }
  if (job.wage_min_fen < 0 || job.wage_max_fen < job.wage_min_fen) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("岗位 {} 的薪资范围（wage_min_fen–wage_max_fen）颠倒或为负：{}–{} 分", job.job_id,
                            job.wage_min_fen, job.wage_max_fen));
  }
  if (job.headcount < 1) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("岗位 {} 的招聘人数（headcount）应至少为 1", job.job_id));
  }
  if (job.close_on && *job.close_on < job.open_on) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("岗位 {} 的截止日期早于发布日期", job.job_id));
  }
  JobRec rec;
  rec.job_id = job.job_id;
  rec.occ = *ParseOccCode(job.occupation_code);
  rec.county = CountyNumber(job.place_region, job.county_code);
  rec.wage_max = job.wage_max_fen;
  rec.type = static_cast<int8_t>(job.type);
  rec.min_edu = static_cast<uint8_t>(req.min_education);
  rec.open_on = job.open_on.days();
  rec.close_on = job.close_on ? job.close_on->days() : INT32_MAX;
  JobInfo info;
  info.job_id = job.job_id;
  info.county_code = job.county_code;
  info.employer_credit_code = job.employer_credit_code;
  info.title = job.title;
  info.occupation_code = job.occupation_code;
  info.place_region = job.place_region;
  info.requirements = job.requirements;
  info.type = job.type;
  info.wage_min_fen = job.wage_min_fen;
  info.wage_max_fen = job.wage_max_fen;
  info.headcount = job.headcount;
  info.open_on = job.open_on;
  info.close_on = job.close_on;
  std::unique_lock lock(mu_);
  for (const auto& s : req.skills) rec.skills.push_back(SkillIdLocked(s));
  std::sort(rec.skills.begin(), rec.skills.end());
  rec.skills.erase(std::unique(rec.skills.begin(), rec.skills.end()), rec.skills.end());
  auto it = job_by_id_.find(job.job_id);
  if (it != job_by_id_.end()) {
    const JobIndex j = it->second;
    UnindexJobLocked(j);
    jobs_[j] = std::move(rec);
    job_info_[j] = std::move(info);
    IndexJobLocked(j);
    return j;
  }
  const auto j = static_cast<JobIndex>(jobs_.size());
  jobs_.push_back(std::move(rec));
  job_info_.push_back(std::move(info));
  job_by_id_.emplace(job.job_id, j);
  IndexJobLocked(j);
  return j;
}

bool MatchIndex::CloseJob(int64_t job_id) {
  std::unique_lock lock(mu_);
  auto it = job_by_id_.find(job_id);
  if (it == job_by_id_.end()) return false;
  if (!jobs_[it->second].closed) UnindexJobLocked(it->second);
  jobs_[it->second].closed = true;
  job_info_[it->second].closed = true;
  return true;
}

Result<SeekerIndex> MatchIndex::UpsertSeeker(const SeekerProfile& p) {
  if (auto v = ValidateProfile(p); !v) return std::unexpected(v.error());
  SeekerRec rec;
  rec.person_id = p.person_id;
  for (const auto& o : p.desired_occupations) {
    if (rec.n_occ == 3) break;
    rec.occ[rec.n_occ++] = *ParseOccCode(o);
  }
  rec.home = CountyNumber(p.home_county, p.county_code);
  rec.scope = p.scope;
  for (const auto& pr : p.outbound_provinces) rec.outbound.push_back(static_cast<uint8_t>(std::stoi(pr)));
  rec.expected_wage = p.expected_wage_fen;
  rec.work_type = p.work_type ? static_cast<int8_t>(*p.work_type) : -1;
  rec.edu = static_cast<uint8_t>(p.education);
  rec.available_from = p.available_from.days();
  rec.registered = p.registered_unemployed;
  SeekerInfo info{p.person_id, p.county_code, p.home_county, p.registered_unemployed};
  std::unique_lock lock(mu_);
  for (const auto& s : p.skills) rec.skills.push_back(SkillIdLocked(s));
  std::sort(rec.skills.begin(), rec.skills.end());
  rec.skills.erase(std::unique(rec.skills.begin(), rec.skills.end()), rec.skills.end());
  auto it = seeker_by_id_.find(p.person_id);
  if (it != seeker_by_id_.end()) {
    const SeekerIndex s = it->second;
    UnindexSeekerLocked(s);
    seekers_[s] = std::move(rec);
    seeker_info_[s] = std::move(info);
    IndexSeekerLocked(s);
    return s;
  }
  const auto s = static_cast<SeekerIndex>(seekers_.size());
  seekers_.push_back(std::move(rec));
  seeker_info_.push_back(std::move(info));
  seeker_by_id_.emplace(p.person_id, s);
  IndexSeekerLocked(s);
  return s;
}

void MatchIndex::SetToday(Date today) {
  std::unique_lock lock(mu_);
  today_ = today;
}

void MatchIndex::IndexJobLocked(JobIndex j) {
  const JobRec& r = jobs_[j];
  if (r.closed) return;
  auto add_sorted = [](auto& v, auto x) {
    auto it = std::lower_bound(v.begin(), v.end(), x);
    if (it == v.end() || *it != x) v.insert(it, x);
  };
  add_sorted(bucket_counties_, r.county);
  add_sorted(bucket_mediums_, r.occ.MediumKey());
  JobBucket& b = job_buckets_[JobKey(r.occ.MediumKey(), r.county)];
  // Best-paid first, then by index (TopJobs stops early on wages).
  size_t at = 0;
  while (at < b.jobs.size() && (b.wages[at] > r.wage_max || (b.wages[at] == r.wage_max && b.jobs[at] < j))) ++at;
  b.jobs.insert(b.jobs.begin() + static_cast<std::ptrdiff_t>(at), j);
  b.wages.insert(b.wages.begin() + static_cast<std::ptrdiff_t>(at), r.wage_max);
  ScanRec scan;
  scan.job_id = r.job_id;
  scan.wage_max = r.wage_max;
  scan.county = r.county;
  scan.open_on = r.open_on;
  scan.close_on = r.close_on;
  scan.index = j;
  scan.occ = r.occ;
  scan.type = r.type;
  scan.min_edu = r.min_edu;
  scan.has_skills = !r.skills.empty();
  b.recs.insert(b.recs.begin() + static_cast<std::ptrdiff_t>(at), scan);
  b.max_wage = std::max(b.max_wage, r.wage_max);
  b.type_mask = static_cast<uint8_t>(b.type_mask | (1u << r.type));
  b.min_edu = std::min(b.min_edu, r.min_edu);
  b.max_open_on = std::max(b.max_open_on, r.open_on);
  b.any_skills = b.any_skills || !r.skills.empty();
}

void MatchIndex::UnindexJobLocked(JobIndex j) {
  const JobRec& r = jobs_[j];
  if (r.closed) return;
  auto it = job_buckets_.find(JobKey(r.occ.MediumKey(), r.county));
  if (it == job_buckets_.end()) return;
  JobBucket& b = it->second;
  auto at = std::find(b.jobs.begin(), b.jobs.end(), j);
  if (at == b.jobs.end()) return;
  b.wages.erase(b.wages.begin() + (at - b.jobs.begin()));
  b.recs.erase(b.recs.begin() + (at - b.jobs.begin()));
  b.jobs.erase(at);
  if (b.jobs.empty()) job_buckets_.erase(it);
}

void MatchIndex::IndexSeekerLocked(SeekerIndex s) {
  const SeekerRec& r = seekers_[s];
  std::vector<uint16_t> keys;
  for (int i = 0; i < r.n_occ; ++i) keys.push_back(r.occ[i].MediumKey());
  if (keys.empty()) keys.push_back(0);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (uint16_t m : keys) seeker_buckets_[SeekerKey(m, r.home, r.scope, r.registered)].push_back(s);
  for (uint8_t pr : r.outbound) {
    if (pr != r.home / 10000) outbound_buckets_[OutboundKey(pr, r.registered)].push_back(s);
  }
}

void MatchIndex::UnindexSeekerLocked(SeekerIndex s) {
  const SeekerRec& r = seekers_[s];
  std::vector<uint16_t> keys;
  for (int i = 0; i < r.n_occ; ++i) keys.push_back(r.occ[i].MediumKey());
  if (keys.empty()) keys.push_back(0);
  for (uint16_t m : keys) {
    auto it = seeker_buckets_.find(SeekerKey(m, r.home, r.scope, r.registered));
    if (it == seeker_buckets_.end()) continue;
    std::erase(it->second, s);
    if (it->second.empty()) seeker_buckets_.erase(it);
  }
  for (uint8_t pr : r.outbound) {
    auto it = outbound_buckets_.find(OutboundKey(pr, r.registered));
    if (it != outbound_buckets_.end()) std::erase(it->second, s);
  }
}

bool MatchIndex::FeasibleLocked(const SeekerRec& s, const JobRec& j) const { return FeasibleOf(s, j); }

int MatchIndex::ScoreLocked(const SeekerRec& s, const JobRec& j, Explanation* why) const {
  return ScoreOf(s, j, j.skills, why);
}

template <class J>
bool MatchIndex::FeasibleOf(const SeekerRec& s, const J& j) const {
  const int32_t today = today_.days();
  if (j.closed || j.open_on > today || j.close_on < today) return false;
  if (j.close_on < s.available_from) return false;
  switch (PlaceRel(s.home, j.county)) {
    case 3: return true;
    case 2: return s.scope != PlaceScope::kCounty;
    case 1: return s.scope == PlaceScope::kProvince;
    default:
      return std::find(s.outbound.begin(), s.outbound.end(), static_cast<uint8_t>(j.county / 10000)) !=
             s.outbound.end();
  }
}

template <class J, class Why>
int MatchIndex::ScoreOf(const SeekerRec& s, const J& j, std::span<const uint16_t> skills, Why* why) const {
  const Weights& w = weights_;
  // Reasons only when asked for: the searches score millions of pairs, and
  // pass a NoReasons* (no reason code compiled in at all).
  constexpr bool kReasons = !std::is_same_v<Why, NoReasons>;
  auto reason = [why](const char* r) {
    if constexpr (kReasons) {
      if (why) AddReason(why, r);
    }
  };
  int score = 0;
  Closeness best = Closeness::kNone;
  for (int i = 0; i < s.n_occ; ++i) best = std::max(best, Close(s.occ[i], j.occ));
  switch (best) {
    case Closeness::kSame: score += w.occ_same; break;
    case Closeness::kMinor: score += w.occ_minor; break;
    case Closeness::kMedium: score += w.occ_medium; break;
    case Closeness::kMajor: score += w.occ_major; break;
    case Closeness::kNone: break;
  }
  if (best != Closeness::kNone) reason(ClosenessLabel(best));
  if (!skills.empty()) {
    size_t matched = 0, a = 0, b = 0;
    while (a < s.skills.size() && b < skills.size()) {
      if (s.skills[a] == skills[b]) ++matched, ++a, ++b;
      else if (s.skills[a] < skills[b]) ++a;
      else ++b;
    }
    score += static_cast<int>(w.skills * matched / skills.size());
    if (matched == skills.size()) reason("技能证书符合");
    else if constexpr (kReasons) {
      if (matched > 0 && why) AddReason(why, fmt::format("技能证书部分符合（{}/{}）", matched, skills.size()));
    }
  }
  switch (PlaceRel(s.home, j.county)) {
    case 3: score += w.place_county; reason("同县"); break;
    case 2: score += w.place_prefecture; reason("同市州"); break;
    case 1: score += w.place_province; reason("省内"); break;
    default: score += w.place_outbound; reason("意向外出省份"); break;
  }
  const WageFit fit = FitWage(w, s.expected_wage, j.wage_max);
  score += WagePoints(w, fit);
  if (fit == WageFit::kMeets && s.expected_wage > 0) reason("薪资符合期望");
  if (fit == WageFit::kNear) reason("薪资接近期望");
  if (s.work_type < 0 || s.work_type == j.type) {
    score += w.work_type;
    if (s.work_type >= 0) reason("工作类型相符");
  }
  if (j.min_edu == 0 || s.edu >= j.min_edu) {
    score += w.education;
    if (j.min_edu != 0) reason("学历符合");
  } else if constexpr (kReasons) {
    if (why) {
      // Below the requirement is allowed (a posting's wording is often
      // loose) but earns no education points: the officer must see it
      // (trial 3: an 本科 job recommended 初中 candidates without a word).
      const std::string_view required = registry::Label(static_cast<registry::Education>(j.min_edu));
      AddReason(why, s.edu == 0 ? fmt::format("学历未登记（岗位要求{}及以上，不计学历分）", required)
                                : fmt::format("学历不符（要求{}及以上，不计学历分）", required));
    }
  }
  const int age = today_.days() - j.open_on;
  if (age <= w.fresh_days) {
    score += w.fresh;
    reason("新发布");
  } else if (age <= w.recent_days) {
    score += w.recent;
    reason("近期发布");
  }
  return score;
}

namespace {

// 16 bytes (the id first): the batch moves these about to order 50 M of
// them.
struct Ranked {
  int64_t id;
  int32_t score;
  uint32_t index;
};
// a ranks before b.
bool Before(const Ranked& a, const Ranked& b) { return a.score != b.score ? a.score > b.score : a.id < b.id; }

// The k best offered. ties_by_id: among equal scores the lower ids win
// (exact order); otherwise an item merely equal to the k-th cannot enter,
// and among the items scoring the k-th score that did enter the lower ids
// are kept.
//
// Two ways to keep them, the same set either way. A heap of the k best
// (ties_by_id, or scores of kScoreSlots or more): every item that enters
// costs O(log k) moves. Otherwise (the batch's candidates, k = 50, where
// hundreds of items enter per seeker) the items that enter are appended
// and counted by score, and the k-th score (the bar) is raised from the
// counts: O(1) per item, and one sort of what is left at the end.
class TopK {
 public:
  static constexpr int32_t kScoreSlots = 256;
  // max_score: no item scores more (the weights' sum), for the counting way.
  TopK(size_t k, bool ties_by_id, int64_t max_score = INT64_MAX)
      : k_(k), ties_by_id_(ties_by_id), counting_(!ties_by_id && max_score >= 0 && max_score < kScoreSlots) {
    if (counting_) count_.assign(static_cast<size_t>(max_score) + 1, 0);
  }
  bool Full() const { return counting_ ? bar_ >= 0 : heap_.size() >= k_; }
  // Could an item scoring `bound` still enter?
  bool Wants(int32_t bound) const {
    if (counting_) return k_ > 0 && bound > bar_;
    return k_ > 0 && (!Full() || bound > heap_.front().score || (ties_by_id_ && bound == heap_.front().score));
  }
  // Everything it calls inlined (flatten): GCC otherwise left the
  // appends to items_ out of line, a call for each of the hundreds of
  // items that enter per seeker in the batch (2026-12-07, with the same
  // on SearchLocked: at 1 M seekers the batch's candidate lists 12.39 ->
  // 11.04 s CPU and the naive top-3 14.77 -> 14.07 s, medians of 10
  // alternated rounds; bench/README.md).
  [[gnu::flatten]] void Offer(const Ranked& r) {
    if (k_ == 0) return;
    if (counting_) {
      if (r.score <= bar_) return;
      items_.push_back(r);
      ++count_[static_cast<size_t>(r.score)];
      if (bar_ < 0) {
        if (items_.size() < k_) return;
        // Full for the first time: the bar is the lowest score held.
        bar_ = 0;
        while (count_[static_cast<size_t>(bar_)] == 0) ++bar_;
        at_or_above_ = items_.size();
      } else {
        ++at_or_above_;
      }
      // Raise the bar while k items score above it.
      while (at_or_above_ - count_[static_cast<size_t>(bar_)] >= k_) {
        at_or_above_ -= count_[static_cast<size_t>(bar_)];
        ++bar_;
        while (count_[static_cast<size_t>(bar_)] == 0) ++bar_;
      }
      if (items_.size() >= 4 * k_ + 64) {  // drop what fell below the bar
        std::erase_if(items_, [this](const Ranked& x) { return x.score < bar_; });
      }
      return;
    }
    if (!Full()) {
      heap_.push_back(r);
      std::push_heap(heap_.begin(), heap_.end(), Before);
    } else if (ties_by_id_ ? Before(r, heap_.front()) : r.score > heap_.front().score) {
      std::pop_heap(heap_.begin(), heap_.end(), Before);
      heap_.back() = r;
      std::push_heap(heap_.begin(), heap_.end(), Before);
    }
  }
  std::vector<Candidate> Take() {
    std::vector<Candidate> out;
    out.reserve(std::min(k_, (counting_ ? items_ : heap_).size()));
    Drain([&](const Ranked& r) { out.push_back({r.index, r.score}); });
    return out;
  }
  // Empties it for another search of k items, keeping its buffers (the
  // batch's searches, one after another).
  void Reset(size_t k) {
    k_ = k;
    heap_.clear();
    items_.clear();
    std::fill(count_.begin(), count_.end(), 0u);
    bar_ = -1;
    at_or_above_ = 0;
  }
  // What Take() returns, each item handed to emit in order instead.
  template <class Emit>
  void Drain(Emit&& emit) {
    std::vector<Ranked>& v = counting_ ? items_ : heap_;
    if (counting_ && bar_ >= 0) {
      // Those above the bar (fewer than k), then of those at the bar the
      // lowest ids (the heap's choice), then nothing below it.
      const auto above = std::partition(v.begin(), v.end(), [this](const Ranked& x) { return x.score > bar_; });
      const auto at = std::partition(above, v.end(), [this](const Ranked& x) { return x.score == bar_; });
      const auto need = static_cast<std::ptrdiff_t>(k_) - (above - v.begin());
      if (at - above > need) {
        std::nth_element(above, above + need, at, [](const Ranked& x, const Ranked& y) { return x.id < y.id; });
      }
      v.resize(static_cast<size_t>(std::min(at - v.begin(), static_cast<std::ptrdiff_t>(k_))));
    }
    if (counting_) {
      // Before's order without a comparison sort (the batch orders a list
      // of 50 for each of a million seekers): placed by score, highest
      // first, counting the few distinct scores; then each run of one
      // score (a handful of items) by id.
      if (v.empty()) return;
      int32_t lo = v[0].score, hi = v[0].score;
      for (const Ranked& r : v) lo = std::min(lo, r.score), hi = std::max(hi, r.score);
      start_.assign(static_cast<size_t>(hi - lo) + 2, 0);
      for (const Ranked& r : v) ++start_[static_cast<size_t>(hi - r.score) + 1];
      for (size_t i = 1; i < start_.size(); ++i) start_[i] += start_[i - 1];
      sorted_.resize(v.size());
      for (const Ranked& r : v) sorted_[start_[static_cast<size_t>(hi - r.score)]++] = r;
      for (size_t b = 0; b < sorted_.size();) {
        size_t e = b + 1;
        while (e < sorted_.size() && sorted_[e].score == sorted_[b].score) ++e;
        for (size_t i = b + 1; i < e; ++i) {  // insertion sort of the run by id
          const Ranked x = sorted_[i];
          size_t j = i;
          for (; j > b && sorted_[j - 1].id > x.id; --j) sorted_[j] = sorted_[j - 1];
          sorted_[j] = x;
        }
        b = e;
      }
      for (size_t i = 0; i < sorted_.size() && i < k_; ++i) emit(sorted_[i]);
      return;
    }
    // (A lambda, not Before itself: a function pointer is not inlined.)
    std::sort(v.begin(), v.end(), [](const Ranked& a, const Ranked& b) { return Before(a, b); });
    if (v.size() > k_) v.resize(k_);
    for (const auto& r : v) emit(r);
  }

 private:
  size_t k_;
  bool ties_by_id_;
  bool counting_;
  std::vector<Ranked> heap_;  // heap by Before: front = worst kept
  // Counting: the items that entered (none scoring below bar_ once full),
  // how many of them score s (count_[s]), the k-th score once k entered
  // (-1 before) and how many score at least that.
  std::vector<Ranked> items_;
  std::vector<uint32_t> count_;
  std::vector<uint32_t> start_;  // Drain's buffers
  std::vector<Ranked> sorted_;
  int32_t bar_ = -1;
  size_t at_or_above_ = 0;
};

// Orders candidates by bound, highest first, in O(n + max bound) (bounds are
// small integers), stably. start and out: buffers. (The order among equal
// bounds matters for Candidates: among items scoring exactly the k-th
// score, it keeps those met first.)
template <class Cand>
void SortByBound(std::vector<Cand>& v, std::vector<uint32_t>& start, std::vector<Cand>& out) {
  if (v.empty()) return;
  int32_t hi = 0;
  for (const auto& c : v) hi = std::max(hi, c.bound);
  start.assign(static_cast<size_t>(hi) + 2, 0);
  for (const auto& c : v) ++start[static_cast<size_t>(hi - c.bound) + 1];
  for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  out.resize(v.size());
  for (const auto& c : v) out[start[static_cast<size_t>(hi - c.bound)]++] = c;
  v.swap(out);
}
template <class Cand>
void SortByBound(std::vector<Cand>& v) {
  std::vector<uint32_t> start;
  std::vector<Cand> out;
  SortByBound(v, start, out);
}

}  // namespace

// A bucket offered to a seeker's search and the bound of its jobs' scores.
struct MatchIndex::BucketRef {
  int32_t bound;
  uint64_t key;
  const JobBucket* bucket;
};
// The buffers of a search (kept across the seekers of a batch).
struct MatchIndex::SearchBuffers {
  std::vector<BucketRef> first, second, sorted;
  std::vector<uint32_t> start;
};

std::vector<Candidate> MatchIndex::TopJobs(SeekerIndex si, size_t k) const { return TopJobsImpl(si, k, true); }

// Everything it calls inlined (flatten): the score, the feasibility test,
// the offer and the buckets' appends, which GCC otherwise called out of
// line for each job or bucket met (2026-12-07; see TopK::Offer).
template <class Top, class FirstWave, class SecondWave, class Skip>
[[gnu::flatten]] void MatchIndex::SearchLocked(const SeekerRec& s, Top& top, SearchBuffers& buf,
                                               FirstWave&& first_wave, SecondWave&& second_wave, Skip&& skip,
                                               uint32_t* feasible) const {
  const Weights& w = weights_;
  const int32_t today = today_.days();
  // The wage part of the score of a job paying up to max_wage.
  auto wage_part = [&](int64_t max_wage) { return WagePoints(w, FitWage(w, s.expected_wage, max_wage)); };
  // The bound of a bucket for this seeker; -1 when its place is not acceptable.
  auto bound_of = [&](uint64_t key, const JobBucket& bucket) {
    const auto medium = static_cast<uint16_t>(key >> 32);
    const auto county = static_cast<int32_t>(key & 0xffffffffu);
    int place = 0;
    switch (PlaceRel(s.home, county)) {
      case 3: place = w.place_county; break;
      case 2:
        if (s.scope == PlaceScope::kCounty) return -1;
        place = w.place_prefecture;
        break;
      case 1:
        if (s.scope != PlaceScope::kProvince) return -1;
        place = w.place_province;
        break;
      default:
        if (std::find(s.outbound.begin(), s.outbound.end(), static_cast<uint8_t>(county / 10000)) == s.outbound.end())
          return -1;
        place = w.place_outbound;
    }
    int occ = 0;
    for (int i = 0; i < s.n_occ; ++i) {
      const OccCode& d = s.occ[i];
      if (d.seg[0] != medium / 100) continue;
      occ = std::max(occ, (d.depth == 1 || d.seg[1] == medium % 100) ? w.occ_same : w.occ_major);
    }
    // The other parts, bounded by what the bucket's jobs can offer.
    int rest = bucket.any_skills && !s.skills.empty() ? w.skills : 0;
    rest += wage_part(bucket.max_wage);
    if (s.work_type < 0 || (bucket.type_mask >> s.work_type) & 1) rest += w.work_type;
    if (bucket.min_edu == 0 || s.edu >= bucket.min_edu) rest += w.education;
    const int age = today - bucket.max_open_on;
    if (age <= w.fresh_days) rest += w.fresh;
    else if (age <= w.recent_days) rest += w.recent;
    return occ + place + rest;
  };
  auto scan = [&](std::vector<BucketRef>& buckets) {
    SortByBound(buckets, buf.start, buf.sorted);
    for (const BucketRef& b : buckets) {
      if (!top.Wants(b.bound)) break;
      // The bucket's jobs come best-paid first: once the wage part of the
      // bound drops so low that no later job can enter, the rest is skipped.
      // Only the records are read: a job's skills (in its JobRec, elsewhere
      // in memory) only for a seeker who holds skills, since a seeker with
      // none scores 0 for them whatever the job asks.
      const int32_t base = b.bound - wage_part(b.bucket->max_wage);
      for (const ScanRec& job : b.bucket->recs) {
        if (!top.Wants(base + wage_part(job.wage_max))) break;
        if (!FeasibleOf(s, job)) continue;
        if (feasible) ++*feasible;
        if (skip(job.index)) continue;
        const std::span<const uint16_t> skills = job.has_skills && !s.skills.empty()
                                                     ? std::span<const uint16_t>(jobs_[job.index].skills)
                                                     : std::span<const uint16_t>();
        top.Offer({job.job_id, ScoreOf(s, job, skills, static_cast<NoReasons*>(nullptr)), job.index});
      }
    }
  };
  // Wave 1: the buckets of the desired medium groups (anywhere) and every
  // bucket of the home county — where the best scores are — offered by
  // first_wave in ascending key order.
  buf.first.clear();
  first_wave([&](uint64_t key, const JobBucket& bucket) {
    const int b = bound_of(key, bucket);
    if (b >= 0) buf.first.push_back({b, key, &bucket});
  });
  scan(buf.first);
  // Wave 2 can only hold other occupations (at most the same major group)
  // outside the home county: stop when that bound cannot enter.
  int place2 = -1;
  if (s.scope != PlaceScope::kCounty) place2 = w.place_prefecture;
  else if (!s.outbound.empty()) place2 = w.place_outbound;
  if (s.scope == PlaceScope::kProvince) place2 = std::max(place2, w.place_province);
  if (!s.outbound.empty()) place2 = std::max(place2, w.place_outbound);
  if (place2 < 0) return;
  const int occ2 = s.n_occ > 0 ? w.occ_major : 0;
  const int rest2 = (s.skills.empty() ? 0 : w.skills) + w.wage_meets + w.work_type + w.education +
                    std::max(w.fresh, w.recent);
  if (!top.Wants(occ2 + place2 + rest2)) return;
  // Every other bucket, offered by second_wave in the map's order.
  buf.second.clear();
  second_wave([&](uint64_t key, const JobBucket& bucket) {
    const int b = bound_of(key, bucket);
    if (b >= 0) buf.second.push_back({b, key, &bucket});
  });
  scan(buf.second);
}

std::vector<Candidate> MatchIndex::TopJobsImpl(SeekerIndex si, size_t k, bool ties_by_id) const {
  std::shared_lock lock(mu_);
  if (si >= seekers_.size()) return {};
  const SeekerRec& s = seekers_[si];
  TopK top(k, ties_by_id, weights_.MaxTotal());
  SearchBuffers buf;
  std::vector<uint64_t> first_keys;
  SearchLocked(
      s, top, buf,
      [&](auto&& offer) {
        std::vector<uint16_t> mediums;
        for (int i = 0; i < s.n_occ; ++i) {
          for (uint16_t m : bucket_mediums_) {
            if (m / 100 == s.occ[i].seg[0] && (s.occ[i].depth == 1 || m % 100 == s.occ[i].seg[1])) {
              mediums.push_back(m);
            }
          }
        }
        for (uint16_t m : mediums) {
          for (int32_t c : bucket_counties_) first_keys.push_back(JobKey(m, c));
        }
        for (uint16_t m : bucket_mediums_) first_keys.push_back(JobKey(m, s.home));
        std::sort(first_keys.begin(), first_keys.end());
        first_keys.erase(std::unique(first_keys.begin(), first_keys.end()), first_keys.end());
        for (uint64_t key : first_keys) {
          auto it = job_buckets_.find(key);
          if (it != job_buckets_.end()) offer(key, it->second);
        }
      },
      [&](auto&& offer) {
        buf.second.reserve(job_buckets_.size());
        for (const auto& [key, bucket] : job_buckets_) {
          if (!std::binary_search(first_keys.begin(), first_keys.end(), key)) offer(key, bucket);
        }
      },
      [](uint32_t) { return false; }, nullptr);
  return top.Take();
}

void MatchIndex::AppendCandidates(std::span<const SeekerIndex> seekers, size_t k, std::vector<uint32_t>& job,
                                  std::vector<int32_t>& score, std::vector<uint32_t>& ends) const {
  std::shared_lock lock(mu_);
  AppendCandidatesLocked(
      seekers, k, [](uint32_t) { return false; },
      [&](auto&& f) {
        for (const auto& [key, bucket] : job_buckets_) f(key, bucket);
      },
      job, score, ends, nullptr);
}

MatchIndex::JobSubset MatchIndex::SubsetOf(std::span<const uint8_t> skip) const {
  std::shared_lock lock(mu_);
  JobSubset out;
  out.buckets_.reserve(job_buckets_.size());
  for (const auto& [key, bucket] : job_buckets_) {
    JobBucket kept;
    for (const ScanRec& r : bucket.recs) {  // best-paid first, as in the bucket
      if (r.index < skip.size() && skip[r.index]) continue;
      kept.recs.push_back(r);
      kept.max_wage = std::max(kept.max_wage, r.wage_max);
      kept.type_mask = static_cast<uint8_t>(kept.type_mask | (1u << r.type));
      kept.min_edu = std::min(kept.min_edu, r.min_edu);
      kept.max_open_on = std::max(kept.max_open_on, r.open_on);
      kept.any_skills = kept.any_skills || r.has_skills;
    }
    if (kept.recs.empty()) continue;
    out.jobs_ += kept.recs.size();
    out.buckets_.emplace_back(key, std::move(kept));
  }
  std::sort(out.buckets_.begin(), out.buckets_.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  return out;
}

void MatchIndex::AppendCandidatesExcept(const JobSubset& among, std::span<const uint8_t> skip,
                                        std::span<const SeekerIndex> seekers, size_t k, std::vector<uint32_t>& job,
                                        std::vector<int32_t>& score, std::vector<uint32_t>& ends,
                                        std::vector<uint32_t>& feasible_seen) const {
  std::shared_lock lock(mu_);
  const size_t first = ends.size(), first_seen = feasible_seen.size();
  const size_t base = job.size();
  // The lists among the subset's jobs alone (the jobs with room met).
  AppendCandidatesLocked(
      seekers, k, [](uint32_t) { return false; },
      [&](auto&& f) {
        for (const auto& [key, bucket] : among.buckets_) f(key, bucket);
      },
      job, score, ends, &feasible_seen);
  // A seeker that kept fewer than k met every feasible job with room: its
  // feasible jobs, skipped ones included, counted by the same search over
  // all the jobs (where it meets every feasible job too).
  std::vector<SeekerIndex> whole;
  std::vector<size_t> at;
  for (size_t n = 0; n < seekers.size(); ++n) {
    const uint32_t b = n == 0 ? static_cast<uint32_t>(base) : ends[first + n - 1];
    if (ends[first + n] - b < k) whole.push_back(seekers[n]), at.push_back(first_seen + n);
  }
  if (whole.empty()) return;
  std::vector<uint32_t> j2, e2, seen;
  std::vector<int32_t> s2;
  AppendCandidatesLocked(
      whole, k, [skip](uint32_t j) { return j < skip.size() && skip[j] != 0; },
      [&](auto&& f) {
        for (const auto& [key, bucket] : job_buckets_) f(key, bucket);
      },
      j2, s2, e2, &seen);
  for (size_t i = 0; i < whole.size(); ++i) feasible_seen[at[i]] = seen[i];
}

template <class Skip, class ForEachBucket>
void MatchIndex::AppendCandidatesLocked(std::span<const SeekerIndex> seekers, size_t k, Skip&& skip,
                                        ForEachBucket&& for_each_bucket, std::vector<uint32_t>& job,
                                        std::vector<int32_t>& score, std::vector<uint32_t>& ends,
                                        std::vector<uint32_t>* feasible_seen) const {
  // The buckets by (medium group, county) in a table instead of the hash
  // map, and all of them in the map's order with their medium group's
  // place in bucket_mediums_, built once for these seekers.
  const size_t n_med = bucket_mediums_.size(), n_cty = bucket_counties_.size();
  std::vector<const JobBucket*> table(n_med * n_cty, nullptr);
  struct Entry {
    uint64_t key;
    const JobBucket* bucket;
    uint32_t medium;  // place in bucket_mediums_
    int32_t county;
  };
  std::vector<Entry> all;
  all.reserve(job_buckets_.size());
  for_each_bucket([&](uint64_t key, const JobBucket& bucket) {
    const auto county = static_cast<int32_t>(key & 0xffffffffu);
    const size_t m = static_cast<size_t>(
        std::lower_bound(bucket_mediums_.begin(), bucket_mediums_.end(), static_cast<uint16_t>(key >> 32)) -
        bucket_mediums_.begin());
    const size_t c = static_cast<size_t>(std::lower_bound(bucket_counties_.begin(), bucket_counties_.end(), county) -
                                         bucket_counties_.begin());
    table[m * n_cty + c] = &bucket;
    all.push_back({key, &bucket, static_cast<uint32_t>(m), county});
  });
  TopK top(k, false, weights_.MaxTotal());
  SearchBuffers buf;
  std::vector<uint8_t> wanted(n_med, 0);  // the seeker's medium groups, by place in bucket_mediums_
  for (const SeekerIndex si : seekers) {
    if (si >= seekers_.size()) {  // as Candidates(): no list
      ends.push_back(static_cast<uint32_t>(job.size()));
      if (feasible_seen) feasible_seen->push_back(0);
      continue;
    }
    const SeekerRec& s = seekers_[si];
    for (int i = 0; i < s.n_occ; ++i) {
      for (size_t m = 0; m < n_med; ++m) {
        const uint16_t med = bucket_mediums_[m];
        if (med / 100 == s.occ[i].seg[0] && (s.occ[i].depth == 1 || med % 100 == s.occ[i].seg[1])) wanted[m] = 1;
      }
    }
    const auto home_at = std::lower_bound(bucket_counties_.begin(), bucket_counties_.end(), s.home);
    const size_t home = home_at != bucket_counties_.end() && *home_at == s.home
                            ? static_cast<size_t>(home_at - bucket_counties_.begin())
                            : SIZE_MAX;
    top.Reset(k);
    uint32_t seen = 0;
    SearchLocked(
        s, top, buf,
        [&](auto&& offer) {  // ascending (medium group, county), as TopJobsImpl's sorted keys
          for (size_t m = 0; m < n_med; ++m) {
            const JobBucket* const* row = table.data() + m * n_cty;
            if (wanted[m]) {
              for (size_t c = 0; c < n_cty; ++c) {
                if (row[c]) offer(JobKey(bucket_mediums_[m], bucket_counties_[c]), *row[c]);
              }
            } else if (home != SIZE_MAX && row[home]) {
              offer(JobKey(bucket_mediums_[m], s.home), *row[home]);
            }
          }
        },
        [&](auto&& offer) {  // the map's order, less wave 1's keys
          for (const Entry& e : all) {
            if (!wanted[e.medium] && e.county != s.home) offer(e.key, *e.bucket);
          }
        },
        skip, feasible_seen ? &seen : nullptr);
    if (feasible_seen) feasible_seen->push_back(seen);
    top.Drain([&](const Ranked& r) {
      job.push_back(r.index);
      score.push_back(r.score);
    });
    ends.push_back(static_cast<uint32_t>(job.size()));
    std::fill(wanted.begin(), wanted.end(), 0);
  }
}

std::vector<Candidate> MatchIndex::TopJobsBruteForce(SeekerIndex si, size_t k) const {
  std::shared_lock lock(mu_);
  if (si >= seekers_.size()) return {};
  const SeekerRec& s = seekers_[si];
  TopK top(k, true);
  for (JobIndex j = 0; j < jobs_.size(); ++j) {
    if (!FeasibleLocked(s, jobs_[j])) continue;
    top.Offer({jobs_[j].job_id, ScoreLocked(s, jobs_[j], nullptr), j});
  }
  return top.Take();
}

std::vector<Candidate> MatchIndex::TopSeekers(JobIndex ji, size_t k) const {
  std::shared_lock lock(mu_);
  if (ji >= jobs_.size()) return {};
  const JobRec& job = jobs_[ji];
  const Weights& w = weights_;
  const int rest = w.MaxRest();
  const uint16_t job_medium = job.occ.MediumKey();
  struct Cand {
    int32_t bound;
    uint64_t key;
    const std::vector<SeekerIndex>* seekers;
  };
  std::vector<Cand> phase[2];  // [0] registered, [1] others
  auto occ_bound = [&](uint16_t medium) {
    int occ = 0;
    if (medium != 0 && medium / 100 == job_medium / 100) {
      occ = (medium == job_medium || medium % 100 == 0) ? w.occ_same : w.occ_major;
    }
    return occ;
  };
  for (const auto& [key, list] : seeker_buckets_) {
    const bool registered = key & 1;
    const auto scope = static_cast<PlaceScope>((key >> 1) & 3);
    const auto county = static_cast<int32_t>((key & 0xffffffffu) >> 3);
    const auto medium = static_cast<uint16_t>(key >> 32);
    int place = 0;
    switch (PlaceRel(county, job.county)) {
      case 3: place = w.place_county; break;
      case 2:
        if (scope == PlaceScope::kCounty) continue;
        place = w.place_prefecture;
        break;
      case 1:
        if (scope != PlaceScope::kProvince) continue;
        place = w.place_province;
        break;
      default: continue;  // another province: the outbound lists below
    }
    phase[registered ? 0 : 1].push_back({occ_bound(medium) + place + rest, key, &list});
  }
  // Seekers naming the job's province for outbound work (best occupation bound).
  for (bool registered : {true, false}) {
    auto it = outbound_buckets_.find(OutboundKey(static_cast<uint8_t>(job.county / 10000), registered));
    if (it == outbound_buckets_.end() || it->second.empty()) continue;
    phase[registered ? 0 : 1].push_back({w.occ_same + w.place_outbound + rest, 0, &it->second});
  }
  std::vector<Candidate> out;
  for (auto& buckets : phase) {
    if (out.size() >= k) break;
    SortByBound(buckets);
    TopK top(k - out.size(), true);
    std::unordered_set<SeekerIndex> seen;
    for (const Cand& b : buckets) {
      if (!top.Wants(b.bound)) break;
      for (SeekerIndex si : *b.seekers) {
        const SeekerRec& s = seekers_[si];
        if (s.n_occ > 1 && !seen.insert(si).second) continue;
        if (!FeasibleLocked(s, job)) continue;
        top.Offer({s.person_id, ScoreLocked(s, job, nullptr), si});
      }
    }
    auto part = top.Take();
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

template <class Why>
bool MatchIndex::ExplainLocked(SeekerIndex si, JobIndex ji, Why* why, int32_t& score) const {
  if (si >= seekers_.size() || ji >= jobs_.size()) {
    AddReason(why, "无此人员或岗位");
    return false;
  }
  const SeekerRec& s = seekers_[si];
  const JobRec& j = jobs_[ji];
  const int32_t today = today_.days();
  const char* no = nullptr;
  if (j.closed || j.close_on < today) no = "岗位已关闭";
  else if (j.open_on > today) no = "岗位尚未开放";
  else if (j.close_on < s.available_from) no = "岗位在可到岗日期前截止";
  else if (!FeasibleLocked(s, j)) no = "工作地点不在可接受范围内";
  if (no) {
    AddReason(why, no);
    return false;
  }
  score = ScoreOf(s, j, j.skills, why);
  return true;
}

Explanation MatchIndex::Explain(SeekerIndex si, JobIndex ji) const {
  std::shared_lock lock(mu_);
  Explanation e;
  e.feasible = ExplainLocked(si, ji, &e, e.score);
  return e;
}

void MatchIndex::AppendReasons(SeekerIndex s, std::span<const JobIndex> jobs, std::vector<std::string>& out) const {
  const uint32_t end = static_cast<uint32_t>(jobs.size());
  AppendReasons(std::span<const SeekerIndex>(&s, 1), std::span<const uint32_t>(&end, 1), jobs, out);
}

void MatchIndex::AppendReasons(std::span<const SeekerIndex> seekers, std::span<const uint32_t> ends,
                               std::span<const JobIndex> jobs, std::vector<std::string>& out) const {
  std::shared_lock lock(mu_);
  // Joined in one buffer, then copied at their own size: 83 bytes on
  // average at 1 M seekers (99 % within 111), so an allocator's 96- or
  // 112-byte block each, where a string that reserved 128 took a 160-byte
  // one (the batch keeps 3 M of them; its peak RSS 1,590 -> 1,405 MB).
  std::string joined;
  joined.reserve(128);  // six or seven reasons of 2-6 characters (3 bytes each) and their separators
  uint32_t b = 0;
  for (size_t i = 0; i < seekers.size(); ++i) {
    for (uint32_t n = b; n < ends[i]; ++n) {
      joined.clear();
      int32_t score = 0;
      ExplainLocked(seekers[i], jobs[n], &joined, score);
      out.emplace_back(joined);
    }
    b = ends[i];
  }
}

std::optional<JobIndex> MatchIndex::FindJob(int64_t job_id) const {
  std::shared_lock lock(mu_);
  auto it = job_by_id_.find(job_id);
  if (it == job_by_id_.end()) return std::nullopt;
  return it->second;
}

std::optional<SeekerIndex> MatchIndex::FindSeeker(int64_t person_id) const {
  std::shared_lock lock(mu_);
  auto it = seeker_by_id_.find(person_id);
  if (it == seeker_by_id_.end()) return std::nullopt;
  return it->second;
}

size_t MatchIndex::job_count() const {
  std::shared_lock lock(mu_);
  return jobs_.size();
}
size_t MatchIndex::seeker_count() const {
  std::shared_lock lock(mu_);
  return seekers_.size();
}
std::vector<JobIndex> MatchIndex::OpenJobsIn(std::string_view region, size_t limit) const {
  std::vector<JobIndex> out;
  if (region.empty() || region.size() > 6 || region.find_first_not_of("0123456789") != std::string_view::npos) {
    return out;
  }
  int32_t lo = 0, span = 1;
  for (size_t i = 0; i < 6; ++i) {
    lo = lo * 10 + (i < region.size() ? region[i] - '0' : 0);
    if (i >= region.size()) span *= 10;
  }
  std::shared_lock lock(mu_);
  const int32_t today = today_.days();
  auto first = std::lower_bound(bucket_counties_.begin(), bucket_counties_.end(), lo);
  for (auto it = first; it != bucket_counties_.end() && *it < lo + span; ++it) {
    for (uint16_t medium : bucket_mediums_) {
      auto b = job_buckets_.find(JobKey(medium, *it));
      if (b == job_buckets_.end()) continue;
      for (JobIndex j : b->second.jobs) {
        const JobRec& r = jobs_[j];
        if (!r.closed && r.open_on <= today && today <= r.close_on) out.push_back(j);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > limit) out.resize(limit);
  return out;
}

JobInfo MatchIndex::Job(JobIndex j) const {
  std::shared_lock lock(mu_);
  return job_info_.at(j);
}
SeekerInfo MatchIndex::Seeker(SeekerIndex s) const {
  std::shared_lock lock(mu_);
  return seeker_info_.at(s);
}
void MatchIndex::SelectSeekers(SeekerIndex from, SeekerIndex to, bool registered_only,
                               std::string_view region_prefix, std::vector<SeekerIndex>& out) const {
  std::shared_lock lock(mu_);
  for (SeekerIndex s = from; s < to; ++s) {
    const SeekerInfo& info = seeker_info_.at(s);
    if (registered_only && !info.registered_unemployed) continue;
    if (!info.county_code.starts_with(region_prefix)) continue;
    out.push_back(s);
  }
}
void MatchIndex::OpenCapacities(uint32_t multiple, std::vector<uint32_t>& out) const {
  std::shared_lock lock(mu_);
  out.resize(jobs_.size());
  const int32_t today = today_.days();
  for (size_t j = 0; j < jobs_.size(); ++j) {
    const JobRec& r = jobs_[j];
    const bool open = !r.closed && r.open_on <= today && today <= r.close_on;
    out[j] = open ? multiple * static_cast<uint32_t>(job_info_[j].headcount) : 0;
  }
}
int MatchIndex::Capacity(JobIndex j) const {
  std::shared_lock lock(mu_);
  return job_info_.at(j).headcount;
}
bool MatchIndex::Open(JobIndex j) const {
  std::shared_lock lock(mu_);
  const JobRec& r = jobs_.at(j);
  return !r.closed && r.open_on <= today_.days() && today_.days() <= r.close_on;
}
Date MatchIndex::today() const {
  std::shared_lock lock(mu_);
  return today_;
}

}  // namespace qjy::match
