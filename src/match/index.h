// The in-memory match index: open jobs and seekers in compact form, scored
// pairwise with integer points (match/weights.h) and reasons in Chinese.
//
// Used three ways:
//  - online top-k (API): TopJobs(seeker, k), TopSeekers(job, k), Explain();
//  - batch assignment (src/match/batch*, src/assign): SelectSeekers(),
//    AppendCandidates(), OpenCapacities(), AppendReasons(), each under one
//    lock for many persons or jobs;
//  - job posting/closing (server handlers): UpsertJob(), CloseJob() — seen by
//    the very next query (they take the write lock; queries the read lock).
//
// Thread safety: every public member is safe to call concurrently (a
// std::shared_mutex guards the data). Indices (JobIndex, SeekerIndex) are
// stable for the life of the index: jobs are never removed, a closed job
// only stops being feasible.
//
// Hard filters (a pair is infeasible, never scored): the job is closed or
// not open on `today` (open_on <= today <= close_on), the job's place is
// outside the seeker's acceptable places (home county / prefecture /
// province by scope, or a named outbound province), or the job closes
// before the seeker is available.
//
// Score (all integers, weights from match/data/weights.yaml): the best
// occupation closeness over the seeker's desired occupations + skills share
// + place + wage fit + work type + education + recency. Equal scores are
// ordered by job (or seeker) id ascending.
#ifndef QJY_MATCH_INDEX_H_
#define QJY_MATCH_INDEX_H_

#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string_view>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "match/occupation.h"
#include "match/profile.h"
#include "match/weights.h"
#include "registry/model.h"

namespace qjy::match {

using JobIndex = uint32_t;
using SeekerIndex = uint32_t;

// A feasible job for a seeker (or seeker for a job) and its score.
struct Candidate {
  uint32_t index = 0;  // JobIndex for Candidates/TopJobs, SeekerIndex for TopSeekers
  int32_t score = 0;
};

// Score of one pair with its reasons ("职业相同", "同县", "薪资符合期望").
struct Explanation {
  bool feasible = false;
  int32_t score = 0;
  std::vector<std::string> reasons;  // in component order
  std::string Joined() const;        // "职业相同 · 同县 · 薪资符合期望"
};

// What the index keeps of a job (for display and for the batch).
struct JobInfo {
  int64_t job_id = 0;
  std::string county_code, employer_credit_code, title, occupation_code, place_region, requirements;
  registry::JobType type = registry::JobType::kFullTime;
  int64_t wage_min_fen = 0, wage_max_fen = 0;
  int headcount = 1;
  Date open_on;
  std::optional<Date> close_on;
  bool closed = false;  // CloseJob() was called
};

// What the index keeps of a seeker.
struct SeekerInfo {
  int64_t person_id = 0;
  std::string county_code, home_county;
  bool registered_unemployed = false;
};

class MatchIndex {
 public:
  MatchIndex(OccupationTree tree, Weights weights, Date today);
  ~MatchIndex();
  MatchIndex(const MatchIndex&) = delete;
  MatchIndex& operator=(const MatchIndex&) = delete;

  // Adds or replaces (same job_id) a job. kInvalidArgument (Chinese) for an
  // unknown occupation code, an upside-down wage range, a headcount < 1.
  Result<JobIndex> UpsertJob(const registry::Job& job, const JobRequirements& req);
  Result<JobIndex> UpsertJob(const registry::Job& job) { return UpsertJob(job, DeriveRequirements(job)); }
  // Marks the job closed; false when the id is unknown.
  bool CloseJob(int64_t job_id);
  // Adds or replaces (same person_id) a seeker. Validates the profile.
  Result<SeekerIndex> UpsertSeeker(const SeekerProfile& profile);
  // Moves "today" (recency and the open window). Not needed per query.
  void SetToday(Date today);

  // Top-k feasible open jobs for a seeker, score descending (job id asc on ties).
  std::vector<Candidate> TopJobs(SeekerIndex s, size_t k) const;
  // The batch's candidate list: k jobs of the highest scores, as TopJobs,
  // except that the scan stops at ties: once k jobs are held, a job merely
  // equal to the k-th score is not taken, so among jobs scoring exactly the
  // k-th score the lowest ids of those met before are kept (not of all).
  // Every job left out scores at most the k-th score. Same list whether
  // kept by counting scores (small scores, the shipped weights) or in a
  // heap.
  std::vector<Candidate> Candidates(SeekerIndex s, size_t k) const { return TopJobsImpl(s, k, false); }
  // The batch's candidate lists of many seekers: for each of `seekers` in
  // order, the list Candidates(s, k) would return, appended to `job`
  // (JobIndex) and `score`, and the end of it in `job` appended to `ends`.
  // One read lock for all of them (writers wait that long: pass a few
  // thousand seekers at a time), the buckets looked up in a table built
  // once for them instead of the hash map, and one search's buffers reused.
  void AppendCandidates(std::span<const SeekerIndex> seekers, size_t k, std::vector<uint32_t>& job,
                        std::vector<int32_t>& score, std::vector<uint32_t>& ends) const;
  // Some of the jobs, bucketed as the index's own: each bucket keeps only
  // its jobs not skipped, and its bounds are those of the jobs it kept (so
  // a search among them neither walks nor scores the others). A copy made
  // by SubsetOf under the read lock: searches through it see the jobs as
  // they were then (as the batch's first-round lists do: a job closed
  // since can still be listed), but for their skills, read at the search.
  class JobSubset;
  // The jobs j with skip[j] == 0 (skip: one byte per JobIndex; a job past
  // its end is kept).
  JobSubset SubsetOf(std::span<const uint8_t> skip) const;
  // As AppendCandidates, among the jobs of `among` only (made by SubsetOf
  // with this `skip`). The batch's second round: each short person's best
  // jobs that still have room. feasible_seen gets, per seeker, its number
  // of feasible jobs, skipped ones included, when fewer than k were kept
  // (then every feasible job was met); else the feasible jobs with room
  // the search met, at least k.
  void AppendCandidatesExcept(const JobSubset& among, std::span<const uint8_t> skip,
                              std::span<const SeekerIndex> seekers, size_t k, std::vector<uint32_t>& job,
                              std::vector<int32_t>& score, std::vector<uint32_t>& ends,
                              std::vector<uint32_t>& feasible_seen) const;
  // Top-k seekers for a job: registered unemployed first (all of them that
  // are feasible, by score), then others by score.
  std::vector<Candidate> TopSeekers(JobIndex j, size_t k) const;
  // The score and reasons of one pair (infeasible pairs say why not).
  Explanation Explain(SeekerIndex s, JobIndex j) const;
  // Explain(s, j).Joined() for each of `jobs`, appended to `out`, under
  // one read lock.
  void AppendReasons(SeekerIndex s, std::span<const JobIndex> jobs, std::vector<std::string>& out) const;
  // The same for several seekers under one read lock (the batch's reasons,
  // a chunk of persons at a time: at 1 M persons they took 0.93-1.01 s
  // with a lock per person and 0.67-0.75 s in chunks of 256; leaving the
  // lock out altogether gave 0.79-0.86 s, so the lock is most of it):
  // seekers[i]'s jobs are jobs[ends[i - 1], ends[i]) (from 0 for i = 0),
  // their reasons appended in that order.
  // Contract: ends.size() == seekers.size(), ends nondecreasing, each at
  // most jobs.size().
  void AppendReasons(std::span<const SeekerIndex> seekers, std::span<const uint32_t> ends,
                     std::span<const JobIndex> jobs, std::vector<std::string>& out) const;

  // The jobs open today whose place county lies in `region` (a code prefix
  // of 2, 4 or 6 digits: province, prefecture, county), by index, at most
  // `limit` — from the (medium group, county) buckets, no scan of all jobs.
  std::vector<JobIndex> OpenJobsIn(std::string_view region, size_t limit) const;
  std::optional<JobIndex> FindJob(int64_t job_id) const;
  std::optional<SeekerIndex> FindSeeker(int64_t person_id) const;
  size_t job_count() const;
  size_t seeker_count() const;
  JobInfo Job(JobIndex j) const;          // copy (safe while others write)
  SeekerInfo Seeker(SeekerIndex s) const;
  int Capacity(JobIndex j) const;         // the job's headcount
  bool Open(JobIndex j) const;            // open on today and not closed
  // Under one read lock each, for the batch (which took it once per person,
  // from both threads, to select its persons, and twice per job for the
  // capacities): the seekers of [from, to) (to at most seeker_count())
  // that are registered unemployed if registered_only, and whose county
  // code starts with region_prefix, appended to `out` in order; and, for
  // every job, multiple x its headcount if it is Open, else 0, in `out`
  // (resized to job_count(); the lock is held over all jobs at once,
  // one read of each job's two records, once per batch).
  void SelectSeekers(SeekerIndex from, SeekerIndex to, bool registered_only, std::string_view region_prefix,
                     std::vector<SeekerIndex>& out) const;
  void OpenCapacities(uint32_t multiple, std::vector<uint32_t>& out) const;
  Date today() const;
  const OccupationTree& tree() const { return tree_; }
  const Weights& weights() const { return weights_; }

  // Brute force over every job (tests and benchmarks: the reference the
  // bucketed search must agree with).
  std::vector<Candidate> TopJobsBruteForce(SeekerIndex s, size_t k) const;
  // TopJobs (ties_by_id) or Candidates (not).
  std::vector<Candidate> TopJobsImpl(SeekerIndex s, size_t k, bool ties_by_id) const;

 private:
  struct JobRec;
  struct SeekerRec;
  // What a bucket's scan needs of a job, kept in the bucket beside its
  // index (jobs[i] <-> recs[i]): the scan then reads one array in order
  // instead of fetching every job's record from wherever it lies (the
  // batch's candidate lists score ~10 times the jobs a top-3 does).
  struct ScanRec {
    int64_t job_id = 0;
    int64_t wage_max = 0;
    int32_t county = 0;
    int32_t open_on = 0, close_on = INT32_MAX;
    JobIndex index = 0;  // the job (jobs[i]), so that the scan reads no other array
    OccCode occ;
    int8_t type = 0;
    uint8_t min_edu = 0;
    bool has_skills = false;  // the job's skills: jobs_[j].skills
    bool closed = false;      // always false (closed jobs leave the buckets)
  };
  // Jobs of one (medium group, county) with upper bounds of their
  // seeker-independent score parts (grown on insert, never shrunk).
  struct JobBucket {
    std::vector<JobIndex> jobs;   // highest wage_max first, then by index
    std::vector<int64_t> wages;   // wage_max of jobs[i]
    std::vector<ScanRec> recs;    // of jobs[i]
    int64_t max_wage = 0;
    uint8_t type_mask = 0;
    uint8_t min_edu = 255;  // lowest minimum education required
    int32_t max_open_on = INT32_MIN;
    bool any_skills = false;
  };
  struct BucketRef;
  struct SearchBuffers;
  // The bucketed search behind TopJobsImpl and AppendCandidates: offers
  // the buckets first_wave and then (when they could still matter)
  // second_wave hand over (see index.cc) to `top`.
  // skip(job index) true: the job is passed over (after the feasibility
  // test, counted in *feasible when given).
  template <class Top, class FirstWave, class SecondWave, class Skip>
  void SearchLocked(const SeekerRec& s, Top& top, SearchBuffers& buf, FirstWave&& first_wave,
                    SecondWave&& second_wave, Skip&& skip, uint32_t* feasible) const;
  // AppendCandidates and AppendCandidatesExcept, under the read lock:
  // for_each_bucket(f) calls f(key, bucket) for every bucket searched.
  template <class Skip, class ForEachBucket>
  void AppendCandidatesLocked(std::span<const SeekerIndex> seekers, size_t k, Skip&& skip,
                              ForEachBucket&& for_each_bucket, std::vector<uint32_t>& job,
                              std::vector<int32_t>& score, std::vector<uint32_t>& ends,
                              std::vector<uint32_t>* feasible_seen) const;
  int ScoreLocked(const SeekerRec& s, const JobRec& j, Explanation* why) const;
  bool FeasibleLocked(const SeekerRec& s, const JobRec& j) const;
  // The same for a JobRec or a ScanRec (skills: the job's, sorted).
  // why: an Explanation* or a std::string* (the reasons joined), or null.
  // or a NoReasons* (the searches: the score alone, no reason code).
  struct NoReasons {};
  template <class J, class Why>
  int ScoreOf(const SeekerRec& s, const J& j, std::span<const uint16_t> skills, Why* why) const;
  // Explain's verdict: feasible (and the score) or not, the reasons to why.
  template <class Why>
  bool ExplainLocked(SeekerIndex s, JobIndex j, Why* why, int32_t& score) const;
  template <class J>
  bool FeasibleOf(const SeekerRec& s, const J& j) const;
  void IndexJobLocked(JobIndex j);
  void UnindexJobLocked(JobIndex j);
  void IndexSeekerLocked(SeekerIndex s);
  void UnindexSeekerLocked(SeekerIndex s);
  uint16_t SkillIdLocked(const std::string& name);

  const OccupationTree tree_;
  const Weights weights_;
  mutable std::shared_mutex mu_;
  Date today_;
  std::vector<JobRec> jobs_;
  std::vector<JobInfo> job_info_;
  std::vector<SeekerRec> seekers_;
  std::vector<SeekerInfo> seeker_info_;
  std::unordered_map<int64_t, JobIndex> job_by_id_;
  std::unordered_map<int64_t, SeekerIndex> seeker_by_id_;
  std::unordered_map<std::string, uint16_t> skill_ids_;
  // Jobs by (medium group, place county); seekers by (medium group of a
  // desired occupation or 0, home county, registered).
  std::unordered_map<uint64_t, JobBucket> job_buckets_;
  // Every county and medium group that ever had a job bucket (sorted).
  std::vector<int32_t> bucket_counties_;
  std::vector<uint16_t> bucket_mediums_;
  // Seekers by (medium group of a desired occupation or 0, home county,
  // place scope, registered); and by (named outbound province, registered).
  std::unordered_map<uint64_t, std::vector<SeekerIndex>> seeker_buckets_;
  std::unordered_map<uint32_t, std::vector<SeekerIndex>> outbound_buckets_;
};

class MatchIndex::JobSubset {
 public:
  JobSubset(JobSubset&&) noexcept = default;
  JobSubset& operator=(JobSubset&&) noexcept = default;
  size_t jobs() const { return jobs_; }  // how many it holds

 private:
  friend class MatchIndex;
  JobSubset() = default;
  std::vector<std::pair<uint64_t, MatchIndex::JobBucket>> buckets_;  // by key, none empty
  size_t jobs_ = 0;
};

}  // namespace qjy::match

#endif  // QJY_MATCH_INDEX_H_
